"""The :class:`Case` record shared by the case modules."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Case", "topic"]


@dataclass(frozen=True)
class Case:
    source: object
    target: object
    expected: bool
    ref: str


def topic(case: Case) -> str:
    """The conformance topic of a case: the prefix of its file name (``protocols``, ...)."""
    return case.ref.split("_", 1)[0]
