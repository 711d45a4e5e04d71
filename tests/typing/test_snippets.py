"""The typing suite (issue 4): one mypy run over `snippets/`, exact diagnostics, and agreement
with the build-time checker.

Expectations live in the snippets, at the end of the line mypy must flag:
`# E: <message>  [code]` for an error, `# N: <message>` for a note (several may follow each
other on one line). A line holding only `# ^ E: ...` or `# ^ N: ...` adds an expectation to the
nearest code line above it. A snippet line without expectations must be clean. `# P: ...`
states pyright's errors the same way (`test_pyright.py` checks them).

Every module-level `flow_*` value of a snippet (a flow, a node, or a tuple of them, built
together) is also built at runtime (with `deps=DEPS` when the snippet defines `DEPS`); mypy
rejects a flow when it reports an error on the flow's statement or on the definition of one of
its nodes, and the build rejects it when `build` raises `GraphError`. The two verdicts must
agree, except for the flows in `EXCEPTIONS`, each of which must really disagree, with the
recorded build codes (README's typing section lists them too).
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from typedflow import GraphError, build

from ._mypy import run_mypy

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = Path(__file__).resolve().parent / "snippets"
NAMES = sorted(p.stem for p in SNIPPETS.glob("*.py"))

_EXPECTATION = re.compile(r"#\s*([ENP]):\s*(.*?)\s*(?=#\s*[ENP]:|$)")
_CONTINUATION = re.compile(r"^\s*#\s*\^\s*(?=[ENP]:)")
_OUTPUT = re.compile(r"^(?P<path>.+?\.py):(?P<line>\d+): (?P<severity>error|note): (?P<msg>.*)$")

# `snippet.flow`: (the build's problem codes, why mypy cannot agree).
EXCEPTIONS: dict[str, tuple[str, str]] = {
    "reuse_cycle.flow_cycle": (
        "TF002 TF006",
        "a cycle needs the identity of node objects; types only see that each edge fits",
    ),
    "reuse_cycle.flow_self_loop": (
        "TF002 TF006",
        "a cycle needs the identity of node objects; types only see that each edge fits",
    ),
    "duplicate_names.flow_duplicate": (
        "TF005",
        "node names are runtime strings, not types",
    ),
    "generic_fanin.flow_mixed_types": (
        "TF001",
        "mypy solves `T` in `(T, T) -> T` from `int` and `str` as their join `object`; the"
        " checker takes the first position's `int`",
    ),
    "nested_fan.flow_shared_entry": (
        "TF003",
        "one node object entering two branches is one vertex fed twice; types see two branches",
    ),
    "reuse_fragments.flow_two_sinks": (
        "TF007",
        "`build(*flows)` merges fragments by node identity; it is typed `TypedPipeline[Any, Any]`",
    ),
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One line of mypy's output, or one expectation."""

    snippet: str
    line: int
    severity: str
    message: str

    def __str__(self) -> str:
        return f"{self.snippet}.py:{self.line}: {self.severity}: {self.message}"


@dataclass(frozen=True, slots=True)
class MypyRun:
    """The one mypy run: its diagnostics per snippet, anything else it printed, and its time."""

    by_snippet: dict[str, set[Diagnostic]]
    other: list[str]


def expectations(name: str, checker: str = "mypy") -> set[Diagnostic]:
    """The diagnostics a snippet's comments expect from `checker` ("mypy" or "pyright")."""
    kinds = {"E": "error", "N": "note"} if checker == "mypy" else {"P": "error"}
    found: set[Diagnostic] = set()
    target = 0
    for number, text in enumerate((SNIPPETS / f"{name}.py").read_text().splitlines(), 1):
        continuation = _CONTINUATION.match(text)
        if continuation is None:
            target = number
        comment = "#" + text[continuation.end() :] if continuation else _comment(text)
        for kind, message in _EXPECTATION.findall(comment or ""):
            if kind in kinds:
                found.add(Diagnostic(name, target, kinds[kind], message))
    return found


def _comment(line: str) -> str | None:
    """The trailing comment of a code line, found from the first expectation marker."""
    match = re.search(r"#\s*[ENP]:", line)
    return line[match.start() :] if match else None


@pytest.fixture(scope="module")
def mypy_run() -> MypyRun:
    """Run mypy once over every snippet (`--strict`, the project's config, a warm cache)."""
    stdout, stderr = run_mypy(str(SNIPPETS.relative_to(ROOT)))
    by_snippet: dict[str, set[Diagnostic]] = {name: set() for name in NAMES}
    other = [line for line in stderr.splitlines() if line]
    for line in stdout.splitlines():
        match = _OUTPUT.match(line)
        path = Path(match["path"]) if match else None
        if match is None or path is None or path.parent.name != "snippets":
            other.append(line)
            continue
        message = match["msg"].strip()  # notes indent nested lines
        diagnostic = Diagnostic(path.stem, int(match["line"]), match["severity"], message)
        by_snippet.setdefault(path.stem, set()).add(diagnostic)
    return MypyRun(by_snippet, other)


def test_suite_covers_enough_snippets(mypy_run: MypyRun) -> None:
    clean = [name for name in NAMES if not expectations(name)]
    failing = [name for name in NAMES if expectations(name)]
    assert len(NAMES) >= 40
    assert len(clean) >= 10
    assert len(failing) >= 20
    assert mypy_run.other == []


