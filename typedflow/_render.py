"""Pictures of a graph: Mermaid and Graphviz DOT text, as plain functions of the graph IR."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._dispatch import is_merge
from ._hints import type_repr

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from ._ir import Graph

__all__ = ["DRAWING_OF", "Drawable", "Drawing", "to_dot", "to_mermaid"]


@dataclass(frozen=True, slots=True)
class Drawing:
    """A graph with what its picture shows besides the graph itself.

    Attributes:
        graph: The graph.
        returns: Each node's return type (as the checker solved it).
        carried: The type an edge carries where it is not its source's return type (a
            routed branch), by edge index.
        inner: The drawing and pipeline name of each node that is a sub-pipeline, by vertex.
    """

    graph: Graph
    returns: Sequence[object]
    carried: Mapping[int, object]
    inner: Mapping[int, tuple[Drawing, str]]


class Drawable:
    """Jupyter display, for whatever can draw itself as Mermaid (`to_mermaid`)."""

    __slots__ = ()

    def to_mermaid(self) -> str:
        """The graph as a Mermaid flowchart."""
        raise NotImplementedError

    def _repr_markdown_(self) -> str:
        return f"```mermaid\n{self.to_mermaid()}```\n"

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return {
            "text/markdown": self._repr_markdown_(),
            "text/vnd.mermaid": self.to_mermaid(),
            "text/plain": repr(self),
        }


def _no_drawing(graph: Graph) -> Drawing:
    raise RuntimeError("typedflow._draw is not imported; import typedflow first")


DRAWING_OF: list[Callable[[Graph], Drawing]] = [_no_drawing]
"""How a bare `Graph` becomes a `Drawing` (the checker's types): `typedflow._draw` installs
its `drawing_of` here when it is imported, so that this module imports neither it nor the
checker. Callers that have the checker at hand pass a `Drawing`."""


def _layout(drawing: Drawing | Graph) -> _Layout:
    return _Layout(drawing if isinstance(drawing, Drawing) else DRAWING_OF[0](drawing), "")


class _Layout:
    """The vertices, edges and labels of a drawing, with sub-pipelines expanded."""

    def __init__(self, drawing: Drawing, prefix: str) -> None:
        self.graph = drawing.graph
        self.prefix = prefix
        self.returns = drawing.returns
        self.carried = drawing.carried
        self.inner = {
            v: (_Layout(inner, f"{self.id(v)}_"), name)
            for v, (inner, name) in drawing.inner.items()
        }

    def id(self, v: int) -> str:
        return f"{self.prefix}n{v}"

    def sources(self) -> list[int]:
        return [v for v, ins in enumerate(self.graph.inputs) if not ins]

    def outputs(self) -> tuple[int, ...]:
        g = self.graph
        if g.outputs is not None:
            return g.outputs
        return tuple(v for v, heads in enumerate(g.successors) if not heads)

    def input_label(self, v: int) -> str:
        positional = self.graph.nodes[v].signature.positional
        return type_repr(positional[0][1]) if positional else "Any"

    def edges(self) -> list[tuple[int, int, str]]:
        """`(source, target, label)`: the source's type, and the parameter at a fan-in."""
        g = self.graph
        found = []
        for i, (u, v) in enumerate(g.ends):
            label = type_repr(self.carried.get(i, self.returns[u]))
            ins = g.inputs[v]
            if len(ins) > 1 and not is_merge(g.nodes[v]):
                k = ins.index(i)
                positional = g.nodes[v].signature.positional
                param = positional[k][0] if k < len(positional) else "*args"
                label = f"{param}: {label}"
            found.append((u, v, label))
        return found


# --- Mermaid ----------------------------------------------------------------------------------


def _mm(text: str) -> str:
    """A quoted Mermaid label."""
    escaped = text.replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    return f'"{escaped}"'


def to_mermaid(drawing: Drawing | Graph, title: str | None = None) -> str:
    """Render a drawing as a Mermaid flowchart (left to right), ending with a newline: node
    names, edge types, sub-pipelines as subgraphs. A bare `Graph` is drawn by `DRAWING_OF`."""
    layout = _layout(drawing)
    # A JSON string is a YAML string: names with `:` or ` #` stay one title.
    lines = ["---", f"title: {json.dumps(title)}", "---"] if title else []
    lines += ["flowchart LR", "    input([input])", "    output([output])"]
    _mermaid_nodes(layout, lines, "    ")
    lines.extend(
        f"    input -->|{_mm(layout.input_label(v))}| {layout.id(v)}" for v in layout.sources()
    )
    _mermaid_edges(layout, lines, "    ")
    lines.extend(
        f"    {layout.id(v)} -->|{_mm(type_repr(layout.returns[v]))}| output"
        for v in layout.outputs()
    )
    return "\n".join(lines) + "\n"


def _mermaid_nodes(layout: _Layout, lines: list[str], indent: str) -> None:
    for v, n in enumerate(layout.graph.nodes):
        sub = layout.inner.get(v)
        if sub is None:
            lines.append(f"{indent}{layout.id(v)}[{_mm(n.name)}]")
            continue
        inner, name = sub
        lines.append(f"{indent}subgraph {layout.id(v)} [{_mm(f'{n.name}: pipeline {name}')}]")
        _mermaid_nodes(inner, lines, indent + "    ")
        _mermaid_edges(inner, lines, indent + "    ")
        lines.append(f"{indent}end")


def _mermaid_edges(layout: _Layout, lines: list[str], indent: str) -> None:
    lines.extend(
        f"{indent}{layout.id(u)} -->|{_mm(label)}| {layout.id(v)}" for u, v, label in layout.edges()
    )


# --- DOT --------------------------------------------------------------------------------------


def _dq(text: str) -> str:
    """A quoted DOT string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(drawing: Drawing | Graph, title: str | None = None) -> str:
    """Render a drawing in Graphviz DOT (left to right), ending with a newline: node names,
    edge types, sub-pipelines as clusters. A bare `Graph` is drawn by `DRAWING_OF`."""
    layout = _layout(drawing)
    lines = [f"digraph {_dq(title or 'flow')} {{", "    rankdir=LR;"]
    if layout.inner:
        lines.append("    compound=true;")
    lines.append("    node [shape=box];")
    lines.append('    input [label="input", shape=oval];')
    lines.append('    output [label="output", shape=oval];')
    _dot_nodes(layout, lines, "    ")
    for v in layout.sources():
        head, attrs = _dot_end(layout, v, entering=True)
        lines.append(f"    input -> {head} [label={_dq(layout.input_label(v))}{attrs}];")
    _dot_edges(layout, lines, "    ")
    for v in layout.outputs():
        tail, attrs = _dot_end(layout, v, entering=False)
        lines.append(f"    {tail} -> output [label={_dq(type_repr(layout.returns[v]))}{attrs}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_end(layout: _Layout, v: int, *, entering: bool) -> tuple[str, str]:
    """The DOT node an edge to (or from) vertex `v` attaches to, and its cluster attribute."""
    sub = layout.inner.get(v)
    if sub is None:
        return layout.id(v), ""
    inner = sub[0]
    ends = inner.sources() if entering else list(inner.outputs())
    node, _ = _dot_end(inner, ends[0], entering=entering) if ends else (inner.id(0), "")
    return node, f", {'lhead' if entering else 'ltail'}=cluster_{layout.id(v)}"


def _dot_nodes(layout: _Layout, lines: list[str], indent: str) -> None:
    for v, n in enumerate(layout.graph.nodes):
        sub = layout.inner.get(v)
        if sub is None:
            lines.append(f"{indent}{layout.id(v)} [label={_dq(n.name)}];")
            continue
        inner, name = sub
        lines.append(f"{indent}subgraph cluster_{layout.id(v)} {{")
        lines.append(f"{indent}    label={_dq(f'{n.name}: pipeline {name}')};")
        _dot_nodes(inner, lines, indent + "    ")
        _dot_edges(inner, lines, indent + "    ")
        lines.append(f"{indent}}}")


def _dot_edges(layout: _Layout, lines: list[str], indent: str) -> None:
    for u, v, label in layout.edges():
        tail, out_attrs = _dot_end(layout, u, entering=False)
        head, in_attrs = _dot_end(layout, v, entering=True)
        lines.append(f"{indent}{tail} -> {head} [label={_dq(label)}{out_attrs}{in_attrs}];")
