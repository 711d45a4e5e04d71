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

from ._hints import class_params, is_any, is_never, parts, strip, substitute

__all__ = [
    "Relation",
    "Signature",
    "abc_argument",
    "callable_signature",
    "member_signature",
    "signature_assignable",
    "tuple_assignable",
    "typeddict_as_mapping",
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
