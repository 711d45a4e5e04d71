"""Shape-comparing parts of the type relation: signatures, TypedDicts, tuples."""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import functools
import inspect
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import typing_extensions as te

from ._hints import class_params, is_any, parts, strip, substitute

__all__ = [
    "Relation",
    "Signature",
    "abc_argument",
    "callable_signature",
    "member_signature",
    "signature_assignable",
    "tuple_assignable",
    "typeddict_assignable",
    "variadic",
]

Relation = Callable[[object, object], bool]
"""The assignability relation, ``(source, target) -> bool``, passed in to recurse with."""

_SELF: frozenset[object] = frozenset({typing.Self, te.Self})
_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


@dataclasses.dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a signature, with its hint (``Any`` where unannotated)."""

    name: str
    kind: inspect._ParameterKind
    hint: object
    has_default: bool


@dataclasses.dataclass(frozen=True, slots=True)
class Signature:
    """A call signature as the relation sees it; ``gradual`` means ``Callable[..., R]``."""

    params: tuple[Param, ...]
    returns: object
    gradual: bool = False

    def substituted(self, bindings: Mapping[TypeVar, object]) -> Signature:
        """Return this signature with TypeVars replaced by ``bindings``."""
        if not bindings:
            return self
        return Signature(
            tuple(dataclasses.replace(p, hint=substitute(p.hint, bindings)) for p in self.params),
            substitute(self.returns, bindings),
            self.gradual,
        )


def callable_signature(args: tuple[object, ...] | None) -> Signature:
    """The signature of ``Callable[args]``; ``ParamSpec``/``Concatenate`` count as ``...``."""
    if not args:
        return Signature((), Any, gradual=True)
    params, ret = args[0], args[-1]
    if not isinstance(params, list | tuple):
        return Signature((), ret, gradual=True)
    return Signature(
        tuple(
            Param(f"__p{i}", inspect.Parameter.POSITIONAL_ONLY, hint, has_default=False)
            for i, hint in enumerate(params)
        ),
        ret,
    )


@functools.lru_cache(maxsize=4096)
def _function_signature(func: Callable[..., object], bound: bool) -> Signature | None:
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return None
    try:
        hints = te.get_type_hints(func)
    except Exception:  # noqa: BLE001  unresolvable user annotations: fall back to Any
        hints = {}
    hints = {k: Any if v in _SELF else v for k, v in hints.items()}
    params = tuple(
        Param(p.name, p.kind, hints.get(p.name, Any), p.default is not inspect.Parameter.empty)
        for p in sig.parameters.values()
    )
    if bound and params and params[0].kind in _POSITIONAL:
        params = params[1:]
    return Signature(params, hints.get("return", Any))


def member_signature(cls: type, name: str) -> Signature | None:
    """The signature of method ``name`` as called on an instance of ``cls``, if introspectable."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            attr = inspect.getattr_static(cls, name)
            if isinstance(attr, staticmethod):
                return _function_signature(attr.__func__, bound=False)
            if isinstance(attr, classmethod):
                return _function_signature(attr.__func__, bound=True)
            if inspect.isfunction(attr):
                return _function_signature(attr, bound=True)
            return None
    return None


def signature_assignable(
    src: Signature, dst: Signature, rel: Relation, *, check_names: bool = False
) -> bool:
    """Whether a callable with signature ``src`` may be used where ``dst`` is expected.

    Parameters are contravariant, the return covariant; positional parameters are matched by
    position and keyword-only ones by name; extra ``src`` parameters need defaults. With
    ``check_names`` a ``dst`` parameter that may be passed by keyword needs a ``src`` parameter
    of that name (mypy checks this for callback Protocols but not for Protocol methods).
    """
    if not rel(src.returns, dst.returns):
        return False
    if src.gradual or dst.gradual:
        return True
    src_pos = [p for p in src.params if p.kind in _POSITIONAL]
    src_var = next((p for p in src.params if p.kind is inspect.Parameter.VAR_POSITIONAL), None)
    src_kw = {p.name: p for p in src.params if p.kind is not inspect.Parameter.POSITIONAL_ONLY}
    src_varkw = next((p for p in src.params if p.kind is inspect.Parameter.VAR_KEYWORD), None)
    dst_pos = [p for p in dst.params if p.kind in _POSITIONAL]
    for i, want in enumerate(dst_pos):
        have = src_pos[i] if i < len(src_pos) else src_var
        if have is None or not rel(want.hint, have.hint):
            return False
        if (
            check_names
            and want.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
            and (have.kind is not want.kind or have.name != want.name)
        ):
            return False
    if any(not p.has_default for p in src_pos[len(dst_pos) :]):
        return False
    used = {p.name for p in src_pos[: len(dst_pos)]}
    for want in dst.params:
        if want.kind is inspect.Parameter.VAR_POSITIONAL:
            if src_var is None or not rel(want.hint, src_var.hint):
                return False
        elif want.kind is inspect.Parameter.VAR_KEYWORD:
            if src_varkw is None or not rel(want.hint, src_varkw.hint):
                return False
        elif want.kind is inspect.Parameter.KEYWORD_ONLY:
            have = src_kw.get(want.name, src_varkw)
            if have is None or not rel(want.hint, have.hint):
                return False
            used.add(want.name)
    return all(
        p.has_default or p.name in used
        for p in src.params
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    )


# --- Protocols ---------------------------------------------------------------------------------


def _class_hints(cls: type) -> dict[str, object]:
    try:
        return te.get_type_hints(cls)
    except Exception:  # noqa: BLE001  unresolvable user annotations: fall back to Any
        return {
            name: Any for klass in cls.__mro__ for name in getattr(klass, "__annotations__", {})
        }


def _class_params(origin: type, args: tuple[object, ...] | None) -> dict[TypeVar, object]:
    params = class_params(origin)
    values = (Any,) * len(params) if args is None else args
    return dict(zip(params, values, strict=False))


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


# --- tuples and the one-method ABCs ------------------------------------------------------------


def variadic(args: tuple[object, ...]) -> bool:
    """Whether tuple arguments are the variadic form ``(X, ...)``."""
    return len(args) == 2 and args[1] is Ellipsis


def tuple_assignable(
    have: tuple[object, ...] | None, want: tuple[object, ...], rel: Relation
) -> bool:
    """Whether ``tuple[have]`` is assignable to ``tuple[want]`` (``None`` is bare ``tuple``).

    Fixed tuples compare element-wise and fit a variadic target whose item takes each element;
    a variadic source fits a fixed target only as ``tuple[Any, ...]`` (mypy's rule). Unpacked
    ``TypeVarTuple``s or tuples are left to equality (checked before this is called).
    """
    have = (Any, Ellipsis) if have is None else have
    if any(
        getattr(a, "__unpacked__", False) or typing.get_origin(a) is te.Unpack
        for a in (*have, *want)
    ):
        return False
    if variadic(want):
        elems = have[:1] if variadic(have) else have
        return all(rel(h, want[0]) for h in elems)
    if variadic(have):
        return is_any(strip(have[0]))
    return len(have) == len(want) and all(rel(h, w) for h, w in zip(have, want, strict=True))


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
    if abc not in _ONE_METHOD_ABCS or not isinstance(abc_args, tuple) or not abc_args:
        return None
    method, wrap = _ONE_METHOD_ABCS[abc]
    sig = member_signature(cls, method)
    if sig is None:
        return Any, wrap(abc_args[0])
    returns = cls if sig.returns in _SELF else sig.returns
    return substitute(returns, _class_params(cls, cls_args)), wrap(abc_args[0])
