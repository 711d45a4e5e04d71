"""The example's chat completions client against a real HTTP server on loopback (issue 14)."""

from __future__ import annotations

import time

import pytest
from _rag_llm import ChatClient, ChatConfig, ChatError, ChatMessage

from typedflow import Limiter

from ._chat_server import ChatServer, Reply, chunk, completion

MESSAGES: list[ChatMessage] = [
    {"role": "system", "content": "Answer briefly."},
    {"role": "user", "content": "What is typedflow?"},
]


def config(server: ChatServer, **options: float) -> ChatConfig:
    options = {"backoff": 0.01, **options}
    return ChatConfig(server.base_url, "test-model", "sk-test", **options)  # type: ignore[arg-type]


async def complete(server: ChatServer, **options: float) -> str:
    async with ChatClient(config(server, **options)) as client:
        return await client.complete(MESSAGES)


async def stream(server: ChatServer, **options: float) -> list[str]:
    async with ChatClient(config(server, **options)) as client:
        return [piece async for piece in client.stream(MESSAGES)]


def test_config_from_env() -> None:
    assert ChatConfig.from_env({}) is None
    assert ChatConfig.from_env({"OPENAI_MODEL": "m"}) is None
    assert ChatConfig.from_env(
        {"OPENAI_BASE_URL": "http://h/v1/", "OPENAI_MODEL": "m", "OPENAI_API_KEY": "k"}
    ) == ChatConfig("http://h/v1/", "m", "k")
    only_url = ChatConfig.from_env({"OPENAI_BASE_URL": "http://h/v1"})
    assert only_url == ChatConfig("http://h/v1", "gpt-4o-mini", None)
    assert only_url.url == "http://h/v1/chat/completions"


async def test_complete_sends_the_protocol_and_returns_the_reply() -> None:
    with ChatServer([Reply(body=completion("A typed pipeline library."))]) as server:
        assert await complete(server) == "A typed pipeline library."
    [request] = server.requests
    assert request.path == "/v1/chat/completions"
    assert request.headers["Authorization"] == "Bearer sk-test"
    assert request.body == {"model": "test-model", "messages": MESSAGES, "stream": False}


async def test_stream_yields_the_chunks_in_order() -> None:
    events = [
        '{"choices": [{"index": 0, "delta": {"role": "assistant"}}]}',
        chunk("A typed "),
        chunk("pipeline "),
        chunk("library."),
        '{"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}',
        "[DONE]",
    ]
    with ChatServer([Reply(events=events)]) as server:
        assert await stream(server) == ["A typed ", "pipeline ", "library."]
    assert server.requests[0].body["stream"] is True


async def test_429_waits_as_long_as_retry_after_says() -> None:
    script = [
        Reply(status=429, body={"error": "slow down"}, headers={"Retry-After": "0.3"}),
        Reply(events=[chunk("ok"), "[DONE]"]),
    ]
    with ChatServer(script) as server:
        assert await stream(server) == ["ok"]
    first, second = server.requests
    assert second.at - first.at >= 0.3  # the server's own clock: the wait it asked for, at least


async def test_500_then_success_is_retried() -> None:
    script = [Reply(status=500, body={"error": "boom"}), Reply(body=completion("fine"))]
    with ChatServer(script) as server:
        assert await complete(server) == "fine"
    assert len(server.requests) == 2


async def test_retries_give_up_with_the_last_status_and_body() -> None:
    script = [Reply(status=503, body={"error": "down"})] * 3
    with ChatServer(script) as server:
        with pytest.raises(ChatError) as caught:
            await complete(server, retries=2)
        url = f"{server.base_url}/chat/completions"
    assert str(caught.value) == (
        f"Chat completion request to `{url}` answered HTTP 503: "
        """'{"error": "down"}' (3 attempts)"""
    )
    assert len(server.requests) == 3


async def test_a_client_error_is_not_retried() -> None:
    with ChatServer([Reply(status=401, body={"error": "bad key"})]) as server:
        with pytest.raises(ChatError) as caught:
            await complete(server)
        url = f"{server.base_url}/chat/completions"
    assert str(caught.value) == (
        f"""Chat completion request to `{url}` answered HTTP 401: '{{"error": "bad key"}}' """
        "(1 attempt)"
    )
    assert len(server.requests) == 1


