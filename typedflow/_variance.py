"""Variance of type parameters whose variance is inferred (PEP 695 classes, ``infer_variance``)."""

from __future__ import annotations

import ast
import collections.abc as cabc
import functools
import inspect
import textwrap
import threading
import typing

import typing_extensions as te

from ._hints import (
    PARAM_SPECS,
    SPEC_PARTS,
    UNIONS,
    Forms,
    Variance,
    all_params,
    parts,
    strip,
    variances,
)

__all__ = ["variance_of"]

_CO, _CONTRA, _INV = Variance.COVARIANT, Variance.CONTRAVARIANT, Variance.INVARIANT
_FLIP = {_CO: _CONTRA, _CONTRA: _CO}
_SKIPPED_METHODS = frozenset({"__init__", "__new__", "__init_subclass__", "__class_getitem__"})
_TRANSPARENT = Forms(
    tuple, typing.Literal, typing.Unpack, te.Unpack, typing.Concatenate, te.Concatenate
)
_DECLARATIONS = Forms(typing.Generic, typing.Protocol, te.Protocol)
_inferring = threading.local()


def variance_of(origin: object, count: int) -> tuple[Variance, ...]:
    """The variance of each of ``origin``'s ``count`` type parameters.

    Declared variance comes from :func:`typedflow._hints.variances`; a parameter declared with
    inferred variance (``class Box[T]``, ``TypeVar("T", infer_variance=True)``) gets the
    variance the typing spec's algorithm gives it, computed from how the class uses it:
    returned (covariant), accepted (contravariant) or stored in a mutable public attribute
    (invariant, both). ``__init__``/``__new__`` and private (``_name``) members do not count; a
    frozen dataclass's or NamedTuple's fields, ``Final`` attributes and read-only properties are
    read-only (covariant); base classes contribute the variance of the base's own parameters.
    An unused parameter is covariant (the spec's ``C[T]`` is then assignable to ``C[object]``).
    """
    declared = variances(origin, count)
    if not isinstance(origin, type):
        return declared
    params = all_params(origin)
    if any(isinstance(p, PARAM_SPECS) for p in params):  # ParamSpecs take places too
        declared = (tuple(_declared(p) for p in params) + (_INV,) * count)[:count]
    if not any(_infers(origin, p) for p in params):
        return declared
    return tuple(
        _inferred(origin, i) if i < len(params) and _infers(origin, params[i]) else v
        for i, v in enumerate(declared)
    )


def _declared(param: object) -> Variance:
    if getattr(param, "__covariant__", False):
        return _CO
    return _CONTRA if getattr(param, "__contravariant__", False) else _INV


def _infers(cls: type, var: object) -> bool:
    """Declared with inferred variance: ``infer_variance=True`` or a PEP 695 parameter."""
    return bool(getattr(var, "__infer_variance__", False)) or var in getattr(
        cls, "__type_params__", ()
    )


@functools.cache
def _inferred(cls: type, index: int) -> Variance:
    stack: set[tuple[type, int]] = _inferring.__dict__.setdefault("stack", set())
    if (cls, index) in stack:
        return _CO  # a class using itself while being inferred: that use adds no constraint
    stack.add((cls, index))
    try:
        found = _polarities(cls, all_params(cls)[index])
    finally:
        stack.discard((cls, index))
    if found >= {_CO, _CONTRA}:
        return _INV
    return _CONTRA if found == {_CONTRA} else _CO


def _polarities(cls: type, var: object) -> set[Variance]:
    found: set[Variance] = set()
    for base in cls.__dict__.get("__orig_bases__", ()):
        if typing.get_origin(base) not in _DECLARATIONS:
            found |= _occurrences(base, var, _CO)
    local = _namespace(cls)
    hints = _own_annotations(cls, local)
    readonly = _readonly_fields(cls)
    for name, hint in hints.items():
        if _private(name) or typing.get_origin(hint) is typing.ClassVar:
            continue
        final = typing.get_origin(hint) is typing.Final
        found |= _occurrences(hint, var, _CO if final or name in readonly else _INV)
    for name, attr in cls.__dict__.items():
        if _private(name) or name in _SKIPPED_METHODS:
            continue
        found |= _member(attr, var, local)
    for hint in _assigned_attributes(cls, local, hints):
        found |= _occurrences(hint, var, _INV)
    return found


