"""Import time of `from typedflow import node, build`, against `import asyncio` (which every
asyncio program pays anyway), each in fresh interpreters with bytecode already compiled.

Run: `python tests/benchmarks/bench_import.py [runs]`. Prints the median cumulative import
time of each (from `python -X importtime`), their ratio, and typedflow's ten costliest
imports of its own (self time, median).
"""

from __future__ import annotations

import statistics
import sys
from collections import defaultdict

from _workloads import import_times


def main(runs: int = 15) -> None:
    import_times("from typedflow import node, build")  # compile bytecode first
    ours: list[int] = []
    base: list[int] = []
    own: defaultdict[str, list[int]] = defaultdict(list)
    for _ in range(runs):
        base.append(import_times("import asyncio")["asyncio"][1])
        times = import_times("from typedflow import node, build")
        ours.append(times["typedflow"][1])
        for name, (self_us, _) in times.items():
            if name:
                own[name].append(self_us)
    ours_ms, base_ms = statistics.median(ours) / 1000, statistics.median(base) / 1000
    print(f"import asyncio (baseline)            {base_ms:7.1f} ms")
    ratio = ours_ms / base_ms
    print(f"from typedflow import node, build    {ours_ms:7.1f} ms  ({ratio:.1f}x asyncio)")
    print("costliest modules (self time, median):")
    medians = sorted(((statistics.median(v), k) for k, v in own.items()), reverse=True)
    for us, name in medians[:10]:
        print(f"  {us / 1000:6.1f} ms  {name}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
