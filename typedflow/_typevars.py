"""What a TypeVar stands for: its bound, constraints and default, forward references resolved."""

from __future__ import annotations

import functools
import inspect
import sys
import typing
from typing import TypeVar

import typing_extensions as te

from ._hints import param_default, resolve_forward

__all__ = ["bound", "constraints", "upper"]

def bound(var: TypeVar) -> object:
    """The upper bound of ``var`` (``object`` when it has none)."""
    value = var.__bound__
    return object if value is None else _resolved(var, value)


def constraints(var: TypeVar) -> tuple[object, ...]:
    """The constraints of ``var`` (``TypeVar("T", str, bytes)``), forward references resolved."""
    return tuple(_resolved(var, c) for c in var.__constraints__)


def upper(var: TypeVar) -> object:
    """What an unsolved TypeVar in a source position stands for.

    Its default (PEP 696: a bare generic alias such as ``Alias = Box[int, T]`` with
    ``T = TypeVar("T", default=str)`` is ``Box[int, str]``), else its bound or constraints.
    """
    value = param_default(var)
    if value is not te.NoDefault:
        return value
    found = constraints(var)
    if found:
        return typing.Union[found]  # noqa: UP007  runtime union of arbitrary hints
    return bound(var)


def _resolved(var: TypeVar, hint: object) -> object:
    """``hint`` with a string or ``ForwardRef`` resolved where ``var`` was declared.

    A ``TypeVar("T", bound="Animal")`` records its module; a PEP 695 parameter
    (``class Box[T: "Animal"]``) does not, so the module of the class, function or alias that
    declares it is looked up.
    """
    if not isinstance(hint, str | typing.ForwardRef):
        return hint
    module = getattr(var, "__module__", None)
    if module in (None, "typing", "typing_extensions"):
        module = _owner_module(var)
    return resolve_forward(hint, module)


@functools.lru_cache(maxsize=256)
def _owner_module(var: TypeVar) -> str | None:
    for name, mod in list(sys.modules.items()):
        namespace = getattr(mod, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        for value in list(namespace.values()):
            if not (isinstance(value, type) or inspect.isfunction(value)):
                continue
            params = getattr(value, "__type_params__", ())
            if isinstance(params, tuple) and var in params:
                return name
    return None
