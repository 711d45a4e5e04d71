"""`@node(cache=True | CacheBackend)`: what `CachedNode` gives, from the DSL (issue 10, part 6)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, TypedDict

import pytest

from typedflow import (
    CacheBackend,
    MemoryCache,
    NodeDefinitionError,
    NodeExecutionError,
    NodeTypeError,
    PoolExecutor,
    build,
    node,
)

if TYPE_CHECKING:
    from collections.abc import Hashable

pytestmark = pytest.mark.filterwarnings("ignore")  # the runtime logs each failed node


class Movie(TypedDict):
    title: str
    year: int


async def request(n: Any, data: object) -> Any:
    """One request: a pipeline built for it, as the examples do."""
    async with build(n, name="t") as pipeline:
        return await pipeline.run(data)


def test_issue10_cache_true_is_shared_by_every_pipeline_built_from_the_node() -> None:
    calls: list[dict[str, int]] = []

    @node(cache=True)
    def score(doc: dict[str, int]) -> int:
        calls.append(doc)
        return sum(doc.values())

    async def main() -> list[int]:
        return [
            await request(score, {"a": 1, "b": 2}),
            await request(score, {"b": 2, "a": 1}),  # the same key: a dict's order is no part
            await request(score, {"a": 1}),
        ]

    assert asyncio.run(main()) == [3, 3, 1]
    assert calls == [{"a": 1, "b": 2}, {"a": 1}]


async def test_issue10_one_call_per_key_across_concurrent_pipelines() -> None:
    gate, entered = asyncio.Event(), asyncio.Event()
    calls: list[str] = []

    @node(cache=True)
    async def ask(prompt: str) -> str:
        calls.append(prompt)
        entered.set()
        await gate.wait()
        return prompt.upper()

    tasks = [asyncio.ensure_future(request(ask, "hi")) for _ in range(5)]
    await entered.wait()
    for _ in range(20):  # give the other four every chance to call too (they must not)
        await asyncio.sleep(0)
    assert calls == ["hi"]
    assert not any(t.done() for t in tasks)  # all five wait for the one call
    gate.set()
    assert await asyncio.gather(*tasks) == ["HI"] * 5
    assert calls == ["hi"]


def test_cache_size_and_ttl_make_the_nodes_memory_cache() -> None:
    calls: list[str] = []

    @node(cache=True, cache_size=1, cache_ttl=30)
    def echo(x: str) -> str:
        calls.append(x)
        return x

    cache = echo.options.node_cache
    assert cache is not None
    assert isinstance(cache.backend, MemoryCache)
    assert (cache.backend.maxsize, cache.backend.ttl) == (1, 30.0)

    async def main() -> None:
        for x in ("a", "a", "b", "a"):  # one entry: "b" evicts "a"
            await request(echo, x)

    asyncio.run(main())
    assert calls == ["a", "b", "a"]


class DictBackend:
    """A user's backend (say, Redis in production)."""

    def __init__(self) -> None:
        self.data: dict[Hashable, object] = {}

    @property
    def miss(self) -> object:
        return DictBackend

    async def get(self, key: Hashable) -> object:
        return self.data.get(key, DictBackend)

    async def set(self, key: Hashable, value: object) -> None:
        self.data[key] = value

    async def clear(self) -> None:
        self.data.clear()


def test_cache_takes_a_backend() -> None:
    backend = DictBackend()
    assert isinstance(backend, CacheBackend)

    @node(cache=backend)
    def double(x: int) -> int:
        return 2 * x

    assert asyncio.run(request(double, 4)) == 8
    assert list(backend.data.values()) == [8]


def test_an_ill_typed_reply_is_asked_again_and_only_the_valid_one_is_stored() -> None:
    replies = iter([{"title": "Up"}, {"title": "Up", "year": 2009}])
    calls: list[str] = []

    @node(cache=True, check=True, retries=1, retry_on=NodeTypeError, backoff=0)
    async def ask(prompt: str) -> Movie:
        calls.append(prompt)
        out: Movie = next(replies)  # type: ignore[assignment]  # a model's untyped JSON
        return out

    async def main() -> list[Movie]:
        return [await request(ask, "a film"), await request(ask, "a film")]

    assert asyncio.run(main()) == [{"title": "Up", "year": 2009}] * 2
    assert calls == ["a film", "a film"]  # two attempts on the first request, a hit on the next


def test_a_fallback_result_is_not_stored_and_errors_are_not_cached() -> None:
    calls: list[int] = []

    @node(cache=True, retries=0, fallback=-1)
    def fragile(x: int) -> int:
        calls.append(x)
        if len(calls) == 1:
            raise ValueError("the provider is down")
        return x

    @node(cache=True)
    def broken(x: int) -> int:
        calls.append(x)
        raise ValueError("no")

    async def main() -> list[int]:
        return [await request(fragile, 5), await request(fragile, 5), await request(fragile, 5)]

    assert asyncio.run(main()) == [-1, 5, 5]
    assert calls == [5, 5]
    calls.clear()
    for _ in range(2):
        with pytest.raises(NodeExecutionError):
            asyncio.run(request(broken, 1))
    assert calls == [1, 1]


def test_arguments_are_checked_before_the_cache() -> None:
    @node(cache=True, check=True)
    def double(x: int) -> int:
        return 2 * x

    with pytest.raises(NodeTypeError, match="expects `int`, got `str`"):
        asyncio.run(request(double, "3"))


def _f(x: int) -> int:
    return x


async def _batch(xs: list[int]) -> list[int]:
    return xs


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: node(_f, cache=3),  # type: ignore[call-overload]  # on purpose
            "`@node` of `_f`: cache must be True, False or a `CacheBackend`, got `int`",
        ),
        (
            lambda: node(_f, cache_ttl=5),
            "`@node` of `_f`: cache_ttl and cache_size need cache=True",
        ),
        (
            lambda: node(_f, cache=True, cache_size=0),
            "`@node` of `_f`: cache_size must be an int of at least 1, got 0",
        ),
        (
            lambda: node(_f, cache=True, cache_ttl=-1),
            "`@node` of `_f`: cache_ttl must be a positive number, got -1",
        ),
        (
            lambda: node(_f, cache=DictBackend(), cache_size=5),
            "`@node` of `_f`: cache_ttl and cache_size apply to cache=True; configure the "
            "`DictBackend` backend itself",
        ),
        (
            lambda: node(_f, cache=True, executor=PoolExecutor.threads(1)),
            "`@node` of `_f`: cache cannot be combined with an executor",
        ),
        (
            lambda: node(_batch, batch_size=2, cache=True),  # type: ignore[call-overload]
            "`@node` of `_batch`: cache is not supported on batch nodes",
        ),
    ],
    ids=[
        "not-a-backend",
        "ttl-without-cache",
        "size0",
        "ttl-negative",
        "backend-ttl",
        "executor",
        "batch",
    ],
)
def test_cache_options_are_validated_naming_the_node(make: Any, message: str) -> None:
    with pytest.raises(NodeDefinitionError) as info:
        make()
    assert str(info.value) == message


async def test_a_hit_takes_no_permit_of_the_nodes_limiter() -> None:
    from typedflow import Limiter

    quota = Limiter(concurrency=1)

    @node(cache=True, limiter=quota)
    async def ask(prompt: str) -> str:
        return prompt.upper()

    assert await request(ask, "hi") == "HI"  # a miss: holds the permit for its call
    await quota.acquire()  # now every permit is taken...
    try:
        assert await request(ask, "hi") == "HI"  # ...and a hit still answers
    finally:
        quota.release()
