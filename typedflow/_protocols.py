"""Protocol satisfaction: the members a class or class object offers, matched against a Protocol."""

from __future__ import annotations

import ast
import collections.abc as cabc
import dataclasses
import functools
import inspect
import re
import textwrap
import types
import typing
from typing import TYPE_CHECKING, Any, TypeVar

import typing_extensions as te

from ._callables import signature_assignable
from ._hints import SELF, class_params, parts, substitute, type_hints
from ._signatures import Relation, Signature, function_signature, member_signature

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["class_object_satisfies", "protocol_satisfied"]

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
_QUALIFIERS: frozenset[object] = frozenset({typing.ClassVar, typing.Final, te.Annotated})
_MISSING = object()
# `def m(self, __x)` (PEP 484's positional-only convention) names the parameter `_Class__x`.
_MANGLED = re.compile(r"_[A-Za-z]\w*?__\w+")
# Attributes of C-implemented classes: methods are present but not introspectable.
_C_METHODS = (
    types.BuiltinFunctionType,
    types.MethodDescriptorType,
    types.WrapperDescriptorType,
    types.ClassMethodDescriptorType,
)


@dataclasses.dataclass(frozen=True, slots=True)
class Member:
    """A member as read through an instance (or a class object), or as a Protocol requires it.

    ``hint`` is the type read; a method has ``method`` set and its ``signature`` as called
    (``None`` when not introspectable). ``settable`` members accept assignment of ``set_hint``
    (a property setter's parameter; otherwise ``hint``). ``classvar`` marks a declared
    ``ClassVar``, ``on_class`` a member readable on the class object too.
    """

    hint: object = Any
    method: bool = False
    signature: Signature | None = None
    settable: bool = False
    set_hint: object = Any
    classvar: bool = False
    on_class: bool = True


# --- reading members -----------------------------------------------------------------------------


def _replace_self(hint: object, self_type: object) -> object:
    """``hint`` with ``Self`` (at any depth) replaced by ``self_type``."""
    if hint in SELF:
        return self_type
    args = typing.get_args(hint)
    if not args or typing.get_origin(hint) is typing.Literal:
        return hint
    new = tuple(
        [_replace_self(x, self_type) for x in a]
        if isinstance(a, list)
        else _replace_self(a, self_type)
        for a in args
    )
    if new == args:
        return hint
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[new]  # noqa: UP007  runtime union of arbitrary hints
    if origin is cabc.Callable:
        return cabc.Callable[new[0], new[-1]]
    if isinstance(hint, types.GenericAlias) and isinstance(origin, type):
        return types.GenericAlias(origin, new)
    copy_with = getattr(hint, "copy_with", None)
    return hint if copy_with is None else copy_with(new)


def _qualified(raw: object) -> tuple[object, set[object]]:
    """A declared attribute hint without its qualifiers (``ClassVar``, ``Final``), and those."""
    found: set[object] = set()
    while True:
        if raw in (typing.ClassVar, typing.Final):  # bare `x: Final = 1`
            return Any, found | {raw}
        origin = typing.get_origin(raw)
        if origin not in _QUALIFIERS:
            return raw, found
        found.add(origin)
        raw = typing.get_args(raw)[0]


@functools.lru_cache(maxsize=1024)
def _declared(cls: type) -> dict[str, tuple[object, frozenset[object]]]:
    """The annotated attributes of ``cls`` and its bases: name -> (hint, qualifiers)."""
    try:
        raw = type_hints(cls, include_extras=True)
    except Exception:  # noqa: BLE001  unresolvable user annotations: fall back to Any
        raw = {n: Any for k in reversed(cls.__mro__) for n in getattr(k, "__annotations__", {})}
    out: dict[str, tuple[object, frozenset[object]]] = {}
    for name, hint in raw.items():
        bare, qualifiers = _qualified(hint)
        out[name] = (bare, frozenset(qualifiers))
    return out


