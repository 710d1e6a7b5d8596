"""One run per key across processes: real worker processes over one real Redis server."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from pathlib import Path

from redis_helpers import finish, runs, start_worker

from tools.redis_server import RedisServer


def results(out: str) -> dict[str, tuple[str, float]]:
    found = {}
    for line in out.splitlines():
        if line.startswith(("warnings:", "done:")):
            continue
        key, value, seconds = line.split()
        found[key] = (value, float(seconds))
    return found


def warnings_of(out: str) -> int:
    return int(out.rsplit("warnings:", 1)[1])


def test_eight_processes_four_cold_keys_run_the_function_exactly_four_times(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    log, go = tmp_path / "runs", tmp_path / "go"
    keys = ["a", "b", "c", "d"]
    common = ["--url", redis_server.url, "--runs", str(log), "--go", str(go), "--sleep", "0.5"]
    orders = [",".join(keys[i % 4 :] + keys[: i % 4]) for i in range(8)]
    workers = [start_worker(*common, "--keys", order, cwd=tmp_path) for order in orders]
    time.sleep(1.0)  # every worker imported what it needs and waits for the start line
    go.touch()
    outputs = [finish(worker)[0] for worker in workers]

    assert Counter(runs(log)) == dict.fromkeys(keys, 1)
    for out in outputs:
        assert {key: value for key, (value, _) in results(out).items()} == {
            key: f"value-of-{key}" for key in keys
        }
        assert warnings_of(out) == 0


def test_waiters_get_the_value_when_it_lands_not_at_the_lock_expiry(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    log, go = tmp_path / "runs", tmp_path / "go"
    common = ["--url", redis_server.url, "--runs", str(log), "--go", str(go), "--sleep", "1.0"]
    common += ["--keys", "k", "--lock-ttl", "20"]
    workers = [start_worker(*common, cwd=tmp_path) for _ in range(4)]
    time.sleep(1.0)
    go.touch()
    durations = [results(finish(worker)[0])["k"][1] for worker in workers]

    assert runs(log) == ["k"]
    # Woken by the holder's release: well before the 20 s lock would expire.
    assert max(durations) < 1.0 + 3.0, durations


def test_a_lock_is_renewed_while_a_long_function_runs(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    log, go = tmp_path / "runs", tmp_path / "go"
    common = ["--url", redis_server.url, "--runs", str(log), "--go", str(go), "--sleep", "5"]
    common += ["--keys", "slow", "--lock-ttl", "2"]
    workers = [start_worker(*common, cwd=tmp_path) for _ in range(3)]
    time.sleep(1.0)
    go.touch()
    for worker in workers:
        finish(worker)

    assert runs(log) == ["slow"]  # the 2 s lock outlived a 5 s run: it was renewed


def test_a_holder_that_dies_frees_the_key_after_the_lock_expiry(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    log = tmp_path / "runs"
    common = ("--url", redis_server.url, "--runs", str(log), "--keys", "k", "--lock-ttl", "2")
    holder = start_worker(*common, "--stall", cwd=tmp_path)
    deadline = time.monotonic() + 60
    while runs(log) != ["k"]:
        assert time.monotonic() < deadline
        assert holder.poll() is None, holder.stderr
        time.sleep(0.02)
    waiter = start_worker(*common, cwd=tmp_path)
    time.sleep(1.0)
    os.kill(holder.pid, signal.SIGKILL)
    killed = time.monotonic()
    holder.communicate(timeout=30)
    out, _ = finish(waiter)
    waited = time.monotonic() - killed

    assert runs(log) == ["k", "k"]  # the waiter ran it once the dead holder's lock expired
    assert results(out)["k"][0] == "value-of-k"
    assert waited < 2.0 + 5.0
