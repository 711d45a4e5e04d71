"""A package whose `__init__` fails: its modules cannot import either, so it is reported once."""

raise ImportError("the package needs a missing extra")
