"""TypedDict edges are structural: extra keys are fine, missing or mistyped keys are not."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from typedflow import node


class Movie(TypedDict):
    title: str
    year: int


class Titled(TypedDict):
    title: str


class Dated(TypedDict):
    title: str
    year: str


@node
def movie(x: str) -> Movie:
    return {"title": x, "year": 2000}


@node
def titled(x: str) -> Titled:
    return {"title": x}


@node
def show_title(m: Titled) -> str:
    return m["title"]


@node
def show_dated(m: Dated) -> str:
    return m["year"]


@node
def show_mapping(m: Mapping[str, object]) -> int:
    return len(m)


@node
def show_movie(m: Movie) -> str:
    return m["title"]


flow_extra_keys = movie >> show_title
flow_as_mapping = movie >> show_mapping
flow_missing_key = titled >> show_movie  # E: Need type annotation for "flow_missing_key"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], TypedDict({'title': str})]" and "SyncNode[[Movie], str]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), Titled]" and "SyncNode[(m: Movie), str]"  [reportOperatorIssue]
flow_wrong_value = movie >> show_dated  # E: Need type annotation for "flow_wrong_value"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], TypedDict({'title': str, 'year': int})]" and "SyncNode[[Dated], str]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), Movie]" and "SyncNode[(m: Dated), str]"  [reportOperatorIssue]
