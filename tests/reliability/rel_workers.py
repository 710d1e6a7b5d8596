"""Code shared by the reliability tests and the child processes they start.

The cached functions here are module-level, so the test process and its children compute
the same function keys and share persisted entries. They count their runs through
`RUNS`, which `hash_funcs` hashes as a constant (a counter referenced by a function's body
would otherwise be part of its key). `canon` gives the structural identity of a value: two
values may share a cache entry only if their canonical forms are equal.

A child runs `main(argv)` (see `rel_config.child_command`); its last line of standard output
is a JSON object with what it saw.
"""

from __future__ import annotations

import collections
import dataclasses
import decimal
import fractions
import hashlib
import json
import math
import os
import pickle
import random
import struct
import sys
import tempfile
import threading
import time
import types
import warnings
from collections.abc import Callable
from typing import Any, NamedTuple

import cachelib
from cachelib._internal import registry as _registry


class Runs:
    """Counts the runs of the cached functions in this process."""

    def __init__(self) -> None:
        self._counts: collections.Counter[str] = collections.Counter()
        self._lock = threading.Lock()

    def add(self, name: str) -> None:
        with self._lock:
            self._counts[name] += 1

    def count(self, name: str) -> int:
        with self._lock:
            return self._counts[name]


RUNS = Runs()
QUIET: dict[Any, Callable[[Any], Any]] = {Runs: lambda _: "runs"}


def drop_memory() -> None:
    """Empty the in-memory caches only, so that the next call reads the disk again."""
    _registry.clear("legacy")


