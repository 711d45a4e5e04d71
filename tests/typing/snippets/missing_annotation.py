# mypy: disallow-untyped-defs
# (tests.* relaxes untyped defs in pyproject; a user's --strict project does not)
"""An unannotated node is a mypy error at its definition and TF004 at build."""

from __future__ import annotations

from typedflow import node


@node
def untyped(x):  # E: Function is missing a type annotation  [no-untyped-def]
# ^ P: Type annotation is missing for parameter "x"  [reportMissingParameterType]
    return x


@node
def size(text: str) -> int:
    return len(text)


flow_untyped = size >> untyped
