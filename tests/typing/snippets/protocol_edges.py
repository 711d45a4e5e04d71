"""Protocol parameters accept any structurally matching output."""

from __future__ import annotations

from typing import Protocol

from typedflow import node


class Named(Protocol):
    @property
    def name(self) -> str: ...


class User:
    def __init__(self, name: str) -> None:
        self.name = name


class Declared:
    name: str = "declared"


class Anonymous:
    id: int = 0


@node
def make_user(x: str) -> User:
    return User(x)


@node
def make_anonymous(x: str) -> Anonymous:
    return Anonymous()


@node
def make_declared(x: str) -> Declared:
    return Declared()


@node
def greet(who: Named) -> str:
    return who.name


flow_structural = make_declared >> greet
# An attribute assigned only in __init__ counts (read from the method source, as mypy does):
flow_init_attribute = make_user >> greet
flow_not_structural = make_anonymous >> greet  # E: Need type annotation for "flow_not_structural"  [var-annotated]
# ^ E: Unsupported operand types for >> ("SyncNode[[str], Anonymous]" and "SyncNode[[Named], str]")  [operator]
# ^ P: Operator ">>" not supported for types "SyncNode[(x: str), Anonymous]" and "SyncNode[(who: Named), str]"  [reportOperatorIssue]
