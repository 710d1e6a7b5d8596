# The 128-bit hash behind every key: xxh3-128 when `xxhash` is installed, else BLAKE2b.
"""The one place that chooses the hash function of `cachelib`'s keys.

Native installs have `xxhash` (a dependency) and use xxh3-128, which reads at close to memory
speed. Where it cannot be imported (Pyodide, the site's in-browser runner, whose core packages
lack it), the standard library's BLAKE2b with a 16-byte digest takes its place: same digest
size, same interface, slower. Keys then differ from those of a native install, which matters
only to entries persisted by one and read by the other (they are never found, so recomputed).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs milliseconds at import: annotations only
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Protocol

    class Stream(Protocol):
        """A running hash: fed with `update`, read with `digest` (16 bytes)."""

        def update(self, data: Any, /) -> None:
            """Hash more bytes (any contiguous buffer)."""

        def digest(self) -> bytes:
            """Return the 16-byte digest of everything fed so far."""


__all__ = ["ALGORITHM", "digest", "stream"]


stream: Callable[..., Stream]
"""`stream(data=b"")`: a new running hash, first fed with `data`."""
digest: Callable[[Any], bytes]
"""`digest(data)`: the 16-byte digest of some bytes."""

try:
    import xxhash
except ImportError:  # Pyodide's core packages have no xxhash
    import hashlib

    ALGORITHM = "blake2b-128"

    def _blake_stream(data: Any = b"") -> Stream:
        return hashlib.blake2b(data, digest_size=16)

    def _blake_digest(data: Any) -> bytes:
        return hashlib.blake2b(data, digest_size=16).digest()

    stream, digest = _blake_stream, _blake_digest
else:
    ALGORITHM = "xxh3-128"
    stream, digest = xxhash.xxh3_128, xxhash.xxh3_128_digest
