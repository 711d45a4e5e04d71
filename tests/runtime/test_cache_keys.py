"""Properties of `cache_key` (typedflow/_runtime/_keys.py) against a reference: the plain
recursive canonical form it replaced, which is exact but unbounded in depth and memory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hypothesis import given, settings
from hypothesis import strategies as st

from typedflow.pipeline import cache_key

if TYPE_CHECKING:
    import random

_SCALARS = frozenset({str, int, float, bool, bytes, complex, type(None)})


def reference(value: Any) -> Any:
    """Equal exactly when `cache_key` must be: scalars tagged by type, containers by kind
    (a set and a frozenset alike), other hashables by type and value."""
    kind = type(value)
    if kind in _SCALARS:
        return (kind, value)
    if kind is list or kind is tuple:
        return (kind, tuple(reference(v) for v in value))
    if kind is dict:
        return (dict, frozenset((reference(k), reference(v)) for k, v in value.items()))
    if kind is set or kind is frozenset:
        return (frozenset, frozenset(reference(v) for v in value))
    return ("object", kind, value)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=3),
    st.integers(),
    st.floats(allow_nan=False),
    st.sampled_from([0.0, -0.0, 1.0, 2.0]),
    st.text(max_size=3),
    st.binary(max_size=3),
    st.complex_numbers(allow_nan=False, max_magnitude=10),
)
hashables = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.tuples(inner, inner),
        st.frozensets(inner, max_size=3),
        st.builds(range, inner.filter(lambda v: type(v) is int)),
    ),
    max_leaves=6,
)
values = st.recursive(
    hashables,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(hashables, inner, max_size=4),
        st.sets(hashables, max_size=4),
    ),
    max_leaves=20,
)


def reordered(value: Any, rng: random.Random) -> Any:
    """An equal copy of `value`, built anew, with its dicts' and sets' items in another order."""
    kind = type(value)
    if kind is list or kind is tuple:
        return kind(reordered(v, rng) for v in value)
    if kind is dict or kind is set or kind is frozenset:
        items = list(value.items() if kind is dict else value)
        rng.shuffle(items)
        if kind is dict:
            return {reordered(k, rng): reordered(v, rng) for k, v in items}
        return kind(reordered(v, rng) for v in items)
    return value


@settings(max_examples=150, deadline=None)
@given(values, values)
def test_keys_are_equal_exactly_when_the_reference_forms_are(a: Any, b: Any) -> None:
    assert (cache_key(a) == cache_key(b)) is (reference(a) == reference(b))


@settings(max_examples=100, deadline=None)
@given(values, st.randoms(use_true_random=False))
def test_an_equal_value_built_in_another_order_has_the_same_key(
    value: Any, rng: random.Random
) -> None:
    key = cache_key(value)
    hash(key)
    assert cache_key(reordered(value, rng)) == key
