"""A node's deps type must accept the pipeline's: the build checks it (TF012); a flow's type
does not carry its nodes' deps types, so mypy accepts the flow and types only `run`'s `deps=`."""

from __future__ import annotations

from dataclasses import dataclass

from typedflow import node


@dataclass
class AppDeps:
    user: str


@dataclass
class AdminDeps(AppDeps):
    level: int


DEPS = AppDeps  # the snippet suite builds this module's flows with `deps=DEPS`


@node
def greet(name: str, *, deps: AppDeps) -> str:
    return f"{deps.user}: {name}"


@node
def audit(text: str, *, deps: AdminDeps) -> str:
    return f"{text} (level {deps.level})"


@node
def view(text: str, *, deps: object) -> str:
    return text


flow_wider = greet >> view  # `object` accepts `AppDeps`
# Not a `flow_*`: the build rejects it with `deps=AppDeps` (TF012, pinned in
# tests/unit/test_deps.py) while mypy accepts it, since `AdminDeps` does not accept every
# `AppDeps` but a flow's type does not carry its nodes' deps types.
narrower = greet >> audit
