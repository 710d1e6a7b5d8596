# The hashing rules: which reduction each type gets, including the user's hash_funcs.
"""Per-type hashing rules.

A `RuleSet` maps a type to a *rule*: a function that turns an object into a
canonical reduction ``(marker, parts)`` for the pickler, or ``None`` when pickle's own
reduction (protocol 5) is the rule. Rules are resolved once per type and remembered.
The user's ``hash_funcs`` are matched on the exact fully qualified name of the type.
"""

from __future__ import annotations

import io
import os
import sys
import types
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import _HashFailure, type_name
from .code import is_function_like, reduce_builtin, reduce_named
from .markers import meta, tagged

Reduction = tuple[Any, tuple[Any, ...]]
Rule = Callable[[Any], Reduction]
HashFunc = Callable[[Any], Any]

# Types the C pickler writes itself, without ever asking reducer_override about them.
PICKLER_NATIVE_TYPES: frozenset[type] = frozenset(
    {
        type(None),
        bool,
        int,
        float,
        str,
        bytes,
        bytearray,
        dict,
        list,
        tuple,
        set,
        frozenset,
    }
)
# Types whose pickled order depends on the hash seed: they need the canonical pass.
UNORDERED_TYPES: frozenset[type] = frozenset({set, frozenset})
# hash_funcs never apply to bytes (as in Streamlit, their content is the hash).
_BYTES_TYPES = (bytes, bytearray)

_MOCK_TYPES = frozenset(
    {
        "unittest.mock.Mock",
        "unittest.mock.MagicMock",
        "unittest.mock.NonCallableMock",
        "unittest.mock.NonCallableMagicMock",
        "unittest.mock.AsyncMock",
    }
)
_FFI_TYPES = frozenset({"_cffi_backend.FFI", "builtins.CompiledFFI"})


class Refused(TypeError):
    """A rule's verdict that this object cannot be hashed (an UnhashableTypeError)."""


class HashFuncCalled(Exception):
    """Internal: a user hash function raised; carries what the error message needs."""

    def __init__(
        self,
        error: BaseException,
        hash_func: HashFunc,
        obj: object,
        returned: _HashFailure | None = None,
    ) -> None:
        super().__init__(str(error))
        self.error = error
        self.hash_func = hash_func
        self.obj = obj
        self.returned = returned
        """Set when the function returned a value that could not be hashed."""


def normalize_hash_funcs(hash_funcs: Mapping[Any, HashFunc] | None) -> dict[str, HashFunc]:
    """Turn ``hash_funcs`` keys into fully qualified type names.

    Args:
        hash_funcs: The decorator's ``hash_funcs`` (already validated).

    Returns:
        A dict from fully qualified type name to hash function.
    """
    if not hash_funcs:
        return {}
    return {
        (key if isinstance(key, str) else type_name(key)): func for key, func in hash_funcs.items()
    }


def _module_rule(module: types.ModuleType) -> Reduction:
    return tagged, (b"module", module.__name__.encode())


def _class_rule(cls: type) -> Reduction:
    return tagged, (b"class", meta(cls.__module__, cls.__qualname__))


def _singleton_rule(obj: object) -> Reduction:
    return tagged, (b"singleton", repr(obj).encode())


def _identity_rule(obj: object) -> Reduction:
    return tagged, (b"identity", meta(id(obj)))


def _constant_rule(obj: object) -> Reduction:
    return tagged, (b"constant", type_name(type(obj)).encode())


def _mapping_view_rule(obj: Any) -> Reduction:
    return tagged, (type_name(type(obj)).encode(), dict(obj))


def _getset_rule(obj: Any) -> Reduction:
    return tagged, (b"descriptor", str(obj.__qualname__).encode())


def _file_rule(obj: Any) -> Any:
    name = getattr(obj, "name", None)
    if not isinstance(name, (str, bytes, os.PathLike)):
        raise Refused(
            "an open file is hashed by its path, modification time and position, and this "
            "one has no path"
        )
    return tagged, (b"file", meta(os.fsdecode(name), os.path.getmtime(name), obj.tell()))


def _is_real_file(tp: type) -> bool:
    if issubclass(tp, (io.StringIO, io.BytesIO)):
        return False
    if issubclass(tp, io.IOBase):
        return True
    # No temporary file can exist unless tempfile was imported: never import it here.
    tempfile = sys.modules.get("tempfile")
    return tempfile is not None and issubclass(tp, tempfile._TemporaryFileWrapper)


