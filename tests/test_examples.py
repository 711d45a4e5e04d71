"""Every runnable example under examples/ runs and prints what it promises (issue 2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# What each documentation example must print (a line each, checked as substrings).
EXPECTED: dict[str, list[str]] = {
    "simple_pipeline": ["{'preprocessor': 'hello world!', 'tokenizer': ['hello', 'world!']}"],
    "advanced_pipeline": [
        "{'final_result': {'classification': 'positive', 'confidence': 0.95, "
        "'embeddings': [0.1, 0.2, 0.3]}}"
    ],
    "error_handling": ["[True, False]"],
    "typed_node": [
        "count: <class 'str'> -> <class 'int'>",
        "double: <class 'int'> -> <class 'int'>",
        "{'count': 3, 'double': 6}",
    ],
    "sub_pipeline": ["{'clean': 'hello sub pipelines', 'count': 3}"],
    "optimized_node": ["5 executions, 2 lookups"],
    "batch_node": ["100 results in 4 batches of sizes [32, 32, 32, 4]"],
    "patterns": [
        "{'words': 5, 'chars': 19, 'vowels': 6}",
        "{'non_empty': NodeStatus.COMPLETED, 'words': NodeStatus.SKIPPED, "
        "'chars': NodeStatus.SKIPPED, 'vowels': NodeStatus.SKIPPED, "
        "'combine': NodeStatus.SKIPPED}",
    ],
    "text_processing": ["[[0.5, 0.6701030927835051], [0.9, 0.9896907216494846]"],
    "llm_processing": [
        "{'completion': '[fake-llm] answer to: What is typedflow?', 'length': '40'}"
    ],
    "support_desk_dsl": [
        "streaming: Thanks for asking about Where is my order. ",
        "reply to ada: Thanks for asking about Where is my order. -- the fake-llm desk",
        "ticket for bob: Thanks for asking about My parcel arrived broken.",
        "None\nNone\nreply to cy: Thanks for asking about Can I pay by card. -- the fake-llm desk",
        "model calls: 4",
    ],
    # Quickstart command 1 (issue 14); tests/rag checks its output whole.
    "rag_pipeline": [
        "error: Route `route(generate, decline)` has no branch for `Retrieved`, one of the "
        "types `retrieve` returns (`Retrieved | NoMatch`); add a branch that takes it  [TF009]",
        "   sources: tea.md:21 (0.77)",
        "A: (not answered: no paragraph scored 0.3 or more; the best was",
    ],
}

# Examples run offline, whatever the developer's shell holds (rag_pipeline reads these).
ENV = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}

RUNNABLE = sorted(p.stem for p in EXAMPLES.glob("*.py") if not p.stem.startswith("_"))


def test_every_documented_example_exists() -> None:
    assert set(EXPECTED) <= set(RUNNABLE)


@pytest.mark.parametrize("name", RUNNABLE)
def test_example_runs(name: str) -> None:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / f"{name}.py")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=ENV,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip(), f"{name} printed nothing"
    for line in EXPECTED.get(name, []):
        assert line in proc.stdout, f"{name} did not print {line!r}:\n{proc.stdout}"


def test_error_example_logs_the_failure() -> None:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / "error_handling.py")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (
        "WARNING:typedflow:node `risky_node` failed in pipeline `monitored` (run 2): "
        "ValueError: Operation failed"
    ) in proc.stderr
    assert "ERROR:root:Node risky_node failed" in proc.stderr
    assert "INFO:root:Node report was skipped" in proc.stderr
