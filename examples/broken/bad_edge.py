"""A graph that must fail the build: `tokenize` returns `list[str]`, `classify` wants a dict."""

from typing import Any

from typedflow import TypedPipeline, node


@node
def tokenize(text: str) -> list[str]:
    return text.split()


@node
def classify(data: dict[str, Any]) -> str:
    return "positive" if data else "negative"


def main() -> TypedPipeline[str, str]:
    return (tokenize >> classify).build()  # type: ignore[operator]  # the bad edge, on purpose


if __name__ == "__main__":
    main()
