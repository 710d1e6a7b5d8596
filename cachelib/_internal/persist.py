# Persisted entries: atomic, HMAC-signed files, and warnings instead of crashes (contract D6).
"""The disk store behind ``persist=True``.

Entries live under ``$CACHELIB_CACHE_DIR``, else ``$XDG_CACHE_HOME/cachelib``, else
``~/.cache/cachelib``; the folder is created with mode 0700. Each entry is one file,
written to a temporary name and renamed into place, so a reader sees a whole entry or
none. A file holds a header, an HMAC-SHA256 of its name and payload under a per-user
secret key (``secret.key``, mode 0600, created on first use), and the pickled value.
A file that is truncated, modified, written under another key or not an entry at all is
never unpickled: a `cachelib.CachePersistenceWarning` is emitted and the call
counts as a miss. Failures to write (an unpicklable value, a full or read-only disk)
also warn; the value is still returned and kept in memory.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import threading
import time
from typing import TYPE_CHECKING, Any

from .errors import CacheError, CachePersistenceWarning, warn

if TYPE_CHECKING:
    from pathlib import Path

_MAGIC = b"cachelib-entry/1\n"
_SIGNATURE_SIZE = 32
_SUFFIX = ".entry"
_KEY_FILE = "secret.key"
_KEY_SIZE = 32
_STALE_SECONDS = 60.0
_keys: dict[str, bytes] = {}
_swept: set[str] = set()
_keys_lock = threading.Lock()


def cache_dir() -> Path:
    """Return the folder of persisted entries (read from the environment on every call).

    Returns:
        The folder; it may not exist yet.
    """
    from pathlib import Path  # only when something is persisted: not at import time

    configured = os.environ.get("CACHELIB_CACHE_DIR")
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "cachelib"


def _warn(message: str) -> None:
    warn(CachePersistenceWarning(message))


def _ensure_dir(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def _read_key(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO) or (
            hasattr(os, "getuid") and info.st_uid != os.getuid()
        ):
            raise CacheError(
                f"The cache's secret key {path} is accessible to other users (mode "
                f"{stat.filemode(info.st_mode)}). Persisted entries signed with it cannot be "
                "trusted. Delete the file (a new key is made on next use, and old entries "
                "are recomputed) or make it private with `chmod 600`."
            )
        key = handle.read()
    if len(key) != _KEY_SIZE:
        raise CacheError(
            f"The cache's secret key {path} is damaged ({len(key)} bytes instead of "
            f"{_KEY_SIZE}). Delete it: a new key is made on next use, and old entries are "
            "recomputed."
        )
    return key


def _secret_key(folder: Path) -> bytes:
    name = str(folder.resolve())
    with _keys_lock:
        key = _keys.get(name)
        if key is not None:
            return key
        path = folder / _KEY_FILE
        try:
            key = _read_key(path)
        except FileNotFoundError:
            key = _create_key(folder, path)
        _keys[name] = key
        return key


def _create_key(folder: Path, path: Path) -> bytes:
    import secrets
    import tempfile

    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".key-")
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, secrets.token_bytes(_KEY_SIZE))
        os.close(fd)
        with contextlib.suppress(FileExistsError):  # another process made it first
            os.link(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return _read_key(path)


def _signature(key: bytes, name: str, payload: bytes) -> bytes:
    import hashlib
    import hmac

    return hmac.new(key, _MAGIC + name.encode() + b"\0" + payload, hashlib.sha256).digest()


def entry_path(function_key: bytes, value_key: bytes) -> Path:
    """Return the file of one entry.

    Args:
        function_key: Digest of the function.
        value_key: Digest of the call's arguments.

    Returns:
        The path, under `cache_dir()`.
    """
    return cache_dir() / f"{function_key.hex()}-{value_key.hex()}{_SUFFIX}"


def read(path: Path) -> tuple[bool, Any]:
    """Load a persisted entry.

    Args:
        path: From `entry_path()`.

    Returns:
        ``(True, value)`` for a sound entry, ``(False, None)`` otherwise; every fault
        but a missing file also warns.
    """
    folder = path.parent
    try:
        _ensure_dir(folder)
        # Checked before the function runs: an unsafe key (CacheError) stops every call.
        key = _secret_key(folder)
    except OSError:
        return False, None  # an unusable folder: writing the entry will warn
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return False, None
    except OSError as error:
        _warn(f"Could not read the persisted entry {path} ({error}); computing it again.")
        return False, None
    header = len(_MAGIC) + _SIGNATURE_SIZE
    if len(data) < header or not data.startswith(_MAGIC):
        _warn(
            f"The persisted entry {path} is empty, truncated or not a cachelib entry; "
            "it was not loaded, and the value is computed again."
        )
        return False, None
    payload = data[header:]
    import hmac

    expected = _signature(key, path.name, payload)
    if not hmac.compare_digest(expected, data[len(_MAGIC) : header]):
        _warn(
            f"The persisted entry {path} failed its signature check (modified, or written "
            "with another secret key); it was not loaded, and the value is computed again."
        )
        return False, None
    try:
        return True, pickle.loads(payload)
    except Exception as error:
        _warn(
            f"The persisted entry {path} could not be unpickled ({type(error).__name__}: "
            f"{error}); the value is computed again."
        )
        return False, None


def write(path: Path, value: Any, func_name: str) -> None:
    """Persist ``value`` atomically; warn instead of failing.

    Args:
        path: From `entry_path()`.
        value: The value to store.
        func_name: The cached function's name, for messages.
    """
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:
        _warn(
            f"The return value of `{func_name}()` cannot be persisted: pickle refuses it "
            f"({type(error).__name__}: {error}). It is cached in memory only."
        )
        return
    import tempfile

    folder = path.parent
    temporary = None
    try:
        _ensure_dir(folder)
        if str(folder) not in _swept:  # once per folder: what a killed writer left behind
            _swept.add(str(folder))
            _remove_entries(folder, everything=False)
        data = _MAGIC + _signature(_secret_key(folder), path.name, payload) + payload
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=_SUFFIX)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        _warn(
            f"Could not persist the return value of `{func_name}()` to {folder} ({error}). "
            "It is cached in memory only."
        )
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def clear() -> bool:
    """Delete every persisted entry of the current cache folder.

    Returns:
        True if the folder existed.
    """
    folder = cache_dir()
    if not folder.is_dir():
        return False
    left = _remove_entries(folder, everything=True)
    if left:
        _warn(f"{len(left)} persisted entries in {folder} could not be deleted: {left[0]}")
    return True


def _remove_entries(folder: Path, *, everything: bool) -> list[str]:
    """Delete entry files (``everything``) or only stale temporary ones; return failures."""
    now = time.time()
    failures: list[str] = []
    for path in folder.iterdir():
        name = path.name
        if not name.endswith(_SUFFIX) or (not everything and not name.startswith(".tmp-")):
            continue
        try:
            # A temporary file is another writer's work in progress, unless it is stale.
            if not name.startswith(".") or now - path.stat().st_mtime > _STALE_SECONDS:
                path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            failures.append(f"{name} ({error.strerror or error})")
    return failures
