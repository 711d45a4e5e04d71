"""A graph with several problems, all reported by one build: a fan-in with swapped types, a
node reused into a cycle, and an unannotated node."""

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
def shout(text):  # type: ignore[no-untyped-def]  # unannotated, on purpose
    return text.upper()


def main() -> None:
    flow = words >> (longest, count) >> report  # type: ignore[operator]  # swapped fan-in
    looped = flow >> shout >> words  # a cycle back to `words`
    looped.build(name="broken")


if __name__ == "__main__":
    main()
