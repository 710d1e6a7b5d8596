# What a cache stores: an entry in memory, and the signed bytes of a persisted entry.
"""Entries.

In memory an `Entry` holds what the API keeps for one call (the value itself, or its
pickled bytes for ``cache_data``), the recorded output to replay, the legacy output digest,
its size and its expiry times. Nothing else: never the call's arguments.

A persisted entry is ``MAGIC``, an HMAC-SHA256 of the magic, the entry's name and the
payload under a secret key, then the payload. The name is signed too, so an entry moved
under another key's name is refused. `seal` and `unseal` never copy the payload.
"""

from __future__ import annotations

import math
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from hmac import HMAC
    from typing import IO, Any, Protocol

    class Writable(Protocol):
        """Where a payload writer writes (a file, a signer, a buffer)."""

        def write(self, data: bytes, /) -> int: ...

    Payload = bytes | Callable[[Writable], None]
    """What a backend stores: bytes, or a function that writes them to a stream."""

MAGIC = b"cachelib-entry/1\n"
SIGNATURE_SIZE = 32
HEADER_SIZE = len(MAGIC) + SIGNATURE_SIZE

clock = time.monotonic
"""The clock behind ``ttl`` (a module attribute, so tests can replace it)."""


class Entry:
    """One cached result in memory.

    Attributes:
        value: What the API stores: the return value, or its pickled bytes.
        output: Lines written while the function ran, replayed on hits (modern API).
        output_digest: Legacy: the return value's digest when stored, or None.
        size: Bytes counted against ``max_size`` (0 when not counted).
        expires: Clock time after which the entry is gone (``inf``: never).
        stale_at: Clock time after which a background refresh starts (``inf``: never).
    """

    __slots__ = ("expires", "output", "output_digest", "size", "stale_at", "value")

    def __init__(
        self,
        value: Any,
        *,
        output: tuple[str, ...] = (),
        output_digest: bytes | None = None,
        size: int = 0,
    ) -> None:
        self.value = value
        self.output = output
        self.output_digest = output_digest
        self.size = size
        self.expires = math.inf
        self.stale_at = math.inf


class BadEntry(ValueError):
    """A persisted entry that must not be unpickled; the message says why."""


class Unpersistable(Exception):
    """A value that cannot be written; the message is the warning to emit."""


def materialize(payload: Payload) -> bytes:
    """Return the bytes of a payload (running its writer, for a backend that needs bytes).

    Args:
        payload: Bytes, or a function that writes them.

    Returns:
        The bytes.

    Raises:
        Unpersistable: The writer could not write the value.
    """
    if isinstance(payload, bytes):
        return payload
    import io

    stream = io.BytesIO()
    payload(stream)
    return stream.getvalue()


class Signer:
    """A stream that signs what it passes on (streamed writes: the signature comes last)."""

    def __init__(self, key: bytes, name: str, sink: IO[bytes]) -> None:
        self._mac = _keyed(key)
        self._mac.update(name.encode())
        self._mac.update(b"\0")
        self._sink = sink

    def write(self, data: bytes) -> int:
        """Sign ``data`` and pass it on.

        Args:
            data: The next bytes of the payload.

        Returns:
            Their length.
        """
        self._mac.update(data)
        return self._sink.write(data)

    def signature(self) -> bytes:
        """Return the signature of everything written."""
        return self._mac.digest()


_prototypes: dict[bytes, HMAC] = {}
"""Per secret key: an HMAC-SHA256 that has absorbed the key and `MAGIC`, copied per entry."""


def _keyed(key: bytes) -> HMAC:
    """Return a new HMAC-SHA256 under ``key``, already fed with `MAGIC`.

    Copying a prepared HMAC skips what dominates a small entry's check: looking up the
    digest and hashing the padded key twice.
    """
    prototype = _prototypes.get(key)
    if prototype is None:
        import hmac

        prototype = hmac.new(key, MAGIC, "sha256")
        if len(_prototypes) >= 8:  # a few secrets per process at most (tests change it)
            _prototypes.clear()
        _prototypes[key] = prototype
    return prototype.copy()


def _mac(key: bytes, name: str, payload: bytes | memoryview) -> bytes:
    mac = _keyed(key)
    mac.update(b"%s\0" % name.encode())
    mac.update(payload)
    return mac.digest()


def seal(key: bytes, name: str, payload: bytes) -> tuple[bytes, bytes, bytes]:
    """Return the parts of a persisted entry, to be written one after the other.

    Args:
        key: The secret key.
        name: The entry's name (its key in the store).
        payload: The pickled value.

    Returns:
        The magic, the signature and the payload (not copied).
    """
    return MAGIC, _mac(key, name, payload), payload


def unseal(key: bytes, name: str, data: bytes) -> memoryview:
    """Return the payload of a persisted entry, after checking its signature.

    Args:
        key: The secret key.
        name: The entry's name.
        data: The whole entry as read.

    Returns:
        The payload (a view, not a copy).

    Raises:
        BadEntry: Empty, truncated, not an entry, or signed otherwise.
    """
    import hmac

    if len(data) < HEADER_SIZE or not data.startswith(MAGIC):
        raise BadEntry("it is empty, truncated or not a cachelib entry")
    view = memoryview(data)
    payload = view[HEADER_SIZE:]
    if not hmac.compare_digest(_mac(key, name, payload), view[len(MAGIC) : HEADER_SIZE]):
        raise BadEntry("it failed its signature check (modified, or written with another key)")
    return payload
