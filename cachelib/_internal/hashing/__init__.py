# The hashing engine: values to exact, deterministic 16-byte digests.
"""Hashing of arguments, function bodies and return values."""

from .encoder import Hasher
from .rules import HashFunc, normalize_hash_funcs

__all__ = ["HashFunc", "Hasher", "normalize_hash_funcs"]
