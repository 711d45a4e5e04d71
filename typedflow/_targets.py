"""Command TARGETs: import a file, folder or module, find its flows, turn failures into findings."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import os
import sys
import traceback
import zlib
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._build import TypedPipeline
from ._check import analyse
from ._errors import GraphError, Problem
from ._flow import Composable, Flow
from ._ir import graph_of
from ._runtime import NO_DEPS

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from types import ModuleType

    from ._ir import Graph

__all__ = ["Found", "Resolved", "UsageError", "resolve", "resolve_one"]


class UsageError(Exception):
    """A bad target or option: printed on stderr, exit status 2."""


@dataclass(frozen=True, slots=True)
class Found:
    """One flow or pipeline found in a target."""

    label: str
    graph: Graph | None
    problems: tuple[Problem, ...] = ()
    pipeline: TypedPipeline[Any, Any] | None = None
    flow: Flow[Any, Any] | None = None


@dataclass(frozen=True, slots=True)
class Resolved:
    """What one target holds, and what in it could not be checked.

    Attributes:
        found: Its flows and pipelines, each once.
        modules: How many modules were imported.
        failed: One message per module of a walked directory or package that failed to import.
        error: Why the target as a whole could not be checked, if it could not.
    """

    found: tuple[Found, ...] = ()
    modules: int = 0
    failed: tuple[str, ...] = ()
    error: str | None = None


# A walk skips these folders and files below the folder it was given (name one to check it).
_SKIPPED_DIRS = ("tests", "test", "__pycache__", "site-packages", "node_modules")
_SKIPPED_FILES = ("conftest.py", "setup.py", "__main__.py")
_NOT_RUN = (
    "which typedflow does not run: name a flow, a pipeline, or a plain function returning one"
)
_EXIT_HINT = (
    'Hint: `typedflow check` imports the module; exit only under `if __name__ == "__main__":`'
)


def _split(target: str) -> tuple[str, str | None]:
    head, sep, attr = target.rpartition(":")
    if sep and attr.replace(".", "").replace("_", "a").isalnum() and head:
        return head, attr
    return target, None


def _is_path(spec: str) -> bool:
    return spec.endswith(".py") or os.sep in spec or "/" in spec or Path(spec).is_dir()


@contextmanager
def _user_code(what: str) -> Iterator[None]:
    """Run the user's code; its failure, or its `sys.exit()`, becomes a `UsageError` (a
    `GraphError`, a pipeline built at import time that did not build, propagates)."""
    try:
        yield
    except GraphError:  # findings, reported by the caller
        raise
    except SystemExit as exc:  # not a way out of `check`: a finding for this target
        raise UsageError(f"{_summary(what, exc)}\n{_EXIT_HINT}") from exc
    except Exception as exc:  # the user's module failed: summarise it
        raise UsageError(_summary(what, exc)) from exc


def _import_file(path: Path, shown: str) -> ModuleType:
    """Import a file as `python -m` would: as part of its package if it is in one (the package
    root on sys.path), else under a private name with its directory on sys.path, so that its
    `if __name__ == '__main__':` block does not run."""
    root, name = _package_of(path)
    if name is None:
        sys.path.insert(0, str(path.parent))
        name = _loose_name(path)
        module_spec = importlib.util.spec_from_file_location(name, path)
        if module_spec is None or module_spec.loader is None:
            raise UsageError(f"error: cannot import {shown}")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module
        with _user_code(f"cannot import {shown}"):
            module_spec.loader.exec_module(module)
        return module
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    with _user_code(f"cannot import {shown}"):
        module = importlib.import_module(name)
    file = getattr(module, "__file__", None)
    if file is None or Path(file).resolve() != path:
        raise UsageError(
            f"error: cannot import {shown} as `{name}`: that name is {file or 'a namespace'}"
            " (another package of that name comes first on sys.path)"
        )
    return module


def _loose_name(path: Path) -> str:
    """The module name of a file outside any package, its folder first on sys.path: its stem,
    which a worker process started by spawn or forkserver imports again to find the file's
    functions, unless that name is taken (already imported, or another module comes first on
    sys.path); then a private name, which such a worker cannot import."""
    stem = path.stem
    if stem.isidentifier() and stem not in sys.modules:
        try:
            found = importlib.util.find_spec(stem)
        except (ImportError, ValueError):
            found = None
        origin = found.origin if found is not None else None
        if origin is not None and Path(origin).resolve() == path:
            return stem
    return f"_typedflow_target_{stem}_{zlib.crc32(str(path).encode())}"


def _package_of(path: Path) -> tuple[Path, str | None]:
    """The folder to put on sys.path and the dotted name of `path`, or no name if `path` is not
    in a package (or a part of its name is not an identifier)."""
    parts = [] if path.name == "__init__.py" else [path.stem]
    root = path.parent
    while (root / "__init__.py").is_file():
        parts.insert(0, root.name)
        root = root.parent
    if path.name != "__init__.py" and root == path.parent:
        return root, None
    return root, ".".join(parts) if all(p.isidentifier() for p in parts) else None


def _import_module(name: str) -> ModuleType:
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    with _user_code(f"cannot import {name}"):
        return importlib.import_module(name)


def _walk(folder: Path) -> Iterator[Path]:
    """The module files below `folder`: its own first (`__init__.py` leading), then each
    subfolder's, each sorted; skipped folders and files are left out."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return
    files = [e for e in entries if e.suffix == ".py" and e.is_file() and _wanted(e.name)]
    yield from sorted(files, key=lambda f: f.name != "__init__.py")
    for sub in entries:
        if sub.is_dir() and _wanted_dir(sub):
            yield from _walk(sub)


