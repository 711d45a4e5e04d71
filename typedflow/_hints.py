"""Hint introspection shared by the type relation: normal forms, generic bases, rendering."""

from __future__ import annotations

import builtins
import collections
import collections.abc as cabc
import contextlib
import enum
import functools
import keyword
import re
import sys
import types
import typing
from typing import Any, TypeVar

import typing_extensions as te

from ._tuples import bind_params, is_type_var_tuple, shape_of, spliced, unpacked

__all__ = [
    "NONE_TYPE",
    "PARAM_SPECS",
    "SELF",
    "SPEC_PARTS",
    "UNIONS",
    "Forms",
    "UnsupportedHint",
    "Variance",
    "all_params",
    "builtin_names",
    "class_params",
    "is_alias",
    "is_any",
    "is_bare_name",
    "is_never",
    "namedtuple_args",
    "param_default",
    "parts",
    "plain_hints",
    "resolve_forward",
    "strip",
    "substitute",
    "type_hints",
    "type_repr",
    "type_vars",
    "upcast_args",
    "variances",
]

NONE_TYPE: type[None] = type(None)
# The class of unsubscripted typing aliases: typing.List, typing.Tuple, typing.Callable, ...
_BARE_ALIAS = type(typing.List)  # noqa: UP006  the typing alias itself is the point


class Forms:
    """A few special forms, matched by identity: a hint may be unhashable (``P.args``,
    ``Annotated[int, {}]``), so a ``frozenset`` membership test could raise."""

    __slots__ = ("_items",)

    def __init__(self, *items: object) -> None:
        self._items = items

    def __contains__(self, value: object) -> bool:
        return any(value is item for item in self._items)


UNIONS = Forms(typing.Union, types.UnionType)
_ANY_FORMS = Forms(typing.Any, te.Any)
_NEVER_FORMS = Forms(typing.Never, typing.NoReturn, te.Never, te.NoReturn)
_WRAPPERS = Forms(
    te.Annotated, te.Required, te.NotRequired, te.ReadOnly, typing.ClassVar, typing.Final
)
# Bases that list a class's type parameters in order: `Generic[...]`, `Protocol[...]`.
_DECLARES_PARAMS = Forms(typing.Generic, typing.Protocol, te.Protocol)
# `type X = ...` makes a `typing.TypeAliasType` (3.12+); typing_extensions has its own class for
# `TypeAliasType(...)` calls on versions whose typing lacks features it backports.
_ALIAS_TYPES: tuple[type[te.TypeAliasType], ...] = tuple(
    {te.TypeAliasType, getattr(typing, "TypeAliasType", te.TypeAliasType)}
)


class UnsupportedHint(TypeError):
    """A hint the type relation cannot answer for (the message names the construct)."""


class Variance(enum.Enum):
    """How a type parameter relates the arguments of two parametrisations of one generic."""

    COVARIANT = "covariant"
    CONTRAVARIANT = "contravariant"
    INVARIANT = "invariant"


def is_any(hint: object) -> bool:
    """Return whether ``hint`` is ``Any``."""
    return hint in _ANY_FORMS


def is_never(hint: object) -> bool:
    """Return whether ``hint`` is the bottom type (``Never`` / ``NoReturn``)."""
    return hint in _NEVER_FORMS


def strip(hint: object) -> object:
    """Remove the forms that do not change a hint's type.

    Strips ``Annotated`` metadata, TypedDict/ClassVar qualifiers, expands type aliases
    (``TypeAliasType``, PEP 695 ``type`` statements, generic ones substituted), follows forward
    references that Python already evaluated (the recursive occurrences of an old-style string
    alias such as ``JSON = dict[str, "JSON"] | int``), turns ``None`` into ``NoneType`` and a
    ``Literal`` holding ``None`` into a union with ``None`` (the spec makes them equal).

    Raises:
        TypeError: ``hint`` is a string, or a ``ForwardRef`` that cannot be resolved: the
            caller resolves those first.
    """
    while True:
        if type(hint) is type:  # a plain class, the common case: nothing to strip
            return hint
        if hint is None:
            return NONE_TYPE
        if isinstance(hint, typing.ForwardRef | str):
            hint = resolve_forward(hint)
            continue
        origin = typing.get_origin(hint)
        if origin in _WRAPPERS:
            hint = typing.get_args(hint)[0]
        elif isinstance(hint, _ALIAS_TYPES):
            hint = hint.__value__
        elif isinstance(origin, _ALIAS_TYPES):
            params = typing.cast("tuple[TypeVar, ...]", origin.__type_params__)
            hint = substitute(
                origin.__value__, dict(zip(params, typing.get_args(hint), strict=False))
            )
        elif origin is typing.Literal and None in typing.get_args(hint):
            rest = tuple(v for v in typing.get_args(hint) if v is not None)
            return typing.Optional[typing.Literal[rest]] if rest else NONE_TYPE  # noqa: UP045
        else:
            return hint


