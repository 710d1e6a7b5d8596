# Entries in a shared Redis: one signed key per entry, one run per key, calls that survive outages.
"""The Redis backend: one ``cache_data`` cache shared by every process that points at it.

Selected by ``cache_data(persist="redis://host:port/db")`` (or ``rediss://``), or by
``persist="disk"`` when the environment variable ``CACHELIB_STORAGE`` holds such a URL
(`.factory`). It needs redis-py, the ``redis`` extra; ``import cachelib`` never imports it.

Keys, all beginning with ``cachelib:`` (``{...}`` is a Redis Cluster hash tag: one
function's keys share a slot, so that the scripts below touch one slot only):

- ``cachelib:{<function key>}-<value key>``: one entry, ``MAGIC``, an HMAC-SHA256 of the
  key's name and the payload under ``CACHELIB_SECRET``, then the payload
  (`..entries.seal`); ``ttl`` is the key's expiry on the server;
- ``cachelib:{<function key>}#lru``: with ``max_entries``, the function's value keys by
  last use (a sorted set scored by the server's clock); every write trims it, deleting
  the least recently used entries beyond the limit;
- ``cachelib:{<function key>}-<value key>#lock``: held while one process computes the
  entry (``SET NX PX``, `LOCK_TTL`, renewed by a thread while the function runs); the
  others subscribe to the channel of the same name with ``#done`` and wait for its
  release (or its expiry, when the holder died), then read the value.

Every process keeps one connection pool per URL, with bounded socket timeouts, and each
thread one more connection of its own for the read of a shared hit: one ``GET``, with no
pool checkout or other per-call objects (`_Link.get`). A shared hit takes no lock; only a
miss in Redis does. Nothing but a missing or short ``CACHELIB_SECRET`` (a
`cachelib.CacheError` on every call until it is set) raises into the app: when the
server cannot be reached, is too slow or refuses writes (``maxmemory`` reached), calls go
on (the function runs, its value stays in this process's memory) with one
`cachelib.CachePersistenceWarning` per outage and process, and the backend tries the
server again after a short pause (0.5 s, doubling up to 5 s while it stays away). An entry
that is not signed with this secret (unsigned, tampered, or written with another secret) is
never unpickled: a warning, and a miss.
"""

from __future__ import annotations

import contextlib
import functools
import math
import os
import threading
import time
import weakref

from .. import entries
from ..errors import CacheError, CachePersistenceWarning, warn
from .base import Backend

TYPE_CHECKING = False
if TYPE_CHECKING:
    from types import TracebackType
    from typing import Any

    from ..entries import Payload

SECRET_ENV = "CACHELIB_SECRET"
SECRET_MIN_LENGTH = 32
PREFIX = "cachelib:"
LOCK_TTL = 10.0
"""Seconds a per-key lock lives without renewal (renewed every third of it)."""
SOCKET_TIMEOUT = 3.0
"""Seconds a command may wait for the server (a URL's ``?socket_timeout=`` overrides it)."""
CONNECT_TIMEOUT = 1.0
"""Seconds a connection may take to open (``?socket_connect_timeout=`` overrides it)."""
MAX_VALUE_BYTES = 128 * 1024 * 1024
"""Larger pickled values are not shared (warned; kept in memory): Redis strings stop at
512 MB, and a value that large is faster to compute again than to move."""
RETRY_FIRST = 0.5
RETRY_MAX = 5.0

# One entry, or a lock on it: returns {1, value} | {2} (lock taken) | {3, ms the lock lives}
# | {4, error} (the server refuses writes, such as the lock: full). Writes use pcall, so
# that a full server still serves reads.
# KEYS: entry, lock, index. ARGV: token, lock ms, member, touch ("1"), skip the value ("1").
_FETCH = """
if ARGV[5] ~= '1' then
  local value = redis.call('GET', KEYS[1])
  if value then
    if ARGV[4] == '1' then
      local now = redis.call('TIME')
      redis.pcall('ZADD', KEYS[3], 'XX', now[1] .. string.format('%06d', now[2]), ARGV[3])
    end
    return {1, value}
  end
end
local taken = redis.pcall('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2])
if type(taken) == 'table' and taken.err then
  return {4, taken.err}
end
if taken then
  return {2}
end
return {3, redis.call('PTTL', KEYS[2])}
"""

