"""How many conformance cases mypy agrees with.

Generates one module holding, for each case, ::

    def _t<i>(y: <target>) -> None: ...
    def _c<i>(x: <source>) -> None:
        _t<i>(x)

(for a source ``type[C]`` of a plain class, ``_t<i>(C)``: the suite passes class objects)

runs mypy over it once (``python -m mypy`` of the running interpreter, so run this with the
3.12 venv to include the PEP 695 cases) and counts a case as "mypy says assignable" when the
call line has no error. Run ``python -m tests.conformance.mypy_score [-v]`` from the
repository root.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cases import CASES
from .render import Renderer

if TYPE_CHECKING:
    from .case import Case

__all__ = ["MypyScore", "generate", "main", "run_mypy"]

ROOT = Path(__file__).resolve().parents[2]
_LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: (?P<msg>.*)$")


@dataclass
class MypyScore:
    agree: list[Case] = field(default_factory=list)
    disagree: list[tuple[Case, str]] = field(default_factory=list)
    unrendered: list[tuple[Case, str]] = field(default_factory=list)  # no source text for it
    invalid: list[tuple[Case, str]] = field(default_factory=list)  # mypy rejected the hints

    @property
    def total(self) -> int:
        return len(self.agree) + len(self.disagree) + len(self.unrendered) + len(self.invalid)


def _class_object(hint: object) -> type | None:
    """``C`` when ``hint`` is ``type[C]`` for a plain class ``C``, else None."""
    if typing.get_origin(hint) is not type:
        return None
    (arg,) = typing.get_args(hint) or (None,)
    return arg if isinstance(arg, type) and typing.get_origin(arg) is None else None


def generate(cases: list[Case]) -> tuple[str, dict[int, tuple[int, int, int]], list[int]]:
    """Source text, {case index: (first line, call line, last line)}, unrendered indexes."""
    render = Renderer()
    body: list[str] = []
    lines: dict[int, tuple[int, int, int]] = {}
    skipped: list[int] = []
    for i, case in enumerate(cases):
        try:
            src, dst = render(case.source), render(case.target)
        except ValueError:
            skipped.append(i)
            continue
        body.append(f"def _t{i}(y: {dst}) -> None: ...")
        start = len(body)
        cls = _class_object(case.source)
        if cls is not None:  # `type[C]` stands for the class object C itself, as in the suite
            body.append(f"def _c{i}() -> None:  # {case.ref}")
            body.append(f"    _t{i}({render(cls)})")
        else:
            body.append(f"def _c{i}(x: {src}) -> None:  # {case.ref}")
            body.append(f"    _t{i}(x)")
        lines[i] = (start, len(body), len(body))
        body.append("")
    header = [f"import {m}" for m in sorted(render.imports)]
    offset = len(header) + 1
    lines = {i: (a + offset, b + offset, c + offset) for i, (a, b, c) in lines.items()}
    return "\n".join([*header, "", *body]) + "\n", lines, skipped


def run_mypy(cases: list[Case] | None = None) -> MypyScore:
    cases = CASES if cases is None else cases
    text, lines, skipped = generate(cases)
    score = MypyScore()
    with tempfile.TemporaryDirectory() as tmp:
        module = Path(tmp, "_mypy_cases.py")
        module.write_text(text)
        config = Path(tmp, "mypy.ini")
        config.write_text("[mypy]\n")
        env = dict(os.environ, MYPYPATH=str(ROOT))
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "mypy",
                "--config-file",
                str(config),
                "--follow-imports=silent",
                "--python-version",
                version,
                "--cache-dir",
                str(Path(tmp, "cache")),
                "--no-error-summary",
                "--hide-error-context",
                "--show-error-codes",
                str(module),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            check=False,
        )
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"mypy failed:\n{proc.stdout}\n{proc.stderr}")
    errors: dict[int, list[str]] = {}
    for raw in proc.stdout.splitlines():
        m = _LINE.match(raw)
        if m and m["path"].endswith("_mypy_cases.py"):
            errors.setdefault(int(m["line"]), []).append(m["msg"])
    by_line = {}
    for i, (_first, call, _last) in lines.items():
        by_line[i] = call
    for i in skipped:
        score.unrendered.append((cases[i], "no source form"))
    for i, call in by_line.items():
        case = cases[i]
        def_errors = errors.get(call - 1, []) + errors.get(call - 2, [])
        if def_errors:
            score.invalid.append((case, "; ".join(def_errors)))
            continue
        says = call not in errors
        if says is case.expected:
            score.agree.append(case)
        else:
            score.disagree.append((case, "; ".join(errors.get(call, ["no error"]))))
    return score


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    score = run_mypy()
    print(
        f"mypy on {score.total} cases: agree {len(score.agree)}, disagree "
        f"{len(score.disagree)}, mypy rejected the hints {len(score.invalid)}, "
        f"not renderable {len(score.unrendered)}"
    )
    if "-v" in argv:
        for title, items in (
            ("disagree", score.disagree),
            ("invalid", score.invalid),
            ("unrendered", score.unrendered),
        ):
            if items:
                print(f"{title}:")
                for case, what in items:
                    print(f"  {case.ref}: expected {case.expected}: {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
