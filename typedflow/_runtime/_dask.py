"""`DaskExecutor`: a node's synchronous function run on a Dask distributed cluster."""

from __future__ import annotations

import asyncio
import atexit
import importlib
import pickle
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import concurrent.futures
    from collections.abc import Callable, Coroutine

__all__ = ["DaskExecutor", "Remote", "gather", "release", "submit_kept"]

_MISSING = (
    "`DaskExecutor` needs the `distributed` package, an optional dependency of typedflow: "
    "install it with `pip install 'typedflow[dask]'`"
)


def _distributed() -> Any:
    """The `distributed` module, imported on first use (the default install has no Dask)."""
    try:
        import distributed  # optional: only a DaskExecutor needs it
    except ImportError as exc:
        raise ImportError(_MISSING, name="distributed") from exc
    return distributed


class DaskExecutor:
    """A `NodeExecutor` that runs each call of a synchronous node on a Dask cluster.

    One connection serves every pipeline, thread and event loop that uses the executor (it
    lives on a thread of its own), so scripts may call `asyncio.run` more than once with it.
    Calls are submitted with `pure=False`: each one runs, none is deduplicated by Dask.

    Args:
        client_or_address: A `distributed.Client` (the executor connects to its scheduler with
            the same security settings; closing the client stays its owner's job), a scheduler
            address such as `"tcp://10.0.0.5:8786"`, or None to start a `LocalCluster` on this
            machine that the executor owns and closes.
        **cluster_options: With None only: keyword arguments for `LocalCluster` (by default
            bound to 127.0.0.1, the dashboard on a free port).

    Raises:
        ImportError: When `distributed` is not installed (`pip install 'typedflow[dask]'`).
        TypeError: When `cluster_options` are given with a client or an address.

    A failure on a worker raises the function's own exception, with the worker's traceback.
    A worker lost while running a call fails it with `distributed.KilledWorker` (after Dask's
    own retries), which a node's `retries` retry as any other error. A timeout or a
    cancellation releases the call: Dask drops it if it has not started, but a call already
    running on a worker cannot be stopped and runs to its end.
    """

    __slots__ = ("_cluster_options", "_lock", "_session", "_target")

    def __init__(self, client_or_address: Any = None, /, **cluster_options: Any) -> None:
        distributed = _distributed()
        if client_or_address is not None and cluster_options:
            raise TypeError(
                "`DaskExecutor` takes cluster options only when it starts its own "
                f"`LocalCluster`, not with a client or an address (got {sorted(cluster_options)})"
            )
        if client_or_address is not None and not isinstance(
            client_or_address, str | distributed.Client
        ):
            raise TypeError(
                "`DaskExecutor` takes a `distributed.Client`, a scheduler address or None, "
                f"got `{type(client_or_address).__name__}`"
            )
        self._target = client_or_address
        defaults = {"dashboard_address": "127.0.0.1:0"}
        if cluster_options.get("processes", True):  # threads: Dask's in-process transport
            defaults["host"] = "127.0.0.1"
        self._cluster_options = defaults | cluster_options
        self._session: _Session | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        target = self._target
        if target is None:
            return "DaskExecutor(<LocalCluster>)"
        address = target if isinstance(target, str) else target.scheduler.address
        return f"DaskExecutor({address!r})"

    def __copy__(self) -> DaskExecutor:
        return self  # a cluster connection is shared: copies of a node share its executor

    def __deepcopy__(self, memo: dict[int, object]) -> DaskExecutor:
        return self

    @property
    def address(self) -> str | None:
        """The scheduler's address once connected (an owned cluster's is known only then)."""
        session = self._session
        return None if session is None else session.address

    def submit(
        self, func: Callable[..., Any], args: tuple[Any, ...]
    ) -> concurrent.futures.Future[Any]:
        """Send `func(*args)` to the cluster; the future completes when the call does.

        Cancelling the future releases the call on the cluster (see the class docstring).
        """
        return self._current().call(_sendable(func), args)

    async def run(self, func: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        """Call `func(*args)` on the cluster and return its result."""
        return await asyncio.wrap_future(self.submit(func, args))

    async def aclose(self) -> None:
        """Wait for calls in flight, then disconnect (and close an owned cluster); the next
        call reconnects."""
        await asyncio.to_thread(self.close)

    def close(self) -> None:
        """`aclose` for synchronous code (after `asyncio.run`, say)."""
        with self._lock:
            session, self._session = self._session, None
        if session is not None:
            session.close()

    def _current(self) -> _Session:
        with self._lock:
            stale, session = None, self._session
            if session is not None and session.failed():
                stale, session = session, None  # say, the scheduler was down: try again
            if session is None:
                session = self._session = _Session(self._target, self._cluster_options)
        if stale is not None:
            stale.close()
        return session


class _Session:
    """A connection to the cluster: an event loop on a thread of its own with an asynchronous
    client (and the `LocalCluster`, when the executor owns one)."""

    def __init__(self, target: Any, cluster_options: dict[str, Any]) -> None:
        self._target = target
        self._cluster_options = cluster_options
        self._cluster: Any = None
        self.address: str | None = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="typedflow-dask", daemon=True
        )
        self._thread.start()
        self._calls: set[asyncio.Task[Any]] = set()  # on the session's loop only
        self._client = self._spawn(self._connect())
        atexit.register(self.close)  # an owned cluster's processes end with the script

    def _spawn(self, coroutine: Coroutine[Any, Any, Any]) -> concurrent.futures.Future[Any]:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    async def _connect(self) -> Any:
        distributed = _distributed()
        target = self._target
        if target is None:
            self._cluster = await distributed.LocalCluster(
                asynchronous=True, **self._cluster_options
            )
            address, security = self._cluster.scheduler_address, None
        elif isinstance(target, str):
            address, security = target, None
        else:
            address, security = target.scheduler.address, target.security
        client = await distributed.Client(
            address, asynchronous=True, security=security, set_as_default=False
        )
        self.address = client.scheduler.address
        return client

    def call(
        self, func: Callable[..., Any], args: tuple[Any, ...], keep: bool = False
    ) -> concurrent.futures.Future[Any]:
        return self._spawn(self._call(func, args, keep))

    def gather(self, futures: list[Any]) -> concurrent.futures.Future[list[Any]]:
        return self._spawn(self._gather(futures))

    async def _gather(self, futures: list[Any]) -> list[Any]:
        client = await asyncio.wrap_future(self._client)
        try:
            values: list[Any] = await client.gather(futures)
        finally:
            release(futures)
        return values

    def failed(self) -> bool:
        """Whether connecting (or starting the cluster) failed."""
        return self._client.done() and self._client.exception() is not None

    async def _call(self, func: Callable[..., Any], args: tuple[Any, ...], keep: bool) -> Any:
        """`func(*args)` on the cluster: its value, or with `keep`, a `Remote` of it (None
        for None, so that filters work without fetching anything)."""
        task = asyncio.current_task()
        assert task is not None
        self._calls.add(task)
        task.add_done_callback(self._calls.discard)
        client = await asyncio.wrap_future(self._client)
        args = tuple(a.future if isinstance(a, Remote) else a for a in args)
        try:
            future = client.submit(func, *await _scatter_big(client, args), pure=False)
        except TypeError as exc:
            raise _unsendable(func, args, exc) from exc
        kept = False
        try:
            if keep and await _finished(future):  # else its error is raised below
                if await _is_none(client, future):
                    return None
                kept = True
                return Remote(future, self)
            return await future
        except asyncio.CancelledError:
            await client.cancel([future])
            raise
        except RuntimeError as exc:  # a StopIteration, which no coroutine lets through
            if isinstance(exc.__cause__, StopIteration):
                stopped = RuntimeError(f"`{_name(func)}` raised StopIteration")
                raise stopped from exc.__cause__
            raise
        finally:  # the scheduler forgets the call (an error's traceback would keep it)
            if not kept:
                future.release()

    async def _disconnect(self) -> None:
        if self._calls:  # calls in flight end first, as a pool's shutdown waits for them
            await asyncio.wait(set(self._calls))
        try:
            client = await asyncio.wrap_future(self._client)
        except Exception:  # noqa: BLE001  (never connected: nothing to close)
            client = None
        if client is not None:
            await client.close()
        if self._cluster is not None:
            await self._cluster.close()

    def close(self) -> None:
        atexit.unregister(self.close)
        if self._loop.is_closed():
            return
        try:
            self._spawn(self._disconnect()).result()
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()


