"""Callback protocol and ``**kwargs: Unpack[TypedDict]`` cases (callables_protocol, _kwargs).

A ``def`` in the suite is written here as a callback Protocol with the same ``__call__``
signature (``Fn<name>``), so that it is a runtime type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NotRequired, Protocol, Required, TypedDict, TypeVar, Unpack, overload

from .case import Case

InputT = TypeVar("InputT", contravariant=True)
OutputT = TypeVar("OutputT", covariant=True)


class Proto1(Protocol):
    def __call__(self, *vals: bytes, max_len: int | None = None) -> list[bytes]: ...


class FnCb1Good1(Protocol):
    def __call__(self, *vals: bytes, max_len: int | None = None) -> list[bytes]: ...


class FnCb1Bad1(Protocol):
    def __call__(self, *vals: bytes, max_items: int | None) -> list[bytes]: ...


class FnCb1Bad2(Protocol):
    def __call__(self, *vals: bytes) -> list[bytes]: ...


class FnCb1Bad3(Protocol):
    def __call__(self, *vals: bytes, max_len: str | None) -> list[bytes]: ...


class Proto2(Protocol):
    def __call__(self, *vals: bytes, **kwargs: str) -> None: ...


class FnCb2Good1(Protocol):
    def __call__(self, *a: bytes, **b: str) -> None: ...


class FnCb2Bad1(Protocol):
    def __call__(self, *a: bytes) -> None: ...


class FnCb2Bad2(Protocol):
    def __call__(self, *a: str, **b: str) -> None: ...


class FnCb2Bad3(Protocol):
    def __call__(self, *a: bytes, **b: bytes) -> None: ...


class FnCb2Bad4(Protocol):
    def __call__(self, **b: str) -> None: ...


class Proto3(Protocol):
    def __call__(self) -> None: ...


class Proto4(Protocol):
    other_attribute: int

    def __call__(self, x: int) -> None: ...


class Proto5(Protocol):
    def __call__(self, *, a: int, b: str) -> int: ...


class FnCb5Good1(Protocol):
    def __call__(self, a: int, b: str) -> int: ...


class NotProto6:
    def __call__(self, *vals: bytes, maxlen: int | None = None) -> list[bytes]:
        return []


class Proto7(Protocol[InputT, OutputT]):
    def __call__(self, inputs: InputT) -> OutputT: ...


class Class7_1:
    def __call__(self, inputs) -> int:  # type: ignore[no-untyped-def]
        return 5


class Class7_2:
    def __call__(self, inputs: Any) -> int:
        return 5


class Proto8(Protocol):
    @overload
    def __call__(self, x: int) -> int: ...
    @overload
    def __call__(self, x: str) -> str: ...
    def __call__(self, x: Any) -> Any: ...


class FnCb8Good1(Protocol):
    def __call__(self, x: Any) -> Any: ...


class FnCb8Bad1(Protocol):
    def __call__(self, x: int) -> Any: ...


class Proto11(Protocol):
    def __call__(self, x: int, /, y: str) -> Any: ...


class FnCb11Good1(Protocol):
    def __call__(self, x: int, /, y: str, z: None = None) -> Any: ...


class FnCb11Good2(Protocol):
    def __call__(self, x: int, y: str, z: None = None) -> Any: ...


class FnCb11Bad1(Protocol):
    def __call__(self, x: int, y: str, /) -> Any: ...


class Proto12(Protocol):
    def __call__(self, *args: Any, kwarg0: Any, kwarg1: Any) -> None: ...


class FnCb12Good2(Protocol):
    def __call__(self, *args: Any, **kwargs: Any) -> None: ...


class FnCb12Bad1(Protocol):
    def __call__(self, *args: Any, kwarg0: Any) -> None: ...


class Proto13_Default(Protocol):
    def __call__(self, path: str = ...) -> str: ...


class Proto13_NoDefault(Protocol):
    def __call__(self, path: str) -> str: ...


class Proto14_Default(Protocol):
    def __call__(self, *, path: str = ...) -> str: ...


class Proto14_NoDefault(Protocol):
    def __call__(self, *, path: str) -> str: ...


# ---- callables_kwargs


class TD1(TypedDict):
    v1: Required[int]
    v2: NotRequired[str]


class TD2(TD1):
    v3: Required[str]


class FnFunc1(Protocol):  # def func1(**kwargs: Unpack[TD2]) -> None
    def __call__(self, **kwargs: Unpack[TD2]) -> None: ...


class TDProtocol1(Protocol):
    def __call__(self, *, v1: int, v3: str) -> None: ...


class TDProtocol2(Protocol):
    def __call__(self, *, v1: int, v3: str, v2: str = "") -> None: ...


class TDProtocol3(Protocol):
    def __call__(self, *, v1: int, v2: int, v3: str) -> None: ...


class TDProtocol4(Protocol):
    def __call__(self, *, v1: int) -> None: ...


class TDProtocol5(Protocol):
    def __call__(self, v1: int, v3: str) -> None: ...


class TDProtocol6(Protocol):
    def __call__(self, **kwargs: Unpack[TD2]) -> None: ...


class FnFunc7(Protocol):  # def func7(*, v1: int, v3: str, v2: str = "") -> None
    def __call__(self, *, v1: int, v3: str, v2: str = "") -> None: ...


# ---- classes_override: an override must be assignable to the overridden method


class ParentC:
    def __init__(self, x: int) -> None: ...


class ChildC1(ParentC): ...


class ParentC2(ParentC): ...  # ChildC2


class OverloadedMethod2(Protocol):  # ParentA.method2 and ChildA.method2
    @overload
    def __call__(self, x: int) -> int: ...
    @overload
    def __call__(self, x: str) -> str: ...
    def __call__(self, x: int | str) -> int | str: ...


class ImplMethod2(Protocol):  # the implementation alone
    def __call__(self, x: int | str) -> int | str: ...


_OV = "classes_override.py"
_PR = "callables_protocol.py"
_KW = "callables_kwargs.py"

CASES = [
    Case(Callable[[], int], Callable[[], int], True, f"{_OV}:38"),
    Case(OverloadedMethod2, OverloadedMethod2, True, f"{_OV}:49"),
    Case(ImplMethod2, Callable[[int], int], False, f"{_OV}:49"),  # derived: returns int | str
    Case(Callable[[int], None], Callable[[int], None], True, f"{_OV}:126"),
    Case(Callable[[str], None], Callable[[int], None], False, f"{_OV}:135"),
    Case(Callable[[str], ParentC2], Callable[[int], ParentC], False, f"{_OV}:138"),
    Case(Callable[[int], ChildC1], Callable[[int], ParentC], True, f"{_OV}:129"),
    Case(FnCb1Good1, Proto1, True, f"{_PR}:34"),
    Case(FnCb1Bad1, Proto1, False, f"{_PR}:35"),
    Case(FnCb1Bad2, Proto1, False, f"{_PR}:36"),
    Case(FnCb1Bad3, Proto1, False, f"{_PR}:37"),
    Case(FnCb2Good1, Proto2, True, f"{_PR}:65"),
    Case(FnCb2Bad1, Proto2, False, f"{_PR}:67"),
    Case(FnCb2Bad2, Proto2, False, f"{_PR}:68"),
    Case(FnCb2Bad3, Proto2, False, f"{_PR}:69"),
    Case(FnCb2Bad4, Proto2, False, f"{_PR}:70"),
    Case(FnCb2Good1, Proto3, True, f"{_PR}:78"),
    Case(FnCb2Bad1, Proto3, True, f"{_PR}:79"),
    Case(FnCb2Bad2, Proto3, True, f"{_PR}:80"),
    Case(FnCb2Bad3, Proto3, True, f"{_PR}:81"),
    Case(FnCb2Bad4, Proto3, True, f"{_PR}:82"),
    Case(Callable[[int], None], Proto4, False, f"{_PR}:97"),
    Case(FnCb5Good1, Proto5, True, f"{_PR}:109"),
    Case(Callable[[int, str], int], Proto5, False, f"{_PR}:109"),  # derived: no names
    Case(FnCb1Good1, NotProto6, False, f"{_PR}:121"),
    Case(Class7_1, Proto7[int, int], True, f"{_PR}:135"),
    Case(Class7_2, Proto7[int, int], True, f"{_PR}:144"),
    Case(Class7_2, Proto7[int, str], False, f"{_PR}:144"),
    Case(FnCb8Good1, Proto8, True, f"{_PR}:168"),
    Case(FnCb8Bad1, Proto8, False, f"{_PR}:169"),
    Case(Callable[[Any], Any], Proto8, False, f"{_PR}:168"),  # derived: Proto8 takes x= by name
    Case(Callable[[int], Any], Proto8, False, f"{_PR}:169"),
    Case(FnCb11Good1, Proto11, True, f"{_PR}:236"),
    Case(FnCb11Good2, Proto11, True, f"{_PR}:237"),
    Case(FnCb11Bad1, Proto11, False, f"{_PR}:238"),
    Case(Proto12, Proto12, True, f"{_PR}:258"),
    Case(FnCb12Good2, Proto12, True, f"{_PR}:259"),
    Case(FnCb12Bad1, Proto12, False, f"{_PR}:260"),
    Case(Proto13_Default, Proto13_Default, True, f"{_PR}:283"),
    Case(Proto13_NoDefault, Proto13_Default, False, f"{_PR}:284"),
    Case(Proto13_Default, Proto13_NoDefault, True, f"{_PR}:286"),
    Case(Proto13_NoDefault, Proto13_NoDefault, True, f"{_PR}:287"),
    Case(Callable[[str], str], Proto13_Default, False, f"{_PR}:284"),
    Case(Callable[[str], str], Proto13_NoDefault, False, f"{_PR}:287"),  # derived: name 'path'
    Case(Proto14_Default, Proto14_Default, True, f"{_PR}:310"),
    Case(Proto14_NoDefault, Proto14_Default, False, f"{_PR}:311"),
    Case(Proto14_Default, Proto14_NoDefault, True, f"{_PR}:312"),
    Case(Proto14_NoDefault, Proto14_NoDefault, True, f"{_PR}:313"),
    Case(Proto13_Default, Callable[[], str], True, f"{_PR}:283"),
    Case(Proto14_Default, Callable[[], str], True, f"{_PR}:310"),
    Case(Proto14_NoDefault, Callable[[], str], False, f"{_PR}:311"),
    # **kwargs: Unpack[TypedDict]
    Case(FnFunc1, TDProtocol1, True, f"{_KW}:99"),
    Case(FnFunc1, TDProtocol2, True, f"{_KW}:100"),
    Case(FnFunc1, TDProtocol3, False, f"{_KW}:101"),
    Case(FnFunc1, TDProtocol4, False, f"{_KW}:102"),
    Case(FnFunc1, TDProtocol5, False, f"{_KW}:103"),
    Case(FnFunc1, TDProtocol6, True, f"{_KW}:104"),
    Case(FnFunc7, TDProtocol6, False, f"{_KW}:134"),
    Case(FnFunc7, TDProtocol1, True, f"{_KW}:134"),  # derived: func7 takes v1, v3 by keyword
    Case(FnFunc1, Callable[[], None], False, f"{_KW}:46"),  # derived: v1, v3 are required
]
