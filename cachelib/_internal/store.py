# In-memory entries: one LRU + TTL store per function key, with one computation per key.
"""The in-memory cache.

Every function key has one `MemoryStore`, kept in a process-wide registry, so
two wrappers of identical functions share entries (as in Streamlit). A store evicts
the least recently used entry beyond ``max_entries`` and treats entries older than
``ttl`` as missing. `MemoryStore.key_lock` gives one lock per key, so that
concurrent misses on one key run the function once (contract D5).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

clock = time.monotonic
"""The clock behind ``ttl`` (a module attribute, so tests can replace it)."""


class Entry:
    """A cached value, the digest of the value when stored, and its expiry time."""

    __slots__ = ("expires", "output_digest", "value")

    def __init__(self, value: Any, output_digest: bytes | None, expires: float) -> None:
        self.value = value
        self.output_digest = output_digest
        self.expires = expires


class _KeyLock:
    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.users = 0


class MemoryStore:
    """The entries of one function key.

    Args:
        max_entries: Most entries kept (``inf``: no limit).
        ttl: Seconds an entry lives (``inf``: forever).
    """

    def __init__(self, max_entries: float, ttl: float) -> None:
        self.max_entries = max_entries
        self.ttl = ttl
        self.alive = True
        self._entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, _KeyLock] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Entry | None:
        """Return the live entry for ``key`` and mark it recently used, or None.

        Args:
            key: The value key.

        Returns:
            The entry, or None if missing or expired.
        """
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry.expires != math.inf and entry.expires <= clock():
            with self._lock:
                if self._entries.get(key) is entry:
                    del self._entries[key]
            return None
        try:  # noqa: SIM105 (the hit path: contextlib.suppress costs more than the lookup)
            self._entries.move_to_end(key)
        except KeyError:  # evicted or cleared meanwhile; the entry is still valid to return
            pass
        return entry

    def put(self, key: Hashable, value: Any, output_digest: bytes | None) -> None:
        """Store ``value`` under ``key``, evicting the least recently used beyond the limit.

        Args:
            key: The value key.
            value: The function's return value.
            output_digest: Digest of ``value`` for the mutation check, or None.
        """
        expires = clock() + self.ttl if self.ttl != math.inf else math.inf
        with self._lock:
            self._entries[key] = Entry(value, output_digest, expires)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        """Remove every entry."""
        with self._lock:
            self._entries.clear()

    def acquire(self, key: Hashable) -> _KeyLock:
        """Return the lock that serializes computations of ``key`` (pair with release).

        Args:
            key: The value key.

        Returns:
            A holder whose ``lock`` is a reentrant lock.
        """
        with self._lock:
            holder = self._key_locks.get(key)
            if holder is None:
                holder = self._key_locks[key] = _KeyLock()
            holder.users += 1
        return holder

    def release(self, key: Hashable, holder: _KeyLock) -> None:
        """Give back a holder from `acquire`.

        Args:
            key: The value key.
            holder: The holder returned by `acquire`.
        """
        with self._lock:
            holder.users -= 1
            if holder.users == 0:
                del self._key_locks[key]


_registry: dict[bytes, MemoryStore] = {}
_registry_lock = threading.Lock()


def store_for(function_key: bytes, max_entries: float, ttl: float) -> MemoryStore:
    """Return the store of a function key, replacing it if its limits differ.

    As in Streamlit, decorating the same function with another ``ttl`` or
    ``max_entries`` starts it over with an empty store.

    Args:
        function_key: Digest of the function's module, name and body.
        max_entries: Entry limit.
        ttl: Time to live.

    Returns:
        The store.
    """
    with _registry_lock:
        store = _registry.get(function_key)
        if store is None or store.max_entries != max_entries or store.ttl != ttl:
            if store is not None:
                store.alive = False
            store = _registry[function_key] = MemoryStore(max_entries, ttl)
        return store


def clear_all() -> None:
    """Empty every store."""
    with _registry_lock:
        stores = list(_registry.values())
    for store in stores:
        store.clear()
