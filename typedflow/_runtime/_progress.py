"""A progress bar for streams (rich): items done, failed, and the rate."""

from __future__ import annotations

from typing import Self

__all__ = ["Progress"]


class Progress:
    """Counts finished and failed items on stderr; rich draws it when stderr is a terminal.

    Args:
        total: The number of items, when known.
        description: The label in front of the bar.
    """

    def __init__(self, total: int | None = None, description: str = "items") -> None:
        # rich is imported here: only progress bars need it, and it costs `import typedflow`
        # about 20 ms.
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import Progress as RichProgress

        self.done = 0
        self.failed = 0
        self._bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TaskProgressColumn(),
            TextColumn("failed: {task.fields[failed]}"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task = self._bar.add_task(description, total=total, failed=0, rate="")
        self._bar.start()

    @classmethod
    def start(cls, option: bool | Progress, total: int | None = None) -> Progress | None:
        """The bar for a `progress=` option: a given bar, a new one for True, None for False.

        A given bar stays its owner's to close; a new one (of `total` items, when known) is
        the caller's.
        """
        if isinstance(option, Progress):
            return option
        return cls(total) if option else None

    def advance(self, ok: bool) -> None:
        """Count one finished item."""
        self.done += 1
        if not ok:
            self.failed += 1
        task = self._bar.tasks[0]
        elapsed = task.elapsed or 0.0
        rate = f"{self.done / elapsed:,.1f} items/s" if elapsed > 0 else ""
        self._bar.update(self._task, advance=1, failed=self.failed, rate=rate)

    def close(self) -> None:
        """Stop drawing."""
        self._bar.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
