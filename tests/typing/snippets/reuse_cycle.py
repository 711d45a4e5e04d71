"""The same node twice in one graph is one vertex: a >> b >> a is a cycle mypy cannot see."""

from __future__ import annotations

from typedflow import node


@node
def ping(x: str) -> str:
    return x


@node
def pong(x: str) -> str:
    return x


flow_cycle = ping >> pong >> ping
flow_self_loop = ping >> ping
