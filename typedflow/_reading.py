"""Reading a function at decoration: its label, resolved hints, call signature and site."""

from __future__ import annotations

import functools
import inspect
import sys
import types
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._errors import NodeDefinitionError
from ._flow import caller_location
from ._generators import chunks_of
from ._hints import NONE_TYPE, builtin_names, is_bare_name, plain_hints, type_hints
from ._params import parameters

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._options import NodeOptions

__all__ = [
    "DeferredSignature",
    "NodeSignature",
    "deferrable",
    "check_deps",
    "definition_site",
    "label",
    "name_of",
    "plain_signature",
    "read_signature",
    "reject_method",
    "resolve_hints",
]


@dataclass(frozen=True, slots=True)
class NodeSignature:
    """The call shape of a node, read once at decoration.

    Attributes:
        positional: `(name, hint)` of each positional parameter, in order.
        required: How many leading positional parameters have no default.
        varargs: The hint of `*args`, or None when the function has none.
        required_keywords: Keyword-only parameters without a default (no edge can supply them).
        returns: The return hint; for a coroutine function, the awaited type.
        unannotated: Names without an annotation (`"return"` for the return), read as `Any`.
        deps: The hint of the keyword-only `deps` parameter (the run's dependencies), or
            None when the function takes none.
    """

    positional: tuple[tuple[str, object], ...]
    required: int
    varargs: object | None
    required_keywords: tuple[str, ...]
    returns: object
    unannotated: tuple[str, ...]
    deps: object | None = None


def label(func: Callable[..., Any]) -> str:
    if isinstance(func, functools.partial):
        return f"partial({label(func.func)})"
    return getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or repr(func)


def name_of(func: Callable[..., Any]) -> str | None:
    while isinstance(func, functools.partial):
        func = func.func
    name = getattr(func, "__name__", None)
    return name if isinstance(name, str) else None


def reject_method(func: Callable[..., Any], label: str) -> None:
    """Raise for a function defined in a class body that takes `self` or `cls`: `@node` there
    would make the instance a graph input (mypy cannot see this, so it is an error here)."""
    code = getattr(func, "__code__", None)
    if not inspect.isfunction(func) or code is None or not code.co_argcount:
        return
    first = code.co_varnames[0]
    if "." in func.__qualname__.rsplit("<locals>.", 1)[-1] and first in ("self", "cls"):
        raise NodeDefinitionError(
            f"`@node` cannot wrap method `{label}`: its `{first}` would be a graph input;"
            f" decorate a module-level function or a staticmethod, or make a node of a bound"
            f" method with `node(obj.{func.__name__})`"
        )


def resolve_hints(func: Callable[..., Any], label: str) -> dict[str, object]:
    """The hints of `func`'s parameters and return; a class gives its constructor's, returning
    the class; a `functools.partial` its function's (`inspect.signature` drops bound ones)."""
    if isinstance(func, functools.partial):
        return resolve_hints(func.func, label)
    if isinstance(func, type):
        hints: dict[str, object] = {}
        fields = getattr(func, "_fields", None)
        if issubclass(func, tuple) and isinstance(fields, tuple):
            # a NamedTuple: its fields are the parameters of its generated `__new__`
            hints = {k: h for k, h in _hints_of(func, label).items() if k in fields}
        else:
            for method in ("__init__", "__new__"):  # `__new__` last: inspect.signature prefers it
                found = getattr(func, method, None)
                if isinstance(found, types.FunctionType):
                    hints.update(_hints_of(found, label))
        hints["return"] = func
        return hints
    target: object = func
    if not (inspect.isfunction(func) or inspect.ismethod(func)):
        target = getattr(func, "__call__", func)  # noqa: B004  # a callable object's hints
    return _hints_of(target, label)


def _hints_of(target: object, label: str) -> dict[str, object]:
    try:  # PEP 695 parameters are seen even under `from __future__ import annotations`
        return type_hints(getattr(target, "__func__", target), include_extras=True)
    except NameError as exc:
        missing = getattr(exc, "name", None) or str(exc)
        raise NodeDefinitionError(
            f"Cannot resolve the annotations of `{label}`: name `{missing}` is not defined"
        ) from exc
    except (TypeError, AttributeError, SyntaxError) as exc:
        raise NodeDefinitionError(f"Cannot resolve the annotations of `{label}`: {exc}") from exc


