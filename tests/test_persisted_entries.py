"""Persisted entries: `cache_data(persist="disk")`, and whatever is found on disk is untrusted.

Covers the contract's "Persisted entries": anything at an entry's path that is not a regular
file is a miss that never blocks; a damaged or exposed secret key is replaced with a warning;
writing an entry needs at most the pickled size in extra memory.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import math
import os
import pickle
import shutil
import stat
import subprocess
import sys
import textwrap
import threading
import tracemalloc
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import cachelib
from cachelib._internal import entries, registry, signing
from cachelib._internal.backends.disk import DiskBackend

Persistence = cachelib.CachePersistenceWarning


@pytest.fixture(autouse=True)
def _empty_modern_caches() -> Iterator[None]:
    cachelib.cache_data.clear()
    cachelib.cache_resource.clear()
    yield
    cachelib.cache_data.clear()
    cachelib.cache_resource.clear()


@pytest.fixture
def fake_clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [1_000.0]
    monkeypatch.setattr(entries, "clock", lambda: now[0])
    return now


def cache_dir() -> Path:
    return Path(os.environ["CACHELIB_CACHE_DIR"])


def data_files(root: Path | None = None) -> list[Path]:
    folder = (root or cache_dir()) / "data"
    if not folder.is_dir():
        return []
    return sorted(folder.iterdir())


def only_entry() -> Path:
    files = data_files()
    assert len(files) == 1, files
    return files[0]


def forget_memory() -> None:
    """Drop the in-memory entries of cache_data only, as a new process starts (disk kept)."""
    registry.clear("data")


@contextlib.contextmanager
def no_warnings() -> Iterator[None]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    assert [str(w.message) for w in caught] == []


def counted(**options: Any) -> tuple[Callable[..., Any], list[Any]]:
    calls: list[Any] = []

    def ident(x):
        calls.append(x)
        return {"value": x, "items": [x] * 3}

    return cachelib.cache_data(ident, persist="disk", **options), calls


def call_before(
    deadline: float, func: Callable[..., Any], *args: Any, unblock: Path | None = None
) -> Any:
    """Call ``func`` in a thread and fail if it has not returned within ``deadline`` seconds.

    A FIFO named by ``unblock`` is opened for writing after a failure, so that a reader
    stuck on it can end.
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = func(*args)
        except BaseException as error:
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(deadline)
    if thread.is_alive():
        if unblock is not None:
            with contextlib.suppress(OSError):
                os.close(os.open(unblock, os.O_RDWR | os.O_NONBLOCK))
        thread.join(5)
        pytest.fail(f"the call blocked for more than {deadline} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# --- persist="disk" ---------------------------------------------------------------------


@pytest.mark.parametrize("persist", ["disk", True])
def test_a_persisted_entry_is_read_after_memory_is_cleared(persist: Any) -> None:
    calls = []

    @cachelib.cache_data(persist=persist)
    def rows(n):
        calls.append(n)
        return {"rows": list(range(n))}

    first = rows(3)
    forget_memory()

    with no_warnings():
        again = rows(3)
        hit = rows(n=3)

    assert again == hit == first == {"rows": [0, 1, 2]}
    assert again is not hit  # copies, as for entries stored in memory
    assert calls == [3]


def test_persisted_entries_live_in_the_data_folder_of_cachelib_cache_dir() -> None:
    ident, _ = counted()

    ident(1)
    ident(2)

    files = data_files()
    assert len(files) == 2
    assert all(stat.S_ISREG(path.lstat().st_mode) for path in files)
    assert not [path for path in cache_dir().iterdir() if path.suffix == ".entry"]
    assert stat.S_IMODE(cache_dir().stat().st_mode) == 0o700


def test_another_cache_dir_holds_other_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ident, calls = counted()
    ident(1)

    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(tmp_path / "elsewhere"))
    forget_memory()
    ident(1)

    assert calls == [1, 1]
    assert len(data_files(tmp_path / "elsewhere")) == 1


def test_an_entry_on_disk_outlives_the_ttl_of_its_copy_in_memory(
    fake_clock: list[float],
) -> None:
    ident, calls = counted(ttl=10)
    ident(1)

    fake_clock[0] += 60
    ident(1)  # the copy in memory expired; the file does not (1.67 ignores ttl on disk)

    assert calls == [1]


def test_clearing_a_function_deletes_its_files_only() -> None:
    ident, calls = counted()

    @cachelib.cache_data(persist="disk")
    def other(x):
        return x

    ident(1)
    ident(2)
    own = set(data_files())
    other(1)
    (other_file,) = set(data_files()) - own

    ident.clear(1)
    assert len(data_files()) == 2
    ident.clear()
    assert data_files() == [other_file]

    forget_memory()
    ident(2)
    assert other(1) == 1
    assert calls == [1, 2, 2]


