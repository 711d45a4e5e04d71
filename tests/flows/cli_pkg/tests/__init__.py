"""A `tests` folder: skipped when the package is walked, checked when named."""
