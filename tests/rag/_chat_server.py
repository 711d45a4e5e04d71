"""A chat completions server on 127.0.0.1 (a random port, a real socket) that plays a script.

Each request gets the next `Reply` of the script: a status, headers, and a JSON body, or SSE
`data:` lines sent one by one, after an optional delay (and, with a `gate`, the lines from
`gate_at` on only once the test has seen the ones before and opened the gate). Requests are
recorded (path, headers, JSON body) for the test to check.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

GATE_WAIT = 5.0


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # JSON-encoded unless bytes
    events: list[str] | None = None  # SSE data lines, sent in order
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    gate: threading.Event | None = None  # set by the test: the events after `gate_at` wait
    gate_at: int = 1


def completion(text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
        ],
    }


def chunk(text: str) -> str:
    return json.dumps({"choices": [{"index": 0, "delta": {"content": text}}]})


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float


class ChatServer:
    """`with ChatServer([Reply(...), ...]) as server:` serves `server.base_url`."""

    def __init__(self, script: list[Reply]) -> None:
        self.script = list(script)
        self.requests: list[Request] = []
        self.gate_timeouts = 0  # gates the test did not open within GATE_WAIT seconds
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length))
                with server._lock:
                    server.requests.append(
                        Request(self.path, dict(self.headers), body, time.monotonic())
                    )
                    reply = server.script.pop(0) if server.script else Reply(status=599)
                time.sleep(reply.delay)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self._send(reply)  # unless the client gave up (a timeout test)

            def _send(self, reply: Reply) -> None:
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.events is not None:
                    self.send_header("Content-Type", "text/event-stream")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for i, line in enumerate(reply.events):
                        if i == reply.gate_at and reply.gate is not None:
                            server._wait(reply.gate)
                        self.wfile.write(f"data: {line}\n\n".encode())
                        self.wfile.flush()
                    self.close_connection = True
                    return
                raw = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body)
                data = raw if isinstance(raw, bytes) else raw.encode()
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def _wait(self, gate: threading.Event) -> None:
        """Wait for the test to open `gate` (it saw the events sent so far); count a gate
        left shut, then go on, so that a test fails on the count instead of hanging."""
        if not gate.wait(GATE_WAIT):
            with self._lock:
                self.gate_timeouts += 1

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def __enter__(self) -> ChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
