"""Per-run deps: a node declaring `*, deps: T` wires like `(x) -> R`; a direct call needs `deps=`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, assert_type

from typedflow import Flow, node
from typedflow._node import AsyncDepsNode, SyncDepsNode


@dataclass
class AppDeps:
    user: str


DEPS = AppDeps  # the snippet suite builds this module's flows with `deps=DEPS`


@node
async def greet(name: str, *, deps: AppDeps) -> str:
    return f"{deps.user}: {name}"


@node
def count(text: str, *, deps: AppDeps) -> int:
    return len(text) + len(deps.user)


@node(name="shout", retries=1)
def shout(text: str, *, deps: AppDeps) -> str:
    return text.upper()


@node
def half(n: int) -> float:
    return n / 2


@node
def need_str(text: str) -> str:
    return text


@node
def loose(text: str, *, deps: AppDeps) -> Any:  # `Any` matches every overload: the plugin decides
    return text


@node(name="aloose")
async def aloose(text: str, *, deps: AppDeps) -> Any:
    return text


assert_type(greet, AsyncDepsNode[str, str, AppDeps])
assert_type(count, SyncDepsNode[str, int, AppDeps])
assert_type(shout, SyncDepsNode[str, str, AppDeps])
assert_type(aloose, AsyncDepsNode[str, Any, AppDeps])
flow_loose = need_str >> loose >> aloose
flow_chain = greet >> shout >> count >> half
assert_type(flow_chain, Flow[str, float])
flow_fan = need_str >> (greet, count)
assert_type(flow_fan, Flow[str, tuple[str, int]])
flow_bad = greet >> count >> need_str  # E: Need type annotation for "flow_bad"  [var-annotated]
# ^ E: Unsupported operand types for >> ("Flow[str, int]" and "SyncNode[[str], str]")  [operator]
# ^ P: Operator ">>" not supported for types "Flow[str, int]" and "SyncNode[(text: str), str]"  [reportOperatorIssue]


async def calls() -> None:
    reveal_type(loose)  # N: Revealed type is "typedflow._node.SyncDepsNode[str, Any, tests.typing.snippets.deps_nodes.AppDeps]"
    assert_type(await greet("x", deps=AppDeps("u")), str)
    assert_type(count("x", deps=AppDeps("u")), int)
    count("x")  # E: Missing named argument "deps" for "__call__" of "SyncDepsNode"  [call-arg]  # N: "__call__" defined in "typedflow._node"
    # ^ P: Argument missing for parameter "deps"  [reportCallIssue]
    count("x", deps="u")  # E: Argument "deps" to "__call__" of "SyncDepsNode" has incompatible type "str"; expected "AppDeps"  [arg-type]
    # ^ P: Argument of type "Literal['u']" cannot be assigned to parameter "deps" of type "AppDeps" in function "__call__"  [reportArgumentType]
