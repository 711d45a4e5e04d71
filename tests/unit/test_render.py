"""Pictures of flows and pipelines (issue 5): Mermaid, DOT, Jupyter hooks, sub-pipelines."""

from __future__ import annotations

from tests.flows.cli_shapes import cleaning, fan, nested

NESTED = """\
---
title: "outer"
---
flowchart LR
    input([input])
    output([output])
    subgraph n0 ["pre: pipeline cleaning"]
        n0_n0["clean"]
        n0_n1["words"]
        n0_n0 -->|"str"| n0_n1
    end
    n1["count"]
    n2["longest"]
    n3["summary"]
    input -->|"str"| n0
    n0 -->|"list[str]"| n1
    n0 -->|"list[str]"| n2
    n1 -->|"n: int"| n3
    n2 -->|"word: str"| n3
    n3 -->|"str"| output
"""


def test_a_sub_pipeline_is_a_subgraph() -> None:
    assert nested.build(name="outer").to_mermaid() == NESTED


def test_dot_clusters_attach_edges_to_the_inner_nodes() -> None:
    dot = nested.to_dot()
    assert "compound=true;" in dot
    assert "    subgraph cluster_n0 {\n        label=\"pre: pipeline cleaning\";" in dot
    assert '    input -> n0_n0 [label="str", lhead=cluster_n0];' in dot
    assert '    n0_n1 -> n1 [label="list[str]", ltail=cluster_n0];' in dot


def test_a_built_pipeline_draws_its_graph_with_its_name() -> None:
    assert cleaning.to_dot().startswith('digraph "cleaning" {\n')
    assert cleaning.to_mermaid().startswith("---\ntitle: \"cleaning\"\n---\nflowchart LR\n")


def test_jupyter_hooks_give_a_mermaid_block() -> None:
    markdown = fan._repr_markdown_()
    assert markdown == f"```mermaid\n{fan.to_mermaid()}```\n"
    bundle = fan._repr_mimebundle_()
    assert bundle["text/markdown"] == markdown
    assert bundle["text/vnd.mermaid"] == fan.to_mermaid()
    assert bundle["text/plain"] == repr(fan)


def test_labels_are_escaped() -> None:
    from typedflow._render import _dq, _mm

    assert _mm('a "b" <c>') == '"a #quot;b#quot; #lt;c#gt;"'
    assert _dq('a "b" \\') == '"a \\"b\\" \\\\"'


def test_issue5_a_mermaid_title_with_yaml_characters_stays_one_quoted_string() -> None:
    from tests.flows.nodes import inc

    text = inc._as_flow().build(name='ETL: stage #1 "raw"').to_mermaid()
    assert text.startswith('---\ntitle: "ETL: stage #1 \\"raw\\""\n---\n')
