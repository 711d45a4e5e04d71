"""Runtime type checks: wrappers, compiled at build, that check values crossing edges."""

from __future__ import annotations

import functools
import reprlib
import types
import typing
from collections import abc as cabc
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

import typing_extensions as te

from ._errors import NodeTypeError
from ._hints import is_any, parts, strip, type_repr, type_vars
from ._structural import _typeddict_view

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._ir import Graph
    from ._node import Node

__all__ = ["NodeChecks", "compile_hint", "describe", "fits", "node_checks", "short"]

Check = typing.Callable[[object], bool]
"""A compiled check: whether a value fits one hint."""

_TOWER: dict[type, tuple[type, ...]] = {float: (float, int), complex: (complex, float, int)}
_CACHE: dict[object, Check | None] = {}
_SIZED = (list, set, frozenset, cabc.Sequence, cabc.MutableSequence, cabc.Set, cabc.Collection)
_MAPPINGS = (dict, cabc.Mapping, cabc.MutableMapping)
_UNIONS = (typing.Union, types.UnionType)
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxtuple, _REPR.maxdict, _REPR.maxset = 2, 4, 4, 4, 4
_REPR.maxstring, _REPR.maxother = 40, 40
_REPR_LIMIT = 80


def compile_hint(hint: object) -> Check | None:
    """The check for `hint`, made once per hint; None when every value fits (`Any`, `object`).

    Plain classes are an `isinstance` call; Literals (a member of the same class),
    TypedDicts (required keys, each value) and Protocols (every member present) are checked
    here, since beartype lets `True` fit `Literal[1]`, checks TypedDicts shallowly and rejects
    Protocols that are not `@runtime_checkable`; everything else is
    beartype's check, which checks one random element of a container per call. A hint
    beartype cannot check is not checked.
    """
    try:
        return _CACHE[hint]
    except KeyError:
        check = _CACHE[hint] = _compile(hint)
        return check
    except TypeError:  # an unhashable hint (Annotated metadata)
        return _compile(hint)


def _compile(hint: object) -> Check | None:
    bare = strip(hint)
    if is_any(bare) or bare is object:
        return None
    if isinstance(bare, TypeVar):
        if bare.__constraints__:
            return compile_hint(typing.Union[bare.__constraints__])  # noqa: UP007  # from a tuple
        return compile_hint(bare.__bound__) if bare.__bound__ is not None else None
    origin, args = parts(bare)
    if origin is typing.Literal:
        return _literal_check(args or ())
    if te.is_typeddict(origin):
        return _typeddict_check(bare)
    if isinstance(origin, type) and te.is_protocol(origin):
        return _protocol_check(origin)
    if _custom(bare) or _plain_container(origin, args):
        return _composite_check(origin, args or (), hint)
    if isinstance(bare, type) and typing.get_origin(bare) is None and bare is hint:
        kinds = _TOWER.get(bare, bare)
        return lambda value: isinstance(value, kinds)
    return _bearable(hint)


def _bearable(hint: object) -> Check | None:
    """beartype's check for `hint`: a function it decorates once (4x faster than `is_bearable`)."""

    # beartype is imported here, not at module level: it is 40% of `import typedflow`, and
    # only runtime checks of hints the fast paths above do not cover need it.
    from beartype import BeartypeConf, beartype
    from beartype.roar import BeartypeCallHintViolation, BeartypeException

    def probe(value: object) -> None:
        del value

    probe.__annotations__ = {"value": hint, "return": None}
    try:
        checked = beartype(conf=BeartypeConf(is_pep484_tower=True))(probe)  # int fits float
    except BeartypeException:
        return None

    def check(value: object) -> bool:
        try:
            checked(value)
        except BeartypeCallHintViolation:
            return False
        return True

    return check


def fits(value: object, hint: object) -> bool:
    """Whether `value` fits `hint`, every element of a builtin container checked (a compiled
    check samples one): for a one-off check at build, such as a fallback value's."""
    check = compile_hint(hint)
    if check is None:
        return True
    if not check(value):
        return False
    origin, args = parts(strip(hint))
    if te.is_typeddict(origin):
        keys = _typeddict_view(strip(hint))[0]
        mapping = typing.cast("cabc.Mapping[str, object]", value)
        return all(fits(mapping[k], h) for k, h in keys.items() if k in mapping)
    if not args:
        return True
    if origin in _UNIONS:
        return any(fits(value, a) for a in args)
    if origin is tuple and args[-1] is not Ellipsis:
        items = typing.cast("tuple[object, ...]", value)
        return all(fits(v, a) for v, a in zip(items, args, strict=True))
    if isinstance(value, cabc.Mapping) and len(args) == 2:
        pairs = typing.cast("cabc.Mapping[object, object]", value).items()
        return all(fits(k, args[0]) and fits(v, args[1]) for k, v in pairs)
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(fits(v, args[0]) for v in value)
    return True


