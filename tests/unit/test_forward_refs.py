"""A node's annotations may name a class defined later in its module (issue 12): under
`from __future__ import annotations` they are read when the flow is wired or built, not when
`@node` runs, and a name still undefined then is a clear error with the node's file and line."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

from typedflow import GraphError, NodeDefinitionError


def module(source: str) -> dict[str, Any]:
    """Execute `source` as a module body (its functions' globals are this namespace)."""
    namespace: dict[str, Any] = {"__name__": "forward_module"}
    code = "from __future__ import annotations\nfrom typedflow import build, node\n"
    exec(compile(code + textwrap.dedent(source), "forward_module.py", "exec"), namespace)
    return namespace


def test_a_class_defined_after_its_nodes_is_read_when_the_flow_is_built() -> None:
    found = module(
        """
        @node
        def make(x: int) -> Later:
            return Later(x)

        @node
        async def use(v: Later) -> int:
            return v.n * 2

        class Later:
            def __init__(self, n: int) -> None:
                self.n = n

        pipeline = build(make >> use)
        """
    )
    assert found["pipeline"].run_sync(3) == 6
    assert found["make"].signature.returns is found["Later"]


def test_the_build_still_checks_edges_of_such_nodes() -> None:
    with pytest.raises(GraphError) as caught:
        module(
            """
            @node
            def make(x: int) -> Later:
                return Later()

            @node
            def need_int(v: int) -> int:
                return v

            class Later: ...

            build(make >> need_int)
            """
        )
    assert str(caught.value) == (
        "forward_module.py:14: error: Edge `make` >> `need_int`: `make` returns `Later`, but"
        " `need_int` expects `int`  [TF001]"
    )


def test_a_name_never_defined_fails_when_the_flow_is_built_naming_the_node_and_site() -> None:
    with pytest.raises(NodeDefinitionError) as caught:
        module(
            """
            @node
            def make(x: int) -> Missing:
                return x

            @node
            def keep(v: int) -> int:
                return v

            build(make >> keep)
            """
        )
    assert str(caught.value) == (
        "forward_module.py:4: Cannot resolve the annotations of `make`: name `Missing` is not"
        " defined (read when the flow is wired or built)"
    )


@pytest.mark.parametrize(
    "definition",
    [
        "def tokens(x: int) -> Iterator[Later]:\n    yield Later()",  # a generator: a stream
        "def with_deps(x: int, *, deps: Later) -> int:\n    return x",  # a deps node
    ],
    ids=["generator", "deps"],
)
def test_nodes_whose_kind_their_annotations_decide_still_need_them_at_once(
    definition: str,
) -> None:
    with pytest.raises(NodeDefinitionError, match="name `Later` is not defined"):
        module("from collections.abc import Iterator\n@node\n" + definition + "\nclass Later: ...")


def test_a_plain_function_that_turns_out_to_return_an_iterator_is_reported() -> None:
    with pytest.raises(NodeDefinitionError) as caught:
        module(
            """
            from collections.abc import Iterator

            @node
            def chunks(x: int) -> Iterator[Later]:
                return iter([Later()])

            @node
            def count(v: list[Later]) -> int:
                return len(v)

            class Later: ...

            build(chunks >> count)
            """
        )
    assert str(caught.value) == (
        "forward_module.py:6: `chunks` returns an iterator, so it is a streaming node, but its"
        " annotations could not be resolved when `@node` ran: define the names they use before it"
    )
