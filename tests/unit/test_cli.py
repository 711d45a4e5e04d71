"""The `typedflow` command (issue 5), run as a subprocess on real files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*.py"))


def typedflow(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "typedflow", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )


BROKEN = """\
examples/broken/bad_edge.py:19: error: Edge `tokenize` >> `classify`: `tokenize` returns \
`list[str]`, but `classify` expects `dict[str, Any]`  [TF001]
examples/broken/many_problems.py:27: error: Node `shout` is missing annotations (`text`, \
`return`); annotate them, or pass `strict=False` to `build` to read them as `Any`  [TF004]
examples/broken/many_problems.py:33: error: Edge `longest` >> `report`: `longest` returns \
`str`, but `report` expects `int` for `n`  [TF001]
examples/broken/many_problems.py:33: error: Edge `count` >> `report`: `count` returns `int`, \
but `report` expects `str` for `word`  [TF001]
examples/broken/many_problems.py:34: error: Cycle `words` >> `longest` >> `report` >> `shout` \
>> `words`; a pipeline must be acyclic  [TF002]
examples/broken/many_problems.py:34: error: The graph has no source node (every node has an \
upstream), so nothing receives the input  [TF006]
Found 6 problems in 2 targets
"""


def test_the_examples_check_clean() -> None:
    # the two DSL examples expose module-level flows (`text_flow`, `llm_flow`)
    proc = typedflow("check", "examples/text_processing_dsl.py", "examples/llm_processing_dsl.py")
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == "Success: no problems found in 2 flows (2 targets)\n"


def test_issue_9_the_examples_folder_is_walked_and_only_the_broken_ones_fail() -> None:
    proc = typedflow("check", "examples")
    assert (proc.returncode, proc.stderr) == (1, "")
    assert proc.stdout == BROKEN.replace("in 2 targets", "in 1 target")


def test_a_function_returning_a_pipeline_is_checked_when_named() -> None:
    dsl = [
        "examples/text_processing_dsl.py:create_text_pipeline",
        "examples.text_processing_dsl:create_text_pipeline",
    ]
    proc = typedflow("check", *dsl)
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == "Success: no problems found in 2 flows (2 targets)\n"


def test_the_broken_examples_fail_with_the_expected_output() -> None:
    proc = typedflow("check", "examples/broken/bad_edge.py", "examples/broken/many_problems.py")
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, BROKEN, "")


def test_a_function_that_builds_is_checked_by_name() -> None:
    proc = typedflow("check", "examples/broken/bad_edge.py:main")
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0] == BROKEN.splitlines()[0]


def test_json_format() -> None:
    proc = typedflow("check", "--format", "json", "examples/broken/bad_edge.py")
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == [
        {
            "target": "examples/broken/bad_edge.py",
            "code": "TF001",
            "message": "Edge `tokenize` >> `classify`: `tokenize` returns `list[str]`, but"
            " `classify` expects `dict[str, Any]`",
            "nodes": ["tokenize", "classify"],
            "path": "examples/broken/bad_edge.py",
            "line": 19,
        }
    ]


def test_github_format() -> None:
    proc = typedflow("check", "--format", "github", "examples/broken/bad_edge.py")
    assert proc.returncode == 1
    assert proc.stdout == (
        "::error file=examples/broken/bad_edge.py,line=19,title=TF001::Edge `tokenize` >>"
        " `classify`: `tokenize` returns `list[str]`, but `classify` expects"
        " `dict[str, Any]`\n"
    )


def test_an_import_error_is_summarised_with_exit_2() -> None:
    proc = typedflow("check", "tests/flows/cli_import_error.py")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        "tests/flows/cli_import_error.py:12: error: cannot import tests/flows/cli_import_error.py\n"
        '  File "tests/flows/cli_import_error.py", line 12, in <module>\n'
        '    API_KEY = SETTINGS["api_key"]\n'
        "KeyError: 'api_key'\n"
    )


AT_IMPORT = "tests/flows/cli_builds_at_import.py"
AT_IMPORT_MESSAGE = (
    "Edge `tokenize` >> `shout`: `tokenize` returns `list[str]`, but `shout` expects `str`"
)
IMPORT_ERROR = """\
tests/flows/cli_import_error.py:12: error: cannot import tests/flows/cli_import_error.py
  File "tests/flows/cli_import_error.py", line 12, in <module>
    API_KEY = SETTINGS["api_key"]
