"""A `test_*` folder: skipped when the package is walked."""

raise RuntimeError("a `test_*` folder must be skipped unless named")
