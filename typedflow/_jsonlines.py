"""`typedflow run`'s streaming: JSON Lines in, outputs and one-line failures out, in input order."""

from __future__ import annotations

import asyncio
import json
import math
import os
import stat
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import aclosing
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from ._codec import DecodeFailure, to_builtins

if TYPE_CHECKING:
    from ._build import TypedPipeline
    from ._codec import Codec

__all__ = ["Report", "encode", "one_line", "read_lines", "run_stream"]

_MAX_MESSAGE = 2000
# How a non-finite float is written: JSON has no NaN or Infinity, so they become these strings.
_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def one_line(text: str) -> str:
    """``text`` on one line (newlines escaped as ``\\n``), at most 2,000 characters."""
    flat = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return flat if len(flat) <= _MAX_MESSAGE else flat[: _MAX_MESSAGE - 1] + "…"


def encode(value: object) -> str:
    """One output as a line of JSON (UTF-8); non-finite floats as ``"NaN"``/``"Infinity"``.

    Raises:
        ValueError: The value cannot be written as JSON (a lone surrogate, a cycle, too deep).
        TypeError: The value holds something JSON has no form for (a set, an object).
    """
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError as exc:
        if "Out of range float" not in str(exc):
            raise
        text = json.dumps(_finite(value), ensure_ascii=False, allow_nan=False)
    except RecursionError as exc:
        raise ValueError("it is nested too deeply") from exc
    text.encode("utf-8")  # a lone surrogate cannot be written: UnicodeEncodeError (ValueError)
    return text


def _finite(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return _NON_FINITE[repr(value)]
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


class Report:
    """Writes outputs to stdout and failures to stderr, both in input order, as they come.

    Failures of unreadable lines are found when the line is read, ahead of the outcomes of the
    lines before it; they wait here until those are written.
    """

    def __init__(self) -> None:
        self.failed = 0
        self.closed = False  # stdout's reader went away (`| head -1`)
        self.pending: dict[int, int] = {}  # the line numbers of the runs in flight, by index
        self._waiting: list[tuple[int, str]] = []

    def unreadable(self, number: int, message: str) -> None:
        self._waiting.append((number, message))
        self._flush(before=self._earliest_pending())  # at once when no earlier line is running

    def output(self, number: int, text: str) -> None:
        self._flush(before=number)
        if not self.closed:
            try:
                sys.stdout.write(text + "\n")
                sys.stdout.flush()
            except BrokenPipeError:
                self._close_stdout()
        self._flush(before=self._earliest_pending())

    def failure(self, number: int, message: str) -> None:
        self._flush(before=number)
        self._fail(message)
        self._flush(before=self._earliest_pending())

    def _earliest_pending(self) -> int | None:
        return min(self.pending.values(), default=None)

    def finish(self) -> None:
        self._flush(before=None)

    def _flush(self, before: int | None) -> None:
        while self._waiting and (before is None or self._waiting[0][0] < before):
            self._fail(self._waiting.pop(0)[1])

    def _fail(self, message: str) -> None:
        self.failed += 1
        sys.stderr.write(one_line(message) + "\n")
        sys.stderr.flush()

    def _close_stdout(self) -> None:
        # As Unix tools do: stop writing, and leave no flush at exit that would fail again.
        self.closed = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)


def read_lines(
    handle: BinaryIO, report: Report, codec: Codec
) -> Iterator[tuple[int, Any]] | AsyncIterator[tuple[int, Any]]:
    """Each readable line of a JSON Lines stream as ``(line number, value)``, read lazily.

    Blank lines are skipped; a line that is not UTF-8, not JSON, nested too deeply, or not a
    value of the input type (`codec` decodes it into that type) is that line's failure,
    reported in its place, and reading goes on. A regular file is read
    directly; a pipe, FIFO or terminal is read line by line on a worker thread, so waiting for
    the next line never stalls the runs already in flight.
    """
    if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        return _parsed(enumerate(handle, 1), report, codec)
    return _parsed_async(handle, report, codec)