def _read_only_fields(cls: type) -> frozenset[str]:
    """Fields of a frozen dataclass or a NamedTuple: readable, never assignable."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is not None and getattr(params, "frozen", False):
        return frozenset(getattr(cls, "__dataclass_fields__", {}))
    fields = getattr(cls, "_fields", None)
    if isinstance(fields, tuple) and issubclass(cls, tuple):
        return frozenset(fields)
    return frozenset()


@functools.lru_cache(maxsize=1024)
def _assigned(cls: type) -> dict[str, object]:
    """Attributes that methods assign on ``self`` without a class-level declaration.

    ``self.x: T = ...`` gives ``T``; ``self.x = p`` for an annotated parameter ``p`` gives
    ``p``'s type; any other assignment gives ``Any``. Type checkers declare such attributes as
    (settable) instance variables.
    """
    found: dict[str, object] = {}
    for klass in reversed(cls.__mro__[:-1]):
        for attr in klass.__dict__.values():
            func = attr.__func__ if isinstance(attr, staticmethod | classmethod) else attr
            if inspect.isfunction(func):
                found.update(_self_assignments(func))
    return found


def _self_assignments(func: types.FunctionType) -> dict[str, object]:
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
        params = list(inspect.signature(func).parameters)
    except (OSError, TypeError, SyntaxError, ValueError):
        return {}
    if not params or not tree.body or not isinstance(tree.body[0], ast.FunctionDef):
        return {}
    try:
        hints = type_hints(func)
    except Exception:  # noqa: BLE001  unresolvable annotations count as unannotated
        hints = {}
    me = params[0]
    found: dict[str, object] = {}
    for node in ast.walk(tree.body[0]):
        if isinstance(node, ast.AnnAssign) and _on_self(node.target, me):
            try:
                # as get_type_hints evaluates annotations: in the function's module
                hint = eval(ast.unparse(node.annotation), func.__globals__)
            except Exception:  # noqa: BLE001  an unresolvable annotation reads as Any
                hint = Any
            found[typing.cast("ast.Attribute", node.target).attr] = hint
        elif isinstance(node, ast.Assign):
            value = node.value.id if isinstance(node.value, ast.Name) else None
            for target in node.targets:
                if _on_self(target, me):
                    name = typing.cast("ast.Attribute", target).attr
                    found.setdefault(name, hints.get(value, Any) if value in params else Any)
    return found


def _on_self(target: ast.expr, me: str) -> bool:
    return (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == me
    )


@functools.lru_cache(maxsize=4096)
def _introspect(func: object) -> tuple[inspect.Signature, dict[str, object]] | None:
    try:
        sig = inspect.signature(func)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    try:
        hints = type_hints(func)
    except Exception:  # noqa: BLE001  unresolvable user annotations: fall back to Any
        hints = {}
    return sig, hints


def _signature(
    func: object, *, drop_first: bool, self_type: object, bind: Mapping[TypeVar, object]
) -> Signature | None:
    """``func``'s signature, ``Self`` and a TypeVar-annotated ``self`` bound to ``self_type``.

    Read by :func:`function_signature` (ParamSpec tails, ``**kwargs: Unpack[TD]``, gradual
    ``*args, **kwargs``), then ``Self`` replaced at any depth and the class's bindings applied.
    """
    try:
        found = _introspect(func)
        sig = function_signature(func, bound=drop_first, self_type=self_type)  # type: ignore[arg-type]
    except TypeError:  # an unhashable callable or self type: not introspected
        return None
    if found is None or sig is None:
        return None
    raw, hints = found
    first = next(iter(raw.parameters.values()), None)
    mapping = dict(bind)
    if drop_first and first is not None and first.kind in _POSITIONAL:
        annotated = hints.get(first.name)
        if isinstance(annotated, TypeVar):
            mapping[annotated] = self_type

    def fix(hint: object) -> object:
        return substitute(_replace_self(hint, self_type), mapping)

    return dataclasses.replace(
        sig,
        params=tuple(dataclasses.replace(p, hint=fix(p.hint)) for p in sig.params),
        returns=fix(sig.returns),
    )


def _overloaded(cls: type, name: str, self_type: object) -> Signature | None:
    """The signature of an overloaded method (``typing.get_overloads``), else ``None``."""
    try:
        sig = member_signature(cls, name, self_type=self_type)
    except TypeError:  # an unhashable self type: read without overloads
        return None
    return sig if sig is not None and sig.overloads else None


def _static(cls: type, name: str) -> object:
    for klass in cls.__mro__:
        if name in klass.__dict__:
            return klass.__dict__[name]
    return _MISSING


def _property(attr: property, self_type: object, bind: Mapping[TypeVar, object]) -> Member:
    def read(func: object, pick: Callable[[Signature], object]) -> object:
        sig = _signature(func, drop_first=True, self_type=self_type, bind=bind)
        return Any if sig is None else pick(sig)

    getter = Any if attr.fget is None else read(attr.fget, lambda s: s.returns)
    setter: object = Any
    if attr.fset is not None:
        setter = read(attr.fset, lambda s: s.params[0].hint if s.params else Any)
    return Member(getter, settable=attr.fset is not None, set_hint=setter)


def _instance_member(
    cls: type, args: tuple[object, ...] | None, name: str, self_type: object
) -> Member | None:
    """Member ``name`` as read through an instance of ``cls[args]`` (``None``: there is none).

    The class that defines the member gives its TypeVars' values, read through the generic
    bases (``class IntBox(Box[int])`` reads ``Box``'s ``T`` as ``int``).
    """
    attr = _static(cls, name)
    bind = _bindings(cls, args, _owner(cls, name))
    if isinstance(attr, property | types.DynamicClassAttribute):  # enum's `name`, `value` too
        return _property(attr, self_type, bind)
    if isinstance(attr, staticmethod | classmethod) or inspect.isfunction(attr):
        func = attr.__func__ if isinstance(attr, staticmethod | classmethod) else attr
        drop = not isinstance(attr, staticmethod)
        sig = _signature(func, drop_first=drop, self_type=self_type, bind=bind)
        overloaded = _overloaded(cls, name, self_type)
        if overloaded is not None:
            sig = overloaded.substituted(bind)
        return Member(method=True, signature=sig)
    if isinstance(attr, _C_METHODS):
        return Member(method=True)
    declared = _declared(cls)
    if name in declared:
        hint, qualifiers = declared[name]
        hint = substitute(_replace_self(hint, self_type), bind)
        readonly = typing.Final in qualifiers or name in _read_only_fields(cls)
        classvar = typing.ClassVar in qualifiers
        return Member(
            hint,
            settable=not readonly,
            set_hint=hint,
            classvar=classvar,
            on_class=classvar or attr is not _MISSING,
        )
    if attr is not _MISSING:  # an unannotated class attribute (`__hash__ = None`, `x = 0`)
        hint = type(attr) if attr is None else Any
        return Member(hint, settable=True, set_hint=hint)
    assigned = _assigned(cls)
    if name in assigned:
        hint = substitute(assigned[name], bind)
        return Member(hint, settable=True, set_hint=hint, on_class=False)
    return None


def _class_member(cls: type, name: str) -> Member | None:
    """Member ``name`` as read on the class object ``cls`` itself (an instance of its metaclass).

    Methods read there are unbound (``self`` is a parameter), a property reads as the
    ``property`` object, and of the annotated attributes only ``ClassVar``s live on the class;
    other names are looked up on the metaclass.
    """
    attr = _static(cls, name)
    bind = _bindings(cls, None, _owner(cls, name))
    if attr is not _MISSING and _owner(cls, name) is not object:
        if isinstance(attr, property):
            return Member(property)
        if isinstance(attr, staticmethod | classmethod) or inspect.isfunction(attr):
            func = attr.__func__ if isinstance(attr, staticmethod | classmethod) else attr
            drop = isinstance(attr, classmethod)
            sig = _signature(func, drop_first=drop, self_type=cls, bind=bind)
            return Member(method=True, signature=sig)
        if isinstance(attr, _C_METHODS):
            return Member(method=True)
        hint, qualifiers = _declared(cls).get(name, (Any, frozenset({typing.ClassVar})))
        if typing.ClassVar in qualifiers:  # an unannotated class attribute counts as one too
            hint = substitute(hint, bind)
            return Member(hint, settable=typing.Final not in qualifiers, set_hint=hint)
    meta = type(cls)
    found = _instance_member(meta, None, name, types.GenericAlias(type, (cls,)))
    if found is None and attr is not _MISSING and isinstance(attr, _C_METHODS):
        return Member(method=True)  # `object`'s own methods, read on the class
    return found


def _owner(cls: type, name: str) -> type:
    """The class defining member ``name`` (a value or an annotation), else ``cls``."""
    for klass in cls.__mro__:
        if name in klass.__dict__ or name in _own_annotations(klass):
            return klass
    return cls


def _own_annotations(klass: type) -> Mapping[str, object]:
    try:
        return inspect.get_annotations(klass)
    except Exception:  # noqa: BLE001  (3.14 lazy annotations may fail to evaluate) none seen
        return {}


def _bindings(cls: type, args: tuple[object, ...] | None, owner: type) -> dict[TypeVar, object]:
    """Values of ``owner``'s type parameters in ``cls[args]`` (``Any`` where unknown)."""
    if owner is not cls:
        args = _upcast(cls, args, owner)
    params = class_params(owner)
    values = (Any,) * len(params) if args is None else args
    return dict(zip(params, values, strict=False))


def _upcast(cls: type, args: tuple[object, ...] | None, owner: type) -> tuple[object, ...] | None:
    """``owner``'s arguments in ``cls[args]``, through the generic bases (``None``: unknown).

    Walks ``__orig_bases__`` by MRO membership, never ``issubclass``, which a Protocol that
    is not ``@runtime_checkable`` refuses.
    """
    queue: list[tuple[type, tuple[object, ...] | None]] = [(cls, args)]
    while queue:
        klass, klass_args = queue.pop(0)
        if klass is owner:
            return klass_args
        params = class_params(klass)
        values = (Any,) * len(params) if klass_args is None else klass_args
        bind = dict(zip(params, values, strict=False))
        for base in klass.__dict__.get("__orig_bases__", klass.__bases__):
            origin, base_args = parts(base)
            if isinstance(origin, type) and owner in origin.__mro__:
                queue.append(
                    (
                        origin,
                        None
                        if base_args is None
                        else tuple(substitute(a, bind) for a in base_args),
                    )
                )
    return None


def _protocol_member(
    protocol: type, args: tuple[object, ...] | None, name: str, self_type: object
) -> Member:
    found = _instance_member(protocol, args, name, self_type)
    return Member() if found is None else found


# --- matching ------------------------------------------------------------------------------------


def _as_callable(sig: Signature | None) -> object:
    """The ``Callable`` type of a method (``Callable[..., R]`` unless purely positional)."""
    if sig is None:
        return cabc.Callable[..., Any]
    simple = all(p.kind in _POSITIONAL and not p.has_default for p in sig.params)
    if simple:
        return cabc.Callable[[p.hint for p in sig.params], sig.returns]
    return cabc.Callable[..., sig.returns]


def _names_fit(have: Signature, want: Signature) -> bool:
    """Whether each parameter ``want`` lets callers pass by keyword is accepted by that name.

    A protocol method's positional-or-keyword parameter may be passed by keyword, so the source
    needs the same name at that position (not positional-only), or ``**kwargs`` beyond its
    positional parameters.
    """
    if have.gradual or want.gradual:
        return True
    have_pos = [p for p in have.params if p.kind in _POSITIONAL]
    varkw = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in have.params)
    wanted = [p for p in want.params if p.kind in _POSITIONAL]
    for i, w in enumerate(wanted):
        if w.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD or _MANGLED.fullmatch(w.name):
            continue
        if i < len(have_pos):
            h = have_pos[i]
            if h.kind is inspect.Parameter.POSITIONAL_ONLY or h.name != w.name:
                return False
        elif not varkw:
            return False
    return True