class RuleSet:
    """The rules in force for one cached function.

    Args:
        hash_funcs: ``hash_funcs`` keyed by fully qualified type name.
        digest_default: Digests a value with the default rules (no ``hash_funcs``);
            used to hash what a user hash function returns (contract D10).
        function_rule: Reduces a function or code object (body hashing).
        digest_member: Digests an element of a set subclass.
        fallback: The rule of a type that no other rule covers; None: pickle's reduction.
    """

    def __init__(
        self,
        hash_funcs: dict[str, HashFunc],
        digest_default: Callable[[object], bytes] | None,
        function_rule: Callable[[Any], Reduction],
        digest_member: Callable[[object], bytes],
        fallback: Rule | None = None,
    ) -> None:
        self.hash_funcs = hash_funcs
        self._digest_default = digest_default
        self._function_rule = function_rule
        self._digest_member = digest_member
        self._fallback = fallback
        self._rules: dict[type, Rule | None] = {}
        native = {tp for tp in PICKLER_NATIVE_TYPES if type_name(tp) in hash_funcs}
        self.native_overrides: frozenset[type] = frozenset(native - set(_BYTES_TYPES))
        """Native types covered by ``hash_funcs``: only the canonical pass sees them."""

    def rule_for(self, tp: type) -> Rule | None:
        """Return the rule for objects of type ``tp`` (``None``: pickle's reduction).

        Args:
            tp: The exact type of an object.

        Returns:
            The rule, or None.
        """
        try:
            return self._rules[tp]
        except KeyError:
            rule = self._resolve(tp)
            self._rules[tp] = rule
            return rule
        except Exception:  # a class whose metaclass cannot be hashed: resolved each time
            return self._resolve(tp)

    def is_native_override(self, tp: type) -> bool:
        """Return whether ``hash_funcs`` covers ``tp``, a type the pickler writes itself.

        Args:
            tp: A type.

        Returns:
            True if the canonical pass must apply a hash function to it.
        """
        return any(tp is native for native in self.native_overrides)

    def hash_func_rule(self, func: HashFunc, fqn: str) -> Rule:
        """Build the rule that applies a user hash function.

        Args:
            func: The user's hash function.
            fqn: The fully qualified name of the type it covers.

        Returns:
            A rule reducing an object to the digest of ``func(obj)``.
        """
        digest_default = self._digest_default
        assert digest_default is not None

        def apply(obj: object) -> Reduction:
            try:
                result = func(obj)
            except Exception as error:
                raise HashFuncCalled(error, func, obj) from error
            try:
                digest = digest_default(result)
            except _HashFailure as error:
                returned = TypeError(
                    f"the hash function returned an unhashable `{error.type_name}`"
                )
                raise HashFuncCalled(returned, func, obj, returned=error) from error
            return tagged, (b"hash_funcs", fqn.encode(), digest)

        return apply

    def _wrapper_rule(self, obj: Any) -> Any:
        # lru_cache, staticmethod, a decorator object: hashed as the function they wrap.
        wrapped = getattr(obj, "__wrapped__", None)
        if wrapped is not None and wrapped is not obj:
            return self._function_rule(obj)
        if self._fallback is not None:
            return self._fallback(obj)
        return reduce_named(obj)  # str.lower, a Cython function: by name

    def _set_subclass_rule(self, obj: Any) -> Reduction:
        # Pickle lists a set's elements in iteration order, which depends on the hash seed.
        digests = sorted(self._digest_member(item) for item in obj)
        state = getattr(obj, "__dict__", None)
        return tagged, (
            b"set-subclass",
            meta(type(obj).__module__, type(obj).__qualname__),
            b"".join(digests),
            state,
        )

    def _resolve(self, tp: type) -> Rule | None:
        fqn = type_name(tp)
        if fqn in _MOCK_TYPES:
            return _identity_rule
        if issubclass(tp, _BYTES_TYPES):
            return None
        func = self.hash_funcs.get(fqn)
        if func is not None:
            return self.hash_func_rule(func, fqn)
        if "numpy" in sys.modules:
            # Matched by class, not by name: pandas 3 reports `pandas.DataFrame` where pandas
            # 2 reports `pandas.core.frame.DataFrame`, and subclasses (geopandas) live
            # elsewhere. No such object can exist before NumPy is imported.
            from . import data

            data_rule = data.rule_for(tp)
            if data_rule is not None:
                return data_rule
        if issubclass(tp, (set, frozenset)):  # a subclass: exact sets never reach a rule
            return self._set_subclass_rule
        if issubclass(tp, (types.FunctionType, types.MethodType, types.CodeType)):
            return self._function_rule
        if tp is types.BuiltinFunctionType or tp is types.MethodWrapperType:
            return reduce_builtin
        if issubclass(tp, type):
            return _class_rule
        if issubclass(tp, types.ModuleType):
            return _module_rule
        if is_function_like(tp):
            return self._wrapper_rule
        if fqn in _FFI_TYPES:
            return _constant_rule
        if tp is types.MappingProxyType or fqn == "builtins.dict_items":
            return _mapping_view_rule
        if tp is types.GetSetDescriptorType:
            return _getset_rule
        if tp is type(Ellipsis) or tp is type(NotImplemented):
            return _singleton_rule
        if _is_real_file(tp):
            return _file_rule
        return self._fallback
