"""Property 1: under threads, each entry's function runs once per lifetime of the entry.

16 threads call a slow cached function over a handful of keys (simple keys, and keys that
need hashing), while `ttl` expires entries, `max_entries` evicts them and another thread
calls `clear_cache()`. The function itself checks, each time it runs, that no other run of
its key is in progress and that no live entry of its key exists (it peeks at the store under
the store's lock): together, one run per lifetime. Every call must return its own key's
value, and no call may raise. Threads are joined with a timeout: a deadlock fails the test.
"""

from __future__ import annotations

import itertools
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rel_config import BUDGET, LONG

import cachelib
from cachelib._internal import entries as entry_module
from cachelib._internal.backends.memory import MemoryStore

SIMPLE_KEYS: list[Any] = [0, 1, 2, 3]
HASHED_KEYS: list[Any] = [("k", i, [i, {"n": i}]) for i in range(4)]  # hashed: a digest key
KEYS = SIMPLE_KEYS + HASHED_KEYS
JOIN_TIMEOUT = 600.0 if LONG else 120.0


def label(key: Any) -> str:
    return f"s{key}" if isinstance(key, int) else f"h{key[1]}"


@pytest.fixture(autouse=True)
def fast_switching() -> Iterator[None]:
    """Switch threads every 10 µs (not 5 ms), so that races show up."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield
    sys.setswitchinterval(previous)


class Monitor:
    """What the cached function checks each time it runs."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running: Counter[str] = Counter()
        self.runs: Counter[str] = Counter()
        self.violations: list[str] = []
        self.ids = itertools.count(1)
        self.store: MemoryStore | None = None

    def live_entry(self, name: str) -> bool:
        cache = self.store
        if cache is None:
            return False
        with cache._lock:  # a consistent snapshot (puts and clears hold this lock)
            entries = list(cache._entries.values())
        now = entry_module.clock()
        return any(entry.value[0] == name and entry.expires > now for entry in entries)

    def enter(self, name: str) -> None:
        with self.lock:
            self.running[name] += 1
            self.runs[name] += 1
            if self.running[name] > 1:
                self.violations.append(f"two runs of {name} at once")
        if self.live_entry(name):
            self.violations.append(f"{name} ran while a live entry of it existed")

    def leave(self, name: str) -> None:
        with self.lock:
            self.running[name] -= 1


# The function's body refers to the monitor (it holds a lock) and to its random generator:
# hashed as constants, they stay out of the function's key.
OUTSIDE_THE_KEY: dict[Any, Callable[[Any], Any]] = {
    Monitor: lambda _: None,
    random.Random: lambda _: None,
}


def slow_function(monitor: Monitor, seed: int) -> Callable[[Any], list[Any]]:
    rng = random.Random(seed)

    def compute(key: Any) -> list[Any]:
        name = label(key)
        monitor.enter(name)
        try:
            time.sleep(rng.uniform(0.0005, 0.003))
            return [name, next(monitor.ids)]
        finally:
            monitor.leave(name)

    return compute


def attach_store(cached: Callable[..., Any], monitor: Monitor) -> None:
    """Let the monitor see the function's store (white box: the wrapper's state)."""
    cached(KEYS[0])
    monitor.store = cached.__cachelib_state__.store  # type: ignore[attr-defined]
    assert monitor.store is not None, "could not find the cached function's store"