def _satisfies(have: Member, want: Member, rel: Relation) -> bool:
    """Whether the member ``have`` meets the Protocol's requirement ``want``."""
    if want.method:
        if not have.method:  # an attribute standing in for a method must be callable like it
            return rel(have.hint, _as_callable(want.signature))
        if have.signature is None or want.signature is None:
            return True
        names = have.signature.overloads or _names_fit(have.signature, want.signature)
        return bool(names) and signature_assignable(have.signature, want.signature, rel)
    if have.method:  # a method where data is wanted: only as its callable type, read-only
        return not want.settable and rel(_as_callable(have.signature), want.hint)
    if want.classvar and not have.on_class:
        return False
    if want.settable and (not have.settable or (have.classvar and not want.classvar)):
        return False
    if not rel(have.hint, want.hint):
        return False
    return not want.settable or rel(want.set_hint, have.set_hint)


def _instance_type(cls: type, args: tuple[object, ...] | None) -> object:
    if not args:
        return cls
    try:
        return cls[args]  # type: ignore[index]
    except TypeError:
        return types.GenericAlias(cls, args)


def protocol_satisfied(
    source: type,
    source_args: tuple[object, ...] | None,
    protocol: type,
    protocol_args: tuple[object, ...] | None,
    rel: Relation,
) -> bool:
    """Whether instances of ``source[source_args]`` structurally satisfy ``protocol[...]``.

    Every protocol member must exist on the source (a ``None`` value, as ``list.__hash__``,
    is no method). Methods are compared by signature when both sides are introspectable
    Python functions (builtins' C methods only by presence), with ``Self`` and a
    TypeVar-annotated ``self`` bound to the source type on both sides. A plain protocol
    attribute is settable: it needs a settable source attribute of an equivalent type, so a
    read-only property, a frozen dataclass or NamedTuple field, a ``Final`` or a ``ClassVar``
    do not satisfy it. A read-only property member accepts any readable attribute or
    property of a subtype; a property with a setter needs a settable member. A ``ClassVar``
    member needs a settable attribute readable on the class object (the spec leaves open
    whether it must be declared ``ClassVar``; this takes the structural reading, so a
    class-level ``x: int = 0`` satisfies it but ``self.x = 0`` in ``__init__`` does not).
    Attributes assigned on ``self`` in methods count as declared, as for type checkers.
    """
    self_type = _instance_type(source, source_args)
    for name in te.get_protocol_members(protocol):
        have = _instance_member(source, source_args, name, self_type)
        if have is None:
            return False
        want = _protocol_member(protocol, protocol_args, name, self_type)
        if not _satisfies(have, want, rel):
            return False
    return True


def class_object_satisfies(
    cls: type, protocol: type, protocol_args: tuple[object, ...] | None, rel: Relation
) -> bool:
    """Whether the class object ``cls`` (a value of type ``type[cls]``) satisfies ``protocol``.

    Members are read as on the class object: methods unbound (``self`` becomes their first
    parameter), properties as ``property`` objects, ``ClassVar`` attributes as settable
    attributes, instance variables not at all, then the metaclass's members. A ``ClassVar``
    protocol member is never satisfied by a class object (the spec's protocols_class_objects).
    """
    self_type = types.GenericAlias(type, (cls,))
    for name in te.get_protocol_members(protocol):
        want = _protocol_member(protocol, protocol_args, name, self_type)
        if want.classvar:
            return False
        have = _class_member(cls, name)
        if have is None or not _satisfies(have, want, rel):
            return False
    return True
