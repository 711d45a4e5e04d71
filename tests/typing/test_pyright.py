"""The typing suite under pyright (issue 9): one pyright run over `snippets/` and `examples/`,
exact diagnostics, and the same verdict as mypy on every snippet line.

A snippet states pyright's errors with `# P: <message>  [rule]` (pyright's first message line
and its rule; `# ^ P: ...` on a line of its own adds one to the code line above), next to
mypy's `# E:`. A line flagged by one checker must be flagged by the other, except the lines
in `DISAGREEMENTS` (README's typing section lists them too). Examples must be clean.

pyright is pinned in the `dev` extra and configured by `pyrightconfig.json` here: standard
mode, plus `strictListInference` (else `[a, b]` is a `list[Unknown]` and any list fan-out
passes) and `reportMissingParameterType` (mypy --strict's `no-untyped-def`).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.typing.test_snippets import NAMES, ROOT, SNIPPETS, Diagnostic, expectations

CONFIG = Path(__file__).resolve().parent / "pyrightconfig.json"
EXAMPLES = ROOT / "examples"

# `snippet:line`: why pyright and mypy disagree there.
DISAGREEMENTS: dict[str, str] = {
    "arity_defaults:42": (
        "a tuple fan-in into a `*args` node: pyright 1.1.414 does not match `(*ns: int)` to"
        " `_Takes[int, int, C]` (the variadic protocol that types `__rrshift__`'s `self`);"
        " `src >> (a, b) >> total` passes"
    ),
    "arity_fanin:38": (
        "pyright 1.1.414 caches protocol matches by signature without parameter defaults:"
        " `pair_or_triple(a, b, c=0)` of arity_defaults, checked first, matched a 2-argument"
        " fan-in, so `triple(a, b, c)` with the same types is taken to match too (alone, the"
        " snippet is rejected)"
    ),
    "plugin_proof:38": (
        "pyright reports that `sync_first`'s coroutine overload can never be chosen (the sync"
        " one, first, takes every function): the overlap the snippet demonstrates; mypy is silent"
    ),
}

pytestmark = pytest.mark.timeout(600)  # one pyright run (~15 s of CPU; slower on a busy host)


@dataclass(frozen=True, slots=True)
class PyrightRun:
    """The one pyright run: its errors per snippet and per example file, and its version."""

    by_snippet: dict[str, set[Diagnostic]]
    examples: list[str]
    version: str


@pytest.fixture(scope="module")
def pyright_run() -> PyrightRun:
    """Run pyright once over the snippets and the examples (`pyrightconfig.json`)."""
    return run_pyright()


def run_pyright(*files: Path) -> PyrightRun:
    """Run pyright with `pyrightconfig.json` over `files` (default: its `include`)."""
    if importlib.util.find_spec("pyright") is None:  # the PyPI wrapper of pyright's node bundle
        pytest.skip("pyright is not installed (pip install -e '.[dev]')")
    args = [sys.executable, "-m", "pyright", "--outputjson", "-p", str(CONFIG)]
    args += ["--pythonpath", sys.executable, *map(str, files)]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        pytest.skip(f"pyright did not start: {(done.stderr or done.stdout).strip()[:500]}")
    by_snippet: dict[str, set[Diagnostic]] = {name: set() for name in NAMES}
    examples: list[str] = []
    for item in report["generalDiagnostics"]:
        if item["severity"] not in {"error", "warning"}:
            continue  # reveal_type's "information"
        path = Path(item["file"])
        line = item["range"]["start"]["line"] + 1
        message = f"{item['message'].splitlines()[0]}  [{item.get('rule', '')}]"
        if path.parent == SNIPPETS:
            by_snippet.setdefault(path.stem, set()).add(
                Diagnostic(path.stem, line, "error", message)
            )
        else:
            examples.append(f"{path.relative_to(ROOT)}:{line}: {message}")
    return PyrightRun(by_snippet, examples, report["version"])


@pytest.mark.parametrize("name", NAMES)
def test_pyright_output_is_exactly_the_expected(pyright_run: PyrightRun, name: str) -> None:
    actual = pyright_run.by_snippet[name]
    expected = expectations(name, "pyright")
    missing = sorted(expected - actual, key=_order)
    unexpected = sorted(actual - expected, key=_order)
    report = [f"missing:    {d}" for d in missing] + [f"unexpected: {d}" for d in unexpected]
    assert not report, "\n" + "\n".join(report)


def _order(d: Diagnostic) -> tuple[int, str]:
    return (d.line, d.message)


@pytest.mark.parametrize("name", NAMES)
def test_pyright_agrees_with_mypy(name: str) -> None:
    mypy_lines = {d.line for d in expectations(name) if d.severity == "error"}
    pyright_lines = {d.line for d in expectations(name, "pyright")}
    disagreements = {f"{name}:{line}" for line in mypy_lines ^ pyright_lines}
    expected = {key for key in DISAGREEMENTS if key.startswith(f"{name}:")}
    assert disagreements == expected


def test_a_rejected_edge_leaves_later_verdicts_alone() -> None:
    """Issue 9: pyright's verdict on a fan-in depended on the fan-ins it had checked before.

    The whole-suite run has matched every node class against the protocols long before
    `pyright_order.py`, so it is checked alone too, as an editor checks one open file.
    """
    alone = run_pyright(SNIPPETS / "pyright_order.py")
    assert alone.by_snippet["pyright_order"] == expectations("pyright_order", "pyright")


def test_examples_are_clean_under_pyright(pyright_run: PyrightRun) -> None:
    assert pyright_run.examples == []


def test_pyright_is_pinned(pyright_run: PyrightRun) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = [p for p in project["optional-dependencies"]["dev"] if p.startswith("pyright")]
    assert pins == [f"pyright=={pyright_run.version}"]


def test_readme_lists_the_disagreements() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Type checking (mypy and pyright)", 1)[1].split("\n## ", 1)[0]
    for key in DISAGREEMENTS:
        assert f"`{key}" in section, key
