# Hashes functions: the user's own by body and referenced values, library code by name.
"""Function and code hashing.

The user's own functions are hashed by their body: bytecode, constants (nested code
included), the names they use, defaults, and the current values of what the body refers
to (globals, closure cells, imported modules, and attribute chains such as
``CONFIG.url``, resolved with ``getattr`` when the key is computed). Helper functions
of the user's code are hashed the same way, recursively. A user function is hashed by
what it does, not by its name: two functions of the same code and defaults are one key
(the cached function's own name is added to its key by the caller).

Library functions are hashed by module and qualified name, builtin functions and methods
(``len``, ``conn.execute``, ``random.random``, ``big_dict.get``) by their name: the object
a method is bound to is never hashed. A user method is hashed by its code, with its first
parameter (``self``) standing for the object it is bound to, so that the attributes the
body reads count and the rest of the object does not; where ``hash_funcs`` covers the
object's type, the object is hashed through that function instead. A wrapper that sets
``__wrapped__`` (``functools.wraps``, ``functools.lru_cache``) is hashed through the
function it wraps.
"""

from __future__ import annotations

import threading
import types
from typing import TYPE_CHECKING, Any

from ..digest import digest as digest_of
from ..digest import stream as hash_stream
from ..errors import UserHashError, _HashFailure, type_name
from .markers import meta, tagged
from .usercode import is_user_code

if TYPE_CHECKING:
    from .encoder import Hasher

_NOTHING: Any = object()
_GLOBAL_LOADS = frozenset({"LOAD_GLOBAL", "LOAD_NAME"})
_CELL_LOADS = frozenset({"LOAD_DEREF", "LOAD_CLOSURE", "LOAD_CLASSDEREF"})
_ATTR_LOADS = frozenset({"LOAD_ATTR", "LOAD_METHOD", "IMPORT_FROM"})
_CONST_LOADS = frozenset({"LOAD_CONST", "LOAD_SMALL_INT"})
_UNWRAP_LIMIT = 100
_MODULE_BUILTINS: dict[Any, tuple[Any, tuple[bytes, bytes]]] = {}  # len, math.sqrt, ...
_MODULE_BUILTINS_LIMIT = 4096


class _Context:
    """Where the names of a body are looked up.

    Args:
        func: The function whose body is hashed.
        bound: The object a method is bound to, or ``_NOTHING``: its first parameter
            then stands for that object, as a local alias does.
    """

    __slots__ = ("bound", "cells", "func", "globals")

    def __init__(self, func: types.FunctionType, bound: Any = _NOTHING) -> None:
        self.func = func
        self.globals: dict[str, Any] = func.__globals__
        self.cells: dict[str, Any] = {}
        for name, cell in zip(func.__code__.co_freevars, func.__closure__ or (), strict=False):
            try:
                self.cells[name] = cell.cell_contents
            except ValueError:  # an empty cell
                self.cells[name] = name
        code = func.__code__
        self.bound: dict[str, tuple[str, Any]] = {}
        if bound is not _NOTHING and code.co_argcount:
            first = code.co_varnames[0]
            self.bound[first] = (first, bound)


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

    def reduce(self, obj: Any) -> Any:
        """Return the reduction of a function, method, wrapper or code object.

        Args:
            obj: A function, bound method, code object, or an object with ``__wrapped__``.

        Returns:
            The reduction that the pickler writes in its place, or ``NotImplemented``
            (pickle's own) for a wrapper type whose object wraps nothing.
        """
        if isinstance(obj, types.CodeType):
            return tagged, (b"code", self.body_digest(None, obj))
        bound = _NOTHING
        target = obj
        if isinstance(obj, types.MethodType):
            bound, target = obj.__self__, obj.__func__  # the object is never hashed as a whole
        target = _unwrap(target)
        if not isinstance(target, types.FunctionType):  # a builtin, a partial, a class...
            return NotImplemented if target is obj else (tagged, (b"wrapped", target))
        if not is_user_code(target.__code__.co_filename):
            return tagged, (b"library-function", _name_of(target))
        if bound is not _NOTHING and self._covered(bound):  # the user said how to hash it
            return tagged, (b"user-method", self.function_digest(target), bound)
        return tagged, (b"user-function", self.function_digest(target, bound))

    def _covered(self, obj: object) -> bool:
        funcs = self._hasher.rules.hash_funcs
        return bool(funcs) and type_name(type(obj)) in funcs

    def function_digest(self, func: types.FunctionType, bound: Any = _NOTHING) -> bytes:
        """Return the digest of a user function's body, defaults and references.

        Args:
            func: A Python function.
            bound: The object ``func`` is bound to as a method, if it is one.

        Returns:
            The 16-byte digest.
        """
        hasher = hash_stream()
        hasher.update(self.body_digest(_Context(func, bound), func.__code__))
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
            return digest_of(b"recursive:%d" % active.index(code))
        active.append(code)
        try:
            hasher = hash_stream(code.co_code)
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
        # A method's first parameter stands for the object it is bound to.
        aliases = dict(context.bound) if code is context.func.__code__ else {}
        line: int | None = code.co_firstlineno
        consts: tuple[Any, Any] = (0, None)  # the last two constants: an import's level, fromlist
        for instr in dis.get_instructions(code):
            line = _line_of(instr, line)
            op, name = instr.opname, instr.argval
            try:
                if op in _GLOBAL_LOADS or op in _CELL_LOADS or op == "IMPORT_NAME":
                    if tos is not _NOTHING:
                        refs.append((label, tos))
                    if op == "IMPORT_NAME":
                        tos = _imported(name, *consts, context.globals)
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
                    # Remembered, not hashed: `c = CONN; c.execute(...)` uses the method only.
                    aliases[name] = (label, tos)
                    tos = _NOTHING
                elif op == "LOAD_FAST" and name in aliases:
                    if tos is not _NOTHING:
                        refs.append((label, tos))
                    label, tos = aliases[name]
                elif tos is not _NOTHING:
                    refs.append((label, tos))
                    tos = _NOTHING
                if op in _CONST_LOADS:
                    consts = (consts[1], name)
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


