"""The type relation: whether one hint is assignable to another, and TypeVar solving."""

from __future__ import annotations

import collections.abc as cabc
import enum
import functools
import inspect
import threading
import typing
from typing import Any, TypeVar

import typing_extensions as te

from ._callables import (
    call_assignable,
    callable_to_protocol,
    constructor_assignable,
    param_lists_fit,
)
from ._hints import (
    SPEC_PARTS,
    UNIONS,
    Forms,
    UnsupportedHint,
    Variance,
    all_params,
    is_alias,
    is_any,
    is_never,
    parts,
    strip,
    upcast_args,
)
from ._hints import substitute as substitute
from ._hints import type_repr as type_repr
from ._hints import type_vars as type_vars
from ._join import join
from ._protocols import class_object_satisfies, protocol_satisfied
from ._signatures import callable_signature, class_bindings, is_param_list, member_signature
from ._structural import (
    abc_argument,
    typeddict_as_mapping,
    typeddict_assignable,
)
from ._tuples import Shape, bind_params, is_type_var_tuple, pack, shape_assignable, shape_of
from ._tuples import element as _element
from ._typevars import bound, constraints, upper
from ._variance import variance_of

__all__ = ["is_assignable", "solve", "substitute", "type_repr", "type_vars"]

_LITERAL_STRING = Forms(typing.LiteralString, te.LiteralString)
_TYPE_FORMS = Forms(*[f for f in (getattr(te, "TypeForm", None),) if f is not None])
_TYPE_GUARD = Forms(typing.TypeGuard, te.TypeGuard)
_GUARDS = Forms(typing.TypeGuard, te.TypeGuard, te.TypeIs, getattr(typing, "TypeIs", te.TypeIs))
_UNPACK = Forms(typing.Unpack, te.Unpack)
_in_progress = threading.local()


def is_assignable(source: object, target: object) -> bool:
    """Whether a value of static type ``source`` may be passed to a parameter of type ``target``.

    Follows the typing spec's assignability, checked against the python/typing conformance
    suite (``tests/conformance``) and, differentially, against mypy (``tests/fuzz``): ``Any``
    both ways, ``object`` as top, ``Never``/``NoReturn`` as bottom, the numeric promotions
    (``int`` -> ``float`` -> ``complex``), unions and ``Optional``, ``Literal`` (``bool`` and
    enums expand to their members, ``Literal[None]`` is ``None``), ``LiteralString``, declared
    and inferred variance of generics (PEP 695 classes and ``infer_variance=True``, with
    arguments mapped through generic bases), type parameter defaults (PEP 696), fixed,
    unbounded and unpacked tuples (``*tuple[int, ...]``), ``TypeVarTuple``, ``Callable`` with
    every parameter kind, ``ParamSpec``, ``Concatenate`` and overloads, ``type[X]`` and class
    objects as callables or Protocol implementations, ``TypeGuard``/``TypeIs``, ``TypeForm``,
    ``NewType``, ``Annotated``, type aliases (``TypeAliasType``, PEP 695 ``type``, recursive
    ones in both the ``type`` and the old string form), Protocols (attributes settable or
    read-only, properties, ``ClassVar``, methods with ``Self``, generic Protocols), TypedDicts
    (``Required``, ``ReadOnly``, PEP 728 ``closed``/``extra_items``) and NamedTuples, and
    TypeVars in ``target`` (assignable when :func:`solve` finds bindings). TypeVars left
    unsolved in ``source`` stand for their default, else their bound or constraints; a
    ParamSpec left unsolved in ``source`` stands for ``...``. Results are cached for hashable
    hints.

    Where the spec and mypy differ, this follows the spec: ``str`` is not a ``LiteralString``
    (mypy treats them alike); a class object called as ``Callable`` is checked through its
    metaclass ``__call__``, ``__new__`` and ``__init__`` (mypy skips ``__init__``'s
    parameters); Protocol method parameters that can be passed by keyword keep their names
    (mypy ignores names there); TypedDict extra items and TypeVarTuple/ParamSpec variance are
    honoured (mypy 2.4 does not). Also unlike mypy, a class registered with an ABC
    (``ABC.register``) is its subclass, except for the ``numbers`` tower (ignored by PEP 484).

    Args:
        source: The static type of the value (e.g. a function's return hint).
        target: The expected type (e.g. the next function's parameter hint).

    Returns:
        True when the edge is well typed.

    Raises:
        TypeError: A string or ``ForwardRef`` that cannot be resolved (resolve hints with
            ``typing.get_type_hints`` first), or a hint form the relation does not support; the
            message names both hints. It never fails with another exception.
    """
    try:
        hash((source, target))
    except TypeError:
        return _answer(source, target, _check)
    return _answer(source, target, _cached)