# A read without the lock (a coroutine's miss). KEYS: entry, index. ARGV: member.
_READ = """
local value = redis.call('GET', KEYS[1])
if value then
  local now = redis.call('TIME')
  redis.pcall('ZADD', KEYS[2], 'XX', now[1] .. string.format('%06d', now[2]), ARGV[1])
end
return value
"""

# Store an entry, then trim the function's entries to max_entries by last use.
# KEYS: entry, index. ARGV: header, payload, ttl ms ("0": none), member, limit ("0": none),
# the entries' common prefix. SET then APPEND: the payload is sent once, never joined.
_STORE = """
if ARGV[3] == '0' then
  redis.call('SET', KEYS[1], ARGV[1])
else
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
end
redis.call('APPEND', KEYS[1], ARGV[2])
local limit = tonumber(ARGV[5])
if limit > 0 then
  local now = redis.call('TIME')
  redis.call('ZADD', KEYS[2], now[1] .. string.format('%06d', now[2]), ARGV[4])
  if ARGV[3] == '0' then
    redis.call('PERSIST', KEYS[2])
  else
    redis.call('PEXPIRE', KEYS[2], ARGV[3])
  end
  local excess = redis.call('ZCARD', KEYS[2]) - limit
  if excess > 0 then
    local oldest = redis.call('ZPOPMIN', KEYS[2], excess)
    for i = 1, #oldest, 2 do
      redis.call('UNLINK', ARGV[6] .. oldest[i])
    end
  end
end
return 1
"""

# KEYS: lock. ARGV: token, ms. Renew the lock if this process still holds it.
_EXTEND = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""

