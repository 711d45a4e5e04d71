"""List the cases whose verdict is *derived* rather than read off their line of the suite.

A case normally mirrors its ``ref`` line: a line marked ``# E`` gives ``expected=False``, any
other line ``expected=True``. Some cases are derived from a line instead: the converse of an
``assert_type`` equivalence, a negative counterpart of an accepted assignment, the declared
variance of a class defined on that line. This script, given a checkout of python/typing (a
bare git repository works), prints those cases so they can be reviewed, and fails if a ref
points past the end of its file or at a line marked ``# E?`` (optional errors are skipped).

    python -m tests.conformance.check_refs /work/.mirror/python+typing/repo
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from .cases import CASES

_MARK = re.compile(r"#\s*E(\?|\[|:|\b)")


def _lines(repo: Path, name: str, cache: dict[str, list[str]]) -> list[str]:
    if name not in cache:
        work_tree = repo / "conformance" / "tests" / name
        if work_tree.exists():
            cache[name] = work_tree.read_text().splitlines()
        else:
            cache[name] = subprocess.run(
                ["git", "-C", str(repo), "show", f"HEAD:conformance/tests/{name}"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.splitlines()
    return cache[name]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    repo = Path(argv[0] if argv else "/work/.mirror/python+typing/repo")
    cache: dict[str, list[str]] = {}
    errors = derived = 0
    for case in CASES:
        name, _, number = case.ref.partition(":")
        lines = _lines(repo, name, cache)
        line = int(number)
        if not 0 < line <= len(lines):
            print(f"ERROR {case.ref}: no such line")
            errors += 1
            continue
        text = lines[line - 1].strip()
        mark = _MARK.search(text)
        if mark and mark.group(1) == "?":
            print(f"ERROR {case.ref}: an optional (# E?) line")
            errors += 1
        elif bool(mark) is case.expected:
            derived += 1
            print(f"derived {case.ref}: expected {case.expected}; line: {text[:80]}")
    print(f"{len(CASES)} cases, {derived} derived, {errors} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