def _answer(source: object, target: object, relate: cabc.Callable[[object, object], bool]) -> bool:
    """``relate(source, target)``; a failure inside the relation becomes a clear ``TypeError``."""
    try:
        return relate(source, target)
    except UnsupportedHint:
        raise
    except (RecursionError, AttributeError, KeyError, IndexError, ValueError, TypeError) as exc:
        raise UnsupportedHint(
            f"cannot relate `{_shown(source)}` to `{_shown(target)}`: a hint form the type"
            f" relation does not support ({type(exc).__name__}: {exc})"
        ) from exc


def _shown(hint: object) -> str:
    try:
        return type_repr(hint)
    except Exception:  # noqa: BLE001  rendering is best effort inside an error message
        return repr(hint)


@functools.lru_cache(maxsize=1 << 16)
def _cached(source: object, target: object) -> bool:
    return _check(source, target)


def _check(source: object, target: object) -> bool:
    if source is target:
        return True
    if is_alias(source) or is_alias(target):
        return _assuming(("alias", source, target), lambda: _relate(source, target))
    return _relate(source, target)


def _assuming(key: object, decide: cabc.Callable[[], bool]) -> bool:
    """``decide()``, assuming ``True`` for a pair already being decided further up the stack.

    Recursive types (aliases, Protocols, TypedDicts that mention themselves) are related
    coinductively, as type checkers do: a cycle that reaches the same question again holds.
    """
    stack: set[object] = _in_progress.__dict__.setdefault("pairs", set())
    try:
        if key in stack:
            return True
        stack.add(key)
    except TypeError:  # unhashable arguments cannot recurse through this guard
        return decide()
    try:
        return decide()
    finally:
        stack.discard(key)


def _relate(source: object, target: object) -> bool:
    if isinstance(source, SPEC_PARTS) or isinstance(target, SPEC_PARTS):
        raise TypeError(
            "unsupported hint: `P.args`/`P.kwargs` are not types; they are supported only as "
            "the annotations of `*args`/`**kwargs`"
        )
    source, target = strip(source), strip(target)
    if source == target or is_any(source) or is_any(target) or target is object:
        return True
    if is_never(source):
        return True
    s_origin, s_args = parts(source)
    t_origin, t_args = parts(target)
    if s_origin in _GUARDS or t_origin in _GUARDS:
        return _guard(s_origin, s_args, target, t_origin, t_args)
    if isinstance(target, TypeVar):
        return _fits(source, target)
    if s_origin in UNIONS and s_args:
        return all(_check(m, target) for m in s_args)
    if is_never(target):
        return False
    if s_origin is typing.Literal and s_args and len(s_args) > 1:
        return all(_check(typing.Literal[v], target) for v in s_args)
    if type_vars(target):
        return solve(target, source) is not None
    if isinstance(source, TypeVar):
        return _check(upper(source), target)
    if t_origin in UNIONS and t_args:
        return any(_check(source, m) for m in t_args) or _expands_to(source, t_args)
    if isinstance(source, typing.NewType):
        return _check(source.__supertype__, target)
    if isinstance(target, typing.NewType) or (s_origin in _LITERAL_STRING and t_origin is str):
        return t_origin is str
    if s_origin is typing.Literal:
        return all(_literal_fits(v, target, t_origin, t_args) for v in s_args or ())
    if t_origin is typing.Literal:
        return _expands_to(source, (target,))
    if t_origin in _LITERAL_STRING:
        return False
    return _structured(source, target, s_origin, s_args, t_origin, t_args)


