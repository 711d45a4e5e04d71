"""The `typedflow-check` pre-commit hook (issue 14): its manifest is valid for pre-commit, and
its command, run as pre-commit runs it in a sample repository, passes a sound project, fails a
wrong edge with the user's file and line, and refuses to pass when given nothing to check."""

from __future__ import annotations

import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pre_commit.clientlib import load_manifest

ROOT = Path(__file__).resolve().parents[1]

GOOD = """\
from typedflow import node


@node
def clean(text: str) -> str:
    return text.strip()


@node
def count(text: str) -> int:
    return len(text)


flow = clean >> count
"""


@pytest.fixture(scope="module")
def hook() -> dict[str, object]:
    (found,) = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))  # validates the schema
    assert found["id"] == "typedflow-check"
    return dict(found)


def _run_hook(hook: dict[str, object], repo: Path, args: list[str]) -> tuple[int, str]:
    """Run the hook's entry with `args` in `repo`, as pre-commit does for a python hook whose
    environment has typedflow installed (here: this interpreter's)."""
    entry = shlex.split(str(hook["entry"]))
    assert entry[0] == "typedflow"
    command = [sys.executable, "-m", "typedflow", *entry[1:], *args]
    if hook["pass_filenames"]:
        command += [str(p.relative_to(repo)) for p in repo.rglob("*.py")]
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout + done.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "flows.py").write_text(GOOD)
    (tmp_path / "app" / "util.py").write_text("def helper() -> int:\n    return 1\n")
    (tmp_path / ".pre-commit-config.yaml").write_text(
        textwrap.dedent(
            """\
            repos:
              - repo: https://github.com/typedflow/typedflow
                rev: v0.1.0
                hooks:
                  - id: typedflow-check
                    args: [app]
            """
        )
    )
    return tmp_path


def test_hook_passes_a_sound_project(hook: dict[str, object], repo: Path) -> None:
    code, out = _run_hook(hook, repo, ["app"])
    assert code == 0, out


def test_hook_fails_a_wrong_edge_with_file_and_line(hook: dict[str, object], repo: Path) -> None:
    (repo / "app" / "flows.py").write_text(GOOD + "broken = count >> clean\n")
    code, out = _run_hook(hook, repo, ["app"])
    assert code == 1
    assert (
        "app/flows.py:15: error: Edge `count` >> `clean`: `count` returns `int`, but `clean`"
        " expects `str`  [TF001]"
    ) in out


def test_hook_without_targets_fails(hook: dict[str, object], repo: Path) -> None:
    code, out = _run_hook(hook, repo, [])
    assert code == 2
    assert "the following arguments are required: TARGET" in out
