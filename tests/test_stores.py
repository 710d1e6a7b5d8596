"""Stores: LRU and TTL in memory, persisted entries on disk (D6), one run per key (D5)."""

from __future__ import annotations

import datetime
import os
import pickle
import shutil
import stat
import subprocess
import sys
import textwrap
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import cachelib
from cachelib._internal import entries, registry, signing

Persistence = cachelib.CachePersistenceWarning


def cache_dir() -> Path:
    return Path(os.environ["CACHELIB_CACHE_DIR"])


def entry_files(folder: Path | None = None) -> list[Path]:
    folder = folder or cache_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name != "secret.key")


def only_entry() -> Path:
    files = entry_files()
    assert len(files) == 1, files
    return files[0]


def forget_memory() -> None:
    """Drop the in-memory entries only, as a new process would start (disk untouched)."""
    registry.clear("legacy")


@contextmanager
def no_warnings() -> Iterator[None]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    assert [str(w.message) for w in caught] == []


def counted(**options: Any) -> tuple[Callable[..., Any], list[Any]]:
    calls: list[Any] = []

    def ident(x):
        calls.append(x)
        return {"value": x}

    return cachelib.cache(ident, **options), calls


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [1_000.0]
    monkeypatch.setattr(entries, "clock", lambda: now[0])
    return now


# --- max_entries ------------------------------------------------------------------------


def test_max_entries_evicts_the_least_recently_used_entry() -> None:
    ident, calls = counted(max_entries=2)

    ident(1)
    ident(2)
    ident(1)  # read: 1 is now more recent than 2
    ident(3)  # evicts 2
    ident(1)
    ident(3)
    assert calls == [1, 2, 3]

    ident(2)  # was evicted: runs again, and evicts 1 (least recently used)
    assert calls == [1, 2, 3, 2]
    ident(3)
    ident(1)
    assert calls == [1, 2, 3, 2, 1]


def test_max_entries_one_keeps_only_the_last_entry() -> None:
    ident, calls = counted(max_entries=1)

    ident(1)
    ident(1)
    ident(2)
    ident(1)

    assert calls == [1, 2, 1]


def test_no_max_entries_keeps_everything() -> None:
    ident, calls = counted()

    for x in range(500):
        ident(x)
    for x in range(500):
        ident(x)

    assert calls == list(range(500))


# --- ttl --------------------------------------------------------------------------------


def test_ttl_expires_entries_counted_from_insertion(fake_clock: list[float]) -> None:
    ident, calls = counted(ttl=10)

    ident(1)
    fake_clock[0] += 9.9
    ident(1)  # still fresh; reading does not extend its life
    assert calls == [1]

    fake_clock[0] += 0.1  # 10 s after insertion
    ident(1)
    assert calls == [1, 1]

    fake_clock[0] += 5
    ident(1)  # the recomputed entry lives 10 s from its own insertion
    assert calls == [1, 1]


def test_ttl_accepts_a_timedelta(fake_clock: list[float]) -> None:
    ident, calls = counted(ttl=datetime.timedelta(minutes=2))

    ident(1)
    fake_clock[0] += 119
    ident(1)
    assert calls == [1]

    fake_clock[0] += 1
    ident(1)
    assert calls == [1, 1]


def test_ttl_accepts_a_float(fake_clock: list[float]) -> None:
    ident, calls = counted(ttl=0.25)

    ident(1)
    fake_clock[0] += 0.2
    ident(1)
    fake_clock[0] += 0.05
    ident(1)

    assert calls == [1, 1]


def test_no_ttl_never_expires(fake_clock: list[float]) -> None:
    ident, calls = counted()

    ident(1)
    fake_clock[0] += 10**9
    ident(1)

    assert calls == [1]


def test_ttl_and_max_entries_together(fake_clock: list[float]) -> None:
    ident, calls = counted(ttl=10, max_entries=2)

    ident(1)
    fake_clock[0] += 5
    ident(2)
    ident(3)  # evicts 1
    fake_clock[0] += 6  # 2 and 3 are 6 s old
    ident(2)
    ident(1)

    assert calls == [1, 2, 3, 1]


