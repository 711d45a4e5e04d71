"""A package whose flows live in submodules and use relative imports (issue 9: `check` walks it)."""
