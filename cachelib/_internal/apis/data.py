# st.cache_data of Streamlit 1.67: a pickled copy per entry, a fresh copy on every hit.
"""``cache_data``: cache what a function returns as data.

What is special about it (the rest is `.modern` and `..pipeline`):

- the return value is **pickled when stored**, and **every hit unpickles a fresh copy**:
  a caller can change what it gets without changing the cache (the copy is the price);
  a value pickle refuses raises `cachelib.UnserializableReturnValueError`, and nothing
  is cached;
- the pickled bytes count against ``max_size`` (least recently used evicted first; a
  single larger value is kept alone);
- ``persist="disk"`` (or ``True``) also writes the pickled bytes to disk
  (`..backends.disk`, folder ``data/``); a disk entry never expires, so ``ttl`` only
  bounds the copy in memory, as in Streamlit;
- ``persist="redis://..."`` (or ``"disk"`` with ``CACHELIB_STORAGE`` set to such a URL)
  shares the entries with every process that uses the same store (`..backends.factory`):
  there ``ttl`` is the entry's expiry, and ``max_entries`` holds per function;
- ``cache_data.clear()`` empties every ``cache_data`` cache, in memory, on disk and in
  the shared stores this process used (only their ``cachelib:`` keys).
"""

from __future__ import annotations

from ..backends.disk import DiskBackend
from ..backends.factory import clear_shared, shared_backend
from ..backends.memory import MemoryStore
from ..entries import Entry
from ..errors import UnserializableReturnValueError, type_name
from ..options import check_max_size, check_persist
from ..output import replay
from ..pipeline import wrap
from ..registry import clear as clear_registry
from .modern import ModernOptions, ModernPolicy, cached_func, check_background, decorator_forms

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Hashable
    from typing import Any

_DISK = DiskBackend("data")


class DataPolicy(ModernPolicy):
    """``st.cache_data``: pickled entries, copies on hits, optional disk."""

    api = "data"
    decorator = "st.cache_data"

    def __init__(
        self, func: Callable[..., Any], options: ModernOptions, max_size: float, persist: str | None
    ) -> None:
        super().__init__(func, options)
        import pickle  # when decorating: import cachelib stays cheap

        self._dumps, self._loads = pickle.dumps, pickle.loads
        self.max_size = max_size
        self.persist = persist
        shared = shared_backend(persist, max_entries=options.max_entries)
        self.backend = shared if shared is not None else _DISK if persist == "disk" else None

    def settings(self) -> Hashable:
        """``ttl``, ``max_entries``, ``max_size`` and ``persist``: a change starts over."""
        options = self.options
        return (options.ttl, options.max_entries, self.max_size, self.persist)

    def make_store(self) -> MemoryStore:
        """An LRU store bounded by count and by pickled bytes."""
        return MemoryStore(self.options.max_entries, self.ttl, self.max_size)

    def new_entry(self, value: Any, lines: list[str]) -> Entry:
        """The pickled value and the output to replay."""
        self.refuse_awaitable(value)
        recorded = self.check_lines(lines)
        try:
            payload = self._dumps((value, recorded), protocol=5)
        except Exception as error:
            raise UnserializableReturnValueError(
                type_name=type_name(type(value)),
                func_name=self.name,
                error=f"{type(error).__name__}: {error}",
            ) from error
        return Entry(payload, size=len(payload))

    def load(self, entry: Entry, *, fresh: bool = False) -> Any:
        """A fresh copy of the value, after replaying its output."""
        value, lines = self._loads(entry.value)
        if lines:
            replay(lines)
        return value

    def payload(self, entry: Entry) -> bytes:
        """The pickled bytes, as stored in memory."""
        payload: bytes | memoryview = entry.value
        return payload if isinstance(payload, bytes) else bytes(payload)

    def from_payload(self, payload: bytes | memoryview) -> Entry:
        """An entry holding the persisted bytes (`load` unpickles them before it is kept).

        A view into an immutable ``bytes`` (what a backend read) is kept as it is, not
        copied; a view into anything else is copied.
        """
        if isinstance(payload, memoryview) and not isinstance(payload.obj, bytes):
            payload = bytes(payload)
        return Entry(payload, size=len(payload))


