"""Typed input and output for `typedflow run` (issue 14): a dataclass in, a dataclass out."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from typedflow import node


class Priority(enum.Enum):
    LOW = "low"
    HIGH = "high"


@dataclass(frozen=True)
class Ticket:
    title: str
    priority: Priority
    opened: datetime.datetime
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Summary:
    title: str
    urgent: bool
    age_days: int


@node(inline=True)
def summarize(ticket: Ticket) -> Summary:
    assert isinstance(ticket, Ticket), type(ticket)  # decoded, not a dict
    now = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    return Summary(ticket.title, ticket.priority is Priority.HIGH, (now - ticket.opened).days)


flow = summarize.named("summarize")
