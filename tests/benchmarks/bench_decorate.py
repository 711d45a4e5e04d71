"""What a user pays to define and build a large flow (issue 12, W5): `@node` on each of N
functions in a module with `from __future__ import annotations`, the `>>` fold, and `build`,
against executing the same module without `@node` (the functions alone), in one process.

Run: `python tests/benchmarks/bench_decorate.py`. Prints ms (median of 5) for a 5,000-node
chain and a 1,000-way fan-out + fan-in. Targets: at most 100 ms and 30 ms.
"""

from __future__ import annotations

from _workloads import chain_source, exec_ms, fan_source


def main() -> None:
    for label, make, n, target in (
        ("5,000-node chain", chain_source, 5000, 100),
        ("1,000-way fan-out + fan-in", fan_source, 1000, 30),
    ):
        plain = exec_ms(make(n, decorate=False), n)
        ours = exec_ms(make(n, decorate=True), n)
        print(
            f"{label:28} @node + >> + build {ours:7.1f} ms   functions alone {plain:6.1f} ms"
            f"   ({ours / plain:.0f}x; target <= {target} ms)"
        )


if __name__ == "__main__":
    main()