def _structured(
    source: object,
    target: object,
    s_origin: object,
    s_args: tuple[object, ...] | None,
    t_origin: object,
    t_args: tuple[object, ...] | None,
) -> bool:
    """The relation for TypedDicts, type forms, class objects, callables and classes."""
    if _unpacked_typeddict(s_origin, s_args) and _unpacked_typeddict(t_origin, t_args):
        # `**kwargs: Unpack[TD]`: the keyword arguments relate as the TypedDicts do
        return typeddict_assignable(s_args[0], t_args[0], _check)  # type: ignore[index]
    if te.is_typeddict(s_origin):
        if te.is_typeddict(t_origin):
            return typeddict_assignable(source, target, _check)
        return _check(typeddict_as_mapping(source, t_origin, _check), target)
    if te.is_typeddict(t_origin):
        return False
    if t_origin in _TYPE_FORMS:  # PEP 747: covariant; `type[X]` is a `TypeForm[X]`
        if s_origin not in _TYPE_FORMS and s_origin is not type:
            return False
        return _check(s_args[0] if s_args else Any, t_args[0] if t_args else Any)
    if s_origin is type and _protocol_target(t_origin):
        cls = s_args[0] if s_args else Any
        if isinstance(cls, type) and not te.is_protocol(cls):
            return _assuming(
                ("class", cls, target),
                lambda: class_object_satisfies(cls, t_origin, t_args, _check),  # type: ignore[arg-type]
            )
    if s_origin is type:
        return _from_type(s_args[0] if s_args else Any, target, t_origin, t_args)
    if t_origin is type and not _metaclass(s_origin, t_args):
        return False
    if t_origin is cabc.Callable:
        return call_assignable(s_origin, s_args, callable_signature(t_args), _check)
    if s_origin is cabc.Callable:
        return callable_to_protocol(s_args, t_origin, t_args, _check)
    if not isinstance(s_origin, type) or not isinstance(t_origin, type):
        return False
    return _nominal(s_origin, s_args, t_origin, t_args)


def _unpacked_typeddict(origin: object, args: tuple[object, ...] | None) -> bool:
    """Whether a hint is ``Unpack[TD]`` for a TypedDict ``TD`` (the form of ``**kwargs``)."""
    if origin not in _UNPACK or not args:
        return False
    return te.is_typeddict(parts(strip(args[0]))[0])


def _fits(source: object, var: TypeVar) -> bool:
    """Whether ``source`` may bind the unsolved TypeVar ``var`` (bound or a constraint)."""
    if isinstance(source, TypeVar):
        source = upper(source)
    found = constraints(var)
    if found:
        return any(_check(source, c) for c in found)
    return _check(source, bound(var))


def _literal_key(value: object) -> tuple[type, object]:
    return type(value), value


def _literal_values(members: tuple[object, ...]) -> set[tuple[type, object]]:
    values: set[tuple[type, object]] = set()
    for member in members:
        origin, args = parts(strip(member))
        if origin is typing.Literal:
            values.update(_literal_key(v) for v in args or ())
    return values


def _expands_to(source: object, members: tuple[object, ...]) -> bool:
    """Whether ``bool`` or an enum ``source`` is covered by the Literal ``members`` listed."""
    if source is bool:
        wanted = {_literal_key(True), _literal_key(False)}
    elif isinstance(source, type) and issubclass(source, enum.Enum):
        wanted = {_literal_key(m) for m in source}
    else:
        return False
    return bool(wanted) and wanted <= _literal_values(members)


def _literal_fits(value: object, target: object, t_origin: object, t_args: object) -> bool:
    if t_origin is typing.Literal:
        return _literal_key(value) in _literal_values((target,))
    if t_origin in _LITERAL_STRING:
        return isinstance(value, str)
    return _check(type(value), target)


def _guard(
    s_origin: object, s_args: object, target: object, t_origin: object, t_args: object
) -> bool:
    """``TypeGuard[X]``/``TypeIs[X]`` (return types) are ``bool``s; as targets they need the
    same form, ``TypeGuard`` covariant in ``X``, ``TypeIs`` invariant (the spec's rules)."""
    if t_origin not in _GUARDS:
        return _check(bool, target)
    if not (isinstance(s_args, tuple) and isinstance(t_args, tuple) and s_args and t_args):
        return False
    s_guard, t_guard = s_origin in _TYPE_GUARD, t_origin in _TYPE_GUARD
    if s_guard and t_guard:
        return _check(s_args[0], t_args[0])
    if s_origin in _GUARDS and not s_guard and not t_guard:  # TypeIs to TypeIs
        return _check(s_args[0], t_args[0]) and _check(t_args[0], s_args[0])
    return False


