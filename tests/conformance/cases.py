"""Assignability cases derived from the python/typing conformance suite.

Each :class:`Case` says whether a value of static type ``source`` may be passed where
``target`` is expected, with the typing spec's verdict (a line marked ``# E`` in the suite
means *not* assignable; lines marked ``# E?`` are not used) and ``ref``, the
``<conformance file>:<line>`` it comes from. Hints are runtime objects; a ``def`` of the suite
appears as a callback Protocol (or ``Callable[...]``), a class object ``C`` as ``type[C]``.
Most cases mirror their line; some are derived from it (the converse of an ``assert_type``,
a negative counterpart of an accepted assignment, the declared variance of a class defined
there): ``python -m tests.conformance.check_refs`` lists those. Cases whose verdict rests on
a reading of the spec beyond the suite carry a ``# derived: ...`` comment.

The classes the cases need live in the topic modules (``cases_<topic>.py``); the cases that
need PEP 695 syntax live in ``cases_py312.py`` and are included on Python 3.12+ only.
"""

from __future__ import annotations

import sys

from .case import Case, topic

__all__ = ["CASES", "Case", "topic"]


def _collect() -> list[Case]:
    from . import (
        cases_aliases,
        cases_callables,
        cases_callables2,
        cases_dataclasses,
        cases_generics,
        cases_generics2,
        cases_infer,
        cases_literals,
        cases_misc,
        cases_protocols,
        cases_protocols2,
        cases_protocols3,
        cases_special,
        cases_tuples,
        cases_typeddicts,
        cases_typeddicts2,
        cases_variadic,
    )

    modules = [
        cases_aliases,
        cases_callables,
        cases_callables2,
        cases_dataclasses,
        cases_generics,
        cases_generics2,
        cases_infer,
        cases_literals,
        cases_misc,
        cases_protocols,
        cases_protocols2,
        cases_protocols3,
        cases_special,
        cases_tuples,
        cases_typeddicts,
        cases_typeddicts2,
        cases_variadic,
    ]
    if sys.version_info >= (3, 12):
        from . import cases_py312

        modules.append(cases_py312)
    out: list[Case] = []
    for module in modules:
        out.extend(module.CASES)
    return out


CASES: list[Case] = _collect()
