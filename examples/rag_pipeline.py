"""Retrieval-augmented question answering on a real embedding model, in the typed DSL.

Run `python examples/rag_pipeline.py` (after `pip install -e '.[examples]'`). It shows the build
rejecting a wrongly wired flow, then indexes the bundled corpus (`examples/rag_corpus/`) and
answers questions with their sources:

    index:     read_corpus (one chunk per paragraph), then per chunk
               keep_chunk (filter) >> embed_chunks (batch node)             -> VectorIndex
    questions: embed_question (cached) >> retrieve
                   >> route(build_prompt >> (generate, cite) >> compose, decline)  -> Answer

The embedding model ships inside the `wordllama` wheel (no download, no GPU). `generate` calls
an OpenAI-compatible chat completions endpoint when `OPENAI_BASE_URL` is set (with
`OPENAI_MODEL` and `OPENAI_API_KEY`); otherwise it answers offline with the best-matching
sentences of the retrieved paragraphs, and says so. Either way `generate` is a streaming node:
each answer is printed as it is generated (`pipeline.start(question)` and
`run.chunks("generate")`), token by token from an LLM.
"""

import asyncio
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TextIO

from _rag_index import (
    Chunk,
    EmbeddedChunk,
    NoMatch,
    Query,
    Retrieved,
    Retriever,
    VectorIndex,
    best_sentences,
    embed,
    load_model,
    read_corpus,
)
from _rag_llm import ChatClient, ChatConfig, ChatMessage

from typedflow import Flow, GraphError, Limiter, node, route

QUESTIONS = (
    "Why is Venus hotter than Mercury?",
    "How much caffeine is in a cup of tea?",
    "What makes bread go stale?",
    "How do I limit concurrent HTTP requests in asyncio?",
    "How do I share a rate limit between nodes?",
    "How do I find the commit that introduced a bug?",
    "Who won the football world cup in 1998?",
)

MIN_SCORE = 0.3
"""A question whose best paragraph scores less than this (cosine) is not answered."""

SYSTEM_PROMPT = (
    "Answer the question in one or two sentences using only the numbered passages. "
    "Cite the passages you used as [1], [2], ... If they do not contain the answer, say so."
)


