"""Filters: a node declared to return `T | None` ends its branch on `None`; its edges carry `T`."""

from __future__ import annotations

import types
import typing
from typing import Any

from ._hints import strip

__all__ = ["edge_type", "is_filter"]

_NONE: Any = type(None)


def is_filter(returns: object) -> bool:
    """Whether a node declared to return `returns` is a filter: a union holding `None` and
    something else (`T | None`, `Optional[T]`, `T | U | None`); its `None` ends its branch."""
    if type(returns) is type:  # a plain class, the common case
        return False
    bare = _unwrap(returns)
    if typing.get_origin(bare) not in (typing.Union, types.UnionType):
        return False
    members = typing.get_args(bare)
    return _NONE in members and len(members) > 1


def _unwrap(hint: object) -> object:
    """`hint` as the type checkers read a return type: `Annotated` metadata and type aliases
    (`TypeAliasType`, PEP 695 `type`) removed."""
    try:
        return strip(hint)
    except TypeError:  # an unresolved forward reference: not a filter the build can see
        return hint


def edge_type(returns: object) -> object:
    """What crosses an edge out of a node returning `returns`: a filter's union without `None`
    (None never crosses an edge); any other hint as it is."""
    if not is_filter(returns):
        return returns
    kept = tuple(m for m in typing.get_args(_unwrap(returns)) if m is not _NONE)
    return kept[0] if len(kept) == 1 else typing.Union[kept]  # noqa: UP007  # built from a tuple
