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


# Module level, so that `typedflow check` finds `looped` (a `_` name is not checked alone).
_fan_in = words >> (longest, count) >> report  # type: ignore[operator]  # swapped fan-in
looped = _fan_in >> shout >> words  # a cycle back to `words`


def main() -> None:
    looped.build(name="broken")


if __name__ == "__main__":
    main()
