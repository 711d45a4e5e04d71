"""Call signatures as the type relation sees them, read off hints, functions and classes."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import typing_extensions as te

from ._hints import PARAM_SPECS, SELF, class_params, is_any, parts, strip, substitute, type_hints
from ._tuples import bind_params, is_type_var_tuple

__all__ = [
    "Param",
    "Relation",
    "Signature",
    "callable_signature",
    "class_bindings",
    "constructor_signatures",
    "function_signature",
    "is_param_list",
    "member_signature",
]

Relation = Callable[[object, object], bool]
"""The assignability relation, ``(source, target) -> bool``, passed in to recurse with."""

_K = inspect.Parameter
_POSITIONAL = (_K.POSITIONAL_ONLY, _K.POSITIONAL_OR_KEYWORD)
_SPEC_ARGS: tuple[type, ...] = tuple({typing.ParamSpecArgs, te.ParamSpecArgs})
_SPEC_KWARGS: tuple[type, ...] = tuple({typing.ParamSpecKwargs, te.ParamSpecKwargs})
_CONCATENATE: frozenset[object] = frozenset({typing.Concatenate, te.Concatenate})
_UNPACK: frozenset[object] = frozenset({typing.Unpack, te.Unpack})
_QUALIFIERS: frozenset[object] = frozenset({te.Required, te.NotRequired, te.ReadOnly, te.Annotated})


@dataclasses.dataclass(frozen=True, slots=True)
class Param:
    """One parameter of a signature, with its hint (``Any`` where unannotated)."""

    name: str
    kind: inspect._ParameterKind
    hint: object
    has_default: bool


@dataclasses.dataclass(frozen=True, slots=True)
class Signature:
    """A call signature as the relation sees it.

    ``params`` are the explicit parameters; after them comes at most one tail: ``gradual``
    (``...``: any further arguments, as in ``Callable[..., R]`` or ``Concatenate[int, ...]``)
    or ``spec``, a ``ParamSpec`` (``*args: P.args, **kwargs: P.kwargs``). A non-empty
    ``overloads`` makes this an overloaded callable whose own ``params`` do not count.
    """

    params: tuple[Param, ...]
    returns: object
    gradual: bool = False
    spec: object = None
    overloads: tuple[Signature, ...] = ()

    def substituted(self, bindings: Mapping[Any, object]) -> Signature:
        """Return this signature with TypeVars and ParamSpecs replaced by ``bindings``."""
        if not bindings:
            return self
        if self.overloads:
            return dataclasses.replace(
                self, overloads=tuple(o.substituted(bindings) for o in self.overloads)
            )
        params = tuple(
            dataclasses.replace(p, hint=substitute(p.hint, bindings)) for p in self.params
        )
        returns = substitute(self.returns, bindings)
        if self.spec is None or self.spec not in bindings:
            return Signature(params, returns, self.gradual, self.spec)
        extra, gradual, spec = _param_list(bindings[self.spec], len(params))
        return Signature(params + extra, returns, gradual, spec)


def is_param_list(value: object) -> bool:
    """Whether ``value`` is a parameter list: ``[int, str]``, ``...``, a ParamSpec, Concatenate."""
    return (
        isinstance(value, (list, tuple, *PARAM_SPECS))
        or value is Ellipsis
        or typing.get_origin(value) in _CONCATENATE
    )


def _positional(hints: tuple[object, ...] | list[object], start: int) -> tuple[Param, ...]:
    return tuple(
        Param(f"__p{start + i}", _K.POSITIONAL_ONLY, hint, has_default=False)
        for i, hint in enumerate(hints)
    )


def _param_list(value: object, start: int = 0) -> tuple[tuple[Param, ...], bool, object]:
    """``(params, gradual, spec)`` for a ``Callable`` parameter list or a ParamSpec's value."""
    if isinstance(value, list | tuple):
        return _positional(value, start), False, None
    if value is Ellipsis or is_any(value):
        return (), True, None
    if isinstance(value, PARAM_SPECS):
        return (), False, value
    if typing.get_origin(value) in _CONCATENATE:
        args = typing.get_args(value)
        prefix = _positional(args[:-1], start)
        rest, gradual, spec = _param_list(args[-1], start + len(prefix))
        return prefix + rest, gradual, spec
    raise TypeError(f"unsupported Callable parameter list {value!r}")


def callable_signature(args: tuple[object, ...] | None) -> Signature:
    """The signature of ``Callable[args]`` (``Concatenate`` and ``ParamSpec`` included)."""
    if not args:
        return Signature((), Any, gradual=True)
    params, gradual, spec = _param_list(args[0])
    return Signature(params, args[-1], gradual, spec)


