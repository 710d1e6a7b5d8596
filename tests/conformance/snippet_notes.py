# Explains why a site snippet behaves differently under real Streamlit 1.35.
"""Classification of the site's snippets run against Streamlit 1.35.

A snippet whose two observations are equal is ``same``. Otherwise the difference is
explained, in this order, by: a note below written for that snippet; a divergence named in
the snippet's path (``d2``, ``d11``, ...); or a signature of the observations (a cachelib-only
name, an API that needs ``streamlit run``, the known failure of a divergence). What none of
these explains is reported as ``unexplained``, to be looked at.
"""

from __future__ import annotations

import re
from typing import Any

_D6_LAYOUT = (
    "D6",
    "shows cachelib's recovery from a damaged entry; under Streamlit the snippet cannot "
    "find cachelib's entry file (Streamlit keeps `~/.streamlit/cache/*.pickle`)",
)
_CHILD = (
    "needs app mode",
    "runs a script in a child process: bare-mode Streamlit's `st.write` prints nothing there "
    "(the observer's print shim only covers the observed process), and it inspects "
    "cachelib's cache folder",
)
_KEY_CHECK = (
    "D11",
    "cachelib rejects a `hash_funcs` key that is neither a type nor a fully qualified name when "
    "decorating, like its other option checks (D11); Streamlit 1.35 silently "
    "ignores it (see conformance case 1_05_short_name_key_ignored)",
)

# Snippet path (relative to snippets/) -> (outcome, reason), for what the rules cannot tell.
NOTES: dict[str, tuple[str, str]] = {
    "differences/d6-bad-entry.py": _D6_LAYOUT,
    "kb/persist-ttl-max-entries/damaged_entry.py": _D6_LAYOUT,
    "kb/function-does-not-run/persist_previous_run.py": _CHILD,
    "kb/persist-ttl-max-entries/second_process.py": _CHILD,
    "kb/persist-ttl-max-entries/clear_cache.py": (
        "cachelib-only API",
        "counts the files of cachelib's cache folder ($CACHELIB_CACHE_DIR); Streamlit keeps "
        "its entries in ~/.streamlit/cache (clearing behaves the same)",
    ),
    "errors/cache-error.py": (
        "D6",
        "cachelib's signed entries: a secret key readable by others raises CacheError; "
        "Streamlit has no key (the snippet's cache folder does not exist for it)",
    ),
    "kb/hash-funcs/key_not_a_type.py": _KEY_CHECK,
    "kb/hash-funcs/short_name.py": _KEY_CHECK,
    "kb/hash-funcs/same_type.py": ("D10", "Streamlit recurses on a same-type hash function"),
    "kb/hash-funcs/subclass.py": (
        "D4",
        "the uncovered subclass: Streamlit reduces it (a constant per type), cachelib follows "
        "pickle and refuses it",
    ),
    "kb/large-data/exact_array_key.py": ("D1", "Streamlit samples the 2,000,000-element array"),
    "kb/large-data/exact_frame_key.py": (
        "D1",
        "Streamlit ignores column names and row order",
    ),
    "kb/large-data/large_result_mutation.py": (
        "D1",
        "the change is outside Streamlit's sample: no mutation warning",
    ),
    "kb/cached-object-mutated/every_hit.py": (
        "D8",
        "the snippet counts Python warnings; Streamlit only logs the mutation",
    ),
    "kb/cached-object-mutated/two_wrappers.py": ("D12", "Streamlit's false mutation warning"),
    "kb/allow-output-mutation/two_decorations.py": (
        "D12",
        "Streamlit's false mutation warning",
    ),
    "kb/allow-output-mutation/threads_fix.py": (
        "D5",
        "concurrent first calls: Streamlit runs the function in several threads",
    ),
    "kb/caching-issues/mutation_false_alarm.py": (
        "D4",
        "Streamlit's __reduce__ cannot hash the returned xml Element (cachelib pickles it)",
    ),
    "kb/unhashable-type-error/by_content.py": (
        "D4",
        "a __slots__ class: Streamlit refuses it, cachelib hashes it by content",
    ),
    "kb/unhashable-type-error/what_is_hashable.py": (
        "D4",
        "locks and connections: cachelib refuses them; the snippet also reads "
        "`error.type_name`, which only cachelib's errors have",
    ),
    "kb/user-and-internal-hash-errors/too_deep.py": (
        "facts differ",
        "both raise InternalHashError for the too-deep value; Streamlit names the outermost "
        "argument tuple (its recursion error unwinds), cachelib the innermost object",
    ),
}

