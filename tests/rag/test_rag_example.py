"""`examples/rag_pipeline.py` end to end, offline and with an LLM on loopback (issue 14)."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import rag_pipeline
from _rag_index import Retriever, read_corpus
from _rag_llm import ChatClient, ChatConfig

from ._chat_server import ChatServer, Reply, chunk

if TYPE_CHECKING:
    import pytest

WRONG_EDGE = (
    "rag_pipeline.py:{line}: error: Route `route(generate, decline)` has no branch for "
    "`Retrieved`, one of the types `retrieve` returns (`Retrieved | NoMatch`); add a branch "
    "that takes it  [TF009]"
)


def wrong_edge_line() -> int:
    lines = Path(rag_pipeline.__file__).read_text(encoding="utf-8").splitlines()
    return next(i for i, text in enumerate(lines, 1) if "# on purpose" in text)


def without_timings(output: str) -> str:
    output = re.sub(r"the best was \d+\.\d+", "the best was N", output)
    return re.sub(r"\d+\.\d+ (m?s)", r"N \1", output)


async def test_offline_run_prints_the_build_error_then_answers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    await rag_pipeline.main()
    out = without_timings(capsys.readouterr().out)
    first, error, *_ = out.splitlines()
    assert first == "== 1. The build checks every edge before anything runs:"
    assert error.endswith(WRONG_EDGE.format(line=wrong_edge_line()))
    assert "model loaded offline in N s\n198 chunks read, 189 kept and embedded in N s\n" in out
    assert (
        "== 3. Answers (offline extractive answers: set OPENAI_BASE_URL, OPENAI_MODEL and\n"
        "   OPENAI_API_KEY to have an LLM write them):\n"
    ) in out
    assert (
        "Q: How much caffeine is in a cup of tea?\n"
        "A: A cup of black tea holds roughly forty to seventy milligrams of caffeine, about half "
        "of a cup of brewed coffee. Tea also contains L-theanine, an amino acid that many "
        "drinkers credit with a calmer kind of alertness.\n"
        "   sources: tea.md:21 (0.77)\n"
        "   N ms\n"
    ) in out
    assert (
        "Q: Who won the football world cup in 1998?\n"
        "A: (not answered: no paragraph scored 0.3 or more; the best was N)\n"
        "   N ms\n"
    ) in out
    assert out.count("\nQ: ") == len(rag_pipeline.QUESTIONS)
    assert out.endswith("\ntotal N s\n")


async def test_with_an_endpoint_the_llm_streams_the_answers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answered = len(rag_pipeline.QUESTIONS) - 1  # the off-topic one is routed to `decline`
    script = [
        Reply(events=[chunk(f"Answer {i} "), chunk("[1]."), "[DONE]"]) for i in range(answered)
    ]
    with ChatServer(script) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_MODEL", "test-model")
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        await rag_pipeline.main()
    out = without_timings(capsys.readouterr().out)
    assert f"== 3. Answers (by `test-model` at {server.base_url}):\n" in out
    assert (
        "Q: What makes bread go stale?\nA: Answer 2 [1].\n"
        "   sources: bread.md:41 (0.67), bread.md:19 (0.48), bread.md:3 (0.42)\n"
    ) in out
    assert len(server.requests) == answered
    request = server.requests[2].body
    assert request["model"] == "test-model"
    assert request["stream"] is True
    system, user = request["messages"]
    assert system == {"role": "system", "content": rag_pipeline.SYSTEM_PROMPT}
    assert user["role"] == "user"
    assert user["content"].startswith("Passages:\n[1] Bread goes stale mainly because")
    assert user["content"].endswith("\n\nQuestion: What makes bread go stale?")


class Screen(io.StringIO):
    """What the example writes; opens `gate` once `expected` has been written (and flushed)."""

    def __init__(self, expected: str, gate: threading.Event) -> None:
        super().__init__()
        self.expected = expected
        self.gate = gate
        self.flushed: list[str] = []

    def flush(self) -> None:
        self.flushed.append(self.getvalue())
        if self.getvalue().endswith(self.expected):
            self.gate.set()


async def test_the_answer_is_printed_live_token_by_token_before_the_stream_ends() -> None:
    # The server sends the first token, then waits until the example has printed it: an
    # example that printed the answer only once the whole reply had come would leave the
    # gate shut (the server counts it), and the test fails.
    gate = threading.Event()
    question = "What makes bread go stale?"
    events = [chunk("Starch "), chunk("crystallises "), chunk("again [1]."), "[DONE]"]
    index = await rag_pipeline.build_index(read_corpus())
    retriever = Retriever(index, k=3, min_score=rag_pipeline.MIN_SCORE)
    screen = Screen(f"Q: {question}\nA: Starch ", gate)
    with ChatServer([Reply(events=events, gate=gate, gate_at=1)]) as server:
        config = ChatConfig(server.base_url, "test-model", timeout=10)
        async with ChatClient(config) as client:
            flow = rag_pipeline.question_flow(retriever, rag_pipeline.LLMAnswerer(client))
            await rag_pipeline.answer_all(flow, (question,), screen)
    assert server.gate_timeouts == 0
    assert without_timings(screen.getvalue()) == (
        f"\nQ: {question}\nA: Starch crystallises again [1].\n"
        "   sources: bread.md:41 (0.67), bread.md:19 (0.48), bread.md:3 (0.42)\n"
        "   N ms\n"
    )
    tokens = ["Starch ", "crystallises ", "again [1]."]
    assert screen.flushed == [  # the screen after each flush: the question, then each token
        f"\nQ: {question}\nA: " + "".join(tokens[:i]) for i in range(4)
    ]
