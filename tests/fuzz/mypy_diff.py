"""Differential fuzzing of ``typedflow.is_assignable`` against mypy.

Writes the generated pairs into one module, one function per pair::

    def _f12(x: <source>) -> <target>:
        return x

runs mypy once on it (default flags, no incremental cache, no config file) and reads which
functions got ``[return-value]`` on their ``return`` line: that is mypy's verdict. A pair whose
target is ``Never`` is written as ``y: Never = x`` in a ``-> None`` function instead (mypy
reports any ``return`` in a ``-> Never`` function), and so is one whose target is ``None``
(``return x`` in a ``-> None`` function is "No return value expected" for a ``Never`` source); those
are read from ``[assignment]``. Pairs where
mypy reports anything else on a function's lines (an invalid type, ...) are excluded.

Run ``python -m tests.fuzz.mypy_diff --seed 1 --count 5000`` from the repository root.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mypy import api as mypy_api

from typedflow import is_assignable

from .hints import ZOO_NAMES, Node, generate_pairs

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Outcome", "Report", "main", "mypy_verdicts", "render_module", "run"]

ROOT = Path(__file__).resolve().parents[2]
MODULE = "_typedflow_fuzz_cases"

_HEADER = f"""\
from collections.abc import (
    Callable,
    Collection,
    Container,
    Iterable,
    Iterator,
    Mapping,
    MutableMapping,
    Sequence,
)
from collections.abc import Set as AbstractSet
from typing import Any, Literal, Never, Optional

from tests.fuzz.hints import {", ".join(ZOO_NAMES)}

"""

_ERROR = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+): error: (?P<msg>.*?)(?:  \[(?P<code>[\w-]+)\])?$"
)
# A TypeError from is_assignable declines a construct when its message names the construct as
# unsupported; Python's own TypeErrors (an operator or call on the wrong type) are crashes.
_DECLINED = re.compile(
    r"\b(unsupported|not supported|does not support|cannot check)\b", re.IGNORECASE
)
_BUILTIN_TYPEERROR = re.compile(
    r"unsupported operand|not supported between|unhashable|is not (callable|subscriptable|iterable)"
    r"|positional argument|keyword argument|must be|object cannot be",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """One pair's verdicts: ``mypy`` None when excluded; ``ours`` None when it raised."""

    source: Node
    target: Node
    mypy: bool | None
    ours: bool | None = None
    error: str = ""
    declined: bool = False
    mypy_messages: tuple[str, ...] = ()

    @property
    def disagrees(self) -> bool:
        """A verdict differs from mypy's, or ``is_assignable`` crashed (not a decline)."""
        if self.mypy is None or self.declined:
            return False
        return self.ours is None or self.ours != self.mypy

    def line(self) -> str:
        mypy = "ok" if self.mypy else "error"
        ours = self.error if self.ours is None else str(self.ours)
        return f"{self.source.text()} -> {self.target.text()}: mypy={mypy} typedflow={ours}"


@dataclasses.dataclass
class Report:
    """All outcomes of one run, with the tallies the CLI prints."""

    outcomes: list[Outcome]
    mypy_seconds: float = 0.0
    ours_seconds: float = 0.0

    @property
    def excluded(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.mypy is None]

    @property
    def compared(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.mypy is not None]

    @property
    def disagreements(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.disagrees]

    @property
    def crashes(self) -> list[Outcome]:
        return [o for o in self.compared if o.ours is None and not o.declined]

    @property
    def declined(self) -> list[Outcome]:
        return [o for o in self.compared if o.declined]

    @property
    def rate(self) -> float:
        """Disagreements (crashes included) per compared pair, as a fraction."""
        compared = len(self.compared)
        return len(self.disagreements) / compared if compared else 0.0

    @property
    def assignable_share(self) -> float:
        compared = self.compared
        return sum(bool(o.mypy) for o in compared) / len(compared) if compared else 0.0


def _assign_form(target: Node) -> bool:
    """Targets written as an assignment: ``-> Never`` rejects any ``return``, and ``-> None``
    rejects returning anything but a ``None``-typed expression (``Never`` included)."""
    return target.kind == "atom" and target.name in ("Never", "None")


