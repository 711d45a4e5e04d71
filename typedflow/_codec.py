"""Typed JSON for `typedflow run`: each input line decoded into the pipeline's input type, each
output encoded from its type.

Decoding uses msgspec (strict: `"3"` is not an `int`, a missing field is an error naming it)
for what it supports: builtins, containers, tuples, dataclasses, TypedDicts, NamedTuples,
enums, Literals, `datetime`/`date`/`time`/`UUID`/`Decimal` and unions of them. A type with a
pydantic model in it, or one msgspec refuses (a union of two dataclasses), is decoded by
pydantic's `TypeAdapter` when pydantic is installed. Any other input type (`Any`, a Protocol,
an arbitrary class) reads lines as plain JSON values, as before, and `Codec.note` says why.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, cast

from ._hints import is_any, parts, strip, type_repr

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Codec", "DecodeFailure"]


class DecodeFailure(ValueError):
    """A line that is not JSON, or not a value of the input type (the decoder's message)."""


class Codec:
    """How `typedflow run` reads inputs of type `input_hint` and writes outputs.

    Attributes:
        note: Why inputs are read as plain JSON values although the input type is declared
            (None when they are decoded into it, or when it is `Any`/`object`).
    """

    def __init__(self, input_hint: object) -> None:
        self.note: str | None = None
        self._decode: Callable[[bytes], Any] = _plain
        bare = strip(input_hint)
        if is_any(bare) or bare is object:
            return
        if _has_pydantic_model(bare):
            self._decode = _pydantic_decoder(input_hint, self)
            return
        import msgspec

        try:
            decoder = msgspec.json.Decoder(input_hint, dec_hook=_refuse)
        except TypeError as exc:  # a type msgspec cannot decode (two dataclasses in a union)
            self._decode = _pydantic_decoder(input_hint, self, reason=str(exc))
            return
        if not _msgspec_can(bare):
            self.note = (
                f"the input type `{type_repr(input_hint)}` cannot be decoded from JSON; each"
                " line is passed as its plain JSON value"
            )
            return

        def decode(raw: bytes) -> Any:
            try:
                return decoder.decode(raw)
            except msgspec.ValidationError as exc:
                raise DecodeFailure(f"not a `{type_repr(input_hint)}`: {exc}") from None
            except msgspec.DecodeError as exc:
                raise _malformed(raw, exc) from None
            except RecursionError:
                raise DecodeFailure("invalid JSON: nested too deeply") from None

        self._decode = decode

    def decode(self, raw: bytes) -> Any:
        """The line's value, of the input type when it is decoded into it.

        Raises:
            DecodeFailure: The line is not JSON, or not a value of the input type.
        """
        return self._decode(raw)


def to_builtins(value: object) -> object:
    """`value` as JSON's builtins: dataclasses and TypedDicts as objects, NamedTuples and
    tuples as arrays, enums as their values, dates and times in ISO 8601, pydantic models as
    their JSON dump.

    Raises:
        TypeError: A value JSON has no form for (an arbitrary object).
    """
    import msgspec

    return msgspec.to_builtins(value, enc_hook=_pydantic_dump)


def _plain(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise DecodeFailure(f"invalid JSON: {exc}") from None
    except RecursionError:
        raise DecodeFailure("invalid JSON: nested too deeply") from None


def _malformed(raw: bytes, exc: Exception) -> DecodeFailure:
    """The failure for a line msgspec cannot read: json's message when json cannot read it
    either (it says where), else msgspec's (a lone surrogate escape such as `\\ud800`)."""
    try:
        json.loads(raw)
    except json.JSONDecodeError as found:
        return DecodeFailure(f"invalid JSON: {found}")
    except RecursionError:
        return DecodeFailure("invalid JSON: nested too deeply")
    return DecodeFailure(f"invalid JSON: {exc}")


def _refuse(kind: type, value: Any) -> Any:
    raise NotImplementedError(f"`{type_repr(kind)}` cannot be decoded from JSON")


_SCALARS = frozenset({int, float, str, bool, bytes, bytearray, type(None)})


def _msgspec_can(hint: object) -> bool:
    """Whether every part of `hint` is a type msgspec decodes natively (it accepts any class
    at construction, then fails each value through `dec_hook`)."""
    import dataclasses
    import datetime
    import decimal
    import enum
    import uuid

    import msgspec
    import typing_extensions as te

    hint = strip(hint)
    if is_any(hint) or hint in _SCALARS or hint is object:
        return True
    origin, args = parts(hint)
    if isinstance(hint, type) and args is None:
        return (
            hint in {datetime.datetime, datetime.date, datetime.time, datetime.timedelta}
            or hint in {uuid.UUID, decimal.Decimal}
            or issubclass(hint, enum.Enum | msgspec.Struct)
            or dataclasses.is_dataclass(hint)
            or te.is_typeddict(hint)
            or (issubclass(hint, tuple) and hasattr(hint, "_fields"))
            or hint in {list, dict, tuple, set, frozenset}
        )
    if origin is te.Literal:
        return True
    return args is not None and all(
        a is Ellipsis or _msgspec_can(a) for a in args
    )


def _has_pydantic_model(hint: object) -> bool:
    pydantic = sys.modules.get("pydantic")  # a model exists only once pydantic is imported
    if pydantic is None:
        return False
    import typing_extensions as te

    hint = strip(hint)
    if isinstance(hint, type) and issubclass(hint, pydantic.BaseModel):
        return True
    origin, args = parts(hint)
    if origin is te.Literal:
        return False
    return any(_has_pydantic_model(a) for a in args or () if a is not Ellipsis)


def _pydantic_decoder(
    hint: object, codec: Codec, reason: str | None = None
) -> Callable[[bytes], Any]:
    """pydantic's decoder for `hint`, or plain JSON (with `codec.note` saying why)."""
    try:
        from pydantic import TypeAdapter, ValidationError
    except ImportError:
        codec.note = (
            f"the input type `{type_repr(hint)}` needs pydantic to be decoded from JSON"
            f" ({reason}); each line is passed as its plain JSON value"
        )
        return _plain
    try:
        adapter: Any = TypeAdapter(cast("Any", hint))
    except Exception as exc:  # noqa: BLE001  pydantic refuses the type: say so, read plain JSON
        codec.note = (
            f"the input type `{type_repr(hint)}` cannot be decoded from JSON ({exc});"
            " each line is passed as its plain JSON value"
        )
        return _plain

    def decode(raw: bytes) -> Any:
        try:
            return adapter.validate_json(raw, strict=True)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            if errors and errors[0]["type"] == "json_invalid":
                raise DecodeFailure(f"invalid JSON: {errors[0]['msg']}") from None
            found = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}" for e in errors
            )
            raise DecodeFailure(f"not a `{type_repr(hint)}`: {found}") from None

    return decode


def _pydantic_dump(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    if dump is None or not callable(dump):
        raise TypeError(f"`{type(value).__qualname__}` has no JSON form")
    return dump(mode="json")
