"""Flows whose nodes take per-run deps, for `typedflow check` (issue 10, part 4)."""

from __future__ import annotations

from dataclasses import dataclass

from typedflow import node


@dataclass(frozen=True)
class Deps:
    user: str


@dataclass(frozen=True)
class Other:
    key: str


@node
def greet(name: str, *, deps: Deps) -> str:
    return f"{deps.user}: {name}"


@node
def sign(text: str, *, deps: Deps) -> str:
    return f"{text} ({deps.user})"


@node
def stamp(text: str, *, deps: Other) -> str:
    return f"{text} [{deps.key}]"


agreeing = greet >> sign  # both declare `Deps`: checked with it
"""The nodes agree on their deps type."""
disagreeing = greet.named("greet2") >> stamp  # no single deps type: each is reported
"""The nodes declare different deps types."""
