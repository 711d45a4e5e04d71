"""Decoding JSON lines into a typed input, as `typedflow run` does: msgspec (what typedflow
uses) against pydantic's `TypeAdapter.validate_json` and untyped `json.loads`, in one process.

Run: `python tests/benchmarks/bench_codec.py`. Prints µs per line (median of 5) for 20,000
lines of a dataclass with an enum, a datetime and a list of nested dataclasses.
"""

from __future__ import annotations

import datetime  # noqa: TC003  # msgspec and pydantic resolve the annotations
import enum
import json
import statistics
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec
from pydantic import TypeAdapter

if TYPE_CHECKING:
    from collections.abc import Callable


class Kind(enum.Enum):
    QUESTION = "question"
    COMPLAINT = "complaint"


@dataclass
class Chunk:
    text: str
    score: float


@dataclass
class Message:
    id: int
    kind: Kind
    sent: datetime.datetime
    chunks: list[Chunk]


def _lines(n: int) -> list[bytes]:
    return [
        json.dumps(
            {
                "id": i,
                "kind": "question" if i % 2 else "complaint",
                "sent": "2026-11-30T12:00:00Z",
                "chunks": [{"text": f"chunk {j}", "score": j / 10} for j in range(5)],
            }
        ).encode()
        for i in range(n)
    ]


def _time(decode: Callable[[bytes], object], lines: list[bytes]) -> float:
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for line in lines:
            decode(line)
        runs.append((time.perf_counter() - start) / len(lines) * 1e6)
    return statistics.median(runs)


def main() -> None:
    lines = _lines(20_000)
    decoder = msgspec.json.Decoder(Message)
    adapter = TypeAdapter(Message)
    assert decoder.decode(lines[1]) == adapter.validate_json(lines[1], strict=True)
    plain = _time(json.loads, lines)
    ours = _time(decoder.decode, lines)
    peer = _time(lambda raw: adapter.validate_json(raw, strict=True), lines)
    print(f"json.loads (untyped, baseline)   {plain:6.2f} µs/line")
    print(f"msgspec Decoder(Message)         {ours:6.2f} µs/line  ({ours / plain:.2f}x json.loads)")
    print(f"pydantic TypeAdapter(Message)    {peer:6.2f} µs/line  ({peer / plain:.2f}x json.loads)")
    print(f"pydantic / msgspec               {peer / ours:6.1f}x")


if __name__ == "__main__":
    main()
