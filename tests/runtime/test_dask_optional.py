"""`typedflow[dask]` is optional: the default install imports and works without `distributed`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from typedflow import DaskExecutor

MISSING = (
    "`DaskExecutor` needs the `distributed` package, an optional dependency of typedflow: "
    "install it with `pip install 'typedflow[dask]'`"
)


def test_importing_typedflow_does_not_import_dask() -> None:
    code = "import sys, typedflow; typedflow.DaskExecutor; print('distributed' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout == "False\n"


def test_without_distributed_a_dask_executor_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what an absent package gives
    with pytest.raises(ImportError) as info:
        DaskExecutor("tcp://127.0.0.1:8786")
    assert str(info.value) == MISSING
    assert info.value.name == "distributed"
