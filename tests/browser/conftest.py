"""Fixtures for the browser tests: the built site on a local server, and headless Chromium.

These tests run only when selected by path (`pytest tests/browser`, as `nox -s browser` does):
a plain `pytest` or `nox -s tests` does not collect them, so the default test run needs no
browser. Once selected, they never skip: without the `playwright` package or a Chromium
executable they fail, saying what to install.

- Chromium: `$KB_CHROMIUM`, else `chromium` on PATH, else `/usr/bin/chromium` (Debian's package,
  `apt-get install chromium`; Playwright's own browser download is not used).
- The site: `$KB_SITE_DIR`, else one strict build (`tools.sitecheck.build_site`). It is served
  by `http.server` on 127.0.0.1 (a free port) under the path of `site_url` (`/cachelib/`), as
  the published site is, and a missing address gets `404.html` with status 404.
- Screenshots go to `$KB_SCREENSHOTS`, else `site-screenshots/` at the repository root.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from tools.sitecheck import Site, build_site, site_url

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response

BROWSER_TESTS = Path(__file__).resolve().parent
ROOT = BROWSER_TESTS.parent.parent
CHROMIUM_ARGS = [
    # As root (CI), Chromium needs --no-sandbox; the rest keeps it off the (closed) network.
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = (
    "install Debian's chromium (`apt-get update && apt-get install -y chromium`) "
    "or set KB_CHROMIUM to a Chromium executable"
)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Leave the browser tests out unless a command-line path selects them."""
    invoked = config.invocation_params.dir
    for arg in config.args:
        selected = (invoked / arg.split("::")[0]).resolve()
        if selected == BROWSER_TESTS or BROWSER_TESTS in selected.parents:
            return None
    return True


@pytest.fixture(scope="session")
def site() -> Site:
    """The built site, read by tools.sitecheck."""
    return Site(build_site(), site_url(ROOT / "mkdocs.yml"))


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under the path of `site_url`; anything else gets the 404 page."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        """Map `/cachelib/x` to the site's `x`; other paths to a file that does not exist."""
        route = path.split("?", 1)[0].split("#", 1)[0]
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / ".not-under-the-site-path")
        return super().translate_path("/" + route[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing page with the site's 404.html, as GitHub Pages does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output quiet."""


@pytest.fixture(scope="session")
def base_url(site: Site) -> Iterator[str]:
    """The site's address on a local server: `http://127.0.0.1:<port>/cachelib/`."""
    prefix = urlsplit(site.url).path
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site.root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def chromium_executable() -> str:
    """Find Chromium, or fail the test session saying how to install it."""
    chosen = os.environ.get("KB_CHROMIUM")
    if chosen:
        if not os.access(chosen, os.X_OK):
            pytest.fail(f"KB_CHROMIUM={chosen} is not an executable", pytrace=False)
        return chosen
    for candidate in (shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(f"no Chromium executable found: {INSTALL_HINT}", pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium, driven by Playwright, for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(
            "the browser tests need the `playwright` package (`nox -s browser` installs it)",
            pytrace=False,
        )
    executable = chromium_executable()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class PageLog:
    """What went wrong while a page was open: console errors, uncaught errors, failed loads.

    Attributes:
        problems: One line per console error, page error, failed request or HTTP error.
        requests: Every address the page requested.
    """

    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        """Record a console error."""
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location})")

    def page_error(self, error: Exception) -> None:
        """Record an uncaught exception."""
        self.problems.append(f"uncaught: {error}")

    def request(self, request: Request) -> None:
        """Record a requested address."""
        self.requests.append(request.url)

    def request_failed(self, request: Request) -> None:
        """Record a request that got no answer."""
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def response(self, response: Response) -> None:
        """Record an HTTP error."""
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


@dataclass
class Tab:
    """A browser page with its log.

    Attributes:
        page: The Playwright page.
        log: What went wrong on it.
    """

    page: Page
    log: PageLog


def open_tab(browser: Browser, **options: Any) -> Tab:
    """Open a page in a new context (light scheme, clipboard allowed), logging its problems.

    Args:
        browser: The browser.
        **options: Options of the context, replacing the defaults (``color_scheme="dark"``).

    Returns:
        The page and its log.
    """
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"],
        **{"color_scheme": "light", "viewport": {"width": 1280, "height": 900}, **options},
    )
    page = context.new_page()
    log = PageLog()
    page.on("console", log.console)
    page.on("pageerror", log.page_error)
    page.on("request", log.request)
    page.on("requestfailed", log.request_failed)
    page.on("response", log.response)
    return Tab(page, log)


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    """A desktop-sized page (1280×900)."""
    opened = open_tab(browser)
    yield opened
    opened.page.context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Tab]:
    """A phone-sized page (375×667, touch)."""
    opened = open_tab(
        browser,
        viewport={"width": 375, "height": 667},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield opened
    opened.page.context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where screenshots are saved for review."""
    folder = Path(os.environ.get("KB_SCREENSHOTS") or ROOT / "site-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
