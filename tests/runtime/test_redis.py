"""`RedisCache` against a real redis-server (typedflow/_runtime/_redis.py; issue 13, Redis part)."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import math
import socket
import subprocess
import sys
import textwrap
import time
from typing import TYPE_CHECKING, Any, TypedDict

import pytest

from typedflow import RedisCache, build, node
from typedflow._runtime._redis import stable_digest
from typedflow.pipeline import CachedNode, Pipeline

from ._helpers import chain
from ._redis_server import RedisServer, require_redis

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    require_redis()
    started = RedisServer(tmp_path_factory.mktemp("redis"))
    started.start()
    yield started
    started.stop()


@pytest.fixture(params=["unix", "tcp"])
def own_server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[RedisServer]:
    """A server this test may stop and restart: on a Unix socket, or on a loopback port (where
    an outage is a refused TCP connection, as across machines)."""
    require_redis()
    started = RedisServer(tmp_path, tcp=request.param == "tcp")
    started.start()
    yield started
    started.stop()


PATIENT = 10.0
"""The Redis timeout of tests that expect an answer: the default 0.5 s is for production,
where a slow Redis should not hold the pipeline; a CI machine running three suites at once can
take longer than that, and the test would see an outage (a miss) instead of a hit."""

_namespaces = iter(range(1_000_000))


@pytest.fixture
def namespace() -> str:
    """A namespace of this test's own: tests share one server."""
    return f"t{next(_namespaces)}"


def redis_keys(server: RedisServer, pattern: str = "*") -> list[str]:
    async def keys() -> list[str]:
        import redis.asyncio  # only with the extra installed

        client = redis.asyncio.Redis.from_url(server.url)
        try:
            found = await client.keys(pattern)
            return sorted(k.decode() if isinstance(k, bytes) else k for k in found)
        finally:
            await client.aclose()

    return asyncio.run(keys())


def records(caplog: pytest.LogCaptureFixture, level: int = logging.DEBUG) -> list[str]:
    return [
        r.getMessage() for r in caplog.records if r.name == "typedflow" and r.levelno >= level
    ]


@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int


class Row(TypedDict):
    name: str
    scores: list[float]


def test_a_hit_skips_the_call_across_event_loops(server: RedisServer, namespace: str) -> None:
    cache = RedisCache(server.url, timeout=PATIENT, namespace=namespace)
    calls: list[int] = []

    @node(cache=cache)
    async def square(x: int) -> int:
        calls.append(x)
        return x * x

    pipeline = build(square)
    assert asyncio.run(pipeline.run(3)) == 9  # miss
    assert asyncio.run(pipeline.run(3)) == 9  # hit, on a second event loop
    assert asyncio.run(pipeline.run(4)) == 16  # miss
    assert calls == [3, 4]
    assert [k.rsplit(":", 1)[0] for k in redis_keys(server, f"{namespace}:*")] == [
        f"{namespace}:{__name__}.{square.func.__qualname__}:0"
    ] * 2


@pytest.mark.parametrize(
    ("returns", "value"),
    [
        pytest.param(Point, Point(1, 2), id="dataclass"),
        pytest.param(Row, Row(name="a", scores=[1.5, 2.0]), id="TypedDict"),
        pytest.param(list[tuple[int, str]], [(1, "a"), (2, "b")], id="list-of-tuples"),
        pytest.param(dict[str, Point], {"p": Point(3, 4)}, id="dict-of-dataclasses"),
    ],
)
def test_values_come_back_as_the_declared_return_type(
    server: RedisServer, namespace: str, returns: Any, value: object
) -> None:
    cache = RedisCache(server.url, timeout=PATIENT, namespace=namespace)
    calls: list[str] = []

    async def make(key: str) -> Any:
        calls.append(key)
        return value

    make.__annotations__ = {"key": str, "return": returns}
    pipeline = chain(Pipeline("p"), CachedNode("make", make, backend=cache))

    async def twice() -> tuple[object, object]:
        return (await pipeline.execute("k"))["make"], (await pipeline.execute("k"))["make"]

    computed, cached = asyncio.run(twice())
    assert calls == ["k"]
    assert computed is value
    assert cached == value
    assert cached is not value
    assert type(cached) is type(value)
    if isinstance(value, list):
        assert [type(item) for item in cached] == [tuple, tuple]  # type: ignore[attr-defined]
    if isinstance(value, dict) and "p" in value:
        assert type(cached["p"]) is Point  # type: ignore[index]


