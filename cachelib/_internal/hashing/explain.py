# After a failed hash: walks the value again to name the culprit and the chain to it.
"""Explain a hashing failure.

The fast hasher only learns *that* pickling failed. This module walks the value the
way the pickler does (same rules, same reductions, depth first), iteratively so that
deep values cannot overflow the stack, until it finds the object that cannot be
reduced; the path to it becomes the chain of the error message, innermost first.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from ..errors import (
    CachelibError,
    InternalHashError,
    UnhashableTypeError,
    UserHashError,
    describe,
    type_name,
)
from . import depth
from .rules import PICKLER_NATIVE_TYPES, HashFuncCalled, Refused

if TYPE_CHECKING:
    from .encoder import Hasher

_LEAVES = (type(None), bool, int, float, complex, str, bytes, bytearray, pickle.PickleBuffer)
_SEQUENCES = (list, tuple, set, frozenset)
_WALK_BUDGET = 2_000_000
_DEPTH_BUDGET = 100_000


def _is_one_of(tp: type, kinds: Iterable[type]) -> bool:
    return any(tp is kind for kind in kinds)


class _Culprit(Exception):
    """Internal: the object that could not be reduced, and why."""

    def __init__(self, obj: object, error: BaseException, had_rule: bool) -> None:
        super().__init__(str(error))
        self.obj = obj
        self.error = error
        self.had_rule = had_rule


def _children(obj: Any, hasher: Hasher) -> Iterator[Any] | tuple[()]:
    tp = type(obj)
    rules = hasher.rules
    if rules.native_overrides and rules.is_native_override(tp):
        rule = rules.rule_for(tp)
        if rule is not None:
            rule(obj)
        return ()
    if _is_one_of(tp, _LEAVES) and (
        _is_one_of(tp, PICKLER_NATIVE_TYPES) or rules.rule_for(tp) is None
    ):
        return ()  # (a leaf the pickler reduces, such as complex, still meets its rule)
    if tp is dict:
        return (part for item in obj.items() for part in item)
    if _is_one_of(tp, _SEQUENCES):
        return iter(cast(Iterable[Any], obj))
    rule = rules.rule_for(tp)
    if rule is not None:
        try:
            reduction = rule(obj)
        except (HashFuncCalled, CachelibError):
            raise
        except Refused as error:
            raise _Culprit(obj, error, had_rule=False) from error
        except Exception as error:
            raise _Culprit(obj, error, had_rule=True) from error
        if reduction is not NotImplemented:  # NotImplemented: the rule defers to pickle
            return iter(reduction[1])
    try:
        reduction = obj.__reduce_ex__(5)
    except Exception as error:
        raise _Culprit(obj, error, had_rule=False) from error
    if isinstance(reduction, str):
        return ()
    parts: list[Any] = list(reduction[1]) if len(reduction) > 1 else []
    if len(reduction) > 2 and reduction[2] is not None:
        parts.append(reduction[2])
    if len(reduction) > 3 and reduction[3] is not None:
        parts.extend(reduction[3])
    if len(reduction) > 4 and reduction[4] is not None:
        parts.extend(part for item in reduction[4] for part in item)
    return iter(parts)


def explain(obj: object, error: BaseException, hasher: Hasher) -> CachelibError:
    """Return the cachelib error that explains why hashing ``obj`` raised ``error``.

    Args:
        obj: The value that failed to hash.
        error: What the pickler raised.
        hasher: The hasher that failed (its rules, place and function name).

    Returns:
        An `UnhashableTypeError`, `UserHashError` or
        `InternalHashError` with the chain of objects, innermost first.
    """
    if isinstance(error, RecursionError):
        return _internal(obj, error, hasher)  # too deep to walk in any useful time
    path: list[Any] = []
    on_path: set[int] = set()
    kept: dict[int, Any] = {}  # keeps walked objects alive, so their ids stay unique
    stack: list[Iterator[Any]] = [iter((obj,))]
    try:
        while stack:
            try:
                child = next(stack[-1])
            except StopIteration:
                stack.pop()
                if path:
                    on_path.discard(id(path.pop()))
                continue
            key = id(child)
            if key in on_path or key in kept:
                continue
            kids = _children(child, hasher)
            if not _is_one_of(type(child), _LEAVES):
                kept[key] = child
            if len(kept) > _WALK_BUDGET or len(path) > _DEPTH_BUDGET:
                break  # a value that keeps growing as it is walked: report the original error
            path.append(child)
            on_path.add(key)
            stack.append(iter(kids))
    except HashFuncCalled as failure:
        chain = _chain(failure.obj, path)
        name = getattr(failure.hash_func, "__name__", "a hash function")
        if failure.returned is not None:  # its result cannot be hashed: that error, extended
            fqn = type_name(type(failure.obj))
            return failure.returned._extended(
                [f"the value returned by the hash function `{name}()` for it:", *chain],
                hash_func=name,
                hash_func_type=fqn,
            )
        return UserHashError._from_hash_func(
            error=failure.error,
            hash_func_name=name,
            type_name=type_name(type(failure.obj)),
            func_name=hasher.func_name,
            where=hasher.where,
            chain=chain,
        )
    except _Culprit as culprit:
        chain = _chain(culprit.obj, path)
        if culprit.had_rule:
            return InternalHashError._build(
                error=culprit.error,
                type_name=type_name(type(culprit.obj)),
                func_name=hasher.func_name,
                where=hasher.where,
                chain=chain,
            )
        return UnhashableTypeError(
            type_name=type_name(type(culprit.obj)),
            func_name=hasher.func_name,
            where=hasher.where,
            chain=chain,
            reason=_reason(culprit.error),
        )
    except CachelibError as nested:
        return nested
    except Exception:  # the walk itself failed: report the original error
        pass
    return _internal(obj, error, hasher)


def _chain(culprit: object, path: list[Any]) -> list[str]:
    """Describe the culprit, then the objects that led to it, innermost first."""
    return [describe(culprit), *(describe(o) for o in reversed(path))]


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    if getattr(error, "verbatim", False):  # a rule's own complete reason
        return text
    return (
        f"pickle refuses it: {text}"
        if isinstance(error, (TypeError, pickle.PicklingError))
        else (f"its reduction raised {type(error).__name__}: {text}")
    )


def _internal(obj: object, error: BaseException, hasher: Hasher) -> InternalHashError:
    if isinstance(error, RecursionError):
        error = RecursionError(
            "the value is nested too deeply to hash (hashing reached the interpreter's "
            f"recursion limit, or, where that limit was raised, its own bound of "
            f"{depth.BUDGET:,} levels beyond the call, which keeps the C stack from "
            "overflowing)"
        )
    return InternalHashError._build(
        error=error,
        type_name=type_name(type(obj)),
        func_name=hasher.func_name,
        where=hasher.where,
        chain=[describe(obj)],
    )
