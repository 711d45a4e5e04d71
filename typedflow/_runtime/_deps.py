"""Per-run dependencies: the one object a run passes to every node that declares `deps`."""

from __future__ import annotations

import contextlib
import contextvars
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine, Iterator

__all__ = [
    "NO_DEPS",
    "DepsCall",
    "current_deps",
    "deps_nodes",
    "require_deps",
    "run_with_deps",
    "with_deps",
]


class _NoDeps:
    """The type of `NO_DEPS`: the `deps=` a caller left out."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NO_DEPS"


NO_DEPS: Final[Any] = _NoDeps()
"""What `deps=` is when the caller gave none."""

# The current run's deps. Each run sets it in its own task's context (and resets it after), and
# asyncio tasks and the pipeline's pool threads run in a copy of the context that started them,
# so concurrent runs never see each other's deps.
_CURRENT: contextvars.ContextVar[Any] = contextvars.ContextVar("typedflow_deps", default=NO_DEPS)


def _current(name: str) -> Any:
    deps = _CURRENT.get()
    if deps is NO_DEPS:
        raise TypeError(
            f"Node `{name}` takes `deps`, but it was called outside a run given `deps=`"
        )
    return deps


class DepsCall:
    """A node function called with the current run's deps as its keyword argument `deps`."""

    __slots__ = ("func", "name")

    def __init__(self, func: Callable[..., Any], name: str) -> None:
        self.func = func
        self.name = name

    def __call__(self, *args: Any) -> Any:
        return self.func(*args, deps=_current(self.name))


class _AsyncDepsCall(DepsCall):
    """`DepsCall` of a coroutine function (so the runtime awaits it)."""

    __slots__ = ()

    async def __call__(self, *args: Any) -> Any:
        return await self.func(*args, deps=_current(self.name))


def with_deps(func: Callable[..., Any], name: str, is_async: bool) -> DepsCall:
    """`func` called with the run's deps: what a pipeline runs for a node declaring `deps`."""
    return _AsyncDepsCall(func, name) if is_async else DepsCall(func, name)


def deps_nodes(names: tuple[str, ...], funcs: tuple[Callable[..., Any], ...]) -> tuple[str, ...]:
    """The names of the nodes whose functions take the run's deps (a `DepsCall`, or a wrapper
    of one that says so with `__wrapped__`, as runtime checks do)."""
    return tuple(n for n, f in zip(names, funcs, strict=True) if _takes_deps(f))


def _takes_deps(func: object) -> bool:
    while not isinstance(func, DepsCall):
        func = getattr(func, "__wrapped__", None)
        if func is None:
            return False
    return True


def require_deps(pipeline: str, needing: tuple[str, ...], deps: object) -> None:
    """Raise before anything runs when nodes take deps but the caller gave none."""
    if deps is NO_DEPS and needing:
        listed = ", ".join(f"`{n}`" for n in needing)
        nodes = f"nodes {listed} take" if len(needing) > 1 else f"node {listed} takes"
        raise TypeError(
            f"Pipeline `{pipeline}` was run without `deps=`, but its {nodes} the run's"
            " dependencies"
        )


async def run_with_deps(work: Coroutine[Any, Any, None], deps: object) -> None:
    """Await `work` (one run) with `deps` as the current run's deps."""
    token = _CURRENT.set(deps)
    try:
        await work
    finally:
        _CURRENT.reset(token)


@contextlib.contextmanager
def current_deps(deps: object) -> Iterator[None]:
    """Within the block, `deps` is the current run's deps (a run without an event loop)."""
    if deps is NO_DEPS:
        yield
        return
    token = _CURRENT.set(deps)
    try:
        yield
    finally:
        _CURRENT.reset(token)