# KEYS: lock. ARGV: token, channel. Release the lock if held, and wake the waiters.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
end
redis.call('PUBLISH', ARGV[2], '1')
return 1
"""

_REFUSALS = ("OOM command not allowed", "MISCONF", "READONLY", "NOREPLICAS")
"""Why a server refuses writes while it still answers (full, failing to save, a replica)."""

_links: dict[str, _Link] = {}
_links_lock = threading.Lock()
_local = threading.local()


def redacted(url: str) -> str:
    """Return ``url`` without its password, for messages.

    Args:
        url: A storage URL.

    Returns:
        The URL with ``***`` in place of the password.
    """
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rpartition("@")[2]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()


def secret(url: str) -> bytes:
    """Return the signing key from ``CACHELIB_SECRET`` (read on every call).

    Args:
        url: The store's URL, for the message.

    Returns:
        The secret's bytes.

    Raises:
        CacheError: The variable is missing or shorter than 32 characters.
    """
    value = os.environ.get(SECRET_ENV, "")
    if len(value) >= SECRET_MIN_LENGTH:
        return value.encode()
    found = "it is not set" if not value else f"it has only {len(value)} characters"
    raise CacheError(
        f"The shared cache at {redacted(url)} needs a secret, and {found}: set the environment "
        f"variable {SECRET_ENV} to one random string of at least {SECRET_MIN_LENGTH} characters, "
        "the same in every process that shares the store, for example the output of\n\n"
        '    python -c "import secrets; print(secrets.token_urlsafe(32))"\n\n'
        "cachelib signs every entry it stores there with it, and never unpickles an entry "
        "that is not signed with it."
    )


class _Link:
    """One URL's connection pool, scripts and health, shared by the process's caches.

    Args:
        url: The storage URL.
    """

    def __init__(self, url: str) -> None:
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        self.url = url
        self.shown = redacted(url)
        # One retry for a pooled connection the server closed (a restart); none on timeouts.
        retry = Retry(NoBackoff(), 1, supported_errors=(redis.ConnectionError,))
        pool = redis.ConnectionPool.from_url(
            url,
            socket_timeout=SOCKET_TIMEOUT,
            socket_connect_timeout=CONNECT_TIMEOUT,
            retry=retry,
        )
        self.client = redis.Redis(connection_pool=pool)
        self._connection_class: Any = pool.connection_class
        self._connection_kwargs = pool.connection_kwargs
        self._own = threading.local()
        """This thread's connection for `get` (``connection``), made on first use."""
        self.fetch = self.client.register_script(_FETCH)
        self.read = self.client.register_script(_READ)
        self.store = self.client.register_script(_STORE)
        self.extend = self.client.register_script(_EXTEND)
        self.release = self.client.register_script(_RELEASE)
        self.errors: tuple[type[BaseException], ...] = (redis.RedisError, OSError)
        self.refusals: tuple[type[BaseException], ...] = (
            redis.exceptions.OutOfMemoryError,
            redis.exceptions.ReadOnlyError,
        )
        self.unreachable: tuple[type[BaseException], ...] = (
            redis.ConnectionError,
            redis.TimeoutError,
            OSError,
        )
        self._connection_error: type[BaseException] = redis.ConnectionError
        self._lock = threading.Lock()
        self.down = False
        self.refusing = False
        self._retry_at = 0.0
        self._pause = RETRY_FIRST

    def get(self, command: tuple[bytes]) -> Any:
        """Send one packed command on this thread's own connection; return the reply.

        The read of a shared hit: what ``client.get`` does, without the pool's checkout
        and return, the retry wrapper or the events around each command. The connection
        has the pool's settings (socket timeouts included). As with the pool's client, a
        connection the server closed (a restart) is opened again, once; any other error
        leaves the connection closed (redis-py closes it) and raises.

        Args:
            command: The packed command, as chunks (`_names`).

        Returns:
            The reply.
        """
        connection = getattr(self._own, "connection", None)
        if connection is None:
            connection = self._own.connection = self._connection_class(**self._connection_kwargs)
            # Closed when the thread is gone (or at exit), not left to the garbage collector,
            # which may finalize the socket first and report it unclosed.
            weakref.finalize(threading.current_thread(), connection.disconnect)
        try:
            connection.send_packed_command(command, check_health=False)
            return connection.read_response()
        except self._connection_error:
            connection.disconnect()
            connection.send_packed_command(command, check_health=False)
            return connection.read_response()

    def forget_connections(self) -> None:
        """Drop every thread's own connection (in a forked child: they are the parent's)."""
        self._own = threading.local()

    def available(self) -> bool:
        """False while an outage is known and the next try is not due."""
        return not self.down or time.monotonic() >= self._retry_at

    def refused(self, reason: str) -> None:
        """Warn that the server refuses writes (full, read-only), once until one succeeds."""
        if not self.refusing:
            self.refusing = True
            warn(
                CachePersistenceWarning(
                    f"The shared cache at {self.shown} refused to store an entry ({reason}). "
                    "Values are kept in this process's memory only until it accepts writes "
                    "again; entries already stored are still shared."
                )
            )

    def succeeded(self, *, wrote: bool = False) -> None:
        """Note that the server answered (ends an outage; a write ends a refusal)."""
        if self.down:
            with self._lock:
                self.down = False
                self._pause = RETRY_FIRST
        if wrote and self.refusing:
            self.refusing = False

    def failed(self, error: BaseException, *, writing: bool = False) -> None:
        """Warn about a failed command, once per outage (or refusal) of this server.

        Args:
            error: What redis-py raised.
            writing: The command stored an entry.
        """
        reason = f"{type(error).__name__}: {error}"
        if isinstance(error, self.unreachable):
            with self._lock:
                first = not self.down
                if first:
                    self.down = True
                    self._pause = RETRY_FIRST
                else:
                    self._pause = min(self._pause * 2, RETRY_MAX)
                self._retry_at = time.monotonic() + self._pause
            if first:
                warn(
                    CachePersistenceWarning(
                        f"The shared cache at {self.shown} cannot be reached ({reason}). "
                        "Cached functions keep working: the function runs and its value is "
                        "kept in this process's memory; sharing resumes when the server is back."
                    )
                )
            return
        text = str(error)  # inside a script, Redis 6 wraps the reason: "... -OOM command ..."
        if isinstance(error, self.refusals) or any(code in text for code in _REFUSALS):
            self.refused(reason)
            return
        warn(
            CachePersistenceWarning(
                f"A command to the shared cache at {self.shown} failed ({reason}); the call "
                "went on as a miss."
            )
        )


