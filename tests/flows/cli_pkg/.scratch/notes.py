"""A hidden folder: skipped when the package is walked."""

raise RuntimeError("a hidden folder must be skipped unless named")