def render_module(pairs: Sequence[tuple[Node, Node]]) -> tuple[str, dict[int, tuple[int, str]]]:
    """The generated module's text and ``{line: (pair index, expected error code)}``.

    Each function spans two lines; both map to the pair (an error on the ``def`` line is an
    invalid hint, which excludes the pair), the second with the code that means "not assignable".
    """
    lines = _HEADER.splitlines()
    where: dict[int, tuple[int, str]] = {}
    for i, (source, target) in enumerate(pairs):
        lines.append("")
        if _assign_form(target):
            lines.append(f"def _f{i}(x: {source.text()}) -> None:")
            where[len(lines)] = (i, "")
            lines.append(f"    y: {target.text()} = x")
            where[len(lines)] = (i, "assignment")
        else:
            lines.append(f"def _f{i}(x: {source.text()}) -> {target.text()}:")
            where[len(lines)] = (i, "")
            lines.append("    return x")
            where[len(lines)] = (i, "return-value")
    return "\n".join(lines) + "\n", where


def mypy_verdicts(pairs: Sequence[tuple[Node, Node]]) -> list[tuple[bool | None, tuple[str, ...]]]:
    """mypy's verdict per pair (``None`` = excluded) with the messages it gave on the pair's lines.

    Raises:
        RuntimeError: mypy failed outright (a crash, a syntax error in the generated module, or
            errors outside it), so no verdict can be trusted.
    """
    text, where = render_module(pairs)
    with tempfile.TemporaryDirectory(prefix="typedflow-fuzz-") as tmp:
        path = Path(tmp, f"{MODULE}.py")
        path.write_text(text)
        config = Path(tmp, "mypy.ini")
        config.write_text(f"[mypy]\nmypy_path = {ROOT}\n")
        stdout, stderr, status = mypy_api.run(
            [
                str(path),
                "--config-file",
                str(config),
                "--cache-dir",
                str(Path(tmp, "cache")),
                "--no-incremental",
                "--follow-imports=silent",
                "--show-error-codes",
                "--no-error-summary",
                "--hide-error-context",
                "--no-pretty",
                "--no-color-output",
                "--show-absolute-path",
            ]
        )
        if status not in (0, 1) or stderr.strip():
            raise RuntimeError(f"mypy failed (status {status}):\n{stderr}\n{stdout[:2000]}")
        codes: dict[int, list[tuple[str, str]]] = collections.defaultdict(list)
        for raw in stdout.splitlines():
            if ": note: " in raw:
                continue
            m = _ERROR.match(raw)
            if m is None:
                raise RuntimeError(f"unparsed mypy output line: {raw!r}")
            if Path(m["file"]).resolve() != path.resolve():
                raise RuntimeError(f"mypy error outside the generated module: {raw!r}")
            line = int(m["line"])
            if line not in where:
                raise RuntimeError(f"mypy error outside any pair: {raw!r}")
            codes[where[line][0]].append((m["code"] or "", f"{m['msg']}  [{m['code']}]"))
    out: list[tuple[bool | None, tuple[str, ...]]] = []
    expected = {i: code for i, code in where.values() if code}
    for i in range(len(pairs)):
        found = codes.get(i, [])
        messages = tuple(msg for _, msg in found)
        if not found:
            out.append((True, messages))
        elif all(code == expected[i] for code, _ in found) and len(found) == 1:
            out.append((False, messages))
        else:
            out.append((None, messages))
    return out


def _ours(source: Node, target: Node) -> tuple[bool | None, str, bool]:
    try:
        return is_assignable(source.obj(), target.obj()), "", False
    except TypeError as exc:
        message = str(exc)
        declined = bool(_DECLINED.search(message)) and not _BUILTIN_TYPEERROR.search(message)
        return None, f"TypeError({message})", declined
    except Exception as exc:  # noqa: BLE001  every crash is a finding
        return None, f"{type(exc).__name__}({exc})", False


def run(seed: int, count: int) -> Report:
    """Generate ``count`` pairs from ``seed``, ask mypy and ``is_assignable``, compare."""
    pairs = generate_pairs(seed, count)
    start = time.perf_counter()
    verdicts = mypy_verdicts(pairs)
    mid = time.perf_counter()
    outcomes = []
    for (source, target), (mypy, messages) in zip(pairs, verdicts, strict=True):
        ours, error, declined = _ours(source, target)
        outcomes.append(Outcome(source, target, mypy, ours, error, declined, messages))
    end = time.perf_counter()
    return Report(outcomes, mid - start, end - mid)


def _parts(node: Node) -> tuple[Node, ...]:
    """Members of a union (``Optional[X]`` is ``X | None``), else the node alone."""
    if node.kind == "union":
        return node.args
    if node.kind == "opt":
        return (node.args[0], Node("atom", "None"))
    return (node,)


