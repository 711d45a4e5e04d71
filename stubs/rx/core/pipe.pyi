from collections.abc import Callable

from typing_extensions import TypeVar

_A = TypeVar("_A")
_B = TypeVar("_B")
# Each stage defaults to the previous one, so omitted trailing operators are
# the identity.
_C = TypeVar("_C", default=_B)
_D = TypeVar("_D", default=_C)
_E = TypeVar("_E", default=_D)
_F = TypeVar("_F", default=_E)
_G = TypeVar("_G", default=_F)
_H = TypeVar("_H", default=_G)

# Not overloaded by arity, for the same reason as Observable.pipe: overloaded
# calls lose the context that infers lambda parameters inside operators. At
# least one operator is required (``pipe()`` is the identity at runtime).
def pipe(
    op1: Callable[[_A], _B],
    op2: Callable[[_B], _C] = ...,
    op3: Callable[[_C], _D] = ...,
    op4: Callable[[_D], _E] = ...,
    op5: Callable[[_E], _F] = ...,
    op6: Callable[[_F], _G] = ...,
    op7: Callable[[_G], _H] = ...,
    /,
) -> Callable[[_A], _H]: ...
