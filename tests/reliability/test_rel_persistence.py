"""Property 3: persisted entries are tamper-evident, and disk faults never lose a value.

A modified, truncated, zero-byte or foreign entry file is never unpickled: the call warns
(`CachePersistenceWarning`), counts as a miss, recomputes, and rewrites a clean entry that
the next process loads without a warning. A payload that would run code when unpickled
never runs. Anything at an entry's path that is not a regular file (a named pipe, a symbolic
link, a device) is a miss, never opened for reading, never blocking. The secret key is private
(0600) in a private folder (0700); a key that others can read, or that is not a plain 32-byte
file, is replaced with a warning, never used, and never a reason to fail. A full disk or a
read-only folder gives a warning, and the value is still returned and kept in memory. Writing
an entry needs at most the pickled size of the value in extra memory.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import shutil
import stat
import subprocess
import sys
import tracemalloc
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import rel_faults
import rel_workers
from rel_config import last_json, run_child

import cachelib

SIZE = 4096
KEY_FILE = "secret.key"


def entry_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.name.endswith(".entry") and not p.name.startswith(".")
    )


def call(key: int, size: int = SIZE) -> tuple[bool, bytes, list[tuple[str, str]]]:
    """Call the persisted function: (did it run, the value, the warnings)."""
    before = rel_workers.RUNS.count("blob")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = rel_workers.blob(key, size)
    ran = rel_workers.RUNS.count("blob") != before
    return ran, value, [(w.category.__name__, str(w.message)) for w in caught]


def persisted_entry(folder: Path, key: int = 1) -> Path:
    """Write the entry of `key` and return its file."""
    before = set(entry_files(folder)) if folder.is_dir() else set()
    rel_workers.drop_memory()
    ran, _, caught = call(key)
    assert ran
    assert caught == []
    (path,) = set(entry_files(folder)) - before
    return path


def header_size(data: bytes) -> int:
    return data.index(b"\n") + 1 + 32  # the format line, then the HMAC-SHA256


class Exploit:
    """Unpickling this creates a folder: proof that the payload was (wrongly) loaded."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __reduce__(self) -> Any:
        return (os.mkdir, (self.marker,))


def _flip(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]


TAMPERS: dict[str, Callable[[bytes, Path], bytes]] = {
    "zero-bytes": lambda data, _: b"",
    "one-byte": lambda data, _: data[:1],
    "truncated-in-header": lambda data, _: data[: header_size(data) // 2],
    "truncated-after-header": lambda data, _: data[: header_size(data)],
    "truncated-half": lambda data, _: data[: len(data) // 2],
    "truncated-last-byte": lambda data, _: data[:-1],
    "byte-appended": lambda data, _: data + b"\0",
    "format-line-changed": lambda data, _: _flip(data, 0),
    "signature-changed": lambda data, _: _flip(data, header_size(data) - 5),
    "payload-changed": lambda data, _: _flip(data, len(data) - 10),
    "random-bytes": lambda data, _: os.urandom(len(data)),
    "plain-pickle": lambda data, _: pickle.dumps(rel_workers.make_blob(1, SIZE)),
    "magic-only": lambda data, _: data[: data.index(b"\n") + 1],
}


@pytest.fixture
def entry(isolated_cache: Path) -> Path:
    return persisted_entry(isolated_cache)


def assert_miss_then_clean_rewrite(path: Path, damaged: bytes) -> None:
    rel_workers.drop_memory()
    ran, value, caught = call(1)
    assert [c for c, _ in caught] == ["CachePersistenceWarning"], caught
    assert str(path) in caught[0][1]
    assert ran, "a damaged entry must count as a miss"
    assert value == rel_workers.make_blob(1, SIZE)
    # A clean rewrite: the next process (memory empty) loads it without a warning.
    assert path.read_bytes() != damaged
    rel_workers.drop_memory()
    ran, value, caught = call(1)
    assert (ran, caught) == (False, [])
    assert value == rel_workers.make_blob(1, SIZE)


@pytest.mark.parametrize("tamper", list(TAMPERS))
def test_damaged_entry_warns_recomputes_and_is_rewritten(
    tamper: str, entry: Path, figures: Any
) -> None:
    damaged = TAMPERS[tamper](entry.read_bytes(), entry)
    entry.write_bytes(damaged)
    assert_miss_then_clean_rewrite(entry, damaged)
    figures.add("persistence", tampered_files=1)


def test_entry_of_another_key_in_its_place(isolated_cache: Path, figures: Any) -> None:
    first = persisted_entry(isolated_cache, 1)
    second = persisted_entry(isolated_cache, 2)
    foreign = second.read_bytes()  # validly signed, but for another name
    first.write_bytes(foreign)
    assert_miss_then_clean_rewrite(first, foreign)
    figures.add("persistence", tampered_files=1)


def test_entry_signed_with_another_secret_key(
    isolated_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, figures: Any
) -> None:
    other = tmp_path / "other-user-cache"
    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(other))
    foreign_entry = persisted_entry(other)
    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(isolated_cache))
    mine = persisted_entry(isolated_cache)
    assert mine.name == foreign_entry.name
    foreign = foreign_entry.read_bytes()
    mine.write_bytes(foreign)
    assert_miss_then_clean_rewrite(mine, foreign)
    figures.add("persistence", tampered_files=1)


