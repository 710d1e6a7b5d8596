# Hashes functions: the user's own by body and referenced values, library code by name.
"""Function and code hashing.

The user's own functions are hashed by their body: bytecode, constants (nested code
included), the names they use, defaults, and the current values of what the body refers
to (globals, closure cells, imported modules, and attribute chains such as
``CONFIG.url``, resolved with ``getattr`` when the key is computed). Helper functions
of the user's code are hashed the same way, recursively. Library functions are hashed
by module and qualified name.
"""

from __future__ import annotations

import sys
import threading
import types
from typing import TYPE_CHECKING, Any

import xxhash

from ..errors import UserHashError, _HashFailure
from .markers import meta, tagged
from .usercode import is_user_code

if TYPE_CHECKING:
    from .encoder import Hasher
    from .rules import Reduction

_NOTHING: Any = object()
_GLOBAL_LOADS = frozenset({"LOAD_GLOBAL", "LOAD_NAME"})
_CELL_LOADS = frozenset({"LOAD_DEREF", "LOAD_CLOSURE", "LOAD_CLASSDEREF"})
_ATTR_LOADS = frozenset({"LOAD_ATTR", "LOAD_METHOD", "IMPORT_FROM"})


class _Context:
    """Where the names of a body are looked up."""

    __slots__ = ("cells", "func", "globals")

    def __init__(self, func: types.FunctionType) -> None:
        self.func = func
        self.globals: dict[str, Any] = func.__globals__
        self.cells: dict[str, Any] = {}
        for name, cell in zip(func.__code__.co_freevars, func.__closure__ or (), strict=False):
            try:
                self.cells[name] = cell.cell_contents
            except ValueError:  # an empty cell
                self.cells[name] = name


class FunctionHasher:
    """Reduces functions, methods and code objects for the hasher.

    Args:
        hasher: The hasher that digests the values a body refers to.
    """

    def __init__(self, hasher: Hasher) -> None:
        self._hasher = hasher
        self._local = threading.local()

    def _active(self) -> list[types.CodeType]:
        active: list[types.CodeType] | None = getattr(self._local, "active", None)
        if active is None:
            active = self._local.active = []
        return active

    def reduce(self, obj: Any) -> Reduction:
        """Return the reduction of a function, method or code object.

        Args:
            obj: A function, bound method or code object.

        Returns:
            The reduction that the pickler writes in its place.
        """
        if isinstance(obj, types.MethodType):
            return tagged, (b"method", obj.__func__, obj.__self__)
        if isinstance(obj, types.CodeType):
            return tagged, (b"code", self.body_digest(None, obj))
        wrapped = getattr(obj, "__wrapped__", None)
        if wrapped is not None and wrapped is not obj:
            return tagged, (b"wrapped", wrapped)
        module = getattr(obj, "__module__", None)
        qualname = getattr(obj, "__qualname__", None)
        if not is_user_code(obj.__code__.co_filename):
            return tagged, (b"function", meta(module, qualname))
        return tagged, (b"function", meta(module, qualname), self.function_digest(obj))

    def function_digest(self, func: types.FunctionType) -> bytes:
        """Return the digest of a user function's body, defaults and references.

        Args:
            func: A Python function.

        Returns:
            The 16-byte digest.
        """
        hasher = xxhash.xxh3_128()
        hasher.update(self.body_digest(_Context(func), func.__code__))
        hasher.update(self._hasher.digest((func.__defaults__, func.__kwdefaults__)))
        return hasher.digest()

    def body_digest(self, context: _Context | None, code: types.CodeType) -> bytes:
        """Return the digest of a code object and of the values it refers to.

        Args:
            context: Where names are looked up, or None for a bare code object.
            code: The code object.

        Returns:
            The 16-byte digest.
        """
        active = self._active()
        if code in active:  # recursion: refer to the frame being hashed by its depth
            return xxhash.xxh3_128_digest(b"recursive:%d" % active.index(code))
        active.append(code)
        try:
            hasher = xxhash.xxh3_128(code.co_code)
            hasher.update(repr(code.co_names).encode())
            digest = self._hasher.digest
            for const in code.co_consts:
                if isinstance(const, types.CodeType):
                    hasher.update(self.body_digest(context, const))
                elif not (isinstance(const, str) and const.endswith(".<lambda>")):
                    hasher.update(digest(const))
            if context is not None:
                for label, ref in self._references(context, code):
                    try:
                        hasher.update(digest(ref))
                    except _HashFailure as failure:
                        where = f"`{label}`, used in `{context.func.__qualname__}()`"
                        raise failure._within(where) from failure.__cause__
            return hasher.digest()
        finally:
            active.pop()

    def _references(self, context: _Context, code: types.CodeType) -> list[tuple[str, Any]]:
        """Return ``(how the body names it, value)`` for each value the body refers to."""
        import dis  # only when a body is hashed, not at import time

        refs: list[tuple[str, Any]] = []
        label, tos = "", _NOTHING  # the value being built by a chain of loads, and its name
        aliases: dict[str, tuple[str, Any]] = {}
        line: int | None = code.co_firstlineno
        for instr in dis.get_instructions(code):
            line = _line_of(instr, line)
            op, name = instr.opname, instr.argval
            try:
                if op in _GLOBAL_LOADS or op in _CELL_LOADS or op == "IMPORT_NAME":
                    if tos is not _NOTHING:
                        refs.append((label, tos))
                    if op == "IMPORT_NAME":
                        tos = sys.modules.get(name, name)
                    elif op in _CELL_LOADS:
                        tos = context.cells.get(name, name)
                    else:
                        tos = context.globals.get(name, name)
                    label = name
                elif op in _ATTR_LOADS:
                    if tos is _NOTHING:
                        refs.append((name, name))
                    elif isinstance(tos, str):
                        tos = f"{tos}.{name}"
                    else:
                        tos = getattr(tos, name)
                    label = f"{label}.{name}" if tos is not _NOTHING else label
                elif op == "STORE_FAST" and tos is not _NOTHING:
                    aliases[name] = (label, tos)
                    refs.append((label, tos))
                    tos = _NOTHING
                elif op == "LOAD_FAST" and name in aliases:
                    if tos is not _NOTHING:
                        refs.append((label, tos))
                    label, tos = aliases[name]
                elif tos is not _NOTHING:
                    refs.append((label, tos))
                    tos = _NOTHING
            except Exception as error:
                raise self._body_error(error, context, code, line) from error
        if tos is not _NOTHING:
            refs.append((label, tos))
        return refs

    def _body_error(
        self, error: Exception, context: _Context, code: types.CodeType, line: int | None
    ) -> UserHashError:
        import linecache

        filename = code.co_filename
        lines: list[str] = []
        if line is not None:
            text = linecache.getline(filename, line, context.globals).strip()
            if text:
                lines.append(text)
        return UserHashError._from_body(
            error=error,
            func_name=self._hasher.func_name,
            in_function=context.func.__qualname__,
            filename=filename,
            lineno=line,
            source_lines=lines,
        )


def _line_of(instr: Any, previous: int | None) -> int | None:
    positions = getattr(instr, "positions", None)
    if positions is not None and positions.lineno is not None:
        return int(positions.lineno)
    starts = instr.starts_line
    if isinstance(starts, int) and not isinstance(starts, bool):
        return starts
    return previous