KeyError: 'api_key'
"""


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (
            "text",
            f"{AT_IMPORT}:18: error: {AT_IMPORT_MESSAGE}  [TF001]\nFound 1 problem in 1 target\n",
        ),
        ("github", f"::error file={AT_IMPORT},line=18,title=TF001::{AT_IMPORT_MESSAGE}\n"),
    ],
)
def test_issue_5_a_pipeline_built_at_import_reports_its_problems(fmt: str, expected: str) -> None:
    proc = typedflow("check", "--format", fmt, AT_IMPORT)
    assert (proc.returncode, proc.stdout, proc.stderr) == (1, expected, "")


def test_issue_5_a_pipeline_built_at_import_reports_its_problems_as_json() -> None:
    proc = typedflow("check", "--format", "json", AT_IMPORT)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert json.loads(proc.stdout) == [
        {
            "target": AT_IMPORT,
            "code": "TF001",
            "message": AT_IMPORT_MESSAGE,
            "nodes": ["tokenize", "shout"],
            "path": AT_IMPORT,
            "line": 18,
        }
    ]


def test_issue_5_a_failing_import_does_not_hide_the_other_targets_problems() -> None:
    targets = ["tests/flows/cli_import_error.py", "examples/broken/bad_edge.py", AT_IMPORT]
    proc = typedflow("check", *targets)
    assert (proc.returncode, proc.stderr) == (2, IMPORT_ERROR)
    assert proc.stdout == (
        BROKEN.splitlines(keepends=True)[0]
        + f"{AT_IMPORT}:18: error: {AT_IMPORT_MESSAGE}  [TF001]\n"
        "Found 2 problems in 3 targets (1 target could not be checked)\n"
    )
    proc = typedflow("check", "--format", "json", *targets)
    assert (proc.returncode, proc.stderr) == (2, IMPORT_ERROR)
    assert [(p["target"], p["code"]) for p in json.loads(proc.stdout)] == [
        ("examples/broken/bad_edge.py", "TF001"),
        (AT_IMPORT, "TF001"),
    ]


def test_issue_5_a_failing_import_alone_exits_2_after_a_clean_target() -> None:
    proc = typedflow("check", "examples/text_processing_dsl.py", "tests/flows/cli_import_error.py")
    assert (proc.returncode, proc.stderr) == (2, IMPORT_ERROR)
    assert proc.stdout == (
        "No problems found in 1 flow (2 targets; 1 target could not be checked)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "no/such/file.py"], "error: no such file: no/such/file.py\n"),
        (
            ["check", "tests/flows/cli_numbers.py:nothing"],
            "error: tests/flows/cli_numbers.py has no attribute `nothing`\n",
        ),
        (
            ["graph", "tests/flows/cli_shapes.py"],
            "error: tests/flows/cli_shapes.py must name one flow, found 3"
            " (tests/flows/cli_shapes.py:fan, tests/flows/cli_shapes.py:cleaning,"
            " tests/flows/cli_shapes.py:nested); name one as TARGET:attr\n",
        ),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    proc = typedflow(*args)
    assert (proc.returncode, proc.stderr) == (2, message)


def test_every_subcommand_has_help() -> None:
    for command in ("check", "graph", "run"):
        proc = typedflow(command, "--help")
        assert proc.returncode == 0
        assert "TARGET is path/to/file.py" in " ".join(proc.stdout.split())


def test_run_one_input() -> None:
    proc = typedflow("run", "tests/flows/cli_numbers.py", "--input", '"21"')
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, '{"value": 42}\n', "")


def test_run_a_file_with_a_failing_item(tmp_path: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    inputs.write_text('"1"\n"2"\n\n"x"\n"4"\nnot json\n')
    proc = typedflow("run", "tests/flows/cli_numbers.py", "--input-file", str(inputs))
    assert proc.returncode == 1
    assert proc.stdout == '{"value": 2}\n{"value": 4}\n{"value": 8}\n'
    assert proc.stderr == (
        "line 4: node `parse` failed: ValueError: invalid literal for int() with base 10: 'x'\n"
        "line 6: invalid JSON: Expecting value: line 1 column 1 (char 0)\n"
    )


def test_run_with_runtime_checks() -> None:
    proc = typedflow("run", "tests/flows/cli_numbers.py:lying", "--input", '"21"')
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, '"21"\n', "")
    proc = typedflow(
        "run", "tests/flows/cli_numbers.py:lying", "--input", '"21"', "--runtime-checks"
    )
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == (
        "input: node `lying` failed: NodeTypeError: Node `lying` in pipeline `lying`: `return`"
        " expects `int`, got `str`: '21'\n"
    )


def test_run_decodes_the_input_into_the_input_type() -> None:
    """Issue 14: `21` is not a `str`; before, it reached `parse` as an int."""
    proc = typedflow("run", "tests/flows/cli_numbers.py", "--input", "21")
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == "input: not a `str`: Expected `str`, got `int`\n"


def test_run_an_output_json_cannot_hold() -> None:
    proc = typedflow("run", "tests/flows/cli_numbers.py:unserialisable", "--input", '"a"')
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == (
        "input: the output cannot be written as JSON: `Opaque` has no JSON form\n"
    )


MERMAID = """\
flowchart LR
    input([input])
    output([output])
    n0["words"]
    n1["count"]
    n2["longest"]
    n3["report"]
    input -->|"str"| n0
    n0 -->|"list[str]"| n1
    n0 -->|"list[str]"| n2
    n1 -->|"n: int"| n3
    n2 -->|"word: str"| n3
    n3 -->|"str"| output
