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


def meet(folder_and_name: tuple[str, str]) -> int:
    """Record that this call started (a file named `name` in `folder`), then wait until
    another call has started too; return how many had started (1 after waiting 10 s alone)."""
    folder, name = folder_and_name
    (Path(folder) / name).touch()
    deadline = time.monotonic() + 10
    while len(list(Path(folder).iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    return len(list(Path(folder).iterdir()))


def hold(gate: str, started: str) -> str:
    """Record that this call started, then block until `gate` exists."""
    Path(started).touch()
    deadline = time.monotonic() + 30
    while not Path(gate).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return started


def use(resource: object) -> str:
    return type(resource).__name__


class Payload:
    """A value that counts how often this process pickles and unpickles one: what crossed
    between the pipeline's process and the workers."""

    pickled = 0
    unpickled = 0

    def __init__(self, data: list[int]) -> None:
        self.data = data

    def __getstate__(self) -> list[int]:
        Payload.pickled += 1
        return self.data

    def __setstate__(self, data: list[int]) -> None:
        Payload.unpickled += 1
        self.data = data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Payload) and other.data == self.data

    def __hash__(self) -> int:
        return hash(tuple(self.data))

    def __repr__(self) -> str:
        return f"Payload({self.data})"


def make(x: int) -> Payload:
    return Payload([x, x + 1])


def grow(p: Payload) -> Payload:
    return Payload([*p.data, sum(p.data)])


def total(p: Payload) -> int:
    return sum(p.data)


def keep_small(p: Payload) -> Payload | None:
    """A filter: None for a payload whose first number is odd."""
    return p if p.data[0] % 2 == 0 else None


def broken(p: Payload) -> Payload:
    raise KeyError(f"broken {p.data[0]}")


def fail_once_on(marker: str, p: Payload) -> Payload:
    """`grow`, but the first call fails (creating `marker`)."""
    fail_once(marker)
    return grow(p)


def hold_on(gate: str, started: str, p: Payload) -> Payload:
    hold(gate, started)
    return p
