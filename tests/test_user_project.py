"""A user's project type-checks against the installed typedflow (issue 14): mypy (with the
plugin) and pyright find the package, its `py.typed` and its types, through the same install
the tests run on (an editable one in development and CI, which setuptools' import-hook finder
used to hide from both checkers). The project has one wrong edge, which both must report, so a
checker that silently saw nothing cannot pass."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

APP = """\
from typedflow import build, node


@node
def clean(text: str) -> str:
    return text.strip()


@node
def count(text: str) -> int:
    return len(text)


@node
def shout(text: str) -> str:
    return text.upper()


ok = build(clean >> count)
wrong = count >> shout
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("user_project")
    (root / "app.py").write_text(APP)
    (root / "pyproject.toml").write_text(
        textwrap.dedent(
            """\
            [tool.mypy]
            strict = true
            plugins = ["typedflow.mypy"]
            """
        )
    )
    return root


def _run(project: Path, *command: str) -> str:
    done = subprocess.run(
        command, cwd=project, capture_output=True, text=True, timeout=300, check=False
    )
    return done.stdout


def test_mypy_sees_typedflow_in_a_user_project(project: Path) -> None:
    out = _run(project, sys.executable, "-m", "mypy", "--no-incremental", "app.py")
    lines = [line for line in out.splitlines() if line.startswith("app.py")]
    assert lines == [
        'app.py:20: error: Need type annotation for "wrong"  [var-annotated]',
        'app.py:20: error: Unsupported operand types for >> ("SyncNode[[str], int]" and'
        ' "SyncNode[[str], str]")  [operator]'
    ], out


def test_pyright_sees_typedflow_in_a_user_project(project: Path) -> None:
    pyright = Path(sys.executable).with_name("pyright")
    out = _run(project, str(pyright), "--pythonpath", sys.executable, "app.py")
    errors = [line.strip() for line in out.splitlines() if " - error: " in line]
    assert len(errors) == 1, out
    assert errors[0].startswith(f"{project / 'app.py'}:20:")
    assert 'Operator ">>" not supported' in errors[0]
