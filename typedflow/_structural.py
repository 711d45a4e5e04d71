"""Shape-comparing parts of the type relation: TypedDicts and the one-method ABCs."""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import types
import typing
from typing import Any

import typing_extensions as te

from ._hints import SELF, is_never, parts, strip, substitute, type_hints
from ._signatures import Relation, class_bindings, member_signature

if typing.TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "abc_argument",
    "typeddict_as_mapping",
    "typeddict_assignable",
]



def _class_hints(cls: type) -> dict[str, object]:
    try:
        return type_hints(cls)
    except Exception:  # noqa: BLE001  unresolvable user annotations: fall back to Any
        return {
            name: Any for klass in cls.__mro__ for name in getattr(klass, "__annotations__", {})
        }


def _class_params(origin: type, args: tuple[object, ...] | None) -> dict[Any, object]:
    return class_bindings(origin, args)


# --- TypedDict ---------------------------------------------------------------------------------


def _typeddict_view(hint: object) -> tuple[dict[str, object], frozenset[str], frozenset[str]]:
    origin, args = parts(hint)
    assert isinstance(origin, type)  # callers pass TypedDict classes or aliases
    bindings = _class_params(origin, args)
    try:
        raw = type_hints(origin, include_extras=True)
    except Exception:  # noqa: BLE001  unresolvable user annotations: fall back to Any
        raw = dict.fromkeys(_class_hints(origin), Any)
    hints = {k: substitute(strip(v), bindings) for k, v in raw.items()}
    required = set(getattr(origin, "__required_keys__", hints))
    readonly = set(getattr(origin, "__readonly_keys__", ()))
    # Under ``from __future__ import annotations`` the class could not see the qualifiers.
    for key, hint in raw.items():
        qualifiers = _qualifiers(hint)
        if te.Required in qualifiers:
            required.add(key)
        elif te.NotRequired in qualifiers:
            required.discard(key)
        if te.ReadOnly in qualifiers:
            readonly.add(key)
    return hints, frozenset(required), frozenset(readonly)


def _qualifiers(hint: object) -> set[object]:
    found: set[object] = set()
    origin = typing.get_origin(hint)
    while origin in (te.Required, te.NotRequired, te.ReadOnly, te.Annotated):
        found.add(origin)
        hint = typing.get_args(hint)[0]
        origin = typing.get_origin(hint)
    return found


# The "no extra_items= given" markers: typing_extensions' own and typing's (Python 3.15+).
_NO_EXTRA_ITEMS: tuple[object, ...] = tuple(
    m
    for m in (getattr(te, "NoExtraItems", None), getattr(typing, "NoExtraItems", None))
    if m is not None
)


def _extra_items(hint: object) -> tuple[object | None, bool]:
    """A TypedDict's extra items (PEP 728) as ``(value type, read-only)``; ``None`` if closed.

    An open TypedDict counts as having read-only extra items of type ``object`` (the spec's
    reading); ``closed=True`` and ``extra_items=Never`` close it; a class declaring neither
    inherits its first TypedDict base's choice.
    """
    origin, args = parts(hint)
    assert isinstance(origin, type)  # callers pass TypedDict classes or aliases
    closed = origin.__dict__.get("__closed__")
    extra = origin.__dict__.get("__extra_items__", _NO_EXTRA_ITEMS)
    if closed is True:
        return None, False
    if extra is not _NO_EXTRA_ITEMS and not any(extra is m for m in _NO_EXTRA_ITEMS):
        value = substitute(strip(extra), _class_params(origin, args))
        return (None, False) if is_never(value) else (value, te.ReadOnly in _qualifiers(extra))
    if closed is None:
        for base in origin.__dict__.get("__orig_bases__", ()):
            base_origin = typing.get_origin(base) or base
            if base_origin is not origin and te.is_typeddict(base_origin):
                return _extra_items(base)
    return object, True


@dataclasses.dataclass(frozen=True, slots=True)
class _View:
    """A TypedDict's items and extra items (``extra`` is ``None`` when it is closed)."""

    hints: dict[str, object]
    required: frozenset[str]
    readonly: frozenset[str]
    extra: object | None
    extra_ro: bool


def _view(hint: object) -> _View:
    return _View(*_typeddict_view(hint), *_extra_items(hint))


_MISSING = object()


def _equivalent(a: object, b: object, rel: Relation) -> bool:
    return rel(a, b) and rel(b, a)


def _item_fits(key: str, src: _View, dst: _View, rel: Relation) -> bool:
    """The spec's rule for target item ``key`` (subtyping between TypedDict types)."""
    want, have = dst.hints[key], src.hints.get(key, _MISSING)
    if have is _MISSING:  # the source's extra items stand in, unless it is closed
        if key in dst.required:
            return False
        if key in dst.readonly:
            return src.extra is None or rel(src.extra, want)
        return src.extra is not None and not src.extra_ro and _equivalent(src.extra, want, rel)
    if key in dst.required and key not in src.required:
        return False
    if key in dst.readonly:
        return rel(have, want)
    if key in src.readonly or (key in src.required) != (key in dst.required):
        return False
    return _equivalent(have, want, rel)


