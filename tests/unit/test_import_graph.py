"""The import graph of `typedflow` is acyclic (issue 11, Structure).

Every `import` and `from ... import` statement of every module counts, wherever it is: at
module level, inside a function or a class (a lazy import is still a dependency). Imports
under `if TYPE_CHECKING:` never run and are NOT counted for cycles: annotations legitimately
name types of the layers above (`Flow.build()` returns a `TypedPipeline`, `Flow` holds
`Node`s, which are `Composable` into flows). They do count for the rule that the DSL imports
the runtime only through the `typedflow._runtime` package.
"""

from __future__ import annotations

import ast
from pathlib import Path

import typedflow

ROOT = Path(typedflow.__file__).parent

# The DSL's layers, bottom first: each may import only those before it (and leaves).
LAYERED = (
    "typedflow._render",
    "typedflow._flow",
    "typedflow._ir",
    "typedflow._node",
    "typedflow._route",
    "typedflow._check",
    "typedflow._draw",
    "typedflow._compile",
    "typedflow._build",
)


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _type_checking_only(tree: ast.Module) -> set[int]:
    """The ids of the nodes under an `if TYPE_CHECKING:` (its body, not its `else`)."""
    hidden: set[int] = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test):
            hidden.update(id(x) for b in n.body for x in ast.walk(b))
    return hidden


def _targets(module: str, n: ast.Import | ast.ImportFrom) -> set[str]:
    """The `typedflow` modules (packages included) that an import statement imports."""
    if isinstance(n, ast.Import):
        names = [a.name for a in n.names]
    else:
        base = n.module or ""
        if n.level:
            package = module.split(".")
            if MODULES[module].name != "__init__.py":
                package = package[:-1]
            package = package[: len(package) - (n.level - 1)]
            base = ".".join([*package, *([n.module] if n.module else [])])
        names = [base, *(f"{base}.{a.name}" for a in n.names)]
    return {t for t in names if t in MODULES and t != module}


def import_graph(*, type_checking: bool) -> dict[str, set[str]]:
    """Each module's imports of other `typedflow` modules."""
    edges: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden = set() if type_checking else _type_checking_only(tree)
        edges[module] = set()
        for n in ast.walk(tree):
            if isinstance(n, ast.Import | ast.ImportFrom) and id(n) not in hidden:
                edges[module] |= _targets(module, n)
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle (its modules in import order, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(v: str) -> list[str] | None:
        state[v] = 1
        path.append(v)
        for w in sorted(edges.get(v, ())):
            if state.get(w) == 1:
                return [*path[path.index(w) :], w]
            if w not in state and (cycle := visit(w)) is not None:
                return cycle
        path.pop()
        state[v] = 2
        return None

    for v in sorted(edges):
        if v not in state and (cycle := visit(v)) is not None:
            return cycle
    return None


def test_the_finder_reports_a_cycle_with_its_path() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(edges) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_imports_anywhere_are_counted_and_type_checking_ones_only_when_asked(
    tmp_path: Path,
) -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ._build import TypedPipeline\n"
        "def f():\n    from ._check import analyse\n"
    )
    tree = ast.parse(source)
    hidden = _type_checking_only(tree)
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    visible = [
        sorted(_targets("typedflow._flow", n)) for n in imports if id(n) not in hidden
    ]
    assert visible == [[], ["typedflow._check"]]  # `typing` is not ours; the lazy one counts


def test_the_package_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph(type_checking=False))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def test_the_dsl_layers_import_only_downwards() -> None:
    edges = import_graph(type_checking=False)
    upward = [
        f"{a} imports {b}"
        for i, a in enumerate(LAYERED)
        for b in sorted(edges[a])
        if b in LAYERED[i + 1 :]
    ]
    assert upward == []
    layered = {a: edges[a] & set(LAYERED) for a in LAYERED}
    assert find_cycle(layered) is None


def test_the_dsl_imports_the_runtime_only_through_its_package() -> None:
    edges = import_graph(type_checking=True)
    private = [
        f"{a} imports {b}"
        for a in sorted(edges)
        if not a.startswith("typedflow._runtime") and a != "typedflow.pipeline"
        for b in sorted(edges[a])
        if b.startswith("typedflow._runtime.")
    ]
    assert private == []
