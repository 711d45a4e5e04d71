"""`import typedflow` loads only what defining and building pipelines needs (issue 12): beartype
(runtime checks of complex hints) and rich (progress bars) are imported on first use."""

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
