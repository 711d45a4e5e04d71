"""Retrieval-augmented question answering on a real embedding model, in the typed DSL.

Run `python examples/rag_pipeline.py` (after `pip install -e '.[examples]'`). It shows the build
rejecting a wrongly wired flow, then indexes the bundled corpus (`examples/rag_corpus/`) and
answers questions with their sources:

    index:     read_corpus (one chunk per paragraph), then per chunk
               keep_chunk (filter) >> embed_chunks (batch node)             -> VectorIndex
    questions: embed_question (cached) >> retrieve
                   >> route(build_prompt >> generate, decline)                -> Answer

The embedding model ships inside the `wordllama` wheel (no download, no GPU). `generate` calls
an OpenAI-compatible chat completions endpoint when `OPENAI_BASE_URL` is set (with
`OPENAI_MODEL` and `OPENAI_API_KEY`), streaming its reply; otherwise it answers offline with
the best-matching sentences of the retrieved paragraphs, and says so.
"""

import asyncio
import time
from dataclasses import dataclass

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


class LLMAnswerer:
    """Answers with a chat model, collecting its streamed reply."""

    def __init__(self, client: ChatClient) -> None:
        self.client = client

    async def answer(self, prompt: Prompt) -> Answer:
        text = "".join([piece async for piece in self.client.stream(prompt.messages)])
        hits = prompt.retrieved.hits
        sources = tuple(Source(hit.chunk.source, hit.score) for hit in hits)
        label = f"LLM `{self.client.config.model}` at {self.client.config.base_url}"
        return Answer(prompt.retrieved.query.text, text.strip(), sources, label)


class ExtractiveAnswerer:
    """Answers offline with the retrieved paragraphs' sentences closest to the question."""

    async def answer(self, prompt: Prompt) -> Answer:
        text, hits = best_sentences(prompt.retrieved)
        sources = tuple(Source(hit.chunk.source, hit.score) for hit in hits)
        label = "offline extractive answer (no OPENAI_BASE_URL set)"
        return Answer(prompt.retrieved.query.text, text, sources, label)


def question_flow(
    retriever: Retriever, answerer: LLMAnswerer | ExtractiveAnswerer
) -> Flow[str, Answer]:
    """`embed_question >> retrieve >> route(build_prompt >> generate, decline)` over one index
    and one model.

    `retrieve` gives `Retrieved | NoMatch`; the route sends each to its branch (the build
    proves every case has one), so every question gets an `Answer`.
    """
    retrieve = node(name="retrieve", inline=True)(retriever.retrieve)
    generate = node(name="generate", timeout=120)(answerer.answer)
    return embed_question >> retrieve >> route(build_prompt >> generate, decline)


def show_a_wrong_edge(retriever: Retriever) -> None:
    """Route `retrieve` straight to `generate`, forgetting `build_prompt`: the build says so."""
    retrieve = node(name="retrieve", inline=True)(retriever.retrieve)
    generate = node(name="generate")(ExtractiveAnswerer().answer)
    wrong = embed_question >> retrieve >> route(generate, decline)  # type: ignore[operator, var-annotated]  # on purpose
    try:
        wrong.build(name="rag_wrong")
    except GraphError as error:
        print(error)
    else:
        raise AssertionError("the build accepted a wrong edge")


async def answer_all(flow: Flow[str, Answer], questions: tuple[str, ...]) -> None:
    """Answer each question in turn, printing the answer, its sources and its time."""
    async with flow.build(name="rag") as pipeline:
        for question in questions:
            start = time.perf_counter()
            answer = await pipeline.run(question)
            elapsed = (time.perf_counter() - start) * 1000
            print(f"\nQ: {question}")
            print(f"A: {answer.text}")
            if answer.sources:
                sources = ", ".join(f"{s.where} ({s.score:.2f})" for s in answer.sources)
                print(f"   sources: {sources}")
            print(f"   {elapsed:.1f} ms")


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