def _metaclass(origin: object, t_args: tuple[object, ...] | None) -> bool:
    """Whether ``origin`` is a metaclass and the target a bare ``type`` (or ``type[Any]``)."""
    return (
        isinstance(origin, type)
        and issubclass(origin, type)
        and (t_args is None or (len(t_args) == 1 and is_any(t_args[0])))
    )


def _from_type(cls: object, target: object, t_origin: object, t_args: object) -> bool:
    """Assignability of ``type[cls]``: covariant in ``cls``, callable as its constructor."""
    if t_origin is type:
        return _check(cls, t_args[0] if isinstance(t_args, tuple) and t_args else Any)
    if t_origin is cabc.Callable:
        return constructor_assignable(cls, callable_signature(t_args), _check)  # type: ignore[arg-type]
    return _check(type(cls) if isinstance(cls, type) else type, target)


def _is_subclass(source: type, target: type) -> bool:
    if target in source.__mro__:
        return True
    if target.__module__ == "numbers":
        return False  # mypy ignores the numeric tower's ABC registrations (PEP 484)
    try:
        return issubclass(source, target)
    except TypeError:
        return False


def _nominal(s: type, s_args: tuple[object, ...] | None, t: type, t_args: object) -> bool:
    """Class-to-class assignability: promotions, subclassing, Protocols, then variance."""
    if (t is float and issubclass(s, int)) or (t is complex and issubclass(s, int | float)):
        return True
    if te.is_protocol(t) and t not in s.__mro__:
        return _guarded(s, s_args, t, t_args)
    if not _is_subclass(s, t):
        return False
    if not isinstance(t_args, tuple):
        return True
    if t is tuple:
        mine = shape_of(s_args if s is tuple else upcast_args(s, s_args, t))
        theirs = shape_of(t_args)
        return mine is not None and theirs is not None and shape_assignable(mine, theirs, _check)
    have = upcast_args(s, s_args, t)
    if have is None:  # no generic path: read a structural ABC's argument off its method
        pair = abc_argument(s, s_args, t, t_args)
        return pair is None or _check(*pair)
    return _args_fit(t, have, t_args)


def _protocol_target(origin: object) -> bool:
    """A Protocol that a class object may satisfy structurally (callback Protocols aside)."""
    return (
        isinstance(origin, type)
        and te.is_protocol(origin)
        and "__call__" not in te.get_protocol_members(origin)
    )


def _guarded(s: type, s_args: object, t: type, t_args: object) -> bool:
    """Structural Protocol check, assuming recursive occurrences of the same pair hold."""
    return _assuming(
        (s, s_args, t, t_args),
        lambda: protocol_satisfied(s, s_args, t, t_args, _check),  # type: ignore[arg-type]
    )


def _paired(
    origin: type, have: tuple[object, ...] | None, want: tuple[object, ...]
) -> list[tuple[object, object]]:
    """``origin``'s arguments in ``have`` and ``want`` paired per type parameter.

    A ``TypeVarTuple`` parameter pairs the two runs it takes, as ``tuple[...]`` hints.
    """
    params = all_params(origin)
    if any(is_type_var_tuple(p) for p in params):
        h, w = bind_params(params, have), bind_params(params, want)
        return [(h[p], w[p]) for p in params]
    return list(zip(have or (Any,) * len(want), want, strict=False))


def _args_fit(origin: type, have: tuple[object, ...], want: tuple[object, ...]) -> bool:
    pairs = _paired(origin, have, want)
    for variance, (h, w) in zip(variance_of(origin, len(pairs)), pairs, strict=False):
        if is_param_list(h) or is_param_list(w):  # a ParamSpec's argument
            ok = param_lists_fit(variance, h, w, _check)
        elif variance is Variance.COVARIANT:
            ok = _check(h, w)
        elif variance is Variance.CONTRAVARIANT:
            ok = _check(w, h)
        else:
            ok = _check(h, w) and _check(w, h)
        if not ok:
            return False
    return True


# --- TypeVar solving -------------------------------------------------------------------------


