"""A clean flow for the CLI tests: `parse >> double >> describe` (module-level, so found)."""

from typedflow import node


@node(inline=True)
def parse(text: str) -> int:
    return int(text)


@node(inline=True)
def double(n: int) -> int:
    return 2 * n


@node(inline=True)
def describe(n: int) -> dict[str, int]:
    return {"value": n}


@node(inline=True)
def letters(text: str) -> set[str]:
    return set(text)


flow = parse >> double >> describe
unserialisable = letters.named("letters")
"""Its output is a set, which JSON cannot hold (a single node is not found without :attr)."""