def hammer(
    cached: Callable[[Any], Any],
    *,
    threads: int,
    calls: int,
    clear_every: float | None,
) -> dict[str, Any]:
    """Run `threads` x `calls` random calls (and a clearing thread); return what happened."""
    errors: list[str] = []
    wrong: list[str] = []
    done = threading.Event()
    clears = 0
    barrier = threading.Barrier(threads + (1 if clear_every else 0))
    seen: list[Counter[tuple[str, int]]] = [Counter() for _ in range(threads)]

    def worker(index: int) -> None:
        rng = random.Random(1000 + index)
        counts = seen[index]
        try:
            barrier.wait(30)
            for _ in range(calls):
                key = rng.choice(KEYS)
                value = cached(key)
                if value[0] != label(key):
                    wrong.append(f"asked {label(key)}, got {value[0]}")
                counts[(value[0], value[1])] += 1
        except BaseException as error:  # every exception fails the test, with its type
            errors.append(f"thread {index}: {type(error).__name__}: {error}")

    def clearer() -> None:
        nonlocal clears
        try:
            barrier.wait(30)
            while not done.is_set():
                time.sleep(clear_every or 0)
                cachelib.clear_cache()
                clears += 1
        except BaseException as error:
            errors.append(f"clearer: {type(error).__name__}: {error}")

    workers = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
    helper = threading.Thread(target=clearer, daemon=True) if clear_every else None
    started = time.monotonic()
    for thread in workers + ([helper] if helper else []):
        thread.start()
    deadline = started + JOIN_TIMEOUT
    for thread in workers:
        thread.join(max(0.0, deadline - time.monotonic()))
    done.set()
    if helper is not None:
        helper.join(10)
    stuck = [t.name for t in workers + ([helper] if helper else []) if t.is_alive()]
    assert not stuck, f"DEADLOCK or HANG: threads still running after {JOIN_TIMEOUT} s: {stuck}"
    distinct = Counter[tuple[str, int]]()
    for counts in seen:
        distinct.update(counts)
    return {
        "errors": errors,
        "wrong": wrong,
        "clears": clears,
        "seconds": time.monotonic() - started,
        "values": distinct,
    }


def test_one_run_per_key_without_invalidation(figures: Any) -> None:
    """No ttl, no limit, no clear: each key's function runs exactly once, for every caller."""
    monitor = Monitor()
    cached = cachelib.cache(show_spinner=False, hash_funcs=OUTSIDE_THE_KEY)(
        slow_function(monitor, 1)
    )
    result = hammer(cached, threads=BUDGET.threads, calls=BUDGET.calls_per_thread, clear_every=None)

    assert result["errors"] == []
    assert result["wrong"] == []
    assert monitor.violations == []
    assert dict(monitor.runs) == {label(key): 1 for key in KEYS}
    # Every caller of a key got the value of its one run.
    assert len(result["values"]) == len(KEYS)
    figures.add(
        "threads",
        calls=BUDGET.threads * BUDGET.calls_per_thread,
        runs=monitor.runs.total(),
        scenarios=1,
    )


@pytest.mark.parametrize("persist", [False, True], ids=["memory", "persist"])
def test_one_run_per_lifetime_with_ttl_eviction_and_clear(
    persist: bool, isolated_cache: Path, figures: Any
) -> None:
    """ttl expiring, max_entries evicting, clear_cache() meanwhile: one run per lifetime."""
    rounds = BUDGET.thread_rounds if not persist else 1
    calls = BUDGET.calls_per_thread if not persist else max(250, BUDGET.calls_per_thread // 4)
    for round_number in range(rounds):
        monitor = Monitor()
        cached = cachelib.cache(
            ttl=0.03,
            max_entries=6,
            persist=persist,
            show_spinner=False,
            hash_funcs=OUTSIDE_THE_KEY,
        )(slow_function(monitor, round_number))
        attach_store(cached, monitor)
        result = hammer(cached, threads=BUDGET.threads, calls=calls, clear_every=0.004)

        total_calls = BUDGET.threads * calls
        runs = monitor.runs.total()
        figures.add("threads", calls=total_calls, runs=runs, clears=result["clears"], scenarios=1)
        figures.most(
            "threads",
            threads=BUDGET.threads,
            calls_per_thread=calls,
            keys=len(KEYS),
            ttl_ms=30,
            max_entries=6,
        )
        assert result["errors"] == [], result["errors"][:5]
        assert result["wrong"] == [], result["wrong"][:5]
        assert monitor.violations == [], monitor.violations[:5]
        # The mix is real: entries were recomputed (expired, evicted, cleared) and hit.
        assert result["clears"] > 0
        assert len(KEYS) < runs < total_calls, (runs, total_calls)
    if persist:
        # The entries left on disk are whole: a new process would load them.
        names = [p.name for p in isolated_cache.iterdir() if p.name.endswith(".entry")]
        assert all(not n.startswith(".") for n in names), names
