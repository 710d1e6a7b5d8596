# Binds a call's arguments to the signature, defaults applied, so equivalent calls share a key.
"""Argument binding and the in-memory key of simple calls (contracts D9 and D13).

``f(1)``, ``f(x=1)`` and ``f()`` with a default ``x=1`` bind to the same values, in
parameter order, so they share one entry; the order of keyword arguments does not
matter. For the modern API, parameters whose name starts with ``_`` are left out. Calls
whose values are all ints, strings, bytes, booleans, None or floats get a type-tagged
tuple as their in-memory key, which skips hashing altogether (floats by their IEEE-754
bits, so ``0.0`` and ``-0.0``, and NaNs of different payloads, stay apart).
"""

from __future__ import annotations

import struct

TYPE_CHECKING = False
if TYPE_CHECKING:
    import inspect
    from collections.abc import Callable
    from typing import Any

_SIMPLE = frozenset({int, str, bytes, bool, type(None)})
_SIMPLE_OR_FLOAT = _SIMPLE | {float}

Bound = tuple["Any", ...]


class RawCall(tuple):  # type: ignore[type-arg]
    """The values of a call keyed as written: (positional arguments, sorted keywords).

    For callables without a signature, and wrappers called with more than they advertise.
    """

    __slots__ = ()

    names = ("*args", "**kwargs")
    """How error messages name the two values."""


_double_bits = struct.Struct("<d").pack
INLINE_LIMIT = 256
"""Longest string or bytes (and widest int, in bytes) kept as is in an in-memory key."""


