"""The hostile-input corpus: arguments and return values that try to break the hasher.

Each case runs in its own child process (`rel_workers.main(["corpus", NAME])`) and returns
what happened: the value hashed (then an equal value must hit, a different one must miss),
or a cachelib error was raised (then the message must name the function and link to the
knowledge base, and the cache must keep working). `EXPECT` says which outcomes a case
allows. The test process checks the outcome, that the child neither hung nor crashed, and
that no raw exception (`RecursionError`, `ValueError`, ...) escaped.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import os
import sys
import tempfile
import threading
import time
import traceback
import types
import warnings
from collections.abc import Callable
from typing import Any

import cachelib
from cachelib._internal.errors import REGISTRY

LONG = os.environ.get("CACHELIB_RELIABILITY", "").strip().lower() == "long"
DEPTH = 100_000
"""Nesting depth of the deep cases (both runs)."""
LARGE = (256 if LONG else 64) << 20
"""Size of the large strings and bytes, in bytes (or characters)."""

# Every error cachelib declares (its registry), so that a new one is never taken for a crash.
PUBLIC_ERRORS = tuple(cls for cls in REGISTRY.values() if not issubclass(cls, Warning))

HASH = "hash"
ERROR = "error"
EITHER = "hash-or-error"

# --- Building blocks.


class Holder:
    """A plain object (hashable by identity, reduced by its __dict__)."""

    def __init__(self, tag: Any) -> None:
        self.tag = tag

    def method(self) -> Any:
        return self.tag


class SlotHolder:
    __slots__ = ("ref", "tag")

    def __init__(self, tag: Any) -> None:
        self.tag = tag
        self.ref: Any = None


@dataclasses.dataclass
class Cell:
    tag: Any
    ref: Any = None


class Node:
    def __init__(self, nxt: Any) -> None:
        self.nxt = nxt


class SlotNode:
    __slots__ = ("nxt",)

    def __init__(self, nxt: Any) -> None:
        self.nxt = nxt


class ReduceRaises:
    def __reduce__(self) -> Any:
        raise ValueError("__reduce__ refuses")


class ReduceExRaises:
    def __reduce_ex__(self, protocol: Any) -> Any:
        raise ValueError("__reduce_ex__ refuses")


class GetstateRaises:
    def __init__(self) -> None:
        self.x = 1

    def __getstate__(self) -> Any:
        raise ValueError("__getstate__ refuses")


class ReduceReturnsGarbage:
    def __reduce__(self) -> Any:
        return 42


class ReduceRaisesRecursion:
    def __reduce__(self) -> Any:
        raise RecursionError("__reduce__ gave up")


class EndlessReduce:
    """Each reduction makes a new child, forever (a lazily generated infinite tree)."""

    def __init__(self, level: int = 0) -> None:
        self.level = level

    def __reduce__(self) -> Any:
        return (EndlessReduce, (), {"child": EndlessReduce(self.level + 1)})


class ReprRaises(ReduceRaises):
    def __repr__(self) -> str:
        raise RuntimeError("__repr__ refuses")


class EqRaises:
    def __init__(self, tag: Any) -> None:
        self.tag = tag

    def __eq__(self, other: object) -> bool:
        raise ValueError("__eq__ refuses")

    __hash__ = object.__hash__


class HashRaises:
    armed = False

    def __init__(self, tag: Any) -> None:
        self.tag = tag

    def __hash__(self) -> int:
        if HashRaises.armed:
            raise ValueError("__hash__ refuses")
        return id(self) >> 4


class RaisingHashMeta(type):
    def __hash__(cls) -> int:
        raise ValueError("the type's __hash__ refuses")


class TypeHashRaises(metaclass=RaisingHashMeta):
    def __init__(self, tag: Any) -> None:
        self.tag = tag


class UnhashableMeta(type):
    def __eq__(cls, other: object) -> bool:  # and so no __hash__: the type is unhashable
        raise ValueError("the type's __eq__ refuses")


class TypeUnhashable(metaclass=UnhashableMeta):
    def __init__(self, tag: Any) -> None:
        self.tag = tag


class Anything:
    """A proxy whose __getattr__ answers every name with another proxy."""

    def __init__(self, tag: Any) -> None:
        self.tag = tag

    def __getattr__(self, name: str) -> Any:
        return Anything(name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return Anything("called")


class Foo:
    def __init__(self, x: Any) -> None:
        self.x = x


def _raise(_: Any) -> Any:
    raise RuntimeError("the hash function refuses")


# --- Outcome reports.


def _error_report(
    error: BaseException, func: Callable[..., Any], call: Callable[[], Any], started: float
) -> dict[str, Any]:
    report: dict[str, Any] = {
        "outcome": ERROR,
        "error_type": type(error).__name__,
        "error_module": type(error).__module__,
        "public": isinstance(error, PUBLIC_ERRORS),
        "message": str(error)[:3000],
    }
    if not isinstance(error, PUBLIC_ERRORS):
        report["traceback"] = "".join(traceback.format_exception(error))[-3000:]
        return report
    message = str(error)
    report["names_function"] = f"`{func.__name__}()`" in message
    report["links_docs"] = "More: https://" in " ".join(message.split())  # lines may break
    if time.monotonic() - started > 1.0 and not LONG:
        report["retry"] = report["error_type"]  # slow (deep values): retried in the long run only
        return report
    try:  # the same call fails the same way again (no half-made entry)
        call()
        report["retry"] = "hashed"
    except BaseException as again:
        report["retry"] = type(again).__name__
    return report


def _target(options: dict[str, Any]) -> tuple[Callable[..., Any], list[int]]:
    runs: list[int] = []

    def target(value: Any) -> int:
        runs.append(1)
        return len(runs)

    return cachelib.cache(show_spinner=False, **options)(target), runs


def probe_argument(
    make: Callable[[], Any],
    variant: Callable[[], Any] | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Pass a hostile argument: hash it (then check hits and misses) or raise a cachelib error."""
    func, runs = _target(options)
    value = make()
    started = time.monotonic()
    try:
        first = func(value)
    except BaseException as error:
        report = _error_report(error, func, lambda: func(value), started)
        report["works_after"] = func("an ordinary argument") >= 1
        report["seconds"] = time.monotonic() - started
        return report
    report = {"outcome": HASH, "seconds": time.monotonic() - started}
    report["same_object_hits"] = func(value) == first and len(runs) == 1
    try:
        report["equal_value_hits"] = func(make()) == first and len(runs) == 1
    except BaseException as error:
        report["equal_value_hits"] = f"raised {type(error).__name__}: {error}"[:500]
    if variant is not None:
        try:
            other = func(variant())
            report["variant_misses"] = other != first and len(runs) == 2
        except PUBLIC_ERRORS as error:
            report["variant_misses"] = f"raised {type(error).__name__}"
    return report