def _extras_fit(src: _View, dst: _View, rel: Relation) -> bool:
    """The spec's rules for the target's extra items: closed, read-only, or mutable ones."""
    added = [k for k in src.hints if k not in dst.hints]
    if dst.extra is None:
        return src.extra is None and not added
    if dst.extra_ro:
        return (src.extra is None or rel(src.extra, dst.extra)) and all(
            rel(src.hints[k], dst.extra) for k in added
        )
    if src.extra is None or src.extra_ro or not _equivalent(src.extra, dst.extra, rel):
        return False
    return all(
        k not in src.required
        and k not in src.readonly
        and _equivalent(src.hints[k], dst.extra, rel)
        for k in added
    )


def typeddict_assignable(source: object, target: object, rel: Relation) -> bool:
    """Whether TypedDict ``source`` is structurally assignable to TypedDict ``target``.

    Follows the spec's subtyping rules, PEP 728 included: a required target item needs a
    required source item (covariant when ``ReadOnly`` in the target, else mutable and
    consistent); a non-required ``ReadOnly`` target item accepts a source item of either kind,
    or the source's extra items, or no item in a closed source; a non-required mutable target
    item needs a mutable non-required source item, or mutable extra items, of a consistent type.
    A closed target needs a closed source with no other items; read-only extra items (an open
    target has ``ReadOnly[object]``) accept the source's extra and other items covariantly;
    mutable ones need consistent mutable extra items and other items that are also mutable and
    non-required (PEP 728's inheritance rule; the spec's subtyping list omits it, but the
    conformance suite rejects a required one).
    """
    src, dst = _view(source), _view(target)
    return all(_item_fits(k, src, dst, rel) for k in dst.hints) and _extras_fit(src, dst, rel)


def typeddict_as_mapping(source: object, target_origin: object, rel: Relation) -> object:
    """The ``dict``/``Mapping`` type a TypedDict ``source`` is assignable through.

    ``dict[str, V]`` when its extra items are mutable of type ``V`` and every item is mutable,
    non-required and of a type consistent with ``V`` (and a ``dict`` is wanted); otherwise
    ``Mapping[str, V]`` with ``V`` the union of its item types and extra items (``object``
    for an open TypedDict), so every TypedDict is a ``Mapping[str, object]``.
    """
    td = _view(source)
    if (
        target_origin is dict
        and td.extra is not None
        and not td.extra_ro
        and not td.required
        and not td.readonly
        and all(_equivalent(h, td.extra, rel) for h in td.hints.values())
    ):
        return types.GenericAlias(dict, (str, td.extra))
    values = [*td.hints.values(), *(() if td.extra is None else (td.extra,))]
    value = typing.Union[tuple(values)] if values else typing.Never  # noqa: UP007  runtime union
    return types.GenericAlias(cabc.Mapping, (str, value))


# --- the one-method ABCs --------------------------------------------------------------------------


_ONE_METHOD_ABCS: dict[type, tuple[str, Callable[[object], object]]] = {
    cabc.Iterable: ("__iter__", lambda a: types.GenericAlias(cabc.Iterator, (a,))),
    cabc.Reversible: ("__reversed__", lambda a: types.GenericAlias(cabc.Iterator, (a,))),
    cabc.Iterator: ("__next__", lambda a: a),
    cabc.AsyncIterable: ("__aiter__", lambda a: types.GenericAlias(cabc.AsyncIterator, (a,))),
    cabc.AsyncIterator: ("__anext__", lambda a: types.GenericAlias(cabc.Awaitable, (a,))),
    cabc.Awaitable: ("__await__", lambda a: types.GenericAlias(cabc.Generator, (Any, Any, a))),
}


def abc_argument(
    cls: type, cls_args: tuple[object, ...] | None, abc: object, abc_args: object
) -> tuple[object, object] | None:
    """For ``cls`` reaching a one-method ABC (``Iterable``...) without a generic base path.

    Returns:
        ``(have, want)`` hints to compare, e.g. ``__iter__``'s return hint and
        ``Iterator[arg]`` for ``Iterable[arg]``; ``None`` when the ABC's arguments cannot be
        read off a method, in which case they count as ``Any``.
    """
    if not isinstance(abc, type) or abc not in _ONE_METHOD_ABCS:
        return None
    if not isinstance(abc_args, tuple) or not abc_args:
        return None
    method, wrap = _ONE_METHOD_ABCS[abc]
    sig = member_signature(cls, method)
    if sig is None:
        return Any, wrap(abc_args[0])
    returns = cls if sig.returns in SELF else sig.returns
    return substitute(returns, _class_params(cls, cls_args)), wrap(abc_args[0])
