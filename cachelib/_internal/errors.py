# The one registry of errors and warnings: each class declares its code, title and fields.
"""Exceptions and warnings raised by cachelib.

Every public class declares a stable ``code`` (the anchor of the section of the knowledge
base that explains it) and a one-line ``title``, and keeps the facts of one occurrence as
attributes. Its message is composed from those facts when it is shown (``str()``), and
ends with the link to its section. `REGISTRY` lists every public class, in the order of
the errors page: the page, the API reference and the tests read it instead of keeping
lists of their own.
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Sequence

from .lines import atom, plain, verbatim, wrap

TYPE_CHECKING = False  # typing costs milliseconds at import: annotations only
if TYPE_CHECKING:
    from typing import Any, ClassVar

    from typing_extensions import Self

DOCS_URL = "https://cachelib-kb.github.io/cachelib/"
"""Base address of the knowledge base; the site's ``site_url`` must equal it."""

ERRORS_PAGE = "errors/"
"""Page of the knowledge base that holds one section per error and warning."""

_REPR_LIMIT = 100
"""Longest repr in a hash chain: it fits a line of its own under the chain's indent."""
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def warn(warning: Warning) -> None:
    """Emit ``warning`` attributed to the user's line: the first caller outside cachelib.

    Args:
        warning: The warning instance.
    """
    frame = sys._getframe(1)
    level = 2
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame = frame.f_back
        level += 1
    warnings.warn(warning, stacklevel=level)


def docs_link(code: str) -> str:
    """Return the address of the knowledge-base section for ``code``.

    Args:
        code: The anchor of the section, such as ``"unhashable-type-error"``.

    Returns:
        The full address of that section.
    """
    return f"{DOCS_URL}{ERRORS_PAGE}#{code}"


def describe(obj: object) -> str:
    """Return a one-line, bounded description of ``obj`` for a hash chain.

    Args:
        obj: Any object met while hashing.

    Returns:
        ``"<fully qualified type>: <repr>"``, the repr cut to fit one line of a message.
    """
    try:
        text = repr(obj)
    except Exception as exc:  # a broken __repr__ must not hide the real error
        text = f"<repr failed: {type(exc).__name__}>"
    text = " ".join(text.split())
    if len(text) > _REPR_LIMIT:
        text = text[: _REPR_LIMIT - 3] + "..."
    return f"{type_name(type(obj))}: {text}"


def type_name(tp: type) -> str:
    """Return the fully qualified name of a type, as ``hash_funcs`` keys spell it.

    Args:
        tp: A type.

    Returns:
        ``"module.QualName"``, for example ``"_thread.RLock"``.
    """
    return f"{tp.__module__}.{tp.__qualname__}"


