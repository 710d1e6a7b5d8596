"""Property 5: generated nested values keep their key everywhere, and never share one wrongly.

Hypothesis generates nested values (every builtin container, subclasses of set, str and int,
named tuples, dataclasses, NumPy arrays, floats with their signed zeros, infinities and NaNs,
strings with lone surrogates) and, for each, a *neighbour*: the same value with one leaf
replaced by a value that is easy to confuse with it (`1` and `True` and `1.0`, `0.0` and
`-0.0`, `"a"` and `b"a"`, a list and a tuple, ...). `rel_workers.echo` returns its argument,
so a hit returns the value stored by an earlier call:

* an equal value (a deep copy, a pickle round trip) must hit, and get an equal value;
* the neighbour may hit only if it is structurally equal (`rel_workers.canon`): otherwise the
  call returned another value's entry, a wrong hit;
* two other interpreters, with other hash seeds, must load both entries from disk: the same
  key in every process, and the persisted value whole.

The example budget comes from the Hypothesis profile of the run (`rel_config.PROFILE`,
chosen by `CACHELIB_RELIABILITY`).
"""

from __future__ import annotations

import collections
import contextlib
import copy
import json
import os
import pickle
import select
import struct
import subprocess
import time
import types
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import numpy as np
import pytest
import rel_workers
from hypothesis import given, settings
from hypothesis.extra import numpy as hnp
from rel_config import BUDGET, PROFILE, child_command, child_env, describe_exit, kill_group
from rel_workers import Number, Point, Record, TagFrozenSet, TagSet, Text, canon

import cachelib

CONFUSABLE = [
    0, 1, -1, True, False, 0.0, -0.0, 1.0, -1.0, float("inf"), float("nan"), 0j,
    "", "0", "1", "a", "A", "\0", "\ud800", b"", b"0", b"1", b"a", bytearray(b"a"),
    None, (), [], {}, frozenset(), Text("a"), Number(1), 2**63, -(2**63), 2**64,
]  # fmt: skip

hashable_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**130), max_value=2**130),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(allow_nan=True, allow_infinity=True),
    st.text(st.characters(exclude_categories=[]), max_size=12),
    st.binary(max_size=12),
    st.sampled_from([c for c in CONFUSABLE if isinstance(c, collections.abc.Hashable)]),
    st.builds(Text, st.text(max_size=6)),
    st.builds(Number, st.integers()),
    st.decimals(allow_nan=False),
    st.fractions(),
    st.datetimes(),
    st.timedeltas(),
    st.builds(range, st.integers(-5, 5), st.integers(-5, 5), st.integers(1, 3)),
)
leaves = st.one_of(
    hashable_leaves,
    st.binary(max_size=12).map(bytearray),
    hnp.arrays(
        dtype=st.sampled_from([np.int8, np.int64, np.float64, np.bool_, np.complex128]),
        shape=hnp.array_shapes(max_dims=2, max_side=3, min_side=0),
    ),
)
hashables = st.recursive(
    hashable_leaves,
    lambda inner: st.one_of(
        st.tuples(inner, inner),
        st.frozensets(inner, max_size=4),
        st.builds(Point, inner, inner),
        st.builds(TagFrozenSet, st.frozensets(inner, max_size=4)),
    ),
    max_leaves=6,
)


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(children, max_size=5),
        st.lists(children, max_size=5).map(tuple),
        st.dictionaries(hashables, children, max_size=4),
        st.sets(hashables, max_size=5),
        st.frozensets(hashables, max_size=5),
        st.builds(TagSet, st.sets(hashables, max_size=5)),
        st.lists(children, max_size=4).map(collections.deque),
        st.dictionaries(st.text(max_size=3), children, max_size=4).map(collections.OrderedDict),
        st.builds(Point, children, children),
        st.builds(Record, children, children),
        st.dictionaries(st.from_regex(r"[a-z]{1,3}", fullmatch=True), children, max_size=3).map(
            lambda d: types.SimpleNamespace(**d)
        ),
    )


