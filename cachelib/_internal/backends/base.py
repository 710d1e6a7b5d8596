# The interface of a persistent backend: a few methods over signed bytes, nothing more.
"""What a persistent backend implements.

A backend stores payloads (bytes the pipeline made: a pickled value) under string keys
``"<function key>-<value key>"``, in the spirit of httpx's ``BaseTransport``: it knows
nothing of functions, pickling or policies, and the pipeline knows nothing of files or
servers. A backend signs what it writes and checks what it reads (`..entries`): what
comes back from `Backend.get` is a payload this library wrote. Faults never raise into
the app: a backend warns (`cachelib.CachePersistenceWarning`) and answers as a miss.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from ..entries import Payload


class Backend:
    """The methods of a persistent backend (subclass and implement them)."""

    name: str = "backend"
    """How messages name this backend, such as ``"disk"``."""
    reads_before_locking: bool = False
    """The pipeline calls `get` before taking any lock, and takes the locks (its own and
    `lock`'s) only when that finds nothing: for a store that other processes fill, where a
    hit must cost one read and single flight matters only for a computation. `lock` is then
    entered right after a `get` of the same key in the same thread."""

    def get(self, key: str) -> bytes | memoryview | None:
        """Return the payload stored under ``key``, or None (missing, or unusable: warned).

        Args:
            key: The entry's key.
        """
        raise NotImplementedError

    def set(self, key: str, payload: Payload, *, ttl: float) -> None:
        """Store ``payload`` under ``key``, replacing any previous one (warn on failure).

        Args:
            key: The entry's key.
            payload: The bytes to store, or a function that writes them to a binary
                stream (a large value is then pickled straight to its destination; a
                backend that needs the bytes calls `..entries.materialize`). Writing may
                raise `..entries.Unpersistable`: the backend warns with its message and
                stores nothing.
            ttl: Seconds the entry stays valid (``inf``: forever); a backend that cannot
                expire entries may ignore it.
        """
        raise NotImplementedError

    def delete(self, key: str) -> None:
        """Remove the entry under ``key``, if any.

        Args:
            key: The entry's key.
        """
        raise NotImplementedError

    def clear(self, prefix: str = "") -> bool:
        """Remove every entry whose key starts with ``prefix``.

        Args:
            prefix: A function key's prefix, or ``""`` for every entry of this backend.

        Returns:
            True if the backend had a place for entries (it existed).
        """
        raise NotImplementedError

    def lock(self, key: str) -> AbstractContextManager[object] | None:
        """Return a lock held while this process computes ``key``, or None (the default).

        A backend shared by several processes returns one, so that a key is computed once
        across all of them (contract D5 beyond one process): the pipeline enters it after
        its own per-key lock and before reading the entry (with `reads_before_locking`,
        after a first `get` found nothing), and leaves it once the value is stored.
        Entering may wait for another process to store the value. It never raises for a
        fault (it warns, and the caller computes).

        Args:
            key: The entry's key.
        """
        return None
