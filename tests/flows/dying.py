"""A function whose worker process dies the first time (for process-pool recovery tests)."""

from __future__ import annotations

import os
from pathlib import Path


def die_once(marker: str) -> str:
    """Kill the calling worker process unless `marker` exists (creating it first)."""
    path = Path(marker)
    if not path.exists():
        path.touch()
        os._exit(1)
    return f"ok in {os.getpid()}"
