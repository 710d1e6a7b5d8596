# The live caches of the process, keyed by API, function key and scope.
"""The registry of live caches.

Every cached function's entries live in one `MemoryStore`, found here by its API
(``"legacy"``, ``"data"``, ``"resource"``), its function key and its scope. Two wrappers
with one key share entries (as in Streamlit: a function decorated again on each rerun of
a script finds its results). The caches of two APIs never meet, even for one function.
When a function is decorated again with other settings (``ttl``, ``max_entries``, ...),
its cache starts over, as in Streamlit; the old store is marked dead, so the wrappers
that still hold it look it up again.
"""

from __future__ import annotations

import threading

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    from .backends.memory import MemoryStore

Address = tuple[str, bytes, str]
"""(API, function key, scope)."""

_stores: dict[Address, tuple[Hashable, MemoryStore]] = {}
_lock = threading.Lock()


def store_for(address: Address, settings: Hashable, make: Callable[[], MemoryStore]) -> MemoryStore:
    """Return the store at ``address``, made anew if missing or made with other settings.

    A replaced store is emptied: its entries are released (``on_release`` runs).

    Args:
        address: API, function key and scope.
        settings: The options that shape the store; a change starts the cache over.
        make: Makes an empty store.

    Returns:
        The store.
    """
    with _lock:
        found = _stores.get(address)
        if found is not None and found[0] == settings:
            return found[1]
        store = make()
        _stores[address] = (settings, store)
    if found is not None:
        found[1].alive = False
        found[1].clear()
    return store


def stores(api: str) -> list[MemoryStore]:
    """Return the live stores of one API.

    Args:
        api: ``"legacy"``, ``"data"`` or ``"resource"``.

    Returns:
        The stores.
    """
    with _lock:
        return [store for (kind, _, _), (_, store) in _stores.items() if kind == api]


def clear(api: str) -> None:
    """Empty every store of one API (their entries are released).

    Args:
        api: ``"legacy"``, ``"data"`` or ``"resource"``.
    """
    for store in stores(api):
        store.clear()
