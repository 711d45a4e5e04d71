"""Tests of `CachedNode`, `MemoryCache` and `cache_key` (typedflow/_runtime/_cache.py)."""

from __future__ import annotations

import asyncio
import copy
import gc
import logging
import math
import os
import subprocess
import sys
import threading
import tracemalloc
import weakref
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

from typedflow import NodeDefinitionError, NodeExecutionError
from typedflow._runtime import _cache
from typedflow.pipeline import BatchNode, CacheBackend, CachedNode, MemoryCache, Pipeline, cache_key

from ._helpers import chain, wait
from .test_batch import doubling

if TYPE_CHECKING:
    from collections.abc import Hashable


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(_cache, "time", SimpleNamespace(monotonic=fake.monotonic))
    return fake


def counting(calls: list[Any]) -> Any:
    async def run(x: Any) -> Any:
        calls.append(x)
        return ("computed", x)

    return run


# -- hits and misses ------------------------------------------------------------------------


async def test_a_hit_does_not_call_the_function() -> None:
    calls: list[Any] = []
    node = CachedNode("c", counting(calls))
    p = chain(Pipeline("p"), node)
    assert await p.execute([1, 2]) == {"c": ("computed", [1, 2])}
    assert await p.execute([1, 2]) == {"c": ("computed", [1, 2])}
    assert await p.execute((1, 2)) == {"c": ("computed", (1, 2))}
    assert calls == [[1, 2], (1, 2)]
    assert node.calls == 2


async def test_results_not_coroutines_are_cached() -> None:
    node = CachedNode("c", counting([]))
    first = await node.process("x")
    second = await node.process("x")
    assert first == second == ("computed", "x")
    assert not asyncio.iscoroutine(first)


async def test_none_is_cached_too() -> None:
    calls: list[Any] = []
    node = CachedNode("c", lambda x: calls.append(x))
    assert await node.process(1) is None
    assert await node.process(1) is None
    assert calls == [1]


async def test_sync_function_runs_on_the_pipeline_pool() -> None:
    threads: list[str] = []

    def work(x: int) -> int:
        threads.append(threading.current_thread().name)
        return x + 1

    async with chain(Pipeline("cachepool"), CachedNode("c", work)) as p:
        assert await p.execute(1) == {"c": 2}
        assert await p.execute(1) == {"c": 2}
    assert len(threads) == 1
    assert threads[0].startswith("typedflow-cachepool")


async def test_ttl_expiry(clock: Clock) -> None:
    calls: list[Any] = []
    node = CachedNode("c", counting(calls), ttl=10)
    await node.process("k")
    clock.now += 9.9
    await node.process("k")
    assert calls == ["k"]
    clock.now += 0.1
    await node.process("k")
    assert calls == ["k", "k"]
    clock.now += 5
    await node.process("k")
    assert calls == ["k", "k"]


async def test_lru_eviction_order() -> None:
    calls: list[Any] = []
    node = CachedNode("c", counting(calls), cache_size=2)
    for x in ["a", "b", "a", "c", "a", "b"]:
        await node.process(x)
    assert calls == ["a", "b", "c", "b"]


async def test_memory_cache_evicts_the_least_recently_used() -> None:
    cache = MemoryCache(maxsize=2)
    await cache.set("a", 1)
    await cache.set("b", 2)
    assert await cache.get("a") == 1
    await cache.set("c", 3)
    assert await cache.get("b") is cache.miss
    assert [await cache.get(k) for k in "ac"] == [1, 3]
    assert len(cache) == 2
    await cache.clear()
    assert len(cache) == 0
    assert isinstance(cache, CacheBackend)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"maxsize": 0}, "maxsize must be an int of at least 1, got 0"),
        ({"maxsize": 2.5}, "maxsize must be an int of at least 1, got 2.5"),
        ({"maxsize": True}, "maxsize must be an int of at least 1, got True"),
        ({"ttl": 0}, "ttl must be a positive, finite number of seconds, got 0"),
        ({"ttl": math.nan}, "ttl must be a positive, finite number of seconds, got nan"),
        ({"ttl": math.inf}, "ttl must be a positive, finite number of seconds, got inf"),
    ],
    ids=["maxsize", "maxsize-float", "maxsize-bool", "ttl", "ttl-nan", "ttl-inf"],
)
def test_bad_memory_cache_options(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError) as info:
        MemoryCache(**options)
    assert str(info.value) == message