@pytest.mark.parametrize("signature", ["random", "of-the-real-entry"])
def test_malicious_payload_is_never_unpickled(
    signature: str, entry: Path, tmp_path: Path, figures: Any
) -> None:
    marker = tmp_path / "payload-ran"
    data = entry.read_bytes()
    header = header_size(data)
    payload = pickle.dumps(Exploit(str(marker)))
    sig = os.urandom(32) if signature == "random" else data[header - 32 : header]
    crafted = data[: header - 32] + sig + payload
    entry.write_bytes(crafted)
    assert_miss_then_clean_rewrite(entry, crafted)
    assert not marker.exists(), "the tampered payload was unpickled"
    figures.add("persistence", tampered_files=1)


def test_entry_path_taken_by_a_folder(entry: Path, figures: Any) -> None:
    """Neither readable nor replaceable: warnings, and the value is returned and kept."""
    entry.unlink()
    entry.mkdir()
    rel_workers.drop_memory()
    ran, value, caught = call(1)
    assert ran
    assert value == rel_workers.make_blob(1, SIZE)
    assert {c for c, _ in caught} == {"CachePersistenceWarning"}
    ran, value, caught = call(1)  # kept in memory
    assert (ran, caught) == (False, [])
    assert value == rel_workers.make_blob(1, SIZE)
    # clear_cache() still empties the cache (a warning at most, never an exception).
    try:
        with warnings.catch_warnings(record=True):
            warnings.simplefilter("always")
            cachelib.clear_cache()
        raised = None
    except Exception as error:
        raised = error
    finally:
        if entry.is_dir():
            entry.rmdir()
    assert raised is None, f"clear_cache() raised {type(raised).__name__}: {raised}"
    ran, value, caught = call(1)
    assert ran, "clear_cache() did not empty the memory cache"
    figures.add("persistence", tampered_files=1)


