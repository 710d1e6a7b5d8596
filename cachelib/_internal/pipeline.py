# The one call path of every cached function; what differs per API is its Policy.
"""The call pipeline shared by ``cache``, ``cache_data`` and ``cache_resource``.

A call goes through the same steps whatever the API:

1. **bind** the arguments to the signature, defaults applied (`.binding`); a call that
   does not fit raises the plain function's ``TypeError`` before anything is hashed (D13);
2. **key**: a type-tagged tuple for simple values, else a digest of the values;
3. **look up** the function's `MemoryStore` (found in `.registry` on the first call);
   on a hit the policy turns the entry into the result (`Policy.load`);
4. on a miss, **compute once per key** (single flight, D5): take the key's lock, look
   again, try the persistent backend, else run the function (with the spinner, and
   recording its output when the API replays it); a shared backend (Redis) is read first,
   before any lock, since single flight matters only when the value must be computed;
5. **store** the entry in memory and in the backend, and return the value.

A `Policy` holds all that one API adds: the function key, the hasher, what an entry holds
and what a hit returns, persistence, and what happens when an entry leaves. The files in
`.apis` each define one policy and the decorator around it.
"""

from __future__ import annotations

import functools
import math
import threading

from . import entries, output, registry, spinner
from .backends.memory import MemoryStore
from .binding import Binder, RawCall, simple_key
from .digest import digest as digest_of
from .errors import CachelibError, CachePersistenceWarning, _HashFailure, warn
from .lines import message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Hashable
    from contextlib import AbstractContextManager
    from typing import Any, ClassVar

    from .backends.base import Backend
    from .binding import Bound
    from .entries import Entry, Payload
    from .hashing import Hasher

MISS: Any = object()
"""What `Policy.load` returns when the entry cannot be used: the call computes again."""


class _NoLock:
    """The lock of a backend without one: entering and leaving do nothing."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_NO_LOCK = _NoLock()
_REFRESH_WORKERS = threading.BoundedSemaphore(4)
_REFRESH_COOLDOWN = 60.0


class Policy:
    """What one API adds to the call path (subclassed once per API in `.apis`).

    Args:
        func: The function to cache.
    """

    api: ClassVar[str] = ""
    """The registry's namespace: ``"legacy"``, ``"data"`` or ``"resource"``."""
    decorator: ClassVar[str] = ""
    """How messages name the decorator, such as ``"st.cache_data"``."""
    replays: ClassVar[bool] = False
    """Record what the function writes on a miss, and write it again on every hit."""
    lazy_function_key: ClassVar[bool] = False
    """Compute the function key on the first call rather than when decorating."""
    skips_private: ClassVar[bool] = False
    """Leave the parameters named ``_...`` out of the key."""

    scope: str = "global"
    ttl: float = math.inf
    fresh_for: float | None = None
    """Seconds an entry is fresh before a background refresh (None: no refresh)."""
    backend: Backend | None = None
    arguments: Hasher

    def __init__(self, func: Callable[..., Any]) -> None:
        if not callable(func):
            raise TypeError(
                message(
                    TypeError,
                    f"{self.decorator.removeprefix('st.')}() needs a function to cache, not "
                    f"{type(func).__name__}",
                )
            )
        self.func = func
        self.binder = Binder(func, skip_private=self.skips_private)
        self.name: str = getattr(func, "__name__", None) or "a cached function"
        qualname = getattr(func, "__qualname__", None) or self.name
        self.labels = (f"`{qualname}()`", f"`{qualname}(...)`")

    def function_key(self) -> bytes:
        """Return the digest that identifies the function (its cache)."""
        raise NotImplementedError

    def settings(self) -> Hashable:
        """Return the options that shape the store: a change starts the cache over."""
        raise NotImplementedError

    def make_store(self) -> MemoryStore:
        """Return an empty store for this function."""
        raise NotImplementedError

    def new_entry(self, value: Any, lines: list[str]) -> Entry:
        """Return the entry that stores ``value``, computed on a miss.

        Args:
            value: The function's return value.
            lines: The output it wrote (when the API replays output).
        """
        raise NotImplementedError

    def load(self, entry: Entry, *, fresh: bool = False) -> Any:
        """Return the result of a hit on ``entry``, or `MISS` to compute again.

        Args:
            entry: The stored entry.
            fresh: The entry was just loaded from the persistent backend.
        """
        raise NotImplementedError

    def payload(self, entry: Entry) -> Payload | None:
        """Return what to persist for ``entry`` (bytes or a writer), or None for nothing."""
        raise NotImplementedError

    def from_payload(self, payload: bytes | memoryview) -> Entry:
        """Return the entry that a persisted payload holds (may raise: warned, a miss)."""
        raise NotImplementedError

    def spinner_text(self, takes_arguments: bool) -> tuple[str, str | None] | None:
        """Return the spinner's text and finishing text for a miss, or None for none."""
        return None

    def attached(self, store: MemoryStore) -> None:
        """Adopt the store found for this function (made by it, or by an earlier decoration).

        Args:
            store: The store.
        """

    def translate(self, error: _HashFailure, param: str) -> CachelibError:
        """Return the error to raise when hashing the argument ``param`` failed.

        Another error than ``error`` is raised without a cause: its message must say it.

        Args:
            error: The hashing error.
            param: The parameter's name.
        """
        return error


