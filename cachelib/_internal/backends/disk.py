# Persisted entries as files: one signed file per entry, written atomically, read defensively.
"""The disk backend (``persist=True`` for ``cache``, ``persist="disk"`` for ``cache_data``).

Entries live under ``$CACHELIB_CACHE_DIR``, else ``$XDG_CACHE_HOME/cachelib``, else
``~/.cache/cachelib`` (read from the environment at every operation), in a folder made
with mode 0700: the legacy API's entries at its top, ``cache_data``'s in ``data/``, so
that clearing one API never touches the other's. Each entry is one file
``<function key>-<value key>.entry``, written to a temporary name and renamed into place,
so a reader sees a whole entry or none; it is signed with the folder's secret key
(`..signing`).

Whatever is found there is untrusted input. Anything at an entry's path that is not a
regular file (a FIFO, a device, a directory, a symlink) is a miss: it is opened without
following links and without blocking, and never read. A truncated, modified or foreign
entry is a miss with a warning; so is a file that cannot be read. Failures to write
warn, and the value stays in memory.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time

from .. import entries, signing
from ..errors import CachePersistenceWarning, warn
from ..lines import atom
from .base import Backend

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from ..entries import Payload

SUFFIX = ".entry"
_TEMPORARY = ".tmp-"
_STALE_SECONDS = 60.0
_swept: set[str] = set()


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


class DiskBackend(Backend):
    """Files under `cache_dir()`, or under its sub-folder ``namespace``.

    Args:
        namespace: ``""`` for the legacy API, ``"data"`` for ``cache_data``.
    """

    name = "disk"

    def __init__(self, namespace: str = "") -> None:
        self.namespace = namespace

    def folder(self) -> Path:
        """Return the folder of this backend's entries."""
        root = cache_dir()
        return root / self.namespace if self.namespace else root

    def _key(self) -> bytes:
        root = cache_dir()
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        return signing.secret_key(root, on_replace=lambda: _drop_every_entry(root))

    def get(self, key: str) -> memoryview | None:
        """Return the verified payload of an entry file, or None (see the module's rules).

        Args:
            key: The entry's key.

        Returns:
            The payload, or None.
        """
        try:
            secret = self._key()
        except OSError:
            return None  # an unusable folder: writing the entry will warn
        path = self.folder() / f"{key}{SUFFIX}"
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(path, flags)
        except FileNotFoundError:
            return None
        except OSError as error:
            _warn(
                f"The persisted entry {atom(path)} could not be opened "
                f"({error.strerror or error}); the value is computed again."
            )
            return None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                _warn(
                    f"The persisted entry {atom(path)} is not a regular file; it was not read, and "
                    "the value is computed again."
                )
                return None
            data = _read_all(fd, info.st_size)
        except OSError as error:
            _warn(f"Could not read the persisted entry {atom(path)} ({error}); computing it again.")
            return None
        finally:
            os.close(fd)
        try:
            return entries.unseal(secret, path.name, data)
        except entries.BadEntry as bad:
            _warn(
                f"The persisted entry {atom(path)} was not loaded: {bad}. The value is computed "
                "again."
            )
            return None

    def set(self, key: str, payload: Payload, *, ttl: float) -> None:
        """Write an entry file atomically; warn instead of failing.

        A payload given as a writer is streamed into the file and signed as it goes: a large
        value needs no copy of its pickle in memory.

        Args:
            key: The entry's key.
            payload: The pickled value, or a function that writes it.
            ttl: Ignored: files on disk do not expire, as in Streamlit.
        """
        import tempfile

        folder = self.folder()
        path = folder / f"{key}{SUFFIX}"
        temporary = None
        try:
            secret = self._key()
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if str(folder) not in _swept:  # once per folder: what a killed writer left behind
                _swept.add(str(folder))
                _remove(folder, "", everything=False)
            fd, temporary = tempfile.mkstemp(dir=folder, prefix=_TEMPORARY, suffix=SUFFIX)
            with os.fdopen(fd, "wb") as handle:
                if isinstance(payload, bytes):
                    for part in entries.seal(secret, path.name, payload):
                        handle.write(part)
                else:
                    handle.write(entries.MAGIC + bytes(entries.SIGNATURE_SIZE))
                    signer = entries.Signer(secret, path.name, handle)
                    payload(signer)
                    handle.seek(len(entries.MAGIC))
                    handle.write(signer.signature())
            os.replace(temporary, path)
            temporary = None
        except entries.Unpersistable as refused:
            _warn(str(refused))
        except OSError as error:
            _warn(
                f"Could not persist an entry to {atom(folder)} ({error}). The value is cached in "
                "memory only."
            )
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def delete(self, key: str) -> None:
        """Remove one entry file, if any.

        Args:
            key: The entry's key.
        """
        with contextlib.suppress(OSError):
            (self.folder() / f"{key}{SUFFIX}").unlink()

    def clear(self, prefix: str = "") -> bool:
        """Delete this backend's entry files whose key starts with ``prefix``.

        Args:
            prefix: A function key's prefix, or ``""`` for all.

        Returns:
            True if the folder existed.
        """
        folder = self.folder()
        if not folder.is_dir():
            return False
        left = _remove(folder, prefix, everything=True)
        if left:
            _warn(
                f"{len(left)} persisted entries in {atom(folder)} could not be deleted: {left[0]}"
            )
        return True


def _drop_every_entry(root: Path) -> None:
    """Delete the entries of every namespace under ``root`` (signed with a replaced key)."""
    for folder in (root, *(path for path in root.iterdir() if path.is_dir())):
        _remove(folder, "", everything=True)


def _read_all(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = os.read(fd, min(remaining, 1 << 24))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _remove(folder: Path, prefix: str, *, everything: bool) -> list[str]:
    """Delete entry files (``everything``) or only stale temporary ones; return failures."""
    now = time.time()
    failures: list[str] = []
    for path in folder.iterdir():
        name = path.name
        if not name.endswith(SUFFIX):
            continue
        temporary = name.startswith(_TEMPORARY)
        if not everything and not temporary:
            continue
        if not temporary and not name.startswith(prefix):
            continue
        try:
            # A temporary file is another writer's work in progress, unless it is stale.
            if not temporary or now - path.lstat().st_mtime > _STALE_SECONDS:
                path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            failures.append(f"{name} ({error.strerror or error})")
    return failures
