"""Outputs kept on a Dask cluster between Dask nodes (issue 13).

A Dask node whose output only other Dask nodes of the same `DaskExecutor` consume keeps it on
the cluster: the scheduler passes a `Remote` (the Dask future of the call) to those nodes, and
Dask hands the value to their calls on the workers. Which nodes keep their outputs is decided
once per plan (`kept_outputs`); the values come back once, together, when the run ends
(`bring_back`), because a run's record reports every completed node's output, and the cluster
forgets them then.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from ._dask import DaskExecutor, Remote, gather, release

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._node import Special
    from ._scheduler import Run

__all__ = ["Remote", "bring_back", "kept_outputs"]


def kept_outputs(
    special: Sequence[Special | None],
    edges: Sequence[Sequence[tuple[int, int]]],
    routes: Sequence[object | None] | None,
) -> tuple[bool, ...] | None:
    """For each node, whether its output stays on the cluster; None when no output does.

    A node keeps its output when it runs on a `DaskExecutor`, has consumers, and every one of
    them runs on the same executor. Runtime type checks run on the pipeline's side, so a
    checked result, or a consumer that checks its arguments, needs the value there; a router's
    input goes on to its branches, whose nodes may be local, so routers take values too.
    """

    def dask(j: int) -> DaskExecutor | None:
        sp = special[j]
        if sp is None or not isinstance(sp.executor, DaskExecutor):
            return None
        return sp.executor

    def plain(j: int) -> bool:
        return routes is None or routes[j] is None

    def unchecked(j: int) -> bool:
        sp = special[j]
        return sp is not None and sp.check_args is None

    def keeps(i: int, out: Sequence[tuple[int, int]]) -> bool:
        executor, sp = dask(i), special[i]
        if executor is None or sp is None or sp.check_result is not None:
            return False
        consumers = [j for j, _ in out]
        return (
            bool(consumers)
            and plain(i)
            and all(dask(j) is executor and plain(j) and unchecked(j) for j in consumers)
        )

    kept = tuple(keeps(i, out) for i, out in enumerate(edges))
    return kept if any(kept) else None


class _LeftOnCluster:
    """What a run's record holds for a kept value that nobody needed (see `bring_back`)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<left on the Dask cluster>"


LEFT_ON_CLUSTER = _LeftOnCluster()


async def bring_back(run: Run, *, fetch: bool = True) -> None:
    """At the end of a run: fetch the values its nodes kept on the cluster into its outputs
    (all at once) and let the cluster forget them. A cancelled run fetches nothing: its kept
    outputs become None. Without `fetch` (a caller that reads only the sinks, which are never
    kept: `TypedPipeline.run`, `map`, `stream`, a nested pipeline), nothing comes back and the
    record holds `LEFT_ON_CLUSTER` for each kept value."""
    outputs = run.outputs
    kept = [(i, out) for i, out in enumerate(outputs) if isinstance(out, Remote)]
    if not kept:
        return
    task = asyncio.current_task()
    cancelled = task is not None and task.cancelling()
    if cancelled or not fetch:
        for i, _ in kept:
            outputs[i] = None if cancelled else LEFT_ON_CLUSTER
        release([out.future for _, out in kept])
        return
    try:
        await _fetch(outputs, kept)
    except BaseException:
        for i, _ in kept:
            if isinstance(outputs[i], Remote):
                outputs[i] = None
        release([out.future for _, out in kept])  # what was not fetched yet
        raise


async def _fetch(outputs: list[Any], kept: list[tuple[int, Remote]]) -> None:
    """Put the kept values into `outputs`: one `gather` per cluster connection."""
    sessions: dict[int, list[tuple[int, Remote]]] = {}
    for i, out in kept:
        sessions.setdefault(id(out.session), []).append((i, out))
    for group in sessions.values():
        futures = [out.future for _, out in group]
        values = await asyncio.wrap_future(gather(group[0][1].session, futures))
        for (i, _), value in zip(group, values, strict=True):
            outputs[i] = value
