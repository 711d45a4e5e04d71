"""Callable assignability: signatures against signatures, classes and instances as callables."""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import inspect

import typing_extensions as te

from ._hints import Variance, parts, strip
from ._signatures import (
    Param,
    Relation,
    Signature,
    callable_signature,
    class_bindings,
    constructor_signatures,
    member_signature,
)

__all__ = [
    "call_assignable",
    "callable_to_protocol",
    "constructor_assignable",
    "param_lists_fit",
    "signature_assignable",
]

_K = inspect.Parameter
_POSITIONAL = (_K.POSITIONAL_ONLY, _K.POSITIONAL_OR_KEYWORD)


# --- comparing signatures ----------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Shape:
    """A signature's parameters sorted by how they can be passed."""

    positional: list[Param]
    var: Param | None
    keywords: dict[str, Param]  # keyword-only
    var_kw: Param | None

    @staticmethod
    def of(sig: Signature) -> _Shape:
        params = sig.params
        return _Shape(
            [p for p in params if p.kind in _POSITIONAL],
            next((p for p in params if p.kind is _K.VAR_POSITIONAL), None),
            {p.name: p for p in params if p.kind is _K.KEYWORD_ONLY},
            next((p for p in params if p.kind is _K.VAR_KEYWORD), None),
        )


def signature_assignable(src: Signature, dst: Signature, rel: Relation) -> bool:
    """Whether a callable with signature ``src`` may be used where ``dst`` is expected.

    The typing spec's rules (mypy agrees except where noted): the return is covariant, each
    way of calling ``dst`` must be accepted by ``src`` with contravariant parameter types. A
    ``dst`` parameter that may be passed by keyword needs a ``src`` parameter of that name
    (mypy skips this for Protocol methods); a ``dst`` default needs a ``src`` default; extra
    ``src`` parameters need defaults, or to be fed by ``dst``'s ``*args``/``**kwargs`` or a
    keyword-only ``dst`` parameter of their name. A ``...`` tail on either side accepts the
    rest; a ``dst`` ParamSpec not shared with ``src`` binds whatever ``src`` has left, a
    shared one must line up. An overloaded ``dst`` needs every overload matched, an
    overloaded ``src`` needs one overload that matches.

    A ``src`` ParamSpec that ``dst`` does not share is one left unsolved (``solve`` binds
    TypeVars only, so a node returning ``Callable[P, list[R]]`` passes ``P`` on): it counts
    as ``...``, as it did before ParamSpecs were modelled, rather than as an opaque list
    that nothing concrete accepts.
    """
    if dst.overloads:
        return all(signature_assignable(src, d, rel) for d in dst.overloads)
    if src.overloads:
        return any(signature_assignable(s, dst, rel) for s in src.overloads)
    if not rel(src.returns, dst.returns):
        return False
    if src.spec is not None and src.spec != dst.spec:
        src = dataclasses.replace(src, spec=None, gradual=True)  # unsolved: counts as `...`
    if src.gradual and not src.params:
        return True
    s, d = _Shape.of(src), _Shape.of(dst)
    if dst.spec is not None and dst.spec == src.spec:
        return len(s.positional) == len(d.positional) and _positional_fit(s, d, src, rel)
    if not _positional_fit(s, d, src, rel):
        return False
    open_dst = dst.gradual or dst.spec is not None
    return _rest_fit(s, d, src, rel, open_dst=open_dst)


def _positional_fit(s: _Shape, d: _Shape, src: Signature, rel: Relation) -> bool:
    """Each positional ``dst`` parameter is accepted by ``src`` at its position."""
    for i, want in enumerate(d.positional):
        if i < len(s.positional):
            have = s.positional[i]
            if want.kind is _K.POSITIONAL_OR_KEYWORD and (
                have.kind is not want.kind or have.name != want.name
            ):
                return False
            if want.has_default and not have.has_default:
                return False
        elif s.var is not None:
            have = s.var
            if want.kind is _K.POSITIONAL_OR_KEYWORD:  # may also come by keyword
                by_name = s.keywords.get(want.name, s.var_kw)
                if by_name is None and not src.gradual:
                    return False
                if by_name is not None and not rel(want.hint, by_name.hint):
                    return False
        elif src.gradual:
            continue
        else:
            return False
        if not rel(want.hint, have.hint):
            return False
    return True


