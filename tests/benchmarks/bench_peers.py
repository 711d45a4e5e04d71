"""typedflow side by side with hand-written code, LangChain LCEL and Haystack (issue 12).

Run: `pip install -e '.[bench]' && python tests/benchmarks/bench_peers.py [--quick]`

Prints one table: a row per workload, columns plain (hand-written Python/asyncio doing the same
work), LCEL, Haystack and typedflow, each with its ratio to plain, all measured in this process
(medians of rounds in which the columns alternate). A peer that is not installed shows "not
installed". Each peer's equivalent is written with its own idioms (see `_peers.py`). Slow
peers get fewer calls per round and fewer rounds (printed under the table); the whole run
takes under three minutes on a 2-core machine.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import _peers
from _workloads import (
    HEADER,
    LOOP,
    STAGES,
    chain_source,
    exec_ms,
    exec_times,
    fan_source,
    gather_baseline,
    import_times,
    medians,
    once_async,
    once_sync,
    per_call_async,
    per_call_sync,
)

from typedflow import build, node

if TYPE_CHECKING:
    from collections.abc import Callable

QUICK = "--quick" in sys.argv
ROUNDS = 3 if QUICK else 5
PEERS = {"LCEL": "langchain_core", "Haystack": "haystack"}
HAVE = {name: _peers.installed(module) for name, module in PEERS.items()}
COLUMNS = ("plain", "LCEL", "Haystack", "typedflow")
NOTES: list[str] = []
SPREAD: dict[str, str] = {}  # per row: the spread of typedflow's ratio (or time) over rounds


async def a_inc(x: int) -> int:
    return x + 1


def s_inc(x: int) -> int:
    return x + 1


async def a_join(*xs: int) -> int:
    return sum(xs)


async def sleep_5ms(x: int) -> int:
    await asyncio.sleep(0.005)
    return x + 1


def block_2ms(x: int) -> int:
    time.sleep(0.002)
    return x + 1


def plain_5(x: int) -> int:
    for _ in range(5):
        x = s_inc(x)
    return x


def plain_blocking(x: int) -> int:
    for _ in range(STAGES):
        x = block_2ms(x)
    return x


# typedflow's nodes: the same functions, decorated.
A = [node(a_inc, name=f"a{i}") for i in range(5)]
S = [node(s_inc, name=f"s{i}") for i in range(5)]
SLEEPS = [node(sleep_5ms, name=f"sleep{i}") for i in range(STAGES)]
BLOCKS = [node(block_2ms, name=f"block{i}") for i in range(STAGES)]


def chain_of(nodes: list[Any]) -> Any:
    flow = nodes[0] >> nodes[1]
    for n in nodes[2:]:
        flow = flow >> n
    return build(flow)


# --- measuring -----------------------------------------------------------------------------------


def row(
    label: str,
    unit: str,
    columns: dict[str, Callable[[], float] | None],
    rounds: int = ROUNDS,
    peer_rounds: int | None = None,
) -> list[str]:
    """One table row: each column's median (peers measured alternately with the rest, in
    `peer_rounds` of the rounds when they are slow), and its ratio to plain."""
    live = {k: v for k, v in columns.items() if v is not None}
    for measure in live.values():
        measure()  # warm up: pools, caches, first-call costs
    slow = {k: v for k, v in live.items() if k in PEERS and peer_rounds is not None}
    fast = {k: v for k, v in live.items() if k not in slow}
    found = medians(fast, rounds)
    if slow:
        found |= medians(slow, peer_rounds or 1)
        NOTES.append(f"{label}: {', '.join(slow)} measured in {peer_rounds} round(s)")
    if "plain" in found and "typedflow" in found:
        SPREAD[label] = ratio_spread(found["typedflow"], found["plain"])
    return cells(label, unit, {k: statistics.median(v) for k, v in found.items()})


def ratio_spread(ours: list[float], plain: list[float]) -> str:
    """The lowest and highest of typedflow's per-round ratios to plain (measured alternately
    in each round)."""
    ratios = [o / p for o, p in zip(ours, plain, strict=True)]
    return f"{_ratio(min(ratios))} to {_ratio(max(ratios))}"


def cells(label: str, unit: str, values: dict[str, float]) -> list[str]:
    scale = {"µs": 1e6, "ms": 1e3, "s": 1.0}[unit]
    plain = values.get("plain")
    out = [label]
    for column in COLUMNS:
        if column in PEERS and not HAVE[column]:
            out.append("not installed")
        elif column not in values:
            out.append("")
        else:
            text = f"{values[column] * scale:,.1f} {unit}"
            if plain and column != "plain":
                text += f" ({_ratio(values[column] / plain)})"
            out.append(text)
    return out


def _ratio(ratio: float) -> str:
    return f"{ratio:.2f}x" if ratio < 10 else f"{ratio:,.0f}x"


def peer(name: str, make: Callable[[], Callable[[], float]]) -> Callable[[], float] | None:
    return make() if HAVE[name] else None


# --- workloads -----------------------------------------------------------------------------------


def w1_async() -> list[str]:
    ours = chain_of(A)
    lcel = peer("LCEL", lambda: per_call_async(_peers.lcel_chain([a_inc] * 5).ainvoke, 100))
    hay = peer("Haystack", lambda: haystack_per_call([a_inc] * 5, True, 100))

    async def plain(x: int) -> int:
        for _ in range(5):
            x = await a_inc(x)
        return x

    columns = {"plain": per_call_async(plain, 20_000), "LCEL": lcel, "Haystack": hay}
    columns["typedflow"] = per_call_async(ours.run, 5_000)
    return row("W1 5-node chain, async funcs, per call", "µs", columns)


def haystack_per_call(
    funcs: list[Any], is_async: bool, n: int, via_async: bool | None = None
) -> Callable[[], float]:
    """Per call of a Haystack chain of `funcs` (async components when `is_async`), run with
    `run_async` when `via_async` (default: when `is_async`), else with `run`."""
    pipe, first = _peers.haystack_chain(funcs, is_async)
    if is_async if via_async is None else via_async:
        return per_call_async(lambda x: pipe.run_async({first: {"x": x}}), n)
    return per_call_sync(lambda x: pipe.run({first: {"x": x}}), n)


def w1_sync() -> list[str]:
    ours = chain_of(S)
    lcel = peer("LCEL", lambda: per_call_sync(_peers.lcel_chain([s_inc] * 5).invoke, 150))
    hay = peer("Haystack", lambda: haystack_per_call([s_inc] * 5, False, 150))
    columns = {"plain": per_call_sync(plain_5, 50_000), "LCEL": lcel, "Haystack": hay}
    columns["typedflow"] = per_call_sync(ours.run_sync, 10_000)
    label = "W1 same, sync funcs, sync API (`invoke`, `run`, `run_sync`)"
    return row(label, "µs", columns)


def w1_sync_via_async() -> list[str]:
    ours = chain_of(S)
    pool = ThreadPoolExecutor(6)

    def hop(x: int) -> Any:  # plain: one bare run_in_executor hop doing the 5 calls
        return asyncio.get_running_loop().run_in_executor(pool, plain_5, x)

    lcel = peer("LCEL", lambda: per_call_async(_peers.lcel_chain([s_inc] * 5).ainvoke, 100))
    hay = peer("Haystack", lambda: haystack_per_call([s_inc] * 5, False, 100, via_async=True))
    columns = {"plain": per_call_async(hop, 2_000), "LCEL": lcel, "Haystack": hay}
    columns["typedflow"] = per_call_async(ours.run, 2_000)
    label = "W1 sync funcs through the async API (plain: 1 `run_in_executor` hop)"
    out = row(label, "µs", columns)
    pool.shutdown()
    return out


def w2_diamond() -> list[str]:
    source, branches = node(a_inc, name="src"), [node(a_inc, name=f"b{i}") for i in range(3)]
    ours = build(source >> (branches[0], branches[1], branches[2]) >> node(a_join, name="join"))

    async def plain(x: int) -> int:
        s = await a_inc(x)
        return await a_join(*await asyncio.gather(a_inc(s), a_inc(s), a_inc(s)))

    diamond = (a_inc, [a_inc] * 3, a_join)
    lcel = peer("LCEL", lambda: per_call_async(_peers.lcel_diamond(*diamond).ainvoke, 100))
    hay_pipe = _peers.haystack_diamond(*diamond) if HAVE["Haystack"] else None
    hay = peer(
        "Haystack",
        lambda: per_call_async(lambda x: hay_pipe.run_async({"src": {"x": x}}), 100),
    )
    columns = {"plain": per_call_async(plain, 10_000), "LCEL": lcel, "Haystack": hay}
    columns["typedflow"] = per_call_async(ours.run, 3_000)
    return row("W2 diamond: source, 3 async branches, join", "µs", columns)


def w3_async_items() -> list[str]:
    n, conc = (1_000 if QUICK else 2_000), 200
    items = list(range(n))
    ours = chain_of(SLEEPS)
    lcel_chain = _peers.lcel_chain([sleep_5ms] * STAGES) if HAVE["LCEL"] else None
    hay_pipe = _peers.haystack_chain([sleep_5ms] * STAGES, True)[0] if HAVE["Haystack"] else None
    columns = {
        "plain": once_async(lambda: gather_baseline(sleep_5ms, n, conc)),
        "LCEL": peer(
            "LCEL", lambda: once_async(lambda: _peers.lcel_abatch(lcel_chain, items, conc))
        ),
        "Haystack": peer(
            "Haystack", lambda: once_async(lambda: _peers.haystack_amap(hay_pipe, items, conc))
        ),
        "typedflow": once_async(lambda: ours.map(items, concurrency=conc)),
    }
    label = f"W3 {n:,} items x 3 x 5 ms async, concurrency {conc}"
    return row(label, "s", columns, peer_rounds=1 if QUICK else 2)


def w4_blocking(sync_api: bool) -> list[str]:
    n, conc = (200 if QUICK else 500), 32
    items = list(range(n))
    ours = chain_of(BLOCKS)
    lcel_chain = _peers.lcel_chain([block_2ms] * STAGES) if HAVE["LCEL"] else None
    hay_pipe = _peers.haystack_chain([block_2ms] * STAGES, False)[0] if HAVE["Haystack"] else None
    pool = ThreadPoolExecutor(conc)
    columns: dict[str, Callable[[], float] | None] = {
        "plain": once_sync(lambda: list(pool.map(plain_blocking, items)))
    }
    if sync_api:
        columns["LCEL"] = peer(
            "LCEL", lambda: once_sync(lambda: _peers.lcel_batch(lcel_chain, items, conc))
        )
        columns["Haystack"] = peer(
            "Haystack", lambda: once_sync(lambda: _peers.haystack_map_sync(hay_pipe, items, conc))
        )
        columns["typedflow"] = once_sync(lambda: ours.map_sync(items, concurrency=conc))
        label = f"W4 {n} items x 3 x 2 ms blocking, conc {conc}, from sync code (`map_sync`)"
    else:
        columns["LCEL"] = peer(
            "LCEL", lambda: once_async(lambda: _peers.lcel_abatch(lcel_chain, items, conc))
        )
        columns["Haystack"] = peer(
            "Haystack", lambda: once_async(lambda: _peers.haystack_amap(hay_pipe, items, conc))
        )
        columns["typedflow"] = once_async(lambda: ours.map(items, concurrency=conc))
        label = f"W4 {n} items x 3 x 2 ms blocking, conc {conc}, async API (`map`)"
    out = row(label, "s", columns, peer_rounds=1 if QUICK else 2)
    pool.shutdown()
    ours.close()
    return out


def w5(
    label: str,
    make: Callable[[int, bool], str],
    n: int,
    lcel: tuple[str, int],
    hay: tuple[str, int],
) -> list[str]:
    """Defining and building in a `from __future__ import annotations` module: plain is the
    module without any framework (the functions alone). A peer too slow for `n` nodes is
    measured at its own size (shown in the cell)."""
    runs = 1  # seconds per peer run here
    ours = exec_times(make(n, True), n, runs=5)
    values = {
        "plain": exec_ms(make(n, False), n, runs=5) / 1e3,
        "typedflow": statistics.median(ours) / 1e3,
    }
    SPREAD[label] = f"{min(ours):,.1f} to {max(ours):,.1f} ms"
    sizes: dict[str, int] = {}
    for name, (body, size) in (("LCEL", lcel), ("Haystack", hay)):
        if HAVE[name]:
            values[name] = exec_ms(make(size, False) + body, size, runs=runs) / 1e3
            if size != n:
                sizes[name] = size
                NOTES.append(
                    f"{label}: {name} at {size:,} nodes (quadratic; the ratio is against"
                    f" plain at {n:,})"
                )
    NOTES.append(f"{label}: peers measured in {runs} run(s), typedflow and plain in 5")
    out = cells(label, "ms", values)
    for name, size in sizes.items():
        out[COLUMNS.index(name) + 1] += f" at {size:,} nodes"
    return out


def first_run() -> list[str]:
    """The first `run` after building a 5,000-node chain of sync functions (build untimed)."""
    n = 5_000
    funcs = [s_inc] * n
    values: dict[str, float] = {}
    direct = min(_peers.first_run_seconds(lambda: plain_n(n)) for _ in range(3))
    code = compile(chain_source(n, True), "<first run>", "exec")
    firsts = []
    for _ in range(3):  # three pipelines built alike, the first run of each
        namespace: dict[str, Any] = {"N": n}
        exec(code, namespace)
        ours = namespace["pipeline"]
        firsts.append(_peers.first_run_seconds(lambda p=ours: LOOP.run_until_complete(p.run(0))))
    values["typedflow"] = statistics.median(firsts)
    label = "first run of a 5,000-node sync chain (after build)"
    SPREAD[label] = f"{min(firsts) * 1e3:,.1f} to {max(firsts) * 1e3:,.1f} ms"
    if HAVE["LCEL"]:
        from langchain_core.runnables import RunnableLambda, RunnableSequence

        steps = [RunnableLambda(f) for f in funcs]  # one sequence: a `|` fold is quadratic
        sequence = RunnableSequence(*steps)
        values["LCEL"] = _peers.first_run_seconds(lambda: sequence.invoke(0))
        NOTES.append("first run: LCEL's chain made as one `RunnableSequence(*steps)`")
    small = 500  # Haystack's run is quadratic or worse in the chain's length: 500 nodes
    if HAVE["Haystack"]:
        pipe, first = _peers.haystack_chain(funcs[:small], False)
        values["Haystack"] = _peers.first_run_seconds(lambda: pipe.run({first: {"x": 0}}))
        NOTES.append(
            f"first run: Haystack at {small} nodes (its run time grows about quadratically with"
            " the chain's length)"
        )
    NOTES.append(
        "first run: one run of each peer (it is the first), the median of three builds for"
        f" typedflow; 5,000 direct calls take {direct * 1e3:.1f} ms"
    )
    out = cells(label, "ms", values)
    if HAVE["Haystack"]:
        out[COLUMNS.index("Haystack") + 1] += f" at {small} nodes"
    return out


def plain_n(n: int) -> int:
    x = 0
    for _ in range(n):
        x = s_inc(x)
    return x


def import_row() -> list[str]:
    statements = {
        "plain": "import asyncio",
        "LCEL": "from langchain_core.runnables import RunnableLambda, RunnableParallel",
        "Haystack": "from haystack import Pipeline, component",
        "typedflow": "from typedflow import node, build",
    }
    live = {k: s for k, s in statements.items() if k not in PEERS or HAVE[k]}
    for statement in live.values():
        import_times(statement)  # bytecode compiled and written first
    runs = medians(
        {k: (lambda s=s: import_times(s)[""][1] / 1e6) for k, s in live.items()},
        3 if QUICK else 5,
    )
    values = {k: statistics.median(v) for k, v in runs.items()}
    label = "import (`python -X importtime`, cumulative)"
    SPREAD[label] = ratio_spread(runs["typedflow"], runs["plain"])
    return cells(label, "ms", values)


def main() -> None:
    started = time.perf_counter()
    builders: list[Callable[[], list[str]]] = [
        w1_async,
        w1_sync,
        w1_sync_via_async,
        w2_diamond,
        w3_async_items,
        lambda: w4_blocking(sync_api=False),
        lambda: w4_blocking(sync_api=True),
        lambda: w5(
            "W5 5,000-node chain: define + `>>`/`|` fold + build",
            chain_source,
            5_000,
            (_peers.LCEL_W5_CHAIN, 1_000),  # LCEL's `|` fold is quadratic: 1,000 nodes
            (_peers.HAYSTACK_W5_CHAIN, 5_000),
        ),
        lambda: w5(
            "W5 1,000-way fan-out + fan-in, same",
            fan_source,
            1_000,
            (_peers.LCEL_W5_FAN, 1_000),
            (_peers.HAYSTACK_W5_FAN, 1_000),
        ),
        first_run,
        import_row,
    ]
    rows = []
    for build_row in builders:
        row_started = time.perf_counter()
        rows.append(build_row())
        print(f"{rows[-1][0]}: {time.perf_counter() - row_started:.0f} s", file=sys.stderr)
    print_table(rows, time.perf_counter() - started)


def print_table(rows: list[list[str]], elapsed: float) -> None:
    versions = [f"Python {sys.version.split()[0]}"]
    for name, module in PEERS.items():
        if HAVE[name]:
            from importlib.metadata import version

            dist = {"langchain_core": "langchain-core", "haystack": "haystack-ai"}[module]
            versions.append(f"{name} {dist} {version(dist)}")
    print(
        f"bench_peers ({'quick' if QUICK else 'full'}; {', '.join(versions)}; "
        f"medians of {ROUNDS} alternating rounds; xplain in brackets)"
    )
    head = ["workload", *COLUMNS, "typedflow's spread over rounds"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join([*r, SPREAD.get(r[0], "")]) + " |")
    for note in NOTES:
        print(f"- {note}")
    print(f"- whole run {elapsed:.0f} s; {HEADER.splitlines()[0]!r} in the W5 modules")


if __name__ == "__main__":
    main()