def type_hints(obj: object, *, include_extras: bool = False) -> dict[str, object]:
    """``typing_extensions.get_type_hints(obj)`` that also sees PEP 695 type parameters.

    Under ``from __future__ import annotations`` annotations are strings, which
    ``get_type_hints`` evaluates in the module, where ``def f[T](x: T)``'s ``T`` (or that of
    the class a method belongs to) does not exist; those parameters are passed as locals.

    Raises:
        Exception: Whatever ``get_type_hints`` raises for an unresolvable annotation.
    """
    local: dict[str, object] = {}
    for scope in (*_enclosing_classes(obj), obj):
        for param in getattr(scope, "__type_params__", None) or ():
            local[param.__name__] = param
    if include_extras and type(obj) is types.FunctionType:
        found = _plain_function_hints(obj, local)
        if found is not None:
            return found
    return te.get_type_hints(obj, localns=local or None, include_extras=include_extras)


_RESOLVED_FORMS: tuple[type, ...] = tuple(
    {
        TypeVar,
        typing.ParamSpec,
        typing.TypeVarTuple,
        typing.NewType,
        type(typing.Never),  # the special forms: Never, NoReturn, Self, LiteralString, ...
        type(te.TypeVar("_T")),
        type(te.ParamSpec("_P")),
        type(te.TypeVarTuple("_Ts")),
        te.TypeAliasType,
        *((typing.TypeAliasType,) if sys.version_info >= (3, 12) else ()),  # type: ignore[attr-defined,unused-ignore]
    }
)
"""Hints without arguments that `get_type_hints` returns unchanged (besides classes)."""

# Compiled annotation strings, shared by every function: `get_type_hints` compiles each string
# again (a `ForwardRef` per annotation), which was most of what `@node` cost under
# `from __future__ import annotations`.
_COMPILED: dict[str, types.CodeType] = {}


def _plain_function_hints(
    func: types.FunctionType, local: dict[str, object]
) -> dict[str, object] | None:
    """What ``get_type_hints(func, include_extras=True)`` gives, when every annotation
    evaluates to a hint with no string or forward reference left inside (the common case,
    where ``get_type_hints`` would return the evaluated objects unchanged); else None, and
    ``get_type_hints`` decides (and raises for what it cannot resolve)."""
    hints: dict[str, object] = {}
    for name, value in func.__annotations__.items():
        if isinstance(value, str):
            value = _evaluated(value, func.__globals__, local)
            if value is _MISSING:
                return None
        value = _settled(value)
        if value is _MISSING:
            return None
        hints[name] = value
    return hints


def plain_hints(func: types.FunctionType) -> dict[str, object] | None:
    """``type_hints(func, include_extras=True)`` for a function that is in no class body and
    has no type parameters (no names to add to the module's), when every annotation evaluates
    to a hint with nothing left to resolve; else None (then `type_hints` decides).

    What `_plain_function_hints` does, with a bare name's lookup inlined: this runs for
    every `@node` (two names for `def f(x: "int") -> "int"`)."""
    module = func.__globals__
    built: dict[str, Any] | None = None
    hints: dict[str, object] = {}
    for name, value in func.__annotations__.items():
        if isinstance(value, str):
            bare = is_bare_name(value)
            found = module.get(value, _MISSING) if bare else _MISSING
            if found is _MISSING and bare:
                built = builtin_names(module) if built is None else built
                found = built.get(value, _MISSING)
            value = found if found is not _MISSING else _evaluated(value, module, {})
            if value is _MISSING:
                return None
        value = _settled(value)
        if value is _MISSING:
            return None
        hints[name] = value
    return hints