def test_key_and_folder_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "new" / "cache"
    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(folder))
    persisted_entry(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    key = folder / KEY_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.stat().st_size == 32
    assert not key.is_symlink()


def _make_entry_elsewhere(folder: Path) -> None:
    """Write the entry of key 1 from another process (this one never read the folder's key)."""
    result = run_child("fault", "plain", str(folder), "1", timeout=60, what="writer")
    assert result.returncode == 0, result.stderr[-3000:]


def _key_world_readable(key: Path, _: Path) -> None:
    key.chmod(0o644)


def _key_too_short(key: Path, _: Path) -> None:
    key.write_bytes(key.read_bytes()[:16])


def _key_symlink(key: Path, tmp: Path) -> None:
    target = tmp / "elsewhere.key"
    shutil.copy(key, target)
    target.chmod(0o600)
    key.unlink()
    key.symlink_to(target)


def _key_folder(key: Path, _: Path) -> None:
    key.unlink()
    key.mkdir()


KEY_FAULTS = {
    "world-readable": _key_world_readable,
    "too-short": _key_too_short,
    "symlink": _key_symlink,
    "folder": _key_folder,
}


@pytest.mark.parametrize("fault", list(KEY_FAULTS))
def test_untrustworthy_secret_key_is_replaced_never_used(
    fault: str, isolated_cache: Path, tmp_path: Path, figures: Any
) -> None:
    """A warning, a recompute and a new private key: never a load, never an error."""
    _make_entry_elsewhere(isolated_cache)
    key = isolated_cache / KEY_FILE
    KEY_FAULTS[fault](key, tmp_path)
    ran, value, caught = call(1, rel_faults.SIZE)
    assert ran, "an entry was loaded with an untrustworthy key"
    assert [c for c, _ in caught] == ["CachePersistenceWarning"], caught
    assert "could not be trusted" in caught[0][1]
    assert value == rel_workers.make_blob(1, rel_faults.SIZE)
    assert not key.is_symlink()
    assert stat.S_ISREG(key.stat().st_mode)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.stat().st_size == 32
    rel_workers.drop_memory()
    ran, _, caught = call(1, rel_faults.SIZE)  # the entry rewritten under the new key loads
    assert (ran, caught) == (False, [])
    figures.add("persistence", key_faults=1)


# --- What sits at an entry's path is untrusted: only a regular file is ever read. -----------

_SPECIAL_FILE_CHILD = """
import os, sys, warnings
from pathlib import Path
sys.path.insert(0, {workers!r})
import rel_workers
warnings.simplefilter("always")
folder = Path(os.environ["CACHELIB_CACHE_DIR"])
rel_workers.blob(1, {size})
(entry,) = [p for p in folder.iterdir() if p.name.endswith(".entry")]
entry.unlink()
{make}
rel_workers.drop_memory()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    value = rel_workers.blob(1, {size})
print(rel_workers.RUNS.count("blob"), value == rel_workers.make_blob(1, {size}),
      sorted({{w.category.__name__ for w in caught}}))
"""

SPECIAL_FILES = {
    "fifo": "os.mkfifo(entry)",
    "symlink-to-dev-zero": "entry.symlink_to('/dev/zero')",
    "symlink-to-a-valid-entry": (
        "other = folder / 'elsewhere'; other.write_bytes(b'x'); entry.symlink_to(other)"
    ),
    "dangling-symlink": "entry.symlink_to(folder / 'missing')",
}


@pytest.mark.parametrize("kind", list(SPECIAL_FILES))
def test_special_file_at_an_entry_path_is_a_miss_never_read(
    kind: str, isolated_cache: Path, figures: Any
) -> None:
    """A FIFO would block a reader forever, /dev/zero would fill memory: neither is opened."""
    code = _SPECIAL_FILE_CHILD.format(
        workers=str(Path(rel_workers.__file__).parent), size=SIZE, make=SPECIAL_FILES[kind]
    )
    env = {**os.environ, "CACHELIB_CACHE_DIR": str(isolated_cache)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-3000:]
    runs, whole, categories = result.stdout.split(maxsplit=2)
    assert runs == "2", "the special file was not a miss"
    assert whole == "True"
    assert "CachePersistenceWarning" in categories or kind == "dangling-symlink"
    figures.add("persistence", special_files=1)


# --- Writing an entry streams the pickle: at most its size once in extra memory. ---------


def _peak_of_first_call(decorate: Callable[[Any], Any], value: bytes) -> int:
    @decorate
    def produce(n: int) -> bytes:
        return value

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        produce(7)
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


def test_writing_a_legacy_entry_needs_at_most_the_pickled_size_once(
    isolated_cache: Path, figures: Any
) -> None:
    """The pickle streams into the signed file: no copy of it is ever held in memory."""
    value = rel_workers.make_blob(7, 16 * rel_faults.SIZE)  # far larger than any buffer
    pickled = len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    extra = _peak_of_first_call(cachelib.cache(persist=True), value)
    assert extra <= 1.1 * pickled, f"{extra / pickled:.2f} times the pickled size"
    figures.add("persistence", streamed_writes=1)


def test_persisting_a_cache_data_entry_adds_no_copy(isolated_cache: Path, figures: Any) -> None:
    """cache_data holds its entry pickled in memory anyway; writing it to disk copies nothing."""
    value = rel_workers.make_blob(8, 16 * rel_faults.SIZE)
    pickled = len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    in_memory = _peak_of_first_call(cachelib.cache_data, value)
    persisted = _peak_of_first_call(cachelib.cache_data(persist="disk"), value)
    assert persisted - in_memory <= 0.1 * pickled, f"{(persisted - in_memory) / pickled:.2f}"
    figures.add("persistence", streamed_writes=1)


# --- A full disk, a read-only folder: in a child process, with the fault in effect.


def _expect_fault_handled(report: dict[str, Any], error_name: str) -> None:
    """Keys: [1 (on disk before the fault, if any), 2, 2]; or [2, 2] on an empty folder."""
    assert report["probe"] == error_name, f"the fault was not in effect: {report['probe']}"
    *before, first, again = report["calls"]
    for earlier in before:  # an entry written before the fault still loads
        assert (earlier["ran"], earlier["whole"], earlier["warnings"]) == (False, True, [])
    assert first["ran"]
    assert first["whole"]
    categories = {category for category, _ in first["warnings"]}
    assert categories == {"CachePersistenceWarning"}, first["warnings"]
    assert any("Could not persist" in message for _, message in first["warnings"])
    assert (again["ran"], again["whole"], again["warnings"]) == (False, True, [])
    files = report["files"] or []
    assert not [f for f in files if f.startswith(".tmp")], f"temporary files left: {files}"


def test_full_disk_file_size_limit(isolated_cache: Path, figures: Any) -> None:
    """Writes fail (EFBIG, as with ENOSPC): warning, value returned and kept in memory."""
    isolated_cache.mkdir(parents=True, exist_ok=True)
    result = run_child(
        "fault", "file-size-limit", str(isolated_cache), "2", "2", timeout=60, what="full disk"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    _expect_fault_handled(last_json(result.stdout), "EFBIG")
    figures.add("persistence", disk_faults=1)


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mount small tmpfs filesystems (root with CAP_SYS_ADMIN only; skipped elsewhere)."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        point = tmp_path / f"mnt{len(mounted)}"
        point.mkdir()
        if os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("mounting a small filesystem needs root")
        made = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(point)],
            capture_output=True,
            text=True,
            check=False,
        )
        if made.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
        mounted.append(point)
        return point

    try:
        yield mount
    finally:
        for point in mounted:
            subprocess.run(["umount", "-l", str(point)], check=False, capture_output=True)


