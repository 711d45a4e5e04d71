"""One mypy run over the DSL snippets: good flows pass `--strict`, each bad edge is an error."""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = Path(__file__).resolve().parent / "dsl_snippets"


def test_dsl_snippets_typecheck_under_strict() -> None:
    stdout, stderr, status = api.run(
        [
            "--strict",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--no-error-summary",
            *sorted(str(p) for p in SNIPPETS.glob("*.py")),
        ]
    )
    assert (stdout, stderr, status) == ("", "", 0)