# --- changing options replaces the cache ------------------------------------------------


def _reused(x):
    # Counted through stdout: a global list in the body would be part of the key.
    cachelib.write("ran", x)
    return x


def runs(capsys: pytest.CaptureFixture[str]) -> int:
    return capsys.readouterr().out.count("ran")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ({"ttl": 10}, {"ttl": 20}),
        ({"ttl": None}, {"ttl": 20}),
        ({"max_entries": 10}, {"max_entries": 20}),
        ({"max_entries": None}, {"max_entries": 5}),
    ],
    ids=["ttl", "ttl-added", "max_entries", "max_entries-added"],
)
def test_redecorating_with_other_ttl_or_max_entries_starts_an_empty_cache(
    before: dict[str, Any], after: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    cachelib.cache(_reused, **before)(1)
    assert runs(capsys) == 1

    changed = cachelib.cache(_reused, **after)
    changed(1)
    assert runs(capsys) == 1  # the entry stored under the old options is gone

    cachelib.cache(_reused, **after)(1)  # same options again: shares the new cache
    changed(1)
    assert runs(capsys) == 0


def test_redecorating_with_the_same_options_shares_the_cache(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cachelib.cache(_reused, ttl=10, max_entries=3)(1)
    cachelib.cache(_reused, ttl=datetime.timedelta(seconds=10), max_entries=3)(1)

    assert runs(capsys) == 1


# --- clear_cache ------------------------------------------------------------------------


def test_clear_cache_clears_memory_and_disk() -> None:
    ident, calls = counted(persist=True)
    ident(1)
    ident(2)
    assert len(entry_files()) == 2

    cachelib.clear_cache()

    assert entry_files() == []
    ident(1)
    assert calls == [1, 2, 1]


# --- persist ----------------------------------------------------------------------------

_PERSIST_SCRIPT = """
import sys
import cachelib

@cachelib.cache(persist=True)
def load(x, scale=1):
    cachelib.write("ran", x)
    return {"x": x * scale * FACTOR, "items": [x] * 3}

print(load(int(sys.argv[1])))
"""


def _run_script(tmp_path: Path, source: str, *args: str) -> str:
    script = tmp_path / "app.py"
    script.write_text(textwrap.dedent(source))
    result = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "CACHELIB_CACHE_DIR": str(cache_dir())},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_persisted_entry_is_hit_by_a_second_process(tmp_path: Path) -> None:
    source = "FACTOR = 1\n" + _PERSIST_SCRIPT

    assert _run_script(tmp_path, source, "2") == "ran 2\n{'x': 2, 'items': [2, 2, 2]}\n"
    assert _run_script(tmp_path, source, "2") == "{'x': 2, 'items': [2, 2, 2]}\n"
    assert _run_script(tmp_path, source, "3") == "ran 3\n{'x': 3, 'items': [3, 3, 3]}\n"


def test_persisted_entry_is_not_hit_after_the_function_changes(tmp_path: Path) -> None:
    assert _run_script(tmp_path, "FACTOR = 1\n" + _PERSIST_SCRIPT, "2").startswith("ran 2\n")

    edited = "FACTOR = 10\n" + _PERSIST_SCRIPT
    assert _run_script(tmp_path, edited, "2") == "ran 2\n{'x': 20, 'items': [2, 2, 2]}\n"


def test_persisted_entry_is_read_after_memory_is_forgotten() -> None:
    ident, calls = counted(persist=True)
    first = ident(1)
    forget_memory()

    with no_warnings():
        again = ident(1)
        ident(x=1)

    assert again == first
    assert calls == [1]


def test_persisted_frame_is_read_back_equal_and_hits_without_a_mutation_warning() -> None:
    pd = pytest.importorskip("pandas", reason="PANDAS IS MISSING: install cachelib[data]")
    calls = []

    @cachelib.cache(persist=True)
    def table(n):
        calls.append(n)
        return pd.DataFrame({"n": range(n), "s": [str(i) for i in range(n)]})

    original = table(3)
    forget_memory()

    with no_warnings():
        loaded = table(3)
        again = table(3)

    assert calls == [3]
    assert loaded is not original
    pd.testing.assert_frame_equal(loaded, original)
    assert again is loaded


def test_ttl_does_not_apply_to_persisted_entries(fake_clock: list[float]) -> None:
    # As in Streamlit 1.35 (§1.7): files never expire, only memory entries do.
    ident, calls = counted(persist=True, ttl=10)
    ident(1)

    fake_clock[0] += 60
    with no_warnings():
        assert ident(1) == {"value": 1}

    assert calls == [1]


def test_persist_uses_xdg_cache_home_without_cachelib_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CACHELIB_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    ident, _ = counted(persist=True)

    ident(1)

    assert len(entry_files(tmp_path / "xdg" / "cachelib")) == 1


def test_persist_uses_home_cache_without_any_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CACHELIB_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    ident, _ = counted(persist=True)

    ident(1)

    assert len(entry_files(tmp_path / "home" / ".cache" / "cachelib")) == 1


def test_persist_folder_is_private_and_secret_key_is_0600() -> None:
    ident, _ = counted(persist=True)
    ident(1)

    folder = cache_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    key = folder / "secret.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(only_entry().stat().st_mode) & 0o077 == 0


@pytest.mark.parametrize(
    ("content", "mode", "reason"),
    [
        (bytes(32), 0o644, "other users can access it"),
        (b"short", 0o600, "damaged"),
    ],
    ids=["readable-by-others", "damaged"],
)
def test_unsafe_secret_key_is_replaced_with_a_warning_and_old_entries_recomputed(
    content: bytes, mode: int, reason: str
) -> None:
    ident, calls = counted(persist=True)
    ident(1)  # signed with the first key
    forget_memory()
    signing.forget()  # a new process reads the key file again
    key = cache_dir() / "secret.key"
    key.write_bytes(content)
    key.chmod(mode)

    with pytest.warns(Persistence, match=reason) as caught:
        assert ident(1) == {"value": 1}

    assert len(caught) == 1, [str(w.message) for w in caught]  # one warning, for the key

    assert calls == [1, 1]  # the entry signed with the old key was not trusted
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == 32
    forget_memory()
    with no_warnings():
        assert ident(1) == {"value": 1}  # the new key signs the rewritten entry
    assert calls == [1, 1]


def test_function_that_raises_leaves_no_persisted_entry() -> None:
    @cachelib.cache(persist=True)
    def failing(x):
        raise ValueError(x)

    with pytest.raises(ValueError, match="1"):
        failing(1)

    assert entry_files() == []


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _truncated_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _truncated_last_byte(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-1])


