"""What one execution leaves behind: per-node records, the run record, and events."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from ._node import NodeStatus

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine, Iterator, Sequence

    from ._pipeline import Pipeline

_T = TypeVar("_T")

__all__ = [
    "FALLBACK",
    "ChunkEvent",
    "NodeEvent",
    "NodeRun",
    "RunRecord",
    "bounded",
    "brief",
    "failure_level",
    "handled_failures",
    "note_run",
    "recording",
    "recordings",
]

FALLBACK = "fallback"
"""The `reason` of the RUNNING event saying a node's attempts all failed and it gives its
fallback."""


@dataclass(frozen=True, slots=True)
class NodeEvent:
    """A state change of one node in one execution, as published on `Pipeline.events`.

    Attributes:
        run_id: The execution's id, unique within its pipeline.
        pipeline: The pipeline's name.
        node: The node's name.
        status: The node's new status.
        time: Wall-clock time of the change (`time.time()`).
        duration: Seconds the node ran, for COMPLETED and FAILED, and for a node cancelled
            while RUNNING (SKIPPED); else None.
        error: The exception, for FAILED (and for a node cancelled while RUNNING); on a
            RUNNING event of a retry, the error of the attempt before.
        attempt: The attempt this event belongs to (1 for the first call).
        reason: Why a node was SKIPPED, when more than "its upstream ended" says it:
            `"not routed"` for a node of a `route` branch the input did not take. On a
            RUNNING event, `"fallback"`: every attempt failed (`attempt` of them) and the
            node gives its fallback (its COMPLETED event follows).
    """

    run_id: int
    pipeline: str
    node: str
    status: NodeStatus
    time: float
    duration: float | None = None
    error: BaseException | None = None
    attempt: int = 1
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ChunkEvent(NodeEvent):
    """A chunk of a streaming node, published on `Pipeline.events` as the node makes it.

    Its status is RUNNING (the node is still running); subscribers that only follow state
    changes skip it with `isinstance(event, ChunkEvent)`.

    Attributes:
        chunk: The chunk.
        index: Its position among the chunks of this attempt (0 for the first).
    """

    chunk: Any = None
    index: int = 0


@dataclass(frozen=True, slots=True)
class NodeRun:
    """One node's part in one execution.

    Attributes:
        name: The node's name.
        status: Its final (or, while the run goes on, current) status.
        started: `time.perf_counter()` when it started running, or None.
        ended: `time.perf_counter()` when it completed or failed, or None.
        error: The exception it raised, or None.
        attempts: How many times its function was called (retries included).
    """

    name: str
    status: NodeStatus
    started: float | None
    ended: float | None
    error: BaseException | None
    attempts: int = 0

    @property
    def duration(self) -> float | None:
        """Seconds the node ran, when it both started and ended."""
        if self.started is None or self.ended is None:
            return None
        return self.ended - self.started


class RunRecord:
    """The record of one execution: outputs, statuses, timings and errors of every node.

    A record is a view of the execution's own state, so it is exact even when other
    executions of the same pipeline run concurrently.
    """

    __slots__ = (
        "_attempts",
        "_ended",
        "_errors",
        "_names",
        "_outputs",
        "_started",
        "_status",
        "run_id",
    )

    def __init__(
        self,
        run_id: int,
        names: Sequence[str],
        status: list[NodeStatus],
        outputs: list[Any],
        started: list[float | None],
        ended: list[float | None],
        errors: list[BaseException | None],
        attempts: list[int] | None,
    ) -> None:
        self.run_id = run_id
        self._names = names
        self._status = status
        self._outputs = outputs
        self._started = started
        self._ended = ended
        self._errors = errors
        self._attempts = attempts

    def __repr__(self) -> str:
        return f"RunRecord(run_id={self.run_id}, status={self.status!r})"

    @property
    def status(self) -> dict[str, NodeStatus]:
        """Each node's status, keyed by name."""
        return dict(zip(self._names, self._status, strict=True))

    @property
    def outputs(self) -> dict[str, Any]:
        """The output of every COMPLETED node, keyed by name."""
        completed = NodeStatus.COMPLETED
        return {
            name: out
            for name, st, out in zip(self._names, self._status, self._outputs, strict=True)
            if st is completed
        }

    @property
    def errors(self) -> dict[str, BaseException]:
        """The exception of every FAILED node, keyed by name."""
        return {
            name: err
            for name, st, err in zip(self._names, self._status, self._errors, strict=True)
            if st is NodeStatus.FAILED and err is not None
        }

    @property
    def ok(self) -> bool:
        """True when no node failed."""
        return NodeStatus.FAILED not in self._status

    def attempts(self, name: str) -> int:
        """How many times node `name`'s function was called in this run (0 if never)."""
        i = self._names.index(name)
        if self._attempts is not None and self._attempts[i]:
            return self._attempts[i]
        return 0 if self._started[i] is None else 1

    @property
    def nodes(self) -> dict[str, NodeRun]:
        """A `NodeRun` for every node, keyed by name."""
        return {
            name: NodeRun(
                name,
                self._status[i],
                self._started[i],
                self._ended[i],
                self._errors[i],
                self.attempts(name),
            )
            for i, name in enumerate(self._names)
        }


