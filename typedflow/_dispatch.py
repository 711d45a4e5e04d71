"""`route`'s dispatch: the router and merge functions, the members a type splits into, and
run-time tests for branch inputs."""

from __future__ import annotations

import enum
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typing_extensions as te

from ._hints import NONE_TYPE, UNIONS, is_any, parts, strip, type_repr

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._node import Node

__all__ = ["BranchTest", "Merge", "Router", "branch_tests", "is_merge", "is_router", "members"]

_FLOATS: tuple[type, ...] = (float, int)  # `float` admits `int` (the numeric promotion)
_COMPLEXES: tuple[type, ...] = (complex, float, int)


def members(hint: object) -> tuple[object, ...]:
    """Split ``hint`` into the members a route dispatches on.

    Unions give their members, ``Literal[a, b]`` gives ``Literal[a]`` and ``Literal[b]``,
    ``bool`` gives ``Literal[True]`` and ``Literal[False]``, an ``Enum`` class its members as
    ``Literal``s, ``None`` gives ``NoneType``; anything else is one member.
    """
    try:
        bare = strip(hint)
    except TypeError:  # an unresolved forward reference: one opaque member
        return (hint,)
    origin, args = parts(bare)
    found: list[object]
    if origin in UNIONS and args:
        found = [m for a in args for m in members(a)]
    elif origin is typing.Literal and args:
        found = [typing.Literal[a] for a in args]
    elif bare is bool:
        found = [typing.Literal[True], typing.Literal[False]]
    elif isinstance(bare, type) and issubclass(bare, enum.Enum) and not issubclass(bare, enum.Flag):
        found = [typing.Literal[m] for m in bare] or [bare]
    else:
        found = [bare]
    unique: list[object] = []
    for m in found:
        if not any(m == u for u in unique):
            unique.append(m)
    return tuple(unique)


@dataclass(frozen=True, slots=True)
class BranchTest:
    """Whether a value belongs to one branch's input type: decided once, at `route`.

    Attributes:
        anything: Every value belongs (`Any`, `object`).
        none: `None` belongs.
        classes: `isinstance` against these.
        values: `(type(v), v)` of each `Literal` value (so `True` is not `1`).
        dicts: TypedDicts as `(tag key, (type, value) pairs)`; a key of None takes any dict.
    """

    anything: bool = False
    none: bool = False
    classes: tuple[type, ...] = ()
    values: frozenset[tuple[type, object]] = frozenset()
    dicts: tuple[tuple[str | None, frozenset[tuple[type, object]]], ...] = ()

    def __call__(self, value: object) -> bool:
        """Whether `value` belongs to the branch."""
        if self.anything:
            return True
        if value is None:
            return self.none
        if self.classes and isinstance(value, self.classes):
            return True
        if self.values:
            try:
                if (type(value), value) in self.values:
                    return True
            except TypeError:  # an unhashable value is no Literal
                pass
        if self.dicts and isinstance(value, dict):
            return any(key is None or _tagged(value, key, tags) for key, tags in self.dicts)
        return False


def _tagged(value: dict[Any, Any], key: str, tags: frozenset[tuple[type, object]]) -> bool:
    tag = value.get(key)
    try:
        return (type(tag), tag) in tags
    except TypeError:
        return False


def branch_tests(inputs: tuple[object, ...]) -> tuple[BranchTest | str, ...]:
    """A run-time test for each branch input type, or why it has none (a phrase)."""
    typed_dicts = [m for hint in inputs for m in members(hint) if te.is_typeddict(m)]
    tags = _tags(typed_dicts)
    return tuple(_branch_test(hint, tags) for hint in inputs)