def probe_return(make: Callable[[], Any], **options: Any) -> dict[str, Any]:
    """Return a hostile value: store it (then hit without a false mutation warning) or refuse."""
    runs: list[int] = []
    made: list[Any] = []

    def produce(key: int) -> Any:
        runs.append(1)
        made.append(make())
        return made[-1]

    func = cachelib.cache(show_spinner=False, **options)(produce)
    started = time.monotonic()
    try:
        first = func(1)
    except BaseException as error:
        report = _error_report(error, func, lambda: func(1), started)
        report["seconds"] = time.monotonic() - started
        return report
    report = {"outcome": HASH, "seconds": time.monotonic() - started}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        second = func(1)
    report["same_object_hits"] = second is first and len(runs) == 1
    report["false_mutation_warnings"] = [str(w.message)[:200] for w in caught]
    return report


# --- Value builders.


def nest(kind: str, leaf: Any, depth: int = DEPTH) -> Any:
    value = leaf
    for level in range(depth):
        if kind == "list":
            value = [value]
        elif kind == "tuple":
            value = (value,)
        elif kind == "dict":
            value = {"k": value}
        elif kind == "frozenset":
            value = frozenset([value])
        elif kind == "set":
            value = {Holder(value)}
        elif kind == "object":
            value = Node(value)
        elif kind == "slots":
            value = SlotNode(value)
        elif kind == "deque":
            value = collections.deque([value])
        elif kind == "ordereddict":
            value = collections.OrderedDict(k=value)
        elif kind == "dict-key":
            value = (value, level)
        elif kind == "mixed":
            step = level % 5
            if step == 0:
                value = [value]
            elif step == 1:
                value = {"k": value}
            elif step == 2:
                value = (value,)
            elif step == 3:
                value = Node(value)
            else:
                value = frozenset([value])
    if kind == "dict-key":
        value = {value: "key"}
    return value