def test_bad_cached_node_options_are_definition_errors() -> None:
    with pytest.raises(NodeDefinitionError) as info:
        CachedNode("c", str, ttl=-1)
    assert info.value.message == (
        "node `c`: ttl must be a positive, finite number of seconds, got -1"
    )


# -- concurrency ----------------------------------------------------------------------------


async def test_concurrent_misses_on_one_key_call_the_function_once() -> None:
    release = asyncio.Event()
    calls: list[Any] = []

    async def slow(x: Any) -> Any:
        calls.append(x)
        await wait(release.wait())
        return {"v": x}

    node = CachedNode("c", slow)
    p = chain(Pipeline("p"), node)
    tasks = [asyncio.create_task(p.execute({"k": [1, 2]})) for _ in range(50)]
    await asyncio.sleep(0)
    release.set()
    results = await wait(asyncio.gather(*tasks))
    assert calls == [{"k": [1, 2]}]
    assert all(r == {"c": {"v": {"k": [1, 2]}}} for r in results)
    assert results[0]["c"] is results[49]["c"]


async def test_errors_are_shared_by_waiters_and_not_cached() -> None:
    release = asyncio.Event()
    calls: list[Any] = []

    async def failing(x: int) -> int:
        calls.append(x)
        await wait(release.wait())
        raise ValueError(f"no {x}")

    node = CachedNode("c", failing)
    tasks = [asyncio.create_task(node.process(1)) for _ in range(5)]
    await asyncio.sleep(0)
    release.set()
    errors = await wait(asyncio.gather(*tasks, return_exceptions=True))
    assert calls == [1]
    assert all(isinstance(e, ValueError) and str(e) == "no 1" for e in errors)
    assert all(e is errors[0] for e in errors)
    with pytest.raises(ValueError, match="no 1"):
        await node.process(1)
    assert calls == [1, 1]


async def test_cancelling_the_leader_lets_a_follower_compute() -> None:
    started = asyncio.Event()
    calls: list[str] = []

    async def slow(x: str) -> str:
        calls.append(x)
        started.set()
        if len(calls) == 1:
            await asyncio.Event().wait()
        return x.upper()

    node = CachedNode("c", slow)
    leader = asyncio.create_task(node.process("k"))
    await wait(started.wait())
    followers = [asyncio.create_task(node.process("k")) for _ in range(3)]
    await asyncio.sleep(0)
    leader.cancel()
    with pytest.raises(asyncio.CancelledError):
        await leader
    assert await wait(asyncio.gather(*followers)) == ["K", "K", "K"]
    assert calls == ["k", "k"]
    assert await node.process("k") == "K"
    assert calls == ["k", "k"]


async def test_cancelling_a_follower_leaves_the_leader_running() -> None:
    release = asyncio.Event()
    calls: list[str] = []

    async def slow(x: str) -> str:
        calls.append(x)
        await wait(release.wait())
        return x * 2

    node = CachedNode("c", slow)
    leader = asyncio.create_task(node.process("k"))
    await asyncio.sleep(0)
    follower = asyncio.create_task(node.process("k"))
    await asyncio.sleep(0)
    follower.cancel()
    with pytest.raises(asyncio.CancelledError):
        await follower
    release.set()
    assert await wait(leader) == "kk"
    assert calls == ["k"]