def _branch_test(
    hint: object, tags: dict[object, tuple[str, frozenset[Any]]] | None
) -> BranchTest | str:
    anything = none = False
    classes: list[type] = []
    values: set[tuple[type, object]] = set()
    dicts: list[tuple[str | None, frozenset[tuple[type, object]]]] = []
    for m in members(hint):
        origin, args = parts(m)
        if is_any(m) or m is object:
            anything = True
        elif m is NONE_TYPE:
            none = True
        elif origin is typing.Literal and args:
            values.add((type(args[0]), args[0]))
        elif te.is_typeddict(m):
            if tags is None:
                return (
                    f"`{type_repr(m)}` is a TypedDict that no `Literal` tag key tells apart"
                    " from the other branches' TypedDicts"
                )
            dicts.append(tags.get(m, (None, frozenset())))  # None: any dict
        else:
            why = _untestable(m)
            if why is not None:
                return why
            cls = typing.cast("type", m)
            classes.extend(_FLOATS if cls is float else _COMPLEXES if cls is complex else (cls,))
    return BranchTest(
        anything, none, tuple(dict.fromkeys(classes)), frozenset(values), tuple(dicts)
    )


def _untestable(m: object) -> str | None:
    """Why `isinstance` cannot test a member, or None when it can."""
    shown = f"`{type_repr(m)}`"
    if isinstance(m, typing.TypeVar):
        return f"{shown} is a type variable"
    if isinstance(m, typing.NewType):
        return f"{shown} is a `NewType`, which is its supertype at run time"
    if typing.get_origin(m) is not None:
        return f"{shown} has type arguments, which `isinstance` cannot check"
    if not isinstance(m, type):
        return f"{shown} is not a class, a `Literal` or `None`"
    if te.is_protocol(m) and not getattr(m, "_is_runtime_protocol", False):
        return f"{shown} is a Protocol that is not `@runtime_checkable`"
    return None


def _tags(typed_dicts: list[object]) -> dict[object, tuple[str, frozenset[Any]]] | None:
    """The tag key and values of each TypedDict: a key every one of them declares as a
    `Literal`, with values no two share. One TypedDict needs no tag (any dict); None when
    several have no such key."""
    if len(typed_dicts) <= 1:
        return {}
    hints = [typing.get_type_hints(td) for td in typed_dicts]
    for key in hints[0]:
        found: dict[object, tuple[str, frozenset[Any]]] = {}
        seen: set[tuple[type, object]] = set()
        for td, fields in zip(typed_dicts, hints, strict=True):
            literal = _literal_values(fields.get(key))
            if literal is None or literal & seen:
                break
            seen |= literal
            found[td] = (key, frozenset(literal))
        else:
            return found
    return None


def _literal_values(hint: object) -> set[tuple[type, object]] | None:
    if hint is None:
        return None
    try:
        origin, args = parts(strip(hint))
    except TypeError:
        return None
    if origin is not typing.Literal or not args:
        return None
    return {(type(a), a) for a in args}


@dataclass(frozen=True, slots=True, eq=False)
class Router:
    """A route's router vertex function: returns the index of the branch an input takes.

    Attributes:
        name: The route's name.
        entries: Each branch's entry node, in order (the default last).
        inputs: Each branch's input type.
        tests: For a type route, each branch's test (or why it has none); empty otherwise.
        predicates: For a predicate route, the predicates (the default has none).
    """

    name: str
    entries: tuple[Node[..., Any], ...]
    inputs: tuple[object, ...]
    tests: tuple[BranchTest | str, ...]
    predicates: tuple[Callable[[Any], object], ...]

    def __call__(self, value: object) -> int:
        """The index of the branch `value` goes to.

        Raises:
            TypeError: No branch of a type route takes `value` (its upstream is `Any`).
        """
        for k, predicate in enumerate(self.predicates):
            if predicate(value):
                return k
        if self.predicates:
            return len(self.predicates)
        for k, test in enumerate(self.tests):
            if not isinstance(test, str) and test(value):
                return k
        raise TypeError(
            f"Route `{self.name}` has no branch for a value of type `{type(value).__qualname__}`"
        )


@dataclass(frozen=True, slots=True, eq=False)
class Merge:
    """A route's merge vertex function: gives the output of the one branch that ran."""

    name: str

    def __call__(self, value: object) -> object:
        """Return `value`, the chosen branch's output."""
        return value


def is_router(n: Node[..., Any]) -> bool:
    """Whether `n` is a route's router vertex."""
    return isinstance(n.func, Router)


def is_merge(n: Node[..., Any]) -> bool:
    """Whether `n` is a route's merge vertex."""
    return isinstance(n.func, Merge)