def _settled(value: object) -> object:
    """An evaluated annotation as `get_type_hints` gives it (None as `NoneType`), or
    `_MISSING` when something inside it is still to resolve (a string, a forward reference)."""
    if value is None:
        return NONE_TYPE
    if type(value) is type or _resolved(value, 0):
        return value
    return _MISSING


def is_bare_name(text: str) -> bool:
    """Whether an annotation string is a bare name (looked up, not evaluated)."""
    bare = _BARE.get(text)
    if bare is None:
        bare = text.isidentifier() and not keyword.iskeyword(text)
        if len(_BARE) < 4096:
            _BARE[text] = bare
    return bare


_BARE: dict[str, bool] = {}  # `is_bare_name`, by string


_MISSING: Any = object()


def _named(text: str, module: dict[str, Any], local: dict[str, object]) -> object:
    """What an annotation that is a bare name (`"int"`, `"Order"`) evaluates to, looked up as
    `eval` would (locals, the module, its builtins) without compiling or running code; else
    `_MISSING` (not a bare name, or not found: `eval` decides and reports)."""
    if not text.isidentifier() or keyword.iskeyword(text):
        return _MISSING
    if text in local:
        return local[text]
    if text in module:
        return module[text]
    return builtin_names(module).get(text, _MISSING)


def builtin_names(module: dict[str, Any]) -> dict[str, Any]:
    """The builtins `eval` sees in `module`."""
    built = module.get("__builtins__", builtins)
    return built if isinstance(built, dict) else vars(built)


def _evaluated(text: str, module: dict[str, Any], local: dict[str, object]) -> object:
    """An annotation string evaluated in its function's module as `get_type_hints` does (a
    bare name looked up, anything else compiled once for every function); `_MISSING` when it
    does not compile or raises."""
    found = _named(text, module, local)
    if found is not _MISSING:
        return found
    code = _COMPILED.get(text)
    if code is None:
        try:
            code = compile(text, "<annotation>", "eval")
        except SyntaxError:
            return _MISSING
        if len(_COMPILED) < 4096:
            _COMPILED[text] = code
    try:
        return eval(code, module, local or None)  # as get_type_hints does
    except Exception:  # noqa: BLE001  # get_type_hints reports it
        return _MISSING


def _resolved(hint: object, depth: int) -> bool:
    """Whether `hint` is a class, or a typing construct with no string or `ForwardRef` in its
    arguments (`Literal` values are not hints and not searched)."""
    if isinstance(hint, type):
        return True
    if isinstance(hint, str | typing.ForwardRef) or depth > 20:
        return False
    if typing.get_origin(hint) is typing.Literal:
        return True
    args = getattr(hint, "__args__", None)
    if args is None:
        return isinstance(hint, _RESOLVED_FORMS)
    return all(
        a is Ellipsis or a is None or _resolved(a, depth + 1)
        for a in (args if isinstance(args, tuple) else (args,))
    )


def _enclosing_classes(obj: object) -> list[object]:
    """The classes a function or class is defined in, outermost first (from its qualname)."""
    qualname = getattr(obj, "__qualname__", "")
    if not isinstance(qualname, str) or "." not in qualname:  # a module-level function
        return []
    module = sys.modules.get(getattr(obj, "__module__", "") or "")
    if module is None or "<locals>" in qualname:
        return []
    found: list[object] = []
    scope: object = module
    for name in qualname.split(".")[:-1]:
        scope = getattr(scope, name, None)
        if not isinstance(scope, type):
            break
        found.append(scope)
    return found


def is_alias(hint: object) -> bool:
    """Whether ``hint`` names another hint: a type alias object or a forward reference.

    Such hints can refer to themselves (recursive aliases), so relations over them need a
    guard against unbounded recursion.
    """
    return isinstance(hint, (str, typing.ForwardRef, *_ALIAS_TYPES)) or isinstance(
        typing.get_origin(hint), _ALIAS_TYPES
    )