def test_cache_data_clear_deletes_every_data_file_and_no_legacy_file() -> None:
    ident, calls = counted()

    @cachelib.cache(persist=True)
    def legacy(x):
        return x

    ident(1)
    legacy(1)
    legacy_files = [p for p in cache_dir().iterdir() if p.suffix == ".entry"]
    assert len(legacy_files) == 1

    cachelib.cache_data.clear()

    assert data_files() == []
    assert legacy_files[0].exists()
    ident(1)
    assert calls == [1, 1]


def test_legacy_clear_cache_leaves_the_data_files_alone() -> None:
    ident, calls = counted()
    ident(1)

    cachelib.clear_cache()
    forget_memory()
    ident(1)

    assert len(data_files()) == 1
    assert calls == [1]


def test_an_unpicklable_result_raises_and_leaves_no_file() -> None:
    @cachelib.cache_data(persist="disk")
    def make_lock():
        return threading.Lock()

    with pytest.raises(cachelib.UnserializableReturnValueError):
        make_lock()

    assert data_files() == []


def test_a_function_that_raises_leaves_no_file() -> None:
    @cachelib.cache_data(persist="disk")
    def failing(x):
        raise ValueError(x)

    with pytest.raises(ValueError, match="1"):
        failing(1)

    assert data_files() == []


_APP = """
import cachelib as st

@st.cache_data(persist="disk")
def load(x):
    print("ran", x)
    st.write("loading", x)
    return {"x": x}

print(load(2))
"""


def _run_app(tmp_path: Path, source: str) -> str:
    script = tmp_path / "app.py"
    script.write_text(textwrap.dedent(source))
    result = subprocess.run(
        [sys.executable, "-W", "error", str(script)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "CACHELIB_CACHE_DIR": str(cache_dir())},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_new_process_finds_the_entry_and_replays_its_output(tmp_path: Path) -> None:
    assert _run_app(tmp_path, _APP) == "ran 2\nloading 2\n{'x': 2}\n"
    assert _run_app(tmp_path, _APP) == "loading 2\n{'x': 2}\n"


def test_a_new_process_with_an_edited_function_does_not_find_the_entry(tmp_path: Path) -> None:
    _run_app(tmp_path, _APP)

    edited = _APP.replace('return {"x": x}', 'return {"x": x}  # edited')

    assert _run_app(tmp_path, edited) == "ran 2\nloading 2\n{'x': 2}\n"


# --- damaged, foreign and misplaced entries ---------------------------------------------


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _last_byte_cut(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-1])


def _payload_flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-2] ^= 0xFF
    path.write_bytes(bytes(data))


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xffnot an entry\n" * 10)


def _plain_pickle(path: Path) -> None:
    path.write_bytes(pickle.dumps(({"value": "planted"}, ())))


def _signed_but_not_a_pickle(path: Path) -> None:
    # Signed with the right key, so only unpickling can find out.
    key = signing.secret_key(cache_dir())
    path.write_bytes(b"".join(entries.seal(key, path.name, b"\x80\x05not a pickle")))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "zero-byte": _zero_bytes,
    "truncated": _truncated,
    "last-byte-cut": _last_byte_cut,
    "tampered": _payload_flipped,
    "garbage": _garbage,
    "plain-pickle": _plain_pickle,
    "signed-not-a-pickle": _signed_but_not_a_pickle,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_entry_warns_is_a_miss_and_is_rewritten(damage: Callable[[Path], None]) -> None:
    ident, calls = counted()
    ident(1)
    damage(only_entry())
    forget_memory()

    with pytest.warns(Persistence):
        assert ident(1) == {"value": 1, "items": [1, 1, 1]}

    assert calls == [1, 1]
    forget_memory()
    with no_warnings():
        assert ident(1) == {"value": 1, "items": [1, 1, 1]}
    assert calls == [1, 1]


def test_an_entry_signed_with_another_secret_key_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ident, calls = counted()
    other = tmp_path / "another-users-cache"
    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(other))
    ident(1)
    (foreign,) = data_files(other)

    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(tmp_path / "cachelib-cache"))
    forget_memory()
    ident(1)
    own = only_entry()
    assert own.name == foreign.name
    shutil.copyfile(foreign, own)
    forget_memory()

    with pytest.warns(Persistence, match="signature"):
        ident(1)
    assert calls == [1, 1, 1]


