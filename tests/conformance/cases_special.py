"""Special types: Any, Never/NoReturn, None, float/complex promotions, type[...]."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, Generic, Never, NoReturn, Type, TypeVar  # noqa: UP035

import typing_extensions as te

from .case import Case

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
U = TypeVar("U")


class ClassB(Generic[T_co]):
    pass


class ClassC(Generic[T]):
    pass


class User: ...


class BasicUser(User): ...


class ProUser(User): ...


class TeamUser(User): ...


UB = TypeVar("UB", bound=User)


class MyMetaA(type): ...


# specialtypes_sentinels (PEP 661); the suite's first name differs from the variable's
MISSING = te.Sentinel("MISSING")
SPECIAL = te.Sentinel("SPECIAL")


class Cls:
    IN_CLASS = te.Sentinel("Cls.IN_CLASS")


TypeForm = te.TypeForm
_TF = "typeforms_typeform.py"
_SE = "specialtypes_sentinels.py"
_PR = "specialtypes_promotions.py"
_NO = "specialtypes_none.py"
_NE = "specialtypes_never.py"
_TY = "specialtypes_type.py"
_AN = "specialtypes_any.py"

CASES = [
    # TypeForm (typing_extensions): covariant in its argument; type[X] is a TypeForm[X]
    Case(TypeForm[str | None], TypeForm[str | None], True, f"{_TF}:15"),
    Case(TypeForm[str], TypeForm[str | None], True, f"{_TF}:16"),
    Case(TypeForm[None], TypeForm[str | None], True, f"{_TF}:17"),
    Case(TypeForm[Any], TypeForm[str | None], True, f"{_TF}:21"),
    Case(TypeForm[str | int], TypeForm[str | None], False, f"{_TF}:23"),
    Case(TypeForm[list[str | None]], TypeForm[str | None], False, f"{_TF}:24"),
    Case(TypeForm[str], TypeForm[Any], True, f"{_TF}:34"),
    Case(TypeForm[Any], TypeForm[str], True, f"{_TF}:35"),
    Case(TypeForm[int], TypeForm, True, f"{_TF}:57"),
    Case(TypeForm[int], TypeForm[int | str], True, f"{_TF}:97"),
    Case(TypeForm[int], TypeForm[str], False, f"{_TF}:98"),
    Case(type[int], TypeForm[int | str], True, f"{_TF}:107"),
    Case(type[int], TypeForm[str], False, f"{_TF}:108"),
    Case(TypeForm[int], type[int], False, f"{_TF}:94"),  # derived: not every type form is a class
    Case(MISSING, int, False, f"{_SE}:14"),
    Case(int, int | MISSING | SPECIAL, True, f"{_SE}:33"),
    Case(MISSING, int | MISSING | SPECIAL, True, f"{_SE}:34"),
    Case(SPECIAL, int | MISSING | SPECIAL, True, f"{_SE}:35"),
    Case(Cls.IN_CLASS, int | MISSING | SPECIAL, False, f"{_SE}:36"),
    Case(int, int | Cls.IN_CLASS, True, f"{_SE}:38"),
    Case(MISSING, int | Cls.IN_CLASS, False, f"{_SE}:39"),
    Case(Cls.IN_CLASS, int | Cls.IN_CLASS, True, f"{_SE}:40"),
    Case(MISSING, MISSING, True, f"{_SE}:22"),
    Case(MISSING, object, True, f"{_SE}:20"),  # derived: object is the top type
    # promotions
    Case(int, float, True, f"{_PR}:7"),
    Case(float, complex, True, f"{_PR}:8"),
    Case(int, complex, True, f"{_PR}:9"),
    Case(float, int, False, f"{_PR}:7"),
    Case(complex, float, False, f"{_PR}:8"),
    Case(bool, float, True, f"{_PR}:7"),
    Case(list[int], list[float], False, f"{_PR}:7"),  # derived: promotion is not subtyping
    Case(tuple[int, float], tuple[float, complex], True, f"{_PR}:9"),
    # None
    Case(None, None, True, f"{_NO}:16"),
    Case(type[None], None, False, f"{_NO}:21"),
    Case(None, Hashable, True, f"{_NO}:24"),
    Case(None, Iterable, False, f"{_NO}:27"),  # type: ignore[type-arg]
    Case(type[None], type[None], True, f"{_NO}:40"),
    Case(None, type[None], False, f"{_NO}:41"),
    Case(None, int | None, True, f"{_NO}:16"),
    Case(None, int, False, f"{_NO}:20"),
    Case(None, object, True, f"{_NO}:30"),
    # Never / NoReturn
    Case(NoReturn, NoReturn, True, f"{_NE}:41"),
    Case(list[NoReturn], list[NoReturn], True, f"{_NE}:47"),
    Case(Never, int, True, f"{_NE}:67"),
    Case(Never, str, True, f"{_NE}:68"),
    Case(Never, list[str], True, f"{_NE}:69"),
    Case(NoReturn, int, True, f"{_NE}:67"),
    Case(Never, Never, True, f"{_NE}:83"),
    Case(Any, Never, True, f"{_NE}:84"),
    Case(list[Never], list[int], False, f"{_NE}:85"),
    Case(NoReturn, Never, True, f"{_NE}:86"),
    Case(Never, NoReturn, True, f"{_NE}:86"),
    Case(int, Never, False, f"{_NE}:83"),
    Case(None, NoReturn, False, f"{_NE}:19"),
    Case(ClassB[Never], ClassB[U], True, f"{_NE}:95"),
    Case(ClassB[Never], ClassB[int], True, f"{_NE}:95"),
    Case(ClassC[Never], ClassC[int], False, f"{_NE}:104"),
    Case(list[Never], list[Never], True, f"{_NE}:51"),
    # type[...]
    Case(type[TeamUser], type, True, f"{_TY}:42"),
    Case(type[TeamUser], type[User], True, f"{_TY}:43"),
    Case(type[TeamUser], type[UB], True, f"{_TY}:44"),
    Case(type[BasicUser], type[BasicUser | ProUser], True, f"{_TY}:54"),
    Case(type[ProUser], type[BasicUser | ProUser], True, f"{_TY}:55"),
    Case(type[TeamUser], type[BasicUser | ProUser], False, f"{_TY}:56"),
    Case(type[BasicUser] | type[ProUser], type[BasicUser | ProUser], True, f"{_TY}:50"),
    Case(type[User], type[T], True, f"{_TY}:68"),
    Case(type[tuple], type[T], True, f"{_TY}:69"),  # type: ignore[type-arg]
    Case(type[Any], type, True, f"{_TY}:85"),
    Case(type, type[Any], True, f"{_TY}:86"),
    Case(type[type], type, True, f"{_TY}:87"),
    Case(type[type], type[Any], True, f"{_TY}:88"),
    Case(Type, type[Any], True, f"{_TY}:97"),  # type: ignore[type-arg]  # noqa: UP006
    Case(Type[Any], type, True, f"{_TY}:97"),  # noqa: UP006
    Case(type[ProUser], type[UB], True, f"{_TY}:127"),
    Case(type[int], type[UB], False, f"{_TY}:127"),
    Case(type[User], User, False, f"{_TY}:32"),
    Case(type[int], type[T], True, f"{_TY}:160"),
    Case(type, Callable[..., Any], True, f"{_TY}:165"),
    Case(type, Callable[[int, int], int], True, f"{_TY}:166"),
    Case(type, object, True, f"{_TY}:167"),
    Case(type, type, True, f"{_TY}:168"),
    Case(type, type[int], True, f"{_TY}:169"),
    Case(type, type[Any], True, f"{_TY}:170"),
    Case(type, type[T], True, f"{_TY}:175"),
    Case(type[MyMetaA], type[type], True, f"{_TY}:79"),  # derived: a metaclass is a type
    Case(type[User], Callable[[], User], True, f"{_TY}:32"),  # derived: a class is its constructor
    Case(type[User], Callable[[], int], False, f"{_TY}:32"),
    # Any
    Case(str, Any, True, f"{_AN}:13"),
    Case(int, Any, True, f"{_AN}:14"),
    Case(list[str], list[Any], True, f"{_AN}:17"),
    Case(list[int], list[Any], True, f"{_AN}:18"),
    Case(Any, int, True, f"{_AN}:22"),
    Case(Any, str, True, f"{_AN}:23"),
    Case(list[Any], list[str], True, f"{_AN}:25"),
    Case(list[Any], list[int], True, f"{_AN}:26"),
    Case(list, list[str], True, f"{_AN}:51"),  # type: ignore[type-arg]
    Case(list, list[int], True, f"{_AN}:52"),  # type: ignore[type-arg]
    Case(dict, dict[str, str], True, f"{_AN}:54"),  # type: ignore[type-arg]
    Case(tuple, tuple[str, ...], True, f"{_AN}:64"),  # type: ignore[type-arg]
    Case(tuple, tuple[int, ...], True, f"{_AN}:65"),  # type: ignore[type-arg]
    Case(Callable, Callable[[], Any], True, f"{_AN}:74"),  # type: ignore[type-arg]
    Case(Callable, Callable[[int, str], None], True, f"{_AN}:75"),  # type: ignore[type-arg]
    Case(Callable[..., Any], Callable[[int, str], None], True, f"{_AN}:75"),
    Case(dict[str, Any], dict[str, int], True, f"{_AN}:54"),
    Case(list[Any], set[int], False, f"{_AN}:25"),  # derived: Any args don't change the class
]
