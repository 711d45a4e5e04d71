"""Differential check of ``is_assignable`` against mypy on a fixed sample of generated pairs."""

from __future__ import annotations

import pytest

from .mypy_diff import Report, run

SEED = 7
COUNT = 1500
# Disagreement rate on SEED/COUNT, as a fraction: the target, 0.1%. Measured before issue
# 9 (a8328f7): 6 of 1500 (0.40%) on Python 3.11, 3.12 and 3.13 alike; after it: 0 of 1500. The
# remaining known differences (mypy skips `__init__` for `type[C] -> Callable`) are rarer.
MAX_RATE = 0.001
# mypy rejects a few generated hints outright (those pairs are excluded); many more means the
# generator or the harness broke.
MAX_EXCLUDED = 0.02


def _summary(report: Report) -> str:
    lines = [
        f"{len(report.disagreements)} disagreements in {len(report.compared)} compared pairs "
        f"({100 * report.rate:.2f}%, ceiling {100 * MAX_RATE:.2f}%):",
        *(f"  {o.line()}" for o in report.disagreements),
    ]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def report() -> Report:
    return run(SEED, COUNT)


@pytest.mark.slow
def test_no_crashes(report: Report) -> None:
    crashes = report.crashes
    assert not crashes, "is_assignable raised:\n" + "\n".join(f"  {o.line()}" for o in crashes)


@pytest.mark.slow
def test_few_excluded(report: Report) -> None:
    assert len(report.excluded) <= MAX_EXCLUDED * COUNT


@pytest.mark.slow
def test_disagreement_rate(report: Report) -> None:
    assert report.rate <= MAX_RATE, _summary(report)
