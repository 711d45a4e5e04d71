"""Seeded random hint pairs for differential fuzzing of ``is_assignable`` against mypy.

A hint is built as a small tree (:class:`Node`) that renders both to a resolved runtime object
(:meth:`Node.obj`, what ``typedflow.is_assignable`` takes) and to source text (:meth:`Node.text`,
what mypy reads in the generated module). The user classes the hints draw on (the "zoo") are
defined in this module, so the generated module imports them from ``tests.fuzz.hints``.

Pairs are biased towards related hints: most targets are made from the source by widening it
(a supertype, usually), by a near miss (widening an invariant or contravariant position the
wrong way, dropping a union member...) or by narrowing it; the rest are independent draws.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import enum
import random
import typing
from typing import Any, Generic, Literal, NamedTuple, Never, NewType, Optional, Protocol, TypeVar

from typing_extensions import TypedDict

__all__ = ["ZOO_NAMES", "Node", "generate_pairs"]

# --- the zoo: user classes the hints draw on -------------------------------------------------

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
T_contra = TypeVar("T_contra", contravariant=True)


class Animal:
    """Root of a nominal hierarchy; has the members ``Named`` and ``Speaker`` ask for."""

    name: str

    def __init__(self, name: str) -> None:
        self.name = name

    def speak(self) -> str:
        return "..."


class Dog(Animal):
    def speak(self) -> str:
        return "woof"


class Puppy(Dog):
    pass


class Box(Generic[T_co]):
    """A covariant generic (read-only container)."""

    def __init__(self, item: T_co) -> None:
        self._item = item

    def get(self) -> T_co:
        return self._item


class IntBox(Box[int]):
    """A non-generic subclass of a generic."""


class Sink(Generic[T_contra]):
    """A contravariant generic (write-only consumer)."""

    def send(self, item: T_contra) -> None:
        del item


class Cell(Generic[T]):
    """An invariant generic (read-write)."""

    def __init__(self, item: T) -> None:
        self.item = item

    def get(self) -> T:
        return self.item

    def set(self, item: T) -> None:
        self.item = item


class Named(Protocol):
    """A Protocol with a settable attribute."""

    name: str


class Speaker(Protocol):
    """A Protocol with a method."""

    def speak(self) -> str: ...


class Color(enum.Enum):
    RED = 1
    GREEN = 2


UserId = NewType("UserId", int)


class Pet(NamedTuple):
    name: str
    age: int


class Movie(TypedDict):
    title: str
    year: int


class Titled(TypedDict):
    title: str


class DraftMovie(TypedDict, total=False):
    title: str
    year: int


@dataclasses.dataclass
class Config:
    name: str
    retries: int = 3


class Handler:
    """A plain class with ``__call__`` (assignable to a matching ``Callable``)."""

    def __call__(self, value: int) -> str:
        return str(value)


# --- hint trees ------------------------------------------------------------------------------

_ATOMS: dict[str, object] = {
    "int": int,
    "bool": bool,
    "float": float,
    "complex": complex,
    "str": str,
    "bytes": bytes,
    "object": object,
    "None": None,
    "Any": Any,
    "Never": Never,
    "Animal": Animal,
    "Dog": Dog,
    "Puppy": Puppy,
    "IntBox": IntBox,
    "Named": Named,
    "Speaker": Speaker,
    "Color": Color,
    "UserId": UserId,
    "Pet": Pet,
    "Movie": Movie,
    "Titled": Titled,
    "DraftMovie": DraftMovie,
    "Config": Config,
    "Handler": Handler,
}

_GENERICS: dict[str, tuple[object, int]] = {
    "list": (list, 1),
    "dict": (dict, 2),
    "set": (set, 1),
    "frozenset": (frozenset, 1),
    "Sequence": (cabc.Sequence, 1),
    "Mapping": (cabc.Mapping, 2),
    "MutableMapping": (cabc.MutableMapping, 2),
    "Iterable": (cabc.Iterable, 1),
    "Iterator": (cabc.Iterator, 1),
    "Collection": (cabc.Collection, 1),
    "Container": (cabc.Container, 1),
    "AbstractSet": (cabc.Set, 1),
    "Box": (Box, 1),
    "Sink": (Sink, 1),
    "Cell": (Cell, 1),
}

ZOO_NAMES: tuple[str, ...] = (
    "Animal",
    "Dog",
    "Puppy",
    "Box",
    "IntBox",
    "Sink",
    "Cell",
    "Named",
    "Speaker",
    "Color",
    "UserId",
    "Pet",
    "Movie",
    "Titled",
    "DraftMovie",
    "Config",
    "Handler",
)
"""Names the generated module imports from this module."""

LiteralValue = int | str | bool | None | Color


@dataclasses.dataclass(frozen=True)
class Node:
    """One hint: ``kind`` with a name (atoms, generics), children, or Literal values.

    Kinds: ``atom`` (name), ``lit`` (values), ``gen`` (name, args), ``tuple`` (args, fixed),
    ``vtuple`` (one arg: ``tuple[X, ...]``), ``call`` (args = params + return),
    ``gcall`` (one arg: ``Callable[..., R]``), ``type`` (one arg), ``union`` (args),
    ``opt`` (one arg; name ``Optional`` or ``|``).
    """

    kind: str
    name: str = ""
    args: tuple[Node, ...] = ()
    values: tuple[LiteralValue, ...] = ()

    def text(self) -> str:
        """The hint as source text for the generated module."""
        k, a = self.kind, self.args
        if k == "atom":
            return self.name
        if k == "lit":
            return f"Literal[{', '.join(_lit_text(v) for v in self.values)}]"
        if k == "gen":
            return f"{self.name}[{', '.join(x.text() for x in a)}]"
        if k == "tuple":
            return f"tuple[{', '.join(x.text() for x in a)}]" if a else "tuple[()]"
        if k == "vtuple":
            return f"tuple[{a[0].text()}, ...]"
        if k == "call":
            return f"Callable[[{', '.join(x.text() for x in a[:-1])}], {a[-1].text()}]"
        if k == "gcall":
            return f"Callable[..., {a[0].text()}]"
        if k == "type":
            return f"type[{a[0].text()}]"
        if k == "union":
            return " | ".join(x.text() for x in a)
        if k == "opt":
            return (
                f"Optional[{a[0].text()}]" if self.name == "Optional" else f"{a[0].text()} | None"
            )
        raise ValueError(k)

    def obj(self) -> object:
        """The hint as a resolved runtime object."""
        k, a = self.kind, self.args
        if k == "atom":
            return _ATOMS[self.name]
        if k == "lit":
            return Literal.__getitem__(self.values)
        if k == "gen":
            origin = _GENERICS[self.name][0]
            args = tuple(x.obj() for x in a)
            return origin[args if len(args) > 1 else args[0]]  # type: ignore[index]
        if k == "tuple":
            return tuple[tuple(x.obj() for x in a)] if a else tuple[()]  # type: ignore[misc]
        if k == "vtuple":
            return tuple[a[0].obj(), ...]  # type: ignore[misc]
        if k == "call":
            return cabc.Callable[[x.obj() for x in a[:-1]], a[-1].obj()]
        if k == "gcall":
            return cabc.Callable[..., a[0].obj()]
        if k == "type":
            return type[a[0].obj()]
        if k == "union":
            return typing.Union[tuple(x.obj() for x in a)]  # noqa: UP007  runtime union
        if k == "opt":
            return Optional[a[0].obj()]  # noqa: UP045  the spelling is the point
        raise ValueError(k)

    def depth(self) -> int:
        """Nesting depth: 1 for atoms and Literals; unions and ``Optional`` add no level."""
        inner = max((x.depth() for x in self.args), default=0)
        return inner if self.kind in ("union", "opt") else 1 + inner


def _class_like(node: Node) -> bool:
    """Whether ``node`` may stand in ``type[...]`` (classes, ``Any``, unions of those)."""
    if node.kind == "union":
        return all(_class_like(x) for x in node.args)
    return node.kind == "atom" and node.name not in ("None", "Never")


def _lit_text(value: LiteralValue) -> str:
    if isinstance(value, Color):
        return f"Color.{value.name}"
    return repr(value)


def atom(name: str) -> Node:
    return Node("atom", name)


def gen(name: str, *args: Node) -> Node:
    return Node("gen", name, args)


def lit(*values: LiteralValue) -> Node:
    return Node("lit", values=values)


def union(*members: Node) -> Node:
    flat: list[Node] = []
    for m in members:
        for x in m.args if m.kind == "union" else (m,):
            if x not in flat:
                flat.append(x)
    return flat[0] if len(flat) == 1 else Node("union", args=tuple(flat))


# --- random generation -----------------------------------------------------------------------

_BUILTIN_ATOMS = ("int", "bool", "float", "complex", "str", "bytes", "object", "None")
_ZOO_ATOMS = (
    "Animal",
    "Dog",
    "Puppy",
    "IntBox",
    "Named",
    "Speaker",
    "Color",
    "UserId",
    "Pet",
    "Movie",
    "Titled",
    "DraftMovie",
    "Config",
    "Handler",
)
_TYPE_ARGS = ("int", "bool", "float", "str", "object", "Animal", "Dog", "Puppy", "Color", "Pet")
_LIT_VALUES: tuple[LiteralValue, ...] = (0, 1, 2, -1, "a", "b", True, False, None, *Color)

MAX_DEPTH = 3
_X = TypeVar("_X")


class _Gen:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def pick(self, options: cabc.Sequence[_X]) -> _X:
        return options[self.rng.randrange(len(options))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # Leaves and random hints.

    def leaf(self) -> Node:
        r = self.rng.random()
        if r < 0.45:
            return atom(self.pick(_BUILTIN_ATOMS))
        if r < 0.8:
            return atom(self.pick(_ZOO_ATOMS))
        if r < 0.9:
            return self.literal()
        return atom(self.pick(("Any", "Never")) if self.chance(0.3) else "Any")

    def literal(self) -> Node:
        n = 1 if self.chance(0.6) else self.rng.randint(2, 3)
        values: list[LiteralValue] = []
        for v in self.rng.sample(_LIT_VALUES, n):
            if not any(type(v) is type(w) and v == w for w in values):
                values.append(v)
        return lit(*values)

    def type_arg(self) -> Node:
        if self.chance(0.1):
            return atom("Any")
        if self.chance(0.15):
            return union(atom(self.pick(_TYPE_ARGS)), atom(self.pick(_TYPE_ARGS)))
        return atom(self.pick(_TYPE_ARGS))

    def hint(self, depth: int = MAX_DEPTH) -> Node:
        if depth <= 1 or self.chance(0.35):
            return self.leaf()
        sub = depth - 1
        r = self.rng.random()
        if r < 0.35:
            name = self.pick(tuple(_GENERICS))
            return gen(name, *(self.hint(sub) for _ in range(_GENERICS[name][1])))
        if r < 0.5:
            k = self.pick((0, 1, 2, 2, 3))
            if k == 0 or self.chance(0.3):
                return Node("vtuple", args=(self.hint(sub),)) if k else Node("tuple")
            return Node("tuple", args=tuple(self.hint(sub) for _ in range(k)))
        if r < 0.62:
            if self.chance(0.25):
                return Node("gcall", args=(self.hint(sub),))
            params = tuple(self.hint(sub) for _ in range(self.pick((0, 1, 1, 2))))
            return Node("call", args=(*params, self.hint(sub)))
        if r < 0.7:
            return Node("type", args=(self.type_arg(),))
        if r < 0.9:
            return union(*(self.hint(sub) for _ in range(self.pick((2, 2, 3)))))
        return Node("opt", "Optional" if self.chance(0.5) else "|", (self.hint(sub),))

    # Widening (usually a supertype) and narrowing (usually a subtype).

    _WIDER: typing.ClassVar[dict[str, tuple[str, ...]]] = {
        "bool": ("int", "float", "complex", "object"),
        "int": ("float", "complex", "object"),
        "float": ("complex", "object"),
        "complex": ("object",),
        "str": ("object",),
        "bytes": ("object",),
        "Puppy": ("Dog", "Animal", "Named", "Speaker"),
        "Dog": ("Animal", "Named", "Speaker"),
        "Animal": ("Named", "Speaker", "object"),
        "UserId": ("int", "float"),
        "IntBox": ("object",),
        "Config": ("Named", "Speaker", "object"),
        "Movie": ("Titled", "DraftMovie"),
        "DraftMovie": ("Titled", "Movie"),
        "Titled": ("object",),
        "Color": ("object", "Named"),
        "Pet": ("Named", "object"),
        "Handler": ("object",),
        "Named": ("Speaker", "object"),
        "Speaker": ("Named", "object"),
    }
    _NARROWER: typing.ClassVar[dict[str, tuple[str, ...]]] = {
        "int": ("bool", "UserId"),
        "float": ("int", "bool"),
        "complex": ("float", "int"),
        "Animal": ("Dog", "Puppy"),
        "Dog": ("Puppy",),
        "Named": ("Animal", "Config", "Dog"),
        "Speaker": ("Dog", "Animal"),
        "Titled": ("Movie", "DraftMovie"),
    }

    def widen(self, node: Node, budget: int, wrong: bool = False) -> Node:
        """A hint ``node`` is (usually) assignable to; ``wrong`` flips variance on the way."""
        if wrong and self.chance(0.3):
            return self.narrow(node, budget)
        r = self.rng.random()
        if r < 0.03:
            return atom("object") if self.chance(0.7) else atom("Any")
        if r < 0.12:
            extra = self.hint(max(1, budget - 1))
            return union(node, extra) if self.chance(0.5) else union(extra, node)
        if r < 0.15:
            return node
        out = self._widen(node, budget, wrong)
        return out if out.depth() <= budget else node

    def _widen(self, node: Node, budget: int, wrong: bool) -> Node:
        k, a = node.kind, node.args

        def w(x: Node) -> Node:
            return self.widen(x, budget - 1, wrong)

        def n(x: Node) -> Node:
            return self.narrow(x, budget - 1, wrong)

        def keep(x: Node) -> Node:
            return x

        inv = w if wrong else keep
        contra = w if wrong else n
        if k == "atom":
            name = node.name
            if name in ("Any", "Never"):
                return self.hint(budget)
            if name == "None":
                return Node("opt", self.pick(("Optional", "|")), (self.hint(1),))
            if name == "str":
                return self.pick(
                    (
                        atom("object"),
                        gen(
                            self.pick(("Sequence", "Iterable", "Collection", "Container")),
                            atom("str"),
                        ),
                    )
                )
            if name == "bytes":
                return self.pick(
                    (atom("object"), gen("Sequence", atom("int")), gen("Iterable", atom("int")))
                )
            if name == "Color":
                return self.pick(
                    (
                        lit(Color.RED, Color.GREEN),
                        atom("object"),
                        union(lit(Color.RED), lit(Color.GREEN)),
                    )
                )
            if name == "Pet":
                return self.pick(
                    (
                        Node("tuple", args=(atom("str"), atom("int"))),
                        Node("vtuple", args=(union(atom("str"), atom("int")),)),
                        gen("Sequence", atom("object")),
                        atom("Named"),
                    )
                )
            if name == "Movie" and self.chance(0.5):
                return gen("Mapping", atom("str"), atom("object"))
            if name == "IntBox":
                return gen(
                    "Box", self.pick((atom("int"), atom("float"), atom("object"), atom("bool")))
                )
            if name == "Handler":
                return self.pick(
                    (
                        Node("call", args=(atom("int"), atom("str"))),
                        Node("call", args=(atom("bool"), atom("object"))),
                        Node("gcall", args=(atom("str"),)),
                        Node("call", args=(atom("str"), atom("str"))),
                    )
                )
            if name in self._WIDER:
                return atom(self.pick(self._WIDER[name]))
            return node
        if k == "lit":
            v = self.pick(node.values)
            base = "None" if v is None else ("Color" if isinstance(v, Color) else type(v).__name__)
            choice = self.rng.randrange(3)
            if choice == 0:
                return atom(base)
            if choice == 1:
                more = self.literal().values
                merged = node.values + tuple(
                    x for x in more if not any(type(x) is type(y) and x == y for y in node.values)
                )
                return lit(*merged)
            return union(node, atom(base))
        if k == "gen":
            name = node.name
            x = a[0]
            if name == "list":
                return self.pick(
                    (
                        gen("list", inv(x)),
                        gen(self.pick(("Sequence", "Iterable", "Collection", "Container")), w(x)),
                    )
                )
            if name == "dict":
                return self.pick(
                    (
                        gen("Mapping", inv(x), w(a[1])),
                        gen("MutableMapping", inv(x), inv(a[1])),
                        gen("dict", inv(x), inv(a[1])),
                        gen(self.pick(("Iterable", "Collection", "Container")), w(x)),
                    )
                )
            if name in ("set", "frozenset"):
                same = gen(name, inv(x) if name == "set" else w(x))
                return self.pick(
                    (same, gen(self.pick(("AbstractSet", "Collection", "Iterable")), w(x)))
                )
            if name == "Sequence":
                return gen(self.pick(("Sequence", "Collection", "Iterable", "Container")), w(x))
            if name in ("Mapping", "MutableMapping"):
                if name == "MutableMapping" and self.chance(0.4):
                    return gen("MutableMapping", inv(x), inv(a[1]))
                return self.pick(
                    (
                        gen("Mapping", inv(x), w(a[1])),
                        gen(self.pick(("Iterable", "Collection")), w(x)),
                    )
                )
            if name == "Iterator":
                return gen(self.pick(("Iterator", "Iterable")), w(x))
            if name == "Collection":
                return gen(self.pick(("Collection", "Iterable", "Container")), w(x))
            if name == "AbstractSet":
                return gen(self.pick(("AbstractSet", "Collection")), w(x))
            if name in ("Iterable", "Container", "Box"):
                return gen(name, w(x))
            if name == "Sink":
                return gen("Sink", contra(x))
            if name == "Cell":
                return gen("Cell", inv(x) if self.chance(0.7) else atom("Any"))
            return node
        if k == "tuple":
            if not a:
                return self.pick(
                    (Node("vtuple", args=(self.hint(1),)), gen("Sequence", self.hint(1)), node)
                )
            choice = self.rng.randrange(3)
            if choice == 0:
                return Node("tuple", args=tuple(w(x) for x in a))
            joined = union(*(w(x) for x in a))
            return (
                Node("vtuple", args=(joined,))
                if choice == 1
                else gen(self.pick(("Sequence", "Iterable")), joined)
            )
        if k == "vtuple":
            return self.pick(
                (
                    Node("vtuple", args=(w(a[0]),)),
                    gen("Sequence", w(a[0])),
                    Node("vtuple", args=(atom("Any"),)),
                )
            )
        if k == "call":
            if self.chance(0.25):
                return Node("gcall", args=(w(a[-1]),))
            return Node("call", args=(*(contra(x) for x in a[:-1]), w(a[-1])))
        if k == "gcall":
            return Node("gcall", args=(w(a[0]),))
        if k == "type":
            wider = w(a[0])
            inner = wider if _class_like(wider) else self.type_arg()
            return self.pick(
                (Node("type", args=(inner,)), Node("gcall", args=(a[0],)), atom("object"))
            )
        if k == "union":
            if self.chance(0.5):
                return union(*(w(x) for x in a))
            dropped = list(a)
            if wrong and len(dropped) > 1:
                dropped.pop(self.rng.randrange(len(dropped)))
            return union(*dropped, self.hint(1))
        if k == "opt":
            return self.pick(
                (
                    Node("opt", self.pick(("Optional", "|")), (w(a[0]),)),
                    union(a[0], atom("None"), self.hint(1)),
                )
            )
        return node

    def narrow(self, node: Node, budget: int, wrong: bool = False) -> Node:
        """A hint assignable to ``node`` (usually)."""
        if wrong and self.chance(0.5):
            return self.widen(node, budget, False)
        k, a = node.kind, node.args

        def n(x: Node) -> Node:
            return self.narrow(x, budget - 1, wrong)

        if k == "atom":
            if node.name == "object" or node.name == "Any":
                return self.hint(max(1, budget))
            if node.name in self._NARROWER:
                return atom(self.pick(self._NARROWER[node.name]))
            if self.chance(0.1):
                return atom("Never")
            return node
        if k == "gen":
            x = a[0]
            if node.name in ("Sequence", "Iterable", "Collection", "Container"):
                return gen(self.pick(("list", node.name)), n(x))
            if node.name == "Mapping":
                return gen(self.pick(("dict", "Mapping")), a[0], n(a[1]))
            if node.name == "Box":
                return gen("Box", n(x))
            return node
        if k == "union":
            return self.pick(a) if self.chance(0.6) else union(*(n(x) for x in a))
        if k == "opt":
            return self.pick((a[0], atom("None"), n(a[0])))
        if k == "vtuple":
            return Node("tuple", args=tuple(n(a[0]) for _ in range(self.pick((0, 1, 2)))))
        if k == "tuple":
            return Node("tuple", args=tuple(n(x) for x in a))
        if k == "lit" and len(node.values) > 1:
            return lit(self.pick(node.values))
        return node

    def perturb(self, node: Node, budget: int) -> Node:
        """``node`` with one subtree replaced by a random hint (a near miss, usually)."""
        if node.args and self.chance(0.75):
            i = self.rng.randrange(len(node.args))
            child = node.args[i]
            new = self.type_arg() if node.kind == "type" else self.perturb(child, budget - 1)
            if node.kind == "union":
                return union(*node.args[:i], new, *node.args[i + 1 :])
            return dataclasses.replace(node, args=(*node.args[:i], new, *node.args[i + 1 :]))
        if node.kind == "lit":
            return self.literal()
        return self.hint(max(1, budget))

    def pair(self) -> tuple[Node, Node]:
        source = self.hint()
        r = self.rng.random()
        if r < 0.22:
            target = self.widen(source, MAX_DEPTH)
        elif r < 0.35:
            target = self.widen(source, MAX_DEPTH, wrong=True)
        elif r < 0.8:
            target = self.widen(self.perturb(source, MAX_DEPTH), MAX_DEPTH)
        elif r < 0.9:
            target = self.narrow(source, MAX_DEPTH)
        else:
            target = self.hint()
        if self.chance(0.1):
            source, target = target, source
        return source, target


def generate_pairs(seed: int, count: int) -> list[tuple[Node, Node]]:
    """``count`` distinct (by text) ``(source, target)`` pairs, reproducibly from ``seed``."""
    g = _Gen(random.Random(seed))
    seen: set[tuple[str, str]] = set()
    out: list[tuple[Node, Node]] = []
    attempts = 0
    while len(out) < count:
        attempts += 1
        if attempts > count * 50:
            raise RuntimeError(f"only {len(out)} distinct pairs after {attempts} draws")
        source, target = g.pair()
        key = (source.text(), target.text())
        if key[0] == key[1] and g.chance(0.8):
            continue  # a few identical pairs are enough
        if key in seen or max(source.depth(), target.depth()) > MAX_DEPTH:
            continue
        seen.add(key)
        out.append((source, target))
    return out