def cycle(kind: str, tag: Any) -> Any:
    if kind == "list":
        items: list[Any] = [tag]
        items.append(items)
        return items
    if kind == "dict":
        mapping: dict[str, Any] = {"tag": tag}
        mapping["self"] = mapping
        return mapping
    if kind == "tuple":
        inner: list[Any] = [tag]
        outer = (inner,)
        inner.append(outer)
        return outer
    if kind == "set":
        holder = Holder(tag)
        members = {holder}
        holder.ref = members  # type: ignore[attr-defined]
        return members
    if kind == "frozenset":
        holder = Holder(tag)
        frozen = frozenset([holder])
        holder.ref = frozen  # type: ignore[attr-defined]
        return frozen
    if kind == "object":
        holder = Holder(tag)
        holder.ref = holder  # type: ignore[attr-defined]
        return holder
    if kind == "slots":
        slotted = SlotHolder(tag)
        slotted.ref = slotted
        return slotted
    if kind == "dataclass":
        cell = Cell(tag)
        cell.ref = cell
        return cell
    if kind == "namespace":
        space = types.SimpleNamespace(tag=tag)
        space.ref = space
        return space
    if kind == "deque":
        queue: collections.deque[Any] = collections.deque([tag])
        queue.append(queue)
        return queue
    if kind == "ordereddict":
        ordered: collections.OrderedDict[str, Any] = collections.OrderedDict(tag=tag)
        ordered["self"] = ordered
        return ordered
    if kind == "defaultdict":
        default: collections.defaultdict[str, Any] = collections.defaultdict(list, tag=tag)
        default["self"] = default
        return default
    if kind == "counter":
        counter: collections.Counter[Any] = collections.Counter(tag=1)
        counter["self"] = counter  # type: ignore[assignment]
        counter[tag] = 2
        return counter
    if kind == "bound-method":
        holder = Holder(tag)
        holder.ref = holder.method  # type: ignore[attr-defined]
        return holder
    if kind == "every-kind":
        # list -> dict -> tuple -> object -> set -> deque -> back to the list
        top: list[Any] = [tag]
        holder = Holder(tag)
        queue2: collections.deque[Any] = collections.deque([top])
        holder.ref = {holder, Holder(queue2)}  # type: ignore[attr-defined]
        top.append({"t": (holder,)})
        return top
    raise ValueError(kind)


CYCLE_KINDS = (
    "list",
    "dict",
    "tuple",
    "set",
    "frozenset",
    "object",
    "slots",
    "dataclass",
    "namespace",
    "deque",
    "ordereddict",
    "defaultdict",
    "counter",
    "bound-method",
    "every-kind",
)
DEEP_KINDS = ("list", "tuple", "dict", "frozenset", "object", "mixed")
if LONG:  # the slowest to explain (5 to 15 s each): the long run only
    DEEP_KINDS += ("set", "slots", "deque", "ordereddict", "dict-key")


def _mutated_by_thread(kind: str) -> dict[str, Any]:
    """Hash a value many times while another thread mutates it."""
    if kind == "list":
        value: Any = list(range(2000))
    elif kind == "dict":
        value = {i: [i] for i in range(2000)}
    elif kind == "set":
        value = {(i,) for i in range(2000)}
    else:
        value = Holder(0)
    stop = threading.Event()

    def mutate() -> None:
        i = 0
        while not stop.is_set():
            i += 1
            if kind == "list":
                value.append(i)
                if len(value) > 4000:
                    del value[:2000]
            elif kind == "dict":
                value[i % 3000] = [i]
                if len(value) > 2500:
                    value.pop(next(iter(value)))
            elif kind == "set":
                value.add((i,))
                if len(value) > 4000:
                    value.clear()
            else:
                setattr(value, f"a{i % 500}", i)
                if i % 700 == 0:
                    value.__dict__.clear()

    return _race(value, mutate, stop, calls=300)


