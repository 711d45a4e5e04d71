"""`import typedflow` loads only what defining pipelines needs (issue 12): the checker is imported
by the first build, beartype (runtime checks of complex hints) and rich (progress bars) on first
use."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _modules_after(code: str) -> set[str]:
    probe = textwrap.dedent(code) + "\nimport sys\nprint('\\n'.join(sys.modules))\n"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return {m.split(".")[0] for m in done.stdout.split()}


def test_import_and_build_do_not_load_beartype_or_rich() -> None:
    loaded = _modules_after(
        """
        from typedflow import build, node

        @node
        def double(x: int) -> int:
            return 2 * x

        build(double >> double.named("again"))
        """
    )
    assert "typedflow" in loaded
    assert {"beartype", "rich"} & loaded == set()


def test_runtime_checks_and_progress_load_them_when_used() -> None:
    loaded = _modules_after(
        """
        import asyncio
        from typedflow import Progress, build, node

        @node
        def pick(x: dict[str, list[int]]) -> int:
            return len(x)

        pipeline = build(pick, runtime_checks=True)
        assert asyncio.run(pipeline.run({"a": [1]})) == 1
        Progress(total=1).close()
        """
    )
    assert {"beartype", "rich"} <= loaded


def test_defining_nodes_and_flows_does_not_load_the_checker() -> None:
    loaded = _submodules_after(
        """
        from typedflow import node

        @node
        def double(x: int) -> int:
            return 2 * x

        flow = double >> double.named("again")
        """
    )
    assert {"typedflow._types", "typedflow._check", "typedflow._checks_runtime"} & loaded == set()
    assert "typedflow._node" in loaded


def test_is_assignable_is_importable_and_loads_the_relation_on_first_use() -> None:
    loaded = _submodules_after(
        """
        from typedflow import is_assignable

        assert is_assignable(int, float)
        """
    )
    assert "typedflow._types" in loaded


def _submodules_after(code: str) -> set[str]:
    probe = textwrap.dedent(code) + "\nimport sys\nprint('\\n'.join(sys.modules))\n"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return set(done.stdout.split())
