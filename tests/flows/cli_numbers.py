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


class Opaque:
    """A value JSON has no form for."""


@node(inline=True)
def opaque(text: str) -> Opaque:
    return Opaque()


@node(inline=True)
def lying(text: str) -> int:
    return text  # type: ignore[return-value]  # a wrong value only runtime checks catch


flow = parse >> double >> describe
unserialisable = opaque.named("opaque")
"""Its output is an object JSON cannot hold (a single node is not found without :attr)."""
