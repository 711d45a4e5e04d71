"""`NodeOptions` (typedflow/_runtime/_options.py): one validated value for a node's options,
used by `@node`, `PipelineNode` and `BatchNode` alike (issue 11, Structure)."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import pytest

from typedflow import BatchNode, Limiter, NodeDefinitionError, PipelineNode, node
from typedflow._runtime import NodeOptions


def fetch(x: int) -> int:
    return x


def test_default_options_are_the_value_itself_and_frozen() -> None:
    options = NodeOptions()
    assert options.validated("n") is options
    assert options.is_default()
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.retries = 3  # type: ignore[misc]  # frozen: the point of the test


def test_validated_makes_the_nodes_own_limiter_once_then_the_shared_one() -> None:
    shared = Limiter(concurrency=5)
    options = NodeOptions(concurrency=2, limiter=shared).validated("n")
    own, then = options.limiters
    assert (own.concurrency, then) == (2, shared)
    assert options.validated("n").limiters == options.limiters  # made once, kept
    # a batch node keeps its own limit: no limiter made for it
    assert NodeOptions(concurrency=2, batch_size=4).validated("b").limiters == ()


def test_a_number_equal_to_its_default_is_default_but_a_bool_is_not() -> None:
    assert NodeOptions(retries=0, backoff=0.1).is_default()
    assert not NodeOptions(retries=False).is_default()
    with pytest.raises(NodeDefinitionError) as info:
        NodeOptions(retries=False).validated("n")
    assert info.value.message == "node `n`: retries must be a whole number >= 0, got False"


# The same bad option gives the same message from every way of making a node; only the
# prefix naming the node differs (`node `fetch`` at run time, ``@node` of `fetch`` in the DSL).
@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"concurrency": 0}, "concurrency must be at least 1, got 0"),
        ({"concurrency": 2.5}, "concurrency must be an int, got 2.5"),
        ({"limiter": 3}, "limiter must be a `typedflow.Limiter`, got `int`"),
        ({"timeout": math.nan}, "timeout must be a positive, finite number of seconds, got nan"),
        ({"retries": -1}, "retries must be a whole number >= 0, got -1"),
        (
            {"jitter": math.inf},
            "backoff, max_backoff and jitter must be finite numbers >= 0, got backoff=0.1,"
            " max_backoff=10.0, jitter=inf",
        ),
        ({"retry_on": ValueError("x")}, "retry_on must be an exception type or a tuple of them"),
    ],
    ids=lambda v: "" if isinstance(v, str) else next(iter(v)),
)
def test_node_and_pipeline_node_give_one_message_naming_the_node(
    options: dict[str, Any], problem: str
) -> None:
    with pytest.raises(NodeDefinitionError) as runtime:
        PipelineNode("fetch", fetch, **options)
    assert runtime.value.message == f"node `fetch`: {problem}"
    with pytest.raises(NodeDefinitionError) as dsl:
        node(**options)(fetch)
    assert dsl.value.message == f"`@node` of `fetch`: {problem}"


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"batch_size": 2.5}, "batch_size must be a whole number >= 1, got 2.5"),
        ({"max_wait": math.nan}, "max_wait must be a finite number of seconds >= 0, got nan"),
    ],
    ids=["batch_size", "max_wait"],
)
def test_batch_node_and_node_give_one_message_naming_the_node(
    options: dict[str, Any], problem: str
) -> None:
    def sizes(xs: list[int]) -> list[int]:
        return xs

    with pytest.raises(NodeDefinitionError) as runtime:
        BatchNode("sizes", sizes, **{"batch_size": 2, **options})
    assert runtime.value.message == f"node `sizes`: {problem}"
    with pytest.raises(NodeDefinitionError) as dsl:
        node(**{"batch_size": 2, **options})(sizes)
    assert dsl.value.message == f"`@node` of `sizes`: {problem}"