def read_signature(func: Callable[..., Any], label: str, hints: dict[str, object]) -> NodeSignature:
    try:
        params = parameters(func)
    except (TypeError, ValueError) as exc:
        raise NodeDefinitionError(f"Cannot read the signature of `{label}`: {exc}") from exc
    positional: list[tuple[str, object]] = []
    required = 0
    varargs: object | None = None
    keywords: list[str] = []
    unannotated: list[str] = []
    deps: object | None = None
    for p in params:
        if p.kind is p.VAR_KEYWORD:
            continue
        hint = hints.get(p.name, Any)
        if p.name not in hints:
            unannotated.append(p.name)
        if p.name == _DEPS:
            deps = _deps_hint(p, hint, label)
        elif p.kind is p.VAR_POSITIONAL:
            varargs = hint
        elif p.kind is p.KEYWORD_ONLY:
            if p.default is p.empty:
                keywords.append(p.name)
        else:
            positional.append((p.name, hint))
            if p.default is p.empty:
                required = len(positional)
    if "return" not in hints:
        unannotated.append("return")
    returns = hints.get("return", Any)
    return NodeSignature(
        tuple(positional), required, varargs, tuple(keywords), returns, tuple(unannotated), deps
    )


def plain_signature(func: types.FunctionType) -> NodeSignature | None:
    """What `read_signature` gives (hints as `type_hints` resolves them) for a function of
    positional parameters only (no `*args`, keyword-only or `**kwargs`, none named `deps`)
    outside a class body, without type parameters, whose annotations all resolve now; else
    None. Read from the code object; shared by the functions annotated alike (see `_KNOWN`)."""
    code = func.__code__
    if code.co_flags & _NOT_POSITIONAL or code.co_kwonlyargcount:
        return None
    names = code.co_varnames[: code.co_argcount]
    if _DEPS in names:
        return None
    defaults = func.__defaults__
    required = len(names) - len(defaults) if defaults else len(names)
    key: tuple[object, ...] | None = (names, required, *func.__annotations__.items())
    try:
        known = _KNOWN.get(key)
    except TypeError:  # an unhashable annotation
        known = key = None
    if known is not None and _same(func.__annotations__, known[1], func.__globals__):
        return known[0]
    hints = plain_hints(func)
    if hints is None:
        return None
    unannotated = tuple([n for n in names if n not in hints])
    signature = NodeSignature(
        tuple([(n, hints.get(n, Any)) for n in names]),
        required,
        None,
        (),
        hints.get("return", Any),
        unannotated if "return" in hints else (*unannotated, "return"),
    )
    classes = _classes(func.__annotations__, hints)
    if key is not None and classes is not None and len(_KNOWN) < 4096:
        _KNOWN[key] = (signature, classes)
    return signature


_NOT_POSITIONAL = inspect.CO_VARARGS | inspect.CO_VARKEYWORDS

# The signatures of functions annotated with plain classes (hashed, and equal, by identity), by
# parameter names, required count and annotations, with the class of each annotation: 5,000
# `def f(x: "int") -> "int"` nodes share one (immutable) `NodeSignature`, and each only looks
# `int` up again, in its own module, to see it is the same class.
_KNOWN: dict[object, tuple[NodeSignature, tuple[type, ...]]] = {}


def _classes(annotations: dict[str, object], hints: dict[str, object]) -> tuple[type, ...] | None:
    """The class of each annotation, in order, when each is a plain class (or None) or a
    bare name of one (a `str`, looked up); else None."""
    found: list[type] = []
    for param, value in annotations.items():
        hint = hints[param]
        if type(hint) is not type:
            return None
        if type(value) is str:
            if not is_bare_name(value):
                return None
        elif value is not hint and value is not None:
            return None
        found.append(hint)
    return tuple(found)


