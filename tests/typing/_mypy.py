"""One mypy run as the typing tests make it: `--strict`, the project's config (the plugin),
the project's warm cache, plain one-line diagnostics, from the project root."""

from __future__ import annotations

import os
from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parents[2]


def run_mypy(target: str) -> tuple[str, str]:
    """mypy's stdout and stderr over `target` (a file or folder, relative to the root or
    absolute)."""
    cwd = Path.cwd()
    os.chdir(ROOT)  # typedflow and pyproject.toml resolve from the project root
    try:
        stdout, stderr, _ = api.run(
            [
                "--strict",
                "--config-file",
                str(ROOT / "pyproject.toml"),
                "--cache-dir",
                str(ROOT / ".mypy_cache"),
                "--no-error-summary",
                "--hide-error-context",
                "--no-pretty",
                target,
            ]
        )
    finally:
        os.chdir(cwd)
    return stdout, stderr
