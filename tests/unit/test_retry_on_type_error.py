"""A node's own ill-typed result is retried when `retry_on` names `NodeTypeError` (issue 10,
part 6): "ask the model again when its JSON does not match the TypedDict"."""

from __future__ import annotations

import asyncio
from typing import Any, TypedDict

import pytest

from typedflow import NodeTypeError, build, node

pytestmark = pytest.mark.filterwarnings("ignore")  # the runtime logs each failed node


class Movie(TypedDict):
    title: str
    year: int


UP: Movie = {"title": "Up", "year": 2009}
MISSING_YEAR = (
    "Node `ask` in pipeline `t`: `return` expects `Movie`, got `dict[str, str]` (missing key"
    " `year`): {'title': 'Up'}"
)


def model(*answers: object) -> tuple[list[str], Any]:
    """A fake model giving `answers` in turn (an exception is raised); and the prompts seen."""
    prompts: list[str] = []
    replies = iter(answers)

    def reply(prompt: str) -> Any:
        prompts.append(prompt)
        answer = next(replies)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return prompts, reply


def test_issue10_an_ill_typed_reply_is_asked_again_until_it_fits() -> None:
    prompts, reply = model({"title": "Up"}, {"title": "Up", "year": "2009"}, UP)

    @node(name="ask", check=True, retries=2, retry_on=NodeTypeError, backoff=0)
    async def ask(prompt: str) -> Movie:
        out: Movie = reply(prompt)
        return out

    pipeline = build(ask, name="t")
    assert asyncio.run(pipeline.run("a film by Pixar")) == UP
    assert prompts == ["a film by Pixar"] * 3
    assert pipeline.last_run is not None
    assert pipeline.last_run.attempts("ask") == 3


def test_issue10_the_final_error_names_the_violation_and_the_attempts() -> None:
    prompts, reply = model(*[{"title": "Up"}] * 3)

    @node(name="ask", check=True, retries=2, retry_on=NodeTypeError, backoff=0)
    def ask(prompt: str) -> Movie:  # a sync node: the check runs on the loop after each call
        out: Movie = reply(prompt)
        return out

    with pytest.raises(NodeTypeError) as info:
        asyncio.run(build(ask, name="t").run("x"))
    assert info.value.message == MISSING_YEAR + " (after 3 attempts)"
    assert (info.value.node, info.value.pipeline) == ("ask", "t")
    assert len(prompts) == 3


def test_a_violation_is_not_retried_unless_retry_on_names_node_type_error() -> None:
    prompts, reply = model(*[{"title": "Up"}] * 3)

    @node(name="ask", check=True, retries=2, backoff=0)  # retry_on=Exception: not enough
    def ask(prompt: str) -> Movie:
        out: Movie = reply(prompt)
        return out

    with pytest.raises(NodeTypeError) as info:
        asyncio.run(build(ask, name="t").run("x"))
    assert info.value.message == MISSING_YEAR
    assert len(prompts) == 1


def test_other_failures_in_retry_on_are_retried_alongside() -> None:
    prompts, reply = model(ValueError("rate limited"), {"title": "Up"}, UP)

    @node(name="ask", check=True, retries=2, retry_on=(ValueError, NodeTypeError), backoff=0)
    def ask(prompt: str) -> Movie:
        out: Movie = reply(prompt)
        return out

    assert asyncio.run(build(ask, name="t").run("x")) == UP
    assert len(prompts) == 3


def test_the_fallback_replaces_the_last_violation_and_is_itself_checked() -> None:
    _, reply = model(*[{"title": "Up"}] * 4)
    unknown: Movie = {"title": "?", "year": 0}

    @node(name="ask", check=True, retries=1, retry_on=NodeTypeError, backoff=0, fallback=unknown)
    def ask(prompt: str) -> Movie:
        out: Movie = reply(prompt)
        return out

    assert asyncio.run(build(ask, name="t").run("x")) == unknown

    def give_up(prompt: str) -> Any:  # ill-typed at run time: the build cannot see it
        return {"prompt": prompt}

    @node(name="ask", check=True, retries=1, retry_on=NodeTypeError, backoff=0, fallback=give_up)
    def ask_badly(prompt: str) -> Movie:
        out: Movie = reply(prompt)
        return out

    with pytest.raises(NodeTypeError, match="missing keys"):
        asyncio.run(build(ask_badly, name="t").run("x"))


def test_an_ill_typed_argument_is_never_retried() -> None:
    prompts, reply = model(UP)

    @node(name="ask", check=True, retries=2, retry_on=NodeTypeError, backoff=0)
    def ask(prompt: str) -> Movie:
        out: Movie = reply(prompt)
        return out

    with pytest.raises(NodeTypeError, match="expects `str`, got `int`"):
        asyncio.run(build(ask, name="t").run(3))
    assert prompts == []
