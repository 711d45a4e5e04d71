"""A graph that must fail the build: `tokenize` returns `list[str]`, `classify` wants a dict."""

from typing import Any

from typedflow import TypedPipeline, node


@node
def tokenize(text: str) -> list[str]:
    return text.split()


@node
def classify(data: dict[str, Any]) -> str:
    return "positive" if data else "negative"


# At module level, so that `typedflow check examples/broken/bad_edge.py` finds it.
flow = tokenize >> classify  # type: ignore[operator, var-annotated]  # the bad edge, on purpose


def main() -> TypedPipeline[str, str]:
    return flow.build()


if __name__ == "__main__":
    main()
