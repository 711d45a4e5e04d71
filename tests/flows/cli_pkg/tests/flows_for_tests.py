"""Imported only when named: a walk of the package skips `tests` folders."""

raise RuntimeError("a `tests` folder must be skipped unless named")
