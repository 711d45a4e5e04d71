"""Typed JSON for `typedflow run` (issue 14, part 3): inputs decoded into the pipeline's input
type with the decoder's message for a line that does not fit; outputs encoded from theirs."""

from __future__ import annotations

import datetime
import enum
import json
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol, TypedDict

import pydantic
import pytest

from typedflow._codec import Codec, DecodeFailure, to_builtins
from typedflow._jsonlines import encode

ROOT = Path(__file__).resolve().parents[2]


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


@dataclass
class Point:
    x: int
    y: float


class Movie(TypedDict):
    title: str
    year: int


class Pair(NamedTuple):
    left: int
    right: str


class Model(pydantic.BaseModel):
    name: str
    score: float


@dataclass
class Other:
    z: int


class Shape(Protocol):
    def area(self) -> float: ...


def test_dataclass_with_nested_containers() -> None:
    codec = Codec(list[Point])
    assert codec.note is None
    assert codec.decode(b'[{"x": 1, "y": 2}, {"x": 3, "y": 4.5}]') == [Point(1, 2.0), Point(3, 4.5)]


@pytest.mark.parametrize(
    ("hint", "raw", "expected"),
    [
        (Movie, b'{"title": "Up", "year": 2009}', {"title": "Up", "year": 2009}),
        (Pair, b'[1, "a"]', Pair(1, "a")),
        (Colour, b'"blue"', Colour.BLUE),
        (datetime.date, b'"2026-11-30"', datetime.date(2026, 11, 30)),
        (
            uuid.UUID,
            b'"12345678-1234-5678-1234-567812345678"',
            uuid.UUID("12345678-1234-5678-1234-567812345678"),
        ),
        (Literal["a", "b"], b'"b"', "b"),
        (tuple[int, str], b'[1, "x"]', (1, "x")),
        (dict[str, list[Colour]], b'{"k": ["red"]}', {"k": [Colour.RED]}),
        (int | None, b"null", None),
        (float, b"3", 3.0),
    ],
)
def test_decodes_into_the_declared_type(hint: object, raw: bytes, expected: object) -> None:
    value = Codec(hint).decode(raw)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("hint", "raw", "message"),
    [
        (Point, b'{"x": "1", "y": 2}', "not a `Point`: Expected `int`, got `str` - at `$.x`"),
        (Point, b'{"x": 1}', "not a `Point`: Object missing required field `y`"),
        (
            Movie,
            b'{"title": "Up", "year": 2009.5}',
            "not a `Movie`: Expected `int`, got `float` - at `$.year`",
        ),
        (Colour, b'"green"', "not a `Colour`: Invalid enum value 'green'"),
        (bool, b"1", "not a `bool`: Expected `bool`, got `int`"),
        (
            Point,
            b'{"x": 1,',
            "invalid JSON: Expecting property name enclosed in double quotes: line 1 column 9"
            " (char 8)",
        ),
        (list[Any], b"[" * 100_000 + b"]" * 100_000, "invalid JSON: nested too deeply"),
    ],
)
def test_a_value_of_another_type_fails_with_the_decoders_message(
    hint: object, raw: bytes, message: str
) -> None:
    with pytest.raises(DecodeFailure) as caught:
        Codec(hint).decode(raw)
    assert str(caught.value) == message


def test_pydantic_models_are_decoded_by_pydantic() -> None:
    codec = Codec(list[Model])
    assert codec.note is None
    assert codec.decode(b'[{"name": "a", "score": 1}]') == [Model(name="a", score=1.0)]
    with pytest.raises(DecodeFailure) as caught:
        codec.decode(b'[{"name": "a"}]')
    assert str(caught.value) == "not a `list[Model]`: 0.score: Field required"


def test_a_union_msgspec_refuses_goes_to_pydantic() -> None:
    codec = Codec(Point | Other)
    assert codec.note is None
    assert codec.decode(b'{"z": 1}') == Other(1)
    assert codec.decode(b'{"x": 1, "y": 2}') == Point(1, 2.0)


def test_any_and_undecodable_types_read_plain_json() -> None:
    assert Codec(Any).note is None
    assert Codec(Any).decode(b'{"a": [1, 2]}') == {"a": [1, 2]}
    codec = Codec(Shape)
    assert codec.note == (
        "the input type `Shape` cannot be decoded from JSON; each line is passed as its plain"
        " JSON value"
    )
    assert codec.decode(b'{"a": 1}') == {"a": 1}


def test_outputs_are_encoded_from_their_types() -> None:
    value = [
        Point(1, 2.5),
        Pair(1, "a"),
        Colour.RED,
        datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC),
        Model(name="m", score=0.5),
        {"nan": float("nan")},
    ]
    assert json.loads(encode(to_builtins(value))) == [
        {"x": 1, "y": 2.5},
        [1, "a"],
        "red",
        "2026-11-30T12:00:00Z",
        {"name": "m", "score": 0.5},
        {"nan": "NaN"},
    ]
    with pytest.raises(TypeError, match="`object` has no JSON form"):
        to_builtins(object())


def test_typedflow_run_decodes_dataclass_inputs_and_encodes_dataclass_outputs(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(
        '{"title": "disk full", "priority": "high", "opened": "2026-11-28T00:00:00Z"}\n'
        '{"title": "typo", "priority": "meh", "opened": "2026-11-01T00:00:00Z"}\n'
        '{"title": "slow", "priority": "low", "opened": "2026-10-01T00:00:00Z", "tags": ["db"]}\n'
    )
    command = [sys.executable, "-m", "typedflow", "run", "tests/flows/cli_typed.py:flow"]
    proc = subprocess.run(
        [*command, "--input-file", str(inputs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stdout == (
        '{"title": "disk full", "urgent": true, "age_days": 3}\n'
        '{"title": "slow", "urgent": false, "age_days": 61}\n'
    )
    assert proc.stderr == "line 2: not a `Ticket`: Invalid enum value 'meh' - at `$.priority`\n"
