# Maps a persist value (and CACHELIB_STORAGE) to a shared backend; knows URLs, not servers.
"""Which shared store a ``persist`` value selects.

``persist`` may name a storage URL, ``"redis://[user:password@]host:port/db"`` or
``"rediss://..."``; the environment variable ``CACHELIB_STORAGE`` set to such a URL sends
every ``persist="disk"`` cache there (read when decorating). What a store does lives in
its own module (`.redis`), imported only when a URL names it.
"""

from __future__ import annotations

import math
import os
import sys

from ..lines import atom, atom_repr, message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .base import Backend

STORAGE_ENV = "CACHELIB_STORAGE"
SCHEMES = ("redis", "rediss")
_MODULE = "cachelib._internal.backends.redis"
PIP_EXTRA = "pip install 'cachelib-reference[redis]'"
PIP_REDIS = "pip install 'redis>=5,<9'"


def is_url(value: object) -> bool:
    """Return True if ``value`` looks like a storage URL (a string with a known scheme).

    Args:
        value: A ``persist`` value.
    """
    if not isinstance(value, str):
        return False
    scheme, found, _ = value.partition("://")
    return bool(found) and scheme.lower() in SCHEMES


def check_url(url: str, where: str) -> str:
    """Return ``url`` if it is a usable storage URL.

    Args:
        url: The URL.
        where: What holds it, for the message (``"persist"``, ``"CACHELIB_STORAGE"``).

    Returns:
        The URL.

    Raises:
        ValueError: Not a ``redis://`` or ``rediss://`` URL with a valid port and database.
    """
    from urllib.parse import urlsplit

    from .redis import redacted

    shown = redacted(url) if "@" in url else url
    parts = urlsplit(url)
    problem = None
    if parts.scheme.lower() not in SCHEMES:
        problem = "its scheme must be redis:// or rediss://"
    else:
        try:
            _ = parts.port
        except ValueError:
            problem = "its port is not a number"
        database = parts.path.strip("/")
        if problem is None and database and not database.isdigit():
            problem = f"its database must be a number, as in /0, not /{database}"
    if problem is not None:
        raise ValueError(
            message(
                ValueError,
                f"{where} {atom_repr(shown)} is not a storage URL: {problem} (for example "
                '"redis://localhost:6379/0" or "rediss://user:password@host:6380/0")',
            )
        )
    return url


def storage_url(persist: str | None) -> str | None:
    """Return the URL of the shared store that ``persist`` selects, or None.

    Args:
        persist: The checked ``persist`` option: ``"disk"``, a URL, or None.

    Returns:
        ``persist`` itself when it is a URL; ``CACHELIB_STORAGE`` for ``"disk"`` when
        that variable is set; otherwise None.

    Raises:
        ValueError: ``CACHELIB_STORAGE`` is set to something else than a storage URL.
    """
    if persist is None:
        return None
    if persist != "disk":
        return persist
    configured = os.environ.get(STORAGE_ENV, "").strip()
    if not configured:
        return None
    return check_url(configured, f"The environment variable {STORAGE_ENV}")


def shared_backend(persist: str | None, *, max_entries: float = math.inf) -> Backend | None:
    """Return the shared backend that ``persist`` selects, or None (no shared store).

    Args:
        persist: The checked ``persist`` option.
        max_entries: The function's ``max_entries`` (held per function by the store).

    Returns:
        A backend, or None.

    Raises:
        ModuleNotFoundError: redis-py is not installed.
    """
    url = storage_url(persist)
    if url is None:
        return None
    import importlib.util

    if importlib.util.find_spec("redis") is None:
        raise ModuleNotFoundError(
            message(
                ModuleNotFoundError,
                f"persist={atom_repr(redacted_url(url))} needs redis-py, the project's `redis` "
                f"extra: {atom(PIP_EXTRA)} (or {atom(PIP_REDIS)})",
            ),
            name="redis",
        )
    from .redis import RedisBackend

    return RedisBackend(url, max_entries=max_entries)


def redacted_url(url: str) -> str:
    """Return ``url`` without its password."""
    from .redis import redacted

    return redacted(url)


def clear_shared() -> None:
    """Delete this library's entries from every shared store this process used.

    Also from ``CACHELIB_STORAGE``'s store, when set. Never imports redis-py for nothing.
    """
    configured = os.environ.get(STORAGE_ENV, "").strip()
    module = sys.modules.get(_MODULE)
    if module is None and not configured:
        return
    extra = [configured] if is_url(configured) else []
    if module is None:
        import importlib.util

        if importlib.util.find_spec("redis") is None:
            return
    from .redis import clear_stores

    clear_stores(extra)
