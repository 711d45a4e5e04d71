"""The retrieval example on its real embedding model: offline loading, indexing, retrieval,
answers with sources (issue 14)."""

from __future__ import annotations

import socket
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
import wordllama
from _rag_index import CORPUS, Chunk, Retriever, VectorIndex, embed, load_model, read_corpus
from rag_pipeline import (
    MIN_SCORE,
    Answer,
    ExtractiveAnswerer,
    build_index,
    question_flow,
)

from typedflow import NodeStatus

if TYPE_CHECKING:
    from pathlib import Path

# Known questions and a phrase of the paragraph that answers each (robust to line moves).
KNOWN = [
    ("Why is Venus hotter than Mercury?", "astronomy.md", "runaway greenhouse effect"),
    ("How much caffeine is in a cup of tea?", "tea.md", "milligrams of caffeine"),
    ("What makes bread go stale?", "bread.md", "retrogradation"),
    ("How do I limit concurrent HTTP requests in asyncio?", "asyncio.md", "asyncio.Semaphore"),
    ("How do I share a rate limit between nodes?", "typedflow.md", "A Limiter shares"),
    ("How do honeybees use the waggle dance?", "honeybees.md", "waggle run"),
    ("How should I clean a bicycle chain?", "bicycles.md", "chain lubricant"),
    ("What is the poke test for dough?", "bread.md", "floured finger"),
    ("How do I find the commit that introduced a bug?", "git.md", "git bisect"),
    ("What should I do if the sea draws back after an earthquake?", "volcanoes.md", "high ground"),
    ("Which eruption was the largest in recorded history?", "volcanoes.md", "Mount Tambora"),
]
OFF_TOPIC = "Who won the football world cup in 1998?"


class NetworkUsed(OSError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Every way Python code opens a connection raises; the attempts are recorded."""
    attempts: list[tuple[Any, ...]] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise NetworkUsed(f"network access attempted: {args[1:] or args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


@pytest.fixture(scope="module")
def index() -> VectorIndex:
    import asyncio

    return asyncio.run(build_index(read_corpus()))


def test_the_guard_catches_the_default_loaders_download(
    no_network: list[tuple[Any, ...]], tmp_path: Path
) -> None:
    """Without our set-up WordLlama looks for the tokenizer in the wrong folder and downloads."""
    with pytest.raises(FileNotFoundError, match="Failed to download tokenizer file"):
        wordllama.WordLlama.load(cache_dir=tmp_path)
    assert no_network  # the attempt reached the socket layer, and was refused there


def test_the_model_loads_and_embeds_without_network(no_network: list[tuple[Any, ...]]) -> None:
    model = load_model.__wrapped__()  # a fresh load, not the cached one
    vectors = np.asarray(model.embed(["a cup of tea", "a bicycle chain"], norm=True))
    assert vectors.shape == (2, 256)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embed(["a cup of tea"]).shape == (1, 256)
    assert no_network == []


def test_read_corpus_gives_each_paragraph_with_its_file_and_line() -> None:
    chunks = read_corpus()
    assert chunks[0] == Chunk("astronomy.md:1", "# The Solar System")
    assert chunks[1].source == "astronomy.md:3"
    assert chunks[1].text.startswith("The Sun holds more than 99.8 percent")
    assert len({c.source for c in chunks}) == len(chunks)
    assert sum(len(c.text.encode()) for c in chunks) < 300_000


def test_a_paragraph_spans_lines_up_to_a_blank_line(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("# B\n\n\nfirst line\nsecond line\n  \nlast", encoding="utf-8")
    (tmp_path / "a.md").write_text("only\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not markdown\n", encoding="utf-8")
    assert read_corpus(tmp_path) == [
        Chunk("a.md:1", "only"),
        Chunk("b.md:1", "# B"),
        Chunk("b.md:4", "first line second line"),
        Chunk("b.md:7", "last"),
    ]


def test_the_index_keeps_every_paragraph_and_drops_the_headings(index: VectorIndex) -> None:
    chunks = read_corpus()
    headings = [c for c in chunks if c.text.startswith("#")]
    assert len(headings) == len(list(CORPUS.glob("*.md")))
    assert index.chunks == tuple(c for c in chunks if not c.text.startswith("#"))
    assert index.matrix.shape == (len(index), 256)
    assert np.allclose(np.linalg.norm(index.matrix, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize(("question", "file", "phrase"), KNOWN, ids=[q for q, _, _ in KNOWN])
def test_the_right_paragraph_is_retrieved(
    index: VectorIndex, question: str, file: str, phrase: str
) -> None:
    [best, *_] = index.search(embed([question])[0], k=3)
    assert best.chunk.source.startswith(f"{file}:")
    assert phrase in best.chunk.text
    assert best.score >= MIN_SCORE


def test_an_off_topic_question_scores_below_the_floor(index: VectorIndex) -> None:
    [best] = index.search(embed([OFF_TOPIC])[0], k=1)
    assert best.score < MIN_SCORE


async def test_the_question_flow_answers_with_sources_offline(index: VectorIndex) -> None:
    flow = question_flow(Retriever(index, k=3, min_score=MIN_SCORE), ExtractiveAnswerer())
    async with flow.build(name="rag") as pipeline:
        answer = await pipeline.run("What makes bread go stale?")
        assert isinstance(answer, Answer)
        assert answer.generator == "offline extractive answer (no OPENAI_BASE_URL set)"
        assert answer.text.startswith(
            "Bread goes stale mainly because its starch crystallises again"
        )
        assert answer.sources[0].where.startswith("bread.md:")
        assert answer.sources[0].score >= MIN_SCORE
        declined = await pipeline.run(OFF_TOPIC)
        assert (declined.sources, declined.generator) == ((), "nobody")
        assert declined.text.startswith("(not answered: no paragraph scored 0.3 or more;")
        assert pipeline.get_pipeline_status() == {
            "embed_question": NodeStatus.COMPLETED,
            "retrieve": NodeStatus.COMPLETED,
            "route(build_prompt, decline)": NodeStatus.COMPLETED,
            "build_prompt": NodeStatus.SKIPPED,  # not routed
            "generate": NodeStatus.SKIPPED,
            "cite": NodeStatus.SKIPPED,
            "compose": NodeStatus.SKIPPED,
            "decline": NodeStatus.COMPLETED,
            "route(build_prompt, decline).merge": NodeStatus.COMPLETED,
        }
