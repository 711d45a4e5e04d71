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


def test_rx_is_imported_only_when_used() -> None:
    # rx costs about a third of the import; a program that never reads `events` or passes
    # an observable does not pay it (nor the process pool's modules).
    result = _run_strict(
        """
        import asyncio, sys
        import typedflow, typedflow.pipeline
        from typedflow import node, build

        @node
        def inc(x: int) -> int:
            return x + 1

        @node
        def double(x: int) -> int:
            return x * 2

        p = build(inc >> double)
        print(asyncio.run(p.run(1)), p.run_sync(2), p.map_sync([1, 2]))
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("rx", "multiprocessing")))
        p.events.subscribe(lambda e: None)
        print("rx" in sys.modules)
        """
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "4 6 [4, 6]\n[]\nTrue\n"


def test_rx_imported_by_the_application_after_typedflow_is_clean() -> None:
    # Whoever imports rx first, its import-time deprecation is not raised, and subscribing
    # to the application's own observable does not call the deprecated clock.
    result = _run_strict(
        """
        import asyncio
        import typedflow
        import rx
        from rx import operators as ops
        from typedflow import node, build

        @node
        def inc(x: int) -> int:
            return x + 1

        p = build(inc)
        seen = []
        rx.of(1, 2, 3).pipe(ops.map(lambda v: v * 10)).subscribe(seen.append)

        async def main():
            return [x async for x in p.stream(rx.of(1, 2, 3))]

        print(seen, asyncio.run(main()))
        """
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "[10, 20, 30] [2, 3, 4]\n"


def test_rx_imported_before_typedflow_gets_the_clean_clock() -> None:
    # Imported first, rx's import-time warning is the application's own (so it is ignored
    # here by the caller); typedflow still replaces the deprecated per-subscribe clock.
    result = _run_strict(
        """
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import rx
        import asyncio
        from typedflow import node, build

        @node
        def inc(x: int) -> int:
            return x + 1

        p = build(inc)
        seen = []
        p.events.subscribe(lambda e: seen.append(e.status.name))

        async def main():
            return [x async for x in p.stream(rx.of(1, 2))]

        print(asyncio.run(main()), seen)
        """
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "[2, 3] ['RUNNING', 'COMPLETED', 'RUNNING', 'COMPLETED']\n"
    )


def test_probing_for_rx_before_importing_it_stays_clean() -> None:
    # `importlib.util.find_spec("rx")` (how programs probe for an optional package) asks the
    # finders without importing; the import after it must still be wrapped.
    result = _run_strict(
        """
        import importlib.util
        import typedflow
        assert importlib.util.find_spec("rx") is not None
        import rx
        seen = []
        rx.of(1, 2).subscribe(seen.append)
        print(seen)
        """
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "[1, 2]\n"
