"""Each graph under examples/broken/ fails the build with exactly the pinned messages."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

from typedflow import GraphError

ROOT = Path(__file__).resolve().parents[2]

EXPECTED = {
    "bad_edge": [
        "examples/broken/bad_edge.py:19: error: Edge `tokenize` >> `classify`: `tokenize` returns"
        " `list[str]`, but `classify` expects `dict[str, Any]`  [TF001]",
    ],
    "many_problems": [
        "examples/broken/many_problems.py:27: error: Node `shout` is missing annotations"
        " (`text`, `return`); annotate them, or pass `strict=False` to `build` to read them as"
        " `Any`  [TF004]",
        "examples/broken/many_problems.py:33: error: Edge `longest` >> `report`: `longest`"
        " returns `str`, but `report` expects `int` for `n`  [TF001]",
        "examples/broken/many_problems.py:33: error: Edge `count` >> `report`: `count` returns"
        " `int`, but `report` expects `str` for `word`  [TF001]",
        "examples/broken/many_problems.py:34: error: Cycle `words` >> `longest` >> `report` >>"
        " `shout` >> `words`; a pipeline must be acyclic  [TF002]",
        "examples/broken/many_problems.py:38: error: The graph has no source node (every node"
        " has an upstream), so nothing receives the input  [TF006]",
    ],
}


def test_every_broken_example_is_pinned() -> None:
    found = {p.stem for p in (ROOT / "examples" / "broken").glob("*.py") if p.stem != "__init__"}
    assert found == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_example_messages(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    module = importlib.import_module(f"examples.broken.{name}")
    with pytest.raises(GraphError) as info:
        module.main()
    assert str(info.value).split("\n") == EXPECTED[name]
    assert os.getcwd() == str(ROOT)
