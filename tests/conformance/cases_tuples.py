"""Tuple and NamedTuple cases."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterable, Sequence
from typing import Any, Generic, NamedTuple, Never, TypeVar

from .case import Case

T = TypeVar("T")


class Point(NamedTuple):
    x: int
    y: int
    units: str = "meters"


class PointWithName(Point):
    name: str = ""


class Property(NamedTuple, Generic[T]):
    name: str
    value: T


Point1 = namedtuple("Point1", ["x", "y"])  # untyped fields are Any
Point5 = NamedTuple("Point5", [("x", int), ("y", int)])  # noqa: UP014


class PointF(NamedTuple):
    x: int
    y: int


_TC = "tuples_type_compat.py"
_UN = "tuples_unpacked.py"
_NT = "namedtuples_type_compat.py"
_NU = "namedtuples_usage.py"
_DC = "namedtuples_define_class.py"
_DF = "namedtuples_define_functional.py"

CASES = [
    Case(tuple[int, int], tuple[float, complex], True, f"{_TC}:14"),
    Case(tuple[float, complex], tuple[int, int], False, f"{_TC}:15"),
    Case(tuple[int], tuple[int, ...], True, f"{_TC}:24"),
    Case(tuple[int, *tuple[int, ...]], tuple[int, ...], True, f"{_TC}:25"),
    Case(tuple[int], tuple[int, *tuple[int, ...]], True, f"{_TC}:28"),
    Case(tuple[int, ...], tuple[int, *tuple[int, ...]], False, f"{_TC}:29"),
    Case(tuple[int, *tuple[int, ...]], tuple[int], False, f"{_TC}:32"),
    Case(tuple[int, ...], tuple[int], False, f"{_TC}:33"),
    Case(tuple[int], tuple[int, ...], True, f"{_TC}:40"),
    Case(tuple[int], tuple[Any, ...], True, f"{_TC}:41"),
    Case(tuple[int, ...], tuple[int], False, f"{_TC}:43"),
    Case(tuple[int, ...], tuple[Any, ...], True, f"{_TC}:44"),
    Case(tuple[Any, ...], tuple[float, float], True, f"{_TC}:46"),
    Case(tuple[Any, ...], tuple[int, *tuple[str, ...]], True, f"{_TC}:47"),
    Case(tuple[Any, ...], tuple[int, int], True, f"{_TC}:59"),
    Case(tuple[Any, ...], tuple[int, int], True, f"{_TC}:61"),
    Case(tuple[int, ...], tuple[int, int], False, f"{_TC}:62"),
    Case(tuple[complex, list[int]], Sequence[T], True, f"{_TC}:150"),
    Case(tuple[complex, list[int]], Sequence[complex | list[int]], True, f"{_TC}:150"),
    Case(tuple[int, *tuple[str, ...]], Sequence[int | str], True, f"{_TC}:152"),
    Case(tuple[int, *tuple[str, ...]], Sequence[int], False, f"{_TC}:152"),
    Case(tuple[()], Sequence[Never], True, f"{_TC}:153"),
    Case(tuple[()], Sequence[int], True, f"{_TC}:153"),
    Case(tuple[int, str], tuple[int, *tuple[str]], True, f"{_TC}:156"),
    Case(tuple[int, str, str], tuple[int, *tuple[str]], False, f"{_TC}:157"),
    Case(tuple[int], tuple[int, *tuple[str, ...]], True, f"{_TC}:159"),
    Case(tuple[int, str], tuple[int, *tuple[str, ...]], True, f"{_TC}:160"),
    Case(tuple[int, str, str], tuple[int, *tuple[str, ...]], True, f"{_TC}:161"),
    Case(tuple[int, int, str], tuple[int, *tuple[str, ...]], False, f"{_TC}:162"),
    Case(tuple[int, str, int], tuple[int, *tuple[str, ...]], False, f"{_TC}:163"),
    Case(tuple[int, int], tuple[int, *tuple[str, ...], int], True, f"{_TC}:166"),
    Case(tuple[int, str, int], tuple[int, *tuple[str, ...], int], True, f"{_TC}:167"),
    Case(tuple[int, str, str, int], tuple[int, *tuple[str, ...], int], True, f"{_TC}:168"),
    Case(tuple[int, str, str], tuple[int, *tuple[str, ...], int], False, f"{_TC}:169"),
    Case(tuple[int, str, str, float], tuple[int, *tuple[str, ...], int], False, f"{_TC}:170"),
    Case(tuple[int], tuple[*tuple[str, ...], int], True, f"{_TC}:172"),
    Case(tuple[str, int], tuple[*tuple[str, ...], int], True, f"{_TC}:173"),
    Case(tuple[str, str, int], tuple[*tuple[str, ...], int], True, f"{_TC}:174"),
    Case(tuple[int, str, int], tuple[*tuple[str, ...], int], False, f"{_TC}:175"),
    Case(tuple[str, str, float], tuple[*tuple[str, ...], int], False, f"{_TC}:176"),
    Case(tuple[str, str], tuple[str, str, *tuple[int, ...]], True, f"{_TC}:180"),
    Case(tuple[str, str], tuple[str, str, *tuple[int]], False, f"{_TC}:181"),
    Case(tuple[str, str], tuple[str, *tuple[str, ...]], True, f"{_TC}:182"),
    Case(tuple[str, str], tuple[str, str, *tuple[str, ...]], True, f"{_TC}:183"),
    Case(tuple[str, str], tuple[str, str, str, *tuple[str, ...]], False, f"{_TC}:184"),
    Case(tuple[str, str], tuple[str, *tuple[int, ...], str], True, f"{_TC}:185"),
    Case(tuple[str, str], tuple[*tuple[str, ...], str], True, f"{_TC}:186"),
    Case(tuple[str, str], tuple[*tuple[str, ...], str, str, str], False, f"{_TC}:188"),
    # tuples_unpacked: an unpacked fixed tuple is the same as its elements
    Case(tuple[int, *tuple[bool, bool], str], tuple[int, bool, bool, str], True, f"{_UN}:17"),
    Case(tuple[int, bool, bool, str], tuple[int, *tuple[bool, bool], str], True, f"{_UN}:17"),
    Case(tuple[int, bool, bool, str], tuple[*tuple[int, bool], bool, str], True, f"{_UN}:18"),
    Case(tuple[int, bool, bool, str], tuple[int, bool, *tuple[bool, str]], True, f"{_UN}:19"),
    Case(tuple[int, *tuple[bool, ...], str], tuple[int, *tuple[bool, ...], str], True, f"{_UN}:26"),
    Case(tuple[int, *tuple[bool, ...], str], tuple[int, bool, str], False, f"{_UN}:26"),
    Case(tuple[int, bool, bool, str], tuple[int, *tuple[bool, ...], str], True, f"{_UN}:26"),
    Case(tuple[int, int], tuple[*tuple[int], *tuple[int]], True, f"{_UN}:31"),
    Case(tuple[*tuple[int], *tuple[int]], tuple[int, int], True, f"{_UN}:32"),
    # namedtuples_type_compat
    Case(Point, tuple[int, int, str], True, f"{_NT}:20"),
    Case(Point, tuple[Any, ...], True, f"{_NT}:21"),
    Case(Point, tuple[int, int], False, f"{_NT}:22"),
    Case(Point, tuple[int, str, str], False, f"{_NT}:23"),
    Case(Point, tuple[float, float, str], True, f"{_NT}:27"),
    Case(Point, tuple[int, ...], False, f"{_NT}:20"),
    Case(Point, tuple[int | str, ...], True, f"{_NT}:21"),
    Case(Point, Sequence[int | str], True, f"{_NT}:21"),
    Case(Point, Iterable[object], True, f"{_NT}:21"),
    Case(Point, Sequence[int], False, f"{_NT}:23"),
    Case(PointF, tuple[int, int], True, f"{_NT}:22"),  # derived: two int fields
    Case(tuple[int, int, str], Point, False, f"{_NT}:20"),  # a plain tuple is not a Point
    Case(PointF, Point, False, f"{_NT}:22"),
    Case(Point, tuple[int, int, str], True, f"{_NU}:48"),
    Case(PointWithName, tuple[int, int, str], True, f"{_DC}:101"),
    Case(PointWithName, Point, True, f"{_DC}:101"),
    Case(PointWithName, tuple[int, int, str, str], False, f"{_DC}:101"),
    Case(Point, PointWithName, False, f"{_DC}:101"),
    Case(Property[float], tuple[str, float], True, f"{_DC}:136"),
    Case(Property[float], Property[float], True, f"{_DC}:136"),
    Case(Property[float], Property[str], False, f"{_DC}:140"),
    Case(Property[int], tuple[str, float], True, f"{_DC}:136"),
    Case(float, str, False, f"{_DC}:140"),
    Case(str, int, False, f"{_DC}:47"),
    Case(Point1, tuple[Any, Any], True, f"{_DF}:14"),
    Case(Point1, tuple[int, str], True, f"{_DF}:15"),
    Case(Point1, tuple[float, ...], True, f"{_DF}:15"),
    Case(Point1, tuple[int], False, f"{_DF}:16"),
    Case(Point1, tuple[int, int, int], False, f"{_DF}:26"),
    Case(Point5, tuple[int, int], True, f"{_DF}:35"),
    Case(Point5, tuple[int, str], False, f"{_DF}:36"),
    Case(float, int, False, f"{_DF}:43"),
]
