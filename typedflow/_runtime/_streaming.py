"""`Streaming`: a pipeline's many-input API (stream, map, rx observable and operator)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from contextlib import aclosing
from typing import TYPE_CHECKING, Any

from .._errors import PipelineError
from ._deps import NO_DEPS
from ._pooled import PoolWindow
from ._rx import load
from ._stream import StreamErrors, stream_outcomes

if TYPE_CHECKING:
    import contextvars
    from collections.abc import AsyncGenerator, AsyncIterable, Callable
    from concurrent.futures import Future, ThreadPoolExecutor

    from rx.core import Observable
    from rx.core.typing import Disposable as DisposableBase
    from rx.core.typing import Observer as ObserverBase

    from ._loopfree import FastPlan, FastRun
    from ._progress import Progress
    from ._scheduler import Run
    from ._tasks import TaskGroup

__all__ = ["Streaming"]


class Streaming:
    """Runs a pipeline over many inputs; mixed into `Pipeline`, which gives `_run_item`."""

    _tasks: TaskGroup
    _closing: bool
    name: str

    async def _run_item(self, data: Any, deps: Any = NO_DEPS) -> Any:
        raise NotImplementedError  # pragma: no cover - Pipeline defines it

    def _item_output(self, run: Run) -> Any:
        raise NotImplementedError  # pragma: no cover - Pipeline defines it

    if TYPE_CHECKING:  # given by `Blocking`, after this class in `Pipeline`'s bases

        def _pooled_plan(self, inputs: object) -> FastPlan | None: ...
        def _run_fast(self, fast: FastPlan, data: Any, stops: bool, deps: Any) -> FastRun: ...

    def _get_pool(self) -> ThreadPoolExecutor:
        raise NotImplementedError  # pragma: no cover - Pipeline defines it

    def _require_deps(self, deps: Any) -> None:
        raise NotImplementedError  # pragma: no cover - Pipeline defines it

    def _reserve_workers(self, concurrency: int) -> None:
        """Make room for `concurrency` synchronous calls at once (Pipeline sizes its pool)."""

    def stream(
        self,
        inputs: Iterable[Any] | AsyncIterable[Any] | Observable[Any],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        on_error: StreamErrors = "raise",
        progress: bool | Progress = False,
        deps: Any = NO_DEPS,
    ) -> AsyncGenerator[Any]:
        """Run the pipeline on every input, yielding outputs as they are ready.

        Inputs are pulled lazily (an infinite generator works) and at most `concurrency`
        run at once; per-node `concurrency` limits still apply inside. A straight chain of
        plain sync nodes (no async or inline node, no option that needs the event loop) over
        a plain iterable runs each input's whole run on a pool thread, which then takes the
        next input: the loop only hands outcomes over (events subscribers and tracing are read
        when the stream starts; with either, every input runs on the scheduler). Use it as
        `async for out in pipeline.stream(inputs): ...`; leaving the loop early (or being
        cancelled) cancels the inputs in flight; `contextlib.aclosing` makes that immediate.

        Args:
            inputs: An iterable, an async iterable or an rx observable. An observable pushes
                (rx has no back-pressure): its items are queued as it emits them, and a
                synchronous one is drained when subscribed; an iterable is pulled lazily.
            concurrency: The most inputs in flight. A pipeline's default-sized thread pool
                grows to it (see `Pipeline`), so sync nodes can keep that many calls going.
            ordered: Yield in input order (True) or as inputs finish.
            on_error: "raise" the first failure (cancelling the rest), "skip" failed
                inputs, or "collect": yield an `Outcome` for every input, failed or not.
            progress: Show a progress bar (items done, failed, rate) on stderr.
            deps: The dependencies of every input's run (see `Pipeline.execute`); when
                nodes need them and they are missing, `TypeError` is raised here, at once.

        Yields:
            Each input's outputs keyed by node name (a DSL pipeline: its sink's output), or
            with on_error="collect", an `Outcome` per input. In a DSL pipeline, an input that
            a filter ended (a node declared `-> T | None` returned `None`) is no failure, in
            every `on_error` mode: it yields `None` (what `run` gives), or an `Outcome` with
            `filtered=True`.
        """
        self._require_deps(deps)
        run_item = self._run_item
        if deps is not NO_DEPS:
            run_item = functools.partial(self._run_item, deps=deps)
        self._reserve_workers(concurrency)
        outcomes = stream_outcomes(
            run_item,
            inputs,
            concurrency=concurrency,
            ordered=ordered,
            on_error=on_error,
            progress=progress,
            make_window=self._pool_window(inputs, concurrency, ordered, on_error, deps),
        )
        return outcomes if on_error == "collect" else _outputs_of(outcomes)

    def _pool_window(
        self,
        inputs: Iterable[Any] | AsyncIterable[Any] | Observable[Any],
        concurrency: int,
        ordered: bool,
        on_error: StreamErrors,
        deps: Any,
    ) -> Callable[[], PoolWindow] | None:
        """What makes a `PoolWindow` for `inputs` when the pipeline is a straight chain of
        plain sync nodes (see `_pooled`), else None (each input runs as `_run_item`)."""
        fast = self._pooled_plan(inputs)
        if fast is None:
            return None
        assert isinstance(inputs, Iterable)

        def run_one(data: Any) -> Any:
            return self._item_output(self._run_fast(fast, data, True, deps))

        def submit(step: Callable[..., Any], context: contextvars.Context) -> Future[Any]:
            if self._closing:
                raise PipelineError(
                    f"Pipeline `{self.name}` was closed (`aclose()`) while a stream of it ran"
                )
            return self._get_pool().submit(context.run, step)

        return lambda: PoolWindow(run_one, inputs, concurrency, ordered, on_error, submit)

    async def map(
        self,
        inputs: Iterable[Any] | AsyncIterable[Any] | Observable[Any],
        *,
        concurrency: int = 16,
        on_error: StreamErrors = "raise",
        progress: bool | Progress = False,
        deps: Any = NO_DEPS,
    ) -> list[Any]:
        """Run the pipeline on every input and return the results in input order.

        Takes the same options as `stream`; with on_error="collect" the list holds an
        `Outcome` per input.
        """
        items = self.stream(
            inputs,
            concurrency=concurrency,
            ordered=True,
            on_error=on_error,
            progress=progress,
            deps=deps,
        )
        async with aclosing(items):
            return [item async for item in items]

    def as_observable(
        self,
        inputs: Iterable[Any] | AsyncIterable[Any] | Observable[Any],
        *,
        concurrency: int = 16,
        ordered: bool = True,
        on_error: StreamErrors = "raise",
        deps: Any = NO_DEPS,
    ) -> Observable[Any]:
        """The results of `stream(inputs, ...)` as an rx observable.

        Subscribe from within a running event loop: the work runs as a task on that loop,
        and disposing the subscription cancels it. A failure (with on_error="raise") is
        delivered with `on_error`.
        """
        self._require_deps(deps)
        load()
        import rx
        from rx.disposable import Disposable

        def subscribe(observer: ObserverBase[Any], scheduler: Any = None) -> DisposableBase:
            del scheduler
            items = self.stream(
                inputs, concurrency=concurrency, ordered=ordered, on_error=on_error, deps=deps
            )

            async def pump() -> None:
                async with aclosing(items):
                    try:
                        async for item in items:
                            observer.on_next(item)
                    except Exception as exc:  # noqa: BLE001  (delivered to the observer)
                        observer.on_error(exc)
                        return
                observer.on_completed()

            task = self._tasks.start(pump())

            def cancel() -> None:
                if not task.done():
                    task.cancel()

            return Disposable(cancel)

        return rx.create(subscribe)

    def operator(
        self, *, concurrency: int = 16, ordered: bool = True, on_error: StreamErrors = "raise"
    ) -> Callable[[Observable[Any]], Observable[Any]]:
        """An rx operator that runs this pipeline on each item: `source.pipe(p.operator())`."""

        def apply(source: Observable[Any]) -> Observable[Any]:
            return self.as_observable(
                source, concurrency=concurrency, ordered=ordered, on_error=on_error
            )

        return apply


async def _outputs_of(outcomes: AsyncGenerator[Any]) -> AsyncGenerator[Any]:
    """The outputs of a stream of outcomes; closing it closes the stream."""
    async with aclosing(outcomes):
        async for outcome in outcomes:
            yield outcome.output