_MAX_LOGGED = 500


def brief(exc: BaseException) -> str:
    """`Type: message` of an exception for a log line: one line, at most 500 characters."""
    return bounded(f"{type(exc).__name__}: {exc}")


def bounded(text: str) -> str:
    """`text` for a log line: one line (line breaks escaped), at most 500 characters."""
    text = text.replace("\r\n", "\n").replace("\n", "\\n")
    return text if len(text) <= _MAX_LOGGED else text[: _MAX_LOGGED - 1] + "…"


handled_failures: ContextVar[bool] = ContextVar("typedflow_handled_failures", default=False)
"""True in the executions whose failures the caller handles (`map`/`stream` with
on_error="skip" or "collect"): a node failing there is logged at DEBUG, not WARNING."""


def failure_level() -> int:
    """The level at which a node failure is logged in the current execution."""
    return logging.DEBUG if handled_failures.get() else logging.WARNING


_RECORDING: ContextVar[tuple[tuple[Pipeline, list[RunRecord]], ...]] = ContextVar(
    "typedflow_recording", default=()
)
"""The `recording` blocks open in this context: each pipeline and the records of its runs."""


@contextmanager
def recording(pipeline: Pipeline) -> Iterator[list[RunRecord]]:
    """Collect the records of `pipeline`'s runs started in this context, in start order.

    Use it as `with recording(pipeline) as runs: await pipeline.run(x)`: `runs` then holds
    the `RunRecord` of that call (its `run_id` is the one on its events, logs and trace
    span), one per input for `map` and `stream`, however many other callers run the same
    pipeline at the same time (each task has its own context). A record is live: it shows
    its run's state while the run goes on. The runs of `execute_sync`, `run_sync` and
    `map_sync` made in the block are collected too (after each call returns, for a run
    without an event loop).
    """
    runs: list[RunRecord] = []
    token = _RECORDING.set((*_RECORDING.get(), (pipeline, runs)))
    try:
        yield runs
    finally:
        _RECORDING.reset(token)


def note_run(pipeline: object, record: RunRecord) -> None:
    """Give the record of a run of `pipeline` just started to the `recording` blocks open
    here (only called when one is open)."""
    for owner, runs in _RECORDING.get():
        if owner is pipeline:
            runs.append(record)


def carry_recordings(
    make: Callable[[], Coroutine[Any, Any, _T]],
) -> Callable[[], Coroutine[Any, Any, _T]]:
    """`make`, so that the runs it starts on another thread's loop (the private loop of the
    sync API) are given to the `recording` blocks open here, in the caller's context."""
    open_here = _RECORDING.get()
    if not open_here:
        return make

    async def carried() -> _T:
        _RECORDING.set(open_here)  # the task's own context: nothing to reset
        return await make()

    return carried


def recordings() -> bool:
    """Whether a `recording` block is open in this context (one lookup per run)."""
    return bool(_RECORDING.get())