def class_bindings(origin: type, args: tuple[object, ...] | None) -> dict[Any, object]:
    """The values of ``origin[args]``'s TypeVars and ParamSpecs (``Any``/``...`` when bare).

    A ``TypeVarTuple`` binds the run of arguments between the others, as a ``tuple[...]``
    (left unbound in a class that also has a ParamSpec).
    """
    declared = origin.__dict__.get("__parameters__")
    params: tuple[object, ...] = declared if isinstance(declared, tuple) else class_params(origin)
    if not any(isinstance(p, PARAM_SPECS) for p in params):
        return bind_params(class_params(origin), args)  # TypeVars and a TypeVarTuple's run
    if args is None:
        return {
            p: (Ellipsis if isinstance(p, PARAM_SPECS) else Any)
            for p in params
            if isinstance(p, (TypeVar, *PARAM_SPECS))
        }
    star = next((i for i, p in enumerate(params) if is_type_var_tuple(p)), None)
    if star is None:
        pairs = zip(params, args, strict=False)
    else:
        after = len(params) - star - 1
        pairs = zip(
            (*params[:star], *params[star + 1 :]),
            (*args[:star], *args[len(args) - after :]),
            strict=False,
        )
    return {p: a for p, a in pairs if isinstance(p, (TypeVar, *PARAM_SPECS))}


# --- reading signatures off functions and classes ----------------------------------------------


def function_signature(
    func: Callable[..., object], *, bound: bool, self_type: object = Any
) -> Signature | None:
    """The signature of ``func`` (without its first parameter when ``bound``), if introspectable.

    ``Self`` stands for ``self_type``. ``*args: P.args, **kwargs: P.kwargs`` become the
    ``spec`` tail; ``*args`` and ``**kwargs`` both typed ``Any`` (or unannotated) become the
    gradual tail ``...`` (the spec's rule, applied as written, not after specialisation);
    ``**kwargs: Unpack[TD]`` becomes TD's keys as keyword-only parameters (not-required keys
    have defaults) and ``**kwargs: Never``, so that no other keyword is accepted.
    """
    return _function_signature(func, bound, self_type)


@functools.lru_cache(maxsize=4096)
def _function_signature(
    func: Callable[..., object], bound: bool, self_type: object = Any
) -> Signature | None:
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return None
    try:
        hints = type_hints(func)
    except Exception:  # noqa: BLE001  unresolvable user annotations: fall back to Any
        hints = {}
    hints = {k: self_type if v in SELF else v for k, v in hints.items()}
    raw = list(sig.parameters.values())
    if bound and raw and raw[0].kind in _POSITIONAL:
        raw = raw[1:]
    params: list[Param] = []
    spec: object = None
    for p in raw:
        hint = hints.get(p.name, Any)
        if isinstance(hint, _SPEC_ARGS):
            spec = getattr(hint, "__origin__", None)
        elif isinstance(hint, _SPEC_KWARGS):
            pass
        elif p.kind is _K.VAR_KEYWORD and _unpacked_typeddict(hint) is not None:
            keywords = _typeddict_keywords(_unpacked_typeddict(hint))
            params.extend(keywords or ())
            params.append(Param(p.name, p.kind, Any if keywords is None else typing.Never, False))
        else:
            kind = _K.POSITIONAL_ONLY if _historical_positional(p, params) else p.kind
            params.append(Param(p.name, kind, hint, p.default is not _K.empty))
    var = [p for p in params if p.kind in (_K.VAR_POSITIONAL, _K.VAR_KEYWORD)]
    gradual = len(var) == 2 and all(is_any(p.hint) for p in var)
    if gradual:
        params = [p for p in params if p not in var]
    return Signature(tuple(params), hints.get("return", Any), gradual, spec)


def _unpacked_typeddict(hint: object) -> object:
    if typing.get_origin(hint) in _UNPACK:
        inner = typing.get_args(hint)[0]
        if te.is_typeddict(parts(inner)[0]):
            return inner
    return None


def _typeddict_keywords(td: object) -> list[Param] | None:
    """A TypedDict's keys as keyword-only parameters; a key that is not required has a default.

    ``None`` (read as ``**kwargs: Any``) when its annotations cannot be resolved.
    """
    origin = parts(td)[0]
    try:
        raw = type_hints(origin, include_extras=True)
    except Exception:  # noqa: BLE001  unresolvable user annotations: any keywords
        return None
    required = set(getattr(origin, "__required_keys__", raw))
    for key, hint in raw.items():  # qualifiers a `from __future__` class could not see
        qualifier: object = typing.get_origin(hint)
        while qualifier in _QUALIFIERS:
            if qualifier is te.Required:
                required.add(key)
            elif qualifier is te.NotRequired:
                required.discard(key)
            hint = typing.get_args(hint)[0]
            qualifier = typing.get_origin(hint)
    return [Param(k, _K.KEYWORD_ONLY, strip(h), k not in required) for k, h in raw.items()]


