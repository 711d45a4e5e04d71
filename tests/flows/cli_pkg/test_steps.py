"""A test module beside the code: skipped when the package is walked (its bad flow unreported).

It must not raise: pytest collects it (it holds no tests).
"""

from typing import Any

from .steps import double, shout

unchecked: Any = double >> shout  # type: ignore[operator]  # reported only if the walk were wrong
