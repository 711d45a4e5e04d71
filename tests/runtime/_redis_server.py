"""A throwaway `redis-server` on a Unix socket (or a loopback port) in a temporary directory,
for tests and benches."""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import time
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

REQUIRE = "TYPEDFLOW_REQUIRE_REDIS"
"""Set (as `.ci/run` does) to fail instead of skipping when redis-server or redis-py is missing."""


def require_redis() -> None:
    """Skip (or fail, under `TYPEDFLOW_REQUIRE_REDIS=1`) when Redis cannot be tested here."""
    missing = [
        what
        for what, found in (
            ("the `redis-server` command", shutil.which("redis-server") is not None),
            ("the `redis` package (`typedflow[redis]`)", _has_redis_py()),
        )
        if not found
    ]
    if missing:
        reason = f"Redis tests need {' and '.join(missing)}"
        if os.environ.get(REQUIRE):
            pytest.fail(reason)
        pytest.skip(reason)


def _has_redis_py() -> bool:
    return importlib.util.find_spec("redis") is not None


class RedisServer:
    """`redis-server` without persistence, listening only on `directory/redis.sock`, or with
    `tcp=True` only on a free port of 127.0.0.1 (the URL a multi-machine set-up would use)."""

    def __init__(self, directory: Path, *, tcp: bool = False) -> None:
        self.directory = directory
        self.socket = directory / "redis.sock"
        self.port = _free_port() if tcp else 0
        self.url = f"redis://127.0.0.1:{self.port}/0" if tcp else f"unix://{self.socket}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the server and wait until it accepts connections (at most 10 s)."""
        listen = (
            ["--port", str(self.port), "--bind", "127.0.0.1"]
            if self.port
            else ["--port", "0", "--unixsocket", str(self.socket)]
        )
        self.process = subprocess.Popen(
            [
                "redis-server", *listen,
                "--save", "", "--appendonly", "no", "--dir", str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on {self.url}")
            time.sleep(0.01)

    def stop(self) -> None:
        """Stop the server (its data goes with it) and wait for it to exit."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        self.socket.unlink(missing_ok=True)

    def _answers(self) -> bool:
        try:
            with _connect(self) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False


def _connect(server: RedisServer) -> socket.socket:
    if server.port:
        return socket.create_connection(("127.0.0.1", server.port), timeout=1)
    conn = socket.socket(socket.AF_UNIX)
    try:
        conn.settimeout(1)
        conn.connect(str(server.socket))
    except OSError:
        conn.close()
        raise
    return conn


def _free_port() -> int:
    """A port of 127.0.0.1 free right now (the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