values = st.one_of(
    st.sampled_from(CONFUSABLE).map(copy.copy),  # top-level leaves take the simple-key path
    st.recursive(leaves, _containers, max_leaves=24),
)


def confusions(value: Any) -> list[Any]:
    """Values that a careless hash would give the same key as `value`."""
    tp = type(value)
    found: list[Any] = []
    if tp in (bool, int, float, complex, Number):
        with contextlib.suppress(OverflowError, ValueError, TypeError):
            found += [int(value), float(value), bool(value), complex(value), Number(int(value))]
        with contextlib.suppress(TypeError):
            found += [-value, value + 1]
    if tp in (str, Text):
        found += [str(value), Text(value), value.encode("utf-8", "surrogatepass"), value + "\0"]
    if tp in (bytes, bytearray):
        found += [bytes(value), bytearray(value), value.decode("latin-1")]
    if tp in (list, tuple, collections.deque, Point) and not isinstance(value, np.ndarray):
        found += [list(value), tuple(value), collections.deque(value)]
    if tp in (set, frozenset, TagSet, TagFrozenSet):
        found += [set(value), frozenset(value), TagSet(value), TagFrozenSet(value)]
    if tp in (dict, collections.OrderedDict):
        found += [dict(value), collections.OrderedDict(value), list(value.items())]
    if tp is np.ndarray:
        with warnings.catch_warnings():  # lossy casts (nan to int, complex to real) are the point
            warnings.simplefilter("ignore")
            other = np.float64 if value.dtype != np.float64 else np.int64
            found += [value.astype(other)]
        found += [value.reshape(-1), value.tolist()]
    return [item for item in found if type(item) is not tp or not _same(item, value)] or CONFUSABLE


@st.composite
def neighbours(draw: st.DrawFn, value: Any, depth: int = 0) -> Any:
    """The value with one part replaced by a confusable one (see `confusions`)."""
    tp = type(value)
    if depth < 6 and tp in (list, tuple) and value and draw(st.booleans()):
        items = list(value)
        index = draw(st.integers(0, len(items) - 1))
        items[index] = draw(neighbours(items[index], depth + 1))
        return tp(items)
    if depth < 6 and tp is dict and value and draw(st.booleans()):
        changed = dict(value)
        key = draw(st.sampled_from(list(changed)))
        changed[key] = draw(neighbours(changed[key], depth + 1))
        return changed
    if draw(st.integers(0, 4)) == 0:
        return copy.copy(draw(st.sampled_from(CONFUSABLE)))
    return draw(st.sampled_from(confusions(value)))


def _call(value: Any) -> tuple[bool, Any]:
    before = rel_workers.RUNS.count("echo")
    result = rel_workers.echo(value)
    return rel_workers.RUNS.count("echo") != before, result


def _same(a: Any, b: Any) -> bool:
    return bool(canon(a) == canon(b))


EXAMPLES = {"local": 0, "peers": 0, "wrong_hits": 0, "neighbours_hit": 0}


@pytest.fixture(autouse=True)
def no_warnings_allowed() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_confusable_values_never_share_a_key(figures: Any) -> None:
    """Every pair of easily confused values, alone and nested: a hit only for equal ones."""
    pairs = 0
    for wrap in (lambda v: v, lambda v: [v], lambda v: {"k": (v,)}):
        for first in CONFUSABLE:
            for second in CONFUSABLE:
                cachelib.clear_cache()
                _call(wrap(first))
                ran, result = _call(wrap(second))
                pairs += 1
                if not ran:
                    assert _same(first, second), (
                        f"WRONG HIT: {wrap(second)!r} got the entry of {wrap(first)!r}"
                    )
                assert _same(result, wrap(second))
    figures.add("fuzz", confusable_pairs=pairs)


