"""Tuple shapes: fixed, unbounded (``*tuple[X, ...]``) and ``TypeVarTuple`` parts, compared."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from typing import Any

import typing_extensions as te

__all__ = [
    "Shape",
    "bind_params",
    "element",
    "is_type_var_tuple",
    "pack",
    "spliced",
    "shape_assignable",
    "shape_of",
    "unpacked",
]

Relation = Callable[[object, object], bool]
_TYPE_VAR_TUPLES: tuple[type, ...] = tuple(
    {te.TypeVarTuple, getattr(typing, "TypeVarTuple", te.TypeVarTuple)}
)


def is_type_var_tuple(hint: object) -> bool:
    """Whether ``hint`` is a ``TypeVarTuple`` (not unpacked)."""
    return isinstance(hint, _TYPE_VAR_TUPLES)


def unpacked(hint: object) -> object | None:
    """What ``*X`` / ``Unpack[X]`` unpacks (``X``), or ``None`` for a hint that is not unpacked."""
    if getattr(hint, "__unpacked__", False):  # `*tuple[int, ...]`: an unpacked GenericAlias
        return types.GenericAlias(tuple, typing.get_args(hint))
    if typing.get_origin(hint) in (typing.Unpack, te.Unpack):
        inner: object = typing.get_args(hint)[0]
        return inner
    return None


def _is_any(hint: object) -> bool:
    return hint is Any or hint is te.Any


@dataclasses.dataclass(frozen=True, slots=True)
class Shape:
    """A tuple type as ``prefix``, an optional unbounded ``middle``, then ``suffix``.

    ``middle`` is the element type of an unbounded run (``tuple[int, *tuple[str, ...], int]``
    has prefix ``(int,)``, middle ``str``, suffix ``(int,)``), a ``TypeVarTuple`` standing for
    an unknown run, or ``None`` for a tuple of fixed length (all in ``prefix``).
    """

    prefix: tuple[object, ...]
    middle: object | None = None
    suffix: tuple[object, ...] = ()

    @property
    def fixed(self) -> bool:
        return self.middle is None

    @property
    def least(self) -> int:
        """The fewest elements a tuple of this shape has."""
        return len(self.prefix) + len(self.suffix)


def shape_of(args: tuple[object, ...] | None) -> Shape | None:
    """The shape of ``tuple[args]`` (``None`` args: bare ``tuple``, i.e. ``tuple[Any, ...]``).

    Flattens unpacked fixed tuples (``tuple[int, *tuple[str, bool]]`` is
    ``tuple[int, str, bool]``). Returns ``None`` for a malformed hint with two unbounded runs.
    """
    if args is None:
        return Shape((), Any)
    args = tuple(type(None) if a is None else a for a in args)  # `None` as a type is NoneType
    if len(args) == 2 and args[1] is Ellipsis:
        return Shape((), args[0])
    before: list[object] = []
    after: list[object] = []
    middle: object | None = None
    for arg in args:
        inner = unpacked(arg)
        if inner is None and is_type_var_tuple(arg):
            inner = arg
        if inner is None:
            (before if middle is None else after).append(arg)
            continue
        part = inner if is_type_var_tuple(inner) else _inner_shape(inner)
        if isinstance(part, Shape):
            if part.fixed:
                (before if middle is None else after).extend(part.prefix)
                continue
            if middle is not None:
                return None
            before.extend(part.prefix)
            middle = part.middle
            after.extend(part.suffix)
            continue
        if middle is not None:
            return None
        middle = part
    return Shape(tuple(before), middle, tuple(after))


def _inner_shape(hint: object) -> Shape | object:
    if typing.get_origin(hint) is tuple or hint is tuple:
        return shape_of(typing.get_args(hint) if hint is not tuple else None) or Shape((), Any)
    return Shape((), Any)  # `*Xs` of something that is not a tuple: read as `*tuple[Any, ...]`


def element(shape: Shape, index: int) -> object:
    """The type of position ``index`` counted from the start (negative: from the end)."""
    if index >= 0:
        return shape.prefix[index] if index < len(shape.prefix) else shape.middle
    k = len(shape.suffix) + index
    return shape.suffix[k] if k >= 0 else shape.middle


def shape_assignable(have: Shape, want: Shape, rel: Relation) -> bool:
    """Whether a tuple of shape ``have`` is assignable to one of shape ``want``.

    Per the spec's tuple rules: fixed tuples compare element-wise; an unbounded target takes
    each extra element of the source into its run; an unbounded source fits a target only when
    its run is ``Any`` (``tuple[Any, ...]`` is gradual both ways) or the target's run takes it
    and the target's fixed parts are covered by the source's fixed parts. An unsolved
    ``TypeVarTuple`` run in the target takes any run (solving checks consistency).
    """
    if want.fixed:
        if have.fixed:
            return len(have.prefix) == len(want.prefix) and all(
                rel(h, w) for h, w in zip(have.prefix, want.prefix, strict=True)
            )
        if not _gradual(have.middle) or have.least > len(want.prefix):
            return False
        n = len(want.prefix)
        return all(rel(element(have, i if i < len(have.prefix) else i - n), want.prefix[i])
                   for i in range(n))  # fmt: skip
    run = Any if is_type_var_tuple(want.middle) else want.middle
    if have.fixed:
        elems = have.prefix
        if len(elems) < want.least:
            return False
        head, tail = elems[: len(want.prefix)], elems[len(elems) - len(want.suffix) :]
        body = elems[len(want.prefix) : len(elems) - len(want.suffix)]
        return (
            all(rel(h, w) for h, w in zip(head, want.prefix, strict=True))
            and all(rel(h, w) for h, w in zip(tail, want.suffix, strict=True))
            and all(rel(h, run) for h in body)
        )
    if _gradual(have.middle):
        return all(rel(element(have, i), w) for i, w in enumerate(want.prefix)) and all(
            rel(element(have, -1 - i), w) for i, w in enumerate(reversed(want.suffix))
        )
    if len(have.prefix) < len(want.prefix) or len(have.suffix) < len(want.suffix):
        return False
    head, rest = have.prefix[: len(want.prefix)], have.prefix[len(want.prefix) :]
    cut = len(have.suffix) - len(want.suffix)
    tail, extra = have.suffix[cut:], have.suffix[:cut]
    return (
        all(rel(h, w) for h, w in zip(head, want.prefix, strict=True))
        and all(rel(h, w) for h, w in zip(tail, want.suffix, strict=True))
        and all(rel(h, run) for h in (*rest, have.middle, *extra))
    )


def _gradual(middle: object) -> bool:
    return middle is not None and not is_type_var_tuple(middle) and _is_any(middle)


def pack(shape: Shape) -> object:
    """``tuple[...]`` of ``shape`` (``tuple[int, *tuple[str, ...]]``, ``tuple[*Ts]``)."""
    if shape.fixed:
        return types.GenericAlias(tuple, shape.prefix) if shape.prefix else tuple[()]
    if not shape.prefix and not shape.suffix and not is_type_var_tuple(shape.middle):
        return types.GenericAlias(tuple, (shape.middle, Ellipsis))
    run = te.Unpack[shape.middle] if is_type_var_tuple(shape.middle) else te.Unpack[
        types.GenericAlias(tuple, (shape.middle, Ellipsis))
    ]
    return types.GenericAlias(tuple, (*shape.prefix, run, *shape.suffix))


def bind_params(
    params: tuple[object, ...], args: tuple[object, ...] | None
) -> dict[object, object]:
    """Bind a generic class's parameters to its arguments (``None``: unparametrised, ``Any``).

    A ``TypeVarTuple`` parameter takes the run of arguments between the parameters before and
    after it, bound as a ``tuple[...]`` hint (``Array[*Shape]`` given ``Array[int, str]`` binds
    ``Shape`` to ``tuple[int, str]``); the others bind one argument each.
    """
    if args is None:
        return {p: tuple[Any, ...] if is_type_var_tuple(p) else Any for p in params}
    star = next((i for i, p in enumerate(params) if is_type_var_tuple(p)), None)
    if star is None:
        return dict(zip(params, args, strict=False))
    shape = shape_of(args) or Shape((), Any)
    after = len(params) - star - 1
    if shape.fixed:
        items = shape.prefix
        if len(items) < star + after:  # too few arguments: not a valid parametrisation
            return {p: tuple[Any, ...] if is_type_var_tuple(p) else Any for p in params}
        bound: dict[object, object] = dict(zip(params[:star], items[:star], strict=True))
        bound.update(zip(params[star + 1 :], items[len(items) - after :], strict=True))
        bound[params[star]] = pack(Shape(items[star : len(items) - after]))
        return bound
    bound = {p: element(shape, i) for i, p in enumerate(params[:star])}
    bound.update({p: element(shape, i - after) for i, p in enumerate(params[star + 1 :])})
    rest = shape.suffix[: max(0, len(shape.suffix) - after)]
    bound[params[star]] = pack(Shape(shape.prefix[star:], shape.middle, rest))
    return bound


def spliced(run: object) -> tuple[object, ...]:
    """The arguments to put in place of a ``*Ts`` bound to the ``tuple[...]`` hint ``run``."""
    shape = shape_of(typing.get_args(run) if run is not tuple else None) or Shape((), Any)
    if shape.fixed:
        return shape.prefix
    if is_type_var_tuple(shape.middle):
        return (*shape.prefix, te.Unpack[shape.middle], *shape.suffix)
    star = te.Unpack[types.GenericAlias(tuple, (shape.middle, Ellipsis))]
    return (*shape.prefix, star, *shape.suffix)
