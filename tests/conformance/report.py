"""Score ``typedflow.is_assignable`` against the conformance cases.

Run ``python -m tests.conformance.report`` (from the repository root) for the summary:
total, agree, disagree (one line per case), raised, and per-topic scores.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field

from typedflow import is_assignable

from .cases import CASES, Case, topic
from .render import Renderer

__all__ = ["Score", "describe", "evaluate", "main"]

# A TypeError whose message names an unsupported construct is counted apart ("raised"),
# not as a disagreement; any other exception is a disagreement.
UNSUPPORTED = re.compile(r"unsupported|not supported|cannot (?:check|handle)", re.IGNORECASE)


@dataclass
class Score:
    agree: list[Case] = field(default_factory=list)
    disagree: list[tuple[Case, str]] = field(default_factory=list)  # (case, what happened)
    raised: list[tuple[Case, str]] = field(default_factory=list)  # unsupported-construct errors

    @property
    def total(self) -> int:
        return len(self.agree) + len(self.disagree) + len(self.raised)


_PREFIX = re.compile(
    r"\b(?:tests\.conformance\.cases_\w+|typing_extensions|typing|collections\.abc)\."
)


def _show(hint: object) -> str:
    """Source form of a hint without module prefixes (``*tuple[...]`` shown as Unpack)."""
    try:
        return _PREFIX.sub("", Renderer()(hint))
    except Exception:  # noqa: BLE001  (a repr must never break the report)
        return repr(hint)


def describe(case: Case, outcome: str) -> str:
    return (
        f"{case.ref}: {_show(case.source)} -> {_show(case.target)}: "
        f"expected {case.expected}, {outcome}"
    )


def evaluate(cases: list[Case] | None = None) -> Score:
    score = Score()
    for case in CASES if cases is None else cases:
        try:
            got = is_assignable(case.source, case.target)
        except TypeError as exc:
            if UNSUPPORTED.search(str(exc)):
                score.raised.append((case, f"TypeError: {exc}"))
            else:
                score.disagree.append((case, f"raised TypeError: {exc}"))
            continue
        except Exception as exc:  # noqa: BLE001  (any other failure is a disagreement)
            score.disagree.append((case, f"raised {type(exc).__name__}: {exc}"))
            continue
        if got is case.expected:
            score.agree.append(case)
        else:
            score.disagree.append((case, f"got {got}"))
    return score


def per_topic(score: Score) -> dict[str, tuple[int, int]]:
    """topic -> (agree, total)."""
    agree = Counter(topic(c) for c in score.agree)
    total = Counter(topic(c) for c in score.agree)
    total.update(topic(c) for c, _ in score.disagree)
    total.update(topic(c) for c, _ in score.raised)
    return {t: (agree[t], total[t]) for t in sorted(total)}


def summary(score: Score) -> str:
    lines = [
        f"total {score.total}, agree {len(score.agree)}, disagree {len(score.disagree)}, "
        f"raised {len(score.raised)} (python {sys.version_info.major}.{sys.version_info.minor})",
    ]
    if score.disagree:
        lines.append("disagree:")
        lines.extend(f"  {describe(c, what)}" for c, what in score.disagree)
    if score.raised:
        lines.append("raised (unsupported construct):")
        lines.extend(f"  {describe(c, what)}" for c, what in score.raised)
    lines.append("per topic (agree/total):")
    lines.extend(f"  {t:<14} {a}/{n}" for t, (a, n) in per_topic(score).items())
    return "\n".join(lines)


def main() -> int:
    print(summary(evaluate()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
