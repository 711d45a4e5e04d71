"""The RxPY event stream of a pipeline, made (and rx imported) when first read."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from ._rx import load

if TYPE_CHECKING:
    from collections.abc import Callable

    from rx.core import Observable
    from rx.subject import Subject

    from ._record import NodeEvent

__all__ = ["EventStream"]

logger = logging.getLogger("typedflow")

_MAKING = threading.Lock()  # two threads reading `events` first make one subject


class EventStream:
    """A subject of `NodeEvent`s that costs nothing while no one subscribes.

    The subject is made when `observable` is first read (nobody can subscribe before).
    """

    __slots__ = ("_observable", "_subject")

    def __init__(self) -> None:
        self._subject: Subject[NodeEvent] | None = None
        self._observable: Observable[NodeEvent] | None = None

    @property
    def observable(self) -> Observable[NodeEvent]:
        """The stream, for subscribers (read-only: `on_next` is not exposed)."""
        observable = self._observable
        if observable is None:
            load()
            from rx import operators
            from rx.subject import Subject

            with _MAKING:
                observable = self._observable
                if observable is None:
                    subject: Subject[NodeEvent] = Subject()
                    observable = subject.pipe(operators.as_observable())
                    self._subject, self._observable = subject, observable
        return observable

    def publisher(self) -> Callable[[NodeEvent], None] | None:
        """The function that publishes an event, or None when nobody listens.

        A subscriber that raises is logged on the "typedflow" logger; the run and the other
        subscribers go on.
        """
        subject = self._subject
        return self._publish if subject is not None and subject.observers else None

    def _publish(self, event: NodeEvent) -> None:
        subject = self._subject
        if subject is None:  # pragma: no cover - publisher() gives this method only after
            return
        for observer in list(subject.observers):
            try:
                observer.on_next(event)
            except Exception:
                logger.exception(
                    "an event subscriber of pipeline `%s` raised on the %s event of node `%s`",
                    event.pipeline, event.status.value, event.node,
                )