def test_an_entry_copied_under_another_calls_name_is_refused() -> None:
    ident, calls = counted()
    ident(1)
    (one,) = data_files()
    ident(2)
    (two,) = [p for p in data_files() if p != one]
    shutil.copyfile(two, one)
    forget_memory()

    with pytest.warns(Persistence):
        assert ident(1)["value"] == 1
    assert calls == [1, 2, 1]


# --- not a regular file: a miss, never followed, never blocking -------------------------


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _symlink_to_a_sound_entry(path: Path) -> None:
    # The target is a valid entry signed under this very name: following it would be a hit.
    target = path.parent.parent / "elsewhere.entry"
    path.rename(target)
    path.symlink_to(target)


SPECIAL: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo,
    "directory": _directory,
    "symlink-to-a-sound-entry": _symlink_to_a_sound_entry,
}


@dataclasses.dataclass
class Persisted:
    """A persisted cached function of one API, its runs, and where its entries live."""

    func: Callable[..., Any]
    calls: list[Any]
    api: str

    def folder(self) -> Path:
        return cache_dir() / "data" if self.api == "data" else cache_dir()

    def only_entry(self) -> Path:
        files = [p for p in self.folder().iterdir() if p.suffix == ".entry"]
        assert len(files) == 1, files
        return files[0]

    def forget_memory(self) -> None:
        registry.clear(self.api)


def persisted(api: str) -> Persisted:
    calls: list[Any] = []

    def ident(x):
        calls.append(x)
        return {"value": x}

    if api == "data":
        return Persisted(cachelib.cache_data(ident, persist="disk"), calls, api)
    return Persisted(cachelib.cache(ident, persist=True), calls, api)


BOTH_APIS = pytest.mark.parametrize("api", ["data", "legacy"])


@BOTH_APIS
@pytest.mark.parametrize("plant", SPECIAL.values(), ids=SPECIAL.keys())
def test_something_else_than_a_regular_file_at_an_entry_path_is_a_miss_that_never_blocks(
    api: str, plant: Callable[[Path], None]
) -> None:
    cached = persisted(api)
    cached.func(1)
    path = cached.only_entry()
    plant(path)
    cached.forget_memory()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = call_before(5, cached.func, 1, unblock=path)

    assert value == {"value": 1}
    assert cached.calls == [1, 1]  # the function ran: nothing was read from there
    assert {w.category for w in caught} <= {Persistence}
    if path.is_dir() and not path.is_symlink():
        path.rmdir()  # not cachelib's to delete: clearing would warn about it


@BOTH_APIS
def test_a_fifo_at_an_entry_path_does_not_hold_the_key_for_other_callers(api: str) -> None:
    cached = persisted(api)
    cached.func(1)
    path = cached.only_entry()
    _fifo(path)
    cached.forget_memory()

    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        results = [call_before(5, cached.func, 1, unblock=path) for _ in range(3)]

    assert results == [{"value": 1}] * 3


_DEV_ZERO_SCRIPT = """
import json, os, resource, sys, warnings
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # reading /dev/zero fails fast
import cachelib as st
from cachelib._internal import registry

API = sys.argv[1]
calls = []

def load(x):
    calls.append(x)
    return [x]

if API == "data":
    load = st.cache_data(load, persist="disk")
    folder = Path(os.environ["CACHELIB_CACHE_DIR"]) / "data"
else:
    load = st.cache(load, persist=True)
    folder = Path(os.environ["CACHELIB_CACHE_DIR"])

load(1)
(entry,) = [p for p in folder.iterdir() if p.suffix == ".entry"]
entry.unlink()
entry.symlink_to("/dev/zero")
registry.clear(API)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    value = load(1)
print(json.dumps({"value": value, "calls": calls,
                  "warnings": sorted({w.category.__name__ for w in caught})}))
"""


@BOTH_APIS
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_symlink_to_dev_zero_at_an_entry_path_is_a_miss_that_never_blocks(
    api: str, tmp_path: Path
) -> None:
    script = tmp_path / "dev_zero.py"
    script.write_text(_DEV_ZERO_SCRIPT)

    try:
        result = subprocess.run(
            [sys.executable, str(script), api],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "CACHELIB_CACHE_DIR": str(tmp_path / "zero-cache")},
            timeout=20,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the call blocked on /dev/zero")

    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout)
    assert outcome["value"] == [1]
    assert outcome["calls"] == [1, 1]
    assert set(outcome["warnings"]) <= {"CachePersistenceWarning"}


# --- the secret key ---------------------------------------------------------------------


def _key_path() -> Path:
    return cache_dir() / "secret.key"


def _short_key(path: Path) -> None:
    path.write_bytes(b"short")


def _long_key(path: Path) -> None:
    path.write_bytes(bytes(64))


def _empty_key(path: Path) -> None:
    path.write_bytes(b"")


