"""Every node option is validated once, NaN and infinities included, naming the node (issue 11, #9).

`backoff`, `jitter` or `max_wait` = nan used to hang for ever, `timeout=nan` always failed,
`batch_size=2.5` hung, and `@node(concurrency=0)` above `def fetch` said `node` for the name.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from typedflow import NodeDefinitionError, node
from typedflow.pipeline import BatchNode, PipelineNode

NAN, INF = math.nan, math.inf
DELAYS = "backoff, max_backoff and jitter must be finite numbers >= 0, got"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"backoff": NAN}, f"{DELAYS} backoff=nan, max_backoff=10.0, jitter=0.1"),
        ({"jitter": NAN}, f"{DELAYS} backoff=0.1, max_backoff=10.0, jitter=nan"),
        ({"backoff": INF}, f"{DELAYS} backoff=inf, max_backoff=10.0, jitter=0.1"),
        ({"timeout": NAN}, "timeout must be a positive, finite number of seconds, got nan"),
        ({"timeout": INF}, "timeout must be a positive, finite number of seconds, got inf"),
        ({"timeout": 0}, "timeout must be a positive, finite number of seconds, got 0"),
        ({"retries": -1}, "retries must be a whole number >= 0, got -1"),
        ({"retries": 1.5}, "retries must be a whole number >= 0, got 1.5"),
        ({"concurrency": 0}, "concurrency must be at least 1, got 0"),
        ({"max_wait": NAN}, "max_wait must be a finite number of seconds >= 0, got nan"),
    ],
)
def test_a_bad_option_names_the_decorated_function(options: dict[str, Any], message: str) -> None:
    with pytest.raises(NodeDefinitionError) as info:

        @node(**options)
        def fetch(x: int) -> int:
            return x

    assert info.value.message == f"`@node` of `fetch`: {message}"


def test_a_fractional_batch_size_is_refused() -> None:
    with pytest.raises(NodeDefinitionError) as info:

        @node(batch_size=2.5)  # type: ignore[call-overload]  # the point of the test
        def sizes(xs: list[str]) -> list[int]:
            return [len(x) for x in xs]

    assert info.value.message == (
        "`@node` of `sizes`: batch_size must be a whole number >= 1, got 2.5"
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"backoff": NAN}, f"{DELAYS} backoff=nan, max_backoff=10.0, jitter=0.1"),
        ({"timeout": NAN}, "timeout must be a positive, finite number of seconds, got nan"),
    ],
)
def test_the_runtime_node_validates_the_same(options: dict[str, Any], message: str) -> None:
    with pytest.raises(NodeDefinitionError) as info:
        PipelineNode("p", lambda x: x, **options)
    assert info.value.message == f"node `p`: {message}"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"batch_size": 2.5}, "batch_size must be a whole number >= 1, got 2.5"),
        ({"batch_size": True}, "batch_size must be a whole number >= 1, got True"),
        ({"max_wait": NAN}, "max_wait must be a finite number of seconds >= 0, got nan"),
    ],
)
def test_batch_node_values(options: dict[str, Any], message: str) -> None:
    with pytest.raises(NodeDefinitionError) as info:
        BatchNode("b", lambda xs: xs, **options)
    assert info.value.message == f"node `b`: {message}"
