# st.cache_resource of Streamlit 1.67: one shared object per entry, validate, on_release.
"""``cache_resource``: cache a shared object (a connection, a model, a client).

What is special about it (the rest is `.modern` and `..pipeline`):

- an entry holds **the object itself**, and every hit returns that same object, to every
  caller and thread: it must be safe to share (nothing is copied, hashed or checked);
- ``validate(value)`` runs on every hit; a falsy answer drops the entry and computes it
  again;
- ``on_release(value)`` runs when an entry leaves for any reason: evicted
  (``max_entries``), expired (``ttl``, noticed at the next lookup), cleared, refused by
  ``validate``, or replaced; an exception it raises is reported as a ``RuntimeWarning``,
  never raised into the call;
- it is never persisted: a shared object cannot cross processes.
"""

from __future__ import annotations

from ..backends.memory import MemoryStore
from ..entries import Entry
from ..errors import warn
from ..lines import atom, message
from ..options import check_callable
from ..pipeline import MISS, wrap
from ..registry import clear as clear_registry
from .modern import ModernOptions, ModernPolicy, cached_func, check_background, decorator_forms

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Hashable
    from typing import Any


class ResourcePolicy(ModernPolicy):
    """``st.cache_resource``: the shared object, ``validate``, ``on_release``."""

    api = "resource"
    decorator = "st.cache_resource"

    def __init__(
        self,
        func: Callable[..., Any],
        options: ModernOptions,
        validate: Callable[[Any], Any] | None,
        on_release: Callable[[Any], Any] | None,
    ) -> None:
        super().__init__(func, options)
        self.validate = validate
        self.on_release = on_release

    def settings(self) -> Hashable:
        """``ttl``, ``max_entries`` and whether there is a ``validate``: a change starts over."""
        options = self.options
        return (options.ttl, options.max_entries, self.validate is not None)

    def make_store(self) -> MemoryStore:
        """An LRU store whose leaving entries go to ``on_release``."""
        return MemoryStore(self.options.max_entries, self.ttl)

    def attached(self, store: MemoryStore) -> None:
        """The latest decoration's ``on_release`` is the one called (an app reruns its script)."""
        store.on_release = self._release if self.on_release is not None else None

    def new_entry(self, value: Any, lines: list[str]) -> Entry:
        """The object itself, and the output to replay."""
        self.refuse_awaitable(value)
        return Entry(value, output=self.check_lines(lines))

    def load(self, entry: Entry, *, fresh: bool = False) -> Any:
        """The shared object, if ``validate`` accepts it (else `MISS`)."""
        value = entry.value
        if self.validate is not None and not self.validate(value):
            return MISS
        if entry.output:
            from ..output import replay

            replay(entry.output)
        return value

    def payload(self, entry: Entry) -> bytes | None:
        """Never persisted."""
        return None

    def from_payload(self, payload: bytes | memoryview) -> Entry:
        """Never persisted."""
        raise NotImplementedError("cache_resource entries are never persisted")

    def _release(self, entry: Entry) -> None:
        assert self.on_release is not None
        try:
            self.on_release(entry.value)
        except Exception as error:
            warn(
                RuntimeWarning(
                    message(
                        RuntimeWarning,
                        f"on_release of `{atom(self.name)}()` raised {type(error).__name__}: "
                        f"{error}",
                    )
                )
            )


def cache_resource(
    func: Callable[..., Any] | None = None,
    *,
    ttl: float | str | Any | None = None,
    max_entries: int | None = None,
    show_spinner: bool | str = True,
    show_time: bool = False,
    validate: Callable[[Any], Any] | None = None,
    hash_funcs: dict[Any, Callable[[Any], Any]] | None = None,
    on_release: Callable[[Any], Any] | None = None,
    scope: str = "global",
    refresh_mode: str = "foreground",
) -> Any:
    """Cache a function that returns a shared object, as Streamlit 1.67's ``st.cache_resource``.

    The key is built as for `cache_data` (function source, bound arguments, ``_...``
    parameters left out), but an entry holds the returned object itself: every hit returns
    that one object, to every caller and thread. Use it for connections, models and
    clients, which must be safe to share; use `cache_data` for data that callers may
    change.

    Args:
        func: The function to cache. Without it, ``cache_resource(...)`` returns a
            decorator.
        ttl: How long an entry stays valid: seconds, a ``datetime.timedelta``, or a string
            such as ``"1h"``. None: forever.
        max_entries: Most entries kept for this function; the least recently used goes
            first. None: no limit.
        show_spinner: Print progress on standard error while a miss runs for more than half
            a second: True, your own text, or False.
        show_time: With the spinner, also print how long the miss took.
        validate: Called with the object on every hit; a falsy answer drops the entry and
            computes it again (for example, a connection that was closed).
        hash_funcs: Maps a type, or its fully qualified name, to a function whose result is
            hashed in place of each argument value of exactly that type.
        on_release: Called with the object when its entry leaves the cache: evicted,
            expired, cleared or refused by ``validate`` (to close a connection).
        scope: ``"global"`` (one object for everyone) or ``"session"`` (one per session; a
            plain process is one session).
        refresh_mode: ``"foreground"`` or ``"background"`` (needs ``ttl``: the stale object
            is still returned while one refresh runs).

    Returns:
        The cached function (with a ``clear()`` method), or a decorator when ``func`` is
        None.

    Raises:
        TypeError: An option has the wrong type (checked when decorating).
        ValueError: An option has a wrong value, such as ``scope="user"``.

    Examples:
        >>> import sqlite3
        >>> import cachelib as st
        >>> @st.cache_resource(on_release=lambda conn: conn.close())
        ... def connect(path):
        ...     st.write("connecting to", path)
        ...     return sqlite3.connect(path, check_same_thread=False)
        >>> first = connect(":memory:")
        connecting to :memory:
        >>> connect(":memory:") is first
        connecting to :memory:
        True
        >>> st.cache_resource.clear()  # on_release closes the connection
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
    checked_validate = check_callable("validate", validate)
    checked_release = check_callable("on_release", on_release)

    def decorate(target: Callable[..., Any]) -> Any:
        check_background(options, target)
        policy = ResourcePolicy(target, options, checked_validate, checked_release)
        return cached_func(wrap(policy))

    return decorator_forms(func, decorate)


def _clear_all() -> None:
    """Empty every ``cache_resource`` cache (``on_release`` runs for each entry)."""
    clear_registry("resource")


cache_resource.clear = _clear_all  # type: ignore[attr-defined]
