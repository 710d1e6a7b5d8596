"""Properties of hashing: equality, type tags, cross-process determinism, cycles."""

from __future__ import annotations

import copy
import json
import math
import os
import pickle
import struct
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import cachelib
from cachelib._internal.hashing import Hasher

_HASHER = Hasher({}, "arguments", "f")
digest = _HASHER.digest

# No shrinking: the generated values are large, and shrinking one failure can take minutes;
# the failing example is printed (and replayed from the example database) as found.
PHASES = (Phase.explicit, Phase.reuse, Phase.generate)
FAST = settings(
    max_examples=60,
    deadline=None,
    phases=PHASES,
    suppress_health_check=[HealthCheck.too_slow],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**200), max_value=2**200),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, math.nan, math.inf, -math.inf, 0.5, 2.0**60]),
    st.text(max_size=20),
    st.binary(max_size=20),
)
hashable_values = st.recursive(
    scalars.filter(lambda v: not (isinstance(v, float) and math.isnan(v))),
    lambda children: st.one_of(st.tuples(children, children), st.frozensets(children, max_size=4)),
    max_leaves=8,
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.tuples(children, children),
        st.dictionaries(hashable_values, children, max_size=4),
        st.sets(hashable_values, max_size=4),
        st.frozensets(hashable_values, max_size=4),
    ),
    max_leaves=20,
)


def rebuild(value: Any) -> Any:
    """An independent, equal copy: every container built anew, sets in another order."""
    if isinstance(value, list):
        return [rebuild(item) for item in value]
    if isinstance(value, tuple):
        return tuple(rebuild(item) for item in value)
    if isinstance(value, dict):
        return {rebuild(key): rebuild(item) for key, item in value.items()}
    if isinstance(value, (set, frozenset)):
        items = [rebuild(item) for item in reversed(list(value))]
        return type(value)(items)
    if isinstance(value, float):
        return struct.unpack("<d", struct.pack("<d", value))[0]  # a new float, same bits
    if isinstance(value, (str, bytes)):
        return type(value)(value[:0]) + value
    return value


@FAST
@given(values)
def test_an_independently_rebuilt_copy_has_the_same_digest(value: Any) -> None:
    assert digest(rebuild(value)) == digest(value)
    assert digest(copy.deepcopy(value)) == digest(value)


RETAGS = {
    "int-to-float": (st.integers(-(2**53), 2**53), float),
    "float-to-int": (st.integers(-(2**53), 2**53).map(float), int),
    "int-to-str": (st.integers(), str),
    "bool-to-int": (st.booleans(), int),
    "str-to-bytes": (st.text(max_size=20), str.encode),
    "bytes-to-bytearray": (st.binary(max_size=20), bytearray),
    "list-to-tuple": (st.lists(values, max_size=4), tuple),
    "tuple-to-list": (st.lists(values, max_size=4).map(tuple), list),
    "set-to-frozenset": (st.sets(hashable_values, max_size=4), frozenset),
    "dict-to-items": (st.dictionaries(hashable_values, values, max_size=4), lambda d: [*d.items()]),
    "wrapped-in-list": (values, lambda v: [v]),
    "wrapped-in-tuple": (values, lambda v: (v,)),
}


@pytest.mark.parametrize(("strategy", "convert"), RETAGS.values(), ids=RETAGS.keys())
@settings(max_examples=25, deadline=None, phases=PHASES)
@given(data=st.data())
def test_values_that_differ_only_in_type_have_different_digests(
    strategy: st.SearchStrategy[Any], convert: Callable[[Any], Any], data: st.DataObject
) -> None:
    value = data.draw(strategy)
    other = convert(value)

    assert digest(other) != digest(value)


@FAST
@given(values, values)
def test_different_values_have_different_digests(first: Any, second: Any) -> None:
    # Equal bits and equal structure ⇔ equal digest (floats compared by their bits).
    same = canonical(first) == canonical(second)
    assert (digest(first) == digest(second)) == same


