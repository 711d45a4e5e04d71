"""Streaming nodes: a generator function's chunk type and `collect` function, read at decoration."""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import inspect
import os
import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ._errors import NodeDefinitionError
from ._hints import substitute, type_repr, type_vars

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._node import NodeSignature

__all__ = ["StreamSpec", "chunks_of", "is_async_stream", "streamed"]

_ASYNC = (cabc.AsyncIterator, cabc.AsyncGenerator)
_SYNC = (cabc.Iterator, cabc.Generator)


@dataclass(frozen=True, slots=True)
class StreamSpec:
    """What makes a node a streaming node.

    Attributes:
        chunk: The hint of one chunk (`T` of `AsyncIterator[T]`).
        collect: The function turning the list of chunks into the value that goes
            downstream, or None: downstream receives the `list[T]` itself.
    """

    chunk: object
    collect: Callable[[list[Any]], Any] | None = None


def chunks_of(func: Callable[..., Any], returns: object, unannotated: bool) -> object | None:
    """The chunk type when `func` streams, else None.

    A function streams when its return annotation is an (async) iterator or generator, as
    mypy and pyright see it; an unannotated generator function streams chunks of `Any`.
    """
    if type(returns) is not type:  # a plain class (the common case) is not an iterator type
        origin = typing.get_origin(returns) or returns
        if origin in _ASYNC or origin in _SYNC:
            args = typing.get_args(returns)
            return args[0] if args else Any
    return Any if unannotated and _is_generator_function(func) else None


_GENERATOR_FLAGS = inspect.CO_GENERATOR | inspect.CO_ASYNC_GENERATOR


def _is_generator_function(func: Callable[..., Any]) -> bool:
    """`inspect.isasyncgenfunction(func) or inspect.isgeneratorfunction(func)`, read straight
    from the code object for a plain function (what those read, after unwrapping)."""
    if type(func) is types.FunctionType:
        return bool(func.__code__.co_flags & _GENERATOR_FLAGS)
    return inspect.isasyncgenfunction(func) or inspect.isgeneratorfunction(func)


def is_async_stream(func: Callable[..., Any], returns: object) -> bool:
    """Whether `func` (a streaming node's) gives an async iterator rather than a sync one."""
    return (typing.get_origin(returns) or returns) in _ASYNC or inspect.isasyncgenfunction(func)


def streamed(
    name: str,
    signature: NodeSignature,
    chunk: object,
    collect: tuple[Callable[..., Any], str, NodeSignature] | None,
    site: tuple[str, int],
) -> tuple[NodeSignature, StreamSpec]:
    """The signature downstream sees (`list[T]`, or what `collect` returns) and the spec.

    Args:
        name: The node's name, for messages.
        signature: The generator function's signature.
        chunk: The chunk type.
        collect: The collect function with its label and signature, or None.
        site: Where the node is defined, for messages.

    Raises:
        NodeDefinitionError: `collect` does not take one annotated parameter accepting
            `list[T]`, or does not annotate its return.
    """
    chunks = list[chunk]  # type: ignore[valid-type]  # a hint built at run time
    if collect is None:
        return dataclasses.replace(signature, returns=chunks), StreamSpec(chunk)
    func, label, sig = collect
    where = f"Streaming node `{name}` (defined at {_shown(site)}): collect function `{label}`"
    if len(sig.positional) != 1 or sig.required_keywords or sig.varargs is not None:
        raise NodeDefinitionError(f"{where} must take exactly one parameter, the list of chunks")
    (param, hint) = sig.positional[0]
    if param in sig.unannotated or "return" in sig.unannotated:
        raise NodeDefinitionError(
            f"{where} must annotate its parameter and its return, so that the build knows"
            " what goes downstream"
        )
    from ._types import is_assignable, solve  # the type relation, imported on first use

    bindings = solve(hint, chunks) if type_vars(hint) else {}
    if bindings is None or not is_assignable(chunks, substitute(hint, bindings)):
        raise NodeDefinitionError(
            f"{where} takes `{type_repr(hint)}`, but the node gives it `{type_repr(chunks)}`"
            f" (its chunks are `{type_repr(chunk)}`)"
        )
    returns = substitute(sig.returns, bindings)
    return dataclasses.replace(signature, returns=returns), StreamSpec(chunk, func)


def _shown(site: tuple[str, int]) -> str:
    path, line = site
    cwd = os.getcwd() + os.sep
    return f"{path[len(cwd) :] if path.startswith(cwd) else path}:{line}"
