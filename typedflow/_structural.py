"""Shape-comparing parts of the type relation: Protocols, TypedDicts, the one-method ABCs."""

from __future__ import annotations

import collections.abc as cabc
import inspect
import types
import typing
from typing import Any

import typing_extensions as te

from ._callables import signature_assignable
from ._hints import Forms, is_any, parts, strip, substitute
from ._signatures import Relation, class_bindings, member_signature
from ._signatures import function_signature as _function_signature

if typing.TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "abc_argument",
    "protocol_satisfied",
    "typeddict_assignable",
]

_SELF = Forms(typing.Self, te.Self)


# --- Protocols ---------------------------------------------------------------------------------


def _class_hints(cls: type) -> dict[str, object]:
    try:
        return te.get_type_hints(cls)
    except Exception:  # noqa: BLE001  unresolvable user annotations: fall back to Any
        return {
            name: Any for klass in cls.__mro__ for name in getattr(klass, "__annotations__", {})
        }


def _class_params(origin: type, args: tuple[object, ...] | None) -> dict[Any, object]:
    return class_bindings(origin, args)


def _has_member(cls: type, name: str, hints: Mapping[str, object]) -> bool:
    return name in hints or any(name in klass.__dict__ for klass in cls.__mro__)


def _member_hint(cls: type, name: str, hints: Mapping[str, object]) -> object:
    """The declared type of a data member (a property's getter return counts), else ``Any``."""
    if name in hints:
        return strip(hints[name])
    attr = inspect.getattr_static(cls, name, None)
    if isinstance(attr, property) and attr.fget is not None:
        sig = _function_signature(attr.fget, bound=True)
        return Any if sig is None else sig.returns
    return Any


def protocol_satisfied(
    source: type,
    source_args: tuple[object, ...] | None,
    protocol: type,
    protocol_args: tuple[object, ...] | None,
    rel: Relation,
) -> bool:
    """Whether instances of ``source[source_args]`` structurally satisfy ``protocol[...]``.

    Every protocol member must exist on the source. Methods are compared by signature when both
    sides are introspectable Python functions (builtins' C methods only by presence); annotated
    attributes are compared invariantly (they are settable), properties covariantly. ``Self``
    in method hints is treated as ``Any``.
    """
    src_bind = _class_params(source, source_args)
    proto_bind = _class_params(protocol, protocol_args)
    src_hints = _class_hints(source)
    proto_hints = _class_hints(protocol)
    for name in te.get_protocol_members(protocol):
        if not _has_member(source, name, src_hints):
            return False
        want_sig = member_signature(protocol, name)
        if want_sig is not None:
            have_sig = member_signature(source, name)
            if have_sig is not None and not signature_assignable(
                have_sig.substituted(src_bind), want_sig.substituted(proto_bind), rel
            ):
                return False
            continue
        want = substitute(_member_hint(protocol, name, proto_hints), proto_bind)
        have = substitute(_member_hint(source, name, src_hints), src_bind)
        if is_any(want) or is_any(have):
            continue
        if not rel(have, want):
            return False
        settable = name in proto_hints
        if settable and not rel(want, have):
            return False
    return True


# --- TypedDict ---------------------------------------------------------------------------------


def _typeddict_view(hint: object) -> tuple[dict[str, object], frozenset[str], frozenset[str]]:
    origin, args = parts(hint)
    assert isinstance(origin, type)  # callers pass TypedDict classes or aliases
    bindings = _class_params(origin, args)
    try:
        raw = te.get_type_hints(origin, include_extras=True)
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


def typeddict_assignable(source: object, target: object, rel: Relation) -> bool:
    """Whether TypedDict ``source`` is structurally assignable to TypedDict ``target``.

    Each target key must exist in the source. Mutable target keys need the same required-ness
    and an equivalent (invariant) type; ``ReadOnly`` target keys accept a covariant type and,
    when not required, a source key of either kind, but a mutable target key cannot come from
    a read-only source key.
    """
    src_hints, src_req, src_ro = _typeddict_view(source)
    dst_hints, dst_req, dst_ro = _typeddict_view(target)
    for key, want in dst_hints.items():
        if key not in src_hints:
            return False
        have = src_hints[key]
        if key in dst_req and key not in src_req:
            return False
        if key in dst_ro:
            if not rel(have, want):
                return False
            continue
        if key in src_ro or (key in src_req) != (key in dst_req):
            return False
        if not (rel(have, want) and rel(want, have)):
            return False
    return True


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
    returns = cls if sig.returns in _SELF else sig.returns
    return substitute(returns, _class_params(cls, cls_args)), wrap(abc_args[0])