def _file_deleted_while_hashed() -> dict[str, Any]:
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "data.txt")
    with open(path, "w") as handle:
        handle.write("hello")
    handle = open(path)  # noqa: SIM115 (kept open while the file is deleted and made again)
    stop = threading.Event()

    def churn() -> None:
        while not stop.is_set():
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            with open(path, "w") as new:
                new.write("hello again")

    try:
        return _race(handle, churn, stop, calls=1000)
    finally:
        handle.close()


def _race(value: Any, disturb: Any, stop: threading.Event, *, calls: int) -> dict[str, Any]:
    """Call a cached function ``calls`` times on ``value`` while ``disturb`` runs in a thread."""
    func, _ = _target({})
    sys.setswitchinterval(1e-6)
    counts: collections.Counter[str] = collections.Counter()
    raw: list[str] = []
    thread = threading.Thread(target=disturb, daemon=True)
    thread.start()
    try:
        for _ in range(calls):
            try:
                func(value)
                counts["hashed"] += 1
            except PUBLIC_ERRORS as error:
                counts[type(error).__name__] += 1
            except BaseException as error:
                raw.append(f"{type(error).__name__}: {error}"[:300])
    finally:
        stop.set()
        thread.join(10)
    return _race_report(counts, raw, thread)


def _race_report(
    counts: collections.Counter[str], raw: list[str], thread: threading.Thread
) -> dict[str, Any]:
    report: dict[str, Any] = {"outcome": EITHER, "counts": dict(counts), "raw_errors": raw[:5]}
    report["raw_error_count"] = len(raw)
    report["thread_stopped"] = not thread.is_alive()
    return report


def _deleted_file() -> dict[str, Any]:
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "gone.txt")
    with open(path, "w") as handle:
        handle.write("x")
    opened = open(path)  # noqa: SIM115
    os.unlink(path)
    try:
        return probe_argument(lambda: opened)
    finally:
        opened.close()


def _hash_func_raises_in_body() -> dict[str, Any]:
    config = Foo(1)

    def uses_config(value: Any) -> Any:
        return repr(config)  # the body refers to `config` itself: its hash_funcs runs

    func = cachelib.cache(show_spinner=False, hash_funcs={Foo: _raise})(uses_config)
    started = time.monotonic()
    try:
        func(1)
    except BaseException as error:
        return _error_report(error, func, lambda: func(1), started)
    return {"outcome": HASH}


def _hash_raises_in_set() -> dict[str, Any]:
    members = {HashRaises(1), HashRaises(2)}
    HashRaises.armed = True
    return probe_argument(lambda: members)


def _large_return_persisted() -> dict[str, Any]:
    from cachelib._internal import registry

    size = _BIG // 2
    runs: list[int] = []

    def produce(key: int) -> bytes:
        runs.append(1)
        return b"\x07" * (size - 1) + b"\x08"

    func = cachelib.cache(show_spinner=False, persist=True)(produce)
    started = time.monotonic()
    first = func(1)
    registry.clear("legacy")  # forget memory: the next call must load the whole entry from disk
    second = func(1)
    return {
        "outcome": HASH,
        "seconds": time.monotonic() - started,
        "same_object_hits": len(runs) == 1,
        "reloaded_whole": second == first,
    }


_BIG = LARGE
RAISED_LIMIT = 1_000_000
"""The recursion limit of the raised-limit cases, as an app might set it."""


