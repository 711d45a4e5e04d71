"""Seeded random flows around filters: the build's output hint is the output type mypy gives
each flow (or narrower, where mypy's overloads add a `| None` no run can give), and what
`run` returns fits it (where a filter's None goes is decided per `>>`, as mypy's overloads
decide it: `typedflow/_endings.py`).

One generated module holds every flow, each composed of stages (a node, or a fan-out of two
nodes followed by a node taking both) nested at random as right operands; mypy (with the
plugin) reveals each flow's type in one run. Flows mypy rejects are left out (the checkers
and the build may then disagree by design: see README's typing section).
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
import types
import typing
from pathlib import Path
from typing import Any

import pytest

from typedflow import is_assignable

from ._mypy import run_mypy

ROOT = Path(__file__).resolve().parents[2]

ZOO = '''
from __future__ import annotations
from typing import TypeVar
from typedflow import node

T = TypeVar("T")


@node
def keep(s: str) -> str | None:
    return s if s.startswith("k") else None


@node
def keep_t(s: str) -> str | None:
    return s if s.endswith("t") else None


@node
def shout(s: str) -> str:
    return s.upper()


@node
def take(s: str | None) -> str:
    return "-" if s is None else s + "!"


@node
def seen(x: object) -> str:
    return repr(x)


@node
def wrap(x: T) -> list[T]:
    return [x]


@node
def join(a: str, b: str) -> str:
    return a + b


@node
def join_opt(a: str | None, b: str | None) -> str:
    return f"{a}/{b}"
'''

STR_TO_STR = ("keep", "keep_t", "shout", "take")  # nodes whose input is str (or admits it)
TAILS = ("seen", "wrap")  # nodes that take anything: only last in a flow


def _stage(rng: random.Random, counter: list[int], last: bool) -> str:
    def use(name: str) -> str:
        counter[0] += 1
        return f"{name}.named('{name}_{counter[0]}')"

    pool = STR_TO_STR + TAILS if last else STR_TO_STR
    roll = rng.random()
    if roll < 0.25:  # a fan-out joined again
        left, right = rng.choice(STR_TO_STR), rng.choice(STR_TO_STR)
        return f"({use(left)}, {use(right)}) >> {use(rng.choice(('join', 'join_opt')))}"
    if last and roll < 0.45:  # a fan-out that ends the flow
        return f"({use(rng.choice(pool))}, {use(rng.choice(pool))})"
    return use(rng.choice(pool))


def _combine(rng: random.Random, stages: list[str]) -> str:
    """The stages in order, bracketed at random: `(a >> b) >> c` or `a >> (b >> c)`."""
    if len(stages) == 1:
        return stages[0]
    k = rng.randint(1, len(stages) - 1)
    return f"({_combine(rng, stages[:k])}) >> ({_combine(rng, stages[k:])})"


def _flow(rng: random.Random, counter: list[int]) -> str:
    count = rng.randint(2, 4)
    return _combine(rng, [_stage(rng, counter, last=k == count - 1) for k in range(count)])


def _module(seed: int, count: int) -> str:
    rng = random.Random(seed)
    counter = [0]
    lines = [ZOO, "from typing import TYPE_CHECKING, reveal_type", ""]
    for k in range(count):
        lines.append(f"flow_{k} = {_flow(rng, counter)}")
        lines.append(f"if TYPE_CHECKING: reveal_type(flow_{k})")
    return "\n".join(lines) + "\n"


def _mypy_text(hint: object) -> str:
    """A hint as mypy prints it in a revealed type (for the zoo's types)."""
    if hint is type(None):
        return "None"
    if isinstance(hint, type) and not typing.get_args(hint):
        return hint.__name__
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_mypy_text(a) for a in args)
    if origin in (tuple, list):
        return f"{origin.__name__}[" + ", ".join(_mypy_text(a) for a in args) + "]"
    return repr(hint)


def _output_of(flow_type: str) -> str:
    """`O` of a revealed `Flow[I, O]` (split at the first top-level comma)."""
    inner = flow_type.removeprefix("typedflow._flow.Flow[").removesuffix("]")
    depth = 0
    for k, ch in enumerate(inner):
        depth += ch == "["
        depth -= ch == "]"
        if ch == "," and depth == 0:
            return inner[k + 1 :].strip()
    raise AssertionError(flow_type)


_REVEALED = re.compile(r':(\d+): note: Revealed type is "(typedflow\._flow\.Flow\[.*\])"$')


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_random_filter_flows_agree_with_mypy_and_run_within_their_type(
    seed: int, tmp_path: Path
) -> None:
    source = _module(seed, 40)
    path = tmp_path / f"filter_flows_{seed}.py"
    path.write_text(source)
    stdout, _ = run_mypy(str(path))
    lines = source.splitlines()
    rejected = {
        int(m.group(1)) - 1  # the flow's line: the error is on its assignment
        for m in re.finditer(r":(\d+): error:", stdout)
    }
    revealed: dict[str, str] = {}
    for line in stdout.splitlines():
        m = _REVEALED.search(line)
        if m:
            line_text = lines[int(m.group(1)) - 1]
            name = line_text.removeprefix("if TYPE_CHECKING: reveal_type(").removesuffix(")")
            revealed[name] = _output_of(m.group(2))
    spec = importlib.util.spec_from_file_location(f"filter_flows_{seed}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        compared = exact = 0
        for k in range(40):
            name = f"flow_{k}"
            at = next(i for i, text in enumerate(lines) if text.startswith(f"{name} = "))
            if at in rejected or name not in revealed:
                continue
            pipeline = getattr(module, name).build()
            claimed = eval(revealed[name], {"str": str, "None": None})  # mypy's text
            # The build's hint is mypy's type, or narrower where mypy's overloads add a
            # `| None` that cannot happen (a node below every skip takes the None).
            assert is_assignable(pipeline.output_hint, claimed), (
                f"{lines[at]}: build {_mypy_text(pipeline.output_hint)}, mypy {revealed[name]}"
            )
            for text in ("kit", "cat", "kt", "ab"):
                _check_fits(pipeline.run_sync(text), pipeline.output_hint, lines[at], text)
            compared += 1
            exact += _mypy_text(pipeline.output_hint) == revealed[name]
        assert compared >= 20  # most random flows type-check; the comparison is not empty
        assert exact >= compared - 5  # narrower than mypy only in the rare shape above
    finally:
        del sys.modules[spec.name]


def _check_fits(value: Any, hint: Any, flow: str, text: str) -> None:
    from typedflow._checks_runtime import fits

    assert fits(value, hint), f"{flow}: run_sync({text!r}) gave {value!r}, not {hint}"
