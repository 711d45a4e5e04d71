"""A script that exits at import, as an unguarded `main()` would (issue 9)."""

import sys

from typedflow import node


@node
def hello(text: str) -> str:
    return text


sys.exit(0)