def link_for(url: str) -> _Link:
    """Return the process's link to ``url``, made on first use (one pool per URL)."""
    link = _links.get(url)
    if link is None:
        with _links_lock:
            link = _links.get(url)
            if link is None:
                link = _links[url] = _Link(url)
    return link


def _after_fork() -> None:
    for link in list(_links.values()):
        link.forget_connections()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


@functools.lru_cache(maxsize=4096)
def _names(name: str) -> tuple[str, str, str, tuple[bytes]]:
    """Return an entry's key, its function's index key, its value key, and its ``GET``.

    Args:
        name: The pipeline's entry name, ``"<function key>-<value key>"``.
    """
    function, _, member = name.partition("-")
    entry = f"{PREFIX}{{{function}}}-{member}"
    encoded = entry.encode()
    get = b"*2\r\n$3\r\nGET\r\n$%d\r\n%s\r\n" % (len(encoded), encoded)  # RESP, any version
    return entry, f"{PREFIX}{{{function}}}#lru", member, (get,)  # packed: a list of chunks


def clear_stores(urls: list[str]) -> None:
    """Delete this library's entries from every store this process used, and from ``urls``.

    Args:
        urls: More stores to clear (``CACHELIB_STORAGE``'s).
    """
    for url in dict.fromkeys([*_links, *urls]):
        RedisBackend(url).clear()