def resolve_forward(ref: typing.ForwardRef | str, module: str | None = None) -> object:
    """The hint a forward reference (a ``ForwardRef`` or a plain string) stands for.

    Uses the value Python cached when it evaluated the reference (``get_type_hints`` does), else
    evaluates it in the module recorded on it or given as ``module`` (a TypeVar's module for a
    string bound), else, for the self-reference of an old-style recursive alias
    (``Json = dict[str, "Json"] | int``, whose inner ``"Json"`` records no module), in the one
    module whose global of that name is a hint mentioning the same reference.

    Raises:
        TypeError: The reference cannot be resolved that way.
    """
    text = ref if isinstance(ref, str) else ref.__forward_arg__
    if getattr(ref, "__forward_evaluated__", False):
        return typing.cast("typing.ForwardRef", ref).__forward_value__
    where = getattr(ref, "__forward_module__", None) or module
    namespaces = [vars(sys.modules[where])] if where in sys.modules else []
    namespaces += _self_referencing(text)
    for namespace in namespaces:
        try:
            return eval(text, namespace)
        except Exception:  # noqa: BLE001  try the next namespace, else report below
            continue
    raise UnsupportedHint(
        f"unresolved forward reference {text!r}: resolve hints with "
        "typing.get_type_hints() before checking assignability"
    )


