"""What a user pays to define and build a large flow (issue 12, W5): `@node` on each of N
functions in a module with `from __future__ import annotations`, the `>>` fold, and `build`,
against executing the same module without `@node` (the functions alone), in one process.

Run: `python tests/benchmarks/bench_decorate.py`. Prints ms (median of 5) for a 5,000-node
chain and a 1,000-way fan-out + fan-in. Targets: at most 100 ms and 30 ms.
"""

from __future__ import annotations

import gc
import statistics
import time
from typing import Any

HEADER = "from __future__ import annotations\nfrom typedflow import build, node\n"


def _chain_source(n: int, decorate: bool) -> str:
    at = "@node\n" if decorate else ""
    defs = "".join(f"{at}def f{i}(x: int) -> int:\n    return x + {i}\n\n" for i in range(n))
    fold = "flow = f0 >> f1\nfor i in range(2, N):\n    flow = flow >> globals()[f'f{i}']\n"
    return HEADER + defs + (fold + "pipeline = build(flow)\n" if decorate else "")


def _fan_source(n: int, decorate: bool) -> str:
    at = "@node\n" if decorate else ""
    defs = f"{at}def src(x: int) -> int:\n    return x\n\n"
    defs += "".join(f"{at}def b{i}(x: int) -> str:\n    return str(x)\n\n" for i in range(n))
    defs += f"{at}def total(*xs: str) -> int:\n    return len(xs)\n\n"
    wire = "pipeline = build(src >> [globals()[f'b{i}'] for i in range(N)] >> total)\n"
    return HEADER + defs + (wire if decorate else "")


def _time(source: str, n: int) -> float:
    code = compile(source, f"<bench {n}>", "exec")  # bytecode compiled, as an import would be
    runs = []
    for _ in range(5):
        namespace: dict[str, Any] = {"__name__": "bench_module", "N": n}
        gc.collect()
        start = time.perf_counter()
        exec(code, namespace)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    for label, make, n, target in (
        ("5,000-node chain", _chain_source, 5000, 100),
        ("1,000-way fan-out + fan-in", _fan_source, 1000, 30),
    ):
        plain = _time(make(n, decorate=False), n)
        ours = _time(make(n, decorate=True), n)
        print(
            f"{label:28} @node + >> + build {ours:7.1f} ms   functions alone {plain:6.1f} ms"
            f"   ({ours / plain:.0f}x; target <= {target} ms)"
        )


if __name__ == "__main__":
    main()