def _plain_container(origin: object, args: tuple[object, ...] | None) -> bool:
    """`list[str]`, `dict[str, int]`, `Sequence[float]`...: a builtin or abstract container of
    plain classes, checked here as beartype would (one element) but without its call cost."""
    return (
        isinstance(origin, type)
        and origin.__module__ in ("builtins", "collections.abc")
        and origin is not tuple
        and bool(args)
        and all(isinstance(a, type) and typing.get_origin(a) is None for a in args or ())
    )


def _custom(hint: object) -> bool:
    """Whether `hint` holds a TypedDict, a Protocol or a Literal, which are checked here:
    beartype checks the first shallowly, rejects the second and lets `True` fit `Literal[1]`."""
    origin, args = parts(strip(hint))
    if origin is typing.Literal:  # its arguments are values (`'a'` is no forward reference)
        return True
    if te.is_typeddict(origin) or (isinstance(origin, type) and te.is_protocol(origin)):
        return True
    return any(_custom(a) for a in args or () if a is not Ellipsis and not isinstance(a, list))


def _composite_check(origin: object, args: tuple[object, ...], hint: object) -> Check | None:
    """Unions and containers holding TypedDicts or Protocols; one element per container."""
    if origin in _UNIONS:
        members = [compile_hint(a) for a in args]
        if any(m is None for m in members):
            return None
        checks = typing.cast("list[Check]", members)
        return lambda value: any(c(value) for c in checks)
    if origin is tuple and args and args[-1] is not Ellipsis:
        items = [compile_hint(a) for a in args]
        return lambda value: (
            isinstance(value, tuple)
            and len(value) == len(items)
            and all(c is None or c(v) for c, v in zip(items, value, strict=True))
        )
    if isinstance(origin, type) and issubclass(origin, _MAPPINGS) and len(args) == 2:
        key, val = compile_hint(args[0]), compile_hint(args[1])

        def mapping(value: object) -> bool:
            if not isinstance(value, origin):
                return False
            for k, v in islice(value.items(), 1):
                return (key is None or key(k)) and (val is None or val(v))
            return True

        return mapping
    if isinstance(origin, type) and (origin is tuple or issubclass(origin, _SIZED)) and args:
        item = compile_hint(args[0])

        def sized(value: object) -> bool:
            if not isinstance(value, origin):
                return False
            for v in islice(typing.cast("cabc.Iterable[object]", value), 1):
                return item is None or item(v)
            return True

        return sized
    return _bearable(hint)  # beartype checks the shell


def _literal_check(members: tuple[object, ...]) -> Check:
    """A value fits `Literal[...]` when it equals a member of the same class: as for the
    build, `True` does not fit `Literal[1]`, nor `1` `Literal[True]`, nor `1.0` `Literal[1]`."""
    kinds = frozenset(type(m) for m in members)
    allowed = frozenset((type(m), m) for m in members)
    return lambda value: type(value) in kinds and (type(value), value) in allowed


def _typeddict_check(hint: object) -> Check:
    keys, required, _ = _typeddict_view(hint)
    needed = tuple(required)
    checks: list[tuple[str, Check]] | None = None

    def check(value: object) -> bool:
        nonlocal checks
        if type(value) is not dict and not isinstance(value, cabc.Mapping):  # dict: no ABC check
            return False
        for k in needed:
            if k not in value:
                return False
        if checks is None:  # compiled on first use, so that a recursive TypedDict compiles
            checks = [(k, c) for k, h in keys.items() if (c := compile_hint(h)) is not None]
        for k, c in checks:  # noqa: SIM110  # a loop, no generator: this runs per value
            if k in value and not c(value[k]):
                return False
        return True

    return check


def _protocol_check(proto: type) -> Check:
    members = sorted(te.get_protocol_members(proto))
    methods = {m for m in members if callable(getattr(proto, m, None))}

    def check(value: object) -> bool:
        for m in members:
            attr = getattr(value, m, _MISSING)
            if attr is _MISSING or (m in methods and not callable(attr)):
                return False
        return True

    return check


_MISSING: Any = object()


def _explain(value: object, hint: object) -> str:
    """Why `value` does not fit `hint`, for TypedDicts and Protocols; else empty."""
    origin, _ = parts(strip(hint))
    if te.is_typeddict(origin) and isinstance(value, cabc.Mapping):
        keys, required, _ = _typeddict_view(strip(hint))
        missing = [k for k in keys if k in required and k not in value]
        if missing:
            return f"missing key{'s' if len(missing) > 1 else ''} " + _listed(missing)
        for k, h in keys.items():
            check = compile_hint(h)
            if k in value and check is not None and not check(value[k]):
                return f"key `{k}` expects `{type_repr(h)}`, got `{describe(value[k])}`"
    if isinstance(origin, type) and te.is_protocol(origin):
        absent = [m for m in sorted(te.get_protocol_members(origin)) if not hasattr(value, m)]
        if absent:
            return "missing " + _listed(absent)
    return ""