# -- keys -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ([1, 2], [1, 2], True),
        ([1, 2], (1, 2), False),
        ([1, 2], [2, 1], False),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, True),
        ({"a": 1}, {"a": 1.0}, False),
        (1, 1.0, False),
        (1, True, False),
        (0, False, False),
        (1.0, True, False),
        ("1", 1, False),
        (b"x", "x", False),
        (None, None, True),
        ({1, 2}, {2, 1}, True),
        ({1, 2}, frozenset({1, 2}), True),
        ({1, 2}, [1, 2], False),
        ({"k": [1, 2]}, {"k": [1, 2]}, True),
        ({"k": [1, 2]}, {"k": (1, 2)}, False),
        ([{"a": [1, {"b": {3}}]}], [{"a": [1, {"b": {3}}]}], True),
        ([{"a": [1, {"b": {3}}]}], [{"a": [1, {"b": {3.0}}]}], False),
        ([[1], [2]], [[1, 2]], False),
        ([], (), False),
        ({}, [], False),
        (frozenset(), set(), True),
        (1 + 2j, 1 + 2j, True),
    ],
    ids=lambda v: repr(v),
)
def test_cache_key_canonicalization(a: Any, b: Any, equal: bool) -> None:
    ka, kb = cache_key(a), cache_key(b)
    hash(ka)
    assert (ka == kb) is equal
    if equal:
        assert hash(ka) == hash(kb)


def test_cache_key_of_a_hashable_object_is_the_object() -> None:
    @dataclass(frozen=True)
    class Point:
        x: int
        y: int

    assert cache_key(Point(1, 2)) == cache_key(Point(1, 2))
    assert cache_key(Point(1, 2)) != cache_key(Point(2, 1))
    assert cache_key([Point(1, 2)]) == cache_key([Point(1, 2)])


class Opaque:
    __hash__ = None  # type: ignore[assignment]  # unhashable on purpose


def test_cache_key_of_an_unhashable_object_is_a_type_error() -> None:
    with pytest.raises(TypeError) as info:
        cache_key({"k": [Opaque()]})
    assert str(info.value) == "cannot build a cache key from a `Opaque` (it is unhashable)"


async def test_cached_node_says_to_pass_key_for_an_unhashable_input() -> None:
    p = chain(Pipeline("p"), CachedNode("c", counting([])))
    with pytest.raises(NodeExecutionError) as info:
        await p.execute(Opaque())
    cause = info.value.__cause__
    assert isinstance(cause, TypeError)
    assert str(cause) == (
        "cached node `c`: cannot build a cache key from a `Opaque` (it is unhashable); "
        "pass key= to CachedNode to say how its input is keyed"
    )


async def test_cached_node_with_key() -> None:
    calls: list[Any] = []

    @dataclass
    class Request:
        user: str
        trace: object

    def key(r: Request) -> Hashable:
        return r.user

    def shout(r: Request) -> str:
        calls.append(r.user)
        return r.user.upper()

    node = CachedNode("c", shout, key=key)
    async with chain(Pipeline("p"), node) as p:
        assert await p.execute(Request("ann", object())) == {"c": "ANN"}
        assert await p.execute(Request("ann", object())) == {"c": "ANN"}
        assert await p.execute(Request("bob", object())) == {"c": "BOB"}
    assert calls == ["ann", "bob"]


async def test_fan_in_is_keyed_by_all_its_inputs() -> None:
    calls: list[tuple[Any, ...]] = []

    async def join(a: Any, b: Any) -> tuple[Any, Any]:
        calls.append((a, b))
        return (a, b)

    node = CachedNode("c", join)
    assert await node.process(1, [2]) == (1, [2])
    assert await node.process(1, [2]) == (1, [2])
    assert await node.process([2], 1) == ([2], 1)
    assert calls == [(1, [2]), ([2], 1)]


async def test_custom_backend() -> None:
    class DictBackend:
        def __init__(self) -> None:
            self.data: dict[Hashable, object] = {}
            self._miss = object()

        async def get(self, key: Hashable) -> object:
            await asyncio.sleep(0)
            return self.data.get(key, self._miss)

        async def set(self, key: Hashable, value: object) -> None:
            await asyncio.sleep(0)
            self.data[key] = value

        async def clear(self) -> None:
            self.data.clear()

        @property
        def miss(self) -> object:
            return self._miss

    backend = DictBackend()
    assert isinstance(backend, CacheBackend)
    calls: list[Any] = []
    node = CachedNode("c", counting(calls), backend=backend)
    results = await asyncio.gather(*(node.process("x") for _ in range(5)))
    assert results == [("computed", "x")] * 5
    assert calls == ["x"]
    assert backend.data == {cache_key("x"): ("computed", "x")}


