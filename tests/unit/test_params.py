"""`_params.parameters` reads a plain function's parameters from its code object (issue 12,
W5): exactly what `inspect.signature` gives, and `inspect.signature` itself for anything else."""

from __future__ import annotations

import functools
import inspect
from typing import Any

import pytest

from typedflow._params import parameters


def f0() -> None: ...
def f1(a: int, b: str = "x", /, c: float = 1.0, *args: int, d: bool, e: int = 2, **kw: Any) -> int:
    return 0
def f2(*, only: int) -> None: ...
def f3(a, b=None, *rest, **more): ...  # type: ignore[no-untyped-def]
def f4(a: int, /) -> None: ...
def f5(*args: int) -> None: ...
def f6(x: int, *, y: int = 3, z: str) -> None:
    local = x + y  # locals after the parameters are not parameters
    del local
async def f7(q: str, *, deps: object) -> str:
    return q
def f8(a: int = 1, b: int = 2) -> None: ...


@functools.wraps(f1)
def wrapped(*args: Any, **kwargs: Any) -> Any:
    return f1(*args, **kwargs)


def closure() -> Any:
    seen = 1

    def inner(a: int, *, b: int = seen) -> int:
        return a + b

    return inner


CASES = [f0, f1, f2, f3, f4, f5, f6, f7, f8, wrapped, closure()]
CASES += [functools.partial(f1, 1), len, str.join]


@pytest.mark.parametrize("func", CASES, ids=lambda f: getattr(f, "__name__", repr(f)))
def test_same_parameters_as_inspect(func: Any) -> None:
    assert list(parameters(func)) == list(inspect.signature(func).parameters.values())


def test_no_signature_raises_as_inspect_does() -> None:
    with pytest.raises(ValueError, match="no signature found for builtin type <class 'int'>"):
        parameters(int)


def test_parameters_shared_between_functions_keep_each_functions_own_reading() -> None:
    # Parameters without a default are shared by functions that have them alike; one that
    # differs in name, kind, annotation or default gets its own.
    def g(a: int, /, b: str, *args: int, **kw: Any) -> None: ...
    def h(a: int, b: str, *args: str, **kw: Any) -> None: ...
    def k(a: int, /, b: str = "x", *args: int, **kw: Any) -> None: ...

    for func in (g, h, k, g):
        assert list(parameters(func)) == list(inspect.signature(func).parameters.values())
    assert next(iter(parameters(g))) is next(iter(parameters(k)))