def solve(
    target: object, source: object, bindings: cabc.Mapping[TypeVar, object] | None = None
) -> dict[TypeVar, object] | None:
    """Find TypeVar bindings that make ``source`` assignable to the generic ``target``.

    Matches structure (unions, generic arguments through generic bases, tuples, ``Callable``,
    ``type[...]``), binds each TypeVar to the source part it meets (a constrained TypeVar to
    the first constraint the part is assignable to), widens a binding when a later part is a
    supertype of it, then verifies ``source`` against the substituted target. TypeVars of a
    generic Protocol are not inferred from its members (they stay unbound).

    Args:
        target: A parameter hint containing TypeVars, e.g. ``Sequence[tuple[K, V]]``.
        source: A concrete hint, e.g. ``list[tuple[str, int]]``.
        bindings: Bindings already known (e.g. from another parameter); they are extended.

    Returns:
        The extended bindings, or ``None`` when no bindings work (a bound or constraint is
        violated, or two parts need unrelated bindings for one TypeVar).
    """
    out = dict(bindings or {})
    if not _match(target, source, out):
        return None
    wanted = type_vars(target)
    leftovers = {v: _unknown(v) for v in wanted if v not in out}
    concrete = substitute(target, out | leftovers)
    # A binding may be another generic's TypeVar (`list[U]` into `list[T]` binds T to U); only
    # the target's own variables must be gone.
    if any(v in wanted for v in type_vars(concrete)) or not _check(source, concrete):
        return None
    return out


def _unknown(var: object) -> object:
    """What an unsolved variable stands for when verifying a solution."""
    return tuple[Any, ...] if is_type_var_tuple(var) else Any


def _bind(var: TypeVar, source: object, out: dict[Any, object]) -> bool:
    if source is var:
        return True
    if var in out:
        current = out[var]
        if _check(source, current):
            return True
        if _check(current, source) and _fits(source, var):
            out[var] = source
            return True
        return False
    if var.__constraints__:
        if is_any(source):
            return True  # Any fits every constraint; the other parts decide which one
        for constraint in constraints(var):
            if _check(source, constraint):
                out[var] = constraint
                return True
        return False
    if not _fits(source, var):
        return False
    out[var] = source
    return True


def _match(target: object, source: object, out: dict[Any, object]) -> bool:
    target, source = strip(target), strip(source)
    wanted = type_vars(target)
    if not wanted:
        return True
    if isinstance(target, TypeVar):
        return _bind(target, source, out)
    if is_any(source):
        for var in wanted:
            out.setdefault(var, Any)
        return True
    if is_never(source):
        return True
    s_origin, s_args = parts(source)
    t_origin, t_args = parts(target)
    if t_origin in UNIONS:
        return _match_union(t_args or (), source, out)
    if s_origin in UNIONS:
        return all(_match(target, m, out) for m in s_args or ())
    if isinstance(source, TypeVar):
        return _match(target, upper(source), out)
    if isinstance(source, typing.NewType):
        return _match(target, source.__supertype__, out)
    if te.is_typeddict(s_origin) and not te.is_typeddict(t_origin):
        return _match(target, cabc.Mapping[str, object], out)  # iterating one yields its keys
    if s_origin is typing.Literal:
        return all(_match(target, type(v), out) for v in s_args or ())
    t_args = t_args or ()
    if t_origin is cabc.Callable:
        return _match_callable(t_args, s_origin, s_args, out)
    if t_origin is type:
        return s_origin is type and _match(t_args[0], s_args[0] if s_args else Any, out)
    if not (isinstance(t_origin, type) and isinstance(s_origin, type)):
        return True
    if t_origin is tuple:
        have = s_args if s_origin is tuple else upcast_args(s_origin, s_args, tuple)
        return _match_tuple(t_args, have, out)
    if s_origin is tuple and s_args:  # mypy's view of a tuple as a sequence: its elements joined
        shape = shape_of(s_args)
        if shape is not None and not is_type_var_tuple(shape.middle):
            items = (*shape.prefix, *(() if shape.fixed else (shape.middle,)), *shape.suffix)
            s_args = (join(items, _check), ...)
    if te.is_typeddict(t_origin) or (te.is_protocol(t_origin) and t_origin not in s_origin.__mro__):
        return True
    if not _is_subclass(s_origin, t_origin):
        return False
    have = upcast_args(s_origin, s_args, t_origin)
    pair = abc_argument(s_origin, s_args, t_origin, t_args) if have is None else None
    if pair is not None:
        return _match(pair[1], pair[0], out)
    return all(_match(w, h, out) for h, w in _paired(t_origin, have, t_args))