def _parsed(
    lines: Iterator[tuple[int, bytes]], report: Report, codec: Codec
) -> Iterator[tuple[int, Any]]:
    for number, raw in lines:
        found = _parse(number, raw, report, codec)
        if found is not _SKIP:
            yield number, found


async def _parsed_async(
    handle: BinaryIO, report: Report, codec: Codec
) -> AsyncIterator[tuple[int, Any]]:
    number = 0
    async for raw in _lines_from_thread(handle):
        number += 1
        found = _parse(number, raw, report, codec)
        if found is not _SKIP:
            yield number, found


async def _lines_from_thread(handle: BinaryIO, ahead: int = 64) -> AsyncIterator[bytes]:
    """Lines read by a daemon thread, at most ``ahead`` of the consumer.

    A daemon thread (not the loop's executor) because a read from a pipe may block for ever:
    when the run ends early, the process must be able to exit without waiting for it.
    """
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[bytes | BaseException | None] = asyncio.Queue()
    room = threading.Semaphore(ahead)
    stop = threading.Event()

    def deliver(item: bytes | BaseException | None) -> bool:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, item)
        except RuntimeError:  # the loop is closed: nobody reads any more
            return False
        return True

    def pump() -> None:
        try:
            for raw in handle:
                room.acquire()
                if stop.is_set() or not deliver(raw):
                    return
        except Exception as exc:  # noqa: BLE001  handed to the reader, raised there
            deliver(exc)
        else:
            deliver(None)

    threading.Thread(target=pump, name="typedflow-run-input", daemon=True).start()
    try:
        while (item := await queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            room.release()
            yield item
    finally:
        stop.set()
        room.release()


_SKIP = object()


def _parse(number: int, raw: bytes, report: Report, codec: Codec) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        report.unreadable(number, f"line {number}: not UTF-8: {exc}")
        return _SKIP
    if not text.strip():
        return _SKIP
    try:
        return codec.decode(raw)
    except DecodeFailure as exc:
        report.unreadable(number, f"line {number}: {exc}")
    return _SKIP


async def run_stream(
    pipeline: TypedPipeline[Any, Any],
    items: Iterator[tuple[int, Any]] | AsyncIterator[tuple[int, Any]],
    report: Report,
    *,
    concurrency: int,
    progress: bool,
) -> None:
    """Run every item as it is read; write each result as soon as it is next in order."""
    numbers = report.pending

    def inputs() -> Iterator[Any]:
        for index, (number, value) in enumerate(cast("Iterator[tuple[int, Any]]", items)):
            numbers[index] = number
            yield value

    async def inputs_async() -> AsyncIterator[Any]:
        index = 0
        async for number, value in cast("AsyncIterator[tuple[int, Any]]", items):
            numbers[index] = number
            index += 1
            yield value

    async with pipeline:
        source = inputs_async() if isinstance(items, AsyncIterator) else inputs()
        outcomes = pipeline.stream(
            source, concurrency=concurrency, on_error="collect", progress=progress
        )
        async with aclosing(outcomes):
            async for outcome in outcomes:
                number = numbers.pop(outcome.index)
                where = f"line {number}" if number else "input"
                if not outcome.ok:
                    report.failure(number, f"{where}: {_reason(outcome.error, outcome.node)}")
                    continue
                try:
                    text = encode(to_builtins(outcome.output))
                except (TypeError, ValueError) as exc:
                    report.failure(number, f"{where}: the output cannot be written as JSON: {exc}")
                    continue
                report.output(number, text)
                if report.closed:
                    return
    report.finish()


def _reason(error: BaseException | None, node: str | None) -> str:
    cause = error.__cause__ if error is not None and error.__cause__ is not None else error
    node = node or getattr(error, "node", None)
    what = f"{type(cause).__name__}: {cause}"
    return f"node `{node}` failed: {what}" if node else what
