"""Tasks: `nox` runs lint, tests and docs; `nox -s serve` previews the site with live reload."""

from __future__ import annotations

import nox

nox.needs_version = ">=2024.10.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["lint", "tests", "docs"]

# The one list of what building the site needs (the tests build it too).
DOCS_REQUIREMENTS = [
    "mkdocs>=1.6.1,<2",
    "mkdocs-material>=9.8,<10",
    "pymdown-extensions>=13.1,<14",
    "markdown-exec==1.12.*",
]
TEST_REQUIREMENTS = ["pytest>=9,<10", "hypothesis>=6.100,<7"]
LINT_REQUIREMENTS = ["ruff>=0.17,<0.18", "mypy>=2.4,<3"]
LINTED = ["cachelib", "tools", "tests", "noxfile.py", "snippets"]
DOCS_ENV = {"NO_MKDOCS_2_WARNING": "1"}


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (tests/, with the snippet and site checks), then cachelib's doctests."""
    session.install("-e", ".[data]", *DOCS_REQUIREMENTS, *TEST_REQUIREMENTS)
    session.run("python", "-m", "pytest", *session.posargs, env=DOCS_ENV)
    if not session.posargs:  # doctests of cachelib only: tests/ holds scripts that raise on import
        session.run("python", "-m", "pytest", "--doctest-modules", "cachelib", env=DOCS_ENV)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site into site/; every python block runs and must do what it declares."""
    session.install("-e", ".[data]", *DOCS_REQUIREMENTS)
    session.run("python", "-m", "mkdocs", "build", "--strict", "--clean", env=DOCS_ENV)


@nox.session
def serve(session: nox.Session) -> None:
    """Serve the site on http://127.0.0.1:8000, rebuilding on changes."""
    session.install("-e", ".[data]", *DOCS_REQUIREMENTS)
    session.run("python", "-m", "mkdocs", "serve", "-a", "127.0.0.1:8000", env=DOCS_ENV)


@nox.session
def lint(session: nox.Session) -> None:
    """Check style and formatting with ruff, and types with mypy --strict."""
    session.install("-e", ".[data]", *DOCS_REQUIREMENTS, *LINT_REQUIREMENTS)
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)
    session.run("mypy", "--strict", "cachelib", "tools")