"""

DOT = """\
digraph "flow" {
    rankdir=LR;
    node [shape=box];
    input [label="input", shape=oval];
    output [label="output", shape=oval];
    n0 [label="words"];
    n1 [label="count"];
    n2 [label="longest"];
    n3 [label="report"];
    input -> n0 [label="str"];
    n0 -> n1 [label="list[str]"];
    n0 -> n2 [label="list[str]"];
    n1 -> n3 [label="n: int"];
    n2 -> n3 [label="word: str"];
    n3 -> output [label="str"];
}
"""


@pytest.mark.parametrize(("fmt", "expected"), [("mermaid", MERMAID), ("dot", DOT)])
def test_graph(fmt: str, expected: str) -> None:
    proc = typedflow("graph", "tests/flows/cli_shapes.py:fan", "--format", fmt)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, expected, "")


def test_issue_5_run_with_runtime_checks_on_an_already_built_pipeline() -> None:
    proc = typedflow(
        "run", "tests/flows/cli_built.py:built_lying", "--input", '"21"', "--runtime-checks"
    )
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == (
        "input: node `lying` failed: NodeTypeError: Node `lying` in pipeline `built_lying`:"
        " `return` expects `int`, got `str`: '21'\n"
    )


# --- issue 9: `typedflow check` never passes without checking ----------------------------------

NO_FLOW_HINT = (
    "expose a public module-level Flow or TypedPipeline, or name a function returning one as"
    " TARGET:attr"
)
PKG_PROBLEM = (
    "tests/flows/cli_pkg/sub/bad.py:7: error: Edge `parse` >> `shout`: `parse` returns `int`,"
    " but `shout` expects `str`  [TF001]\n"
)


@pytest.mark.parametrize(
    "target", ["tests/flows/cli_pkg", "tests/flows/cli_pkg/", "tests.flows.cli_pkg"]
)
def test_issue_9_a_package_is_walked_skipping_tests_and_hidden_folders(target: str) -> None:
    # cli_pkg's `tests`, `test_support`, `.scratch` and `test_steps.py` raise if imported
    proc = typedflow("check", target)
    assert (proc.returncode, proc.stderr) == (1, "")
    assert proc.stdout == PKG_PROBLEM + "Found 1 problem in 1 target\n"


def test_issue_9_a_skipped_folder_is_checked_when_named() -> None:
    proc = typedflow("check", "tests/flows/cli_pkg/tests")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        "tests/flows/cli_pkg/tests/flows_for_tests.py:3: error: cannot import"
        " tests/flows/cli_pkg/tests/flows_for_tests.py\n"
        '  File "tests/flows/cli_pkg/tests/flows_for_tests.py", line 3, in <module>\n'
        '    raise RuntimeError("a `tests` folder must be skipped unless named")\n'
        "RuntimeError: a `tests` folder must be skipped unless named\n"
    )


def test_issue_9_a_file_inside_a_package_is_imported_as_part_of_it() -> None:
    # flows.py uses `from .steps import ...`, which fails when run as a script
    proc = typedflow("check", "tests/flows/cli_pkg/flows.py", "tests/flows/cli_pkg/sub/bad.py")
    assert (proc.returncode, proc.stderr) == (1, "")
    assert proc.stdout == PKG_PROBLEM + "Found 1 problem in 2 targets\n"


@pytest.mark.parametrize(
    ("target", "modules"),
    [
        ("tests/flows/cli_empty", "2 modules"),
        ("tests.flows.cli_empty", "2 modules"),
        ("tests/flows/cli_empty/nodes.py", "1 module"),
    ],
)
def test_issue_9_a_target_without_a_flow_exits_3(target: str, modules: str) -> None:
    proc = typedflow("check", target)
    assert (proc.returncode, proc.stdout) == (3, "")
    assert proc.stderr == f"error: no flow found in {target} ({modules} imported): {NO_FLOW_HINT}\n"


def test_issue_9_a_target_without_a_flow_fails_beside_a_clean_one() -> None:
    proc = typedflow("check", "tests/flows/cli_empty", "tests/flows/cli_numbers.py")
    assert proc.returncode == 3
    assert proc.stderr == (
        f"error: no flow found in tests/flows/cli_empty (2 modules imported): {NO_FLOW_HINT}\n"
    )
    assert proc.stdout == "No problems found in 1 flow (2 targets; 1 target held no flow)\n"


def test_issue_9_problems_outrank_a_target_without_a_flow() -> None:
    proc = typedflow("check", "tests/flows/cli_empty", "tests/flows/cli_pkg/sub/bad.py")
    assert proc.returncode == 1
    assert proc.stdout == PKG_PROBLEM + "Found 1 problem in 2 targets (1 target held no flow)\n"


EXITS = """\
tests/flows/cli_mixed/exits.py:13: error: cannot import tests/flows/cli_mixed/exits.py
  File "tests/flows/cli_mixed/exits.py", line 13, in <module>
    sys.exit(0)
