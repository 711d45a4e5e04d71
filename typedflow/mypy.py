"""A mypy plugin: a plain generic function decorated with `@node` is a `SyncNode`, not async.

Enable it with `plugins = ["typedflow.mypy"]` in mypy's configuration.

`@node`'s overloads tell coroutine functions from plain ones by their return type
(`Callable[P, Coroutine[Any, Any, T]]` first). A plain function whose return type is a bare
TypeVar (`def first(xs: list[T]) -> T`) or `Any` also matches that overload, since mypy may
solve `T` as a coroutine, so annotations alone type it as an `AsyncNode` of coroutines and
every edge into it fails. No ordering of overloads avoids this (`tests/typing` proves it):
mypy has no type for "not a coroutine". The plugin reads what annotations cannot, whether the
decorated definition is an `async def`, and types a plain function as `SyncNode[P, R]`.

It also corrects one solution of mypy's: out of a filter of several types (a source returning
`A | B | None`), the `>>` overloads' `B | None` pattern makes mypy solve `B` as the *join* of
`A` and `B` (often `object`) where the typing spec (and pyright) give the union `A | B`, so a
sound edge into `x: A | B` or a `route` over `A` and `B` was rejected. The plugin puts the union
back into the edge's type before mypy checks the call (`_filter_edges`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.checker import TypeChecker
from mypy.nodes import ARG_NAMED, FuncItem, TypeInfo
from mypy.plugin import Plugin
from mypy.subtypes import find_member, is_same_type
from mypy.typeops import make_simplified_union
from mypy.types import (
    CallableType,
    Instance,
    NoneType,
    Parameters,
    TupleType,
    UnionType,
    get_proper_type,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from mypy.plugin import FunctionContext, MethodContext, MethodSigContext
    from mypy.types import Type

__all__ = ["TypedflowPlugin", "plugin"]

_NODES = "typedflow._node"
_ASYNC_NODE = "typedflow._node.AsyncNode"
_DECORATORS = frozenset({"typedflow._node.node", "typedflow._node._Decorator.__call__"})
_STREAMS = frozenset(
    {"typing.AsyncIterator", "typing.AsyncGenerator", "typing.Iterator", "typing.Generator"}
)


def _sync_node(ctx: FunctionContext | MethodContext) -> Type:
    """Retype an `AsyncNode` made from a function that is not `async def` as a `SyncNode`, and
    type a function of one to three inputs and `*, deps: D` as a `SyncDepsNode`/`AsyncDepsNode`
    (`SyncDepsNode2`, ... for two or three)."""
    if not ctx.arg_types or len(ctx.arg_types[0]) != 1:
        return ctx.default_return_type
    func = get_proper_type(ctx.arg_types[0][0])
    if not isinstance(func, CallableType) or not isinstance(ctx.api, TypeChecker):
        return ctx.default_return_type  # (TypeChecker: the only implementation of the API)
    definition: object = func.definition  # a FuncItem for a `def`, `async def` or lambda
    if not isinstance(definition, FuncItem):
        return ctx.default_return_type
    deps = _deps_node(ctx.api, func, definition.is_coroutine)
    if deps is not None:
        return deps
    made = get_proper_type(ctx.default_return_type)
    if not (isinstance(made, Instance) and made.type.fullname == _ASYNC_NODE):
        return ctx.default_return_type
    found = _node_class(ctx.api, "SyncNode")
    if found is None or definition.is_coroutine:
        return ctx.default_return_type
    params = Parameters(func.arg_types, func.arg_kinds, func.arg_names, variables=func.variables)
    return Instance(found, [params, func.ret_type])


def _deps_node(api: TypeChecker, func: CallableType, is_coroutine: bool) -> Type | None:
    """`SyncDepsNode[T, R, D]` (or `AsyncDepsNode`) for a non-generic `(x: T, *, deps: D) -> R`,
    and `SyncDepsNode2[T1, T2, R, D]`/`SyncDepsNode3` (or async) for two or three inputs.

    The overloads say the same, but a function returning `Any` matches several of them (mypy
    then gives `Any`), and one that is not `async def` also matches the coroutine form.
    """
    if func.variables:  # generic: an Instance cannot hold the function's own TypeVars
        return None
    positional = [i for i, k in enumerate(func.arg_kinds) if k.is_positional()]
    named = dict(zip(func.arg_names, func.arg_kinds, strict=True))
    required = all(func.arg_kinds[i].is_required() for i in positional)
    if not 1 <= len(positional) <= 3 or not required:
        return None
    if "deps" not in named or named["deps"] is not ARG_NAMED:
        return None
    result: Type = func.ret_type
    returned = get_proper_type(result)
    if isinstance(returned, Instance) and returned.type.fullname in _STREAMS:
        return None  # a streaming node: the overloads type it (`AsyncDepsStreamNode`, ...)
    if is_coroutine:
        awaitable = get_proper_type(result)
        if not (isinstance(awaitable, Instance) and awaitable.type.fullname == "typing.Coroutine"):
            return None
        result = awaitable.args[2]
    arity = "" if len(positional) == 1 else str(len(positional))  # SyncDepsNode2, ...
    found = _node_class(api, ("AsyncDepsNode" if is_coroutine else "SyncDepsNode") + arity)
    if found is None:
        return None
    deps = func.arg_types[func.arg_names.index("deps")]
    return Instance(found, [*(func.arg_types[i] for i in positional), result, deps])


def _node_class(api: TypeChecker, name: str) -> TypeInfo | None:
    module = api.modules.get(_NODES)
    found = module.names.get(name) if module is not None else None
    return found.node if found is not None and isinstance(found.node, TypeInfo) else None


def _filter_edges(ctx: MethodSigContext) -> CallableType:
    """One `>>` overload item with a filter's carried union restored (see the module docs).

    The item comes with `self` already bound: where the source's output (the return of its
    `_sig`) is `X1 | ... | Xn | None` with n >= 2, every `_TakesK[S, ...]` in `other` whose `S`
    is not that whole output (the plain forms keep it; the filter forms hold mypy's join) gets
    `X1 | ... | Xn` instead. A fan-out's tuple output is treated element by element.
    """
    signature = ctx.default_signature
    source = get_proper_type(ctx.type)
    if len(signature.arg_types) != 1 or not isinstance(source, Instance):
        return signature
    member = get_proper_type(find_member("_sig", source, source))
    if not isinstance(member, CallableType):
        return signature
    output = get_proper_type(member.ret_type)
    outputs = output.items if isinstance(output, TupleType) else [output]
    carried = [_carried(item) for item in outputs]
    if all(c is None for c in carried):
        return signature
    other = _restore(signature.arg_types[0], outputs, carried)
    return signature.copy_modified(arg_types=[other])


def _carried(output: Type) -> Type | None:
    """`X1 | ... | Xn` for an output `X1 | ... | Xn | None` with n >= 2, else None."""
    proper = get_proper_type(output)
    if not isinstance(proper, UnionType):
        return None
    items = [i for i in proper.items if not isinstance(get_proper_type(i), NoneType)]
    if len(items) < 2 or len(items) == len(proper.items):
        return None
    return make_simplified_union(items)


def _restore(other: Type, outputs: Sequence[Type], carried: Sequence[Type | None]) -> Type:
    """`other` (a `_TakesK`, or a tuple or `Sequence` of them) with the carried unions put back."""
    proper = get_proper_type(other)
    if isinstance(proper, TupleType):
        items = [_restore(item, outputs, carried) for item in proper.items]
        return proper.copy_modified(items=items)
    if not isinstance(proper, Instance):
        return other
    if proper.type.fullname == "typing.Sequence" and proper.args:
        return proper.copy_modified(args=[_restore(proper.args[0], outputs, carried)])
    name = proper.type.fullname
    if not (name.startswith("typedflow.") and name.rsplit(".", 1)[-1].startswith("_Takes")):
        return other
    inputs = proper.args[:-1]
    if len(inputs) != len(outputs):
        return other
    args = list(proper.args)
    for k, (solved, whole, union) in enumerate(zip(inputs, outputs, carried, strict=True)):
        if union is not None and not is_same_type(solved, whole):
            args[k] = union
    return proper.copy_modified(args=args)


class TypedflowPlugin(Plugin):
    """Hooks `@node` and `@node(...)` (see the module docs)."""

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        """Hook the bare `@node` decorator."""
        return _sync_node if fullname in _DECORATORS else None

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        """Hook the decorator that `@node(...)` returns."""
        return _sync_node if fullname in _DECORATORS else None

    def get_method_signature_hook(
        self, fullname: str
    ) -> Callable[[MethodSigContext], CallableType] | None:
        """Hook `>>` on every node and flow class (see `_filter_edges`)."""
        if fullname.startswith("typedflow.") and fullname.endswith(".__rshift__"):
            return _filter_edges
        return None


def plugin(version: str) -> type[TypedflowPlugin]:
    """Mypy's entry point."""
    return TypedflowPlugin
