"""Retrieval for the example: an embedding model loaded offline, a paragraph corpus, a numpy index.

The model is WordLlama's 256-dimension `l2_supercat` (MIT), whose weights and tokenizer ship in
the `wordllama` wheel: loading it reads two files from the installed package and never opens a
network connection (tests/rag/test_rag_retrieval.py proves it with sockets disabled).
"""

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import wordllama

__all__ = [
    "CORPUS",
    "Chunk",
    "EmbeddedChunk",
    "Hit",
    "Query",
    "Retrieved",
    "Retriever",
    "VectorIndex",
    "best_sentences",
    "embed",
    "load_model",
    "read_corpus",
]

Vector = npt.NDArray[np.float32]

CORPUS = Path(__file__).resolve().parent / "rag_corpus"
"""The bundled corpus: a few topics in Markdown, one paragraph per chunk."""


@functools.cache
def load_model() -> Any:
    """The bundled model, loaded once per process from the installed wheel, downloads disabled.

    `WordLlama.load()` looks for the tokenizer in `wordllama/tokenizer/`, but the wheel ships it
    in `wordllama/tokenizers/`, so by default it tries to download it. Given the package's own
    folder as its cache it finds both `weights/` and `tokenizers/` there, and
    `disable_download=True` turns any missing file into an error instead of a download.
    """
    package = Path(wordllama.__file__).resolve().parent
    return wordllama.WordLlama.load(cache_dir=package, disable_download=True)


def embed(texts: Sequence[str]) -> Vector:
    """Unit-length embeddings of `texts`, one row each (so a dot product is a cosine)."""
    vectors = load_model().embed(list(texts), norm=True)
    return np.asarray(vectors, dtype=np.float32)


@dataclass(frozen=True, slots=True)
class Chunk:
    """One paragraph of the corpus and where it is (`file:line`)."""

    source: str
    text: str


@dataclass(frozen=True, slots=True, eq=False)
class EmbeddedChunk:
    """A chunk with its embedding."""

    chunk: Chunk
    vector: Vector


@dataclass(frozen=True, slots=True, eq=False)
class Query:
    """A question with its embedding."""

    text: str
    vector: Vector


@dataclass(frozen=True, slots=True)
class Hit:
    """A retrieved chunk and its cosine similarity to the question."""

    chunk: Chunk
    score: float


@dataclass(frozen=True, slots=True)
class Retrieved:
    """A question and its best chunks, best first."""

    query: Query
    hits: tuple[Hit, ...]


def read_corpus(directory: Path = CORPUS) -> list[Chunk]:
    """Every paragraph (text between blank lines) of the Markdown files in `directory`."""
    chunks: list[Chunk] = []
    for path in sorted(directory.glob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        start: int | None = None
        for number, line in enumerate([*lines, ""], start=1):
            if line.strip() and start is None:
                start = number
            elif not line.strip() and start is not None:
                text = " ".join(lines[start - 1 : number - 1])
                chunks.append(Chunk(f"{path.name}:{start}", text))
                start = None
    return chunks


class VectorIndex:
    """Embedded chunks in one matrix; a search is one matrix-vector product."""

    def __init__(self, embedded: Sequence[EmbeddedChunk]) -> None:
        self.chunks = tuple(e.chunk for e in embedded)
        self.matrix = np.stack([e.vector for e in embedded]) if embedded else np.empty((0, 0))

    def __len__(self) -> int:
        return len(self.chunks)

    def search(self, vector: Vector, k: int) -> tuple[Hit, ...]:
        """The `k` chunks most similar to `vector`, best first."""
        if not self.chunks:
            return ()
        scores = self.matrix @ vector
        best = np.argsort(-scores, kind="stable")[:k]
        return tuple(Hit(self.chunks[i], round(float(scores[i]), 3)) for i in best)


@dataclass(frozen=True, slots=True)
class NoMatch:
    """A question no chunk is close enough to, and the best score found."""

    query: Query
    best: float


@dataclass(frozen=True, slots=True)
class Retriever:
    """Top-`k` search with a floor: a question whose best chunk scores below it is no match."""

    index: VectorIndex
    k: int = 3
    min_score: float = 0.3

    def retrieve(self, query: Query) -> Retrieved | NoMatch:
        """The best chunks for `query`, or `NoMatch` when none is close enough."""
        hits = self.index.search(query.vector, self.k)
        if not hits or hits[0].score < self.min_score:
            return NoMatch(query, hits[0].score if hits else 0.0)
        return Retrieved(query, hits)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def best_sentences(
    retrieved: Retrieved, count: int = 2
) -> tuple[list[str], tuple[Hit, ...]]:
    """An extractive answer: the `count` sentences of the hits closest to the question.

    A sentence's score is the mean of its own similarity to the question and its paragraph's,
    so a sentence that merely shares words with the question does not beat the best paragraph.

    Returns:
        The sentences (in the order they appear in the hits; an answer joins them with a
        space) and the hits they came from.
    """
    sentences = [
        (hit, sentence)
        for hit in retrieved.hits
        for sentence in _SENTENCE_END.split(hit.chunk.text)
    ]
    own = embed([s for _, s in sentences]) @ retrieved.query.vector
    scores = (own + np.array([hit.score for hit, _ in sentences], dtype=np.float32)) / 2
    chosen = sorted(np.argsort(-scores, kind="stable")[:count].tolist())
    used = tuple(dict.fromkeys(sentences[i][0] for i in chosen))
    return [sentences[i][1] for i in chosen], used