def _listed(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def describe(value: object) -> str:
    """The type of `value` as a hint, with element types of a builtin container (a sample)."""
    kind = type(value)
    if value is None:
        return "None"
    if kind in (list, set, frozenset) and value:
        return f"{kind.__name__}[{_union(typing.cast('cabc.Iterable[object]', value))}]"
    if kind is tuple and value:
        items = typing.cast("tuple[object, ...]", value)
        if len(items) <= 4:
            return "tuple[" + ", ".join(_name(type(v)) for v in items) + "]"
        return f"tuple[{_union(items)}, ...]"
    if kind is dict and value:
        mapping = typing.cast("dict[object, object]", value)
        return f"dict[{_union(mapping.keys())}, {_union(mapping.values())}]"
    return _name(kind)


def _union(values: cabc.Iterable[object]) -> str:
    return " | ".join(sorted({_name(type(v)) for v in islice(values, 16)}))


def _name(kind: type) -> str:
    return "None" if kind is type(None) else type_repr(kind)


def short(value: object) -> str:
    """`repr(value)`, shortened (nesting, items and length) to fit a one-line message."""
    text = _REPR.repr(value)
    return text if len(text) <= _REPR_LIMIT else text[: _REPR_LIMIT - 3] + "..."


def violation(where: str, what: str, hint: object, value: object) -> str:
    """The message for `value` failing `hint`: `{where}: {what} expects ..., got ...: repr`."""
    detail = _explain(value, hint)
    why = f" ({detail})" if detail else ""
    got = f"got `{describe(value)}`{why}: {short(value)}"
    return f"{where}: {what} expects `{type_repr(hint)}`, {got}"


# --- wrappers ---------------------------------------------------------------------------------

_ParamCheck = tuple[int, str, object, Check]


@dataclass(frozen=True, slots=True)
class NodeChecks:
    """A checked node's checks, run by the runtime around each call (see `PipelineNode`).

    Attributes:
        args: Checks a call's positional arguments (for a batch node: `(item,)`, one
            execution's item), raising `NodeTypeError`; None when no argument needs a check.
        result: Checks what the node gives (a fallback value included), raising
            `NodeTypeError`; None when the return hint admits anything.
    """

    args: Callable[[tuple[Any, ...]], None] | None
    result: Callable[[Any], None] | None

    def wrap(self, func: Callable[..., Any], is_async: bool) -> Callable[..., Any]:
        """`func` with these checks around it: for a node with no executor and no policy,
        a wrapper is cheaper than the runtime's hooks (no extra await per call)."""
        check_args, check_result = self.args, self.result
        if is_async:

            async def checked_async(*args: Any) -> Any:
                if check_args is not None:
                    check_args(args)
                out = await func(*args)
                if check_result is not None:
                    check_result(out)
                return out

            return functools.wraps(func)(checked_async)

        def checked(*args: Any) -> Any:
            if check_args is not None:
                check_args(args)
            out = func(*args)
            if check_result is not None:
                check_result(out)
            return out

        return functools.wraps(func)(checked)


def node_checks(graph: Graph, pipeline: str, default: bool) -> list[NodeChecks | None]:
    """Each vertex's runtime checks, or None when it is not checked.

    A node is checked when its `check` option says so, or (when the option is unset) when
    `default` is. A checked node checks its return value, and each argument unless the
    upstream that sends it is checked and returns a hint without TypeVars: the build proved
    that hint assignable to the parameter. A source node always checks the pipeline input.
    Checks run in the pipeline's process, around the call, so they also cover a fallback
    value and a function that runs in another process.
    """
    nodes = graph.nodes
    on = [default if n.options.check is None else n.options.check for n in nodes]
    if not any(on):
        return [None] * len(nodes)
    checks: list[NodeChecks | None] = []
    for v, n in enumerate(nodes):
        if not on[v]:
            checks.append(None)
            continue
        sig = n.signature
        ins = graph.inputs[v]
        params: list[_ParamCheck] = []
        for k in range(max(len(ins), 1)):
            name, hint = sig.positional[k] if k < len(sig.positional) else ("*args", sig.varargs)
            if ins:
                u = graph.ends[ins[k]][0]
                returns = nodes[u].signature.returns
                if on[u] and not type_vars(returns) and compile_hint(returns) is not None:
                    continue
            check = compile_hint(hint)
            if check is not None:
                params.append((k, name, hint, check))
        checks.append(_checks(n, pipeline, params, not ins))
    return checks


def _checks(
    n: Node[..., Any], pipeline: str, params: list[_ParamCheck], source: bool
) -> NodeChecks | None:
    returns = n.signature.returns
    ret = compile_hint(returns)
    if not params and ret is None:
        return None
    node_at = f"Node `{n.name}` in pipeline `{pipeline}`"
    where = f"Input of pipeline `{pipeline}`" if source else node_at
    what = "node `{n}` parameter `{p}`" if source else "parameter `{p}`"
    def check_args(args: tuple[Any, ...]) -> None:
        for k, name, hint, check in params:
            value = args[k]
            if not check(value):
                message = violation(where, what.format(n=n.name, p=name), hint, value)
                raise NodeTypeError(message, node=n.name, pipeline=pipeline)

    def check_result(value: object) -> None:
        if ret is not None and not ret(value):
            message = violation(node_at, "`return`", returns, value)
            raise NodeTypeError(message, node=n.name, pipeline=pipeline)

    return NodeChecks(check_args if params else None, check_result if ret is not None else None)
