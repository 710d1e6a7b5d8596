# What the modern API refuses to hash, as Streamlit 1.67 does: functions and plain objects.
"""The two rules that make argument hashing follow ``st.cache_data`` / ``st.cache_resource``.

The modern API has no body hashing: a function, lambda or method passed as an argument
cannot be hashed (its code is not looked at), and neither can an object whose only
description is Python's generic reduction: an instance of a plain class, ``object()``, a
``__slots__`` instance. What an object's own ``__reduce__`` describes (a ``datetime``,
a ``Decimal``, a ``functools.partial`` of a builtin), and what 1.67 hashes by content
anyway (a dataclass, an ``Enum`` member, a ``uuid.UUID``, a pydantic model), is hashed by
content as usual. The fix for a refused argument is a leading underscore on the
parameter's name, or ``hash_funcs``.
"""

from __future__ import annotations

import copyreg
import dataclasses
import enum
import io
import sys
import types
from typing import Any

from .markers import tagged
from .rules import Refused


class NotHashed(Refused):
    """The modern API's refusal; its text is the whole reason shown in the error."""

    verbatim = True


def _describes_itself(obj: Any) -> bool:
    """Types Streamlit 1.67 hashes by content although their reduction looks generic.

    Subclasses of tuple, list and dict (a namedtuple, an ``OrderedDict``), in-memory
    buffers (content and position), UUIDs and pydantic models each have a rule of their own
    in 1.67 (and compiled patterns, text and flags: see `refuse_plain_object`).
    """
    tp = type(obj)
    if issubclass(tp, (tuple, list, dict, io.BytesIO, io.StringIO)):
        return True
    for module, name in _BY_CONTENT:
        found = sys.modules.get(module)
        if found is not None and isinstance(obj, getattr(found, name)):
            return True
    return hasattr(tp, "model_dump_json") and hasattr(tp, "model_fields")  # pydantic models


_BY_CONTENT = (("uuid", "UUID"),)
"""Types matched only once their module is imported (never imported here)."""


# The generic reductions of object.__reduce__(): an object with nothing of its own to say.
_GENERIC = (copyreg._reconstructor, copyreg.__newobj__)  # type: ignore[attr-defined]


def refuse_function(obj: Any) -> Any:
    """Refuse a function, method or code object met as a value.

    Args:
        obj: The function.

    Raises:
        Refused: Always.
    """
    raise NotHashed("functions cannot be hashed as argument values: their code is not looked at")


def refuse_plain_object(obj: Any) -> Any:
    """Let pickle hash ``obj`` when its own reduction describes it; refuse it otherwise.

    Args:
        obj: An object that no other rule covers.

    Returns:
        ``NotImplemented``: pickle's own reduction is the rule.

    Raises:
        Refused: ``obj`` is an instance of a plain class (or its reduction raised).
    """
    re = sys.modules.get("re")
    if re is not None and isinstance(obj, re.Pattern):  # pickle reduces it with a function
        return tagged, (b"re.Pattern", obj.pattern, obj.flags)
    if dataclasses.is_dataclass(obj) or isinstance(obj, enum.Enum) or _describes_itself(obj):
        return NotImplemented
    try:
        reduced = obj.__reduce__()
    except Exception as error:
        raise NotHashed(f"it cannot be reduced: {type(error).__name__}: {error}") from None
    if not isinstance(reduced, tuple) or not reduced:
        return NotImplemented
    if reduced[0] in _GENERIC:
        try:
            obj.__reduce_ex__(5)
        except Exception as error:
            raise NotHashed(f"pickle refuses it: {error}") from None
        raise NotHashed(
            "it is an instance of a plain class, and the modern API hashes only objects "
            "that describe themselves (builtins, dataclasses, enums, objects with a "
            "__reduce__ of their own)"
        )
    if isinstance(reduced[0], types.FunctionType):
        raise NotHashed("its reduction refers to a function, whose code is not looked at")
    return NotImplemented
