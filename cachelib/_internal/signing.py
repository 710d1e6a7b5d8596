# The key that signs persisted entries on disk: made once per folder, replaced if unsafe.
"""The disk cache's signing key.

``secret.key`` in the cache folder holds 32 random bytes, mode 0600, owned by the user.
It is made on first use. A key file that is damaged (another size), unreadable, not a
regular file, or accessible to other users cannot be trusted: it is replaced by a new key,
with a `cachelib.CachePersistenceWarning`, and the caller drops the entries signed with the
old one (they are computed again). The cache keeps working: a bad key is never a reason
to fail every call.
"""

from __future__ import annotations

import contextlib
import os
import stat
import threading

from .errors import CachePersistenceWarning, warn
from .lines import atom

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

KEY_FILE = "secret.key"
KEY_SIZE = 32
_keys: dict[str, bytes] = {}
_lock = threading.Lock()


class _Unsafe(Exception):
    """Why a key file cannot be used."""


def _read(path: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as error:
        raise _Unsafe(f"it cannot be opened ({error.strerror or error})") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # checked before fdopen, which refuses a folder
        os.close(fd)
        raise _Unsafe("it is not a regular file")
    with os.fdopen(fd, "rb") as handle:
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise _Unsafe(f"other users can access it (mode {stat.filemode(info.st_mode)})")
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            raise _Unsafe("another user owns it")
        key = handle.read(KEY_SIZE + 1)
    if len(key) != KEY_SIZE:
        raise _Unsafe(f"it is damaged ({len(key)} bytes instead of {KEY_SIZE})")
    return key


def _create(folder: Path, path: Path, *, replace: bool) -> bytes:
    import secrets
    import tempfile

    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".key-")
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, secrets.token_bytes(KEY_SIZE))
        os.close(fd)
        if replace:
            os.replace(temporary, path)
        elif not hasattr(os, "link"):  # Pyodide: no hard links, and no other process either
            if not path.exists():
                os.replace(temporary, path)
        else:
            with contextlib.suppress(FileExistsError):  # another process made it first
                os.link(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return _read(path)


def secret_key(folder: Path, on_replace: Callable[[], object] | None = None) -> bytes:
    """Return the signing key of a cache folder, making or replacing it when needed.

    Args:
        folder: The cache folder (it exists).
        on_replace: Called after an unsafe key was replaced (to drop the old entries).

    Returns:
        32 bytes.

    Raises:
        OSError: The folder cannot hold a key (the caller treats persistence as
            unavailable).
    """
    name = str(folder.resolve())
    with _lock:
        key = _keys.get(name)
        if key is not None:
            return key
        path = folder / KEY_FILE
        try:
            key = _read(path)
        except FileNotFoundError:
            key = _create(folder, path, replace=False)
        except _Unsafe as unsafe:
            if path.is_dir() and not path.is_symlink():
                import shutil

                shutil.rmtree(path, ignore_errors=True)
            key = _create(folder, path, replace=True)
            if on_replace is not None:
                on_replace()
            warn(
                CachePersistenceWarning(
                    f"The cache's secret key {atom(path)} could not be trusted: {unsafe}. It was "
                    "replaced by a new key; entries signed with the old one are computed "
                    "again."
                )
            )
        _keys[name] = key
        return key


def forget() -> None:
    """Forget the keys read so far (the next use reads the files again)."""
    with _lock:
        _keys.clear()
