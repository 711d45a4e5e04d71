"""The RxPY event stream of a pipeline: the one place that imports rx."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from rx import operators
from rx.subject import Subject

if TYPE_CHECKING:
    from collections.abc import Callable

    from rx.core import Observable

    from ._record import NodeEvent

__all__ = ["EventStream"]

logger = logging.getLogger("typedflow")


class EventStream:
    """A subject of `NodeEvent`s that costs nothing while no one subscribes."""

    __slots__ = ("_subject", "observable")

    def __init__(self) -> None:
        self._subject: Subject[NodeEvent] = Subject()
        self.observable: Observable[NodeEvent] = self._subject.pipe(operators.as_observable())
        """The stream, for subscribers (read-only: `on_next` is not exposed)."""

    def publisher(self) -> Callable[[NodeEvent], None] | None:
        """The function that publishes an event, or None when nobody listens.

        A subscriber that raises is logged on the "typedflow" logger; the run and the other
        subscribers go on.
        """
        return self._publish if self._subject.observers else None

    def _publish(self, event: NodeEvent) -> None:
        for observer in list(self._subject.observers):
            try:
                observer.on_next(event)
            except Exception:
                logger.exception(
                    "an event subscriber of pipeline `%s` raised on the %s event of node `%s`",
                    event.pipeline, event.status.value, event.node,
                )
