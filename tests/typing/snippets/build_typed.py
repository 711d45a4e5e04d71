"""`flow.build()` and `build(flow)` give a TypedPipeline[I, O] whose `run` returns a coroutine of O."""

from __future__ import annotations

from typing import assert_type

from typedflow import Flow, TypedPipeline, build, node


@node
def clean(text: str) -> str:
    return text.strip()


@node
async def size(text: str) -> int:
    return len(text)


@node
def half(n: int) -> float:
    return n / 2


flow_main = clean >> size >> half
flow_fanout = clean >> (size, clean.named("copy"))


async def types(flow: Flow[str, float]) -> None:
    pipeline = flow.build(name="p")
    assert_type(pipeline, TypedPipeline[str, float])
    assert_type(build(flow), TypedPipeline[str, float])
    assert_type(build(flow_fanout), TypedPipeline[str, tuple[int, str]])
    reveal_type(pipeline.run)  # N: Revealed type is "Overload(def (data: str) -> typing.Coroutine[Any, Any, float], def (data: str, *, deps: None) -> typing.Coroutine[Any, Any, float])"
    assert_type(await pipeline.run("x"), float)
    await pipeline.run(1)  # E: No overload variant of "run" of "TypedPipeline" matches argument type "int"  [call-overload]
    # ^ N: Possible overload variants:
    # ^ N:     def run(self, data: str) -> Coroutine[Any, Any, float]
    # ^ N:     def run(self, data: str, *, deps: None) -> Coroutine[Any, Any, float]
    # ^ P: Argument of type "Literal[1]" cannot be assigned to parameter "data" of type "str" in function "run"  [reportArgumentType]
    result: str = await pipeline.run("x")  # E: Incompatible types in assignment (expression has type "float", variable has type "str")  [assignment]
    # ^ P: Type "float" is not assignable to declared type "str"  [reportAssignmentType]