def _raised_limit(probe: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(RAISED_LIMIT)
    try:
        report = probe()
        report["limit_kept"] = sys.getrecursionlimit() == RAISED_LIMIT
        return report
    finally:
        sys.setrecursionlimit(before)


def _cases() -> dict[str, tuple[str, Callable[[], dict[str, Any]]]]:
    cases: dict[str, tuple[str, Callable[[], dict[str, Any]]]] = {}
    for kind in CYCLE_KINDS:
        cases[f"cycle-{kind}-argument"] = (
            # pickle itself cannot reduce a Counter that contains itself (its reduction's
            # arguments hold the cycle): a clear error is right there; the rest must hash.
            EITHER if kind == "counter" else HASH,
            lambda kind=kind: probe_argument(lambda: cycle(kind, "a"), lambda: cycle(kind, "b")),
        )
    for kind in ("list", "deque", "slots", "every-kind"):
        cases[f"cycle-{kind}-return"] = (
            HASH,
            lambda kind=kind: probe_return(lambda: cycle(kind, 1)),
        )
    for kind in DEEP_KINDS:
        cases[f"deep-{kind}-argument"] = (
            EITHER,
            lambda kind=kind: probe_argument(lambda: nest(kind, 0), lambda: nest(kind, 1)),
        )
    cases["deep-list-return"] = (EITHER, lambda: probe_return(lambda: nest("list", 0)))
    if LONG:
        cases["deep-object-return"] = (EITHER, lambda: probe_return(lambda: nest("object", 0)))
    # A recursion limit raised far above the default, which would let CPython 3.11's pickler
    # overflow the C stack on a deep value (pickle.dumps crashes the same way): hashing
    # bounds its own recursion and refuses the value instead.
    for kind in ("list", "deque", "object"):
        cases[f"deep-{kind}-argument-raised-limit"] = (
            ERROR,
            lambda kind=kind: _raised_limit(lambda: probe_argument(lambda: nest(kind, 0))),
        )
    cases["deep-list-return-raised-limit"] = (
        ERROR,
        lambda: _raised_limit(lambda: probe_return(lambda: nest("list", 0))),
    )
    # Objects whose special methods raise.
    cases["reduce-raises"] = (ERROR, lambda: probe_argument(ReduceRaises))
    cases["reduce-ex-raises"] = (ERROR, lambda: probe_argument(ReduceExRaises))
    cases["getstate-raises"] = (ERROR, lambda: probe_argument(GetstateRaises))
    cases["getstate-raises-nested"] = (
        ERROR,
        lambda: probe_argument(lambda: [{"a": (1, GetstateRaises())}]),
    )
    cases["reduce-returns-garbage"] = (ERROR, lambda: probe_argument(ReduceReturnsGarbage))
    cases["reduce-raises-recursion-error"] = (ERROR, lambda: probe_argument(ReduceRaisesRecursion))
    cases["reduce-never-ends"] = (ERROR, lambda: probe_argument(EndlessReduce))
    cases["reduce-and-repr-raise"] = (ERROR, lambda: probe_argument(ReprRaises))
    cases["reduce-raises-return"] = (ERROR, lambda: probe_return(ReduceRaises))
    cases["eq-raises"] = (HASH, lambda: probe_argument(lambda: EqRaises(1), lambda: EqRaises(2)))
    cases["eq-raises-dict-key"] = (
        HASH,
        lambda: probe_argument(lambda: {EqRaises(1): 1}, lambda: {EqRaises(1): 2}),
    )
    cases["eq-raises-return"] = (HASH, lambda: probe_return(lambda: [EqRaises(1)]))
    cases["hash-raises"] = (
        HASH,
        lambda: probe_argument(lambda: [HashRaises(1)], lambda: [HashRaises(2)]),
    )
    cases["hash-raises-set-member"] = (HASH, _hash_raises_in_set)
    cases["type-hash-raises"] = (
        EITHER,
        lambda: probe_argument(lambda: TypeHashRaises(1), lambda: TypeHashRaises(2)),
    )
    cases["type-unhashable"] = (
        EITHER,
        lambda: probe_argument(lambda: TypeUnhashable(1), lambda: TypeUnhashable(2)),
    )
    cases["type-hash-raises-return"] = (EITHER, lambda: probe_return(lambda: TypeHashRaises(1)))
    cases["getattr-answers-everything"] = (EITHER, lambda: probe_argument(lambda: Anything(1)))
    cases["lock-argument"] = (ERROR, lambda: probe_argument(threading.Lock))
    cases["generator-argument"] = (ERROR, lambda: probe_argument(lambda: (i for i in range(3))))
    # hash_funcs that raise, or return their input.
    cases["hash-func-raises-argument"] = (
        ERROR,
        lambda: probe_argument(lambda: [Foo(1)], hash_funcs={Foo: _raise}),
    )
    cases["hash-func-raises-return"] = (
        ERROR,
        lambda: probe_return(lambda: Foo(1), hash_funcs={Foo: _raise}),
    )
    cases["hash-func-raises-body"] = (ERROR, _hash_func_raises_in_body)
    cases["hash-func-returns-unhashable"] = (
        ERROR,
        lambda: probe_argument(lambda: Foo(1), hash_funcs={Foo: lambda _: threading.Lock()}),
    )
    for label, tp, make, other in (
        ("class", Foo, lambda: Foo(1), lambda: Foo(2)),
        ("list", list, lambda: [1, [2]], lambda: [1, [3]]),
        ("dict", dict, lambda: {"a": {"b": 1}}, lambda: {"a": {"b": 2}}),
        ("str", str, lambda: ["x", "y"], lambda: ["x", "z"]),
        ("int", int, lambda: [1, 2], lambda: [1, 3]),
    ):
        cases[f"hash-func-returns-input-{label}"] = (
            HASH,
            lambda tp=tp, make=make, other=other: probe_argument(
                make, other, hash_funcs={tp: lambda x: x}
            ),
        )
    cases["hash-func-wraps-input"] = (
        HASH,
        lambda: probe_argument(lambda: [1, 2], lambda: [1, 3], hash_funcs={list: lambda x: [x]}),
    )
    cases["hash-func-returns-cycle"] = (
        HASH,
        lambda: probe_argument(
            lambda: Foo(1), lambda: Foo(2), hash_funcs={Foo: lambda foo: cycle("list", foo.x)}
        ),
    )
    # Very large strings and bytes (the variants differ in one character or byte only).
    cases["large-bytes-argument"] = (
        HASH,
        lambda: probe_argument(lambda: b"\0" * _BIG, lambda: b"\0" * (_BIG - 1) + b"\1"),
    )
    cases["large-bytearray-argument"] = (
        HASH,
        lambda: probe_argument(
            lambda: bytearray(_BIG // 2),
            lambda: bytearray(_BIG // 4) + b"\1" + bytearray(_BIG // 4),
        ),
    )
    cases["large-str-argument"] = (
        HASH,
        lambda: probe_argument(
            lambda: "é" * (_BIG // 8) + "\ud800" + "é" * (_BIG // 8),
            lambda: "é" * (_BIG // 8) + "\ud801" + "é" * (_BIG // 8),
        ),
    )
    cases["large-str-nested"] = (
        HASH,
        lambda: probe_argument(
            lambda: ["a" * (_BIG // 4), "b"],
            lambda: ["a" * (_BIG // 8) + "c" + "a" * (_BIG // 8 - 1), "b"],
        ),
    )
    cases["many-small-items"] = (
        HASH,
        lambda: probe_argument(
            lambda: list(range(_BIG // 64)), lambda: [*range(_BIG // 64 - 1), -1]
        ),
    )
    cases["large-bytes-return-persisted"] = (HASH, _large_return_persisted)
    # Races: a file deleted while it is hashed, a value mutated by another thread.
    cases["file-deleted-while-hashed"] = (EITHER, _file_deleted_while_hashed)
    cases["file-already-deleted"] = (EITHER, _deleted_file)
    for kind in ("list", "dict", "set", "object"):
        cases[f"mutated-by-thread-{kind}"] = (EITHER, lambda kind=kind: _mutated_by_thread(kind))
    return cases


CASES = _cases()
EXPECT = {name: expect for name, (expect, _) in CASES.items()}


def run(name: str) -> dict[str, Any]:
    """Run one case in this (child) process and describe its outcome."""
    warnings.simplefilter("error", cachelib.CachedObjectMutationWarning)
    _, probe = CASES[name]
    report = probe()
    report["case"] = name
    return report