def _cause_line(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def _code(lines: Sequence[str]) -> str:
    """Lines of code, indented four spaces, shown as written."""
    return "\n".join(verbatim(f"    {line}") for line in lines)


def _chain_lines(chain: Sequence[str]) -> str:
    """The entries of a hash chain, indented: a described object breaks only after its type."""
    lines = []
    for entry in chain:
        head, colon, rest = entry.partition(": ")
        if colon and head and not any(char.isspace() for char in head):
            lines.append(f"    {atom(head + ':')} {atom(rest)}")
        else:
            lines.append(f"    {entry}")
    return "\n".join(lines)


REGISTRY: dict[str, type[CachelibError] | type[CachelibWarning]] = {}
"""Every public error and warning class by its ``code``, in the order they are declared."""


def _register(cls: type[CachelibError] | type[CachelibWarning]) -> None:
    if "code" in cls.__dict__ and not cls.__name__.startswith("_"):
        cls.__module__ = "cachelib"
        REGISTRY[cls.code] = cls


class _Composed:
    """Shared by errors and warnings: the message is composed from the facts when shown."""

    code: ClassVar[str] = "cachelib-error"
    title: ClassVar[str] = ""

    def _compose(self) -> str:
        raise NotImplementedError

    def _shown_before(self) -> str:
        """What precedes the message on its first line where it is shown."""
        return f"{type(self).__qualname__}: "

    def __str__(self) -> str:
        text = f"{self._compose()}\n\nMore: {atom(docs_link(self.code))}"
        return wrap(text, first=len(self._shown_before()))

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only constructors: rebuild from the facts (for pickling across processes).
        return (_rebuild, (type(self), dict(self.__dict__)))


def _rebuild(cls: type[BaseException], state: dict[str, Any]) -> BaseException:
    obj = cls.__new__(cls)
    obj.__dict__.update(state)
    return obj


class CachelibError(_Composed, Exception):
    """Base class of the errors raised by cachelib (internal; not exported)."""

    def _shown_before(self) -> str:
        # A traceback's last line: "cachelib.UnhashableTypeError: <first line>".
        return f"{type(self).__module__}.{type(self).__qualname__}: "

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _register(cls)


class CachelibWarning(_Composed, UserWarning):
    """Base class of the warnings emitted by cachelib (internal; not exported)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _register(cls)


class _Message(_Composed):
    """A class whose one fact is its message (persistence faults).

    The message may mark its facts with `atom` (a path, an address), which `wrap` keeps on
    one line; the ``message`` attribute holds it without marks.
    """

    def __init__(self, message: str) -> None:
        self.message = plain(message)
        self._composed = message
        super().__init__(self.message)  # type: ignore[call-arg]  # Exception or Warning is next

    def _compose(self) -> str:
        return getattr(self, "_composed", self.message)


class _HashFailure(CachelibError):
    """Shared state of the three hashing errors: the facts, from which the message is made."""

    def __init__(
        self,
        *,
        type_name: str,
        func_name: str,
        where: str,
        chain: Sequence[str],
        **details: object,
    ) -> None:
        super().__init__()
        self.type_name = type_name
        self.func_name = func_name
        self.where = where
        self.chain = tuple(chain)
        self.decorator = "st.cache"
        """The decorator to show in fixes (the modern API sets its own)."""
        self._details = details

    def _within(self, line: str) -> Self:
        """Return the same error, with one more object at the outer end of the chain."""
        return self._extended((line,))

    def _extended(self, lines: Sequence[str], **details: object) -> Self:
        """Return the same error with ``lines`` added at the outer end of the chain."""
        error = type(self)(
            type_name=self.type_name,
            func_name=self.func_name,
            where=self.where,
            chain=(*self.chain, *lines),
            **{**self._details, **details},
        )
        error.decorator = self.decorator
        return error

    def _chain_text(self) -> str:
        return "The object was reached through this chain, innermost first:\n\n" + _chain_lines(
            self.chain
        )

    def _hash_funcs_example(self) -> str:
        return _code(
            [
                f'@{self.decorator}(hash_funcs={{"{self.type_name}": id}})',
                f"def {self.func_name}(...):",
                "    ...",
            ]
        )


class UnhashableTypeError(_HashFailure):
    """An object met while hashing cannot be hashed.

    Raised when an object in the arguments, the body or the return value of a cached
    function has no hashing rule and pickle refuses it (locks, connections, sockets,
    generators, ...). The message names the type, the function, where the object was
    found, the chain of objects that led to it (innermost first) and the fix.

    Attributes:
        type_name: Fully qualified name of the type that cannot be hashed.
        func_name: Name of the cached function.
        where: ``"arguments"``, ``"body"`` or ``"return value"``.
        chain: Descriptions of the objects from the offending one outwards.

    Examples:
        >>> import threading
        >>> import cachelib as st
        >>> @st.cache
        ... def describe(lock):
        ...     return "a lock"
        >>> try:
        ...     describe(threading.RLock())
        ... except st.UnhashableTypeError as error:
        ...     print(error.type_name, "in the", error.where, "of", error.func_name)
        _thread.RLock in the arguments of describe
    """

    code: ClassVar[str] = "unhashable-type-error"
    title: ClassVar[str] = "An object in the arguments, body or return value cannot be hashed"

    def _compose(self) -> str:
        name, where, tp = atom(self.func_name), atom(self.where), atom(self.type_name)
        head = (
            f"Cannot hash an object of type `{tp}`, found in the {where} of `{name}()`.\n\n"
            f"cachelib hashes the {where} of `{name}()`, and it has no rule for `{tp}` "
            f"({self._details.get('reason', 'pickle refuses it')}).\n\n"
        )
        made_by = self._details.get("hash_func")
        if made_by is not None:
            fix = (
                f"The object is part of what the hash function `{atom(made_by)}()` returned for "
                f"an object of type `{atom(self._details.get('hash_func_type'))}` (see the "
                "chain). A "
                "hash function must return only what identifies the object, made of values "
                f"that can be hashed, such as numbers, strings and tuples of them: leave the "
                f"`{tp}` out.\n\n"
            )
        elif self.where == "return value":
            fix = (
                "The return value is hashed only to notice if a caller changes it later. If "
                "it is a resource meant to be shared (a connection, a model), decorate with "
                "`@st.cache(allow_output_mutation=True)`: the return value is then not hashed. "
                "If it is a one-shot object, such as a generator or a cursor, return plain data "
                "(a list of rows) instead: a stored one-shot object would be used up by the "
                "first caller.\n\n"
            )
        else:
            fix = (
                "Tell the cache how to hash this type with `hash_funcs`. For example, to "
                "treat every such object as a different value, hash it by identity:\n\n"
                + self._hash_funcs_example()
                + "\n\nOr, to leave it out of the key, give it a constant hash: "
                + atom(f'hash_funcs={{"{self.type_name}": lambda _: None}}.')
                + "\n\n"
            )
        return head + fix + self._chain_text()


class UserHashError(_HashFailure):
    """A ``hash_funcs`` function raised, or resolving a name in the function body failed.

    The original exception is chained as ``__cause__``.

    Attributes:
        type_name: Fully qualified name of the type being hashed (or of the exception,
            for a body that could not be resolved).
        func_name: Name of the cached function.
        where: ``"arguments"``, ``"body"`` or ``"return value"``.
        chain: Descriptions of the objects from the offending one outwards.

    Examples:
        >>> import cachelib as st
        >>> class Config:
        ...     pass
        >>> def broken(config):
        ...     raise RuntimeError("no hash today")
        >>> @st.cache(hash_funcs={Config: broken})
        ... def load(config):
        ...     return 1
        >>> try:
        ...     load(Config())
        ... except st.UserHashError as error:
        ...     print(type(error.__cause__).__name__, error.func_name)
        RuntimeError load
    """

    code: ClassVar[str] = "user-hash-error"
    title: ClassVar[str] = "A hash function raised, or a name in the body could not be resolved"

    def _compose(self) -> str:
        name = atom(self.func_name)
        error = str(self._details.get("error", ""))
        if "filename" in self._details:
            lineno = self._details.get("lineno")
            where_line = f" near line {lineno}" if lineno is not None else ""
            lines = self._details.get("source_lines") or ()
            snippet = _code(lines) if lines else "    (source not available)"  # type: ignore[arg-type]
            holder = self._details.get("in_function") or self.func_name
            inside = (
                ""
                if holder == self.func_name
                else f", in the body of its helper `{atom(holder)}()`"
            )
            # The file on a line of its own: its path, which differs from one place to
            # another, moves no other line break.
            place = verbatim(f"{self._details['filename']}{where_line}:")
            text = (
                f"{error}\n\n"
                f"cachelib hashes the body of `{name}()` and every value it refers to, and "
                f"resolving one of those values failed{inside}, in\n{place}\n\n{snippet}\n\n"
                "Every reference in the body is resolved when the key is computed, even in a "
                "branch that never runs, and so are the references of the helper functions of "
                "your own code that it calls. Fix the reference, or pass the object to the "
                "cached function as an argument (a parameter is not resolved ahead of time)."
            )
            return text + ("\n\n" + self._chain_text() if self.chain else "")
        hash_func = atom(self._details.get("hash_func_name", "a hash function"))
        tp, deco = atom(self.type_name), atom(self.decorator)
        return (
            f"{error}\n\n"
            f"The hash function `{hash_func}()`, given to `@{deco}` of `{name}()` in "
            f"`hash_funcs`, failed on an object of type `{tp}` in the "
            f"{atom(self.where)} of `{name}()`. The bug is most likely in `{hash_func}()`: it "
            f"must accept every object of type `{tp}`.\n\n" + self._chain_text()
        )

    @classmethod
    def _from_hash_func(
        cls,
        *,
        error: BaseException,
        hash_func_name: str,
        type_name: str,
        func_name: str,
        where: str,
        chain: Sequence[str],
    ) -> UserHashError:
        """Compose the error for a hash function that raised.

        Args:
            error: The exception the hash function raised.
            hash_func_name: Name of the hash function.
            type_name: Fully qualified name of the type it was hashing.
            func_name: Name of the cached function.
            where: ``"arguments"``, ``"body"`` or ``"return value"``.
            chain: Descriptions of the objects, innermost first.

        Returns:
            The error, ready to raise from ``error``.
        """
        return cls(
            type_name=type_name,
            func_name=func_name,
            where=where,
            chain=chain,
            error=_cause_line(error),
            hash_func_name=hash_func_name,
        )

    @classmethod
    def _from_body(
        cls,
        *,
        error: BaseException,
        func_name: str,
        filename: str,
        lineno: int | None,
        source_lines: Sequence[str],
        in_function: str | None = None,
    ) -> UserHashError:
        """Compose the error for a name in the body that could not be resolved.

        Args:
            error: The exception raised while resolving the name.
            func_name: Name of the cached function.
            filename: File of the code that refers to the name.
            lineno: Line of that reference, if known.
            source_lines: The source line at ``lineno``.
            in_function: Qualified name of the function holding the reference, when it
                is a helper of the cached function.

        Returns:
            The error, ready to raise from ``error``.
        """
        return cls(
            type_name=type_name(type(error)),
            func_name=func_name,
            where="body",
            chain=(),
            error=_cause_line(error),
            filename=filename,
            lineno=lineno,
            source_lines=tuple(source_lines),
            in_function=in_function,
        )


class InternalHashError(_HashFailure):
    """Hashing failed for a reason other than an unhashable type or a user hash function.

    For example a file argument whose path was deleted, or a value nested too deeply
    to walk. The original exception is chained as ``__cause__``.

    Attributes:
        type_name: Fully qualified name of the type being hashed when it failed.
        func_name: Name of the cached function.
        where: ``"arguments"``, ``"body"`` or ``"return value"``.
        chain: Descriptions of the objects from the offending one outwards.

    Examples:
        >>> import cachelib as st
        >>> st.InternalHashError.code
        'internal-hash-error'
    """

    code: ClassVar[str] = "internal-hash-error"
    title: ClassVar[str] = "Hashing failed for another reason"

    def _compose(self) -> str:
        return (
            f"{self._details.get('error', '')}\n\n"
            f"Hashing an object of type `{atom(self.type_name)}` in the {atom(self.where)} of "
            f"`{atom(self.func_name)}()` failed. If the object cannot be hashed the usual way, "
            "give its type a hash function of your own, returning what identifies the object, or "
            "`id` as here:\n\n" + self._hash_funcs_example() + "\n\n" + self._chain_text()
        )

    @classmethod
    def _build(
        cls,
        *,
        error: BaseException,
        type_name: str,
        func_name: str,
        where: str,
        chain: Sequence[str],
    ) -> InternalHashError:
        """Compose the error with its full message.

        Args:
            error: The exception raised while hashing.
            type_name: Fully qualified name of the type being hashed.
            func_name: Name of the cached function.
            where: ``"arguments"``, ``"body"`` or ``"return value"``.
            chain: Descriptions of the objects, innermost first.

        Returns:
            The error, ready to raise from ``error``.
        """
        return cls(
            type_name=type_name,
            func_name=func_name,
            where=where,
            chain=chain,
            error=_cause_line(error),
        )


class CacheError(_Message, CachelibError):
    """A persisted entry could not be written or read, and nothing else can be done.

    Recoverable faults (an unreadable entry, a full disk, a damaged secret key) only give
    a `CachePersistenceWarning`; this error is raised when going on would be unsafe.

    Attributes:
        message: What went wrong and what to do.

    Examples:
        >>> import cachelib as st
        >>> st.CacheError.code
        'cache-error'
    """

    code: ClassVar[str] = "cache-error"
    title: ClassVar[str] = "Persisted entries cannot be used safely"


class CachedObjectMutationWarning(CachelibWarning):
    """A cache hit found that the stored return value was mutated since it was stored.

    Emitted with `warnings.warn()` on every hit that finds the mutation; the
    mutated object is still returned. Decorate with ``allow_output_mutation=True`` when
    the mutation is intended.

    Attributes:
        func_name: Name of the cached function.

    Examples:
        >>> import warnings
        >>> import cachelib as st
        >>> @st.cache
        ... def numbers():
        ...     return [1, 2, 3]
        >>> numbers().append(4)
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     result = numbers()
        >>> result, caught[0].category.__name__
        ([1, 2, 3, 4], 'CachedObjectMutationWarning')
    """

    code: ClassVar[str] = "cached-object-mutation-warning"
    title: ClassVar[str] = "Legacy: a cached return value was changed after it was stored"

    def __init__(self, func_name: str, *, takes_arguments: bool = False) -> None:
        super().__init__()
        self.func_name = func_name
        self.takes_arguments = takes_arguments

    def _compose(self) -> str:
        name = atom(self.func_name)
        call = f"{name}(...)" if self.takes_arguments else f"{name}()"
        return (
            f"The return value of `{name}()` was mutated after it was cached.\n\n"
            f"A cached result is shared by every later call, so it should be treated as "
            f"read-only; this object, returned by `{name}()`, was changed outside "
            f"`{name}()`. The mutated object is returned.\n\n"
            "How to fix it:\n"
            "- remove the code that changes the returned object;\n"
            f"- or change a copy: {atom(f'`value = copy.deepcopy({call})`;')}\n"
            "- or, if the change is intended (a shared connection or model), decorate with "
            "`@st.cache(allow_output_mutation=True)`;\n"
            "- or, if the object changes on its own when it is used (an internal cache, a "
            "lazily computed attribute), give its type a `hash_funcs` function that hashes "
            "what identifies it."
        )


class CachePersistenceWarning(_Message, CachelibWarning):
    """A persisted entry could not be read or written; the cache carried on in memory.

    Emitted for an unreadable, truncated, tampered or foreign entry (counted as a miss:
    the function runs again and the entry is rewritten), for a return value that pickle
    cannot store, for a disk that is full or read-only (the value is still returned and
    kept in memory), and for a damaged or unsafe secret key (replaced by a new one).

    Attributes:
        message: What went wrong and what the cache did about it.

    Examples:
        >>> import cachelib as st
        >>> st.CachePersistenceWarning.code
        'cache-persistence-warning'
    """

    code: ClassVar[str] = "cache-persistence-warning"
    title: ClassVar[str] = "A persisted entry was unusable; the call went on as a miss"


class UnhashableParamError(CachelibError):
    """Modern API: an argument value cannot be hashed.

    Raised by ``cache_data`` and ``cache_resource`` when the value of a parameter has no
    hashing rule: a function or lambda, an instance of a plain class, a lock, a
    connection. The message names the parameter and shows the two fixes: a leading
    underscore on the parameter's name (the argument is then left out of the key), or
    ``hash_funcs``.

    Attributes:
        param_name: The parameter's name (``"*args"`` for extra positional arguments).
        type_name: Fully qualified name of the type that cannot be hashed.
        func_name: Name of the cached function.
        decorator: ``"st.cache_data"`` or ``"st.cache_resource"``.
        chain: Descriptions of the objects from the offending one outwards.

    Examples:
        >>> import threading
        >>> import cachelib as st
        >>> @st.cache_data
        ... def describe(lock):
        ...     return "a lock"
        >>> try:
        ...     describe(threading.RLock())
        ... except st.UnhashableParamError as error:
        ...     print(error.param_name, error.type_name)
        lock _thread.RLock
    """

    code: ClassVar[str] = "unhashable-param-error"
    title: ClassVar[str] = "An argument of a cache_data or cache_resource function cannot be hashed"

    def __init__(
        self,
        *,
        param_name: str,
        type_name: str,
        func_name: str,
        decorator: str,
        chain: Sequence[str] = (),
        reason: str = "",
    ) -> None:
        super().__init__()
        self.param_name = param_name
        self.type_name = type_name
        self.func_name = func_name
        self.decorator = decorator
        self.chain = tuple(chain)
        self.reason = reason

    def _compose(self) -> str:
        name, param, tp, deco = self.func_name, self.param_name, self.type_name, self.decorator
        reason = f" ({self.reason})" if self.reason else ""
        bare = param.lstrip("*")
        text = (
            f"Cannot hash the argument `{atom(param)}` of `{atom(name)}()`: an object of type "
            f"`{atom(tp)}`{reason}.\n\n"
            f"`@{atom(deco)}` hashes every argument to find the cached result. To leave this "
            "one out of the key, start the parameter's name with an underscore:\n\n"
            + _code([f"@{deco}", f"def {name}(_{bare}, ...):", "    ..."])
            + "\n\nCalls that differ only in that argument then share one result. To keep it "
            "in the key, give the type a function that returns what identifies such an object "
            "(numbers, strings, tuples or dicts of them), for example its attributes:\n\n"
            + _code([f'@{deco}(hash_funcs={{"{tp}": vars}})'])
        )
        if len(self.chain) > 1:
            text += "\n\nThe object was reached through this chain, innermost first:\n\n"
            text += _chain_lines(self.chain)
        return text


class UnserializableReturnValueError(CachelibError):
    """``cache_data``: the return value cannot be pickled.

    ``cache_data`` stores a pickled copy of the return value and gives every caller a
    fresh copy; a value that pickle refuses (a connection, a lock, a generator) cannot be
    stored that way. Raised after the function ran; nothing is cached. Shared objects
    belong in ``cache_resource``, which stores the object itself.

    Attributes:
        type_name: Fully qualified name of the return value's type.
        func_name: Name of the cached function.
        error: What pickle said.

    Examples:
        >>> import threading
        >>> import cachelib as st
        >>> @st.cache_data
        ... def make_lock():
        ...     return threading.Lock()
        >>> try:
        ...     make_lock()
        ... except st.UnserializableReturnValueError as error:
        ...     print(error.type_name)
        _thread.lock
    """

    code: ClassVar[str] = "unserializable-return-value-error"
    title: ClassVar[str] = "The return value of a cache_data function cannot be pickled"

    def __init__(self, *, type_name: str, func_name: str, error: str) -> None:
        super().__init__()
        self.type_name = type_name
        self.func_name = func_name
        self.error = error

    def _compose(self) -> str:
        name = self.func_name
        return (
            f"Cannot store the return value of `{atom(name)}()`, of type "
            f"`{atom(self.type_name)}`: pickle refuses it ({self.error}).\n\n"
            "`@st.cache_data` keeps a pickled copy of the value and gives every caller a "
            "fresh copy. Return plain data (numbers, strings, lists, dicts, frames) "
            "instead, or, for an object meant to be shared as it is (a connection, a "
            "model, a client), use `@st.cache_resource`:\n\n"
            + _code(["@st.cache_resource", f"def {name}(...):", "    ..."])
        )


class CachedFunctionReturnedAwaitableError(CachelibError):
    """Modern API: a function that is not ``async def`` returned an awaitable.

    Caching the awaitable would hand one coroutine to every caller, and a coroutine can be
    awaited only once. Decorate the ``async def`` function itself: its result is cached,
    and every call returns an awaitable of it.

    Attributes:
        type_name: Fully qualified name of the returned awaitable's type.
        func_name: Name of the cached function.
        decorator: ``"st.cache_data"`` or ``"st.cache_resource"``.

    Examples:
        >>> import cachelib as st
        >>> async def fetch():
        ...     return 1
        >>> @st.cache_data
        ... def start():
        ...     return fetch()
        >>> try:
        ...     start()
        ... except st.CachedFunctionReturnedAwaitableError as error:
        ...     print(error.type_name)
        builtins.coroutine
    """

    code: ClassVar[str] = "cached-function-returned-awaitable-error"
    title: ClassVar[str] = "A cached function that is not async returned an awaitable"

    def __init__(self, *, type_name: str, func_name: str, decorator: str) -> None:
        super().__init__()
        self.type_name = type_name
        self.func_name = func_name
        self.decorator = decorator

    def _compose(self) -> str:
        name, deco = self.func_name, self.decorator
        return (
            f"`{atom(name)}()` returned an awaitable (`{atom(self.type_name)}`), which cannot be "
            "cached: it can be awaited only once.\n\n"
            f"Cache the coroutine function itself: `@{atom(deco)}` on an {atom('`async def`')} "
            "caches its result, and each call returns an awaitable of it:\n\n"
            + _code([f"@{deco}", f"async def {name}(...):", "    ..."])
        )


class CachedStFunctionInBackgroundModeWarning(CachelibWarning):
    """Modern API: a function refreshed in the background writes output.

    With ``refresh_mode="background"`` a stale value is served while the function runs
    again in the background, so what it writes (``st.write``) cannot be shown with the
    value: it is not replayed on hits, in that mode only. Emitted when such a function
    writes output while it computes.

    Attributes:
        func_name: Name of the cached function.
        decorator: ``"st.cache_data"`` or ``"st.cache_resource"``.

    Examples:
        >>> import cachelib as st
        >>> st.CachedStFunctionInBackgroundModeWarning.code
        'cached-st-function-in-background-mode-warning'
    """

    code: ClassVar[str] = "cached-st-function-in-background-mode-warning"
    title: ClassVar[str] = "Output of a function refreshed in the background is not replayed"

    def __init__(self, *, func_name: str, decorator: str) -> None:
        super().__init__()
        self.func_name = func_name
        self.decorator = decorator

    def _compose(self) -> str:
        name = atom(self.func_name)
        return (
            f"`{name}()` wrote output while it computed, and it is cached with "
            f'`@{atom(self.decorator)}(refresh_mode="background")`: that output is not replayed '
            "on hits in this mode, because a refresh runs while the stale value is served."
            "\n\nMove the `st.write` calls out of the cached function, or use the default "
            '`refresh_mode="foreground"`, which replays them on every hit.'
        )