SystemExit: 0
Hint: `typedflow check` imports the module; exit only under `if __name__ == "__main__":`
"""


def test_issue_9_a_target_that_exits_at_import_is_a_finding_and_the_others_are_checked() -> None:
    proc = typedflow("check", "tests/flows/cli_mixed/exits.py", "tests/flows/cli_numbers.py")
    assert (proc.returncode, proc.stderr) == (2, EXITS)
    assert proc.stdout == (
        "No problems found in 1 flow (2 targets; 1 target could not be checked)\n"
    )


def test_issue_9_a_module_failing_in_a_package_does_not_stop_the_walk() -> None:
    proc = typedflow("check", "tests/flows/cli_mixed")
    assert proc.returncode == 2
    assert proc.stderr == (
        "tests/flows/cli_mixed/broken.py:4: error: cannot import tests/flows/cli_mixed/broken.py\n"
        '  File "tests/flows/cli_mixed/broken.py", line 4, in <module>\n'
        '    API_KEY = SETTINGS["api_key"]\n'
        "KeyError: 'api_key'\n" + EXITS
    )
    assert proc.stdout == (
        "No problems found in 1 flow (1 target; 2 modules could not be imported)\n"
    )


PRINTS = "tests/flows/cli_prints.py"
PRINTS_PROBLEM = {
    "target": f"{PRINTS}:make",
    "code": "TF001",
    "message": "Edge `tokenize` >> `shout`: `tokenize` returns `list[str]`, but `shout`"
    " expects `str`",
    "nodes": ["tokenize", "shout"],
    "path": PRINTS,
    "line": 20,
}


def test_issue_9_what_a_target_prints_does_not_corrupt_the_json_on_stdout() -> None:
    proc = typedflow("check", "--format", "json", f"{PRINTS}:make")
    assert (proc.returncode, proc.stderr) == (1, "loading the model...\nbuilding...\n")
    assert json.loads(proc.stdout) == [PRINTS_PROBLEM]


def test_issue_9_what_a_target_prints_goes_to_stderr_in_every_format() -> None:
    proc = typedflow("check", "--format", "github", f"{PRINTS}:make")
    assert (proc.returncode, proc.stderr) == (1, "loading the model...\nbuilding...\n")
    assert proc.stdout.startswith("::error file=tests/flows/cli_prints.py,line=20,title=TF001::")


def test_issue_9_github_annotations_escape_properties_and_data() -> None:
    from typedflow._errors import Location, Problem
    from typedflow.cli import _as_github

    problem = Problem("TF001", "50% done,\r\nnext: a", ("a",), Location("odd:dir/a,b%.py", 3))
    assert _as_github(problem) == (
        "::error file=odd%3Adir/a%2Cb%25.py,line=3,title=TF001::50%25 done,%0D%0Anext: a"
    )


@pytest.mark.parametrize(
    ("attr", "what"),
    [("make", "make is an async function"), ("make_later", "make_later() returned a coroutine")],
)
def test_issue_9_an_async_function_named_as_target_is_a_usage_error(attr: str, what: str) -> None:
    # stderr holds exactly this line: no "coroutine ... was never awaited" warning
    proc = typedflow("check", f"tests/flows/cli_async_make.py:{attr}")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        f"error: tests/flows/cli_async_make.py:{what}, which typedflow does not run: name a"
        " flow, a pipeline, or a plain function returning one\n"
    )


def test_issue_9_check_help_documents_every_exit_status() -> None:
    proc = typedflow("check", "--help")
    assert proc.returncode == 0
    assert " ".join(proc.stdout.split()).endswith(
        "Exit status: 0 every target held a flow and no problem was found; 1 problems found;"
        " 2 a usage error, or a target (or a module in it) could not be imported, exited at"
        " import, or failed when called; 3 a target held no flow, so nothing in it was checked."
        " When several apply, 2 wins over 1, and 1 over 3. Every target is checked either way."
    )


def test_issue_9_a_package_whose_init_fails_is_reported_once() -> None:
    proc = typedflow("check", "tests/flows/cli_dead")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        "tests/flows/cli_dead/__init__.py:3: error: cannot import"
        " tests/flows/cli_dead/__init__.py\n"
        '  File "tests/flows/cli_dead/__init__.py", line 3, in <module>\n'
        '    raise ImportError("the package needs a missing extra")\n'
        "ImportError: the package needs a missing extra\n"
    )


# --- issue 11: `typedflow run` streams, and one bad input is that input's failure -------------


def test_issue_11_each_bad_line_is_its_own_failure_and_the_run_goes_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    nested = "[" * 100_000 + "]" * 100_000
    inputs.write_bytes(
        b'"1"\n' + nested.encode() + b'\n"\xff\xfe"\n' + b'"2"\n"\\ud800"\n"3"\n'
    )
    proc = typedflow("run", "tests/flows/cli_stream.py:echoes", "--input-file", str(inputs))
    assert proc.returncode == 1
    assert proc.stdout == '"1"\n"2"\n"3"\n'
    lines = proc.stderr.splitlines()
    assert lines[0] == "line 2: not a `str`: Expected `str`, got `array`"
    assert lines[1].startswith("line 3: not UTF-8: 'utf-8' codec can't decode byte 0xff")
    assert lines[2] == "line 5: invalid JSON: Input data was truncated"  # a lone surrogate
    assert len(lines) == 3
    assert "Traceback" not in proc.stderr


def test_issue_11_non_finite_floats_are_written_as_valid_json(tmp_path: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    inputs.write_text('"1.5"\n"nan"\n"inf"\n"-inf"\n')
    proc = typedflow("run", "tests/flows/cli_stream.py:numbers", "--input-file", str(inputs))
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == '1.5\n"NaN"\n"Infinity"\n"-Infinity"\n'
    assert [json.loads(line) for line in proc.stdout.splitlines()] == [
        1.5, "NaN", "Infinity", "-Infinity"
    ]


def test_issue_11_a_multi_line_error_is_one_stderr_line(tmp_path: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    inputs.write_text("1\n-2\n3\n")
    proc = typedflow("run", "tests/flows/cli_stream.py:checks", "--input-file", str(inputs))
    assert (proc.returncode, proc.stdout) == (1, "1\n3\n")
    assert proc.stderr == (
        "line 2: node `picky` failed: ValueError: negative:\\n-2 is below zero\\nand that"
        " is not allowed\n"
    )


def _streaming(*args: str, **kwargs: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "typedflow", *args],
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,
    )


def test_issue_11_run_streams_from_a_fifo(tmp_path: Path) -> None:
    # The first output arrives while the input is still open: nothing waits for the end.
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    proc = _streaming("run", "tests/flows/cli_numbers.py", "--input-file", str(fifo))
    with fifo.open("w") as writer:
        writer.write('"1"\n')
        writer.flush()
        assert proc.stdout is not None
        assert proc.stdout.readline() == '{"value": 2}\n'
        writer.write('"2"\n')
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (0, '{"value": 4}\n', "")


def test_issue_11_a_closed_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    inputs.write_text("".join(f'"{i}"\n' for i in range(5000)))
    proc = _streaming("run", "tests/flows/cli_numbers.py", "--input-file", str(inputs))
    assert proc.stdout is not None
    assert proc.stdout.readline() == '{"value": 0}\n'
    proc.stdout.close()  # as `| head -1` does
    assert proc.stderr is not None
    with proc.stderr:
        err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert err == ""


FAILED_SLEEP = "line 2: not a `float`: Expected `float`, got `str`\n"


def test_issue_11_ctrl_c_reports_what_is_known_and_exits_130(tmp_path: Path) -> None:
    inputs = tmp_path / "in.jsonl"
    inputs.write_text('0\n"x"\n60\n')
    proc = _streaming("run", "tests/flows/cli_stream.py:sleeps", "--input-file", str(inputs))
    assert proc.stdout is not None
    assert proc.stdout.readline() == "0.0\n"
    assert proc.stderr is not None
    failure = proc.stderr.readline()  # found before the interrupt, so already reported
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert (out, failure + err) == ("", FAILED_SLEEP + "interrupted\n")


POOLED_FLOW = """\
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from typedflow import node
from typedflow.pipeline import PoolExecutor