def _dotted(package: str, folder: Path, file: Path) -> str:
    """The module name of `file`, found by walking `folder`, a folder of `package`."""
    parts = file.relative_to(folder).with_suffix("").parts
    return ".".join((package, *parts[: -1 if parts[-1] == "__init__" else None]))


def _wanted(name: str) -> bool:
    return not (
        name in _SKIPPED_FILES or name.startswith(("test_", ".")) or name.endswith("_test.py")
    )


def _wanted_dir(folder: Path) -> bool:
    name = folder.name
    if name in _SKIPPED_DIRS or name.startswith((".", "test_")):
        return False
    return not (folder / "pyvenv.cfg").exists()  # a virtual environment


def _summary(what: str, exc: BaseException) -> str:
    """`file:line: error: what`, the innermost frame in the user's code, and the exception."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if _is_user_file(f.filename)]
    lines: list[str] = []
    if isinstance(exc, SyntaxError) and exc.filename:
        where = f"{_shown(exc.filename)}:{exc.lineno}: "
        lines.append(f'  File "{_shown(exc.filename)}", line {exc.lineno}')
        if exc.text:
            lines.append(f"    {exc.text.strip()}")
    elif frames:
        last = frames[-1]
        where = f"{_shown(last.filename)}:{last.lineno}: "
        lines.append(f'  File "{_shown(last.filename)}", line {last.lineno}, in {last.name}')
        if last.line:
            lines.append(f"    {last.line}")
    else:
        where = ""
    exception = "".join(traceback.format_exception_only(exc)).strip()
    return "\n".join([f"{where}error: {what}", *lines, exception])


def _is_user_file(filename: str) -> bool:
    if filename.startswith("<"):
        return False
    path = os.path.abspath(filename)
    skip = [os.path.dirname(os.__file__), os.path.dirname(os.path.abspath(__file__))]
    return not any(path.startswith(s + os.sep) for s in skip) and "site-packages" not in path


def _shown(path: str) -> str:
    cwd = os.getcwd() + os.sep
    full = os.path.abspath(path)
    return full[len(cwd) :] if full.startswith(cwd) else path


def _assignments(path: Path | None) -> dict[str, int]:
    """The line of each module-level assignment in `path` (the site of whole-graph problems)."""
    if path is None or path.suffix != ".py":
        return {}
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return {}
    lines: dict[str, int] = {}
    for stmt in tree.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else []
        if isinstance(stmt, ast.AnnAssign):
            targets = [stmt.target]
        for t in targets:
            if isinstance(t, ast.Name):
                lines.setdefault(t.id, stmt.lineno)
    return lines


def resolve(target: str) -> Resolved:
    """Every flow or pipeline `target` names, checked (nothing runs). Never raises: what could
    not be checked is in the result. What the target prints goes to stderr, not stdout."""
    with redirect_stdout(sys.stderr):
        try:
            return _resolve(target)
        except UsageError as exc:
            return Resolved(error=str(exc))


def _resolve(target: str) -> Resolved:
    spec, attr = _split(target)
    if not _is_path(spec):
        try:
            module = _import_module(spec)
        except GraphError as exc:  # it builds a pipeline at import time, which did not build
            return Resolved((Found(spec, None, exc.problems),), 1)
        folders = getattr(module, "__path__", None)
        if attr is not None or folders is None:
            file = getattr(module, "__file__", None)
            return _one(module, Path(file) if file else None, spec, attr)
        names = [_dotted(spec, Path(d), f) for d in folders for f in _walk(Path(d))]
        return _each([n for n in names if all(p.isidentifier() for p in n.split("."))])
    path = Path(spec).resolve()
    if path.is_dir() and attr is None:
        return _each(list(_walk(path)))
    if path.is_dir() and (path / "__init__.py").is_file():
        path = path / "__init__.py"
    elif path.is_dir():
        raise UsageError(f"error: {spec} is a folder, not a module: name a file as TARGET:attr")
    if not path.is_file():
        raise UsageError(f"error: no such file: {spec}")
    try:
        module = _import_file(path, spec)
    except GraphError as exc:  # it builds a pipeline at import time, which did not build
        return Resolved((Found(spec, None, exc.problems),), 1)
    return _one(module, path, spec, attr)


def _each(modules: Sequence[str] | Sequence[Path]) -> Resolved:
    """Import every module of a walk (dotted names or files), going on after one fails; gather
    the flows of all."""
    seen: set[int] = set()
    found: list[Found] = []
    failed: list[str] = []
    imported = 0
    dead: list[str] = []  # packages whose __init__ failed: their modules cannot import either
    for each in modules:
        label = _shown(str(each)) if isinstance(each, Path) else each
        if any(str(each).startswith(d) for d in dead):
            continue
        try:
            module = _import_file(each, label) if isinstance(each, Path) else _import_module(each)
        except GraphError as exc:  # it builds a pipeline at import time, which did not build
            imported += 1
            found.append(Found(label, None, exc.problems))
            continue
        except UsageError as exc:
            failed.append(str(exc))
            if isinstance(each, Path) and each.name == "__init__.py":
                dead.append(f"{each.parent}{os.sep}")
            elif isinstance(each, str):
                dead.append(f"{each}.")
            continue
        imported += 1
        file: str | None = getattr(module, "__file__", None)
        found.extend(_flows_of(module, Path(file) if file else None, label, seen))
    return Resolved(tuple(found), imported, tuple(failed))


def _one(module: ModuleType, path: Path | None, spec: str, attr: str | None) -> Resolved:
    if attr is None:
        return Resolved(tuple(_flows_of(module, path, spec, set())), 1)
    sites = _assignments(path)
    where = str(path) if path is not None else spec
    obj: object = module
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise UsageError(f"error: {spec} has no attribute `{attr}`")
        obj = getattr(obj, part)
    found = _found(f"{spec}:{attr}", obj, (where, sites.get(attr, 0)), call=True)
    if found is None:
        raise UsageError(
            f"error: {spec}:{attr} is `{type(obj).__name__}`, not a Flow, a TypedPipeline or a"
            " function returning one"
        )
    return Resolved((found,), 1)


def _flows_of(module: ModuleType, path: Path | None, prefix: str, seen: set[int]) -> list[Found]:
    """Every public module-level Flow and TypedPipeline of `module` not in `seen` (by id)."""
    sites = _assignments(path)
    where = str(path) if path is not None else prefix
    results: list[Found] = []
    for name, obj in vars(module).items():
        if name.startswith("_") or id(obj) in seen:
            continue
        found = _found(f"{prefix}:{name}", obj, (where, sites.get(name, 0)), call=False)
        if found is not None:
            seen.add(id(obj))
            results.append(found)
    return results


def _declared_deps(graph: Graph) -> object:
    """The deps type a flow's nodes declare, when they all declare the same one: a bare flow
    names no deps type (`build(flow, deps=T)` does), so `check` takes the nodes' word for it;
    nodes declaring different types are checked against none, and each is reported."""
    declared = {id(h): h for n in graph.nodes if (h := n.signature.deps) is not None}
    return next(iter(declared.values())) if len(declared) == 1 else NO_DEPS


def _found(label: str, obj: object, site: tuple[str, int], *, call: bool) -> Found | None:
    if isinstance(obj, Flow):
        graph = graph_of([obj], site if site[1] else _flow_site(obj))
        return Found(label, graph, analyse(graph, deps=_declared_deps(graph)).problems, flow=obj)
    if isinstance(obj, TypedPipeline):
        return Found(label, obj._graph, pipeline=obj)
    if call and isinstance(obj, Composable):  # a node named explicitly: a one-node flow
        return _found(label, obj._as_flow(), site, call=False)
    if call and callable(obj):
        if inspect.iscoroutinefunction(obj) or inspect.isasyncgenfunction(obj):
            raise UsageError(f"error: {label} is an async function, {_NOT_RUN}")
        if _required_parameters(obj):
            raise UsageError(
                f"error: {label} takes arguments ({', '.join(_required_parameters(obj))}); name"
                " a flow, a pipeline, or a function of no arguments"
            )
        try:
            with _user_code(f"calling {label} failed"):
                made = obj()
        except GraphError as exc:
            return Found(label, None, exc.problems)
        if inspect.iscoroutine(made):  # an async callable: never awaited, so close it quietly
            made.close()
            raise UsageError(f"error: {label}() returned a coroutine, {_NOT_RUN}")
        found = _found(label, made, site, call=False)
        if found is None:
            raise UsageError(
                f"error: {label}() returned `{type(made).__name__}`, not a Flow or a TypedPipeline"
            )
        return found
    return None


def _required_parameters(func: Any) -> list[str]:
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return []
    return [
        p.name
        for p in params
        if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]


def _flow_site(flow: Flow[Any, Any]) -> tuple[str, int]:
    edges = flow.edges()
    if edges:
        return edges[-1].path, edges[-1].line
    first = flow.entries[0]
    return first.path, first.line


def resolve_one(target: str) -> Found:
    """The one flow `target` names; a `UsageError` if it names none, several, or fails."""
    resolved = resolve(target)
    if resolved.error is not None or resolved.failed:
        raise UsageError("\n".join(filter(None, (resolved.error, *resolved.failed))))
    if len(resolved.found) != 1:
        listed = ", ".join(f.label for f in resolved.found) or "none"
        raise UsageError(
            f"error: {target} must name one flow, found {len(resolved.found)} ({listed}); name"
            " one as TARGET:attr"
        )
    return resolved.found[0]