def cache_data(
    func: Callable[..., Any] | None = None,
    *,
    ttl: float | str | Any | None = None,
    max_entries: int | None = None,
    max_size: int | str | None = None,
    show_spinner: bool | str = True,
    show_time: bool = False,
    persist: str | bool | None = None,
    hash_funcs: dict[Any, Callable[[Any], Any]] | None = None,
    scope: str = "global",
    refresh_mode: str = "foreground",
) -> Any:
    """Cache a function that returns data, the way Streamlit 1.67's ``st.cache_data`` does.

    A call is looked up by the function (module, qualified name, source text) and its
    arguments (bound to the signature, defaults applied; parameters named ``_...`` left
    out). On a miss the function runs, once per key even under concurrency, and its
    return value is pickled; every hit returns a fresh copy, and writes again what the
    function wrote with ``st.write``. Globals and helper functions are not part of the
    key: a result stays cached when they change (clear it, or pass them as arguments).

    Args:
        func: The function to cache. Without it, ``cache_data(...)`` returns a decorator.
        ttl: How long an entry stays valid: seconds, a ``datetime.timedelta``, or a string
            such as ``"1h"``, ``"30m"``, ``"2 days"``. None: forever.
        max_entries: Most entries kept for this function; the least recently used goes
            first. None: no limit.
        max_size: Most bytes of pickled values kept in memory for this function: a number
            of bytes, or a string such as ``"500MB"`` (powers of 1024). None: no limit.
        show_spinner: Print progress on standard error while a miss runs for more than half
            a second: True for ``Running `f(...)`.``, a string for your own text, False for
            nothing.
        show_time: With the spinner, also print how long the miss took.
        persist: ``"disk"`` (or True) to also store entries on disk, so a new process finds
            them (``$CACHELIB_CACHE_DIR``, else ``~/.cache/cachelib``, folder ``data``);
            or a Redis URL, ``"redis://host:6379/0"`` or ``"rediss://..."``, to share them
            with every process that uses it (the ``redis`` extra, and ``CACHELIB_SECRET``
            in the environment). The environment variable ``CACHELIB_STORAGE`` set to such
            a URL sends every ``"disk"`` cache there.
        hash_funcs: Maps a type, or its fully qualified name such as ``"_thread.RLock"``,
            to a function whose result is hashed in place of each argument value of exactly
            that type.
        scope: ``"global"`` (one cache for everyone) or ``"session"`` (one per session; a
            plain process is one session).
        refresh_mode: ``"foreground"``: an expired entry is computed again by the caller.
            ``"background"`` (needs ``ttl``): once the ``ttl`` has passed, the stale value
            is still returned while one refresh runs in the background.

    Returns:
        The cached function (with a ``clear()`` method), or a decorator when ``func`` is
        None.

    Raises:
        TypeError: An option has the wrong type (checked when decorating).
        ValueError: An option has a wrong value, such as ``ttl="soon"``.
        cachelib.CacheError: At a call, with a shared store, while ``CACHELIB_SECRET`` is
            missing or shorter than 32 characters.

    Examples:
        >>> import cachelib as st
        >>> @st.cache_data
        ... def load(n):
        ...     st.write("loading", n)
        ...     return list(range(n))
        >>> load(3)
        loading 3
        [0, 1, 2]

        A hit writes the output again, and returns a copy:

        >>> rows = load(3)
        loading 3
        >>> rows.append(99)
        >>> load(3)
        loading 3
        [0, 1, 2]

        Clearing:

        >>> load.clear()      # this function's entries
        >>> st.cache_data.clear()  # every cache_data entry
    """
    options = ModernOptions(
        ttl=ttl,
        max_entries=max_entries,
        show_spinner=show_spinner,
        show_time=show_time,
        hash_funcs=hash_funcs,
        scope=scope,
        refresh_mode=refresh_mode,
    )
    size_limit = check_max_size(max_size)
    where = check_persist(persist)

    def decorate(target: Callable[..., Any]) -> Any:
        # A shared store expires its entries: only the disk conflicts with a background refresh.
        check_background(options, target, persist=where if where == "disk" else None)
        return cached_func(wrap(DataPolicy(target, options, size_limit, where)))

    return decorator_forms(func, decorate)


def _clear_all() -> None:
    """Empty every ``cache_data`` cache, in memory, on disk and in the shared stores used."""
    clear_registry("data")
    _DISK.clear()
    clear_shared()


cache_data.clear = _clear_all  # type: ignore[attr-defined]