def make_blob(key: int, size: int) -> bytes:
    """The value `blob(key, size)` computes: `size` bytes that depend on `key`."""
    seed = hashlib.sha256(b"blob %d %d" % (key, size)).digest()
    body = seed * (size // len(seed) + 1)
    return body[:size]


@cachelib.cache(persist=True, hash_funcs=QUIET, show_spinner=False)
def blob(key: int, size: int) -> bytes:
    """A persisted entry of `size` bytes."""
    RUNS.add("blob")
    return make_blob(key, size)


@cachelib.cache(persist=True, hash_funcs=QUIET, show_spinner=False)
def echo(value: Any) -> Any:
    """Returns its argument: a hit returns the argument of the call that stored the entry."""
    RUNS.add("echo")
    return value


# --- Types the fuzzer generates (importable here, so that children can unpickle them).


class Point(NamedTuple):
    x: Any
    y: Any


@dataclasses.dataclass
class Record:
    name: Any
    value: Any


class TagSet(set):  # type: ignore[type-arg]
    """A set subclass."""


class TagFrozenSet(frozenset):  # type: ignore[type-arg]
    """A frozenset subclass."""


class Text(str):
    """A str subclass."""

    __slots__ = ()


class Number(int):
    """An int subclass."""

    __slots__ = ()


def _float_key(value: float) -> Any:
    if math.isnan(value):
        return "nan"  # every NaN is one value to the cache (documented): they may share a key
    return struct.pack("<d", value).hex()


def canon(value: Any, _depth: int = 0) -> Any:
    """The structural identity of a value: exact types, float bits, set contents.

    Dicts compare as sets of items (two equal dicts may share an entry, whatever their
    order); lists, tuples and the other sequences compare in order.
    """
    if _depth > 200:
        raise ValueError("too deep for canon()")
    tp = type(value)
    name = f"{tp.__module__}.{tp.__qualname__}"
    deeper = _depth + 1
    if value is None or tp in (bool, int, str, bytes, Number, Text):
        return (name, value if tp not in (Number, Text) else tp.__base__(value))
    if tp is float:
        return (name, _float_key(value))
    if tp is complex:
        return (name, _float_key(value.real), _float_key(value.imag))
    if tp is bytearray:
        return (name, bytes(value))
    if tp in (list, tuple, collections.deque, Point):
        return (name, tuple(canon(item, deeper) for item in value))
    if tp in (set, frozenset, TagSet, TagFrozenSet):
        return (name, tuple(sorted(repr(canon(item, deeper)) for item in value)))
    if tp in (dict, collections.OrderedDict):
        items = (repr((canon(k, deeper), canon(v, deeper))) for k, v in value.items())
        return (name, tuple(sorted(items)))
    if tp is Record:
        return (name, canon(value.name, deeper), canon(value.value, deeper))
    if tp is types.SimpleNamespace:
        return (name, canon(vars(value), deeper))
    if tp in (decimal.Decimal, fractions.Fraction):
        return (name, str(value))
    if tp.__module__ == "datetime":
        return (name, repr(value))
    if tp is range:
        return (name, value.start, value.stop, value.step)
    if name == "numpy.ndarray":
        return (name, value.dtype.str, value.shape, value.tobytes())
    raise TypeError(f"canon() does not know {name}")


# --- Child commands.


def _persistence_warnings_are_errors() -> None:
    warnings.simplefilter("error", cachelib.CachePersistenceWarning)
    warnings.simplefilter("error", cachelib.CachedObjectMutationWarning)


def _emit(result: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def cmd_kill_target(start: int, size: int) -> int:
    """Persist new entries forever, saying on stdout when each write starts; wait for SIGKILL.

    The line "writing K" is printed as soon as the entry's temporary file exists (a hook on
    `tempfile.mkstemp`, which the library uses to write entries atomically), so that the
    parent can kill this process while the entry is being written. If the library stops
    using `tempfile.mkstemp`, the parent notices that no kill lands mid-write.
    """
    _persistence_warnings_are_errors()
    current = [start]
    real_mkstemp = tempfile.mkstemp

    def announcing_mkstemp(*args: Any, **kwargs: Any) -> Any:
        made = real_mkstemp(*args, **kwargs)
        if str(kwargs.get("prefix", "")).startswith(".tmp"):
            sys.stdout.write(f"writing {current[0]}\n")
            sys.stdout.flush()
        return made

    tempfile.mkstemp = announcing_mkstemp  # type: ignore[assignment]
    key = start
    while True:
        current[0] = key
        value = blob(key, size)
        sys.stdout.write(f"done {key}\n")
        sys.stdout.flush()
        if value != make_blob(key, size):
            raise AssertionError(f"blob({key}) returned a wrong value")
        key += 1


def cmd_writer(role: str, index: int, keys: int, size: int, rounds: int, go: str) -> int:
    """Call `blob` over the same keys as the other processes, at the same time."""
    _persistence_warnings_are_errors()
    deadline = time.monotonic() + 60
    while not os.path.exists(go):
        if time.monotonic() > deadline:
            raise TimeoutError("the start signal never came")
        time.sleep(0.001)
    rng = random.Random(index)
    calls = 0
    runs_before = RUNS.count("blob")
    clears = 0
    for round_number in range(rounds):
        order = list(range(keys))
        rng.shuffle(order)
        for key in order:
            value = blob(key, size)
            calls += 1
            if value != make_blob(key, size):
                raise AssertionError(f"{role} {index}: blob({key}) returned a wrong value")
        drop_memory()
        if role == "writer" and round_number % 2 == index % 2:
            cachelib.clear_cache()  # delete every entry: the others rewrite them meanwhile
            clears += 1
    runs = RUNS.count("blob") - runs_before
    _emit(
        {"role": role, "calls": calls, "computed": runs, "loaded": calls - runs, "clears": clears}
    )
    return 0


def cmd_fuzz_peer() -> int:
    """Answer the fuzzer: for each pickled list of values, does this process hit them all?

    Input: frames of a 4-byte big-endian length and a pickle of a list of values. Output: one
    JSON line per frame. Memory is emptied first, so every call has to find the entry that
    the test process persisted (same key in two processes) and load it whole.
    """
    _persistence_warnings_are_errors()
    stdin = sys.stdin.buffer
    while True:
        header = stdin.read(4)
        if len(header) < 4:
            return 0
        (length,) = struct.unpack(">I", header)
        values = pickle.loads(stdin.read(length))
        drop_memory()
        report = []
        for value in values:
            before = RUNS.count("echo")
            result = echo(value)
            report.append(
                {
                    "ran": RUNS.count("echo") != before,
                    "equal": canon(result) == canon(value),
                }
            )
        _emit({"results": report})


def main(argv: list[str]) -> int:
    """Run one child command."""
    command, *args = argv
    if command == "kill-target":
        return cmd_kill_target(int(args[0]), int(args[1]))
    if command == "writer":
        role, index, keys, size, rounds, go = args
        return cmd_writer(role, int(index), int(keys), int(size), int(rounds), go)
    if command == "fuzz-peer":
        return cmd_fuzz_peer()
    if command == "corpus":
        import rel_corpus

        _emit(rel_corpus.run(args[0]))
        return 0
    if command == "fault":
        import rel_faults

        _emit(rel_faults.run(args[0], args[1:]))
        return 0
    raise SystemExit(f"unknown command {command!r}")