def test_ttl_expires_entries(server: RedisServer, namespace: str) -> None:
    cache = RedisCache(server.url, timeout=PATIENT, namespace=namespace, ttl=0.2)
    calls: list[int] = []

    @node(cache=cache)
    async def double(x: int) -> int:
        calls.append(x)
        return 2 * x

    pipeline = build(double)
    assert asyncio.run(pipeline.run(1)) == 2
    assert asyncio.run(pipeline.run(1)) == 2
    assert calls == [1]
    deadline = time.monotonic() + 10
    while redis_keys(server, f"{namespace}:*"):  # Redis expires the key itself
        assert time.monotonic() < deadline, "the entry never expired"
        time.sleep(0.05)
    assert asyncio.run(pipeline.run(1)) == 2
    assert calls == [1, 1]


def test_clear_deletes_its_namespace_only(server: RedisServer, namespace: str) -> None:
    mine = RedisCache(server.url, timeout=PATIENT, namespace=namespace)
    other = RedisCache(server.url, timeout=PATIENT, namespace=f"{namespace}x")
    # a glob character, escaped
    glob = RedisCache(server.url, timeout=PATIENT, namespace=f"{namespace}*")
    calls: list[str] = []

    async def compute(x: int) -> int:
        calls.append("c")
        return x

    async def scenario() -> None:
        for cache in (mine, other, glob):
            p = chain(Pipeline("p"), CachedNode("n", compute, backend=cache))
            assert await p.execute(1) == {"n": 1}
        await glob.clear()
        await mine.clear()
        for cache in (mine, other, glob):
            p = chain(Pipeline("p"), CachedNode("n", compute, backend=cache))
            assert await p.execute(1) == {"n": 1}

    asyncio.run(scenario())
    assert calls == ["c"] * 5  # `mine` and `glob` computed again; `other` hit
    assert sorted(k.split(":")[0] for k in redis_keys(server, f"{namespace}*")) == [
        namespace, f"{namespace}*", f"{namespace}x"
    ]


def test_a_new_version_misses_the_old_entries(server: RedisServer, namespace: str) -> None:
    calls: list[int] = []

    def run(version: int) -> None:
        cache = RedisCache(server.url, timeout=PATIENT, namespace=namespace, version=version)

        @node(cache=cache)
        async def inc(x: int) -> int:
            calls.append(version)
            return x + 1

        assert asyncio.run(build(inc).run(1)) == 2

    run(1)
    run(1)
    run(2)
    run(1)
    assert calls == [1, 2]


class Opaque:
    def __init__(self, n: int) -> None:
        self.n = n