async def test_timeout_is_retried_then_reported() -> None:
    script = [Reply(body=completion("late"), delay=1.0)] * 2
    with ChatServer(script) as server:
        with pytest.raises(ChatError) as caught:
            await complete(server, timeout=0.2, retries=1)
        url = f"{server.base_url}/chat/completions"
    assert str(caught.value) == (
        f"Chat completion request to `{url}` timed out after 0.2 s (2 attempts)"
    )
    assert len(server.requests) == 2


async def test_malformed_json_body_is_named() -> None:
    with ChatServer([Reply(body=b'{"choices": [')]) as server:
        with pytest.raises(ChatError) as caught:
            await complete(server)
        url = f"{server.base_url}/chat/completions"
    assert str(caught.value) == f"""Chat completion from `{url}` is not JSON: '{{"choices": ['"""


async def test_a_reply_without_content_names_the_missing_field() -> None:
    with ChatServer([Reply(body={"choices": []})]) as server:
        with pytest.raises(ChatError) as caught:
            await complete(server)
        url = f"{server.base_url}/chat/completions"
    assert str(caught.value) == (
        f"""Chat completion from `{url}` has no `choices[0].message.content`: '{{"choices": []}}'"""
    )


async def test_malformed_stream_event_is_named() -> None:
    with ChatServer([Reply(events=[chunk("one"), "{not json", "[DONE]"])]) as server:
        with pytest.raises(ChatError) as caught:
            await stream(server)
        url = f"{server.base_url}/chat/completions"
    assert str(caught.value) == f"Stream event 2 from `{url}` is not JSON: '{{not json'"


async def test_a_stream_cut_short_is_an_error() -> None:
    with ChatServer([Reply(events=[chunk("half")])]) as server:
        with pytest.raises(ChatError) as caught:
            await stream(server)
        url = f"{server.base_url}/chat/completions"
    assert str(caught.value) == f"Stream from `{url}` ended without `data: [DONE]`"


async def test_each_attempt_holds_a_limiter_permit() -> None:
    limiter = Limiter(concurrency=1)
    with ChatServer([Reply(events=[chunk("a"), chunk("b"), "[DONE]"])]) as server:
        async with ChatClient(config(server), limiter=limiter) as client:
            seen = [limiter.in_flight async for _ in client.stream(MESSAGES)]
    assert seen == [1, 1]
    assert limiter.in_flight == 0


async def test_a_long_retry_after_is_cut_to_the_configured_maximum() -> None:
    script = [
        Reply(status=429, body={}, headers={"Retry-After": "3600"}),
        Reply(body=completion("ok")),
    ]
    with ChatServer(script) as server:
        assert await complete(server, max_retry_after=0.2) == "ok"
    first, second = server.requests
    assert 0.2 <= second.at - first.at < 3600


async def test_a_retry_after_date_in_the_past_retries_at_once() -> None:
    script = [
        Reply(status=503, body={}, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}),
        Reply(body=completion("ok")),
    ]
    with ChatServer(script) as server:
        started = time.monotonic()
        assert await complete(server, backoff=30) == "ok"  # the date wins over the backoff
    assert time.monotonic() - started < 15  # not the 30 s backoff (a wide margin: shared CI)


async def test_retry_after_zero_retries_at_once() -> None:
    script = [
        Reply(status=429, body={}, headers={"Retry-After": "0"}),
        Reply(body=completion("ok")),
    ]
    with ChatServer(script) as server:
        started = time.monotonic()
        assert await complete(server, backoff=30) == "ok"
    assert time.monotonic() - started < 15


async def test_a_refused_connection_is_retried_then_reported() -> None:
    with ChatServer([]) as server:
        url = f"{server.base_url}/chat/completions"
    # The server is closed: its port refuses connections now.
    async with ChatClient(
        ChatConfig(url.removesuffix("/chat/completions"), "m", backoff=0.01, retries=1)
    ) as client:
        with pytest.raises(ChatError) as caught:
            await client.complete(MESSAGES)
    assert str(caught.value).startswith(f"Chat completion request to `{url}` failed: ConnectError(")
    assert str(caught.value).endswith(" (2 attempts)")
