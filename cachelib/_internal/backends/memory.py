# The memory tier of every cache: LRU and ttl, a size budget, one computation per key.
"""The in-process store of one cached function.

Entries are kept in least-recently-used order: a hit moves its entry to the end, and
``max_entries`` (a count) and ``max_size`` (bytes, as counted by the API) evict from the
front. The entry just stored is never evicted for ``max_size``: a single oversized value
stays alone, as in Streamlit. ``ttl`` counts from insertion (`..entries.Entry.expires`);
an expired entry is a miss for every lookup, and leaves when the next entry is stored
(the value computed again, or any other), as in Streamlit. Every entry that leaves
(replaced, evicted, discarded, cleared) goes to ``on_release``, called outside the
store's lock.

`MemoryStore.acquire` gives one lock per key, so that concurrent misses on one key run
the function once (contract D5).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

from .. import entries

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    from ..entries import Entry


class KeyLock:
    """The lock that serializes the computations of one key, with its number of users."""

    __slots__ = ("lock", "users")

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.users = 0


class MemoryStore:
    """The entries of one function.

    Args:
        max_entries: Most entries kept (``inf``: no limit).
        ttl: Seconds an entry lives (``inf``: forever).
        max_size: Most bytes kept, counted by `Entry.size` (``inf``: no limit).
        on_release: Called with each entry that leaves the store, or None.
    """

    def __init__(
        self,
        max_entries: float = math.inf,
        ttl: float = math.inf,
        max_size: float = math.inf,
        on_release: Callable[[Entry], None] | None = None,
    ) -> None:
        self.max_entries = max_entries
        self.ttl = ttl
        self.max_size = max_size
        self.on_release = on_release
        self.alive = True
        """False once the registry replaced this store (its wrappers then look again)."""
        self.clears = 0
        """How many times a user cleared this store, or one of its keys (see `clear_key`)."""
        self.size = 0
        self._entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self._by_age: OrderedDict[Hashable, Entry] = OrderedDict()
        """With a ``ttl``: the entries in the order they expire (the order they were stored)."""
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, KeyLock] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Entry | None:
        """Return the live entry for ``key`` and mark it recently used, or None.

        Args:
            key: The value key.

        Returns:
            The entry, or None if missing or expired (an expired entry stays until the
            value computed again replaces it).
        """
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry.expires != math.inf and entry.expires <= entries.clock():
            return None
        try:  # noqa: SIM105 (the hit path: contextlib.suppress costs more than the lookup)
            self._entries.move_to_end(key)
        except KeyError:  # evicted or cleared meanwhile; the entry is still valid to return
            pass
        return entry

    def put(self, key: Hashable, entry: Entry, *, fresh_for: float | None = None) -> None:
        """Store ``entry`` under ``key``, then evict beyond the limits.

        Args:
            key: The value key.
            entry: The entry; its expiry is set from the store's ``ttl``.
            fresh_for: Seconds before a background refresh is due, or None (no refresh).
        """
        now = entries.clock() if self.ttl != math.inf or fresh_for is not None else 0.0
        if self.ttl != math.inf:
            entry.expires = now + self.ttl
        if fresh_for is not None:
            entry.stale_at = now + fresh_for
        released: list[Entry] = []
        with self._lock:
            old = self._remove(key)
            if old is not None:
                released.append(old)
            if self.ttl != math.inf:
                while self._by_age:  # every expired entry leaves now (only changed under lock)
                    oldest = next(iter(self._by_age))
                    if self._by_age[oldest].expires > now:
                        break
                    released.append(self._remove(oldest))  # type: ignore[arg-type]
                self._by_age[key] = entry
            self._entries[key] = entry
            self.size += entry.size
            while len(self._entries) > self.max_entries or (
                self.size > self.max_size and len(self._entries) > 1
            ):
                # popitem, not iter(): a lookup may move an entry meanwhile, outside the lock
                oldest, evicted = self._entries.popitem(last=False)
                self.size -= evicted.size
                self._by_age.pop(oldest, None)
                released.append(evicted)
        self._release(released)

    def _remove(self, key: Hashable) -> Entry | None:
        """Take ``key``'s entry out of the store (the caller holds the lock)."""
        entry = self._entries.pop(key, None)
        if entry is not None:
            self.size -= entry.size
            self._by_age.pop(key, None)
        return entry

    def discard(self, key: Hashable, entry: Entry | None = None) -> None:
        """Remove the entry under ``key`` (only if it is ``entry``, when given).

        Args:
            key: The value key.
            entry: The entry expected there, or None for whatever is there.
        """
        with self._lock:
            found = self._entries.get(key)
            if found is None or (entry is not None and found is not entry):
                return
            self._remove(key)
        self._release([found])

    def clear_key(self, key: Hashable) -> None:
        """Remove the entry under ``key`` at a user's request (counted in `clears`).

        Args:
            key: The value key.
        """
        with self._lock:
            self.clears += 1
        self.discard(key)

    def clear(self) -> None:
        """Remove every entry at a user's request (counted in `clears`)."""
        with self._lock:
            self.clears += 1
            released = list(self._entries.values())
            self._entries.clear()
            self._by_age.clear()
            self.size = 0
        self._release(released)

    def _release(self, released: list[Entry]) -> None:
        if self.on_release is not None:
            for entry in released:
                self.on_release(entry)

    def acquire(self, key: Hashable) -> KeyLock:
        """Return the lock that serializes computations of ``key`` (pair with release).

        Args:
            key: The value key.

        Returns:
            A holder whose ``lock`` is a reentrant lock.
        """
        with self._lock:
            holder = self._key_locks.get(key)
            if holder is None:
                holder = self._key_locks[key] = KeyLock()
            holder.users += 1
        return holder

    def release(self, key: Hashable, holder: KeyLock) -> None:
        """Give back a holder from `acquire`.

        Args:
            key: The value key.
            holder: The holder returned by `acquire`.
        """
        with self._lock:
            holder.users -= 1
            if holder.users == 0:
                del self._key_locks[key]
