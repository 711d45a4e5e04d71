"""The join (least upper bound) of hints, as mypy computes it for a fixed tuple's elements."""

from __future__ import annotations

import functools
import typing
from typing import TYPE_CHECKING

from ._hints import NONE_TYPE, UNIONS, parts, strip, upcast_args

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["join"]



def join(items: tuple[object, ...], check: Callable[[object, object], bool]) -> object:
    """The type mypy gives a value that may be any of ``items`` (a fixed tuple's elements).

    mypy reads ``tuple[str, int]`` as a ``tuple[object, ...]`` and ``tuple[bool, int]`` as a
    ``tuple[int, ...]`` when it solves a TypeVar from it.

    One item assignable to the other gives the wider one (promotions included, ``Any`` wins);
    ``None`` or a union joins to a union (mypy's rule); ``Literal`` and ``NewType`` items join
    through their runtime types; two classes join to the first class of the first one's MRO
    that the other also derives from, with equal type arguments, else ``object``. The result
    is never narrower than mypy's join, so a solution built on it never accepts an edge that
    mypy rejects downstream.

    Args:
        items: The element types (an empty tuple joins to ``Never``).
        check: The assignability relation.
    """
    if not items:
        return typing.Never
    return functools.reduce(lambda a, b: _join2(a, b, check), items)


def _join2(a: object, b: object, check: Callable[[object, object], bool]) -> object:
    if check(a, b):
        return b
    if check(b, a):
        return a
    sa, sb = strip(a), strip(b)
    if NONE_TYPE in (sa, sb) or parts(sa)[0] in UNIONS or parts(sb)[0] in UNIONS:
        return typing.Union[a, b]  # noqa: UP007  runtime union of arbitrary hints
    na, nb = _runtime_type(sa, check), _runtime_type(sb, check)
    if na is not sa or nb is not sb:
        return _join2(na, nb, check)
    a_origin, a_args = parts(sa)
    b_origin, b_args = parts(sb)
    if not (isinstance(a_origin, type) and isinstance(b_origin, type)):
        return object
    for base in a_origin.__mro__:
        if base is object or base not in b_origin.__mro__:
            continue
        args = upcast_args(a_origin, a_args, base)
        if args != upcast_args(b_origin, b_args, base):
            continue
        if not args:
            return base
        try:
            return base[args]  # type: ignore[index]  # a generic base, parametrised at runtime
        except TypeError:
            continue
    return object


def _runtime_type(hint: object, check: Callable[[object, object], bool]) -> object:
    """A ``Literal`` as the join of its values' classes, a ``NewType`` as its supertype."""
    origin, args = parts(hint)
    if origin is typing.Literal:
        return join(tuple(type(v) for v in args or ()), check)
    if isinstance(hint, typing.NewType):
        return strip(hint.__supertype__)
    return hint
