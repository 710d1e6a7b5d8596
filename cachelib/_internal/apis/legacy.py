# st.cache of Streamlit 1.35: body hashing, the mutation check, persist=True.
"""``cache`` and ``clear_cache``, with the semantics of Streamlit 1.35's ``st.cache``.

What is special about the legacy API (the rest is `..pipeline`):

- the **function key** covers the module, the qualified name, the body and every value
  the body refers to (globals, closures, called functions of the app's own code); it is
  computed on the wrapper's first call and then kept, as in Streamlit;
- a **hit returns the stored object itself**, after re-hashing it to detect a mutation
  (`cachelib.CachedObjectMutationWarning`), unless ``allow_output_mutation``;
- the return value is hashed when stored (so an unhashable one raises
  `cachelib.UnhashableTypeError`), except immutable scalars, which cannot change;
- ``persist=True`` also writes the pickled value to disk (`..backends.disk`);
- output is not replayed on hits (1.35 did not), and ``suppress_st_warning`` is ignored.
"""

from __future__ import annotations

from ..backends.disk import DiskBackend
from ..backends.memory import MemoryStore
from ..digest import digest as digest_of
from ..entries import Entry, Unpersistable
from ..errors import CachedObjectMutationWarning, CachelibError, warn
from ..options import check_options
from ..pipeline import Policy, wrap
from ..registry import clear as clear_registry

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Hashable
    from typing import Any, TypeVar

    from ..entries import Payload, Writable
    from ..options import Options

    F = TypeVar("F", bound=Callable[..., Any])

_IMMUTABLE = frozenset({int, float, complex, str, bytes, bool, type(None)})
_DISK = DiskBackend()


def _is_immutable(value: object) -> bool:
    try:
        return type(value) in _IMMUTABLE
    except Exception:  # a class whose metaclass cannot be hashed is not one of these
        return False


class LegacyPolicy(Policy):
    """``st.cache``: body-hashed function key, mutation check, optional disk."""

    api = "legacy"
    decorator = "st.cache"
    lazy_function_key = True

    def __init__(self, func: Callable[..., Any], options: Options) -> None:
        super().__init__(func)
        self.options = options
        self.ttl = options.ttl
        from ..hashing import Hasher

        funcs = options.hash_funcs
        self.arguments = Hasher(funcs, "arguments", self.name)
        self.returns = Hasher(funcs, "return value", self.name)
        self.check_output = not options.allow_output_mutation
        self.backend = _DISK if options.persist else None

    def function_key(self) -> bytes:
        """Module, qualified name, body and referenced values (first call only)."""
        from ..hashing import Hasher

        body = Hasher(self.options.hash_funcs, "body", self.name)
        module = getattr(self.func, "__module__", None)
        qualname = getattr(self.func, "__qualname__", None)
        named = repr((module, qualname)).encode()
        return digest_of(named + body.digest(self.func))

    def settings(self) -> Hashable:
        """``max_entries`` and ``ttl``: a change starts the cache over, as in 1.35."""
        return (self.options.max_entries, self.options.ttl)

    def make_store(self) -> MemoryStore:
        """An LRU store with the function's limits."""
        return MemoryStore(self.options.max_entries, self.options.ttl)

    def new_entry(self, value: Any, lines: list[str]) -> Entry:
        """The value itself, with its digest for the mutation check."""
        return Entry(value, output_digest=self._output_digest(value))

    def load(self, entry: Entry, *, fresh: bool = False) -> Any:
        """The stored object itself; warn first if it changed since it was stored."""
        if self.check_output and entry.output_digest is not None and not fresh:
            try:
                unchanged = self.returns.digest(entry.value) == entry.output_digest
            except CachelibError:  # it was hashable when stored: it has changed
                unchanged = False
            if not unchanged:
                warn(
                    CachedObjectMutationWarning(
                        self.name, takes_arguments=self.binder.takes_arguments
                    )
                )
        return entry.value

    def payload(self, entry: Entry) -> Payload:
        """The value, pickled straight to the backend; one pickle refuses stays in memory."""
        import pickle

        value, name = entry.value, self.name

        def write(stream: Writable) -> None:
            try:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            except OSError:
                raise
            except Exception as error:
                raise Unpersistable(
                    f"The return value of `{name}()` cannot be persisted: pickle refuses it "
                    f"({type(error).__name__}: {error}). It is cached in memory only."
                ) from error

        return write

    def from_payload(self, payload: bytes | memoryview) -> Entry:
        """Unpickle a persisted value and digest it for the mutation check."""
        import pickle

        value = pickle.loads(payload)
        return Entry(value, output_digest=self._output_digest(value))

    def spinner_text(self, takes_arguments: bool) -> tuple[str, str | None] | None:
        """``Running `f(...)`.`` and how long it took, when ``show_spinner``."""
        if not self.options.show_spinner:
            return None
        label = self.labels[takes_arguments]
        return f"Running {label}.", f"Finished {label}"

    def _output_digest(self, value: Any) -> bytes | None:
        if not self.check_output or _is_immutable(value):
            return None
        return self.returns.digest(value)


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
        ValueError: max_entries must be None or a whole number of at least 1,
        not 0
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
        return wrap(LegacyPolicy(target, options))

    if func is None:
        return decorate
    return decorate(func)


def clear_cache() -> bool:
    """Empty every legacy cache, in memory and on disk.

    Persisted entries are deleted from the cache folder: ``$CACHELIB_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/cachelib``, else ``~/.cache/cachelib``. The caches of
    ``cache_data`` and ``cache_resource`` are left alone.

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
    clear_registry("legacy")
    return _DISK.clear()
