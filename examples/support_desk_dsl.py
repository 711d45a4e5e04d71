"""A support desk on a (fake) LLM: typed control flow working together (issue 10).

    classify >> route(draft >> sign, escalate, archive) >> deliver

- `classify` is cached (`@node(cache=True)`): the same message is classified once.
- `route` sends each message down the one branch its type picks, and the build proves that
  every member of `Question | Complaint | Spam` has exactly one branch.
- `draft` streams tokens (`-> AsyncIterator[str]`, collected by `join`); a caller reads
  them live through `pipeline.start(...)` while the run goes on.
- Nodes get the model client and the customer from per-run `deps`, never from globals.
- One `Limiter` holds the model's quota across both nodes that call it.
- `deliver` is a typed filter (`-> str | None`): archived spam ends there, so the pipeline's
  output is `str | None` and `map` gives `None` for it.
- `run_sync` calls the same pipeline from synchronous code.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

from typedflow import Limiter, build, node, route

# -- the model: a fake client that streams tokens ---------------------------------------------


class FakeModel:
    """Stands in for an LLM client: streams a reply word by word."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.calls = 0

    async def stream(self, prompt: str) -> AsyncIterator[str]:
        self.calls += 1
        for word in f"Thanks for asking about {prompt.rstrip('?')}.".split(" "):
            await asyncio.sleep(0.001)  # tokens arrive over time
            yield word + " "

    async def complete(self, prompt: str) -> str:
        return "".join([token async for token in self.stream(prompt)]).strip()


@dataclass(frozen=True)
class Deps:
    """What one request's nodes need: passed per run, so concurrent requests never mix."""

    model: FakeModel
    customer: str


MODEL_QUOTA = Limiter(concurrency=4, rate=200)  # the provider's limits, shared by two nodes

# -- the messages and replies ------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    text: str


@dataclass(frozen=True)
class Complaint:
    text: str


@dataclass(frozen=True)
class Spam:
    text: str


@dataclass(frozen=True)
class Reply:
    to: str
    text: str


@dataclass(frozen=True)
class Ticket:
    customer: str
    summary: str


@dataclass(frozen=True)
class Archived:
    reason: str


# -- the nodes ---------------------------------------------------------------------------------


@node(cache=True)
async def classify(message: str) -> Question | Complaint | Spam:
    if "http://" in message or not message.strip():
        return Spam(message)
    return Question(message) if message.endswith("?") else Complaint(message)


def join(tokens: list[str]) -> str:
    return "".join(tokens).strip()


@node(collect=join, limiter=MODEL_QUOTA, timeout=30)
async def draft(question: Question, *, deps: Deps) -> AsyncIterator[str]:
    async for token in deps.model.stream(question.text):
        yield token


@node
def sign(text: str, *, deps: Deps) -> Reply:
    return Reply(deps.customer, f"{text} -- the {deps.model.name} desk")


@node(limiter=MODEL_QUOTA, retries=2)
async def escalate(complaint: Complaint, *, deps: Deps) -> Ticket:
    summary = await deps.model.complete(complaint.text)
    return Ticket(deps.customer, summary)


@node(inline=True)
def archive(spam: Spam) -> Archived:
    return Archived(f"spam: {spam.text[:20]}")


@node(inline=True)
def deliver(outcome: Reply | Ticket | Archived) -> str | None:
    """A filter: what was archived is not delivered (None ends the run)."""
    match outcome:
        case Reply(to=to, text=text):
            return f"reply to {to}: {text}"
        case Ticket(customer=customer, summary=summary):
            return f"ticket for {customer}: {summary}"
        case Archived():
            return None


# The whole desk: `typedflow check examples/support_desk_dsl.py` proves it sound.
desk = classify >> route(draft >> sign, escalate, archive) >> deliver


async def serve(model: FakeModel) -> None:
    pipeline = build(desk, name="desk", deps=Deps)
    async with pipeline:
        # One request, its tokens printed as the model produces them.
        async with pipeline.start("Where is my order?", deps=Deps(model, "ada")) as run:
            print("streaming: ", end="")
            async for token in run.chunks(draft):
                print(token, end="", flush=True)
            print()
            print(await run.result())

        # Many requests at once; spam and blank messages are archived: None, not delivered.
        inbox = ["Where is my order?", "My parcel arrived broken", "  ", "win http://x.y"]
        for outcome in await pipeline.map(inbox, deps=Deps(model, "bob")):
            print(outcome)


def main() -> None:
    model = FakeModel("fake-llm")
    asyncio.run(serve(model))
    # From synchronous code (a script, a Flask view): the same pipeline, no `await`.
    with build(desk, name="desk", deps=Deps) as pipeline:
        print(pipeline.run_sync("Can I pay by card?", deps=Deps(model, "cy")))
    print(f"model calls: {model.calls}")


if __name__ == "__main__":
    main()