class RedisBackend(Backend):
    """The entries of one ``cache_data`` function in a Redis server.

    Args:
        url: ``redis://[user:password@]host:port/db`` or ``rediss://...``.
        max_entries: Most entries kept for the function (``inf``: no limit).
    """

    name = "redis"
    reads_before_locking = True

    def __init__(self, url: str, *, max_entries: float = math.inf) -> None:
        self.url = url
        self.limit = 0 if max_entries == math.inf else int(max_entries)
        self._link: _Link | None = None

    @property
    def link(self) -> _Link:
        """The connection to the server (redis-py is imported on first use)."""
        link = self._link
        if link is None:
            link = self._link = link_for(self.url)
        return link

    @staticmethod
    def keys(name: str) -> tuple[str, str, str]:
        """Return the entry's key, its function's index key and the value key.

        Args:
            name: The pipeline's entry name, ``"<function key>-<value key>"``.
        """
        entry, index, member, _ = _names(name)
        return entry, index, member

    # --- reads ------------------------------------------------------------------------

    def verified(self, key: str, raw: bytes, signing_key: bytes) -> memoryview | None:
        """Return the payload of a stored entry, or None (not signed with our secret: warned)."""
        try:
            return entries.unseal(signing_key, key, raw)
        except entries.BadEntry as bad:
            warn(
                CachePersistenceWarning(
                    f"The shared entry {key} was not loaded: {bad}. It was not unpickled; the "
                    "value is computed again."
                )
            )
            return None

    def get(self, key: str) -> memoryview | None:
        """Return the verified payload stored under ``key``, or None.

        Right after `lock`, this answers from what the lock's round trip read. Otherwise
        it reads the entry (one ``GET``; with ``max_entries``, a script that also marks it
        used), and notes for the `lock` that may follow in this thread whether it found an
        entry it refused (then the lock does not read it again: one warning, no unpickling).

        Args:
            key: The entry's name.

        Returns:
            The payload, or None (missing, unusable, or the server unavailable).
        """
        signing_key = secret(self.url)
        local = _local
        pending: dict[str, memoryview | None] | None = getattr(local, "pending", None)
        if pending is not None and key in pending:
            return pending.pop(key)
        local.refused = None
        link = self.link
        if not link.available():
            return None
        entry, index, member, command = _names(key)
        try:
            if self.limit:
                raw: Any = link.read(keys=[entry, index], args=[member])
            else:
                raw = link.get(command)
        except link.errors as error:
            link.failed(error)
            return None
        link.succeeded()
        if not isinstance(raw, bytes):  # bytes: the client never decodes; None: missing
            return None
        payload = self.verified(entry, raw, signing_key)
        if payload is None:
            local.refused = entry
        return payload

    # --- writes -----------------------------------------------------------------------

    def set(self, key: str, payload: Payload, *, ttl: float) -> None:
        """Store a signed entry with ``ttl`` as its expiry, then trim to ``max_entries``.

        Args:
            key: The entry's name.
            payload: The pickled value (or a function that writes it: Redis needs the bytes).
            ttl: Seconds until the server drops the entry (``inf``: never).
        """
        signing_key = secret(self.url)
        link = self.link
        if not isinstance(payload, bytes):
            try:
                payload = entries.materialize(payload)
            except entries.Unpersistable as refused:
                warn(CachePersistenceWarning(str(refused)))
                return
        if len(payload) > MAX_VALUE_BYTES:
            warn(
                CachePersistenceWarning(
                    f"A value of {len(payload) / 2**20:.0f} MiB was not stored in the shared cache "
                    f"at {link.shown}: it takes values up to {MAX_VALUE_BYTES // 2**20} MiB. It is "
                    "kept in this process's memory only; other processes compute it themselves."
                )
            )
            return
        if not link.available():
            return
        entry, index, member = self.keys(key)
        magic, signature, _ = entries.seal(signing_key, entry, payload)
        milliseconds = 0 if ttl == math.inf else max(1, math.ceil(ttl * 1000))
        function_prefix = entry[: len(entry) - len(member)]
        try:
            link.store(
                keys=[entry, index],
                args=[
                    magic + signature,
                    payload,
                    milliseconds,
                    member,
                    self.limit,
                    function_prefix,
                ],
            )
        except link.errors as error:
            link.failed(error, writing=True)
            return
        link.succeeded(wrote=True)

    def delete(self, key: str) -> None:
        """Remove one entry (and its place in the function's index).

        Args:
            key: The entry's name.
        """
        link = self.link
        if not link.available():
            return
        entry, index, member = self.keys(key)
        try:
            with link.client.pipeline(transaction=False) as pipe:
                pipe.unlink(entry)
                pipe.zrem(index, member)
                pipe.execute()
        except link.errors as error:
            link.failed(error)
            return
        link.succeeded()

    def clear(self, prefix: str = "") -> bool:
        """Delete this library's keys: one function's (``"<function key>-"``) or all.

        Only keys that begin with ``cachelib:`` are touched; locks held by running
        computations are left alone.

        Args:
            prefix: ``"<function key>-"``, or ``""`` for every entry of this library.

        Returns:
            True.
        """
        link = self.link
        if not link.available():
            return True
        function = prefix[:-1] if prefix.endswith("-") else prefix
        pattern = f"{PREFIX}{{{function}}}*" if function else f"{PREFIX}*"
        try:
            batch: list[bytes] = []
            for found in link.client.scan_iter(match=pattern, count=1000):
                if not found.endswith(b"#lock"):
                    batch.append(found)
                if len(batch) >= 500:
                    link.client.unlink(*batch)
                    batch = []
            if batch:
                link.client.unlink(*batch)
        except link.errors as error:
            link.failed(error)
            return True
        link.succeeded()
        return True

    # --- one run per key ----------------------------------------------------------------

    def lock(self, key: str) -> _KeyLock:
        """Return the lock held while this process computes ``key`` (see `_KeyLock`).

        Args:
            key: The entry's name.
        """
        return _KeyLock(self, key)