def test_full_disk_no_space_left(
    tmpfs: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, figures: Any
) -> None:
    small_tmpfs = tmpfs("256k")  # smaller than one entry
    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(small_tmpfs))
    result = run_child("fault", "plain", str(small_tmpfs), "2", "2", timeout=60, what="ENOSPC")
    assert result.returncode == 0, result.stderr[-3000:]
    _expect_fault_handled(last_json(result.stdout), "ENOSPC")
    figures.add("persistence", disk_faults=1)


def test_read_only_filesystem(
    tmpfs: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, figures: Any
) -> None:
    small_tmpfs = tmpfs("16m")
    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(small_tmpfs))
    result = run_child("fault", "plain", str(small_tmpfs), "1", timeout=60, what="writer")
    assert result.returncode == 0, result.stderr[-3000:]
    remount = subprocess.run(
        ["mount", "-o", "remount,ro", str(small_tmpfs)], capture_output=True, text=True, check=False
    )
    assert remount.returncode == 0, remount.stderr
    result = run_child("fault", "plain", str(small_tmpfs), "1", "2", "2", timeout=60, what="EROFS")
    assert result.returncode == 0, result.stderr[-3000:]
    _expect_fault_handled(last_json(result.stdout), "EROFS")
    figures.add("persistence", disk_faults=1)


_CAPABILITIES_THAT_IGNORE_FILE_MODES = (1, 2, 3)  # DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER
_PR_CAPBSET_DROP = 24


def _drop_file_mode_overrides() -> None:  # runs in the child, before exec
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in _CAPABILITIES_THAT_IGNORE_FILE_MODES:
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_read_only_folder(isolated_cache: Path, figures: Any) -> None:
    """Mode 0500: entries still load, new ones warn; the value is returned and kept."""
    _make_entry_elsewhere(isolated_cache)
    isolated_cache.chmod(0o500)
    try:
        result = run_child(
            "fault",
            "plain",
            str(isolated_cache),
            "1",
            "2",
            "2",
            timeout=60,
            what="read-only folder",
            # root ignores file modes: drop the capabilities that let it (as any user is)
            preexec_fn=_drop_file_mode_overrides if os.geteuid() == 0 else None,
        )
    finally:
        isolated_cache.chmod(0o700)
    assert result.returncode == 0, result.stderr[-3000:]
    _expect_fault_handled(last_json(result.stdout), "EACCES")
    figures.add("persistence", disk_faults=1)


def test_unpicklable_return_value_is_kept_in_memory_only(isolated_cache: Path) -> None:
    calls: list[int] = []

    @cachelib.cache(persist=True, show_spinner=False, allow_output_mutation=True)
    def make_lock(key: int) -> Any:
        calls.append(key)
        import threading

        return threading.Lock()

    with pytest.warns(cachelib.CachePersistenceWarning, match=r"cannot\s+be\s+persisted"):
        first = make_lock(1)
    assert make_lock(1) is first
    assert calls == [1]
    files = [p.name for p in isolated_cache.iterdir()] if isolated_cache.exists() else []
    assert not [f for f in files if f.endswith(".entry")], files