def _candidates(source: Node, target: Node) -> list[tuple[Node, Node]]:
    """Smaller pairs that may show the same disagreement: union members, component pairs."""
    out: list[tuple[Node, Node]] = []
    s_parts, t_parts = _parts(source), _parts(target)
    if len(s_parts) > 1:
        out.extend((m, target) for m in s_parts)
    if len(t_parts) > 1:
        out.extend((source, m) for m in t_parts)
        if len(t_parts) > 2:
            out.extend(
                (source, Node("union", args=t_parts[:i] + t_parts[i + 1 :]))
                for i in range(len(t_parts))
            )
    s_args, t_args = source.args, target.args
    if source.kind == "call" and target.kind in ("call", "gcall"):
        out.append((s_args[-1], t_args[-1]))
        if target.kind == "call":
            out.extend(zip(t_args[:-1], s_args[:-1], strict=False))
    elif source.kind == "gcall" and target.kind in ("call", "gcall"):
        out.append((s_args[0], t_args[-1]))
    elif source.kind not in ("atom", "lit", "union", "opt") and target.kind not in (
        "atom",
        "lit",
        "union",
        "opt",
    ):
        # Same or related constructors: compare components both ways (variance unknown here).
        for s_arg in s_args:
            for t_arg in t_args:
                out.extend(((s_arg, t_arg), (t_arg, s_arg)))
    return [(s, t) for s, t in out if (s.text(), t.text()) != (source.text(), target.text())]


def shrink(outcomes: Sequence[Outcome], rounds: int = 6) -> dict[Outcome, Outcome]:
    """For each disagreement, a smallest pair reached by :func:`_candidates` that still disagrees.

    Candidates of all disagreements are checked together, one mypy run per round.
    """
    best = {o: o for o in outcomes}
    frontier = list(outcomes)
    seen: dict[tuple[str, str], Outcome] = {}
    for _ in range(rounds):
        wanted: dict[tuple[str, str], tuple[Node, Node]] = {}
        for o in frontier:
            for s, t in _candidates(o.source, o.target):
                key = (s.text(), t.text())
                if key not in seen:
                    wanted[key] = (s, t)
        if not wanted:
            break
        pairs = list(wanted.values())
        for (s, t), (mypy, messages) in zip(pairs, mypy_verdicts(pairs), strict=True):
            ours, error, declined = _ours(s, t)
            seen[(s.text(), t.text())] = Outcome(s, t, mypy, ours, error, declined, messages)
        changed = False
        for original, current in best.items():
            size = len(current.source.text()) + len(current.target.text())
            for s, t in _candidates(current.source, current.target):
                found = seen.get((s.text(), t.text()))
                if found is not None and found.disagrees:
                    found_size = len(s.text()) + len(t.text())
                    if found_size < size:
                        best[original], size, changed = found, found_size, True
        frontier = [o for o in set(best.values()) if o not in outcomes or o in best]
        if not changed:
            break
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fuzz.mypy_diff", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument(
        "--show-excluded", action="store_true", help="list excluded pairs with mypy's messages"
    )
    parser.add_argument(
        "--shrink", action="store_true", help="group disagreements by a smallest sub-pair"
    )
    parser.add_argument("--dump", metavar="FILE", help="also write the generated module to FILE")
    args = parser.parse_args(argv)
    if args.dump:
        Path(args.dump).write_text(render_module(generate_pairs(args.seed, args.count))[0])
    report = run(args.seed, args.count)
    pairs, excluded, compared = len(report.outcomes), len(report.excluded), len(report.compared)
    print(f"seed {args.seed}: pairs {pairs}, excluded {excluded}, compared {compared}")
    print(f"mypy-assignable share: {100 * report.assignable_share:.1f}%")
    print(f"disagreements: {len(report.disagreements)} ({100 * report.rate:.2f}% of compared)")
    crashes, declined = len(report.crashes), len(report.declined)
    print(f"crashes: {crashes} (counted as disagreements); declined: {declined}")
    print(f"time: mypy {report.mypy_seconds:.1f}s, is_assignable {report.ours_seconds:.1f}s")
    for o in report.disagreements:
        print(f"  {o.line()}")
        for msg in o.mypy_messages:
            print(f"      mypy: {msg}")
    if report.declined:
        print("declined:")
        for o in report.declined:
            print(f"  {o.line()}")
    if args.shrink and report.disagreements:
        groups: dict[str, list[Outcome]] = collections.defaultdict(list)
        for original, small in shrink(report.disagreements).items():
            groups[small.line()].append(original)
        print("disagreements shrunk to a smallest still-disagreeing pair, most frequent first:")
        for line, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            print(f"  [{len(members)}] {line}")
    if args.show_excluded:
        print("excluded:")
        for o in report.excluded:
            print(f"  {o.source.text()} -> {o.target.text()}")
            for msg in o.mypy_messages:
                print(f"      mypy: {msg}")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    raise SystemExit(main())
