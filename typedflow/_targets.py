"""Command TARGETs: import a file or module, find its flows, turn its failures into findings."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._build import TypedPipeline
from ._check import analyse
from ._errors import GraphError, Problem
from ._flow import Composable, Flow
from ._ir import graph_of

if TYPE_CHECKING:
    from types import ModuleType

    from ._ir import Graph

__all__ = ["Found", "UsageError", "resolve", "resolve_one"]


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


def _split(target: str) -> tuple[str, str | None]:
    head, sep, attr = target.rpartition(":")
    if sep and attr.replace(".", "").replace("_", "a").isalnum() and head:
        return head, attr
    return target, None


def _import(spec: str) -> tuple[ModuleType, Path | None]:
    """Import a file or a dotted module; an error while importing becomes a `UsageError`,
    except a `GraphError` (a pipeline built at import time did not build), which propagates."""
    if spec.endswith(".py") or os.sep in spec or "/" in spec:
        path = Path(spec).resolve()
        if not path.is_file():
            raise UsageError(f"error: no such file: {spec}")
        name = f"_typedflow_target_{path.stem}_{abs(hash(str(path)))}"
        module_spec = importlib.util.spec_from_file_location(name, path)
        if module_spec is None or module_spec.loader is None:
            raise UsageError(f"error: cannot import {spec}")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module
        sys.path.insert(0, str(path.parent))
        try:
            module_spec.loader.exec_module(module)
        except GraphError:  # findings, reported by the caller
            raise
        except Exception as exc:  # the user's module failed: summarise it
            raise UsageError(_summary(f"cannot import {spec}", exc)) from exc
        return module, path
    if os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(spec)
    except GraphError:  # findings, reported by the caller
        raise
    except Exception as exc:  # the user's module failed: summarise it
        raise UsageError(_summary(f"cannot import {spec}", exc)) from exc
    file = getattr(module, "__file__", None)
    return module, Path(file) if file else None


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


def resolve(target: str) -> list[Found]:
    """Every flow or pipeline `target` names, checked (nothing runs)."""
    spec, attr = _split(target)
    try:
        module, path = _import(spec)
    except GraphError as exc:  # it builds a pipeline at import time, which did not build
        return [Found(spec, None, exc.problems)]
    sites = _assignments(path)
    where = str(path) if path is not None else spec
    if attr is not None:
        obj: object = module
        for part in attr.split("."):
            if not hasattr(obj, part):
                raise UsageError(f"error: {spec} has no attribute `{attr}`")
            obj = getattr(obj, part)
        found = _found(f"{spec}:{attr}", obj, (where, sites.get(attr, 0)), call=True)
        if found is None:
            raise UsageError(
                f"error: {target} is `{type(obj).__name__}`, not a Flow, a TypedPipeline or a"
                " function returning one"
            )
        return [found]
    seen: set[int] = set()
    results: list[Found] = []
    for name, obj in vars(module).items():
        if name.startswith("_") or id(obj) in seen:
            continue
        found = _found(f"{spec}:{name}", obj, (where, sites.get(name, 0)), call=False)
        if found is not None:
            seen.add(id(obj))
            results.append(found)
    return results


def _found(label: str, obj: object, site: tuple[str, int], *, call: bool) -> Found | None:
    if isinstance(obj, Flow):
        graph = graph_of([obj], site if site[1] else _flow_site(obj))
        return Found(label, graph, analyse(graph).problems, flow=obj)
    if isinstance(obj, TypedPipeline):
        return Found(label, obj._graph, pipeline=obj)
    if call and isinstance(obj, Composable):  # a node named explicitly: a one-node flow
        return _found(label, obj._as_flow(), site, call=False)
    if call and callable(obj):
        if _required_parameters(obj):
            raise UsageError(
                f"error: {label} takes arguments ({', '.join(_required_parameters(obj))}); name"
                " a flow, a pipeline, or a function of no arguments"
            )
        try:
            made = obj()
        except GraphError as exc:
            return Found(label, None, exc.problems)
        except Exception as exc:  # the user's function failed: summarise it
            raise UsageError(_summary(f"calling {label} failed", exc)) from exc
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
    found = resolve(target)
    if len(found) != 1:
        listed = ", ".join(f.label for f in found) or "none"
        raise UsageError(
            f"error: {target} must name one flow, found {len(found)} ({listed}); name one as"
            " TARGET:attr"
        )
    return found[0]