@settings(settings.get_profile(PROFILE))
@given(data=st.data())
def test_fuzz_equal_values_hit_and_distinct_values_never_share_a_key(data: st.DataObject) -> None:
    EXAMPLES["local"] += 1
    cachelib.clear_cache()
    value = data.draw(values, label="value")
    ran, result = _call(value)
    assert ran
    assert _same(result, value)
    for label, twin in (
        ("the same object", value),
        ("a deep copy", copy.deepcopy(value)),
        ("a pickle round trip", pickle.loads(pickle.dumps(value))),
    ):
        ran, result = _call(twin)
        assert not ran, f"{label} of the value missed: the key is not deterministic"
        assert _same(result, value)
    neighbour = data.draw(neighbours(value), label="neighbour")
    ran, result = _call(neighbour)
    if not ran:
        EXAMPLES["neighbours_hit"] += 1
        assert _same(value, neighbour), (
            f"WRONG HIT: {neighbour!r} got the entry of {value!r} (a different value)"
        )
    assert _same(result, neighbour)


class Peer:
    """Another interpreter, with its own hash seed, that loads what this process persisted."""

    def __init__(self, seed: str, folder: Path) -> None:
        self.seed = seed
        self.process = subprocess.Popen(
            child_command("fuzz-peer"),
            cwd=os.getcwd(),
            env=child_env(PYTHONHASHSEED=seed, CACHELIB_CACHE_DIR=str(folder)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self.buffer = b""

    def ask(self, batch: list[Any], timeout: float = 60.0) -> list[dict[str, Any]]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        payload = pickle.dumps(batch)
        self.process.stdin.write(struct.pack(">I", len(payload)) + payload)
        self.process.stdin.flush()
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            ready = select.select([fd], [], [], max(0.0, remaining))[0] if remaining > 0 else []
            chunk = os.read(fd, 65536) if ready else b""
            if not chunk:
                self.fail("no answer" if not ready else "it died")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        results: list[dict[str, Any]] = json.loads(line)["results"]
        return results

    def fail(self, what: str) -> None:
        kill_group(self.process)
        self.process.wait(10)
        err = self.process.stderr.read().decode(errors="replace") if self.process.stderr else ""
        pytest.fail(
            f"fuzz peer (PYTHONHASHSEED={self.seed}): {what}, "
            f"{describe_exit(self.process.returncode)}\n{err[-4000:]}",
            pytrace=False,
        )

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.fail("it did not stop")
        if self.process.returncode != 0:
            self.fail("it failed")
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def peers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Peer]]:
    folder = tmp_path / "shared-cache"
    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(folder))
    started = [Peer("1", folder), Peer("2", folder)]
    try:
        yield started
        for peer in started:
            peer.close()
    finally:
        for peer in started:
            kill_group(peer.process)


def test_fuzz_same_key_in_other_processes(peers: list[Peer], figures: Any) -> None:
    @settings(settings.get_profile(PROFILE), max_examples=BUDGET.fuzz_peer_examples)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        EXAMPLES["peers"] += 1
        cachelib.clear_cache()
        value = data.draw(values, label="value")
        neighbour = data.draw(neighbours(value), label="neighbour")
        for item in (value, neighbour):
            _call(item)  # persisted by this process
        for peer in peers:
            for item, answer in zip((value, neighbour), peer.ask([value, neighbour]), strict=True):
                assert not answer["ran"], (
                    f"another process (PYTHONHASHSEED={peer.seed}) computed another key for "
                    f"{item!r}: it missed the entry this process persisted"
                )
                assert answer["equal"], f"the persisted value of {item!r} changed on the way"

    try:
        check()
    finally:
        figures.add("fuzz", cross_process_examples=EXAMPLES["peers"], peer_processes=len(peers))


def test_fuzz_figures(figures: Any) -> None:
    """Runs last in this module: records how many examples ran."""
    assert EXAMPLES["local"] > 0, "the local fuzz test did not run"
    figures.add(
        "fuzz",
        examples=EXAMPLES["local"],
        neighbours_that_hit=EXAMPLES["neighbours_hit"],
        wrong_hits=EXAMPLES["wrong_hits"],
    )
    figures.most("fuzz", max_examples_per_test=settings.get_profile(PROFILE).max_examples)
