"""Property 2: processes share persisted entries, and a killed writer leaves no partial entry.

* Several processes persist the same keys at once (and delete them with `clear_cache()`
  meanwhile), while reader processes load them: every call returns the right value and no
  process ever meets a damaged entry (a `CachePersistenceWarning` is an error in the
  children).
* A process is killed with SIGKILL while it writes an entry, over and over: after each kill,
  the next call hits a whole entry or recomputes; it never sees a partial entry (no warning),
  and the value it returns is whole.
"""

from __future__ import annotations

import os
import random
import select
import signal
import statistics
import subprocess
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
import rel_workers
from rel_config import BUDGET, child_command, child_env, describe_exit, kill_group, last_json

import cachelib

KEYS = 8
WRITER_PAYLOAD = 2 << 20


def _entries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".entry") and not p.name.startswith(".")]


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".tmp")]


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        child_command(*args),
        cwd=os.getcwd(),
        env=child_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def test_processes_persist_the_same_keys_at_once(isolated_cache: Path, figures: Any) -> None:
    go = isolated_cache.parent / "go"
    roles = ["writer"] * BUDGET.writers + ["reader"] * BUDGET.readers
    children = [
        _start(
            "writer",
            role,
            str(index),
            str(KEYS),
            str(WRITER_PAYLOAD),
            str(BUDGET.writer_rounds),
            str(go),
        )
        for index, role in enumerate(roles)
    ]
    time.sleep(0.3)  # let them import; then all start at once
    go.touch()
    reports = []
    try:
        for index, child in enumerate(children):
            try:
                out, err = child.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                pytest.fail(
                    f"HANG: {roles[index]} {index} still running after 120 s", pytrace=False
                )
            assert child.returncode == 0, (
                f"{roles[index]} {index}: {describe_exit(child.returncode)}\n{err[-4000:]}"
            )
            reports.append(last_json(out))
    finally:
        for child in children:
            kill_group(child)
    calls = sum(r["calls"] for r in reports)
    loaded = sum(r["loaded"] for r in reports)
    assert calls == len(roles) * KEYS * BUDGET.writer_rounds
    assert loaded > 0, "no process ever loaded another's entry: the test did not share anything"

    # What is left on disk is whole: this process loads it, or recomputes what was cleared.
    rel_workers.drop_memory()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for key in range(KEYS):
            assert rel_workers.blob(key, WRITER_PAYLOAD) == rel_workers.make_blob(
                key, WRITER_PAYLOAD
            )
    assert [str(w.message) for w in caught] == []
    figures.add(
        "processes",
        processes=len(roles),
        calls=calls,
        loaded_from_disk=loaded,
        computed=sum(r["computed"] for r in reports),
        clears=sum(r["clears"] for r in reports),
    )
    figures.most("processes", entry_bytes=WRITER_PAYLOAD, keys=KEYS)


class Lines:
    """Reads a child's standard output line by line, with a deadline."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdout is not None
        self.fd = process.stdout.fileno()
        self.buffer = b""

    def next(self, timeout: float) -> tuple[str, float] | None:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode(), time.monotonic()


def test_sigkill_while_writing_never_leaves_a_partial_entry(
    isolated_cache: Path, figures: Any
) -> None:
    size = BUDGET.kill_payload
    rng = random.Random(20240531)
    windows: list[float] = [0.005]  # seconds from "writing" to "done", as measured
    mid_write = hits = recomputed = 0
    for iteration in range(BUDGET.kills):
        start = iteration * 10
        process = subprocess.Popen(
            child_command("kill-target", str(start), str(size)),
            cwd=os.getcwd(),
            env=child_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        lines = Lines(process)
        writes_before_kill = rng.randint(1, 3)
        written = -1
        try:
            for _ in range(writes_before_kill):
                while True:
                    got = lines.next(timeout=60)
                    if got is None:
                        process.kill()
                        err = process.communicate()[1].decode(errors="replace")
                        pytest.fail(
                            f"kill {iteration}: the writer never announced a write "
                            f"({describe_exit(process.poll() or 0)}).\n{err[-3000:]}",
                            pytrace=False,
                        )
                    text, when = got
                    if text.startswith("writing"):
                        written, began = int(text.split()[1]), when
                        break
                    if text.startswith("done") and written >= 0:
                        windows.append(when - began)
            time.sleep(rng.uniform(0, statistics.median(windows)))
        finally:
            kill_group(process)
        process.wait(30)
        while (got := lines.next(timeout=1)) is not None:  # what it did before it died
            if got[0].startswith("writing"):
                written = int(got[0].split()[1])
        assert process.stdout is not None
        assert process.stderr is not None
        err = process.stderr.read().decode(errors="replace")
        process.stdout.close()
        process.stderr.close()
        assert process.returncode == -signal.SIGKILL, (
            f"kill {iteration}: the writer ended by itself ({describe_exit(process.returncode)})"
            f"\n{err[-3000:]}"
        )
        leftovers = _temporaries(isolated_cache)
        mid_write += bool(leftovers)
        present = {p.name for p in _entries(isolated_cache)}

        # The next call (a new process's view: memory is empty) hits a whole entry or
        # recomputes; it never loads a partial one, so it never warns.
        rel_workers.drop_memory()
        runs_before = rel_workers.RUNS.count("blob")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for key in range(start, written + 1):
                value = rel_workers.blob(key, size)
                assert value == rel_workers.make_blob(key, size), f"kill {iteration}: key {key}"
        assert [str(w.message) for w in caught] == [], f"kill {iteration}: saw a partial entry"
        runs = rel_workers.RUNS.count("blob") - runs_before
        checked = written + 1 - start
        assert runs == checked - len(present), (
            f"kill {iteration}: {len(present)} whole entries on disk for {checked} keys, "
            f"but {runs} recomputations"
        )
        hits += checked - runs
        recomputed += runs
        if iteration < BUDGET.kills - 1:
            for path in leftovers:  # housekeeping: 8 MiB each
                path.unlink()
            cachelib.clear_cache()

    # Kills landed mid-write (a temporary file was left behind), not only between writes.
    assert mid_write >= BUDGET.kills // 3, (
        f"only {mid_write} of {BUDGET.kills} kills landed mid-write"
    )

    # clear_cache() removes a dead writer's temporary file once it is stale, and only then.
    leftovers = _temporaries(isolated_cache)
    fresh = isolated_cache / ".tmp-fresh.entry"
    fresh.write_bytes(b"another writer at work")
    old = time.time() - 3600
    for path in leftovers:
        os.utime(path, (old, old))
    cachelib.clear_cache()
    assert _temporaries(isolated_cache) == [fresh]

    figures.add(
        "kills",
        kills=BUDGET.kills,
        mid_write=mid_write,
        whole_entries_hit=hits,
        recomputed=recomputed,
        partial_entries_seen=0,
    )
    figures.most(
        "kills", entry_bytes=size, write_window_ms=round(statistics.median(windows) * 1000, 1)
    )