def canonical(value: Any) -> Any:
    """A comparable description of a value: its types, float bits and set contents."""
    if isinstance(value, float):
        return ("float", struct.pack("<d", value))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(canonical(item) for item in value))
    if isinstance(value, dict):
        return ("dict", tuple((canonical(k), canonical(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return (type(value).__name__, frozenset(canonical(item) for item in value))
    return (type(value).__name__, value)


# --- across processes and hash seeds ----------------------------------------------------

_CHILD = """
import json, pickle, sys
from cachelib._internal.hashing import Hasher
values = pickle.loads(sys.stdin.buffer.read())
digest = Hasher({}, "arguments", "f").digest
print(json.dumps([digest(value).hex() for value in values]))
"""


def digests_in_a_child(values_list: list[Any], seed: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=pickle.dumps(values_list),
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@settings(
    max_examples=3, deadline=None, phases=PHASES, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(values, min_size=30, max_size=30))
def test_digests_are_equal_across_processes_and_hash_seeds(values_list: list[Any]) -> None:
    values_list = [*values_list, {"b", "a", "c", ("x", 1)}, frozenset(range(50)), {1.5, "z"}]
    here = [digest(value).hex() for value in values_list]

    assert digests_in_a_child(values_list, "1") == here
    assert digests_in_a_child(values_list, "12345") == here


# --- cycles -----------------------------------------------------------------------------


class Node:
    """A hashable-by-identity object that can close a cycle through a set."""

    def __init__(self, label: int) -> None:
        self.label = label
        self.links: list[Any] = []


class SlotNode:
    """A ``__slots__`` object: pickle builds its state anew on every reduction."""

    __slots__ = ("label", "links")

    def __init__(self, label: int) -> None:
        self.label = label
        self.links: list[Any] = []


KINDS = ["list", "dict", "node", "node-with-set", "slots-node"]


def build_graph(kinds: list[int], edges: list[tuple[int, int]], labels: list[int]) -> Any:
    """Build containers and link them by the given edges (cycles included)."""
    nodes: list[Any] = []
    for index, kind in enumerate(kinds):
        name = KINDS[kind]
        if name == "list":
            nodes.append([labels[index]])
        elif name == "dict":
            nodes.append({"label": labels[index]})
        elif name == "slots-node":
            nodes.append(SlotNode(labels[index]))
        else:
            node = Node(labels[index])
            if name == "node-with-set":
                node.members = set()  # type: ignore[attr-defined]
            nodes.append(node)
    for number, (source, target) in enumerate(edges):
        container, child = nodes[source % len(nodes)], nodes[target % len(nodes)]
        if isinstance(container, list):
            container.append(child)
        elif isinstance(container, dict):
            container[f"edge{number}"] = child
        elif isinstance(child, Node) and hasattr(container, "members"):
            container.members.add(child)
        else:
            container.links.append(child)
    return nodes[0]


graphs = st.integers(min_value=1, max_value=6).flatmap(
    lambda size: st.tuples(
        st.lists(st.integers(0, len(KINDS) - 1), min_size=size, max_size=size),
        st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, size - 1)), max_size=12),
        st.lists(st.integers(-3, 3), min_size=size, max_size=size),
    )
)


@FAST
@given(graphs)
def test_cyclic_values_hash_or_raise_a_cachelib_error(graph: tuple[Any, ...]) -> None:
    value = build_graph(*graph)
    try:
        result = digest(value)
    except (
        cachelib.UnhashableTypeError,
        cachelib.InternalHashError,
        cachelib.UserHashError,
    ):
        return
    assert len(result) == 16


@FAST
@given(graphs)
def test_equal_cyclic_values_built_twice_have_equal_digests(graph: tuple[Any, ...]) -> None:
    assert digest(build_graph(*graph)) == digest(build_graph(*graph))