class Remote:
    """A node's output left on the cluster: one Dask future, shared by every consumer (see
    `_remote`)."""

    __slots__ = ("future", "session")

    def __init__(self, future: Any, session: _Session) -> None:
        self.future = future
        self.session = session

    def __repr__(self) -> str:
        return f"Remote({self.future.key!r})"


def submit_kept(
    executor: DaskExecutor, func: Callable[..., Any], args: tuple[Any, ...]
) -> concurrent.futures.Future[Any]:
    """`executor.submit`, leaving the result on the cluster: the future gives a `Remote` of
    it, or None when the call returned None."""
    return executor._current().call(_sendable(func), args, keep=True)


def gather(session: _Session, futures: list[Any]) -> concurrent.futures.Future[list[Any]]:
    """The values of `futures` (of `session`'s calls), which the cluster then forgets."""
    return session.gather(futures)


def release(futures: list[Any]) -> None:
    """Let the cluster forget `futures` (from any thread)."""
    for future in futures:
        future.release()


async def _finished(future: Any) -> bool:
    """Wait for a call without fetching its result: whether it succeeded."""
    await _distributed().client._wait([future])  # `wait` needs a default client
    return bool(future.status == "finished")


async def _is_none(client: Any, future: Any) -> bool:
    """Whether a finished call returned None. Dask tells its client the type of each result,
    so only a type that this process cannot load costs a tiny task that asks."""
    kind = future.type
    if kind is not None:
        return kind is type(None)
    probe = client.submit(_none, future, pure=False)
    try:
        return bool(await probe)
    finally:
        probe.release()