def _match_union(members: tuple[object, ...], source: object, out: dict[Any, object]) -> bool:
    s_origin, s_args = parts(source)
    s_members = s_args if s_origin in UNIONS and s_args else (source,)
    concrete = [m for m in members if not type_vars(m)]
    generic = [m for m in members if type_vars(m)]
    rest = [m for m in s_members if not any(_check(m, c) for c in concrete)]
    if not rest:
        return True
    if len(generic) == 1:
        return _match(generic[0], typing.Union[tuple(rest)], out)  # noqa: UP007  runtime union
    for part in rest:
        for candidate in generic:
            trial = dict(out)
            if _match(candidate, part, trial):
                out.update(trial)
                break
        else:
            return False
    return True


def _match_tuple(
    want_args: tuple[object, ...], have_args: tuple[object, ...] | None, out: dict[Any, object]
) -> bool:
    want, have = shape_of(want_args), shape_of(have_args)
    if want is None or have is None:
        return False
    if want.fixed:
        if not have.fixed:
            return all(_match(w, _element(have, i), out) for i, w in enumerate(want.prefix))
        return len(want.prefix) == len(have.prefix) and all(
            _match(w, h, out) for w, h in zip(want.prefix, have.prefix, strict=True)
        )
    split = _split(have, want)
    if split is None:
        return False
    head, body, tail = split
    if not (
        all(_match(w, h, out) for w, h in zip(want.prefix, head, strict=True))
        and all(_match(w, h, out) for w, h in zip(want.suffix, tail, strict=True))
    ):
        return False
    if is_type_var_tuple(want.middle):
        return _bind_run(want.middle, pack(body), out)
    items = (*body.prefix, *(() if body.fixed else (body.middle,)), *body.suffix)
    # mypy solves a run's TypeVar from the join of the source's elements there
    return not items or _match(want.middle, join(items, _check), out)


def _split(have: Shape, want: Shape) -> tuple[tuple[object, ...], Shape, tuple[object, ...]] | None:
    """``have`` cut into the parts that meet ``want``'s prefix, run and suffix."""
    n, m = len(want.prefix), len(want.suffix)
    if have.fixed:
        items = have.prefix
        if len(items) < n + m:
            return None
        return items[:n], Shape(items[n : len(items) - m]), items[len(items) - m :]
    if len(have.prefix) >= n and len(have.suffix) >= m:
        cut = len(have.suffix) - m
        body = Shape(have.prefix[n:], have.middle, have.suffix[:cut])
        return have.prefix[:n], body, have.suffix[cut:]
    if is_type_var_tuple(have.middle) or not is_any(strip(have.middle)):
        return None
    head = tuple(_element(have, i) for i in range(n))
    tail = tuple(_element(have, i - m) for i in range(m))
    return head, Shape((), Any), tail


def _bind_run(var: object, run: object, out: dict[Any, object]) -> bool:
    """Bind a TypeVarTuple to a run; a second occurrence must meet an equivalent run."""
    if var not in out:
        out[var] = run
        return True
    current = out[var]
    return _check(run, current) and _check(current, run)


def _match_callable(
    want: tuple[object, ...], s_origin: object, s_args: object, out: dict[Any, object]
) -> bool:
    if s_origin is cabc.Callable:
        have = callable_signature(s_args)  # type: ignore[arg-type]
    elif isinstance(s_origin, type):
        found = member_signature(s_origin, "__call__")
        if found is None or found.overloads:
            return True
        have = found.substituted(class_bindings(s_origin, s_args))  # type: ignore[arg-type]
    else:
        return False
    target = callable_signature(want)
    if not _match(target.returns, have.returns, out):
        return False
    if target.gradual or have.gradual:
        return True
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    have_pos = [p for p in have.params if p.kind in positional]
    for w, h in zip(target.params, have_pos, strict=False):
        # A parameter position only asks that the solution be assignable to the source's
        # parameter; a binding found there is a hint, and `solve` verifies the whole callable.
        trial = dict(out)
        if _match(w.hint, h.hint, trial):
            out.update(trial)
    return True
