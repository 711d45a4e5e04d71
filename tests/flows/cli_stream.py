"""Flows for `typedflow run`'s streaming tests (issue 11): each shows one kind of bad input."""

import asyncio

from typedflow import node


@node(inline=True)
def number(text: str) -> float:
    """`"nan"` and `"inf"` give non-finite floats, which JSON cannot hold as numbers."""
    return float(text)


@node(inline=True)
def echo(text: str) -> str:
    """Returns its input: a lone surrogate (`"\\ud800"`) cannot be written as UTF-8."""
    return text


@node(inline=True)
def picky(n: int) -> int:
    if n < 0:
        raise ValueError(f"negative:\n{n} is below zero\nand that is not allowed")
    return n


@node
async def slow(seconds: float) -> float:
    await asyncio.sleep(seconds)
    return seconds


numbers = number.named("number")
echoes = echo.named("echo")
checks = picky.named("picky")
sleeps = slow.named("slow")
