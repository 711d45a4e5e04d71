"""Importing and using typedflow is warning-clean on every supported Python (issue 9).

rx 3.2.0 calls `datetime.utcfromtimestamp()` at import and `datetime.utcnow()` on every
subscribe, both deprecated from Python 3.12. Each check runs in a fresh interpreter with
`-W error`, as a project with `filterwarnings = error` would, so a module cached by this test
session cannot hide a warning raised on first import.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _run_strict(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_import_is_clean_under_warnings_as_errors() -> None:
    result = _run_strict("import typedflow, typedflow.pipeline, typedflow.cli")
    assert (result.returncode, result.stderr) == (0, "")


def test_subscribing_to_events_is_clean_under_warnings_as_errors() -> None:
    result = _run_strict(
        """
        import asyncio
        from typedflow import Pipeline, PipelineNode

        p = Pipeline("p")
        a = p.add_node(PipelineNode("a", lambda x: x + 1))
        p.set_start_node(a)
        seen = []
        p.events.subscribe(lambda e: seen.append((e.node, e.status.name)))
        print(asyncio.run(p.execute(1)), seen)

        """
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "{'a': 2} [('a', 'RUNNING'), ('a', 'COMPLETED')]\n"


def test_the_users_own_warnings_still_fail() -> None:
    result = _run_strict(
        """
        import warnings
        import typedflow
        warnings.warn("the user's own", DeprecationWarning)
        """
    )
    assert result.returncode == 1
    assert result.stderr.strip().endswith("DeprecationWarning: the user's own")


def test_rx_deprecations_outside_its_import_are_not_hidden() -> None:
    # Only the import-time warning is filtered, only during typedflow's first import of rx.
    result = _run_strict(
        """
        import typedflow, warnings
        assert not any(f[0] == "ignore" and f[3] is not None and f[3].pattern.startswith("rx")
                       for f in warnings.filters), warnings.filters
        """
    )
    assert (result.returncode, result.stderr) == (0, "")