def test_a_value_without_an_encoding_is_computed_each_time(
    server: RedisServer, namespace: str, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    @node(cache=RedisCache(server.url, timeout=PATIENT, namespace=namespace))
    async def wrap(x: int) -> object:
        calls.append(x)
        return Opaque(x)

    pipeline = build(wrap)
    with caplog.at_level(logging.DEBUG, logger="typedflow"):
        assert asyncio.run(pipeline.run(1)).n == 1
        assert asyncio.run(pipeline.run(1)).n == 1
    assert calls == [1, 1]
    assert redis_keys(server, f"{namespace}:*") == []
    identity = f"{__name__}.{wrap.func.__qualname__}"
    assert records(caplog) == [
        f"cached node `{identity}`: result not cached (TypeError: Encoding objects of type "
        "Opaque is unsupported)"
    ] * 2


def test_inputs_key_canonically_or_are_not_cached(
    server: RedisServer, namespace: str, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[object] = []

    async def show(x: object) -> str:
        calls.append(x)
        return repr(x)

    backend = RedisCache(server.url, timeout=PATIENT, namespace=namespace)
    pipeline = chain(Pipeline("p"), CachedNode("show", show, backend=backend))

    async def scenario() -> None:
        for x in (Point(1, 2), Point(1, 2), {"b": Point(0, 0), "a": 1}, {"a": 1, "b": Point(0, 0)}):
            await pipeline.execute(x)
        await pipeline.execute(Opaque(1))
        await pipeline.execute(Opaque(1))

    with caplog.at_level(logging.DEBUG, logger="typedflow"):
        asyncio.run(scenario())
    assert [type(c).__name__ for c in calls] == ["Point", "dict", "Opaque", "Opaque"]
    identity = f"{__name__}.{show.__qualname__}"
    assert records(caplog) == [
        f"cached node `{identity}`: input has no stable encoding; call not cached"
    ] * 6  # per call: a get, the leader's second get, and the set


def test_stable_digest_encodes_objects_by_type_and_value() -> None:
    @dataclasses.dataclass(frozen=True)
    class Other:
        x: int
        y: int

    assert stable_digest("abc") == stable_digest(["abc"][0])
    assert stable_digest(Point(1, 2)) == stable_digest(Point(1, 2))
    assert stable_digest(Point(1, 2)) != stable_digest(Point(2, 1))
    assert stable_digest(Point(1, 2)) != stable_digest(Other(1, 2))  # the type is in the key
    assert stable_digest(frozenset({Point(1, 2), Point(3, 4)})) == stable_digest(
        frozenset({Point(3, 4), Point(1, 2)})
    )
    assert stable_digest((1, Opaque(1))) is None
    assert stable_digest(int) is None  # a type has no msgpack encoding


def test_an_outage_is_a_miss_with_one_warning_and_recovers(
    own_server: RedisServer, namespace: str, caplog: pytest.LogCaptureFixture
) -> None:
    cache = RedisCache(own_server.url, namespace=namespace, timeout=PATIENT, retry_after=0)
    calls: list[int] = []

    @node(cache=cache)
    async def triple(x: int) -> int:
        calls.append(x)
        return 3 * x

    pipeline = build(triple)
    with caplog.at_level(logging.INFO, logger="typedflow"):
        assert asyncio.run(pipeline.run(1)) == 3
        own_server.stop()
        for _ in range(3):
            assert asyncio.run(pipeline.run(1)) == 3  # each a miss: computed, never failed
        down = records(caplog)
        own_server.start()  # the same socket, empty
        assert [asyncio.run(pipeline.run(1)) for _ in range(2)] == [3, 3]
    assert calls == [1, 1, 1, 1, 1]  # after the restart: one miss, then a hit
    assert len(down) == 1
    assert down[0].startswith(
        f"Redis cache at `{own_server.url}` failed (ConnectionError: "
    )
    assert down[0].endswith("); cached nodes compute without it, trying it again every 0 s")
    assert records(caplog)[1:] == [f"Redis cache at `{own_server.url}` answers again"]


def test_while_down_redis_is_skipped_until_retry_after(
    own_server: RedisServer, namespace: str, caplog: pytest.LogCaptureFixture
) -> None:
    cache = RedisCache(own_server.url, namespace=namespace, retry_after=3600)
    own_server.stop()
    calls: list[int] = []

    @node(cache=cache)
    async def same(x: int) -> int:
        calls.append(x)
        return x

    pipeline = build(same)
    with caplog.at_level(logging.WARNING, logger="typedflow"):
        assert asyncio.run(pipeline.run(1)) == 1
        own_server.start()
        assert asyncio.run(pipeline.run(1)) == 1  # not tried again yet: no entry stored
    assert calls == [1, 1]
    assert redis_keys(own_server) == []
    assert len(records(caplog)) == 1


def test_a_slow_redis_is_a_miss_after_the_timeout(
    tmp_path: Path, namespace: str, caplog: pytest.LogCaptureFixture
) -> None:
    require_redis()
    path = tmp_path / "silent.sock"
    with socket.socket(socket.AF_UNIX) as silent:  # accepts connections, never replies
        silent.bind(str(path))
        silent.listen(16)
        cache = RedisCache(f"unix://{path}", namespace=namespace, timeout=0.05)
        calls: list[int] = []

        @node(cache=cache)
        async def neg(x: int) -> int:
            calls.append(x)
            return -x

        with caplog.at_level(logging.WARNING, logger="typedflow"):
            assert asyncio.run(build(neg).run(5)) == -5
            assert asyncio.run(build(neg).run(5)) == -5  # skipped: retry_after not over
    assert calls == [5, 5]
    assert records(caplog) == [
        f"Redis cache at `unix://{path}` failed (ConnectionError: Timeout reading from "
        f"{path}); cached nodes compute without it, trying it again every 5 s"
    ]


def test_concurrent_misses_on_one_key_call_once(server: RedisServer, namespace: str) -> None:
    cache = RedisCache(server.url, timeout=PATIENT, namespace=namespace)
    started: list[int] = []

    @node(cache=cache)
    async def slow(x: int) -> int:
        started.append(x)
        await asyncio.sleep(0)
        return x

    pipeline = build(slow)

    async def scenario() -> list[int]:
        results = await asyncio.gather(*(pipeline.run(x % 2) for x in range(20)))
        await cache.aclose()  # explicit close; the next call opens a new pool
        results.append(await pipeline.run(1))
        return results

    assert asyncio.run(scenario()) == [x % 2 for x in range(20)] + [1]
    assert sorted(started) == [0, 1]


SCRIPT = """
import asyncio, dataclasses, sys
from typedflow import RedisCache, build, node

@dataclasses.dataclass
class Summary:
    words: int
    first: str

calls = 0

@node(cache=RedisCache(sys.argv[1], namespace=sys.argv[2], timeout=10))
def summarize(text: dict[str, str]) -> Summary:
    global calls
    calls += 1
    return Summary(len(text["body"].split()), text["body"].split()[0])

result = asyncio.run(build(summarize).run({"title": "t", "body": "hello big world"}))
print(type(result).__name__, result.words, result.first, calls)
"""


def test_a_second_process_reuses_the_first_ones_results(
    server: RedisServer, namespace: str, tmp_path: Path
) -> None:
    script = tmp_path / "summarize.py"
    script.write_text(textwrap.dedent(SCRIPT))

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-W", "error", str(script), server.url, namespace],
            capture_output=True, text=True, timeout=60, check=True,
        )
        assert done.stderr == ""
        return done.stdout

    assert run() == "Summary 3 hello 1\n"
    assert run() == "Summary 3 hello 0\n"  # a hit: the function never ran


def test_a_custom_backend_with_bind_gets_the_node_identity_and_return_type() -> None:
    bound: list[tuple[str, object]] = []

    class Bindable:
        miss = object()

        def bind(self, node: str, returns: object) -> Bindable:
            bound.append((node, returns))
            return self

        async def get(self, key: object) -> object:
            return self.miss

        async def set(self, key: object, value: object) -> None:
            pass

        async def clear(self) -> None:
            pass

    @node(cache=Bindable())
    async def label(x: int) -> list[str]:
        return [str(x)]

    assert asyncio.run(build(label).run(2)) == ["2"]
    CachedNode("renamed", label.func, backend=Bindable())
    qualname = f"{__name__}.{label.func.__qualname__}"
    assert bound == [(qualname, list[str]), (f"{qualname}@renamed", list[str])]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ttl": 0}, "ttl must be a positive, finite number of seconds, got 0"),
        ({"ttl": math.inf}, "ttl must be a positive, finite number of seconds, got inf"),
        ({"ttl": math.nan}, "ttl must be a positive, finite number of seconds, got nan"),
        ({"timeout": -1}, "timeout must be a positive, finite number of seconds, got -1"),
        ({"timeout": math.nan}, "timeout must be a positive, finite number of seconds, got nan"),
        ({"retry_after": -1}, "retry_after must be a finite number of seconds >= 0, got -1"),
        ({"retry_after": math.inf}, "retry_after must be a finite number of seconds >= 0, got inf"),
        ({"namespace": "a:b"}, "namespace must be a non-empty string without `:`, got 'a:b'"),
        ({"namespace": ""}, "namespace must be a non-empty string without `:`, got ''"),
    ],
)
def test_invalid_options(kwargs: dict[str, Any], message: str) -> None:
    require_redis()
    with pytest.raises(ValueError) as info:
        RedisCache("redis://localhost", **kwargs)
    assert str(info.value) == message


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)
    monkeypatch.setitem(sys.modules, "redis.asyncio", None)
    with pytest.raises(ImportError) as info:
        RedisCache("redis://localhost")
    assert str(info.value) == "`RedisCache` needs the `redis` package: install `typedflow[redis]`"


def test_importing_typedflow_imports_neither_redis_nor_msgspec() -> None:
    probe = "import sys, typedflow; print(sorted({'redis', 'msgspec'} & set(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout == "[]\n"


def test_the_password_stays_out_of_logs() -> None:
    require_redis()
    cache = RedisCache("redis://user:secret@localhost:6390/0")
    assert repr(cache) == "RedisCache('redis://user:***@localhost:6390/0', namespace='typedflow')"



def test_a_closed_loop_does_not_keep_its_client(server: RedisServer, namespace: str) -> None:
    cache = RedisCache(server.url, timeout=PATIENT, namespace=namespace)

    async def use() -> asyncio.AbstractEventLoop:
        await cache.set("k", 1)
        assert await cache.get("k") == 1
        return asyncio.get_running_loop()

    first = asyncio.run(use())
    second = asyncio.run(use())
    assert list(cache._clients) == [second]
    assert first.is_closed()
