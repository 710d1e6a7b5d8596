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


class Backend:
    """The methods of a persistent backend (subclass and implement them)."""

    name: str = "backend"
    """How messages name this backend, such as ``"disk"``."""

    def get(self, key: str) -> bytes | memoryview | None:
        """Return the payload stored under ``key``, or None (missing, or unusable: warned).

        Args:
            key: The entry's key.
        """
        raise NotImplementedError

    def set(self, key: str, payload: bytes, *, ttl: float) -> None:
        """Store ``payload`` under ``key``, replacing any previous one (warn on failure).

        Args:
            key: The entry's key.
            payload: The bytes to store.
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