class CachedFunction:
    """The state behind one wrapper: its policy, binder and store.

    Args:
        policy: The API's policy for the function.
    """

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.func = policy.func
        self.binder = policy.binder
        self.function_key: bytes | None = None
        if not policy.lazy_function_key:
            self.function_key = policy.function_key()
        self.store: MemoryStore | None = None
        self._attach_lock = threading.Lock()
        # hash_funcs covering a builtin type must see every argument: no shortcut key then.
        self.shortcut = None if policy.arguments.rules.native_overrides else simple_key
        self._refreshing: dict[Hashable, float] = {}
        self.pending: dict[Hashable, Any] = {}
        """Keys being computed by a coroutine, with the future that ends with it."""
        self._last_name: tuple[Hashable, str] | None = None

    # --- keys ---------------------------------------------------------------------------

    def attach(self) -> MemoryStore:
        """Compute the function key if needed and fetch the function's store."""
        with self._attach_lock:
            if self.function_key is None:
                self.function_key = self.policy.function_key()
            policy = self.policy
            self.store = registry.store_for(
                (policy.api, self.function_key, policy.scope),
                policy.settings(),
                policy.make_store,
            )
            policy.attached(self.store)
            return self.store

    def key(self, values: Bound) -> Hashable:
        """Return the in-memory key of bound values."""
        if self.shortcut is not None:
            key = self.shortcut(values)
            if key is not None:
                return key
        return self.digest(values)

    def digest(self, values: Bound) -> bytes:
        """Digest the bound values one by one (a huge string argument is streamed)."""
        digest = self.policy.arguments.digest
        parts = []
        for index, value in enumerate(values):
            try:
                parts.append(digest(value))
            except _HashFailure as error:
                names = values.names if isinstance(values, RawCall) else self.binder.names
                param = names[index] if index < len(names) else "*args"
                translated = self.policy.translate(error, param)
                if translated is error:
                    raise
                raise translated from None  # its message holds the cause
        return digest_of(b"".join(parts))

    def entry_name(self, key: Hashable, values: Bound) -> str:
        """Return the entry's key in a persistent backend."""
        last = self._last_name
        if last is not None and last[0] == key:  # the lock's, read right after: one digest
            return last[1]
        assert self.function_key is not None
        digest = key if isinstance(key, bytes) else self.digest(values)
        name = f"{self.function_key.hex()}-{digest.hex()}"
        self._last_name = (key, name)
        return name

    # --- calls --------------------------------------------------------------------------

    def prepare(
        self, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> tuple[MemoryStore, Hashable, Bound] | None:
        """Bind a call and find its store and key; None if the call does not fit."""
        values = self.binder.bind(args, kwargs)  # first: nothing is hashed for a bad call
        if values is None:
            return None
        store = self.store
        if store is None or not store.alive:
            store = self.attach()
        return store, self.key(values), values

    def hit(self, store: MemoryStore, key: Hashable, values: Bound, call: Call) -> Any:
        """Return the result of a stored entry, or `MISS`."""
        entry = store.get(key)
        if entry is None:
            return MISS
        if entry.stale_at != math.inf and entry.stale_at <= entries.clock():
            self.refresh_later(store, key, values, call)
        value = self.policy.load(entry)
        if value is MISS:  # refused (cache_resource's validate): it leaves now
            store.discard(key, entry)
        return value

    def miss(self, store: MemoryStore, key: Hashable, values: Bound, call: Call) -> Any:
        """Compute (or wait for) the value of ``key``: one run per key (D5).

        With a backend that `~.backends.base.Backend.reads_before_locking` (a store that
        other processes fill), its entry is read first, without any lock: a value found
        there is loaded and kept, and no lock is taken. Only a miss there takes the locks.
        """
        backend = self.policy.backend
        if backend is not None and backend.reads_before_locking:
            found = self.load_persisted(store, key, values)
            if found is not MISS:
                return found
        holder = store.acquire(key)
        try:
            with holder.lock:
                value = self.hit(store, key, values, call)
                if value is not MISS:  # another thread computed it while we waited
                    return value
                with self.shared_lock(key, values):  # one run per key across processes
                    found = self.load_persisted(store, key, values)
                    if found is not MISS:
                        return found
                    value, lines = self.run(call, bool(values))
                    self.keep(store, key, values, value, lines)
                    return value
        finally:
            store.release(key, holder)

    def shared_lock(self, key: Hashable, values: Bound) -> AbstractContextManager[object]:
        """Return the persistent backend's lock of the entry (`.backends.base.Backend.lock`)."""
        backend = self.policy.backend
        held = backend.lock(self.entry_name(key, values)) if backend is not None else None
        return _NO_LOCK if held is None else held

    def load_persisted(self, store: MemoryStore, key: Hashable, values: Bound) -> Any:
        """Return the result stored in the persistent backend, or `MISS`."""
        backend = self.policy.backend
        if backend is None:
            return MISS
        name = self.entry_name(key, values)
        payload = backend.get(name)
        if payload is None:
            return MISS
        try:  # an entry that does not load is a miss, never a broken hit
            entry = self.policy.from_payload(payload)
            value = self.policy.load(entry, fresh=True)
        except CachelibError:
            raise
        except Exception as error:
            warn(
                CachePersistenceWarning(
                    f"The persisted entry {name} of `{self.policy.name}()` could not be "
                    f"unpickled ({type(error).__name__}: {error}); the value is computed again."
                )
            )
            return MISS
        store.put(key, entry, fresh_for=self.policy.fresh_for)
        return value

    def run(
        self, call: Call, takes_arguments: bool, *, spinner_shown: bool = True
    ) -> tuple[Any, list[str]]:
        """Run the function once, with the spinner, recording its output when the API replays.

        A background refresh passes ``spinner_shown=False``: nobody waits for it.
        """
        policy = self.policy
        takes_arguments = takes_arguments or self.binder.takes_arguments
        shown = policy.spinner_text(takes_arguments) if spinner_shown else None
        token = spinner.start(*shown) if shown is not None else None
        try:
            if policy.replays:
                with output.Recording() as recording:
                    value = call.invoke()
                return value, recording.lines
            return call.invoke(), []
        finally:
            spinner.finish(token)

    def keep(
        self, store: MemoryStore, key: Hashable, values: Bound, value: Any, lines: list[str]
    ) -> None:
        """Store a computed value in memory and in the persistent backend."""
        policy = self.policy
        entry = policy.new_entry(value, lines)
        store.put(key, entry, fresh_for=policy.fresh_for)
        if policy.backend is not None:
            payload = policy.payload(entry)
            if payload is not None:
                policy.backend.set(self.entry_name(key, values), payload, ttl=policy.ttl)

    def refresh_later(self, store: MemoryStore, key: Hashable, values: Bound, call: Call) -> None:
        """Start one background refresh of a stale entry (``refresh_mode="background"``).

        At most four refreshes run at once in the process; a refresh that cannot start is
        skipped (the next hit tries again). One that failed waits a minute before the next
        try. Where no thread can be started, the refresh runs in the caller. A refresh holds
        the key's lock, as a miss does: a call that misses meanwhile (the entry expired for
        good) waits for the refresh's value instead of running the function a second time.
        A value computed while the cache was cleared is dropped, not stored: it may come from
        the data the clear was meant to forget.
        """
        now = entries.clock()
        with self._attach_lock:
            if self._refreshing.get(key, -math.inf) > now:
                return  # running, or cooling down after a failure
            self._refreshing[key] = math.inf
        if not _REFRESH_WORKERS.acquire(blocking=False):
            self._done_refreshing(key, failed=False)
            return

        clears = store.clears

        def refresh() -> None:
            failed = True
            holder = store.acquire(key)  # the key's run: a miss meanwhile waits for it (D5)
            try:
                with holder.lock:
                    value, _ = self.run(call, bool(values), spinner_shown=False)
                    if store.clears == clears:
                        self.keep(store, key, values, value, [])
                    elif store.on_release is not None:  # cleared meanwhile: the value may be
                        store.on_release(self.policy.new_entry(value, []))  # old; let it go
                failed = False
            except Exception:  # served stale meanwhile; retried after the cooldown
                pass
            finally:
                store.release(key, holder)
                _REFRESH_WORKERS.release()
                self._done_refreshing(key, failed=failed)

        thread = threading.Thread(target=refresh, name="cachelib-refresh", daemon=True)
        try:
            thread.start()
        except RuntimeError:  # no threads here (Pyodide): refresh in the foreground
            refresh()

    def _done_refreshing(self, key: Hashable, *, failed: bool) -> None:
        with self._attach_lock:
            if failed:
                self._refreshing[key] = entries.clock() + _REFRESH_COOLDOWN
            else:
                self._refreshing.pop(key, None)

    def clear(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """Remove every entry of the function, or only the one of these arguments."""
        store = self.store if self.store is not None and self.store.alive else self.attach()
        backend = self.policy.backend
        if not args and not kwargs:
            store.clear()
            if backend is not None:
                assert self.function_key is not None
                backend.clear(f"{self.function_key.hex()}-")
            return
        values = self.binder.bind(args, kwargs)
        if values is None:
            raise TypeError(
                message(
                    TypeError,
                    f"clear() of `{self.policy.name}()` was given arguments that do not fit its "
                    "signature",
                )
            )
        key = self.key(values)
        store.clear_key(key)
        if backend is not None:
            backend.delete(self.entry_name(key, values))


class Call:
    """One call's function and arguments, run when a miss needs the value."""

    __slots__ = ("args", "func", "kwargs")

    def __init__(self, func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]):
        self.func = func
        self.args = args
        self.kwargs = kwargs

    def invoke(self) -> Any:
        """Call the function."""
        return self.func(*self.args, **self.kwargs)


def wrap(policy: Policy) -> Callable[..., Any]:
    """Return the cached function for ``policy`` (a coroutine function for ``async def``).

    Args:
        policy: The API's policy, holding the function and its options.

    Returns:
        The wrapper, with the function's name, docstring and ``__wrapped__``.
    """
    func = policy.func
    state = CachedFunction(policy)
    prepare, hit, miss = state.prepare, state.hit, state.miss
    load, bind, shortcut, digest = policy.load, state.binder.bind, state.shortcut, state.digest

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = bind(args, kwargs)
        if values is None:  # does not fit the signature: let Python raise its TypeError (D13)
            return func(*args, **kwargs)
        store = state.store
        if store is None or not store.alive:
            store = state.attach()  # the legacy function key is computed here, on a first call
        key: Hashable | None = shortcut(values) if shortcut is not None else None
        if key is None:
            key = digest(values)
        entry = store.get(key)
        if entry is not None:
            if entry.stale_at == math.inf:
                value = load(entry)
                if value is not MISS:
                    return value
                store.discard(key, entry)
            else:
                value = hit(store, key, values, Call(func, args, kwargs))
                if value is not MISS:
                    return value
        return miss(store, key, values, Call(func, args, kwargs))

    async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
        prepared = prepare(args, kwargs)
        if prepared is None:
            return await func(*args, **kwargs)
        store, key, values = prepared
        from .asynchronous import AsyncCall, miss_async

        call = AsyncCall(func, args, kwargs)
        value = hit(store, key, values, call)
        if value is not MISS:
            return value
        return await miss_async(state, store, key, values, call)

    import inspect

    chosen: Any = async_wrapper if inspect.iscoroutinefunction(func) else wrapper
    try:
        functools.update_wrapper(chosen, func)
    except AttributeError:  # callables without the usual attributes
        chosen.__wrapped__ = func
    chosen.__cachelib_state__ = state
    result: Callable[..., Any] = chosen
    return result