def _overloads(cls: type, name: str) -> list[Callable[..., object]]:
    """The ``@overload`` definitions of method ``name`` declared in class ``cls``."""
    probe = types.SimpleNamespace(
        __module__=cls.__module__, __qualname__=f"{cls.__qualname__}.{name}"
    )
    return list(typing.get_overloads(typing.cast("Callable[..., object]", probe)))


def _method(attr: object, self_type: object, *, bind_static: bool) -> Signature | None:
    if isinstance(attr, staticmethod):
        return _function_signature(attr.__func__, bind_static, self_type)
    if isinstance(attr, classmethod):
        return _function_signature(attr.__func__, True, self_type)
    if inspect.isfunction(attr):
        return _function_signature(attr, True, self_type)
    return None


# `def m(self, __x)` (PEP 484's positional-only convention); in a class body the name is mangled
_DUNDER_NAME = re.compile(r"(_[A-Za-z]\w*?)?__\w+")


def _historical_positional(p: inspect.Parameter, before: list[Param]) -> bool:
    """A leading ``__x`` parameter is positional-only (PEP 484), unless it is a dunder name."""
    return (
        p.kind is _K.POSITIONAL_OR_KEYWORD
        and _DUNDER_NAME.fullmatch(p.name) is not None
        and not p.name.endswith("__")
        and all(q.kind is _K.POSITIONAL_ONLY for q in before)
    )


def member_signature(
    cls: type, name: str, *, self_type: object = Any, bind_static: bool = False
) -> Signature | None:
    """The signature of method ``name`` as called on an instance of ``cls``, if introspectable.

    ``bind_static`` drops a static method's first parameter too (``__new__``'s ``cls``). An
    overloaded method (``typing.get_overloads``) gives a signature with ``overloads``.
    """
    for klass in cls.__mro__:
        if name in klass.__dict__:
            attr = inspect.getattr_static(cls, name)
            found = _overloads(klass, name)
            if not found:
                return _method(attr, self_type, bind_static=bind_static)
            wrap = type(attr) if isinstance(attr, staticmethod | classmethod) else None
            sigs = [
                _method(wrap(f) if wrap else f, self_type, bind_static=bind_static) for f in found
            ]
            if any(s is None for s in sigs):
                return None
            return Signature((), Any, overloads=tuple(s for s in sigs if s is not None))
    return None


def _makes_instance(returns: object, cls: type) -> bool:
    """Whether a constructor's return hint is (a union holding) an instance of ``cls``."""
    origin, args = parts(strip(returns))
    if origin in (typing.Union, types.UnionType):
        return any(_makes_instance(a, cls) for a in args or ())
    if isinstance(origin, TypeVar):  # `def __new__(cls: type[T]) -> T`
        return True
    return isinstance(origin, type) and issubclass(origin, cls)


def _annotated_return(cls: type, name: str) -> bool:
    attr = inspect.getattr_static(cls, name)
    func = getattr(attr, "__func__", attr)
    try:
        annotation = inspect.signature(func).return_annotation
    except (TypeError, ValueError):
        return False
    return annotation is not inspect.Signature.empty


def _defined_below(cls: type, name: str, stop: type) -> bool:
    """Whether a class in ``cls``'s MRO before ``stop`` defines ``name``."""
    for klass in cls.__mro__:
        if klass is stop:
            return False
        if name in klass.__dict__:
            return True
    return False


def constructor_signatures(cls: type) -> tuple[Signature, ...] | None:
    """The signatures a call of class ``cls`` must satisfy, per the spec's conversion rules.

    A metaclass ``__call__`` annotated to return something other than an instance wins; else
    ``__new__`` (bound to the class) when it returns something other than an instance (``Any``
    included); else ``__new__`` and ``__init__`` together (a call must suit both; returns are
    the instance); ``object``'s give ``() -> cls``. ``None`` when not introspectable.
    """
    meta = type(cls)
    if _defined_below(meta, "__call__", type) and _annotated_return(meta, "__call__"):
        call = member_signature(meta, "__call__", self_type=cls)
        if call is None:
            return None
        if not _makes_instance(call.returns, cls) or call.overloads:
            return (call,)
    found: list[Signature] = []
    if _defined_below(cls, "__new__", object):
        new = member_signature(cls, "__new__", self_type=cls, bind_static=True)
        if new is None:
            return None
        annotated = not new.overloads and _annotated_return(cls, "__new__")
        if annotated and not _makes_instance(new.returns, cls):
            return (new,)
        found.append(dataclasses.replace(new, returns=cls) if not new.overloads else new)
    if _defined_below(cls, "__init__", object):
        init = member_signature(cls, "__init__", self_type=cls)
        if init is None:
            return None
        if init.overloads:
            overloads = tuple(dataclasses.replace(o, returns=cls) for o in init.overloads)
            init = dataclasses.replace(init, overloads=overloads)
        found.append(dataclasses.replace(init, returns=cls))
    return tuple(found) or (Signature((), cls),)
