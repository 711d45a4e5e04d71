"""The `typedflow` command: `check` flows in CI, draw them with `graph`, `run` them on JSON."""

from __future__ import annotations

import argparse
import ast
import asyncio
import importlib
import importlib.util
import inspect
import json
import logging
import os
import sys
import traceback
from contextlib import aclosing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._build import TypedPipeline, build_flow
from ._check import analyse
from ._errors import GraphError, Problem
from ._flow import Composable, Flow
from ._ir import graph_of
from ._render import to_dot, to_mermaid

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import ModuleType

    from ._ir import Graph

__all__ = ["main"]

_TARGET_HELP = (
    "TARGET is path/to/file.py, path/to/file.py:attr, package.module or package.module:attr."
    " A file is imported like `python file.py` would run it (its directory on sys.path), but"
    " under its own name, so its `if __name__ == '__main__':` block does not run. Without"
    " :attr every public module-level Flow and built TypedPipeline is used; :attr names one"
    " Flow, TypedPipeline, or zero-argument function returning either (the function is called;"
    " a GraphError it raises is reported, as is one raised while importing TARGET)."
)


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


# --- targets ----------------------------------------------------------------------------------


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


def _resolve(target: str) -> list[Found]:
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


def _one(target: str) -> Found:
    found = _resolve(target)
    if len(found) != 1:
        listed = ", ".join(f.label for f in found) or "none"
        raise UsageError(
            f"error: {target} must name one flow, found {len(found)} ({listed}); name one as"
            " TARGET:attr"
        )
    return found[0]


# --- check ------------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    """Check every target, even after one fails to import; exit with the worst status."""
    problems: list[tuple[str, Problem]] = []
    shown: set[Problem] = set()
    flows = failed = 0
    for target in args.targets:
        try:
            resolved = _resolve(target)
        except UsageError as exc:  # this target cannot be checked: say so, check the others
            sys.stderr.write(f"{exc}\n")
            failed += 1
            continue
        for found in resolved:
            flows += 1
            for p in found.problems:
                if p not in shown:
                    shown.add(p)
                    problems.append((target, p))
    out = sys.stdout
    if args.format == "json":
        json.dump([_as_json(t, p) for t, p in problems], out, indent=2)
        out.write("\n")
    elif args.format == "github":
        for _, p in problems:
            out.write(_as_github(p) + "\n")
    else:
        for _, p in problems:
            out.write(f"{p}\n")
        targets = _plural(len(args.targets), "target")
        unchecked = f"{_plural(failed, 'target')} could not be checked"
        if problems:
            also = f" ({unchecked})" if failed else ""
            out.write(f"Found {_plural(len(problems), 'problem')} in {targets}{also}\n")
        elif not failed:
            out.write(f"Success: no problems found in {_plural(flows, 'flow')} ({targets})\n")
        elif failed < len(args.targets):  # when none could be checked, stderr says it all
            out.write(f"No problems found in {_plural(flows, 'flow')} ({targets}; {unchecked})\n")
    return 2 if failed else 1 if problems else 0


def _plural(k: int, word: str) -> str:
    return f"{k} {word}{'' if k == 1 else 's'}"


def _as_json(target: str, p: Problem) -> dict[str, Any]:
    loc = p.location
    return {
        "target": target,
        "code": p.code,
        "message": p.message,
        "nodes": list(p.nodes),
        "path": loc.path if loc else None,
        "line": loc.line if loc else None,
    }