def _imported(name: str, level: Any, fromlist: Any, globals_: dict[str, Any]) -> Any:
    """Return what an import statement of a body binds, importing it now as the body would.

    Hashing the module itself, whether or not the body ran already, keeps the key of the
    first call equal to the key of the next ones. A module that cannot be imported stands
    for itself by its name.
    """
    if not isinstance(level, int) or isinstance(level, bool):
        level = 0
    if not (fromlist is None or isinstance(fromlist, tuple)):
        fromlist = None
    try:
        return __import__(name, globals_, None, fromlist, level)
    except ImportError:
        return "." * level + name


def _unwrap(obj: Any) -> Any:
    """Follow ``__wrapped__`` to the innermost function (a loop of wrappers stops at its end)."""
    seen = {id(obj)}
    while True:
        wrapped = getattr(obj, "__wrapped__", None)
        if wrapped is None or id(wrapped) in seen or len(seen) > _UNWRAP_LIMIT:
            return obj
        seen.add(id(wrapped))
        obj = wrapped


def _name_of(obj: Any) -> bytes:
    """Module and qualified name of a function, as the key of a library function."""
    module = getattr(obj, "__module__", None)
    if module is None:  # a method descriptor: the module of the class that defines it
        module = getattr(getattr(obj, "__objclass__", None), "__module__", None)
    return meta(module, getattr(obj, "__qualname__", None))


def reduce_named(obj: Any) -> Any:
    """Reduce a routine that wraps nothing (``str.lower``, a Cython function) to its name.

    Args:
        obj: An instance of a callable descriptor type without ``__wrapped__``.

    Returns:
        The reduction, or ``NotImplemented`` (pickle's) for an object that has no name
        of its own, such as an instance of a decorator class.
    """
    if not isinstance(getattr(obj, "__qualname__", None), str):
        return NotImplemented
    return tagged, (b"library-function", _name_of(obj))


def reduce_builtin(obj: Any) -> Any:
    """Reduce a builtin function or method to its name (never the object it is bound to).

    ``conn.execute``, ``random.random`` or ``big_dict.get`` met in a body are keyed by the
    owner type's qualified name and the method's name, so a connection is not refused, a
    random generator's state does not change the key on every call, and a big dict is not
    hashed in full. The marker of cachelib's own reductions is left to pickle.

    Args:
        obj: A builtin function, a builtin method or a method-wrapper.

    Returns:
        The reduction, or ``NotImplemented`` for the marker itself.
    """
    if obj is tagged:
        return NotImplemented
    owner = getattr(obj, "__self__", None)
    if owner is None or isinstance(owner, types.ModuleType):  # a module's function: lasts
        reduction = _MODULE_BUILTINS.get(obj)
        if reduction is None:
            if len(_MODULE_BUILTINS) >= _MODULE_BUILTINS_LIMIT:
                _MODULE_BUILTINS.clear()
            reduction = _MODULE_BUILTINS[obj] = (tagged, (b"builtin", _name_of(obj)))
        return reduction
    owner_type = owner if isinstance(owner, type) else type(owner)
    qualname = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
    return tagged, (b"builtin-method", meta(owner_type.__module__, qualname))


def is_function_like(tp: type) -> bool:
    """Return whether instances of ``tp`` are callables that bind like functions.

    ``functools.lru_cache`` wrappers, ``staticmethod`` objects and decorator classes are
    callable descriptors without ``__set__``; when such an object has ``__wrapped__``, it
    is hashed as the function it wraps.

    Args:
        tp: A type that is not a function, method, class or module type.

    Returns:
        True for callable, non-data descriptor types.
    """
    names: set[str] = set()
    for klass in getattr(tp, "__mro__", ()):
        names.update(vars(klass))
    return "__call__" in names and "__get__" in names and not names & {"__set__", "__delete__"}


def _line_of(instr: Any, previous: int | None) -> int | None:
    positions = getattr(instr, "positions", None)
    if positions is not None and positions.lineno is not None:
        return int(positions.lineno)
    starts = instr.starts_line
    if isinstance(starts, int) and not isinstance(starts, bool):
        return starts
    return previous
