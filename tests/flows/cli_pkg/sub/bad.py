"""An ill-typed flow two levels down, so a walk that misses subpackages misses its problem."""

from typing import Any

from ..steps import parse, shout

loud: Any = parse >> shout  # type: ignore[operator]  # the bad edge under test