class _KeyLock:
    """One run per key across processes: a lock in Redis, or the value another one stored.

    The pipeline enters it only after `RedisBackend.get` found no usable entry (a shared
    hit takes no lock: `RedisBackend.reads_before_locking`). Entering runs one script that
    reads the entry again (unless that read refused it) and either finds it (it landed
    meanwhile: kept for the `RedisBackend.get` that follows), takes the key's lock (this
    process computes; a thread renews the lock until exit), or finds the lock held. Then
    it subscribes to the key's channel, and waits for the holder's release (or the lock's
    expiry, if the holder died) before trying again. A fault ends the wait: the caller
    computes, without sharing.
    """

    __slots__ = ("_key", "_renewal", "_stop", "_token", "backend")

    def __init__(self, backend: RedisBackend, key: str) -> None:
        self.backend = backend
        self._key = key
        self._token: str | None = None
        self._stop: threading.Event | None = None
        self._renewal: threading.Thread | None = None

    def __enter__(self) -> _KeyLock:
        backend = self.backend
        signing_key = secret(backend.url)
        pending = getattr(_local, "pending", None)
        if pending is None:
            pending = _local.pending = {}
        link = backend.link
        if not link.available():
            pending[self._key] = None
            return self
        try:
            pending[self._key] = self._wait(link, signing_key)
        except link.errors as error:
            link.failed(error)
            pending[self._key] = None
        return self

    def _wait(self, link: _Link, signing_key: bytes) -> memoryview | None:
        """Return the stored payload, or None once this process holds the lock."""
        entry, index, member = self.backend.keys(self._key)
        # The get before this lock read the entry: found and refused, it is not read again
        # (not ours to unpickle: computed under the lock); else the script reads it again,
        # for a value that landed in between.
        refused = getattr(_local, "refused", None) == entry
        _local.refused = None
        skip_value = "1" if refused else "0"
        lock = f"{entry}#lock"
        channel = f"{entry}#done"
        token = os.urandom(16).hex()
        milliseconds = int(LOCK_TTL * 1000)
        touch = "1" if self.backend.limit else "0"
        pubsub: Any = None
        try:
            while True:
                answer = link.fetch(
                    keys=[entry, lock, index], args=[token, milliseconds, member, touch, skip_value]
                )
                link.succeeded()
                if answer[0] == 1:
                    payload = self.backend.verified(entry, answer[1], signing_key)
                    if payload is not None:
                        return payload
                    skip_value = "1"  # not ours to unpickle: compute it (under the lock)
                    continue
                if answer[0] == 2:
                    self._hold(link, lock, token)
                    return None
                if answer[0] == 4:  # no lock can be written: compute without one
                    link.refused(_text(answer[1]))
                    return None
                if pubsub is None:
                    # Subscribe, then look again: a release cannot slip between the two.
                    pubsub = link.client.pubsub()
                    pubsub.subscribe(channel)
                    _next_message(pubsub, CONNECT_TIMEOUT + SOCKET_TIMEOUT, kind="subscribe")
                    continue
                lives = max(int(answer[1]), 0) / 1000
                _next_message(pubsub, min(lives, LOCK_TTL) + 0.05, kind="message")
                skip_value = "0"  # released (or expired): the holder may have stored it
        finally:
            if pubsub is not None:
                with contextlib.suppress(*link.errors):
                    pubsub.close()

    def _hold(self, link: _Link, lock: str, token: str) -> None:
        """Note the lock as ours and start renewing it."""
        self._token = token
        stop = self._stop = threading.Event()
        milliseconds = int(LOCK_TTL * 1000)

        def renew() -> None:
            while not stop.wait(LOCK_TTL / 3):
                try:
                    if not link.extend(keys=[lock], args=[token, milliseconds]):
                        return  # lost (expired while this process stalled): nothing to renew
                except link.errors:
                    continue  # an outage: try again at the next turn

        thread = self._renewal = threading.Thread(
            target=renew, name="cachelib-redis-lock", daemon=True
        )
        thread.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        pending = getattr(_local, "pending", None)
        if pending is not None:
            pending.pop(self._key, None)
        token = self._token
        if token is None:
            return
        self._token = None
        if self._stop is not None:
            self._stop.set()
        link = self.backend.link
        entry = self.backend.keys(self._key)[0]
        try:
            link.release(keys=[f"{entry}#lock"], args=[token, f"{entry}#done"])
        except link.errors as failure:
            link.failed(failure)  # the lock expires by itself


def _text(reply: object) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


def _next_message(pubsub: Any, timeout: float, *, kind: str) -> bool:
    """Wait up to ``timeout`` seconds for a pub/sub message of ``kind``; True if one came."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        message = pubsub.get_message(timeout=remaining)
        if message is not None and message.get("type") == kind:
            return True
