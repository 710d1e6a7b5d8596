# The legacy st.cache decorator: keys, hits with the mutation check, misses, persistence.
"""``cache`` and ``clear_cache``, with the semantics of Streamlit 1.35's ``st.cache``.

Per call: bind the arguments (defaults applied), build the value key (a type-tagged
tuple for simple values, else a digest), look it up in the function's store; on a hit
re-hash the stored value to detect mutation (unless ``allow_output_mutation``); on a
miss run the function once per key, hash its return value and store it (and persist
it). The function key (module, qualified name, body and referenced values) is computed
on the wrapper's first call and then kept, as in Streamlit.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, overload

import xxhash

from . import persist, spinner, store
from .binding import Binder, Bound, simple_key
from .errors import CachedObjectMutationWarning, CachelibError, warn
from .hashing import Hasher
from .options import Options, check_options

F = TypeVar("F", bound=Callable[..., Any])

_IMMUTABLE = frozenset({int, float, complex, str, bytes, bool, type(None)})


def _is_immutable(value: object) -> bool:
    try:
        return type(value) in _IMMUTABLE
    except Exception:  # a class whose metaclass cannot be hashed is not one of these
        return False


class _CachedFunction:
    """The state behind one wrapper."""

    def __init__(self, func: Callable[..., Any], options: Options) -> None:
        self.func = func
        self.options = options
        self.name: str = getattr(func, "__name__", None) or "a cached function"
        qualname = getattr(func, "__qualname__", None) or self.name
        self.labels = (f"`{qualname}()`", f"`{qualname}(...)`")
        self.binder = Binder(func)
        funcs = options.hash_funcs
        self.arguments = Hasher(funcs, "arguments", self.name)
        self.returns = Hasher(funcs, "return value", self.name)
        self.check_output = not options.allow_output_mutation
        self.function_key: bytes | None = None
        self.store: store.MemoryStore | None = None
        self._attach_lock = threading.Lock()

    def attach(self) -> store.MemoryStore:
        """Compute the function key (first call only) and fetch the function's store."""
        with self._attach_lock:
            if self.function_key is None:
                body = Hasher(self.options.hash_funcs, "body", self.name)
                module = getattr(self.func, "__module__", None)
                qualname = getattr(self.func, "__qualname__", None)
                named = repr((module, qualname)).encode()
                self.function_key = xxhash.xxh3_128_digest(named + body.digest(self.func))
            self.store = store.store_for(
                self.function_key, self.options.max_entries, self.options.ttl
            )
            return self.store

    def arguments_digest(self, values: Bound) -> bytes:
        """Digest the bound values one by one (so a huge string argument is streamed)."""
        digest = self.arguments.digest
        return xxhash.xxh3_128_digest(b"".join([digest(value) for value in values]))

    def check(self, entry: store.Entry) -> None:
        """Warn if the stored value changed since it was stored."""
        try:
            unchanged = self.returns.digest(entry.value) == entry.output_digest
        except CachelibError:  # it was hashable when stored: it has changed
            unchanged = False
        if not unchanged:
            warn(
                CachedObjectMutationWarning(self.name, takes_arguments=self.binder.takes_arguments)
            )

    def miss(
        self,
        cache: store.MemoryStore,
        key: Hashable,
        values: Bound,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Any:
        """Compute (or wait for) the value of ``key``."""
        holder = cache.acquire(key)
        try:
            with holder.lock:
                entry = cache.get(key)
                if entry is not None:  # another thread computed it while we waited
                    return entry.value
                path = None
                if self.options.persist:
                    assert self.function_key is not None
                    value_key = key if isinstance(key, bytes) else self.arguments_digest(values)
                    path = persist.entry_path(self.function_key, value_key)
                    found, value = persist.read(path)
                    if found:
                        cache.put(key, value, self._output_digest(value))
                        return value
                token = (
                    spinner.start(self.labels[bool(values)]) if self.options.show_spinner else None
                )
                try:
                    value = self.func(*args, **kwargs)
                finally:
                    if token is not None:
                        spinner.finish(token)
                cache.put(key, value, self._output_digest(value))
                if path is not None:
                    persist.write(path, value, self.name)
                return value
        finally:
            cache.release(key, holder)

    def _output_digest(self, value: Any) -> bytes | None:
        if not self.check_output or _is_immutable(value):
            return None
        return self.returns.digest(value)


def _wrap(func: Callable[..., Any], options: Options) -> Callable[..., Any]:
    if not callable(func):
        raise TypeError(f"cache() needs a function to cache, not {type(func).__name__}")
    state = _CachedFunction(func, options)
    bind = state.binder.bind
    # hash_funcs covering a builtin type must see every argument: no shortcut key then.
    shortcut = None if state.arguments.rules.native_overrides else simple_key

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        cache = state.store
        if cache is None or not cache.alive:
            cache = state.attach()
        values = bind(args, kwargs)
        if values is None:  # does not fit the signature: let Python raise its TypeError
            return func(*args, **kwargs)
        key: Hashable | None = shortcut(values) if shortcut is not None else None
        if key is None:
            key = state.arguments_digest(values)
        entry = cache.get(key)
        if entry is None:
            return state.miss(cache, key, values, args, kwargs)
        if state.check_output and entry.output_digest is not None:
            state.check(entry)
        return entry.value

    try:
        functools.update_wrapper(wrapper, func)
    except AttributeError:  # callables without the usual attributes
        wrapper.__wrapped__ = func  # type: ignore[attr-defined]
    return wrapper


@overload
def cache(func: F) -> F: ...


@overload
def cache(
    func: None = None,
    persist: bool = False,
    allow_output_mutation: bool = False,
    show_spinner: bool = True,
    suppress_st_warning: bool = False,
    hash_funcs: dict[Any, Callable[[Any], Any]] | None = None,
    max_entries: int | None = None,
    ttl: float | Any | None = None,
) -> Callable[[F], F]: ...


def cache(
    func: Callable[..., Any] | None = None,
    persist: bool = False,
    allow_output_mutation: bool = False,
    show_spinner: bool = True,
    suppress_st_warning: bool = False,
    hash_funcs: dict[Any, Callable[[Any], Any]] | None = None,
    max_entries: int | None = None,
    ttl: float | Any | None = None,
) -> Any:
    """Memoize a function the way Streamlit's legacy ``st.cache`` does.

    A call is looked up by its function key (module, qualified name, body and the
    values the body refers to, computed on the first call) and its arguments (bound to
    the signature, defaults applied). On a miss the function runs, once per key even
    under concurrency, and its return value is stored with its hash; on a hit the
    stored object itself is returned, after checking that it was not mutated.

    Args:
        func: The function to cache. Without it, ``cache(...)`` returns a decorator.
        persist: Also store results on disk (see `clear_cache()` for the folder),
            so a new process with the same function finds them.
        allow_output_mutation: Do not hash the return value: no mutation check and
            no `UnhashableTypeError` for it. Use it for shared resources such as
            connections and models.
        show_spinner: Print progress on standard error while a miss runs for more
            than half a second.
        suppress_st_warning: Accepted for compatibility; has no effect (as in
            Streamlit 1.35).
        hash_funcs: Maps a type, or its fully qualified name such as
            ``"_thread.RLock"``, to a function whose result is hashed in place of each
            object of exactly that type, in the arguments, the body and the return
            value.
        max_entries: Most entries kept for this function; the least recently used
            goes first. None: no limit.
        ttl: Seconds (or a ``datetime.timedelta``) an entry stays valid. None: forever.

    Returns:
        The cached function, or a decorator when ``func`` is None.

    Raises:
        TypeError: An option has the wrong type (checked when decorating).
        ValueError: An option is out of range, such as ``max_entries=0``.

    Examples:
        >>> import cachelib as st
        >>> @st.cache
        ... def square(x):
        ...     st.write("computing", x)
        ...     return x * x
        >>> square(4)
        computing 4
        16
        >>> square(x=4)
        16

        Options are checked when decorating:

        >>> st.cache(max_entries=0)
        Traceback (most recent call last):
        ...
        ValueError: max_entries must be None or a whole number of at least 1, not 0
    """
    options = check_options(
        persist=persist,
        allow_output_mutation=allow_output_mutation,
        show_spinner=show_spinner,
        hash_funcs=hash_funcs,
        max_entries=max_entries,
        ttl=ttl,
    )
    del suppress_st_warning  # accepted, no effect

    def decorate(target: Callable[..., Any]) -> Callable[..., Any]:
        return _wrap(target, options)

    if func is None:
        return decorate
    return decorate(func)


def clear_cache() -> bool:
    """Empty every cache, in memory and on disk.

    Persisted entries are deleted from the cache folder: ``$CACHELIB_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/cachelib``, else ``~/.cache/cachelib``.

    Returns:
        True if the cache folder existed.

    Examples:
        >>> import cachelib as st
        >>> @st.cache
        ... def answer():
        ...     st.write("computing")
        ...     return 42
        >>> answer()
        computing
        42
        >>> _ = st.clear_cache()
        >>> answer()
        computing
        42
    """
    store.clear_all()
    return persist.clear()
