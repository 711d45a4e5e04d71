"""The rx 3.2.0 stubs in stubs/rx: they type-check their intended usage and agree with rx.

* ``rx_snippets/rx_usage.py`` pins what must and must not type-check under
  ``mypy --strict`` with the project's config (which puts ``stubs`` on
  mypy_path).
* Every public module-level name a stub declares must exist on the real module,
  so a stub cannot promise something rx does not have.
* ``mypy.stubtest`` compares the stubs' classes and signatures with the runtime
  (names rx has but the stubs leave out are allowed: the stubs are partial).
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest
from mypy import api as mypy_api

REPO_ROOT = Path(__file__).resolve().parents[2]
STUBS_ROOT = REPO_ROOT / "stubs"
RX_STUBS = STUBS_ROOT / "rx"
SNIPPETS = Path(__file__).resolve().parent / "rx_snippets"


def _stub_modules() -> list[tuple[str, Path]]:
    modules = []
    for path in sorted(RX_STUBS.rglob("*.pyi")):
        parts = path.relative_to(STUBS_ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append((".".join(parts), path))
    return modules


def _is_public(name: str) -> bool:
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def _declared_names(path: Path) -> set[str]:
    """Public names a stub module declares at top level (including re-exports)."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.Import | ast.ImportFrom):
            # Only the explicit re-export form ``import a as a`` /
            # ``from m import a as a`` makes a name public in a stub.
            names.update(a.asname for a in node.names if a.asname and a.asname == a.name)
    return {name for name in names if _is_public(name)}


def test_rx_usage_snippet_type_checks_strictly(monkeypatch: pytest.MonkeyPatch) -> None:
    # mypy_path in pyproject is relative to the working directory.
    monkeypatch.chdir(REPO_ROOT)
    stdout, stderr, status = mypy_api.run(
        [
            "--strict",
            "--config-file",
            "pyproject.toml",
            "--no-error-summary",
            "--show-error-codes",
            str(SNIPPETS / "rx_usage.py"),
        ]
    )
    assert status == 0, f"mypy reported problems:\n{stdout}{stderr}"


@pytest.mark.parametrize(("module_name", "path"), _stub_modules(), ids=lambda v: str(v))
def test_stub_names_exist_at_runtime(module_name: str, path: Path) -> None:
    module = importlib.import_module(module_name)
    declared = _declared_names(path)
    missing = sorted(name for name in declared if not hasattr(module, name))
    assert not missing, (
        f"{path.relative_to(REPO_ROOT)} declares names {module_name} lacks: {missing}"
    )


def test_stubs_cover_the_modules_the_snippet_relies_on() -> None:
    declared = {name for name, _ in _stub_modules()}
    for module_name in (
        "rx",
        "rx.core",
        "rx.core.typing",
        "rx.operators",
        "rx.subject",
        "rx.disposable",
        "rx.scheduler",
        "rx.scheduler.eventloop",
    ):
        assert module_name in declared


def test_stubtest_agrees_with_runtime() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy.stubtest",
            "rx",
            "--ignore-missing-stub",
            "--mypy-config-file",
            "pyproject.toml",
            "--allowlist",
            str(SNIPPETS / "stubtest_allowlist.txt"),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=50,
        check=False,
    )
    assert result.returncode == 0, f"stubtest:\n{result.stdout}{result.stderr}"
