"""Issue 11, test isolation (tests/conftest.py): every pipeline a test makes is closed when the
test ends, so a later test's "no typedflow thread is left" holds whichever tests ran before.

The two tests below run in this order (pytest keeps a file's order): the first leaves a pipeline
with a running thread pool and a private loop unclosed, the second checks that nothing of it
is left.
"""

from __future__ import annotations

from typedflow._runtime._pipeline import made_pipelines
from typedflow.pipeline import Pipeline, PipelineNode

from ._helpers import chain, typedflow_threads

_left: list[Pipeline] = []


def _double(x: int) -> int:
    return 2 * x


async def test_a_pipeline_left_open_holds_threads() -> None:
    p = chain(Pipeline("left-open"), PipelineNode("double", _double))
    assert await p.execute(2) == {"double": 4}
    _left.append(p)  # still referenced after the test: only the fixture can close it
    assert any(name.startswith("typedflow-left-open") for name in typedflow_threads())


def test_the_next_test_finds_no_typedflow_thread() -> None:
    assert _left  # the test above ran first
    assert typedflow_threads() == []
    assert _left[0].execute_sync(3) == {"double": 6}  # a closed pipeline runs again


def test_made_pipelines_collects_the_pipelines_made_inside_it_only() -> None:
    before = Pipeline("before")
    with made_pipelines() as made:
        inside = [Pipeline("one"), Pipeline("two")]
    after = Pipeline("after")
    assert made == inside
    assert before not in made
    assert after not in made
