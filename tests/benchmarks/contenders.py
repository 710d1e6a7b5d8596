"""The contenders: key functions (value -> digest) and cached-function factories.

Key functions, one per contender:

- ``cachelib``: ``cachelib._internal.hashing.Hasher({}, "arguments", "f").digest``, the
  hasher behind every argument key (one per cached function, reused across calls);
- ``joblib.hash``: joblib's pickler with MD5;
- ``pickle + md5``: MD5 of ``pickle.dumps(value, protocol=5)``;
- ``Streamlit legacy hasher``: ``update_hash(value, md5, CACHING_FUNC_ARGS, hash_source=fn)``
  from Streamlit 1.35, as ``st.cache`` hashes arguments. It samples large arrays and frames.

Cache factories return a decorator for each of ``cachelib.cache``, ``st.cache`` (1.35,
bare mode, where legacy ``st.cache`` caches normally), ``functools.lru_cache`` and
``cachetools.cached``.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
from collections.abc import Callable
from typing import Any

KeyFunc = Callable[[Any], object]
Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

CACHELIB = "cachelib"
JOBLIB = "joblib.hash"
PICKLE_MD5 = "pickle + md5"
STREAMLIT = "Streamlit legacy hasher"

# Which key contenders read the whole value (the others sample large arrays and frames).
SAMPLED = frozenset({STREAMLIT})


def _hash_source() -> None:
    """The function Streamlit's hasher is told it hashes arguments for."""


def quiet_streamlit() -> None:
    """Silence Streamlit's logging (st.cache logs a deprecation warning on every call)."""
    # Streamlit resets its loggers' level from the option logger.level whenever its config
    # is parsed (lazily, on first use), so set the option and parse now.
    os.environ["STREAMLIT_LOGGER_LEVEL"] = "error"
    import streamlit.config
    import streamlit.logger

    streamlit.config.get_config_options(force_reparse=True)
    streamlit.logger.set_log_level("error")
    logging.getLogger("streamlit").setLevel(logging.ERROR)


def key_functions() -> dict[str, KeyFunc]:
    """The key contenders, ready to call on a value."""
    import joblib
    from streamlit.runtime.legacy_caching.hashing import HashReason, update_hash

    from cachelib._internal.hashing import Hasher

    quiet_streamlit()

    def streamlit_key(value: Any) -> bytes:
        hasher = hashlib.md5()
        update_hash(
            value, hasher, hash_reason=HashReason.CACHING_FUNC_ARGS, hash_source=_hash_source
        )
        return hasher.digest()

    def pickle_md5(value: Any) -> bytes:
        return hashlib.md5(pickle.dumps(value, protocol=5)).digest()

    return {
        CACHELIB: Hasher({}, "arguments", "f").digest,
        JOBLIB: joblib.hash,
        PICKLE_MD5: pickle_md5,
        STREAMLIT: streamlit_key,
    }


def _fresh(decorator: Decorator) -> Callable[[], Decorator]:
    return lambda: decorator


def cache_decorators() -> dict[str, tuple[Callable[[], Decorator], str]]:
    """Cache contenders: name to (a factory of fresh decorators, a note on the configuration).

    A factory gives a new decorator per cached function, so that no two functions share a
    store (``cachetools.cached`` keys by the arguments only).
    """
    import cachetools
    import streamlit as st

    import cachelib

    quiet_streamlit()
    return {
        "cachelib.cache": (_fresh(cachelib.cache), "defaults (spinner on long misses only)"),
        "st.cache (1.35)": (_fresh(st.cache), "defaults: a spinner on every call, hits included"),
        "st.cache (1.35), show_spinner=False": (
            lambda: st.cache(show_spinner=False),
            "no spinner",
        ),
        "functools.lru_cache": (
            lambda: functools.lru_cache(maxsize=None),
            "maxsize=None; in C, keys by `hash()` and `==`",
        ),
        "cachetools.cached": (
            lambda: cachetools.cached(cachetools.LRUCache(maxsize=128)),
            "LRUCache(128); keys by `hash()` and `==`",
        ),
    }


def output_check_decorators() -> dict[str, tuple[Callable[[], Decorator], str]]:
    """Contenders of the mutation re-check case, with and without the check."""
    import streamlit as st

    import cachelib

    quiet_streamlit()
    return {
        "cachelib.cache": (_fresh(cachelib.cache), "allow_output_mutation=False: exact re-hash"),
        "cachelib.cache, allow_output_mutation=True": (
            lambda: cachelib.cache(allow_output_mutation=True),
            "no check",
        ),
        "st.cache (1.35), show_spinner=False": (
            lambda: st.cache(show_spinner=False),
            "allow_output_mutation=False: sampled re-hash",
        ),
        "st.cache (1.35), allow_output_mutation=True, show_spinner=False": (
            lambda: st.cache(allow_output_mutation=True, show_spinner=False),
            "no check",
        ),
        "functools.lru_cache": (lambda: functools.lru_cache(maxsize=None), "no check"),
    }
