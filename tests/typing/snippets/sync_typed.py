"""`run_sync`, `map_sync` and `execute_sync` are typed like `run`, `map` and `execute`: `O`, a
list of `O`, or of `Outcome[I, O]` with on_error="collect"."""

from __future__ import annotations

from typing import Any

from typedflow import Outcome, StreamErrors, TypedPipeline, build, node


@node
def size(text: str) -> int:
    return len(text)


@node
def half(n: int) -> float:
    return n / 2


@node
def short(text: str) -> str | None:
    return text if len(text) < 5 else None


flow_main = size >> half
flow_filtered = short >> size


def types(pipeline: TypedPipeline[str, float], mode: StreamErrors) -> None:
    one: float = pipeline.run_sync("a")
    many: list[float] = pipeline.map_sync(["a"], concurrency=4)
    skipped: list[float] = pipeline.map_sync(["a"], on_error="skip", progress=True)
    outcomes: list[Outcome[str, float]] = pipeline.map_sync(["a"], on_error="collect")
    anything: list[Any] = pipeline.map_sync(["a"], on_error=mode)
    by_name: dict[str, Any] = pipeline.execute_sync("a", on_error="continue")
    del one, many, skipped, outcomes, anything, by_name
    wrong: str = pipeline.run_sync("a")  # E: Incompatible types in assignment (expression has type "float", variable has type "str")  [assignment]
    # ^ P: Type "float" is not assignable to declared type "str"  [reportAssignmentType]
    pipeline.run_sync(1)  # E: No overload variant of "run_sync" of "TypedPipeline" matches argument type "int"  [call-overload]
    # ^ P: Argument of type "Literal[1]" cannot be assigned to parameter "data" of type "str" in function "run_sync"  [reportArgumentType]
    # ^ N: Possible overload variants:
    # ^ N:     def run_sync(self, data: str) -> float
    # ^ N:     def run_sync(self, data: str, *, deps: None) -> float
    texts: list[str] = pipeline.map_sync(["a"])  # E: Incompatible types in assignment (expression has type "list[float]", variable has type "list[str]")  [assignment]
    # ^ P: Type "list[float]" is not assignable to declared type "list[str]"  [reportAssignmentType]
    pipeline.map_sync([1])  # E: List item 0 has incompatible type "int"; expected "str"  [list-item]
    # ^ P: No overloads for "map_sync" match the provided arguments  [reportCallIssue]
    # ^ P: Argument of type "list[int]" cannot be assigned to parameter "inputs" of type "Inputs[str]" in function "map_sync"  [reportArgumentType]
    del wrong, texts


def built() -> None:
    filtered = build(flow_filtered)
    maybe: int | None = filtered.run_sync("abc")
    sure: int = filtered.run_sync("abc")  # E: Incompatible types in assignment (expression has type "int | None", variable has type "int")  [assignment]
    # ^ P: Type "int | None" is not assignable to declared type "int"  [reportAssignmentType]
    del maybe, sure
    sized: TypedPipeline[str, float] = build(flow_main, max_workers=4)
    also: TypedPipeline[str, float] = flow_main.build(max_workers=4)
    del sized, also
    flow_main.build(max_workers="4")  # E: No overload variant of "build" of "Flow" matches argument type "str"  [call-overload]
    # ^ P: Argument of type "Literal['4']" cannot be assigned to parameter "max_workers" of type "int | None" in function "build"  [reportArgumentType]
    # ^ N: Possible overload variants:
    # ^ N:     def [_D] build(self, *, deps: type[_D], name: str | None = ..., strict: bool = ..., runtime_checks: bool = ..., max_workers: int | None = ...) -> TypedPipeline[str, float, _D]
    # ^ N:     def build(self, *, name: str | None = ..., strict: bool = ..., runtime_checks: bool = ..., max_workers: int | None = ...) -> TypedPipeline[str, float, None]