async def test_issue2_a_stale_miss_from_a_slow_backend_does_not_call_the_function_again() -> None:
    class LaggingBackend(MemoryCache):
        """Answers one `get` of the `slow` task with the state at request time, late."""

        def __init__(self) -> None:
            super().__init__()
            self.slow: asyncio.Task[Any] | None = None
            self.asked = asyncio.Event()
            self.release = asyncio.Event()

        async def get(self, key: Hashable) -> object:
            value = await super().get(key)
            if self.slow is not None and asyncio.current_task() is self.slow:
                self.slow = None
                self.asked.set()
                await wait(self.release.wait())
            return value

    backend = LaggingBackend()
    calls: list[str] = []

    async def compute(x: str) -> str:
        calls.append(x)
        await wait(backend.asked.wait())
        return x.upper()

    node = CachedNode("c", compute, backend=backend)
    first = asyncio.create_task(node.process("k"))
    await asyncio.sleep(0)
    second = asyncio.create_task(node.process("k"))
    backend.slow = second
    assert await wait(first) == "K"
    backend.release.set()
    assert await wait(second) == "K"
    assert calls == ["k"]


async def test_issue2_an_empty_backend_is_used_not_replaced() -> None:
    backend = MemoryCache(maxsize=5)
    node = CachedNode("c", counting([]), backend=backend)
    assert node.cache is backend
    await node.process("x")
    assert len(backend) == 1


# -- issue 11 ---------------------------------------------------------------------------------


async def test_issue_11_a_follower_cancelled_with_its_leader_stays_cancelled() -> None:
    started = asyncio.Event()
    calls: list[str] = []

    async def slow(x: str) -> str:
        calls.append(x)
        started.set()
        await asyncio.Event().wait()
        return x

    node = CachedNode("c", slow)
    leader = asyncio.create_task(node.process("k"))
    await wait(started.wait())
    follower = asyncio.create_task(node.process("k"))
    await asyncio.sleep(0)
    leader.cancel()
    follower.cancel()
    results = await wait(asyncio.gather(leader, follower, return_exceptions=True))
    assert [type(r) for r in results] == [asyncio.CancelledError, asyncio.CancelledError]
    assert calls == ["k"]


def test_issue_11_cached_values_are_shared_by_successive_event_loops() -> None:
    calls: list[Any] = []
    node = CachedNode("c", counting(calls), concurrency=1)
    assert asyncio.run(node.process("x")) == ("computed", "x")
    assert asyncio.run(node.process("x")) == ("computed", "x")
    assert asyncio.run(node.process("y")) == ("computed", "y")
    assert calls == ["x", "y"]


