"""The peers' equivalents of bench_peers.py's workloads, each written with its own idioms:
LangChain LCEL (`RunnableLambda` composed with `|`, `RunnableParallel`, `batch`/`abatch` with
`max_concurrency`) and Haystack (`@component` classes, `Pipeline.connect`, `run`/`run_async`).
Imported only when the peer is installed (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

os.environ.setdefault("HAYSTACK_TELEMETRY_ENABLED", "False")  # no network from a benchmark


def installed(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


# --- LangChain LCEL ----------------------------------------------------------------------------


def lcel_chain(funcs: list[Any]) -> Any:
    """`RunnableLambda(f0) | RunnableLambda(f1) | ...`."""
    from langchain_core.runnables import RunnableLambda

    chain: Any = RunnableLambda(funcs[0])
    for f in funcs[1:]:
        chain = chain | RunnableLambda(f)
    return chain


def lcel_diamond(source: Any, branches: list[Any], join: Any) -> Any:
    from langchain_core.runnables import RunnableLambda, RunnableParallel

    parallel = RunnableParallel({f"b{i}": RunnableLambda(b) for i, b in enumerate(branches)})

    async def joined(outputs: dict[str, Any]) -> Any:
        return await join(*outputs.values())

    return RunnableLambda(source) | parallel | RunnableLambda(joined)


async def lcel_abatch(chain: Any, items: list[int], concurrency: int) -> list[Any]:
    return list(await chain.abatch(items, config={"max_concurrency": concurrency}))


def lcel_batch(chain: Any, items: list[int], concurrency: int) -> list[Any]:
    return list(chain.batch(items, config={"max_concurrency": concurrency}))


LCEL_W5_CHAIN = """
from langchain_core.runnables import RunnableLambda
flow = RunnableLambda(f0) | RunnableLambda(f1)
for i in range(2, N):
    flow = flow | RunnableLambda(globals()[f'f{i}'])
"""

LCEL_W5_FAN = """
from langchain_core.runnables import RunnableLambda, RunnableParallel
flow = (
    RunnableLambda(src)
    | RunnableParallel({f'b{i}': RunnableLambda(globals()[f'b{i}']) for i in range(N)})
    | RunnableLambda(lambda d: total(*d.values()))
)
"""


# --- Haystack ----------------------------------------------------------------------------------


def _component_class(func: Any, is_async: bool) -> type:
    """A Haystack component class with one `x: int` input and one `x` output computed by
    `func`. An async one has `run_async` awaiting `func` (its `run` refuses); a sync one only
    `run`, which Haystack runs in a thread when the pipeline runs with `run_async`."""
    from haystack import component

    if is_async:

        @component
        class AsyncStep:
            @component.output_types(x=int)
            def run(self, x: int) -> dict[str, Any]:
                raise RuntimeError("run this pipeline with run_async")

            @component.output_types(x=int)
            async def run_async(self, x: int) -> dict[str, Any]:
                return {"x": await func(x)}

        return AsyncStep

    @component
    class Step:
        @component.output_types(x=int)
        def run(self, x: int) -> dict[str, Any]:
            return {"x": func(x)}

    return Step


def haystack_chain(funcs: list[Any], is_async: bool) -> tuple[Any, str]:
    """A pipeline of one component per function, connected in a line; and the first
    component's name (the run's input goes to it)."""
    from haystack import Pipeline

    pipe = Pipeline()
    for i, f in enumerate(funcs):
        pipe.add_component(f"c{i}", _component_class(f, is_async)())
        if i:
            pipe.connect(f"c{i - 1}.x", f"c{i}.x")
    return pipe, "c0"


def haystack_diamond(source: Any, branches: list[Any], join: Any) -> Any:
    from haystack import Pipeline, component
    from haystack.core.component.types import Variadic

    class Join:
        @component.output_types(x=int)
        def run(self, xs: Variadic[int]) -> dict[str, Any]:
            raise RuntimeError("run this pipeline with run_async")

        @component.output_types(x=int)
        async def run_async(self, xs: Variadic[int]) -> dict[str, Any]:
            return {"x": await join(*xs)}

    # Haystack reads annotations as written: under `from __future__ import annotations` the
    # string "Variadic[int]" would not be variadic.
    for method in (Join.run, Join.run_async):
        method.__annotations__["xs"] = Variadic[int]
    pipe = Pipeline()
    pipe.add_component("src", _component_class(source, True)())
    pipe.add_component("join", component(Join)())
    for i, b in enumerate(branches):
        pipe.add_component(f"b{i}", _component_class(b, True)())
        pipe.connect("src.x", f"b{i}.x")
        pipe.connect(f"b{i}.x", "join.xs")
    return pipe


async def haystack_amap(pipe: Any, items: list[int], concurrency: int) -> list[Any]:
    """Many inputs through `run_async` (Haystack has no batch call): a semaphore and `gather`."""
    sem = asyncio.Semaphore(concurrency)

    async def one(x: int) -> Any:
        async with sem:
            return await pipe.run_async({"c0": {"x": x}})

    return await asyncio.gather(*(one(x) for x in items))


def haystack_map_sync(pipe: Any, items: list[int], concurrency: int) -> list[Any]:
    """Many inputs through `run` from sync code: a thread pool of `concurrency` threads."""
    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(lambda x: pipe.run({"c0": {"x": x}}), items))


HAYSTACK_W5_CHAIN = """
from haystack import Pipeline, component
def _wrap(f, i):
    @component
    class Step:
        @component.output_types(x=int)
        def run(self, x: int):
            return {'x': f(x)}
    Step.__name__ = f'Step{i}'
    return Step()
flow = Pipeline()
for i in range(N):
    flow.add_component(f'c{i}', _wrap(globals()[f'f{i}'], i))
    if i:
        flow.connect(f'c{i - 1}.x', f'c{i}.x')
"""

HAYSTACK_W5_FAN = """
from haystack import Pipeline, component
from haystack.core.component.types import Variadic
def _wrap(f, out):
    @component
    class Step:
        @component.output_types(x=out)
        def run(self, x: int):
            return {'x': f(x)}
    return Step()
class Total:
    @component.output_types(x=int)
    def run(self, xs: Variadic[str]):
        return {'x': total(*xs)}
Total.run.__annotations__['xs'] = Variadic[str]  # a string under the module's __future__ import
flow = Pipeline()
flow.add_component('src', _wrap(src, int))
flow.add_component('total', component(Total)())
for i in range(N):
    flow.add_component(f'b{i}', _wrap(globals()[f'b{i}'], str))
    flow.connect('src.x', f'b{i}.x')
    flow.connect(f'b{i}.x', 'total.xs')
"""


def first_run_seconds(run: Any) -> float:
    """Seconds of one call of `run`, after collecting the garbage earlier rows left: else a
    full collection of it (0.5 s once the W5 rows ran) falls into whichever run is timed."""
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start
