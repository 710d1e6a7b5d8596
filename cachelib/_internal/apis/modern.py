# What cache_data and cache_resource share: their key, their options, their decorator forms.
"""The part of Streamlit 1.67's ``st.cache_data`` / ``st.cache_resource`` common to both.

- The **function key** is the module, the qualified name and the function's source text
  (its bytecode where there is no source), computed when decorating: globals, closures
  and called functions are not part of it, so a result stays stale when they change.
- The **value key** hashes the bound arguments (defaults applied, D9) except parameters
  whose name starts with ``_``; functions and instances of plain classes cannot be hashed
  (`..hashing.modern`) and raise `cachelib.UnhashableParamError`, naming the parameter.
- What the function writes (``st.write``) on a miss is **replayed** on every hit.
- ``ttl`` takes seconds, a ``timedelta`` or a string (``"1h"``); ``scope="session"``
  keeps a separate cache (a plain process is one session); ``refresh_mode="background"``
  serves a stale value (up to twice the ``ttl``) while one refresh runs.
- A plain function that returns an awaitable raises
  `cachelib.CachedFunctionReturnedAwaitableError`; an ``async def`` is cached as such.
"""

from __future__ import annotations

import functools
import math

from .. import output
from ..digest import digest as digest_of
from ..errors import (
    CachedFunctionReturnedAwaitableError,
    CachedStFunctionInBackgroundModeWarning,
    UnhashableParamError,
    UnhashableTypeError,
    type_name,
    warn,
)
from ..lines import atom_repr, message
from ..options import (
    check_choice,
    check_duration,
    check_hash_funcs,
    check_max_entries,
    check_show_spinner,
)
from ..pipeline import Policy

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from ..errors import CachelibError, _HashFailure
    from ..hashing import HashFunc
    from ..pipeline import CachedFunction

SCOPES = ("global", "session")
REFRESH_MODES = ("foreground", "background")
HARD_TTL_FACTOR = 2.0
"""With ``refresh_mode="background"``, a stale entry is served until twice its ``ttl``."""


class ModernOptions:
    """The checked options shared by ``cache_data`` and ``cache_resource``."""

    __slots__ = (
        "hash_funcs",
        "max_entries",
        "refresh_mode",
        "scope",
        "show_spinner",
        "show_time",
        "ttl",
    )

    def __init__(
        self,
        *,
        ttl: object,
        max_entries: object,
        show_spinner: object,
        show_time: object,
        hash_funcs: object,
        scope: object,
        refresh_mode: object,
    ) -> None:
        self.ttl = check_duration(ttl)
        self.max_entries = check_max_entries(max_entries)
        self.show_spinner = check_show_spinner(show_spinner)
        self.show_time = bool(show_time)
        self.hash_funcs: dict[str, HashFunc] = check_hash_funcs(hash_funcs)
        self.scope = check_choice("scope", scope, SCOPES)
        self.refresh_mode = check_choice("refresh_mode", refresh_mode, REFRESH_MODES)
        if self.refresh_mode == "background" and not 0 < self.ttl < math.inf:
            raise ValueError(
                message(
                    ValueError,
                    'refresh_mode="background" needs a ttl of more than zero: it serves the '
                    "stale value while a refresh runs, once the ttl has passed",
                )
            )


def check_background(options: ModernOptions, func: Callable[..., Any], **conflicts: object) -> None:
    """Refuse ``refresh_mode="background"`` with an ``async def`` or a conflicting option.

    Args:
        options: The checked options.
        func: The function being decorated.
        **conflicts: Options that must be unset in background mode, by name.

    Raises:
        ValueError: A conflict.
    """
    if options.refresh_mode != "background":
        return
    import inspect

    if inspect.iscoroutinefunction(func):
        raise ValueError(
            message(ValueError, 'refresh_mode="background" cannot be used with an async function')
        )
    for name, value in conflicts.items():
        if value is not None:
            raise ValueError(
                message(
                    ValueError,
                    f'refresh_mode="background" cannot be used with {name}={atom_repr(value)}: a '
                    "persisted entry does not expire",
                )
            )


def source_key(func: Callable[..., Any], api: str) -> bytes:
    """Return the modern function key: module, qualified name and source text.

    Args:
        func: The function.
        api: ``"data"`` or ``"resource"`` (their caches never meet).

    Returns:
        A 16-byte digest.
    """
    import inspect

    try:
        text = inspect.getsource(func).encode()
    except (OSError, TypeError):  # no source file (python -c, exec): the bytecode
        code = getattr(inspect.unwrap(func), "__code__", None)
        text = _code_text(code) if code is not None else b""
    module = getattr(func, "__module__", None)
    qualname = getattr(func, "__qualname__", None)
    return digest_of(repr((api, module, qualname)).encode() + b"\0" + text)


def _code_text(code: Any) -> bytes:
    parts = [code.co_code, repr(code.co_names).encode()]
    for const in code.co_consts:
        parts.append(_code_text(const) if hasattr(const, "co_code") else repr(const).encode())
    return b"\0".join(parts)