def _as_github(p: Problem) -> str:
    def escape(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    loc = p.location
    where = f"file={escape(loc.path)},line={loc.line}," if loc else ""
    return f"::error {where}title={p.code}::{escape(p.message)}"


# --- graph ------------------------------------------------------------------------------------


def _graph(args: argparse.Namespace) -> int:
    found = _one(args.target)
    if found.graph is None:
        raise UsageError(f"error: {args.target} has no graph to draw (it did not build)")
    title = found.pipeline.name if found.pipeline is not None else None
    render = to_dot if args.format == "dot" else to_mermaid
    sys.stdout.write(render(found.graph, title))
    return 0


# --- run --------------------------------------------------------------------------------------


def _run(args: argparse.Namespace) -> int:
    if args.concurrency < 1:
        raise UsageError(f"error: --concurrency must be at least 1, not {args.concurrency}")
    items: list[tuple[int, Any]] = []
    failures: list[tuple[int, str]] = []
    if args.input is not None:
        try:
            items.append((0, json.loads(args.input)))
        except json.JSONDecodeError as exc:
            raise UsageError(f"error: --input is not valid JSON: {exc}") from exc
    else:
        try:
            text = Path(args.input_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"error: cannot read {args.input_file}: {exc.strerror}") from exc
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                failures.append((number, f"line {number}: invalid JSON: {exc}"))
    found = _one(args.target)
    pipeline = found.pipeline
    if pipeline is None:
        if found.problems or found.flow is None:
            for p in found.problems:
                sys.stderr.write(f"{p}\n")
            return 1
        pipeline = build_flow(found.flow, runtime_checks=args.runtime_checks)
    progress = args.input_file is not None and sys.stderr.isatty()
    logging.getLogger("typedflow").addHandler(logging.NullHandler())  # one line per failure
    failures += asyncio.run(_run_all(pipeline, items, args.concurrency, progress))
    for _, failure in sorted(failures):
        sys.stderr.write(failure + "\n")
    return 1 if failures else 0


async def _run_all(
    pipeline: TypedPipeline[Any, Any],
    items: list[tuple[int, Any]],
    concurrency: int,
    progress: bool,
) -> list[tuple[int, str]]:
    """Run every item; print each output as it is ready, in order; return the failures."""
    failures: list[tuple[int, str]] = []
    async with pipeline:
        outcomes = pipeline.stream(
            [data for _, data in items],
            concurrency=concurrency,
            on_error="collect",
            progress=progress,
        )
        async with aclosing(outcomes):
            async for outcome in outcomes:
                number, where = items[outcome.index][0], _where(items[outcome.index][0])
                if not outcome.ok:
                    reason = _reason(outcome.error, outcome.node)
                    failures.append((number, f"{where}: {reason}"))
                    continue
                try:
                    line = json.dumps(outcome.output, ensure_ascii=False)
                except (TypeError, ValueError) as exc:
                    reason = f"the output is not JSON-serialisable: {exc}"
                    failures.append((number, f"{where}: {reason}"))
                    continue
                sys.stdout.write(line + "\n")
                sys.stdout.flush()
    return failures


def _where(number: int) -> str:
    return f"line {number}" if number else "input"


def _reason(error: BaseException | None, node: str | None) -> str:
    cause = error.__cause__ if error is not None and error.__cause__ is not None else error
    node = node or getattr(error, "node", None)
    what = f"{type(cause).__name__}: {cause}"
    return f"node `{node}` failed: {what}" if node else what


# --- entry point ------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="typedflow",
        description="Check, draw and run typedflow pipelines.",
        epilog="Exit status: 0 success, 1 problems found or items failed, 2 usage or import error.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="check flows statically, as `build` does, without running any node",
        description="Import each TARGET, find its flows, and report every problem the build"
        " step finds (edge types, cycles, arity, annotations, names, reachability, sinks),"
        " without running any node. " + _TARGET_HELP,
        epilog="Exit status: 0 no problems, 1 problems found, 2 usage or import error (in any"
        " target: the other targets are still checked and their problems printed).",
    )
    check.add_argument("targets", nargs="+", metavar="TARGET", help="what to check")
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text: `path:line: error: message  [TFxxx]` lines and a summary (default);"
        " json: a list of problems (target, code, message, nodes, path, line);"
        " github: GitHub Actions `::error` annotations",
    )
    check.set_defaults(handler=_check)
    graph = commands.add_parser(
        "graph",
        help="print a flow's graph as Mermaid or Graphviz DOT",
        description="Print the graph of one flow: node names, the type on each edge (with the"
        " parameter at a fan-in), sub-pipelines as subgraphs. " + _TARGET_HELP,
    )
    graph.add_argument("target", metavar="TARGET", help="the flow to draw (exactly one)")
    graph.add_argument(
        "--format", choices=("mermaid", "dot"), default="mermaid", help="default: mermaid"
    )
    graph.set_defaults(handler=_graph)
    run = commands.add_parser(
        "run",
        help="build a flow and run it on JSON input",
        description="Build one flow and run it on one JSON input, or on every line of a JSON"
        " Lines file. Outputs go to stdout as JSON, one per line, in input order; a failed"
        " input writes nothing to stdout and one line to stderr (`line N: node `x` failed:"
        " ValueError: ...`). A progress bar is drawn on stderr for a file when stderr is a"
        " terminal. " + _TARGET_HELP,
        epilog="Exit status: 0 every input succeeded, 1 some failed (or the flow does not"
        " build), 2 usage or import error.",
    )
    run.add_argument("target", metavar="TARGET", help="the flow to run (exactly one)")
    source = run.add_mutually_exclusive_group(required=True)
    source.add_argument("--input", metavar="JSON", help="one input, as JSON")
    source.add_argument(
        "--input-file", metavar="FILE.jsonl", help="a file of JSON inputs, one per line"
    )
    run.add_argument(
        "--concurrency",
        type=int,
        default=16,
        metavar="N",
        help="the most inputs in flight at once (default: 16)",
    )
    run.add_argument(
        "--runtime-checks",
        action="store_true",
        help="check every value crossing an edge against its hint (see build(runtime_checks=))",
    )
    run.set_defaults(handler=_run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `typedflow` command; return its exit status."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.handler(args)
    except UsageError as exc:
        sys.stdout.flush()
        sys.stderr.write(f"{exc}\n")
        return 2
    return status
