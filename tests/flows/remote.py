"""Functions for the Dask executor tests: workers import them by module and name."""

from __future__ import annotations

import os
import time
from pathlib import Path


def pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def fail(x: int) -> int:
    raise ValueError(f"bad {x}")


def fail_once(marker: str) -> str:
    """Fail the first call (creating `marker`), succeed afterwards: state shared by workers."""
    path = Path(marker)
    if not path.exists():
        path.touch()
        raise ConnectionError("first call fails")
    return "ok"


def stop(x: int) -> int:
    raise StopIteration


def keep_even(x: int) -> int | None:
    return x if x % 2 == 0 else None


def interval(x: int) -> tuple[float, float]:
    """When this call ran (a clock shared by the processes of one machine)."""
    start = time.monotonic()
    time.sleep(0.05)
    return start, time.monotonic()


def hold(gate: str, started: str) -> str:
    """Record that this call started, then block until `gate` exists."""
    Path(started).touch()
    deadline = time.monotonic() + 30
    while not Path(gate).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return started


def use(resource: object) -> str:
    return type(resource).__name__