POOL = PoolExecutor(
    lambda: ProcessPoolExecutor(1, mp_context=multiprocessing.get_context({method!r})),
    copy_context=False,
)


@node(executor=POOL)
def square(x: int) -> int:
    return x * x


@node(inline=True)
def show(n: int) -> dict[str, int]:
    return {{"value": n, "main": __name__ == "__main__"}}


flow = square >> show

if __name__ == "__main__":
    raise SystemExit("the __main__ block ran")
"""


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_issue_11_run_a_loose_file_with_a_process_pool_node_under(
    method: str, tmp_path: Path
) -> None:
    (tmp_path / "squares.py").write_text(POOLED_FLOW.format(method=method))
    proc = typedflow("run", "squares.py", "--input", "3", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, '{"value": 9, "main": false}\n', "")


def test_issue_11_a_loose_file_named_like_a_loaded_module_keeps_a_private_name(
    tmp_path: Path,
) -> None:
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "json.py").write_text(POOLED_FLOW.format(method="fork"))
    proc = typedflow("run", "flows/json.py", "--input", "4", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, '{"value": 16, "main": false}\n', "")


# --- issue 10, part 4: flows whose nodes take deps ----------------------------------------------


def test_check_takes_the_deps_type_the_nodes_agree_on() -> None:
    proc = typedflow("check", "tests/flows/cli_deps.py:agreeing")
    assert (proc.returncode, proc.stderr) == (0, "")


def test_check_reports_nodes_that_declare_different_deps_types() -> None:
    proc = typedflow("check", "tests/flows/cli_deps.py:disagreeing")
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [
        "tests/flows/cli_deps.py:30: error: Node `stamp` takes `deps: Other`, but the pipeline"
        " declares no deps type; pass `build(..., deps=Other)`  [TF012]",
        "tests/flows/cli_deps.py:37: error: Node `greet2` takes `deps: Deps`, but the pipeline"
        " declares no deps type; pass `build(..., deps=Deps)`  [TF012]",
        "Found 2 problems in 1 target",
    ]
