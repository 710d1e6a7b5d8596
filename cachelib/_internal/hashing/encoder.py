# Streams the C pickler into xxh3-128: the fast, exact hash behind every cache key.
"""The hasher: values to 16-byte digests.

A value is written by the C pickler (protocol 5) straight into an xxh3-128 hasher, with
the type rules of `.rules` applied through ``reducer_override`` and large buffers
hashed in place, out of band. The pickler's memo is off ("fast" mode), so equal values
give equal streams whatever their sharing.

Two things the C pickler writes without consulting ``reducer_override``: sets, whose
order depends on the hash seed, and the builtin types, which ``hash_funcs`` may cover.
The fast pass records every object it visits (a C-level ``list.append``); when it met a
set, or when ``hash_funcs`` covers a builtin type, the value is encoded again in the
*canonical* pass, whose ``persistent_id`` sorts set elements by digest and applies
``hash_funcs`` to every object. Each pass tags its stream, so they never collide.

When hashing fails, `.explain` walks the value again, slowly, to name the object
that failed and the chain that led to it.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Callable
from typing import Any

from ..digest import digest as digest_of
from ..digest import stream as hash_stream
from ..errors import CachelibError
from . import depth
from .code import FunctionHasher
from .markers import tagged
from .rules import UNORDERED_TYPES, HashFunc, HashFuncCalled, RuleSet

_PROTOCOL = 5
_LARGE_STR = 1 << 20
_STR_CHUNK = 1 << 16
_SORTABLE_IDS = frozenset({id(str), id(int), id(bytes)})
_CYCLE_MESSAGE = "fast mode: can't pickle cyclic objects"


class _Sink:
    """The file the pickler writes to: every write goes straight into the hasher."""

    __slots__ = ("write",)

    def __init__(self, update: Callable[[bytes], None]) -> None:
        self.write = update


class _Encoder(pickle.Pickler):
    """One pickling pass over one value."""

    def __init__(self, hasher: Hasher, canonical: bool, memo: bool, sets: list[int]) -> None:
        self._stream = hash_stream(b"C" if canonical else b"F")
        self._buffers: Any = None
        super().__init__(_Sink(self._stream.update), _PROTOCOL, buffer_callback=self._on_buffer)
        self.fast = not memo
        self._hasher = hasher
        self._rules = hasher.rules
        self._sets = sets
        self.visited: list[object] = []
        if canonical:
            self.persistent_id = self._canonical_id  # type: ignore[method-assign]
        else:
            self.persistent_id = self.visited.append  # type: ignore[method-assign]

    def reducer_override(self, obj: Any) -> Any:
        rule = self._rules.rule_for(type(obj))
        if rule is None:
            return NotImplemented
        return rule(obj)

    def _on_buffer(self, buffer: pickle.PickleBuffer) -> bool:
        if self._buffers is None:
            self._buffers = hash_stream()
        view = buffer.raw()
        self._buffers.update(view.nbytes.to_bytes(8, "little"))
        self._buffers.update(view)
        return False

    def _canonical_id(self, obj: Any) -> bytes | None:
        # A persistent id is written as is, but objects nested in it would be passed to
        # persistent_id again: ids are therefore flat bytes, which no rule rewrites.
        tp = type(obj)
        if tp is set or tp is frozenset:
            return self._set_id(obj)
        if obj is tagged:  # written by name, which a hash function for `str` must not see
            return b"marker"
        if self._rules.native_overrides and self._rules.is_native_override(tp):
            rule = self._rules.rule_for(tp)
            assert rule is not None
            parts: tuple[bytes, ...] = rule(obj)[1]
            return b"\0".join(parts)
        return None

    def _set_id(self, obj: set[Any] | frozenset[Any]) -> bytes:
        tag = type(obj).__name__.encode()
        kinds = {id(type(item)) for item in obj}
        if len(kinds) == 1 and kinds <= _SORTABLE_IDS and not self._rules.native_overrides:
            ordered = self._hasher.encode(sorted(obj), canonical=True, sets=self._sets)
            return tag + b"\0sorted\0" + ordered
        if id(obj) in self._sets:
            return tag + b"\0cycle\0" + str(self._sets.index(id(obj))).encode()
        self._sets.append(id(obj))
        try:
            encode = self._hasher.encode
            digests = sorted(encode(item, canonical=True, sets=self._sets) for item in obj)
        finally:
            self._sets.pop()
        return tag + b"\0digests\0" + b"".join(digests)

    def release(self) -> None:
        """Drop every reference to the hashed value (buffers must not outlive the pass)."""
        self.visited.clear()
        self.clear_memo()

    def digest(self) -> bytes:
        """Finish the pass: release the value and return the digest."""
        self.release()
        stream = self._stream.digest()
        if self._buffers is None:
            return stream
        return digest_of(stream + self._buffers.digest())


class Hasher:
    """Hashes values for one cached function and one place (arguments, body, return).

    Args:
        hash_funcs: ``hash_funcs`` keyed by fully qualified type name.
        where: ``"arguments"``, ``"body"`` or ``"return value"``, for error messages.
        func_name: The cached function's name, for error messages.
        modern: Follow ``cache_data`` / ``cache_resource``: functions and instances of
            plain classes are refused (see `.modern`) instead of hashed by content.
    """

    def __init__(
        self, hash_funcs: dict[str, HashFunc], where: str, func_name: str, *, modern: bool = False
    ) -> None:
        self.where = where
        self.func_name = func_name
        self.modern = modern
        self._default: Hasher | None = None if hash_funcs else self
        self.functions = FunctionHasher(self)
        if modern:
            from .modern import refuse_function, refuse_plain_object

            function_rule, fallback = refuse_function, refuse_plain_object
        else:
            function_rule, fallback = self.functions.reduce, None
        self.rules = RuleSet(
            hash_funcs,
            self._digest_default,
            function_rule,
            lambda item: self.encode(item, canonical=True, sets=[]),
            fallback,
        )
        self._always_canonical = bool(self.rules.native_overrides)

    def _digest_default(self, obj: object) -> bytes:
        if self._default is None:
            self._default = Hasher({}, self.where, self.func_name, modern=self.modern)
        return self._default.digest(obj)

    def digest(self, obj: object) -> bytes:
        """Return the 16-byte digest of ``obj``.

        Args:
            obj: Any value.

        Returns:
            The digest; equal values give equal digests in every process.

        Raises:
            UnhashableTypeError: An object in ``obj`` cannot be hashed.
            UserHashError: A ``hash_funcs`` function raised.
            InternalHashError: Hashing failed for another reason.
        """
        if type(obj) is str and len(obj) > _LARGE_STR and not self._always_canonical:
            return _large_str_digest(obj)
        if depth.NEEDED and sys.getrecursionlimit() > depth.BUDGET:  # a raised limit
            return depth.bounded(self._digest, obj)
        return self._digest(obj)

    def _digest(self, obj: object) -> bytes:
        try:
            return self.encode(obj, canonical=self._always_canonical, sets=[])
        except CachelibError:
            raise
        except Exception as error:
            from .explain import explain

            cause: BaseException | None = error
            if isinstance(error, HashFuncCalled):
                cause = error.returned.__cause__ if error.returned else error.error
            raise explain(obj, error, self) from cause

    def encode(self, obj: object, *, canonical: bool, sets: list[int]) -> bytes:
        """Run the pickling passes over ``obj`` (errors are not explained here).

        Args:
            obj: Any value.
            canonical: Start with the canonical pass.
            sets: Ids of the sets being encoded further up (cycle guard).

        Returns:
            The digest.
        """
        if canonical:
            return self._run(obj, True, sets).digest()
        try:
            encoder = self._run(obj, False, sets)
        except KeyError:
            # CPython 3.11's pickler leaks its fast-mode nesting count on every frozenset
            # and later fails its own bookkeeping with a KeyError. The canonical pass never
            # pickles a set natively, and a value with sets needs it anyway.
            return self._run(obj, True, sets).digest()
        if _met_a_set(encoder.visited):
            encoder.release()
            encoder = self._run(obj, True, sets)
        return encoder.digest()

    def _run(self, obj: object, canonical: bool, sets: list[int]) -> _Encoder:
        # Memo off first; on a cycle, again with the memo, which encodes it by position,
        # deterministically. Fast mode misses cycles through state built anew on each
        # reduction (__slots__, a __getstate__ returning a copy) and recurses instead; the
        # memo sees them. Only the outermost pass retries a RecursionError, or nested sets
        # would retry at every level. (The retry runs after the handler has ended, so a
        # second failure does not carry the first as its context.)
        for memo in (False, True):
            encoder = _Encoder(self, canonical, memo=memo, sets=sets)
            try:
                encoder.dump(obj)
                return encoder
            except (ValueError, RecursionError) as error:
                encoder.release()
                cycle = isinstance(error, ValueError) and str(error).startswith(_CYCLE_MESSAGE)
                too_deep = isinstance(error, RecursionError) and not sets
                if memo or not (cycle or too_deep):
                    raise
            except BaseException:
                encoder.release()
                raise
        raise AssertionError("unreachable: the memo pass returns or raises")


def _met_a_set(visited: list[object]) -> bool:
    try:
        return not UNORDERED_TYPES.isdisjoint(map(type, visited))
    except Exception:  # a class whose metaclass cannot be hashed: compare by identity
        return any(type(obj) is set or type(obj) is frozenset for obj in visited)


def _large_str_digest(text: str) -> bytes:
    hasher = hash_stream(b"S")
    for start in range(0, len(text), _STR_CHUNK):
        hasher.update(text[start : start + _STR_CHUNK].encode("utf-8", "surrogatepass"))
    return hasher.digest()