def _payload_byte_flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-2] ^= 0xFF
    path.write_bytes(bytes(data))


def _signature_byte_flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 4] ^= 0x01
    path.write_bytes(bytes(data))


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xffthis is not an entry\n" * 10)


def _plain_pickle(path: Path) -> None:
    path.write_bytes(pickle.dumps({"value": "from somewhere else"}))


CORRUPTIONS: dict[str, Callable[[Path], None]] = {
    "zero-byte": _zero_bytes,
    "truncated-half": _truncated_half,
    "truncated-last-byte": _truncated_last_byte,
    "tampered-payload": _payload_byte_flipped,
    "tampered-header": _signature_byte_flipped,
    "garbage": _garbage,
    "foreign-plain-pickle": _plain_pickle,
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_damaged_entry_warns_recomputes_and_is_rewritten_cleanly(
    corrupt: Callable[[Path], None],
) -> None:
    ident, calls = counted(persist=True)
    ident(1)
    corrupt(only_entry())
    forget_memory()

    with pytest.warns(Persistence):
        value = ident(1)

    assert value == {"value": 1}
    assert calls == [1, 1]
    forget_memory()
    with no_warnings():
        assert ident(1) == {"value": 1}
    assert calls == [1, 1]  # the rewritten entry is sound


def test_entry_of_another_call_copied_over_is_refused() -> None:
    ident, calls = counted(persist=True)
    ident(1)
    path_one = only_entry()
    ident(2)
    (path_two,) = [p for p in entry_files() if p != path_one]
    shutil.copyfile(path_two, path_one)
    forget_memory()

    with pytest.warns(Persistence):
        assert ident(1) == {"value": 1}
    assert calls == [1, 2, 1]


def test_entry_signed_with_another_secret_key_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ident, calls = counted(persist=True)
    other_folder = tmp_path / "other-user-cache"
    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(other_folder))
    ident(1)
    (foreign,) = entry_files(other_folder)

    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(tmp_path / "cachelib-cache"))
    forget_memory()
    ident(1)
    own = only_entry()
    assert own.name == foreign.name
    shutil.copyfile(foreign, own)
    forget_memory()

    with pytest.warns(Persistence):
        assert ident(1) == {"value": 1}
    assert calls == [1, 1, 1]