def _group_readable_key(path: Path) -> None:
    path.chmod(0o640)


def _world_readable_key(path: Path) -> None:
    path.chmod(0o644)


def _symlinked_key(path: Path) -> None:
    target = path.parent.parent / "planted.key"
    target.write_bytes(bytes(32))
    target.chmod(0o600)
    path.unlink()
    path.symlink_to(target)


def _directory_key(path: Path) -> None:
    path.unlink()
    path.mkdir()


KEY_DAMAGE: dict[str, Callable[[Path], None]] = {
    "short": _short_key,
    "long": _long_key,
    "empty": _empty_key,
    "group-readable": _group_readable_key,
    "world-readable": _world_readable_key,
    "symlink": _symlinked_key,
    "directory": _directory_key,
}


@BOTH_APIS
@pytest.mark.parametrize("damage", KEY_DAMAGE.values(), ids=KEY_DAMAGE.keys())
def test_an_untrustworthy_secret_key_is_replaced_with_a_warning_and_entries_recomputed(
    api: str, damage: Callable[[Path], None]
) -> None:
    cached = persisted(api)
    cached.func(1)  # signed with the first key
    old_key = _key_path().read_bytes()
    cached.forget_memory()
    signing.forget()  # as a new process: the key file is read again
    damage(_key_path())

    with pytest.warns(Persistence, match="secret key"):
        assert cached.func(1) == {"value": 1}  # never a CacheError

    assert cached.calls == [1, 1]  # the entry signed with the old key was not trusted
    key = _key_path()
    assert stat.S_ISREG(key.lstat().st_mode)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == 32
    assert key.read_bytes() != old_key

    cached.forget_memory()
    signing.forget()
    with no_warnings():
        assert cached.func(1) == {"value": 1}  # the new key signs the rewritten entry
    assert cached.calls == [1, 1]


@BOTH_APIS
def test_a_fifo_as_the_secret_key_is_replaced_and_never_blocks(api: str) -> None:
    cached = persisted(api)
    cached.func(1)
    cached.forget_memory()
    signing.forget()
    key = _key_path()
    key.unlink()
    os.mkfifo(key, 0o600)

    with pytest.warns(Persistence, match="secret key"):
        call_before(5, cached.func, 1, unblock=key)

    assert cached.calls == [1, 1]
    assert stat.S_ISREG(key.lstat().st_mode)


def test_a_secret_key_is_made_private_on_first_use() -> None:
    ident, _ = counted()
    ident(1)

    key = _key_path()
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(key.read_bytes()) == 32


# --- memory: writing an entry ----------------------------------------------------------

_BIG = 50_000_000


def _peak_during(call: Callable[[], Any]) -> tuple[int, Any]:
    """Return the peak of traced memory above the start while ``call`` runs, and its result."""
    tracemalloc.start()
    try:
        start = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = call()
        peak = tracemalloc.get_traced_memory()[1] - start
    finally:
        tracemalloc.stop()
    return peak, result


def test_the_disk_backend_writes_a_payload_without_copying_it() -> None:
    backend = DiskBackend("data")
    payload = b"\x01" * _BIG
    backend.set("f" * 32 + "-" + "0" * 32, b"warm-up: the folder and its key", ttl=math.inf)

    peak, _ = _peak_during(lambda: backend.set("f" * 32 + "-" + "1" * 32, payload, ttl=math.inf))

    assert peak < 1_000_000, f"peak {peak / 1e6:.1f} MB"
    assert bytes(backend.get("f" * 32 + "-" + "1" * 32) or b"") == payload


def test_writing_a_cache_data_entry_needs_at_most_one_pickled_size_more() -> None:
    @cachelib.cache_data(persist="disk", show_spinner=False)
    def blob(n):
        return b"\x01" * n

    peak, value = _peak_during(lambda: blob(_BIG))
    pickled = len(pickle.dumps((value, ()), protocol=pickle.HIGHEST_PROTOCOL))

    # The value, the pickle kept in memory as the entry, and at most once more its size.
    assert peak <= _BIG + 2 * pickled + _BIG // 20, f"peak {peak / 1e6:.0f} MB"
    assert data_files()[0].stat().st_size >= pickled


def test_writing_a_legacy_entry_needs_at_most_one_pickled_size_more() -> None:
    @cachelib.cache(persist=True, show_spinner=False)
    def blob(n):
        return b"\x01" * n

    peak, value = _peak_during(lambda: blob(_BIG))
    pickled = len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    # The value (kept as it is in memory), and at most once its pickled size to write it.
    assert peak <= _BIG + pickled + _BIG // 20, f"peak {peak / 1e6:.0f} MB"
