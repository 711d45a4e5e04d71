"""Render a runtime type hint as source text (for reports and the generated mypy module)."""

from __future__ import annotations

import collections.abc
import enum
import sys
import types
import typing

import typing_extensions as te

__all__ = ["Renderer"]

_SPECIAL: dict[object, str] = {
    typing.Any: "typing.Any",
    typing.Never: "typing.Never",
    typing.NoReturn: "typing.NoReturn",
    typing.LiteralString: "typing.LiteralString",
    typing.Self: "typing.Self",
    te.Any: "typing.Any",
    te.Never: "typing.Never",
    te.NoReturn: "typing.NoReturn",
    te.LiteralString: "typing.LiteralString",
    te.Self: "typing.Self",
    Ellipsis: "...",
    te.TypeForm: "typing_extensions.TypeForm",
}

_FORMS: dict[object, str] = {
    typing.Literal: "typing.Literal",
    typing.Union: "typing.Union",
    typing.Optional: "typing.Optional",
    typing.Concatenate: "typing.Concatenate",
    typing.Unpack: "typing.Unpack",
    typing.Required: "typing.Required",
    typing.NotRequired: "typing.NotRequired",
    typing.ClassVar: "typing.ClassVar",
    typing.Final: "typing.Final",
    te.ReadOnly: "typing_extensions.ReadOnly",
    te.Unpack: "typing.Unpack",
    te.Required: "typing.Required",
    te.NotRequired: "typing.NotRequired",
}


_ALIAS_TYPES: tuple[type, ...] = (te.TypeAliasType,)
if hasattr(typing, "TypeAliasType"):  # Python 3.12+: the `type` statement's class
    _ALIAS_TYPES += (typing.TypeAliasType,)


class Renderer:
    """Turns hints into source text; ``imports`` collects the modules the text names."""

    def __init__(self) -> None:
        self.imports: set[str] = {"typing", "typing_extensions", "collections.abc"}

    def _qual(self, obj: object) -> str:
        module = getattr(obj, "__module__", None)
        name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
        if module is None or name is None:
            raise ValueError(f"cannot name {obj!r}")
        if not all(part.isidentifier() for part in name.split(".")):
            raise ValueError(f"cannot name {obj!r} in source")
        found: object = sys.modules.get(module)
        for part in name.split("."):
            found = getattr(found, part, None)
        if found is not obj:  # e.g. a PEP 695 type parameter, or an alias nested in a class
            raise ValueError(f"{obj!r} is not reachable as {module}.{name}")
        if module == "builtins":
            return name
        self.imports.add(module)
        return f"{module}.{name}"

    def _value(self, value: object) -> str:
        if isinstance(value, enum.Enum):
            return f"{self._qual(type(value))}.{value.name}"
        return repr(value)

    def __call__(self, hint: object) -> str:
        if hint is None or hint is types.NoneType:
            return "None"
        try:
            if hint in _SPECIAL:
                return _SPECIAL[hint]
        except TypeError:
            pass
        if getattr(hint, "__unpacked__", False):  # *tuple[...] written in a subscript
            inner = typing.get_args(hint)
            if typing.get_origin(hint) is not tuple:  # *Ts
                return f"typing.Unpack[{self(inner[0] if inner else hint)}]"
            return f"typing.Unpack[tuple[{self._args(inner)}]]"
        if isinstance(hint, typing.TypeVar | typing.ParamSpec | typing.TypeVarTuple):
            return self._qual(hint)
        if isinstance(hint, te.TypeVar | te.ParamSpec | te.TypeVarTuple):
            return self._qual(hint)
        if isinstance(hint, typing.NewType) or type(hint).__name__ == "sentinel":
            return self._qual(hint)
        if isinstance(hint, _ALIAS_TYPES):
            return self._qual(hint)
        if isinstance(hint, list | tuple):  # parameter list
            return "[" + ", ".join(self(h) for h in hint) + "]"
        origin = typing.get_origin(hint)
        args = typing.get_args(hint)
        if origin is None:
            if isinstance(hint, type):
                return self._qual(hint)
            raise ValueError(f"cannot render {hint!r}")
        if origin is typing.Literal:
            return "typing.Literal[" + ", ".join(self._value(a) for a in args) + "]"
        if origin in (typing.Union, types.UnionType):
            return " | ".join(self(a) for a in args)
        if origin is collections.abc.Callable:
            if len(args) == 2 and args[0] is Ellipsis:
                return f"collections.abc.Callable[..., {self(args[1])}]"
            params, ret = args[:-1], args[-1]
            if len(params) == 1 and not isinstance(params[0], list | tuple):
                return f"collections.abc.Callable[{self(params[0])}, {self(ret)}]"
            if len(params) == 1:
                params = tuple(params[0])
            return f"collections.abc.Callable[[{', '.join(self(p) for p in params)}], {self(ret)}]"
        if origin is typing.Annotated or origin is te.Annotated:
            meta = ", ".join(repr(a) for a in hint.__metadata__)
            return f"typing.Annotated[{self(args[0])}, {meta}]"
        if origin in _FORMS:
            return f"{_FORMS[origin]}[{self._args(args)}]"
        if origin is tuple and not args:
            return "tuple[()]"
        head = self._qual(origin)
        return f"{head}[{self._args(args)}]"

    def _args(self, args: tuple[object, ...]) -> str:
        if not args:
            return "()"
        return ", ".join(self(a) for a in args)
