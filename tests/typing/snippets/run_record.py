"""A caller's own run record: `recording(pipeline)` gives `RunRecord`s; a live run, its id."""

from __future__ import annotations

from typing import assert_type

from typedflow import RunRecord, build, node, recording


@node
async def double(x: int) -> int:
    return x * 2


@node
def show(x: int) -> str:
    return str(x)


async def own() -> None:
    pipeline = build(double >> show)
    with recording(pipeline) as runs:
        assert_type(await pipeline.run(1), str)
    assert_type(runs, list[RunRecord])
    assert_type(runs[0].run_id, int)
    async with pipeline.start(2) as run:
        assert_type(await run.result(), str)
        assert_type(run.run_id, int)
        assert_type(run.record, RunRecord)
    recording(double)  # E: Argument 1 to "recording" has incompatible type "AsyncNode[[int], int]"; expected "Pipeline"  [arg-type]
    # ^ P: Argument of type "AsyncNode[(x: int), int]" cannot be assigned to parameter "pipeline" of type "Pipeline"  [reportArgumentType]
