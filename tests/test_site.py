"""Checks on the built site, and proof that a misbehaving block fails a plain (non-strict) build.

The site is built once per session with `python -m mkdocs build --strict` into a temporary
directory; set KB_SITE_DIR to check an existing build instead (e.g. `KB_SITE_DIR=site` after
`nox -s docs`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
from mkdocs.utils.yaml import yaml_load

from tools.kbexec.pages import read_pages

ROOT = Path(__file__).resolve().parent.parent
PAGES = read_pages(ROOT / "docs")
EXECUTED = [block for page in PAGES for block in page.blocks if block.executed]
EXPECTING_IDS = {block.spec.id for block in EXECUTED if block.spec.expect}

pytestmark = pytest.mark.build


def mkdocs_build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python -m mkdocs build` (which puts the working directory on sys.path)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site: KB_SITE_DIR if set, else a fresh strict build."""
    if os.environ.get("KB_SITE_DIR"):
        return Path(os.environ["KB_SITE_DIR"]).resolve()
    target = tmp_path_factory.mktemp("site")
    result = mkdocs_build("--strict", "--site-dir", str(target))
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="session")
def html_pages(site: Path) -> dict[str, str]:
    """Every HTML page of the site, by path relative to the site."""
    return {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*.html"))
    }


class BlockText(HTMLParser):
    """Splits a page's text into the text of each executed block and the text outside them."""

    def __init__(self, page_html: str) -> None:
        super().__init__()
        self.blocks: dict[str, str] = {}
        self.outside = ""
        self._current: str | None = None
        self._depth = 0
        self.feed(page_html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        block_id = dict(attrs).get("data-kbexec-id")
        if self._current is None and block_id is not None:
            self._current, self._depth = block_id, 0
            self.blocks[block_id] = ""
        if self._current is not None:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._current is not None:
            self._depth -= 1
            if self._depth == 0:
                self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is None:
            self.outside += data
        else:
            self.blocks[self._current] += data


def built_page(page: str) -> str:
    """Return where MkDocs (with directory URLs) writes a Markdown page, relative to the site."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") + "index.html"
    return stem + "/index.html"


def nav_pages(nav: Any) -> Iterator[str]:
    """Yield the Markdown files of a MkDocs nav."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_pages(value)


def test_no_python_block_is_misrendered_as_inline_code(html_pages: dict[str, str]) -> None:
    misrendered = [
        path
        for path, text in html_pages.items()
        if "<p><code>python " in text or "<p><code>py " in text
    ]
    assert misrendered == []


def test_tracebacks_appear_only_in_blocks_that_expect_an_exception(
    html_pages: dict[str, str],
) -> None:
    offending = []
    for path, text in html_pages.items():
        parsed = BlockText(text)
        if "Traceback" in parsed.outside:
            offending.append(f"{path}: outside the executed blocks")
        offending.extend(
            f"{path}: block {block_id}"
            for block_id, shown in parsed.blocks.items()
            if "Traceback" in shown and block_id not in EXPECTING_IDS
        )
    assert offending == []


def test_every_python_block_is_rendered_by_the_fence_on_its_page(
    html_pages: dict[str, str],
) -> None:
    for page in PAGES:
        rendered = BlockText(html_pages[built_page(page.path)]).blocks
        for block in page.blocks:
            if block.executed:
                assert block.spec.id in rendered, f"{page.path}: {block.spec.id} not rendered"
                expects = block.spec.expect
                assert ("Traceback" in rendered[block.spec.id]) == bool(expects), block.spec.id


def test_home_and_every_nav_page_exist(site: Path) -> None:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as file:
        nav = list(nav_pages(yaml_load(file)["nav"]))

    assert "index.md" in nav
    for page in nav:
        assert (site / built_page(page)).is_file(), f"{page} was not built"


BROKEN = {
    "documented error no longer raised": 'id="index/repro" expect="ValueError"',
    "misspelled option": 'id="index/repro" exepct="ValueError"',
}


@pytest.mark.parametrize("options", BROKEN.values(), ids=BROKEN)
def test_block_with_a_broken_expectation_fails_a_non_strict_build(
    tmp_path: Path, options: str
) -> None:
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "repro.py").write_text("print('no error any more')\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(
        f'# Home\n\n```python {options}\n--8<-- "repro.py"\n```\n', encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(
        dedent(
            f"""\
            site_name: broken
            markdown_extensions:
              - pymdownx.snippets:
                  base_path: [{str(tmp_path / "snippets")!r}]
                  check_paths: true
              - pymdownx.superfences:
                  custom_fences:
                    - name: python
                      class: python
                      validator: !!python/name:tools.kbexec.validator
                      format: !!python/name:tools.kbexec.formatter
            """
        ),
        encoding="utf-8",
    )

    result = mkdocs_build("-f", str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "site"))

    assert result.returncode != 0
    assert "Error reading page 'index.md'" in result.stderr
    assert "kbexec: page 'index.md', python block 'index/repro'" in result.stderr