_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def _self_referencing(text: str) -> list[dict[str, object]]:
    """Namespaces of modules whose global named like ``text`` is a hint that mentions ``text``."""
    match = _IDENTIFIER.match(text)
    if match is None:
        return []
    name = match.group()
    found: list[dict[str, object]] = []
    for mod in list(sys.modules.values()):
        namespace = getattr(mod, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        value = namespace.get(name)
        if value is not None and not isinstance(value, type) and _mentions(value, text, 0):
            found.append(namespace)
    return found


def _mentions(hint: object, text: str, depth: int) -> bool:
    if isinstance(hint, str):
        return hint == text
    if isinstance(hint, typing.ForwardRef):
        return hint.__forward_arg__ == text
    if depth > 8 or typing.get_origin(hint) is typing.Literal:
        return False
    args = hint if isinstance(hint, list | tuple) else typing.get_args(hint)
    return any(_mentions(a, text, depth + 1) for a in args)


def _is_class(hint: object) -> bool:
    """A plain class (``list[int]`` passes ``isinstance(_, type)`` but is an alias)."""
    return type(hint) is type or (typing.get_origin(hint) is None and isinstance(hint, type))


def parts(hint: object) -> tuple[object, tuple[object, ...] | None]:
    """Split a stripped hint into ``(origin, args)``.

    ``args`` is ``None`` for an unparametrised generic (``list``, ``typing.List``), which means
    every parameter is ``Any``; ``tuple[()]`` gives ``(tuple, ())``. A generic class whose
    parameters have defaults (PEP 696) is read with them: a bare ``Box`` is ``Box[int]`` for
    ``T = TypeVar("T", default=int)``, and a default naming an earlier parameter
    (``StopT = TypeVar("StopT", default=StartT)``) takes that parameter's argument.
    """
    if _is_class(hint):
        return hint, _defaults(typing.cast("type", hint))
    origin = typing.get_origin(hint)
    if origin is None:
        return hint, None
    if isinstance(hint, _BARE_ALIAS):
        return origin, None
    args = typing.get_args(hint)
    if isinstance(origin, type) and _defaults(origin) is not None:
        args = _referential(origin, args)
    return origin, args


_NO_DEFAULT = Forms(te.NoDefault, getattr(typing, "NoDefault", te.NoDefault))


def param_default(param: object) -> object:
    """The default of a type parameter (PEP 696), or ``typing_extensions.NoDefault``."""
    value = getattr(param, "__default__", te.NoDefault)
    return te.NoDefault if value in _NO_DEFAULT else value


@functools.lru_cache(maxsize=1024)
def _defaults(cls: type) -> tuple[object, ...] | None:
    """The arguments a bare generic ``cls`` stands for when some parameters have defaults."""
    params = all_params(cls) if "__parameters__" in cls.__dict__ else ()
    if not any(param_default(p) is not te.NoDefault for p in params):
        return None
    values: list[object] = []
    bound: dict[object, object] = {}
    for p in params:
        value = param_default(p)
        if value is te.NoDefault:
            value = _unknown_argument(p)
        elif is_type_var_tuple(p):
            value = _run_of(value)
        bound[p] = substitute(value, bound)
        values.extend(spliced(bound[p]) if is_type_var_tuple(p) else (bound[p],))
    return tuple(values)


def _unknown_argument(param: object) -> object:
    """What a parameter without a default stands for in a bare generic: ``Any`` or ``...``."""
    if is_type_var_tuple(param):
        return tuple[Any, ...]
    return Ellipsis if isinstance(param, PARAM_SPECS) else Any


def _run_of(value: object) -> object:
    """A TypeVarTuple default (``Unpack[tuple[str, int]]``) as the ``tuple[...]`` it unpacks."""
    if typing.get_origin(value) in (typing.Unpack, te.Unpack):
        return typing.get_args(value)[0]
    return types.GenericAlias(tuple, (value,))


def _referential(origin: type, args: tuple[object, ...]) -> tuple[object, ...]:
    """Arguments with defaults that name earlier parameters replaced by those arguments."""
    params = class_params(origin)
    if len(params) != len(args) or any(is_type_var_tuple(p) for p in params):
        return args
    bound: dict[object, object] = {}
    out: list[object] = []
    for p, a in zip(params, args, strict=True):
        value = substitute(a, bound) if bound and type_vars(a) else a
        bound[p] = value
        out.append(value)
    return tuple(out)


def type_vars(hint: object) -> tuple[TypeVar, ...]:
    """List the ``TypeVar``s in a hint, in order of first appearance.

    Args:
        hint: Any type hint, e.g. ``Mapping[K, list[V]]``.

    Returns:
        The distinct TypeVars, e.g. ``(K, V)``; an unparametrised generic class has none.
    """
    if type(hint) is type:
        return ()
    if isinstance(hint, TypeVar):
        return (hint,)
    if _is_class(hint):
        return ()
    params = getattr(hint, "__parameters__", ())
    if not isinstance(params, tuple):
        return ()
    return tuple(p for p in params if isinstance(p, TypeVar) or is_type_var_tuple(p))


def substitute(hint: object, bindings: cabc.Mapping[Any, object]) -> object:
    """Replace TypeVars (and TypeVarTuples) in a hint by their bindings.

    A ``TypeVarTuple`` is bound to a ``tuple[...]`` hint whose elements are spliced in its
    place (``tuple[int, *Ts]`` with ``{Ts: tuple[str, bytes]}`` is ``tuple[int, str, bytes]``).

    Args:
        hint: A hint possibly containing TypeVars, e.g. ``list[T]`` or ``T``.
        bindings: Values for some TypeVars; unbound ones are left in place.

    Returns:
        The substituted hint, e.g. ``list[str]`` for ``list[T]`` with ``{T: str}``. A hint whose
        parameters cannot be substituted by subscription (``TypeVarTuple``, ``ParamSpec``) is
        returned unchanged.
    """
    if isinstance(hint, TypeVar):
        return bindings.get(hint, hint)
    if not bindings or _is_class(hint):
        return hint
    params = getattr(hint, "__parameters__", ())
    if not isinstance(params, tuple) or not any(p in bindings for p in params):
        return hint
    values: list[object] = []
    for p in params:
        if is_type_var_tuple(p):
            run = bindings.get(p)
            values.extend(spliced(run) if run is not None else (te.Unpack[p],))
        else:
            values.append(bindings.get(p, p))
    try:
        return hint[values[0] if len(values) == 1 else tuple(values)]  # type: ignore[index]
    except TypeError:
        return hint


# --- generic bases of the standard containers (what typeshed declares) ----------------------

_T = TypeVar("_T")
_K = TypeVar("_K")
_V = TypeVar("_V")
_S = TypeVar("_S")
_R = TypeVar("_R")


def _g(origin: type, *args: object) -> object:
    """``origin[args]`` built at runtime (mypy reads subscripts here as type expressions)."""
    return types.GenericAlias(origin, args)


_PARENTS: dict[type, tuple[tuple[TypeVar, ...], tuple[object, ...]]] = {
    list: ((_T,), (_g(cabc.MutableSequence, _T),)),
    collections.deque: ((_T,), (_g(cabc.MutableSequence, _T),)),
    cabc.MutableSequence: ((_T,), (_g(cabc.Sequence, _T),)),
    cabc.Sequence: ((_T,), (_g(cabc.Reversible, _T), _g(cabc.Collection, _T))),
    cabc.Collection: ((_T,), (_g(cabc.Iterable, _T), _g(cabc.Container, _T))),
    cabc.Reversible: ((_T,), (_g(cabc.Iterable, _T),)),
    cabc.Iterator: ((_T,), (_g(cabc.Iterable, _T),)),
    cabc.Generator: ((_T, _S, _R), (_g(cabc.Iterator, _T),)),
    cabc.AsyncIterator: ((_T,), (_g(cabc.AsyncIterable, _T),)),
    cabc.AsyncGenerator: ((_T, _S), (_g(cabc.AsyncIterator, _T),)),
    cabc.Coroutine: ((_T, _S, _R), (_g(cabc.Awaitable, _R),)),
    dict: ((_K, _V), (_g(cabc.MutableMapping, _K, _V),)),
    collections.defaultdict: ((_K, _V), (_g(dict, _K, _V),)),
    collections.OrderedDict: ((_K, _V), (_g(dict, _K, _V),)),
    collections.Counter: ((_T,), (_g(dict, _T, int),)),
    collections.ChainMap: ((_K, _V), (_g(cabc.MutableMapping, _K, _V),)),
    cabc.MutableMapping: ((_K, _V), (_g(cabc.Mapping, _K, _V),)),
    cabc.Mapping: ((_K, _V), (_g(cabc.Collection, _K),)),
    set: ((_T,), (_g(cabc.MutableSet, _T),)),
    frozenset: ((_T,), (_g(cabc.Set, _T),)),
    cabc.MutableSet: ((_T,), (_g(cabc.Set, _T),)),
    cabc.Set: ((_T,), (_g(cabc.Collection, _T),)),
    cabc.KeysView: ((_K,), (_g(cabc.Set, _K),)),
    cabc.ValuesView: ((_V,), (_g(cabc.Collection, _V),)),
    cabc.ItemsView: ((_K, _V), (_g(cabc.Set, _g(tuple, _K, _V)),)),
    str: ((), (_g(cabc.Sequence, str),)),
    bytes: ((), (_g(cabc.Sequence, int),)),
    bytearray: ((), (_g(cabc.MutableSequence, int),)),
    memoryview: ((), (_g(cabc.Sequence, int),)),
    range: ((), (_g(cabc.Sequence, int),)),
    enumerate: ((_T,), (_g(cabc.Iterator, _g(tuple, int, _T)),)),
    reversed: ((_T,), (_g(cabc.Iterator, _T),)),
    filter: ((_T,), (_g(cabc.Iterator, _T),)),
    map: ((_T,), (_g(cabc.Iterator, _T),)),
    zip: ((_T,), (_g(cabc.Iterator, _T),)),
}

_CO, _CONTRA, _INV = Variance.COVARIANT, Variance.CONTRAVARIANT, Variance.INVARIANT
_VARIANCES: dict[object, tuple[Variance, ...]] = {
    **dict.fromkeys(
        (
            cabc.Iterable,
            cabc.Iterator,
            cabc.Reversible,
            cabc.Collection,
            cabc.Container,
            cabc.Sequence,
            cabc.Set,
            frozenset,
            cabc.KeysView,
            cabc.ValuesView,
            cabc.Awaitable,
            cabc.AsyncIterable,
            cabc.AsyncIterator,
            type,
            enumerate,
            reversed,
            filter,
            map,
            zip,
            contextlib.AbstractContextManager,
            contextlib.AbstractAsyncContextManager,
        ),
        (_CO,),
    ),
    cabc.ItemsView: (_CO, _CO),
    cabc.Mapping: (_INV, _CO),
    cabc.Generator: (_CO, _CONTRA, _CO),
    cabc.Coroutine: (_CO, _CONTRA, _CO),
    cabc.AsyncGenerator: (_CO, _CONTRA),
}


def variances(origin: object, count: int) -> tuple[Variance, ...]:
    """Return the declared variance of each of ``origin``'s ``count`` type parameters.

    Standard containers follow typeshed; user generics use their TypeVars' ``covariant`` /
    ``contravariant`` flags. Anything else (including ``infer_variance=True``) is invariant,
    the choice that never accepts an unsound edge.
    """
    known = _VARIANCES.get(origin)
    if known is None:
        params = class_params(origin) if isinstance(origin, type) else ()
        known = tuple(
            _CO if getattr(p, "__covariant__", False)
            else _CONTRA if getattr(p, "__contravariant__", False)
            else _INV
            for p in params
        )  # fmt: skip
    return (known + (_INV,) * count)[:count]


PARAM_SPECS: tuple[type, ...] = tuple({typing.ParamSpec, te.ParamSpec})
SPEC_PARTS: tuple[type, ...] = tuple(  # `P.args`, `P.kwargs`
    {typing.ParamSpecArgs, typing.ParamSpecKwargs, te.ParamSpecArgs, te.ParamSpecKwargs}
)
SELF = Forms(typing.Self, te.Self)


def all_params(cls: type) -> tuple[Any, ...]:
    """A class's type parameters, ParamSpecs included (:func:`class_params` has none)."""
    params = cls.__dict__.get("__parameters__")
    if isinstance(params, tuple) and any(isinstance(p, PARAM_SPECS) for p in params):
        return params
    return class_params(cls)


def class_params(cls: type) -> tuple[Any, ...]:
    """The type parameters (TypeVars, TypeVarTuples) of a generic class, in order.

    ``class MyMap(dict[str, T])`` is generic in ``T`` for type checkers although only
    ``typing.Generic`` subclasses record ``__parameters__`` at runtime.
    """
    params = cls.__dict__.get("__parameters__")
    if isinstance(params, tuple):
        # `class P(Base[T], Protocol[S, T])` is generic in (S, T), the order `Protocol[...]`
        # gives; CPython honours that only for `Generic[...]` and records (T, S).
        for base in cls.__dict__.get("__orig_bases__", ()):
            if typing.get_origin(base) in _DECLARES_PARAMS:
                params = tuple(unpacked(p) or p for p in typing.get_args(base))
        return tuple(p for p in params if isinstance(p, TypeVar) or is_type_var_tuple(p))
    found: dict[object, None] = {}
    for base in cls.__dict__.get("__orig_bases__", ()):
        found.update(dict.fromkeys(type_vars(base)))
    return tuple(found)


def _join(items: tuple[object, ...]) -> object:
    if not items:
        return typing.Never
    return functools.reduce(lambda a, b: typing.Union[a, b], items)  # noqa: UP007  runtime union of arbitrary hints


def namedtuple_args(cls: type, args: tuple[object, ...] | None = None) -> tuple[object, ...] | None:
    """A NamedTuple class's field types, in order (substituted for a generic one), else ``None``."""
    fields = getattr(cls, "_fields", None)
    if not (isinstance(fields, tuple) and issubclass(cls, tuple)):
        return None
    try:
        hints = type_hints(cls)
    except Exception:  # noqa: BLE001  unresolvable annotations: fields read as Any
        hints = {}
    params = class_params(cls)
    bindings = dict(zip(params, (Any,) * len(params) if args is None else args, strict=False))
    # `collections.namedtuple` fields have no annotations: their number still counts
    return tuple(substitute(hints.get(f, Any), bindings) for f in fields)


def _direct_bases(origin: type, args: tuple[object, ...] | None) -> tuple[object, ...]:
    """The generic bases of ``origin[args]`` with its parameters substituted.

    A NamedTuple's ``tuple`` base carries its field types (``class P(NamedTuple): x: int`` is a
    ``tuple[int]``), which the class's runtime bases do not record.
    """
    fields = namedtuple_args(origin, args) if origin is not tuple else None
    if fields is not None:
        return (_g(tuple, *fields) if fields else tuple[()],)
    if origin is tuple:
        shape = shape_of(args)
        if shape is None:
            return (_g(cabc.Sequence, Any),)
        run = () if shape.fixed else (object if is_type_var_tuple(shape.middle) else shape.middle,)
        return (_g(cabc.Sequence, _join((*shape.prefix, *run, *shape.suffix))),)
    if origin in _PARENTS:
        params, bases = _PARENTS[origin]
    else:
        params = class_params(origin)
        bases = tuple(te.get_original_bases(origin)) if "__orig_bases__" in origin.__dict__ else ()
        bases = bases or origin.__bases__
    bindings = bind_params(params, args)
    return tuple(substitute(b, bindings) for b in bases)


def upcast_args(
    origin: type, args: tuple[object, ...] | None, base: type
) -> tuple[object, ...] | None:
    """Express ``origin[args]`` as a parametrisation of its generic ancestor ``base``.

    E.g. ``(dict, (str, int), Mapping)`` gives ``(str, int)`` and ``(MyList, None, Sequence)``
    gives ``(int,)`` for ``class MyList(list[int])``.

    Returns:
        ``base``'s arguments, or ``None`` when no generic path leads there (an ABC registration
        or a bare base), in which case the caller treats the arguments as ``Any``.
    """
    seen: set[object] = set()
    queue: collections.deque[tuple[type, tuple[object, ...] | None]] = collections.deque(
        [(origin, args)]
    )
    while queue:
        cls, cls_args = queue.popleft()
        if cls is base:
            return cls_args
        for b in _direct_bases(cls, cls_args):
            b_origin, b_args = parts(b)
            if isinstance(b_origin, type) and b_origin not in seen and issubclass(b_origin, base):
                seen.add(b_origin)
                queue.append((b_origin, b_args))
    return None


# --- rendering ------------------------------------------------------------------------------

_SPECIAL_NAMES: dict[object, str] = {
    typing.Any: "Any",
    typing.Never: "Never",
    typing.NoReturn: "NoReturn",
    typing.LiteralString: "LiteralString",
    typing.Self: "Self",
    NONE_TYPE: "None",
    Ellipsis: "...",
    cabc.Set: "AbstractSet",  # not "Set", which reads as typing.Set, i.e. set
}


def _name(obj: object) -> str:
    name = next((n for form, n in _SPECIAL_NAMES.items() if obj is form), None)
    if name is not None:
        return name
    if isinstance(obj, type):
        return obj.__name__ if obj.__module__ == "builtins" else obj.__qualname__
    name = getattr(obj, "__name__", None) or getattr(obj, "_name", None)
    return name if isinstance(name, str) else repr(obj).removeprefix("typing.")


def _literal_repr(value: object) -> str:
    if isinstance(value, enum.Enum):
        return f"{type(value).__qualname__}.{value.name}"
    return repr(value)


def type_repr(hint: object) -> str:
    """Render a hint as a user would write it.

    Args:
        hint: Any type hint.

    Returns:
        E.g. ``list[str]``, ``int | None``, ``Callable[[int], str]``, ``tuple[int, ...]``,
        ``Literal['a']``; classes by ``__qualname__``, TypeVars by name, no ``typing.`` prefix.
    """
    if hint is None:
        return "None"
    if isinstance(hint, str):
        return hint
    if isinstance(hint, typing.ForwardRef):
        return hint.__forward_arg__
    if isinstance(hint, list):
        return "[" + ", ".join(type_repr(h) for h in hint) + "]"
    origin, args = parts(hint)
    if args is None:
        return _name(origin)
    if origin in UNIONS:
        return " | ".join(type_repr(a) for a in args)
    if origin is typing.Literal:
        return "Literal[" + ", ".join(_literal_repr(a) for a in args) + "]"
    if origin is te.Annotated:
        return f"Annotated[{type_repr(args[0])}, " + ", ".join(repr(m) for m in args[1:]) + "]"
    if origin is tuple and not args:
        return "tuple[()]"
    if origin is cabc.Callable and args:
        return f"Callable[{type_repr(args[0])}, {type_repr(args[-1])}]"
    return f"{_name(origin)}[" + ", ".join(type_repr(a) for a in args) + "]"