_MODERN = re.compile(
    r"\bst\.(cache_data|cache_resource|experimental_memo|experimental_singleton)\b"
)
_APP_ONLY = re.compile(
    r"\bst\.(session_state|button|slider|text_input|selectbox|checkbox|spinner|sidebar|"
    r"columns|form|experimental_rerun|rerun|dataframe|table|markdown|title|header)\b"
)
_PATH_DIVERGENCE = re.compile(r"(?<![a-z0-9])d(1[0-3]|[1-9])(?![0-9])", re.IGNORECASE)
_ERROR_ATTRIBUTE = re.compile(
    r"'\w+(?:Error|Warning)' object has no attribute '(type_name|func_name|where|chain|code)'"
)
_NUMBERS = re.compile(r"0x[0-9a-fA-F]+|\d{6,}")
_MISSING_NAME = re.compile(r"module 'streamlit' has no attribute '(\w+)'")
_SIGNATURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("D7", re.compile(r"InternalHashError.*__file__|has no attribute '__file__'")),
    ("D3", re.compile(r"unhashable type: 'bytearray'|type=builtins\.bytearray")),
    ("D11", re.compile(r"RuntimeError: (ttl must be a float|max_entries must be an int)")),
    ("D11", re.compile(r"ValueError: value too large")),
    ("D11", re.compile(r"raised (TypeError|ValueError): (ttl|max_entries) must be")),
    ("D10", re.compile(r"InternalHashError .*maximum recursion|RecursionError")),
    ("D6", re.compile(r"CacheError|UnpicklingError|CachePersistenceWarning|pickle data")),
    ("D4", re.compile(r"type=(_thread\.lock|sqlite3\.\w+|socket\.socket)|__slots__|complex")),
)


def _masked(events: list[str]) -> list[str]:
    return [_NUMBERS.sub("<n>", event) for event in events]


def _text(observation: Any) -> str:
    return "\n".join(observation.events)


def classify(path: str, source: str, cachelib: Any, streamlit: Any) -> tuple[str, str]:
    """Return ``(outcome, reason)`` for one snippet.

    Args:
        path: The snippet's path relative to ``snippets/``.
        source: The snippet's source, as written for cachelib.
        cachelib: Its observation with cachelib.
        streamlit: Its observation with Streamlit 1.35 (import swapped).

    Returns:
        ``("same", why)`` or ``(<category>, why)`` where the category is a divergence
        ``D1``-``D13``, ``cachelib-only API``, ``needs app mode``, ``facts differ``
        (same error class, another object named), ``not in contract`` (a difference the
        contract does not list) or ``unexplained``.
    """
    uses_cachelib = "cachelib" in source
    if cachelib.events == streamlit.events and cachelib.status == streamlit.status:
        if not uses_cachelib:
            return "same", "does not use cachelib (plain Python)"
        return "same", "identical observations"
    if _masked(cachelib.events) == _masked(streamlit.events):
        return "same", "identical up to object ids and addresses"
    if path in NOTES:
        return NOTES[path]
    attribute = _ERROR_ATTRIBUTE.search(_text(streamlit))
    if attribute:
        return (
            "cachelib-only API",
            f"reads `error.{attribute.group(1)}`, which only cachelib's errors have",
        )
    missing = _MISSING_NAME.search(_text(streamlit))
    if missing:
        return "cachelib-only API", f"`st.{missing.group(1)}` does not exist in Streamlit 1.35"
    if _MODERN.search(source):
        return (
            "needs app mode",
            "Streamlit 1.35's st.cache_data / st.cache_resource do not cache in bare mode "
            "(they need `streamlit run`)",
        )
    if _APP_ONLY.search(source):
        return "needs app mode", "uses Streamlit elements that only render under `streamlit run`"
    named = _PATH_DIVERGENCE.search(path)
    if named:
        return f"D{named.group(1)}", "the snippet demonstrates this divergence (named in its path)"
    both = _text(cachelib) + "\n" + _text(streamlit)
    for divergence, signature in _SIGNATURES:
        if signature.search(both):
            return divergence, f"observations show the known signature of {divergence}"
    if "CachedObjectMutationWarning" in both:
        return "unexplained", "the mutation warnings differ (D1, D2, D8 or D12?)"
    return "unexplained", "the observations differ; see the JSON results"
