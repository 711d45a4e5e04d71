"""A mypy plugin: a plain generic function decorated with `@node` is a `SyncNode`, not async.

Enable it with `plugins = ["typedflow.mypy"]` in mypy's configuration.

`@node`'s overloads tell coroutine functions from plain ones by their return type
(`Callable[P, Coroutine[Any, Any, T]]` first). A plain function whose return type is a bare
TypeVar (`def first(xs: list[T]) -> T`) or `Any` also matches that overload, since mypy may
solve `T` as a coroutine, so annotations alone type it as an `AsyncNode` of coroutines and
every edge into it fails. No ordering of overloads avoids this (`tests/typing` proves it):
mypy has no type for "not a coroutine". The plugin reads what annotations cannot, whether the
decorated definition is an `async def`, and types a plain function as `SyncNode[P, R]`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mypy.checker import TypeChecker
from mypy.nodes import FuncItem, TypeInfo
from mypy.plugin import Plugin
from mypy.types import CallableType, Instance, Parameters, get_proper_type

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy.plugin import FunctionContext, MethodContext
    from mypy.types import Type

__all__ = ["TypedflowPlugin", "plugin"]

_ASYNC_NODE = "typedflow._node.AsyncNode"
_ASYNC_DEPS_NODE = "typedflow._node.AsyncDepsNode"
_DECORATORS = frozenset({"typedflow._node.node", "typedflow._node._Decorator.__call__"})


def _sync_node(ctx: FunctionContext | MethodContext) -> Type:
    """Retype an `AsyncNode` made from a function that is not `async def` as a `SyncNode`."""
    made = get_proper_type(ctx.default_return_type)
    if not (isinstance(made, Instance) and made.type.fullname in (_ASYNC_NODE, _ASYNC_DEPS_NODE)):
        return ctx.default_return_type
    if not ctx.arg_types or len(ctx.arg_types[0]) != 1:
        return ctx.default_return_type
    func = get_proper_type(ctx.arg_types[0][0])
    if not isinstance(func, CallableType):
        return ctx.default_return_type
    definition: object = func.definition  # a FuncItem for a `def`, `async def` or lambda
    if not isinstance(definition, FuncItem) or definition.is_coroutine:
        return ctx.default_return_type
    if not isinstance(ctx.api, TypeChecker):  # the only implementation of the plugin API
        return ctx.default_return_type
    module = ctx.api.modules.get(made.type.module_name)
    sync = "SyncNode" if made.type.fullname == _ASYNC_NODE else "SyncDepsNode"
    found = module.names.get(sync) if module is not None else None
    if found is None or not isinstance(found.node, TypeInfo):
        return ctx.default_return_type
    if sync == "SyncDepsNode":  # the same type arguments: input, result, deps
        return Instance(found.node, made.args)
    params = Parameters(func.arg_types, func.arg_kinds, func.arg_names, variables=func.variables)
    return Instance(found.node, [params, func.ret_type])


class TypedflowPlugin(Plugin):
    """Hooks `@node` and `@node(...)` (see the module docs)."""

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        """Hook the bare `@node` decorator."""
        return _sync_node if fullname in _DECORATORS else None

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        """Hook the decorator that `@node(...)` returns."""
        return _sync_node if fullname in _DECORATORS else None


def plugin(version: str) -> type[TypedflowPlugin]:
    """Mypy's entry point."""
    return TypedflowPlugin
