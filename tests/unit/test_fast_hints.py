"""`type_hints`' fast path for plain functions (issue 12, W5) gives exactly what
`typing_extensions.get_type_hints(include_extras=True)` gives, and leaves every annotation it
cannot prove equal (strings inside generics, invalid hints, unresolvable names) to it."""

from __future__ import annotations

import collections.abc
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal, NewType, ParamSpec, TypeVar

import pytest
import typing_extensions as te

from typedflow._hints import _plain_function_hints, type_hints

T = TypeVar("T")
P = ParamSpec("P")
UserId = NewType("UserId", int)


@dataclass
class Doc:
    text: str


ANNOTATIONS = [
    "int",
    "Doc",  # bare names are looked up (module, then builtins) without compiling
    "bool",
    "type",
    "P",
    "str | None",
    "None",
    "list[int]",
    "dict[str, list[Doc]]",
    "typing.Optional[typing.List[int]]",
    "tuple[int, ...]",
    "tuple[()]",
    "Literal['a', 'b']",
    "Literal[1] | None",
    "Annotated[int, 'meta', 3]",
    "collections.abc.Callable[..., int]",
    "collections.abc.Callable[[int, str], None]",
    "collections.abc.Callable[P, T]",
    "typing.Callable[[Doc], Doc]",
    "T",
    "list[T]",
    "Any",
    "typing.Never",
    "te.Self",
    "UserId",
    "type[Doc]",
    "te.LiteralString",
    "frozenset[Literal['x']]",
]
FALLBACK = [
    "list['Doc']",  # a string inside: get_type_hints evaluates it
    "dict[str, 'int']",
    "typing.List['Doc']",
    "Later",  # not defined: get_type_hints raises NameError
    "list[Later]",
    "3",  # not a hint: get_type_hints raises TypeError
]


def _function(annotation: str) -> typing.Callable[..., object]:
    namespace: dict[str, object] = {}
    source = f"def f(x: {annotation}) -> {annotation}:\n    return x\n"
    code = compile("from __future__ import annotations\n" + source, "<test>", "exec")
    exec(code, globals(), namespace)
    f = namespace["f"]
    assert callable(f)
    return f


@pytest.mark.parametrize("annotation", ANNOTATIONS)
def test_fast_path_equals_get_type_hints(annotation: str) -> None:
    f = _function(annotation)
    fast = _plain_function_hints(f, {})  # type: ignore[arg-type]
    assert fast is not None, f"{annotation} should take the fast path"
    assert fast == te.get_type_hints(f, include_extras=True)
    assert type_hints(f, include_extras=True) == fast


@pytest.mark.parametrize("annotation", FALLBACK)
def test_what_it_cannot_prove_is_left_to_get_type_hints(annotation: str) -> None:
    f = _function(annotation)
    assert _plain_function_hints(f, {}) is None  # type: ignore[arg-type]
    try:
        expected: object = te.get_type_hints(f, include_extras=True)
    except Exception as exc:  # noqa: BLE001
        with pytest.raises(type(exc)):
            type_hints(f, include_extras=True)
    else:
        assert type_hints(f, include_extras=True) == expected


def test_a_string_that_is_not_an_expression_is_left_to_get_type_hints() -> None:
    f = _function("int")
    f.__annotations__["x"] = "int +"
    assert _plain_function_hints(f, {}) is None  # type: ignore[arg-type]
    with pytest.raises(SyntaxError):
        type_hints(f, include_extras=True)


def test_names_used_only_in_annotation_strings_are_imported() -> None:
    assert (collections.abc.Callable, Annotated, Any, Literal, UserId, P) is not None


def test_a_bare_name_is_looked_up_in_locals_first_then_the_module_then_builtins() -> None:
    f = _function("Doc")
    assert _plain_function_hints(f, {"Doc": int}) == {"x": int, "return": int}  # type: ignore[arg-type]
    assert _plain_function_hints(f, {}) == {"x": Doc, "return": Doc}  # type: ignore[arg-type]
    namespace: dict[str, object] = {"__builtins__": {"int": str}}
    source = "def g(x: 'int') -> 'None': ..."
    exec(compile(source, "<test>", "exec", dont_inherit=True), namespace)
    assert _plain_function_hints(namespace["g"], {}) == {"x": str, "return": type(None)}  # type: ignore[arg-type]
