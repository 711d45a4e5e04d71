"""Fan-out, fan-in and a sub-pipeline, for the graph pictures."""

from typedflow import node


@node
def words(text: str) -> list[str]:
    return text.split()


@node
def count(tokens: list[str]) -> int:
    return len(tokens)


@node
def longest(tokens: list[str]) -> str:
    return max(tokens, key=len)


@node
def report(n: int, word: str) -> str:
    return f"{n} words, longest {word}"


@node
def clean(text: str) -> str:
    return text.strip()


fan = words >> (count, longest) >> report
cleaning = (clean >> words).build(name="cleaning")
nested = cleaning.as_node("pre") >> (count, longest) >> report.named("summary")