def _same(
    annotations: dict[str, object], classes: tuple[type, ...], module: dict[str, Any]
) -> bool:
    """Whether `annotations` (equal to those `classes` were read from) still mean `classes`:
    each name the same class in `module` (or its builtins), each other one the class itself."""
    built = None
    for value, hint in zip(annotations.values(), classes, strict=True):
        if type(value) is str:
            found = module.get(value, _MISSING)
            if found is _MISSING:
                built = builtin_names(module) if built is None else built
                found = built.get(value, _MISSING)
            if found is not hint:
                return False
        elif value is not hint and (value is not None or hint is not NONE_TYPE):
            return False
    return True


_MISSING: Any = object()


_DEPS = "deps"  # the parameter through which a node receives the run's dependencies

_NOT_DEFERRED = inspect.CO_GENERATOR | inspect.CO_ASYNC_GENERATOR


def deferrable(func: Callable[..., Any], exc: NodeDefinitionError) -> bool:
    """Whether `func`'s signature may be read later, when its annotations failed to resolve
    now: a plain `def` or `async def` (not a generator, and not taking `deps`, whose kind of
    node its annotations decide) naming something not defined yet."""
    if type(func) is not types.FunctionType or not isinstance(exc.__cause__, NameError):
        return False
    code = func.__code__
    keyword_only = code.co_varnames[code.co_argcount : code.co_argcount + code.co_kwonlyargcount]
    return not code.co_flags & _NOT_DEFERRED and _DEPS not in keyword_only


class DeferredSignature:
    """A node's signature read on first use (when the flow is wired or built), for a function
    whose annotations name something defined later in its module (a class below it, under
    `from __future__ import annotations`). Reads as the `NodeSignature` it resolves to."""

    __slots__ = ("_func", "_label", "_read", "_site")

    def __init__(self, func: Callable[..., Any], label: str, site: tuple[str, int]) -> None:
        self._func = func
        self._label = label
        self._site = site
        self._read: NodeSignature | None = None

    def resolve(self) -> NodeSignature:
        """The signature; `NodeDefinitionError` (with the definition's file and line) when the
        annotations still do not resolve, or turn out to make the function a streaming node."""
        read = self._read
        if read is None:
            path, line = self._site
            try:
                hints = resolve_hints(self._func, self._label)
            except NodeDefinitionError as exc:
                raise NodeDefinitionError(
                    f"{path}:{line}: {exc.message} (read when the flow is wired or built)"
                ) from exc.__cause__
            read = read_signature(self._func, self._label, hints)
            sync = not inspect.iscoroutinefunction(self._func)
            if sync and chunks_of(self._func, read.returns, "return" in read.unannotated):
                raise NodeDefinitionError(
                    f"{path}:{line}: `{self._label}` returns an iterator, so it is a streaming"
                    " node, but its annotations could not be resolved when `@node` ran: define"
                    " the names they use before it"
                )
            self._read = read
        return read

    def __getattr__(self, name: str) -> Any:
        return getattr(self.resolve(), name)


def _deps_hint(p: inspect.Parameter, hint: object, label: str) -> object:
    """The hint of a `deps` parameter, which must be keyword-only without a default."""
    if p.kind is not p.KEYWORD_ONLY:
        raise NodeDefinitionError(
            f"`{label}`: parameter `deps` must be keyword-only (`*, deps: T`): it receives the"
            " run's dependencies, not an upstream's output"
        )
    if p.default is not p.empty:
        raise NodeDefinitionError(
            f"`{label}`: parameter `deps` cannot have a default: every run passes its"
            " dependencies (`run(x, deps=...)`)"
        )
    return hint


def check_deps(signature: NodeSignature, label: str, options: NodeOptions) -> None:
    """Raise when a node taking `deps` is a batch node or has an executor."""
    if signature.deps is None:
        return
    if options.batch_size is not None:
        raise NodeDefinitionError(
            f"Batch node `{label}` cannot take `deps`: one call serves the items of several runs"
        )
    if options.executor is not None:
        raise NodeDefinitionError(
            f"`{label}`: a node taking `deps` cannot have an `executor`: the run's dependencies"
            " stay in the pipeline's process"
        )


def definition_site(func: Callable[..., Any]) -> tuple[str, int]:
    code = getattr(inspect.unwrap(func), "__code__", None)
    if code is not None:
        return code.co_filename, code.co_firstlineno
    return caller_location(sys._getframe(1))
