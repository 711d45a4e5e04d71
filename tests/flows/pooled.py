"""Module-level nodes for process-pool tests: a process pool finds them by module and name."""

from __future__ import annotations

import os

from typedflow import node
from typedflow.pipeline import PoolExecutor

POOL = PoolExecutor.processes(2)


@node(executor=POOL)
def square(x: int) -> int:
    return x * x


@node(executor=POOL)
def worker_pid(x: int) -> int:
    del x
    return os.getpid()
