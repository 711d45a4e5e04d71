"""A small typed async client for the OpenAI-compatible chat completions HTTP API.

`ChatClient.complete(messages)` returns the reply; `ChatClient.stream(messages)` yields its text
as the server sends it (server-sent events: `data: {...}` lines ending with `data: [DONE]`).
Every HTTP attempt holds a permit of the client's `typedflow.Limiter`; a 429 or 5xx answer, a
timeout or a dropped connection is retried (`Retry-After` honoured, else exponential backoff),
and every failure is a `ChatError` whose message names the endpoint and what was wrong.
"""

import asyncio
import contextlib
import email.utils
import json
import os
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypedDict

import httpx

from typedflow import Limiter

__all__ = ["ChatClient", "ChatConfig", "ChatError", "ChatMessage"]

RETRYABLE = frozenset({429, 500, 502, 503, 504})


class ChatMessage(TypedDict):
    """One message of a chat: who says it and what."""

    role: Literal["system", "user", "assistant"]
    content: str


class ChatError(Exception):
    """The endpoint failed, timed out or answered something that is not a chat completion."""


@dataclass(frozen=True, slots=True)
class ChatConfig:
    """Where the endpoint is and how patiently to call it.

    Attributes:
        base_url: The API root, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:8080/v1`.
        model: The model name sent with each request.
        api_key: Sent as a bearer token when set.
        timeout: Seconds for connecting, and for each read of the response.
        retries: Further attempts after a 429, a 5xx, a timeout or a connection error.
        backoff: Seconds before the first retry without `Retry-After`; doubled each time.
        max_retry_after: The longest `Retry-After` honoured; a longer one is cut to this.
    """

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 0.5
    max_retry_after: float = 30.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "ChatConfig | None":
        """`OPENAI_BASE_URL`, `OPENAI_MODEL` and `OPENAI_API_KEY`, or None without a base URL."""
        base_url = environ.get("OPENAI_BASE_URL", "").strip()
        if not base_url:
            return None
        model = environ.get("OPENAI_MODEL", "").strip() or "gpt-4o-mini"
        return cls(base_url, model, environ.get("OPENAI_API_KEY") or None)

    @property
    def url(self) -> str:
        """The chat completions endpoint."""
        return self.base_url.rstrip("/") + "/chat/completions"


class ChatClient:
    """Calls one chat completions endpoint; `async with` closes its connections."""

    def __init__(self, config: ChatConfig, *, limiter: Limiter | None = None) -> None:
        self.config = config
        self.limiter = limiter or Limiter(concurrency=4)
        headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
        self._http = httpx.AsyncClient(headers=headers, timeout=httpx.Timeout(config.timeout))

    async def __aenter__(self) -> "ChatClient":
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def complete(self, messages: Sequence[ChatMessage]) -> str:
        """The assistant's whole reply to `messages`."""
        async with self._response(messages, stream=False) as response:
            body = await response.aread()
        try:
            data = json.loads(body)
        except ValueError:
            raise ChatError(
                f"Chat completion from `{self.config.url}` is not JSON: {_excerpt(body)}"
            ) from None
        return _text_at(data, ("choices", 0, "message", "content"), self.config.url)

    async def stream(self, messages: Sequence[ChatMessage]) -> AsyncIterator[str]:
        """The assistant's reply to `messages`, chunk by chunk as the server streams it."""
        url = self.config.url
        async with self._response(messages, stream=True) as response:
            events = 0
            async for line in response.aiter_lines():
                if not line.startswith("data:"):
                    continue  # blank separators, comments (": ping"), event names
                data = line[5:].strip()
                if data == "[DONE]":
                    return
                events += 1
                try:
                    event = json.loads(data)
                except ValueError:
                    raise ChatError(
                        f"Stream event {events} from `{url}` is not JSON: {_excerpt(data)}"
                    ) from None
                delta = _field(event, ("choices", 0, "delta"), url, f"Stream event {events}")
                content = delta.get("content") if isinstance(delta, dict) else None
                if content:
                    yield str(content)
        raise ChatError(f"Stream from `{url}` ended without `data: [DONE]`")

    @contextlib.asynccontextmanager
    async def _response(
        self, messages: Sequence[ChatMessage], *, stream: bool
    ) -> AsyncIterator[httpx.Response]:
        """A successful response, its body unread, holding a limiter permit until closed."""
        payload = {"model": self.config.model, "messages": list(messages), "stream": stream}
        tries = 0
        while True:
            tries += 1
            async with self.limiter:
                sent = await self._send(payload, tries)
                if isinstance(sent, httpx.Response):
                    try:
                        yield sent
                    except httpx.TimeoutException as exc:
                        what = f"timed out after {self.config.timeout} s in the response"
                        raise self._failure(what, tries) from exc
                    finally:
                        await sent.aclose()
                    return
            await asyncio.sleep(sent)

    async def _send(self, payload: dict[str, object], tries: int) -> httpx.Response | float:
        """One attempt: a successful response, or the seconds to wait before the next one.

        Raises:
            ChatError: A failure that is not retried, or the last attempt's.
        """
        last = tries > self.config.retries
        try:
            request = self._http.build_request("POST", self.config.url, json=payload)
            response = await self._http.send(request, stream=True)
        except httpx.TimeoutException as exc:
            if last:
                raise self._failure(f"timed out after {self.config.timeout} s", tries) from exc
            return self._backoff(tries)
        except httpx.TransportError as exc:
            if last:
                raise self._failure(f"failed: {exc!r}", tries) from exc
            return self._backoff(tries)
        if response.status_code < 400:
            return response
        try:
            body = await response.aread()
        finally:
            await response.aclose()
        if last or response.status_code not in RETRYABLE:
            what = f"answered HTTP {response.status_code}: {_excerpt(body)}"
            raise self._failure(what, tries)
        wait = self._retry_after(response)
        return self._backoff(tries) if wait is None else wait  # `Retry-After: 0` means now

    def _failure(self, what: str, attempts: int) -> ChatError:
        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        return ChatError(f"Chat completion request to `{self.config.url}` {what} ({tries})")

    def _backoff(self, tries: int) -> float:
        return float(self.config.backoff * 2 ** (tries - 1))

    def _retry_after(self, response: httpx.Response) -> float | None:
        """The wait a 429/503 asks for, in seconds (a number or an HTTP date), capped."""
        value = response.headers.get("Retry-After")
        if value is None:
            return None
        try:
            seconds = float(value)
        except ValueError:
            try:
                seconds = email.utils.parsedate_to_datetime(value).timestamp() - time.time()
            except (TypeError, ValueError):
                return None
        return min(max(seconds, 0.0), self.config.max_retry_after)


def _field(data: object, path: tuple[str | int, ...], url: str, what: str) -> object:
    """`data` at `path` (keys and list indexes), or a `ChatError` naming the missing part."""
    current = data
    for step in path:
        if isinstance(current, list) and isinstance(step, int) and step < len(current):
            current = current[step]
            continue
        if isinstance(current, dict) and isinstance(step, str) and step in current:
            current = current[step]
            continue
        raise ChatError(
            f"{what} from `{url}` has no `{_dotted(path)}`: {_excerpt(json.dumps(data))}"
        )
    return current


def _text_at(data: object, path: tuple[str | int, ...], url: str) -> str:
    value = _field(data, path, url, "Chat completion")
    if not isinstance(value, str):
        raise ChatError(
            f"Chat completion from `{url}` has a {type(value).__name__} at `{_dotted(path)}`, "
            f"not a string"
        )
    return value


def _dotted(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path)[1:]


def _excerpt(body: bytes | str, limit: int = 80) -> str:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")