class Binder:
    """Binds calls of one function.

    Args:
        func: The cached function.
        skip_private: Leave out the parameters whose name starts with ``_`` (modern API).
    """

    def __init__(self, func: Callable[..., Any], *, skip_private: bool = False) -> None:
        import inspect  # at decoration time, not at import time

        self._inspect = inspect
        plain_kinds = {inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD}
        try:
            self._signature: inspect.Signature | None = inspect.signature(func)
        except (TypeError, ValueError):  # some builtins have no signature
            self._signature = None
        # A wrapper (functools.wraps) advertises the wrapped signature, yet may accept more.
        self._own_signature: inspect.Signature | None = None
        if self._signature is not None and hasattr(func, "__wrapped__"):
            try:
                own = inspect.signature(func, follow_wrapped=False)
            except (TypeError, ValueError):
                own = None
            if own is not None and own != self._signature:
                self._own_signature = own
        params = list(self._signature.parameters.values()) if self._signature else []
        self._skip_private = skip_private
        kept = [p for p in params if not (skip_private and p.name.startswith("_"))]
        self.names: tuple[str, ...] = tuple(
            f"*{p.name}"
            if p.kind is inspect.Parameter.VAR_POSITIONAL
            else f"**{p.name}"
            if p.kind is inspect.Parameter.VAR_KEYWORD
            else p.name
            for p in kept
        )
        """The names of the bound values, in order (for error messages)."""
        self._keep: tuple[int, ...] | None = (
            tuple(i for i, p in enumerate(params) if p in kept) if len(kept) < len(params) else None
        )
        self._plain = self._signature is not None and all(p.kind in plain_kinds for p in params)
        self._names = tuple(p.name for p in params)
        self._keyword_names = frozenset(
            p.name for p in params if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        )
        self._defaults = tuple(p.default for p in params)
        self._empty = inspect.Parameter.empty
        self._count = len(params)
        self.takes_arguments = bool(params) or self._signature is None
        """Whether the function has parameters (to write calls as ``f()`` or ``f(...)``)."""

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Bound | None:
        """Return the call's values in parameter order, defaults applied.

        Args:
            args: Positional arguments of the call.
            kwargs: Keyword arguments of the call.

        Returns:
            The bound values, or None if the call does not fit the signature (the
            caller then calls the function, which raises Python's own TypeError).
        """
        if self._plain:
            if not kwargs and len(args) == self._count and self._keep is None:
                return args
            values = self._bind_plain(args, kwargs)
        elif self._signature is None:
            return self._raw(args, kwargs)
        else:
            values = self._bind_general(args, kwargs)
        if values is None:
            if self._own_signature is not None and self._fits_own(args, kwargs):
                # Fits the wrapper itself, not what it advertises: keyed on the raw call.
                return self._raw(args, kwargs)
            return None
        if self._keep is not None:
            return tuple(values[i] for i in self._keep)
        return values

    def _raw(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> RawCall:
        items = sorted(kwargs.items())
        if self._skip_private:
            items = [item for item in items if not item[0].startswith("_")]
        return RawCall((args, tuple(items)))

    def _fits_own(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        assert self._own_signature is not None
        try:
            self._own_signature.bind(*args, **kwargs)
        except TypeError:
            return False
        return True

    def _bind_general(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Bound | None:
        assert self._signature is not None
        try:
            bound = self._signature.bind(*args, **kwargs)
        except TypeError:
            return None
        bound.apply_defaults()
        values: list[Any] = []
        var_keyword = self._inspect.Parameter.VAR_KEYWORD
        for name, param in self._signature.parameters.items():
            value = bound.arguments[name]
            if param.kind is var_keyword:
                items = sorted(value.items())
                if self._skip_private:
                    items = [item for item in items if not item[0].startswith("_")]
                value = tuple(items)
            values.append(value)
        return tuple(values)

    def _bind_plain(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Bound | None:
        if len(args) > self._count:
            return None
        values = list(args)
        used = 0
        for index in range(len(args), self._count):
            name = self._names[index]
            if name in kwargs and name in self._keyword_names:
                values.append(kwargs[name])
                used += 1
            elif self._defaults[index] is not self._empty:
                values.append(self._defaults[index])
            else:
                return None
        if used != len(kwargs):
            return None  # an unknown keyword, or one that repeats a positional argument
        return tuple(values)


class _Plan:
    """What a call of one shape (its argument types) needs before its values make a key."""

    __slots__ = ("floats", "sized", "wide")

    def __init__(self, kinds: tuple[type, ...]) -> None:
        positions = tuple(enumerate(kinds))
        self.sized = tuple(i for i, kind in positions if kind is str or kind is bytes)
        """Positions of strings and bytes, whose length is checked."""
        self.wide = tuple(i for i, kind in positions if kind is int)
        """Positions of ints, whose width is checked."""
        self.floats = any(kind is float for kind in kinds)
        """Whether floats are replaced by their bits."""


def _plan(kinds: tuple[type, ...]) -> _Plan | None:
    """Return the plan of a simple call shape, or None for a shape that is not simple."""
    try:
        if not _SIMPLE_OR_FLOAT.issuperset(kinds):
            return None
    except Exception:  # a class whose metaclass cannot be hashed is not simple
        return None
    return _Plan(kinds)


_plans: dict[tuple[type, ...], _Plan | None] = {}
_WIDEST = 1 << (INLINE_LIMIT * 8)


def simple_key(values: Bound) -> tuple[Any, ...] | None:
    """Return the in-memory key of a call whose values are all simple and short, else None.

    The types are part of the key, so ``1``, ``1.0`` and ``True`` differ; floats are
    keyed by their IEEE-754 bits (``0.0`` and ``-0.0`` differ, as do NaNs of other
    signs or payloads; two NaNs with the same bits are one key). A string or bytes longer
    than `INLINE_LIMIT`, or a wider int, is not simple: it is digested, so that a key
    never keeps an argument alive.

    Args:
        values: Bound values.

    Returns:
        A hashable tuple, or None.
    """
    kinds = tuple(map(type, values))
    try:
        plan = _plans[kinds]
    except KeyError:
        plan = _plans[kinds] = _plan(kinds)
    except Exception:  # a class whose metaclass cannot be hashed is not simple
        return None
    if plan is None:
        return None
    for index in plan.sized:
        if len(values[index]) > INLINE_LIMIT:
            return None
    for index in plan.wide:
        if not -_WIDEST < values[index] < _WIDEST:
            return None
    if plan.floats:
        values = tuple(_double_bits(v) if type(v) is float else v for v in values)
    return (kinds, values)
