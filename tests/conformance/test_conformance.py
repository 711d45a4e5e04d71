"""The conformance score of ``is_assignable`` must not regress.

``MIN_AGREEING`` is the number of cases on which ``is_assignable`` agreed with the typing
spec when the cases were last measured (per Python version: the PEP 695 cases exist on 3.12+
only). Raise it as the relation improves. ``python -m tests.conformance.report`` prints the
full report, ``python -m tests.conformance.mypy_score -v`` mypy's score on the same cases.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter

import pytest

from .cases import CASES, Case
from .report import evaluate, summary

# Agreeing cases (of 1093 on 3.11, 1218 on 3.12+) measured when this file was last updated.
MIN_AGREEING: dict[tuple[int, int], int] = {(3, 11): 1091, (3, 12): 1217, (3, 13): 1217}

# mypy 2.4.1's agreeing cases on the same sets (a check of the cases, not of typedflow).
MYPY_MIN_AGREEING: dict[tuple[int, int], int] = {(3, 11): 1025, (3, 12): 1123, (3, 13): 1123}


def _for_this_python(table: dict[tuple[int, int], int]) -> int:
    """The entry for this Python, else for the newest listed version older than it."""
    here = sys.version_info[:2]
    known = [v for v in table if v <= here] or [min(table)]
    return table[max(known)]


def test_cases_are_well_formed() -> None:
    assert all(isinstance(c, Case) and isinstance(c.expected, bool) for c in CASES)
    for case in CASES:
        name, _, line = case.ref.partition(":")
        assert name.endswith(".py"), case.ref
        assert line.isdigit(), case.ref
    assert len(Counter(c.ref.split(":")[0] for c in CASES)) > 40


def test_conformance_score() -> None:
    score = evaluate()
    assert score.total == len(CASES)
    floor = _for_this_python(MIN_AGREEING)
    print(summary(score))
    assert len(score.agree) >= floor, (
        f"conformance score regressed: {len(score.agree)} < {floor}\n{summary(score)}"
    )


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_mypy_agrees_with_the_cases() -> None:
    from .mypy_score import run_mypy

    score = run_mypy()
    floor = _for_this_python(MYPY_MIN_AGREEING)
    assert len(score.agree) >= floor, (
        f"mypy agrees on {len(score.agree)} < {floor} cases; disagreeing: "
        + ", ".join(f"{c.ref} (expected {c.expected})" for c, _ in score.disagree + score.invalid)
    )