@pytest.mark.parametrize("name", NAMES)
def test_mypy_output_is_exactly_the_expected(mypy_run: MypyRun, name: str) -> None:
    actual = mypy_run.by_snippet[name]
    expected = expectations(name)
    missing = sorted(expected - actual, key=_order)
    unexpected = sorted(actual - expected, key=_order)
    report = [f"missing:    {d}" for d in missing] + [f"unexpected: {d}" for d in unexpected]
    assert not report, "\n" + "\n".join(report)


def _order(d: Diagnostic) -> tuple[int, str, str]:
    return (d.line, d.severity, d.message)


def _load(name: str) -> ModuleType:
    module_name = f"_typedflow_typing_snippet_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, SNIPPETS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # TypedDicts and postponed annotations resolve through it
    spec.loader.exec_module(module)
    return module


def _flow_lines(name: str) -> dict[str, set[int]]:
    """For each module-level `flow_*` assignment, the lines of its statement."""
    tree = ast.parse((SNIPPETS / f"{name}.py").read_text())
    lines: dict[str, set[int]] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name) and target.id.startswith("flow_"):
                    end = statement.end_lineno or statement.lineno
                    lines[target.id] = set(range(statement.lineno, end + 1))
    return lines


def _definition_lines(name: str) -> dict[int, set[int]]:
    """For each function, keyed by its code's first line, the lines of decorators and header."""
    tree = ast.parse((SNIPPETS / f"{name}.py").read_text())
    found: dict[int, set[int]] = {}
    for item in ast.walk(tree):
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([d.lineno for d in item.decorator_list] + [item.lineno])
            found[start] = set(range(start, item.body[0].lineno))
    return found


@dataclass(frozen=True, slots=True)
class Verdicts:
    """What mypy and the build say about one flow."""

    mypy_lines: frozenset[int]
    build_codes: tuple[str, ...]
    build_lines: frozenset[int]


def verdicts(name: str, mypy_run: MypyRun) -> Iterator[tuple[str, Verdicts]]:
    """Each `flow_*` of a snippet with mypy's error lines on it and the build's problems."""
    module = _load(name)
    errors = {d.line for d in mypy_run.by_snippet[name] if d.severity == "error"}
    definitions = _definition_lines(name)
    path = SNIPPETS / f"{name}.py"
    for flow_name, statement in _flow_lines(name).items():
        value = getattr(module, flow_name)
        flows = value if isinstance(value, tuple) else (value,)
        lines = set(statement)
        for flow in flows:
            for n in flow._as_flow().nodes():
                code = getattr(n.func, "__code__", None)
                if code is not None and code.co_filename == str(SNIPPETS / f"{name}.py"):
                    lines |= definitions.get(code.co_firstlineno, set())
        try:
            if hasattr(module, "DEPS"):  # a snippet's per-run deps type (`build(deps=...)`)
                build(*flows, deps=module.DEPS)
            else:
                build(*flows)
        except GraphError as exc:
            codes = tuple(sorted({p.code for p in exc.problems}))
            where = frozenset(
                p.location.line
                for p in exc.problems
                if p.location and Path(p.location.path).resolve() == path
            )
        else:
            codes, where = (), frozenset()
        yield flow_name, Verdicts(frozenset(errors & lines), codes, where)


def _anchors(name: str, lines: frozenset[int]) -> set[int]:
    """Lines with each line of a definition's decorators and header read as its first line."""
    spans = _definition_lines(name)
    return {next((start for start, span in spans.items() if n in span), n) for n in lines}


@pytest.mark.parametrize("name", NAMES)
def test_build_agrees_with_mypy(mypy_run: MypyRun, name: str) -> None:
    disagreements: dict[str, str] = {}
    for flow_name, v in verdicts(name, mypy_run):
        key = f"{name}.{flow_name}"
        if bool(v.mypy_lines) == bool(v.build_codes):
            assert key not in EXCEPTIONS, f"{key} agrees now: remove it from EXCEPTIONS"
            # Both reject: on the same lines (a definition's decorators and header are one).
            assert _anchors(name, v.mypy_lines) == _anchors(name, v.build_lines), (
                f"{key}: mypy flags lines {sorted(v.mypy_lines)}, the build "
                f"{sorted(v.build_lines)} ({', '.join(v.build_codes)})"
            )
        else:
            disagreements[key] = " ".join(v.build_codes)
    expected = {k: codes for k, (codes, _) in EXCEPTIONS.items() if k.startswith(f"{name}.")}
    assert disagreements == expected


def test_every_snippet_defines_flows() -> None:
    assert [name for name in NAMES if not _flow_lines(name) and not _only_types(name)] == []


def _only_types(name: str) -> bool:
    """Snippets about calls and decorator options define no flows (their checks are typed)."""
    return name in {
        "batch_bad",
        "call_async",
        "call_sync",
        "options_bad",
        "plugin_proof",
        "run_record",
        "stream_collect_bad",
    }


def test_readme_lists_the_exceptions() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Type checking (mypy and pyright)", 1)[1].split("\n## ", 1)[0]
    for key, (codes, _) in EXCEPTIONS.items():
        assert f"`{key}`" in section
        assert all(code in section for code in codes.split())
