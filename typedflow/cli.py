"""The `typedflow` command: `check` flows in CI, draw them with `graph`, `run` them on JSON."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._build import build_flow
from ._codec import Codec, DecodeFailure
from ._jsonlines import Report, read_lines, run_stream
from ._render import to_dot, to_mermaid
from ._targets import UsageError, resolve, resolve_one

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator, Sequence

    from ._errors import Problem

__all__ = ["main"]

_TARGET_HELP = (
    "TARGET is path/to/file.py, path/to/folder, package.module or package, each optionally"
    " with :attr. A file inside a package (folders with __init__.py) is imported under its"
    " dotted name, the package's root on sys.path, so relative imports work; any other file"
    " under a private name, its folder on sys.path, so its `if __name__ == '__main__':` block"
    " does not run. A folder or package is walked: every module in it is imported, except in"
    " tests, test, test_*, hidden, __pycache__, site-packages, node_modules and virtual"
    " environment folders, and test_*.py, *_test.py, conftest.py, setup.py and __main__.py"
    " files (name one to check it); a module that fails to import is reported and the walk"
    " goes on. Without :attr every public module-level Flow and built TypedPipeline is used;"
    " :attr names one Flow, TypedPipeline, or zero-argument function returning either (the"
    " function is called; an async one is refused; a GraphError it raises is reported, as is"
    " one raised while importing TARGET). What TARGET prints while imported or called goes to"
    " stderr."
)
_CHECK_EXIT = (
    "Exit status: 0 every target held a flow and no problem was found; 1 problems found;"
    " 2 a usage error, or a target (or a module in it) could not be imported, exited at import,"
    " or failed when called; 3 a target held no flow, so nothing in it was checked. When several"
    " apply, 2 wins over 1, and 1 over 3. Every target is checked either way."
)


# --- check ------------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    """Check every target, even after one fails to import; exit with the worst status."""
    problems: list[tuple[str, Problem]] = []
    shown: set[Problem] = set()
    flows = 0
    failed = broken = empty = 0  # targets not checked, modules not imported, targets flowless
    for target in args.targets:
        resolved = resolve(target)
        for error in filter(None, (resolved.error, *resolved.failed)):
            sys.stderr.write(f"{error}\n")  # this target (or module) cannot be checked: go on
        if resolved.error is not None:
            failed += 1
        broken += len(resolved.failed)
        if resolved.error is None and not resolved.failed and not resolved.found:
            empty += 1
            sys.stderr.write(
                f"error: no flow found in {target} ({_plural(resolved.modules, 'module')}"
                " imported): expose a public module-level Flow or TypedPipeline, or name a"
                " function returning one as TARGET:attr\n"
            )
        for found in resolved.found:
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
        unchecked = [
            f"{_plural(failed, 'target')} could not be checked" if failed else "",
            f"{_plural(broken, 'module')} could not be imported" if broken else "",
            f"{_plural(empty, 'target')} held no flow" if empty else "",
        ]
        notes = "; ".join(filter(None, unchecked))
        if problems:
            also = f" ({notes})" if notes else ""
            out.write(f"Found {_plural(len(problems), 'problem')} in {targets}{also}\n")
        elif not notes:
            out.write(f"Success: no problems found in {_plural(flows, 'flow')} ({targets})\n")
        elif flows:  # when nothing was checked, stderr says it all
            out.write(f"No problems found in {_plural(flows, 'flow')} ({targets}; {notes})\n")
    return 2 if failed or broken else 1 if problems else 3 if empty else 0


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
    """A GitHub Actions `::error` workflow command, escaped as its syntax requires."""
    loc = p.location
    where = f"file={_property(loc.path)},line={loc.line}," if loc else ""
    return f"::error {where}title={_property(p.code)}::{_data(p.message)}"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# --- graph ------------------------------------------------------------------------------------


def _graph(args: argparse.Namespace) -> int:
    found = resolve_one(args.target)
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
    if args.input is not None:
        try:
            json.loads(args.input)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise UsageError(f"error: --input is not valid JSON: {exc}") from exc
    found = resolve_one(args.target)
    pipeline = found.pipeline
    if pipeline is None:
        if found.problems or found.flow is None:
            for p in found.problems:
                sys.stderr.write(f"{p}\n")
            return 1
        pipeline = build_flow(found.flow, runtime_checks=args.runtime_checks)
    elif args.runtime_checks:  # a pipeline built without checks: compile it again with them
        pipeline = pipeline.with_runtime_checks()
    codec = Codec(pipeline.input_hint)
    if codec.note is not None:
        sys.stderr.write(f"typedflow run: note: {codec.note}\n")
    with ExitStack() as stack:
        report = Report()
        if args.input is not None:
            try:
                single = [(0, codec.decode(args.input.encode()))]
            except DecodeFailure as exc:  # the one input's failure, as a line's would be
                report.failure(0, f"input: {exc}")
                return 1
            items: Iterator[tuple[int, Any]] | AsyncIterator[tuple[int, Any]] = iter(single)
        else:
            try:
                handle = stack.enter_context(Path(args.input_file).open("rb"))
            except OSError as exc:
                raise UsageError(f"error: cannot read {args.input_file}: {exc.strerror}") from exc
            items = read_lines(handle, report, codec)
        progress = args.input_file is not None and sys.stderr.isatty()
        run = run_stream(pipeline, items, report, concurrency=args.concurrency, progress=progress)
        try:
            asyncio.run(run)
        except KeyboardInterrupt:  # what was found is already written; no traceback
            report.finish()
            sys.stderr.write("interrupted\n")
            return 130
    return 1 if report.failed else 0


# --- entry point ------------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="typedflow",
        description="Check, draw and run typedflow pipelines.",
        epilog="Exit status: 0 success, 1 problems found or items failed, 2 usage or import"
        " error, 3 (check) a target held no flow; `typedflow COMMAND --help` has the details.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_check(commands)
    _add_graph(commands)
    _add_run(commands)
    return parser


def _add_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help="check flows statically, as `build` does, without running any node",
        description="Import each TARGET, find its flows, and report every problem the build"
        " step finds (edge types, cycles, arity, annotations, names, reachability, sinks),"
        " without running any node. " + _TARGET_HELP,
        epilog=_CHECK_EXIT,
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


def _add_graph(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def _add_run(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser(
        "run",
        help="build a flow and run it on JSON input",
        description="Build one flow and run it on one JSON input, or on every line of a JSON"
        " Lines file (read as it is run, so a pipe or FIFO works and memory stays flat)."
        " Outputs go to stdout as JSON, one per line, in input order, each as soon as it is"
        " next; non-finite floats are written as the strings \"NaN\", \"Infinity\" and"
        " \"-Infinity\". A failed input (a node failed, or the line is not UTF-8 or not JSON,"
        " or its output cannot be written as JSON) writes nothing to stdout and one line to"
        " stderr (`line N: node `x` failed: ValueError: ...`), and the run goes on. A closed"
        " stdout (`| head -1`) ends the run quietly; Ctrl-C ends it with status 130. A progress"
        " bar is drawn on stderr for a file when stderr is a terminal. " + _TARGET_HELP,
        epilog="Exit status: 0 every input succeeded, 1 some failed (or the flow does not"
        " build), 2 usage or import error, 130 interrupted.",
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