def _none(value: object) -> bool:
    return value is None


_BIG = 1 << 20
"""Arguments larger than this (in bytes, as `dask.sizeof` estimates) are scattered to the
workers before the call instead of travelling inside its task."""


async def _scatter_big(client: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """`args`, big ones replaced by futures of copies sent to the workers apart from the task
    (as Dask recommends; inside it, each would also be a warning). They are released with it."""
    sized = importlib.import_module("dask.sizeof").sizeof
    big = [i for i, a in enumerate(args) if sized(a) > _BIG]
    if not big:
        return args
    sent = list(args)
    for i, future in zip(
        big, await client.scatter([args[i] for i in big], hash=False), strict=True
    ):
        sent[i] = future
    return tuple(sent)


def _name(func: Callable[..., Any]) -> str:
    return str(getattr(func, "__qualname__", None) or getattr(func, "qualname", None) or func)


def _sendable(func: Callable[..., Any]) -> Callable[..., Any]:
    """What to send for `func`: a node's reference into `__main__` (how a process pool finds a
    script's function) means nothing on a worker, so the function itself goes, by value."""
    target = getattr(func, "target", None)
    if getattr(func, "module", None) == "__main__" and callable(target):
        found = target()
        inner: object = getattr(found, "func", found)
        if callable(inner):
            return inner
    return func


def _unsendable(func: Callable[..., Any], args: tuple[Any, ...], exc: TypeError) -> TypeError:
    """Which of the function and its arguments cannot be sent to the cluster, and why."""
    dumps = importlib.import_module("cloudpickle").dumps  # Dask's pickler (untyped)

    parts: list[tuple[str, object]] = [(f"the function `{_name(func)}`", func)]
    parts += [
        (f"argument {i} of `{_name(func)}` (a `{type(a).__name__}`)", a)
        for i, a in enumerate(args, 1)
    ]
    for what, value in parts:
        try:
            dumps(value)
        except (pickle.PicklingError, TypeError, AttributeError) as cause:
            return TypeError(
                f"cannot send {what} to the Dask cluster: {type(cause).__name__}: {cause}"
            )
    return TypeError(f"cannot send a call of `{_name(func)}` to the Dask cluster: {exc}")
