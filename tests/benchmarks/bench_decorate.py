"""What a user pays to define and build a large flow (issue 12, W5): `@node` on each of N
functions in a module with `from __future__ import annotations`, the `>>` fold, and `build`,
against executing the same module without `@node` (the functions alone), in one process.

Run: `python tests/benchmarks/bench_decorate.py`. Prints ms (median of 5) for a 5,000-node
chain and a 1,000-way fan-out + fan-in, in wall-clock and in CPU time (`time.process_time`,
median of 6 after a warm-up: steadier on a shared machine, where other processes inflate the
wall-clock). Targets: at most 100 ms and 30 ms.
"""

from __future__ import annotations

import gc
import statistics
import time
from typing import Any

from _workloads import chain_source, exec_ms, fan_source


def cpu_ms(source: str, n: int, runs: int = 6) -> float:
    """Median CPU ms to execute a module's compiled code, after one untimed warm-up run."""
    code = compile(source, f"<bench {n}>", "exec")
    times = []
    for i in range(runs + 1):
        namespace: dict[str, Any] = {"__name__": "bench_module", "N": n}
        gc.collect()
        start = time.process_time()
        exec(code, namespace)
        if i:
            times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    for label, make, n, target in (
        ("5,000-node chain", chain_source, 5000, 100),
        ("1,000-way fan-out + fan-in", fan_source, 1000, 30),
    ):
        plain = exec_ms(make(n, decorate=False), n)
        ours = exec_ms(make(n, decorate=True), n)
        cpu = cpu_ms(make(n, decorate=True), n)
        print(
            f"{label:28} @node + >> + build {ours:7.1f} ms (CPU {cpu:6.1f} ms)"
            f"   functions alone {plain:6.1f} ms   ({ours / plain:.0f}x; target <= {target} ms)"
        )


if __name__ == "__main__":
    main()