class Unpicklable:
    """Hashable (its reduction holds a function), but pickle cannot store it."""

    def __init__(self) -> None:
        self.callback = lambda: 1


def test_unpicklable_result_warns_is_returned_kept_in_memory_and_leaves_no_file() -> None:
    calls = []

    @cachelib.cache(persist=True)
    def make():
        calls.append(1)
        return Unpicklable()

    with pytest.warns(Persistence, match="make") as record:
        value = make()

    assert record[0].filename == __file__  # attributed to the caller's line

    assert isinstance(value, Unpicklable)
    with no_warnings():
        assert make() is value
    assert calls == [1]
    assert entry_files() == []


def test_unpicklable_resource_with_allow_output_mutation_stays_in_memory() -> None:
    @cachelib.cache(persist=True, allow_output_mutation=True)
    def connect():
        return threading.Lock()

    with pytest.warns(Persistence):
        lock = connect()

    assert connect() is lock
    assert entry_files() == []


def test_persisting_leaves_no_temporary_files() -> None:
    ident, _ = counted(persist=True)
    for x in range(5):
        ident(x)

    names = [p.name for p in entry_files()]
    assert len(names) == 5
    assert not [name for name in names if name.startswith(".")]


# --- D5: one run per key ----------------------------------------------------------------


def test_concurrent_misses_on_one_key_run_the_function_once() -> None:
    calls = []

    @cachelib.cache(show_spinner=False)
    def slow(x):
        calls.append(x)
        time.sleep(0.3)
        return [x]

    threads_count = 8
    barrier = threading.Barrier(threads_count)
    results: list[Any] = [None] * threads_count
    errors: list[BaseException] = []

    def call(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = slow(1)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=call, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert calls == [1]
    assert all(result is results[0] for result in results)
    assert results[0] == [1]


def test_concurrent_misses_on_different_keys_run_in_parallel() -> None:
    started = {1: threading.Event(), 2: threading.Event()}

    @cachelib.cache(hash_funcs={threading.Event: id}, show_spinner=False)
    def rendezvous(x):
        started[x].set()
        return started[3 - x].wait(timeout=5)

    results: dict[int, bool] = {}
    threads = [
        threading.Thread(target=lambda x=x: results.__setitem__(x, rendezvous(x))) for x in (1, 2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert results == {1: True, 2: True}


def test_waiting_caller_runs_the_function_itself_when_the_first_run_raises() -> None:
    calls = []
    entered = threading.Event()

    @cachelib.cache(hash_funcs={threading.Event: id}, show_spinner=False)
    def fragile(x):
        calls.append(x)
        if len(calls) == 1:
            entered.set()
            time.sleep(0.3)
            raise RuntimeError("first run fails")
        return [x]

    outcome: dict[str, Any] = {}

    def first() -> None:
        try:
            fragile(1)
        except RuntimeError as error:
            outcome["first"] = error

    def second() -> None:
        outcome["second"] = fragile(1)

    one = threading.Thread(target=first)
    one.start()
    assert entered.wait(timeout=10)
    two = threading.Thread(target=second)
    two.start()
    one.join(timeout=30)
    two.join(timeout=30)

    assert isinstance(outcome["first"], RuntimeError)
    assert outcome["second"] == [1]
    assert len(calls) == 2
