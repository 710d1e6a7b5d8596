"""Faults of a real Redis server: calls keep working, one warning per outage, sharing resumes."""

from __future__ import annotations

import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from redis_helpers import finish, start_worker

import cachelib as st
from cachelib._internal.backends import redis as backend
from tools.redis_server import RedisServer, free_port


@pytest.fixture(autouse=True)
def _quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backend, "RETRY_FIRST", 0.1)
    monkeypatch.setattr(backend, "RETRY_MAX", 0.2)


@pytest.fixture
def recorded() -> Iterator[list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def persistence(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, st.CachePersistenceWarning)]


def forget_memory(func: Any) -> None:
    func.__cachelib_state__.store.clear()


def stored(url: str) -> int:
    client = redis.Redis.from_url(url)
    return sum(1 for key in client.keys("cachelib:*") if not key.endswith((b"#lru", b"#lock")))


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def counting(url: str, **options: Any) -> tuple[Any, list[int]]:
    calls: list[int] = []

    @st.cache_data(persist=url, **options)
    def square(n: int) -> int:
        calls.append(n)
        return n * n

    return square, calls


def test_redis_down_at_start_one_warning_for_the_outage_then_sharing_resumes(
    redis_binary: str, recorded: list[warnings.WarningMessage]
) -> None:
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    square, calls = counting(url)

    assert [square(n) for n in range(5)] == [0, 1, 4, 9, 16]
    assert [square(n) for n in range(5)] == [0, 1, 4, 9, 16]  # kept in memory
    assert calls == [0, 1, 2, 3, 4]
    (message,) = persistence(recorded)
    assert "cannot be reached" in message
    assert "sharing resumes" in message

    with RedisServer(redis_binary, port=port) as server:
        time.sleep(0.3)  # the next try is due
        assert square(10) == 100
        assert stored(server.url) == 1  # shared again
        forget_memory(square)
        assert square(10) == 100
        assert calls == [0, 1, 2, 3, 4, 10]
    assert len(persistence(recorded)) == 1


def test_redis_killed_while_the_function_runs(
    redis_server: RedisServer, recorded: list[warnings.WarningMessage]
) -> None:
    calls: list[int] = []

    @st.cache_data(persist=redis_server.url)
    def report(n: int) -> str:
        calls.append(n)
        if n == 1:
            redis_server.kill()  # the server dies mid-run: the lock's holder is this call
        return f"report {n}"

    assert report(0) == "report 0"
    assert report(1) == "report 1"
    assert report(1) == "report 1"  # kept in memory
    assert report(2) == "report 2"  # the outage goes on: no new warning
    assert len(persistence(recorded)) == 1

    redis_server.start()  # back, empty
    time.sleep(0.3)
    assert report(3) == "report 3"
    assert stored(redis_server.url) == 1
    assert calls == [0, 1, 2, 3]
    assert len(persistence(recorded)) == 1


def test_a_restart_between_calls_costs_no_warning(
    redis_server: RedisServer, recorded: list[warnings.WarningMessage]
) -> None:
    square, calls = counting(redis_server.url)
    square(2)
    redis_server.restart()  # pooled connections are now dead; the server is empty
    forget_memory(square)
    assert square(2) == 4
    assert calls == [2, 2]
    assert stored(redis_server.url) == 1
    assert persistence(recorded) == []


def test_two_outages_two_warnings(
    redis_server: RedisServer, recorded: list[warnings.WarningMessage]
) -> None:
    square, _ = counting(redis_server.url)
    for outage in range(2):
        redis_server.kill()
        square(10 * outage + 1)
        square(10 * outage + 2)
        redis_server.start()
        time.sleep(0.3)
        square(10 * outage + 3)
        assert stored(redis_server.url) == 1
    assert len(persistence(recorded)) == 2


def test_a_slow_server_costs_at_most_the_socket_timeout_then_nothing(
    redis_server: RedisServer, recorded: list[warnings.WarningMessage]
) -> None:
    square, calls = counting(f"{redis_server.url}?socket_timeout=0.3")
    square(0)  # connected
    redis_server.command("CLIENT", "PAUSE", "3000", "ALL")
    started = time.monotonic()
    assert square(1) == 1
    first = time.monotonic() - started
    started = time.monotonic()
    assert [square(n) for n in range(2, 6)] == [4, 9, 16, 25]
    others = time.monotonic() - started

    assert first < 0.3 * 2 + 0.5  # the timeout (and one retry of the connection at most)
    assert others < 1.0  # the outage is known: no call waits for the server
    (message,) = persistence(recorded)
    assert "Timeout" in message
    assert calls == [0, 1, 2, 3, 4, 5]

    wait_until(lambda: redis_server.command("PING") == b"PONG")
    time.sleep(3.2)  # the pause ends
    assert square(6) == 36
    wait_until(lambda: stored(redis_server.url) >= 2)


def test_a_server_busy_in_debug_sleep(
    redis_server: RedisServer, recorded: list[warnings.WarningMessage]
) -> None:
    assert redis_server.debug_command, "this server refuses DEBUG"
    square, calls = counting(f"{redis_server.url}?socket_timeout=0.3")
    square(0)
    sleeper = threading.Thread(
        target=redis_server.command, args=("DEBUG", "SLEEP", "2"), kwargs={"timeout": 10}
    )
    sleeper.start()
    time.sleep(0.1)
    started = time.monotonic()
    assert square(1) == 1
    assert time.monotonic() - started < 1.5
    sleeper.join()
    assert len(persistence(recorded)) == 1
    time.sleep(0.3)
    assert square(2) == 4
    assert stored(redis_server.url) == 2
    assert calls == [0, 1, 2]


def test_a_full_server_with_noeviction_refuses_writes_once_and_reads_still_work(
    redis_server: RedisServer, recorded: list[warnings.WarningMessage]
) -> None:
    @st.cache_data(persist=redis_server.url)
    def blob(n: int) -> bytes:
        return bytes([n]) * 200_000

    blob(0)  # stored before the server fills up
    client = redis.Redis.from_url(redis_server.url)
    used = int(client.info("memory")["used_memory"])
    client.config_set("maxmemory-policy", "noeviction")
    client.config_set("maxmemory", str(used + 100_000))

    assert blob(1) == bytes([1]) * 200_000  # refused by the server: kept in memory
    assert blob(2) == bytes([2]) * 200_000
    messages = persistence(recorded)
    assert len(messages) == 1, messages
    message = messages[0]
    assert "refused" in message
    assert "OOM" in message or "OutOfMemoryError" in message
    forget_memory(blob)
    assert blob(0) == bytes([0]) * 200_000  # reads still work
    assert stored(redis_server.url) == 1

    client.config_set("maxmemory", "0")
    assert blob(3) == bytes([3]) * 200_000
    assert stored(redis_server.url) == 2  # writes resume
    assert len(persistence(recorded)) == 1


def test_a_worker_process_with_redis_down_warns_once_and_computes_everything(
    tmp_path: Path,
) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    common = ["--url", url, "--runs", str(tmp_path / "runs"), "--keys", "a,b,c"]
    out, err = finish(start_worker(*common, "--repeat", "2", cwd=tmp_path))
    assert "warnings: 1" in out, err
    assert (tmp_path / "runs").read_text().count("\n") == 3