def _member(attr: object, var: object, local: dict[str, object]) -> set[Variance]:
    if isinstance(attr, property):
        found = set()
        if attr.fget is not None:
            found |= _occurrences(_hints_of(attr.fget, local).get("return"), var, _CO)
        if attr.fset is not None:
            values = list(_parameters(attr.fset, local, skip_first=True).values())
            found |= _occurrences(values[0] if values else None, var, _CONTRA)
        return found
    if isinstance(attr, staticmethod | classmethod):
        func, skip = attr.__func__, isinstance(attr, classmethod)
    elif inspect.isfunction(attr):
        func, skip = attr, True
    else:
        return set()
    found = _occurrences(_hints_of(func, local).get("return"), var, _CO)
    for hint in _parameters(func, local, skip_first=skip).values():
        found |= _occurrences(hint, var, _CONTRA)
    return found


def _occurrences(hint: object, var: object, polarity: Variance) -> set[Variance]:
    """The polarities with which ``var`` occurs in ``hint`` met at ``polarity``."""
    if hint is None or isinstance(hint, str | typing.ForwardRef):
        return set()
    if hint is var or (isinstance(hint, SPEC_PARTS) and getattr(hint, "__origin__", None) is var):
        return {_CO, _CONTRA} if polarity is _INV else {polarity}
    try:
        hint = strip(hint)
    except TypeError:
        return set()
    origin, args = parts(hint)
    if not args:
        return set()
    if origin is cabc.Callable:
        params, ret = args[0], args[-1]
        found = _occurrences(ret, var, polarity)
        for p in params if isinstance(params, list | tuple) else (params,):
            found |= _occurrences(p, var, _FLIP.get(polarity, _INV))
        return found
    if origin in UNIONS or origin in _TRANSPARENT:
        own = (_CO,) * len(args)
    else:
        own = variance_of(origin, len(args))
    found = set()
    for arg, v in zip(args, own, strict=False):
        if v is _CO:
            found |= _occurrences(arg, var, polarity)
        elif v is _CONTRA:
            found |= _occurrences(arg, var, _FLIP.get(polarity, _INV))
        else:
            found |= _occurrences(arg, var, _INV)
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _namespace(cls: type) -> dict[str, object]:
    """Names a member's string annotations may use: the class's PEP 695 parameters and itself."""
    local: dict[str, object] = {cls.__name__: cls}
    for p in getattr(cls, "__type_params__", ()):
        local[p.__name__] = p
    return local


def _own_annotations(cls: type, local: dict[str, object]) -> dict[str, object]:
    own = inspect.get_annotations(cls)
    try:
        hints = te.get_type_hints(cls, localns=local, include_extras=True)
    except Exception:  # noqa: BLE001  unresolvable annotations: read what is already objects
        hints = dict(own)
    return {k: v for k, v in hints.items() if k in own}


def _readonly_fields(cls: type) -> frozenset[str]:
    params = getattr(cls, "__dataclass_params__", None)
    if params is not None and getattr(params, "frozen", False):
        return frozenset(getattr(cls, "__dataclass_fields__", {}))
    fields = getattr(cls, "_fields", None)
    if isinstance(fields, tuple) and issubclass(cls, tuple):
        return frozenset(fields)
    return frozenset()


def _hints_of(func: object, local: dict[str, object]) -> dict[str, object]:
    scope = dict(local)
    for p in getattr(func, "__type_params__", ()):
        scope[p.__name__] = p
    try:
        return te.get_type_hints(func, localns=scope)
    except Exception:  # noqa: BLE001  unresolvable annotations count as unannotated
        return {}


def _parameters(func: object, local: dict[str, object], *, skip_first: bool) -> dict[str, object]:
    try:
        names = list(inspect.signature(func).parameters)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return {}
    if skip_first:
        names = names[1:]
    hints = _hints_of(func, local)
    return {n: hints.get(n) for n in names}


def _assigned_attributes(
    cls: type, local: dict[str, object], declared: dict[str, object]
) -> list[object]:
    """Hints of public attributes that methods assign on ``self`` (``self.x = x``), undeclared.

    Only an assignment of a parameter is typed here (its annotation); it makes the attribute a
    mutable member of that type.
    """
    found: list[object] = []
    for attr in cls.__dict__.values():
        func = attr.__func__ if isinstance(attr, staticmethod | classmethod) else attr
        if not inspect.isfunction(func):
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
        except (OSError, TypeError, SyntaxError):
            continue
        params = _parameters(func, local, skip_first=False)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name):
                value = node.value.id
                found.extend(
                    params[value]
                    for target in node.targets
                    if _public_self_attribute(target, declared) and value in params
                )
    return found


def _public_self_attribute(target: ast.expr, declared: dict[str, object]) -> bool:
    return (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == "self"
        and not _private(target.attr)
        and target.attr not in declared
    )