def test_issue_11_two_loops_in_two_threads_share_values_not_calls_in_flight() -> None:
    """A miss in flight on loop A is not awaited from loop B (its future belongs to A): B
    computes on its own; once A stored its value, a third loop hits it."""
    calls: list[tuple[str, str]] = []
    a_started, b_done = threading.Event(), threading.Event()

    async def compute(x: str) -> str:
        loop_name = threading.current_thread().name
        calls.append((loop_name, x))
        if loop_name == "A":
            a_started.set()
            await wait(asyncio.to_thread(b_done.wait))
        return x.upper()

    node = CachedNode("c", compute)
    results: dict[str, Any] = {}

    def run(name: str) -> None:
        try:
            if name == "B":
                assert a_started.wait(5)
            results[name] = asyncio.run(wait(node.process("k")))
        except BaseException as exc:  # noqa: BLE001  (reported by the assertion below)
            results[name] = exc
        finally:
            if name == "B":
                b_done.set()

    threads = [threading.Thread(target=run, args=(n,), name=n) for n in "AB"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(15)
    assert results == {"A": "K", "B": "K"}
    assert calls == [("A", "k"), ("B", "k")]
    assert asyncio.run(node.process("k")) == "K"
    assert len(calls) == 2


def test_issue_11_node_state_does_not_keep_a_finished_loop_alive() -> None:
    node = CachedNode("c", counting([]))
    batch = BatchNode("b", doubling([]), batch_size=1)
    loop = asyncio.new_event_loop()
    loop.run_until_complete(node.process(1))
    loop.run_until_complete(batch.submit(1))
    loop.close()
    ref = weakref.ref(loop)
    del loop
    gc.collect()
    assert ref() is None


def test_issue_11_cache_key_of_a_self_referential_value_is_a_type_error() -> None:
    loop: list[Any] = [1]
    loop.append({"again": loop})
    with pytest.raises(TypeError) as info:
        cache_key(loop)
    assert str(info.value) == "cannot build a cache key from a `list` that contains itself"


def test_issue_11_cache_key_of_a_too_deeply_nested_value_is_a_type_error() -> None:
    deep: Any = 0
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(TypeError) as info:
        cache_key(deep)
    assert str(info.value) == (
        "cannot build a cache key from a value nested more than 100 levels deep"
    )
    ok: Any = 0
    for _ in range(100):
        ok = [ok]
    assert cache_key(ok) == cache_key(copy.deepcopy(ok))


class P(NamedTuple):
    kind: type
    value: int


class Q(NamedTuple):
    kind: type
    value: int


@pytest.mark.parametrize(
    ("a", "b"),
    [(P(int, 1), 1), (P(int, 1), (int, 1)), (P(int, 1), Q(int, 1)), ([P(int, 1)], [1]),
     ({"k": P(int, 1)}, {"k": 1}), ({P(int, 1)}, {1}), (0.5, (float, 0.5))],
    ids=repr,
)
def test_issue_11_cache_keys_of_different_types_differ(a: Any, b: Any) -> None:
    assert cache_key(a) != cache_key(b)


def test_issue_11_cache_keys_of_equal_values_are_equal() -> None:
    assert cache_key(P(int, 1)) == cache_key(P(int, 1))
    assert cache_key({"a": [P(int, 1), {2, 3}], "b": 0.0}) == cache_key(
        {"b": -0.0, "a": [P(int, 1), {3, 2}]}
    )
    assert cache_key({frozenset({P(int, 1), "x"}): 1}) == cache_key(
        {frozenset({"x", P(int, 1)}): 1}
    )
    assert cache_key(10**5000) == cache_key(10**5000)
    assert cache_key(10**5000) != cache_key(10**5000 + 1)
    assert cache_key("\ud800") != cache_key("\ud801")


def test_issue_11_cache_keys_are_the_same_in_another_process() -> None:
    value = {"text": "héllo", "n": [1, 2.5, None, True, b"x", 1j], "s": {"a", "b", "c"}}
    script = (
        "from typedflow import cache_key\n"
        f"print(cache_key({value!r}).hex())\n"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert keys == {cache_key(value).hex()}  # type: ignore[attr-defined]


def test_issue_11_a_cache_key_is_small_next_to_its_input() -> None:
    big = [{"id": i, "name": f"item {i}", "tags": ["a", "b"]} for i in range(20_000)]
    tracemalloc.start()
    try:
        key = cache_key(big)
        retained, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert retained < 10_000
    assert key == cache_key(copy.deepcopy(big))


async def test_issue_11_a_failing_backend_set_does_not_fail_the_node(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class ReadOnly(MemoryCache):
        async def set(self, key: Hashable, value: object) -> None:
            raise ConnectionError("store down\n" + "x" * 1000)

    calls: list[Any] = []
    p = chain(Pipeline("p"), CachedNode("c", counting(calls), backend=ReadOnly()))
    with caplog.at_level(logging.DEBUG, logger="typedflow"):
        assert await p.execute("x") == {"c": ("computed", "x")}
        assert await p.execute("x") == {"c": ("computed", "x")}
    assert calls == ["x", "x"]
    records = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "typedflow"]
    expected = (
        "cached node `c`: its result was not stored: ConnectionError: store down\\n"
        + "x" * 470 + "…"
    )
    assert records == [(logging.WARNING, expected)] * 2
