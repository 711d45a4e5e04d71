"""Dataclass cases: synthesized constructors, the dataclass protocol, generic dataclasses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from .case import Case

T = TypeVar("T")


@dataclass(order=True)
class InventoryItem:
    x = 0
    name: str
    unit_price: float
    quantity_on_hand: int = 0


class InventoryItemCtorProto(Protocol):  # the synthesized __init__, as a constructor
    def __call__(
        self, name: str, unit_price: float, quantity_on_hand: int = ...
    ) -> InventoryItem: ...


@dataclass
class DC14:
    prop_1: str = field(init=False)
    prop_2: str = field(default="hello")
    prop_3: str = field(default_factory=lambda: "hello")


@dataclass
class DC15(DC14):
    prop_2: str = ""


class DataclassProto(Protocol):
    __dataclass_fields__: ClassVar[dict[str, Any]]


class NotADataclass:
    prop_2: str = ""


@dataclass
class DC16(Generic[T]):
    value: T


class DC17(DC16[str]):
    pass


@dataclass(frozen=True)
class FrozenDC1:
    a: float
    b: str


@dataclass(frozen=True)
class FrozenDC1Child(FrozenDC1):
    a: int


class HasA(Protocol):
    a: float


_US = "dataclasses_usage.py"
_FR = "dataclasses_frozen.py"

CASES = [
    Case(type[InventoryItem], InventoryItemCtorProto, True, f"{_US}:36"),
    Case(type[InventoryItem], Callable[[str, float], InventoryItem], True, f"{_US}:26"),
    Case(type[InventoryItem], Callable[[str, float, int], InventoryItem], True, f"{_US}:26"),
    Case(type[InventoryItem], Callable[[str], InventoryItem], False, f"{_US}:51"),
    Case(type[InventoryItem], Callable[[str, str], InventoryItem], False, f"{_US}:52"),
    Case(type[InventoryItem], Callable[[str, float, int, int], InventoryItem], False, f"{_US}:53"),
    Case(DC15, DataclassProto, True, f"{_US}:206"),
    Case(NotADataclass, DataclassProto, False, f"{_US}:206"),  # derived
    Case(type[DC15], Callable[[], DC15], True, f"{_US}:195"),
    Case(type[DC15], Callable[[str], DC15], True, f"{_US}:195"),  # prop_1 has init=False
    Case(DC16[int], DC16[int], True, f"{_US}:214"),
    Case(DC16[int], DC16[float], False, f"{_US}:214"),  # a mutable field: invariant
    Case(DC17, DC16[str], True, f"{_US}:221"),
    Case(DC17, DC16[int], False, f"{_US}:221"),
    Case(FrozenDC1Child, FrozenDC1, True, f"{_FR}:38"),
    Case(FrozenDC1, HasA, False, f"{_FR}:16"),  # a frozen field is not settable
]
