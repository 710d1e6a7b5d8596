"""The read of a shared hit: one GET, no lock, no copy, a connection per thread and process."""

from __future__ import annotations

import gc
import os
import threading
import time
import warnings
from typing import Any

import redis

import cachelib as st
from cachelib._internal import entries
from tools.redis_server import RedisServer


def forget_memory(func: Any) -> None:
    """Empty this process's copy, as a new replica would start: the store still has it."""
    func.__cachelib_state__.store.clear()


def command_calls(observer: redis.Redis) -> dict[str, int]:
    """The server's count of calls per command (``INFO commandstats``), INFO left out."""
    stats = observer.info("commandstats")
    return {
        name.removeprefix("cmdstat_"): int(stat["calls"])
        for name, stat in stats.items()
        if name != "cmdstat_info"
    }


def test_a_shared_hit_is_one_get_and_takes_no_lock(redis_server: RedisServer) -> None:
    @st.cache_data(persist=redis_server.url)
    def rows(n: int) -> list[int]:
        return list(range(n))

    assert rows(5) == [0, 1, 2, 3, 4]  # stored, as by another replica
    forget_memory(rows)
    observer = redis.Redis.from_url(redis_server.url)  # one connection: its HELLO comes first
    before = command_calls(observer)
    assert rows(5) == [0, 1, 2, 3, 4]
    after = command_calls(observer)

    sent = {name: after[name] - before.get(name, 0) for name in after}
    assert {name: calls for name, calls in sent.items() if calls} == {"get": 1}


def test_a_shared_hit_keeps_the_bytes_read_without_copying_them(
    redis_server: RedisServer,
) -> None:
    @st.cache_data(persist=redis_server.url)
    def blob() -> bytes:
        return b"x" * 100_000

    blob()
    forget_memory(blob)
    assert blob() == b"x" * 100_000
    (entry,) = blob.__cachelib_state__.store._entries.values()  # type: ignore[attr-defined]

    kept = entry.value
    assert isinstance(kept, memoryview)  # a view of the reply: the payload was not copied
    assert isinstance(kept.obj, bytes)  # ... of immutable bytes
    assert len(kept.obj) == entries.HEADER_SIZE + len(kept)
    assert blob() == b"x" * 100_000  # a memory hit reads the view


def test_threads_reading_shared_hits_at_once_each_get_their_own_values(
    redis_server: RedisServer,
) -> None:
    @st.cache_data(persist=redis_server.url)
    def payload(n: int) -> bytes:
        return bytes([n]) * (1000 + n)

    for n in range(8):
        payload(n)
    errors: list[str] = []
    start = threading.Barrier(8)

    def reader(n: int) -> None:
        start.wait()
        for _ in range(200):
            forget_memory(payload)  # every thread's next call reads Redis
            got = payload(n)
            if got != bytes([n]) * (1000 + n):
                errors.append(f"thread {n} got {got[:8]!r}... ({len(got)} bytes)")
                return

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a reply read by the wrong thread would warn
        threads = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []


def test_a_forked_child_never_reads_on_its_parents_connection(redis_server: RedisServer) -> None:
    @st.cache_data(persist=redis_server.url)
    def payload(n: int) -> bytes:
        return bytes([n]) * (2000 + n)

    payload(1)
    payload(2)
    forget_memory(payload)
    assert payload(1) == bytes([1]) * 2001  # this thread's connection is open now

    def hits(n: int) -> bool:
        for _ in range(300):
            forget_memory(payload)
            if payload(n) != bytes([n]) * (2000 + n):
                return False
        return True

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a reply read by the other process would warn
        child = os.fork()
        if child == 0:  # pragma: no cover (the child reports through its exit code)
            code = 1
            try:
                code = 0 if hits(2) else 1
            finally:
                os._exit(code)
        parent_ok = hits(1)
        _, status = os.waitpid(child, 0)
    assert parent_ok
    assert os.waitstatus_to_exitcode(status) == 0


def test_a_threads_own_connection_is_closed_when_the_thread_is_gone(
    redis_server: RedisServer,
) -> None:
    @st.cache_data(persist=redis_server.url)
    def rows(n: int) -> list[int]:
        return list(range(n))

    rows(3)
    forget_memory(rows)
    observer = redis.Redis.from_url(redis_server.url)
    observer.ping()
    clients_before = len(observer.client_list())
    reader = threading.Thread(target=rows, args=(3,))  # a shared hit on its own connection
    reader.start()
    reader.join()
    assert len(observer.client_list()) == clients_before + 1

    gc.disable()  # not left to the cyclic collector, which may report the socket unclosed
    try:
        del reader  # the thread is gone: its connection is closed now
        deadline = time.monotonic() + 5  # the server notices the close a moment later
        while len(observer.client_list()) > clients_before and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(observer.client_list()) == clients_before
    finally:
        gc.enable()