class ModernPolicy(Policy):
    """What ``cache_data`` and ``cache_resource`` share (each subclasses it)."""

    replays = True
    skips_private = True

    def __init__(self, func: Callable[..., Any], options: ModernOptions) -> None:
        import inspect

        if inspect.isasyncgenfunction(func):
            raise TypeError(
                message(
                    TypeError,
                    f"{self.decorator.removeprefix('st.')}() cannot cache the async generator "
                    f"function `{getattr(func, '__qualname__', func)}`: its result is consumed as "
                    "it is produced. Cache a coroutine function that returns a list instead.",
                )
            )
        super().__init__(func)
        self.options = options
        self.scope = options.scope
        from ..hashing import Hasher

        self.arguments = Hasher(options.hash_funcs, "arguments", self.name, modern=True)
        if options.refresh_mode == "background":
            self.fresh_for = options.ttl
            self.ttl = options.ttl * HARD_TTL_FACTOR
        else:
            self.ttl = options.ttl

    def function_key(self) -> bytes:
        """Module, qualified name and source text (when decorating)."""
        return source_key(self.func, self.api)

    def translate(self, error: _HashFailure, param: str) -> CachelibError:
        """An unhashable argument becomes `UnhashableParamError`, naming the parameter."""
        if isinstance(error, UnhashableTypeError):
            return UnhashableParamError(
                param_name=param,
                type_name=error.type_name,
                func_name=self.name,
                decorator=self.decorator,
                chain=error.chain,
                reason=str(error._details.get("reason", "")),
            )
        error.decorator = self.decorator
        return error

    def spinner_text(self, takes_arguments: bool) -> tuple[str, str | None] | None:
        """The spinner of the outermost cached function only, as in 1.67."""
        show = self.options.show_spinner
        if show is False or output.recording_depth() > 0:
            return None
        label = self.labels[takes_arguments]
        text = show if isinstance(show, str) else f"Running {label}."
        return text, (f"Finished {label}" if self.options.show_time else None)

    def refuse_awaitable(self, value: Any) -> None:
        """Raise if a plain function returned an awaitable (closing an unstarted coroutine).

        Args:
            value: The function's return value.

        Raises:
            CachedFunctionReturnedAwaitableError: ``value`` is awaitable.
        """
        import inspect

        if not inspect.isawaitable(value) or inspect.iscoroutinefunction(self.func):
            return
        if inspect.iscoroutine(value) and inspect.getcoroutinestate(value) == "CORO_CREATED":
            value.close()
        raise CachedFunctionReturnedAwaitableError(
            type_name=type_name(type(value)), func_name=self.name, decorator=self.decorator
        )

    def check_lines(self, lines: list[str]) -> tuple[str, ...]:
        """Return the lines to replay; in background mode none, with a warning if any."""
        if self.options.refresh_mode == "background":
            if lines:
                warn(
                    CachedStFunctionInBackgroundModeWarning(
                        func_name=self.name, decorator=self.decorator
                    )
                )
            return ()
        return tuple(lines)


def decorator_forms(
    func: Callable[..., Any] | None, decorate: Callable[[Callable[..., Any]], Any]
) -> Any:
    """Apply ``decorate`` now (``@cache_data``, ``cache_data(f)``) or later (``@cache_data()``).

    Args:
        func: The function, or None when the decorator was called with options.
        decorate: Makes the cached function.

    Returns:
        The cached function, or the decorator.
    """
    return decorate if func is None else decorate(func)


class CachedFunc:
    """A function cached by ``cache_data`` or ``cache_resource``: call it, or clear it.

    Each cached function gets its own subclass whose ``__call__`` is the pipeline's wrapper
    itself, so a call costs no extra frame. Used as a method, it binds the instance as a
    plain function would, and ``obj.method.clear(x)`` clears the entry of ``obj.method(x)``.
    """

    __cachelib_state__: CachedFunction

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        return self if instance is None else BoundCachedFunc(self, instance)

    def clear(self, *args: Any, **kwargs: Any) -> None:
        """Remove this function's entries, or only the one of these arguments.

        Args:
            *args: Positional arguments of the call whose entry to remove.
            **kwargs: Keyword arguments of that call.
        """
        self.__cachelib_state__.clear(args, kwargs)


class BoundCachedFunc:
    """A cached method of one instance (what ``obj.method`` returns)."""

    __slots__ = ("_func", "_instance")

    def __init__(self, func: CachedFunc, instance: object) -> None:
        self._func = func
        self._instance = instance

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._func(self._instance, *args, **kwargs)  # type: ignore[operator]

    def clear(self, *args: Any, **kwargs: Any) -> None:
        """Remove the entry of ``obj.method(*args, **kwargs)``; without arguments, all of them.

        Args:
            *args: Positional arguments of the call (the instance is added).
            **kwargs: Keyword arguments of that call.
        """
        if args or kwargs:
            self._func.clear(self._instance, *args, **kwargs)
        else:
            self._func.clear()


def cached_func(wrapper: Callable[..., Any]) -> CachedFunc:
    """Return the public cached function for a wrapper from `..pipeline.wrap`.

    Args:
        wrapper: The wrapper (a function carrying ``__cachelib_state__``).

    Returns:
        An instance of a `CachedFunc` subclass made for it.
    """
    kind = type("CachedFunc", (CachedFunc,), {"__call__": staticmethod(wrapper)})
    cached: CachedFunc = kind()
    state = wrapper.__cachelib_state__  # type: ignore[attr-defined]
    try:
        functools.update_wrapper(cached, state.func)  # type: ignore[arg-type]
    except AttributeError:  # callables without the usual attributes
        cached.__wrapped__ = state.func  # type: ignore[attr-defined]
    cached.__cachelib_state__ = state
    return cached