@dataclass(frozen=True, slots=True)
class Prompt:
    """The chat messages for one question, and what they were built from."""

    retrieved: Retrieved
    messages: tuple[ChatMessage, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """Where an answer comes from: `file:line` of a paragraph and its similarity score."""

    where: str
    score: float


@dataclass(frozen=True, slots=True)
class Answer:
    """A typed answer: the text, its sources, and who wrote it."""

    question: str
    text: str
    sources: tuple[Source, ...]
    generator: str


# -- indexing: one chunk per input; `map` runs them concurrently, so the batch node fills up ---


@node(inline=True)
def keep_chunk(chunk: Chunk) -> Chunk | None:
    """A filter: headings and fragments end here (None), paragraphs go on."""
    return None if chunk.text.startswith("#") or len(chunk.text.split()) < 8 else chunk


@node(batch_size=64, max_wait=0.005)
def embed_chunks(chunks: list[Chunk]) -> list[EmbeddedChunk]:
    """A batch node: one model call embeds up to 64 chunks."""
    vectors = embed([c.text for c in chunks])
    return [EmbeddedChunk(c, v) for c, v in zip(chunks, vectors, strict=True)]


index_flow = keep_chunk >> embed_chunks


async def build_index(chunks: list[Chunk]) -> VectorIndex:
    """Embed every paragraph worth keeping into a `VectorIndex`."""
    async with index_flow.build(name="rag_index") as pipeline:
        embedded = await pipeline.map(chunks, concurrency=256)
    return VectorIndex([e for e in embedded if e is not None])


# -- questions -----------------------------------------------------------------------------


@node(cache=True)
def embed_question(question: str) -> Query:
    """The question's embedding, cached: a repeated question is embedded once."""
    return Query(question, embed([question])[0])


@node(inline=True)
def decline(no: NoMatch) -> Answer:
    """The branch for a question no paragraph is close to: say so, with no sources."""
    text = f"(not answered: no paragraph scored {MIN_SCORE} or more; the best was {no.best:.2f})"
    return Answer(no.query.text, text, (), "nobody")


@node(inline=True)
def build_prompt(retrieved: Retrieved) -> Prompt:
    """Chat messages: the instructions, then the numbered passages and the question."""
    passages = "\n".join(f"[{i}] {hit.chunk.text}" for i, hit in enumerate(retrieved.hits, 1))
    user = f"Passages:\n{passages}\n\nQuestion: {retrieved.query.text}"
    return Prompt(
        retrieved,
        ({"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}),
    )


@node(inline=True)
def cite(prompt: Prompt) -> Retrieved:
    """The passages an answer may cite (the other input of `compose`, beside the text)."""
    return prompt.retrieved


class LLMAnswerer:
    """Answers with a chat model, streaming its reply as the server sends it."""

    def __init__(self, client: ChatClient) -> None:
        self.client = client

    async def stream(self, prompt: Prompt) -> AsyncIterator[str]:
        async for piece in self.client.stream(prompt.messages):
            yield piece

    def compose(self, pieces: list[str], retrieved: Retrieved) -> Answer:
        sources = tuple(Source(hit.chunk.source, hit.score) for hit in retrieved.hits)
        label = f"LLM `{self.client.config.model}` at {self.client.config.base_url}"
        return Answer(retrieved.query.text, "".join(pieces).strip(), sources, label)


class ExtractiveAnswerer:
    """Answers offline with the retrieved paragraphs' sentences closest to the question,
    streamed a sentence at a time."""

    async def stream(self, prompt: Prompt) -> AsyncIterator[str]:
        sentences, _ = best_sentences(prompt.retrieved)
        for i, sentence in enumerate(sentences):
            yield sentence if i == 0 else " " + sentence

    def compose(self, pieces: list[str], retrieved: Retrieved) -> Answer:
        said = [piece.strip() for piece in pieces]
        used = [hit for hit in retrieved.hits if any(s in hit.chunk.text for s in said)]
        sources = tuple(Source(hit.chunk.source, hit.score) for hit in used)
        label = "offline extractive answer (no OPENAI_BASE_URL set)"
        return Answer(retrieved.query.text, "".join(pieces), sources, label)


def question_flow(
    retriever: Retriever, answerer: LLMAnswerer | ExtractiveAnswerer
) -> Flow[str, Answer]:
    """`embed_question >> retrieve >> route(build_prompt >> (generate, cite) >> compose,
    decline)` over one index and one model.

    `retrieve` gives `Retrieved | NoMatch`; the route sends each to its branch (the build
    proves every case has one), so every question gets an `Answer`. `generate` is a streaming
    node: a caller reads its pieces live (`run.chunks("generate")`), and `compose` gets the
    list of them.
    """
    retrieve = node(name="retrieve", inline=True)(retriever.retrieve)
    generate = node(name="generate", timeout=120)(answerer.stream)
    compose = node(name="compose", inline=True)(answerer.compose)
    answer = build_prompt >> (generate, cite) >> compose
    return embed_question >> retrieve >> route(answer, decline)


def show_a_wrong_edge(retriever: Retriever) -> None:
    """Route `retrieve` straight to `generate`, forgetting `build_prompt`: the build says so."""
    retrieve = node(name="retrieve", inline=True)(retriever.retrieve)
    generate = node(name="generate")(ExtractiveAnswerer().stream)
    wrong = embed_question >> retrieve >> route(generate, decline)  # type: ignore[operator, var-annotated]  # on purpose
    try:
        wrong.build(name="rag_wrong")
    except GraphError as error:
        print(error)
    else:
        raise AssertionError("the build accepted a wrong edge")


async def answer_all(
    flow: Flow[str, Answer], questions: tuple[str, ...], out: TextIO | None = None
) -> None:
    """Answer each question in turn, printing the answer as it is generated (the streaming
    node's pieces, live), then its sources and its time."""
    screen = sys.stdout if out is None else out
    async with flow.build(name="rag") as pipeline:
        for question in questions:
            start = time.perf_counter()
            screen.write(f"\nQ: {question}\nA: ")
            screen.flush()
            async with pipeline.start(question) as run:
                streamed = False
                async for piece in run.chunks("generate"):
                    screen.write(piece)
                    screen.flush()
                    streamed = True
                answer = await run.result()
            elapsed = (time.perf_counter() - start) * 1000
            screen.write(("" if streamed else answer.text) + "\n")
            if answer.sources:
                sources = ", ".join(f"{s.where} ({s.score:.2f})" for s in answer.sources)
                screen.write(f"   sources: {sources}\n")
            screen.write(f"   {elapsed:.1f} ms\n")


async def main() -> None:
    start = time.perf_counter()
    load_model()
    loaded = time.perf_counter()
    chunks = read_corpus()
    index = await build_index(chunks)
    indexed = time.perf_counter()
    retriever = Retriever(index, k=3, min_score=MIN_SCORE)

    print("== 1. The build checks every edge before anything runs:")
    show_a_wrong_edge(retriever)

    print("\n== 2. The index:")
    print(f"model loaded offline in {loaded - start:.2f} s")
    print(f"{len(chunks)} chunks read, {len(index)} kept and embedded in {indexed - loaded:.2f} s")

    config = ChatConfig.from_env()
    print("\n== 3. Answers", end=" ")
    if config is None:
        print("(offline extractive answers: set OPENAI_BASE_URL, OPENAI_MODEL and")
        print("   OPENAI_API_KEY to have an LLM write them):")
        await answer_all(question_flow(retriever, ExtractiveAnswerer()), QUESTIONS)
    else:
        print(f"(by `{config.model}` at {config.base_url}):")
        limiter = Limiter(concurrency=4, rate=5)
        async with ChatClient(config, limiter=limiter) as client:
            await answer_all(question_flow(retriever, LLMAnswerer(client)), QUESTIONS)
    print(f"\ntotal {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
