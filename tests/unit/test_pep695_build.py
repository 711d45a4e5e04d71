"""PEP 695 aliases and generic functions in real pipelines (issue 9): build, run, and TF001."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest

from typedflow import GraphError, build

pytestmark = pytest.mark.skipif(sys.version_info < (3, 12), reason="PEP 695 syntax")


def _flows() -> Any:
    from tests.flows import pep695_py312

    return pep695_py312


def test_a_type_statement_alias_is_its_value_on_an_edge() -> None:
    f = _flows()
    pipeline = build(f.parse >> f.lookup)
    assert asyncio.run(pipeline.run("7")) == "user 7"


def test_pep695_generic_nodes_chain() -> None:
    f = _flows()
    pipeline = build(f.parse >> f.wrap >> f.first >> f.lookup)
    assert asyncio.run(pipeline.run("3")) == "user 3"


def test_a_recursive_alias_flows_into_itself() -> None:
    f = _flows()
    pipeline = build(f.as_json >> f.keys)
    assert asyncio.run(pipeline.run("x")) == 2


def test_a_mismatched_alias_edge_is_tf001() -> None:
    f = _flows()
    with pytest.raises(GraphError) as info:
        build(f.as_json >> f.shout)
    (problem,) = info.value.problems
    assert problem.code == "TF001"
    assert problem.message == (
        "Edge `as_json` >> `shout`: `as_json` returns `dict[str, JSON] | list[JSON] | str | int"
        " | float | bool`, but `shout` expects `bytes`"
    )


def test_pep695_class_nodes_and_methods_resolve_their_parameters() -> None:
    # Under `from __future__ import annotations`, `T` of `class Box[T]` exists in no module.
    from tests.unit import hints_py312 as h
    from typedflow._hints import type_hints

    (t,) = h.Box.__type_params__
    assert type_hints(h.Box.get) == {"return": t}
    assert type_hints(h.Box.__init__) == {"item": t, "return": type(None)}