def _rest_fit(s: _Shape, d: _Shape, src: Signature, rel: Relation, *, open_dst: bool) -> bool:
    """``*args``, keywords and ``**kwargs``, once the positional parameters fit."""
    extra = s.positional[len(d.positional) :]
    by_name = {p.name: p for p in extra if p.kind is _K.POSITIONAL_OR_KEYWORD}
    for have in extra:
        if d.var is not None and not rel(d.var.hint, have.hint):
            return False
        if not (have.has_default or open_dst or have.name in d.keywords):
            return False
    if (
        d.var is not None
        and not (open_dst or src.gradual)
        and (s.var is None or not rel(d.var.hint, s.var.hint))
    ):
        return False
    matched: set[str] = set()
    for name, want in d.keywords.items():
        have_kw = s.keywords.get(name) or by_name.get(name) or s.var_kw
        if have_kw is None:
            if src.gradual:
                continue
            return False
        if not rel(want.hint, have_kw.hint):
            return False
        if want.has_default and not have_kw.has_default and have_kw is not s.var_kw:
            return False
        matched.add(name)
    if open_dst:
        return True
    if d.var_kw is not None and not src.gradual:
        if s.var_kw is None or not rel(d.var_kw.hint, s.var_kw.hint):
            return False
        if any(not rel(d.var_kw.hint, p.hint) for n, p in s.keywords.items() if n not in matched):
            return False
    return all(p.has_default or n in matched for n, p in s.keywords.items())


# --- classes and instances as callables --------------------------------------------------------


def constructor_assignable(cls: object, want: Signature, rel: Relation) -> bool:
    """Whether the class object ``type[cls]`` may be used as a callable ``want``.

    Follows the spec's conversion of a constructor to a callable (metaclass ``__call__``,
    ``__new__``, ``__init__``; see :func:`typedflow._signatures.constructor_signatures`): a
    call must suit every signature found. A class without introspectable constructors is
    ``(...) -> cls``.
    """
    origin, args = parts(strip(cls))
    found = constructor_signatures(origin) if isinstance(origin, type) else None
    if found is None or not isinstance(origin, type):
        return signature_assignable(Signature((), cls, gradual=True), want, rel)
    bindings = class_bindings(origin, args)
    return all(
        signature_assignable(_returning(sig.substituted(bindings), origin, cls), want, rel)
        for sig in found
    )


def _returning(sig: Signature, origin: object, cls: object) -> Signature:
    """``sig`` with a return of the bare class ``origin`` made the parametrised ``cls``."""
    if sig.overloads:
        return dataclasses.replace(
            sig, overloads=tuple(_returning(o, origin, cls) for o in sig.overloads)
        )
    return dataclasses.replace(sig, returns=cls) if sig.returns is origin else sig


def call_assignable(
    origin: object, args: tuple[object, ...] | None, want: Signature, rel: Relation
) -> bool:
    """Whether an instance of ``origin[args]`` (or a ``Callable[args]``) may be used as ``want``.

    An instance is callable through a ``__call__`` defined below ``object``; one whose
    signature cannot be read (a C method) is assumed to fit.
    """
    if origin is cabc.Callable:
        return signature_assignable(callable_signature(args), want, rel)
    if not isinstance(origin, type):
        return False
    if not any("__call__" in klass.__dict__ for klass in origin.__mro__[:-1]):
        return False
    have = member_signature(origin, "__call__")
    if have is None:
        return True
    return signature_assignable(have.substituted(class_bindings(origin, args)), want, rel)


def callable_to_protocol(
    args: tuple[object, ...] | None,
    target: object,
    t_args: tuple[object, ...] | None,
    rel: Relation,
) -> bool:
    """Whether ``Callable[args]`` satisfies ``target[t_args]``, a Protocol of just ``__call__``."""
    if not (isinstance(target, type) and te.is_protocol(target)):
        return False
    if te.get_protocol_members(target) != {"__call__"}:
        return False
    want = member_signature(target, "__call__")
    if want is None:
        return True
    want = want.substituted(class_bindings(target, t_args))
    return signature_assignable(callable_signature(args), want, rel)


def param_lists_fit(variance: Variance, have: object, want: object, rel: Relation) -> bool:
    """Parameter lists as a ParamSpec's arguments (``C[[int]]`` against ``C[[object]]``).

    ``[int]`` is below ``[object]``, as a ``Callable[[object], R]`` is assignable to a
    ``Callable[[int], R]``; a covariant ParamSpec follows that order, a contravariant one the
    reverse, an invariant one needs both.
    """
    have_sig, want_sig = callable_signature((have, None)), callable_signature((want, None))
    up = signature_assignable(want_sig, have_sig, rel)
    if variance is Variance.COVARIANT:
        return up
    down = signature_assignable(have_sig, want_sig, rel)
    return down if variance is Variance.CONTRAVARIANT else up and down
