"""Flows that must fail the build; each `>>` line carries a `# <-` marker the tests look up."""

from __future__ import annotations

from typing import Any

from typedflow import Flow, build, node

from .nodes import (
    add,
    biggest,
    clean,
    count,
    dec,
    first,
    head,
    inc,
    join,
    keyword,
    loose,
    maybe,
    need_dict,
    need_int,
    need_strs,
    pair,
    split,
    sub,
    tokenize,
)


def edge_type() -> Flow[str, int]:
    return clean >> tokenize >> need_dict  # type: ignore[operator]  # <- edge_type


def solved_typevar() -> Flow[str, int]:
    return clean >> tokenize >> first >> need_int  # type: ignore[operator]  # <- solved_typevar


def typevar_bound() -> Flow[str, str]:
    return clean >> tokenize >> biggest  # <- typevar_bound


def fan_in_arity() -> Flow[str, int]:
    return clean >> tokenize >> (count, count.named("count2"), count.named("count3")) >> join  # type: ignore[operator]  # <- fan_in_arity


def fan_out_two_params() -> Flow[str, Any]:
    return clean >> tokenize >> (count, join)  # type: ignore[operator]  # <- fan_out_two_params


def fan_in_positions() -> Flow[str, dict[str, object]]:
    return clean >> tokenize >> (first, count) >> join  # type: ignore[operator]  # <- fan_in_positions


def cycle() -> Flow[int, int]:
    return need_int >> inc >> need_int  # <- cycle


def cycle_with_source() -> Flow[str, int]:
    pre = clean >> tokenize >> count  # <- cycle_pre
    return pre >> add >> inc >> add  # type: ignore[operator]  # <- cycle_with_source


def unannotated() -> Flow[str, Any]:
    return clean >> loose  # <- unannotated


def duplicate_names() -> Flow[str, int]:
    return clean >> tokenize >> count >> need_int.named("count")  # <- duplicate_names


def keyword_only() -> Flow[str, int]:
    return clean >> tokenize >> count >> keyword  # type: ignore[operator]  # <- keyword_only


def optional_edge() -> Flow[int, int]:
    return need_int >> maybe >> need_int  # type: ignore[operator]  # <- optional_edge


def two_sinks() -> None:
    build(clean >> tokenize, clean >> count)  # <- two_sinks


@node  # <- unresolved_source
def unresolved_source(a: int, b: int) -> int:
    return a + b


def source_arity() -> Flow[int, int]:
    return unresolved_source >> need_int  # type: ignore[operator]  # <- source_arity


def issue_3_joined_tuple() -> Flow[str, int]:
    return clean >> split >> head >> need_int  # type: ignore[operator]  # <- issue_3_joined_tuple


def issue_3_failed_solution() -> Flow[str, int]:
    echo = clean.named("echo")
    return clean >> (count, echo) >> pair >> need_strs  # type: ignore[operator]  # <- issue_3_failed_solution


def issue_3_fan_in_orders() -> None:
    build(
        need_int >> (inc, dec) >> sub,  # <- issue_3_order_a
        need_int >> (dec, inc) >> sub,  # <- issue_3_order_b
    )


