"""Checks on the built site, and proof that a misbehaving block fails a plain (non-strict) build.

The site is built once per test session with `python -m mkdocs build --strict` into a temporary
directory (`tools.sitecheck.build_site`, shared with tests/test_api_reference.py); set
KB_SITE_DIR to check an existing build instead (e.g. `KB_SITE_DIR=site` after `nox -s docs`).
The HTML is read by `tools.sitecheck`, which also checks what MkDocs' own link validation cannot
see: raw HTML, rendered docstrings and the output of executed examples.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path
from textwrap import dedent
from typing import Any
from urllib.parse import urlsplit

import pytest
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load
from pymdownx.slugs import slugify  # type: ignore[import-untyped]

from tools.kbexec.pages import read_pages
from tools.sitecheck import (
    Site,
    Weight,
    build_differences,
    build_site,
    copy_sources,
    mkdocs_build,
    site_url,
)

ROOT = Path(__file__).resolve().parent.parent
PAGES = read_pages(ROOT / "docs")
EXECUTED = [block for page in PAGES for block in page.blocks if block.executed]
EXPECTING_IDS = {block.spec.id for block in EXECUTED if block.spec.expect}
KiB = 1024

pytestmark = pytest.mark.build


@pytest.fixture(scope="session")
def site() -> Site:
    """The built site (one strict build per session), read once."""
    return Site(build_site(), site_url(ROOT / "mkdocs.yml"))


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


def mkdocs_nav() -> list[str]:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as file:
        return list(nav_pages(yaml_load(file)["nav"]))


# --- Rendering -------------------------------------------------------------------------------


def test_no_block_is_misrendered(site: Site) -> None:
    """No fence fell back to inline code; no admonition, tab, include or `{ #id }` left as text."""
    assert site.misrendered() == []


def test_tracebacks_appear_only_in_blocks_that_expect_an_exception(site: Site) -> None:
    """Only blocks declaring `expect=`, and doctests on the API reference, show a traceback."""
    assert site.tracebacks(EXPECTING_IDS) == []


def test_every_python_block_is_rendered_by_the_fence_on_its_page(site: Site) -> None:
    for page in PAGES:
        rendered = site.kbexec_blocks(built_page(page.path))
        for block in page.blocks:
            if block.executed:
                assert block.spec.id in rendered, f"{page.path}: {block.spec.id} not rendered"
                expects = block.spec.expect
                assert ("Traceback" in rendered[block.spec.id]) == bool(expects), block.spec.id


def test_two_builds_of_one_tree_are_byte_identical(tmp_path: Path) -> None:
    """No address, timing, temporary path or random order reaches a page or the search index.

    A copy of the sources is built twice (so that edits made meanwhile do not count); only the
    sitemap's dates may differ.
    """
    tree = copy_sources(tmp_path / "tree")
    builds = [tmp_path / "first", tmp_path / "second"]
    for build in builds:
        result = mkdocs_build("--strict", "--site-dir", str(build), cwd=tree)
        assert result.returncode == 0, result.stderr

    assert build_differences(*builds) == []


def test_build_differences_leave_out_the_sitemap_dates_only(tmp_path: Path) -> None:
    sitemap = "<urlset><url><loc>https://example.org/</loc><lastmod>{}</lastmod></url></urlset>"
    for name, day, page in (("one", "2026-01-01", "<p>1</p>"), ("two", "2026-01-02", "<p>2</p>")):
        (tmp_path / name / "kb").mkdir(parents=True)
        (tmp_path / name / "sitemap.xml").write_text(sitemap.format(day), encoding="utf-8")
        (tmp_path / name / "sitemap.xml.gz").write_bytes(
            gzip.compress(sitemap.format(day).encode(), mtime=len(day + name))
        )
        (tmp_path / name / "kb" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "two" / "extra.html").write_text("", encoding="utf-8")

    assert build_differences(tmp_path / "one", tmp_path / "two") == [
        f"extra.html: built only into {tmp_path / 'two'}",
        "kb/index.html: line 1: '<p>1</p>' != '<p>2</p>'",
    ]


# --- Pages, links, 404, sitemap --------------------------------------------------------------


def test_home_and_every_nav_page_exist(site: Site) -> None:
    nav = mkdocs_nav()
    assert "index.md" in nav
    for page in nav:
        assert built_page(page) in site.pages, f"{page} was not built"


def test_every_page_is_in_the_nav() -> None:
    """A page outside the nav is reachable only by search: every Markdown page is listed."""
    nav = set(mkdocs_nav())
    assert [page.path for page in PAGES if page.path not in nav] == []


def test_no_broken_internal_link_or_anchor(site: Site) -> None:
    """Every href/src and every printed address under site_url leads to a file and an id."""
    assert site.broken_links() == []


# The pages that define the divergence labels, each beside its meaning (tables and headings).
LABEL_PAGES = {"differences/index.html", "conformance/index.html"}
BARE_LABEL = re.compile(r"\b(?:D(?:1[0-3]|[1-9])|X1)\b")
# How the project is run is not the reader's business: our issues and their items, never
# Streamlit's issues (which readers may follow).
INTERNAL = re.compile(r"(?<!Streamlit )\bissue #?\d+|\bthe `?cachelib`? issue\b|\bitem \d+\b", re.I)


def _around(text: str, match: re.Match[str]) -> str:
    return " ".join(text[max(0, match.start() - 60) : match.end() + 30].split())


def test_pages_name_a_difference_by_its_meaning_not_by_a_bare_label(site: Site) -> None:
    bare = [
        f"{path}: ...{_around(page.text, match)}..."
        for path, page in site.pages.items()
        if path not in LABEL_PAGES
        for match in BARE_LABEL.finditer(page.text)
    ]
    assert bare == [], "\n".join(bare)


def test_pages_do_not_mention_how_the_project_is_run(site: Site) -> None:
    internal = [
        f"{path}: ...{_around(page.text, match)}..."
        for path, page in site.pages.items()
        for match in INTERNAL.finditer(page.text)
    ]
    assert internal == [], "\n".join(internal)


def test_addresses_printed_by_executed_examples_are_checked(site: Site) -> None:
    """cachelib's messages print `<site_url>errors/#<code>`: the checker sees those addresses."""
    printed = [
        (path, link.address)
        for path, page in site.pages.items()
        for link in page.links
        if link.origin == "text"
    ]
    assert any(address.startswith(site.url + "errors/#") for _, address in printed), (
        "no error message on the site prints a link to its section: are the examples shown?"
    )


def test_404_page_is_built_and_styled(site: Site) -> None:
    page = site.pages.get("404.html")
    assert page is not None, "404.html was not built"
    assert re.search(r"<h1[^>]*>\s*404\b", page.html), "the 404 page has no 404 heading"
    # Served for any missing address, at any depth: its assets use absolute paths.
    stylesheets = [
        link.address
        for link in page.links
        if link.origin == "<link href>" and link.rel == "stylesheet"
    ]
    assert any(re.search(r"/assets/stylesheets/main\.\w+\.min\.css$", s) for s in stylesheets)
    base_path = "/" + site.url.split("/", 3)[3]
    assert all(address.startswith(base_path) for address in stylesheets), stylesheets
    assert 'class="md-header' in page.html, "the 404 page lacks the theme's header"
    # It leads somewhere useful (overrides/404.html): the errors reference and the KB index.
    targets = {site.resolve("404.html", link.address) for link in page.links}
    assert {("errors/index.html", ""), ("kb/index.html", "")} <= targets


def page_tags() -> dict[str, list[str]]:
    """The tags of each page that has some, from its front matter."""
    tags: dict[str, list[str]] = {}
    for page in PAGES:
        _, meta = get_data((ROOT / "docs" / page.path).read_text(encoding="utf-8"))
        if meta.get("tags"):
            tags[page.path] = [str(tag) for tag in meta["tags"]]
    return tags


def test_kb_pages_carry_tags() -> None:
    tags = page_tags()
    untagged = [
        page.path
        for page in PAGES
        if page.path.startswith("kb/") and page.path != "kb/index.md" and page.path not in tags
    ]
    assert untagged == []


def test_knowledge_base_index_lists_every_page_under_each_of_its_tags(site: Site) -> None:
    index = "kb/index.html"
    html = site.pages[index].html
    slug = slugify(case="lower")
    missing = []
    for page, tags in page_tags().items():
        for tag in tags:
            anchor = f'id="tag:{slug(tag, "-")}"'
            start = html.find(anchor)
            if start < 0:
                missing.append(f"tag {tag!r} has no section")
                continue
            end = html.find('id="tag:', start + len(anchor))
            section = html[start : end if end > 0 else len(html)]
            linked = {
                resolved[0]
                for href in re.findall(r'href="([^"]+)"', section)
                if (resolved := site.resolve(index, href))
            }
            if built_page(page) not in linked:
                missing.append(f"{page} is not listed under {tag!r}")
    assert missing == []


def test_sitemap_lists_every_page(site: Site) -> None:
    assert site.sitemap_problems() == []
    assert (site.root / "sitemap.xml.gz").is_file()


# --- Page weight -----------------------------------------------------------------------------

# What a reader downloads to see one page, measured by Site.weight: the HTML, plus what it
# loads up front (Material's CSS and JS bundle, the search worker, the search index, the
# sitemap, the favicon). The budgets are set for a reader who arrives from a search engine on
# a phone: on a slow 3G link (about 50 KB/s) the gzipped total must arrive in about 5 s.
#
# - Material's shared assets weigh about 315 KiB (75 KiB gzipped) and do not grow with the site.
# - The search index grows with every page: it may reach 520 KiB (125 KiB gzipped). It holds the
#   examples' sources as well as prose and outputs (readers search for names seen in code), about
#   a quarter of it; beyond the budget, trim long generated tables (`search.exclude`), not code.
# - A page's HTML: 200 KiB (32 KiB gzipped), twice the longest page today (the API reference
#   and "Caching issues", about 95 KiB). Highlighted code makes HTML several times larger than
#   its text but compresses well; a page over this is too long to read and should be split.
# - The total stays under 1 MiB uncompressed and 250 KiB gzipped.
BUDGET_HTML = 200 * KiB
BUDGET_HTML_GZIPPED = 32 * KiB
BUDGET_SEARCH_INDEX = 520 * KiB
BUDGET_SEARCH_INDEX_GZIPPED = 125 * KiB
BUDGET_TOTAL = 1024 * KiB
BUDGET_TOTAL_GZIPPED = 250 * KiB


def weight_report(weights: list[Weight]) -> str:
    """Format the weights as a table, in KiB."""
    lines = [f"{'page':<45} {'HTML':>7} {'gz':>6} {'total':>7} {'gz':>6}"]
    lines.extend(
        f"{w.page:<45} {w.html.size / KiB:7.1f} {w.html.gzipped / KiB:6.1f}"
        f" {w.total / KiB:7.1f} {w.total_gzipped / KiB:6.1f}"
        for w in weights
    )
    return "\n".join(lines)


def test_every_page_is_within_its_weight_budget(site: Site) -> None:
    weights = [site.weight(path) for path in site.pages]
    report = weight_report(weights)
    over = [
        f"{w.page}: {what} {size / KiB:.1f} KiB > {budget / KiB:.0f} KiB"
        for w in weights
        for what, size, budget in (
            ("HTML", w.html.size, BUDGET_HTML),
            ("HTML gzipped", w.html.gzipped, BUDGET_HTML_GZIPPED),
            ("total", w.total, BUDGET_TOTAL),
            ("total gzipped", w.total_gzipped, BUDGET_TOTAL_GZIPPED),
        )
        if size > budget
    ]
    assert over == [], f"{over}\n{report}"


def test_search_index_is_within_its_budget(site: Site) -> None:
    index = next(
        asset
        for asset in site.weight("index.html").assets
        if asset.path == "search/search_index.json"
    )
    assert index.size <= BUDGET_SEARCH_INDEX, f"{index.size / KiB:.1f} KiB"
    assert index.gzipped <= BUDGET_SEARCH_INDEX_GZIPPED, f"{index.gzipped / KiB:.1f} KiB"


def test_weight_counts_what_every_page_loads_up_front(site: Site) -> None:
    """The measure is not empty: the theme's CSS and JS, search and sitemap are counted."""
    for path in site.pages:
        loaded = {asset.path for asset in site.weight(path).assets}
        assert any(re.fullmatch(r"assets/stylesheets/main\.\w+\.min\.css", a) for a in loaded)
        assert any(re.fullmatch(r"assets/javascripts/bundle\.\w+\.min\.js", a) for a in loaded)
        assert {"search/search_index.json", "sitemap.xml"} <= loaded, (path, loaded)


# --- The checker itself, on a small hand-written site ----------------------------------------

FAKE_URL = "https://example.org/kb/"


def write_fake_site(root: Path, pages: dict[str, str]) -> Site:
    for path, body in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return Site(root, FAKE_URL)


def test_link_checker_finds_broken_links_in_markup_raw_html_and_printed_output(
    tmp_path: Path,
) -> None:
    site = write_fake_site(
        tmp_path,
        {
            "index.html": (
                '<h1 id="top">Home</h1><a href="errors/#known">ok</a>'
                '<a href="errors/#unknown">bad anchor</a><a href="missing/">bad page</a>'
                '<a href="https://example.org/elsewhere/">outside the site</a>'
                '<a href="https://other.example/x">another site</a><a href="#top">ok</a>'
            ),
            "errors/index.html": (
                '<h2 id="known">Known</h2><pre><code>More: '
                "https://example.org/kb/errors/#known.\n"
                "More: https://example.org/kb/errors/#gone</code></pre>"
                '<img src="../img/missing.png">'
            ),
        },
    )

    broken = site.broken_links()

    assert sorted(broken) == [
        "errors/index.html: <img src> '../img/missing.png': no such file img/missing.png",
        "errors/index.html: text 'https://example.org/kb/errors/#gone': "
        "errors/index.html has no element with id 'gone'",
        "index.html: <a href> 'errors/#unknown': errors/index.html has no element with id "
        "'unknown'",
        "index.html: <a href> 'https://example.org/elsewhere/': no such file (outside the site)",
        "index.html: <a href> 'missing/': no such file missing/index.html",
    ]


def test_misrender_check_finds_markdown_left_as_text(tmp_path: Path) -> None:
    site = write_fake_site(
        tmp_path,
        {
            "index.html": (
                '<p><code>python id="x"\n--8<-- "a.py"</code></p>'
                '<p>!!! failure "Symptom"</p><p>=== "Fixed"</p><h2>Fix { #fix }</h2>'
                "<p>Emitted with :func:<code>warnings.warn</code>.</p>"
                "<pre><code>```python\n!!! note in code is fine {: #x }</code></pre>"
            )
        },
    )

    found = "\n".join(site.misrendered())

    for problem in (
        "a fence rendered as inline code",
        "an admonition",
        "a content tab",
        "an attribute list",
        "a reStructuredText role",
    ):
        assert problem in found
    assert "in code is fine" not in found


def test_traceback_check_allows_expecting_blocks_and_doctests_only(tmp_path: Path) -> None:
    traceback = "Traceback (most recent call last):\nValueError"
    site = write_fake_site(
        tmp_path,
        {
            "index.html": (
                f'<div class="kbexec" data-kbexec-id="p/expects"><pre>{traceback}</pre></div>'
                f'<div class="kbexec" data-kbexec-id="p/plain"><pre>{traceback}</pre></div>'
            ),
            "api/index.html": (
                '<div class="doc-contents"><div class="highlight"><pre>&gt;&gt;&gt; f()\n'
                f"{traceback}</pre></div>"
                f'<div class="highlight"><pre>x = 1\n{traceback}</pre></div></div>'
            ),
            "other/index.html": f"<p>{traceback}</p>",
        },
    )

    assert site.tracebacks({"p/expects"}) == [
        "api/index.html: outside the executed blocks",
        "index.html: block p/plain",
        "other/index.html: outside the executed blocks",
    ]


# --- A broken block fails the build ----------------------------------------------------------

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


# --- Nothing from another host -----------------------------------------------------------------

_ABSOLUTE = re.compile(r"https?://([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)(?::\d+)?", re.IGNORECASE)
# Attributes that make the browser load something (a stylesheet, a script, an image, a frame).
_LOADING = re.compile(
    r"<(?P<tag>[a-z]+)\b[^>]*?\s(?P<attr>src|srcset|href|poster|data|action)\s*=\s*"
    r"[\"']?(?P<url>https?://[^\"'\s>]+)",
    re.IGNORECASE,
)
# Links that readers follow (never loaded by the page): the sources the knowledge base cites.
CITED_HOSTS = frozenset({"docs.streamlit.io", "discuss.streamlit.io", "github.com"})
# XML namespaces, which name a vocabulary and are never requested (SVG icons in CSS).
NAMESPACES = re.compile(r"https?://www\.w3\.org/(?:2000/svg|1999/xlink|1999/xhtml)")
# Material's own bundles (theme code, lunr, its CSS): strings for features this site does not enable
# (repository facts need repo_url, diagrams need mermaid) and licence comments. The browser
# tests (tests/browser/test_runner.py) prove that no request leaves the site.
THEME_CODE = re.compile(r"assets/(?:javascripts/(?:bundle\.|workers/|lunr/)|stylesheets/main\.)")


def test_no_built_file_references_another_host(site: Site) -> None:
    """The site loads nothing from elsewhere: no CDN, no web font, no Pyodide fallback.

    HTML: nothing is loaded from an absolute address (`src`, `<link href>`...), and links go
    to the site's own address (the canonical links) or to the sources the pages cite. JS and
    CSS (the site's own and Pyodide's): no address of another host at all.
    """
    own = urlsplit(site.url).hostname
    found: list[str] = []
    for path in sorted(site.root.rglob("*")):
        relative = path.relative_to(site.root).as_posix()
        if path.suffix == ".html":
            for match in _LOADING.finditer(path.read_text(encoding="utf-8")):
                host = urlsplit(match["url"]).hostname
                link = match["tag"].lower() == "a" and match["attr"].lower() == "href"
                if link and (host == own or host in CITED_HOSTS):
                    continue
                if match["tag"].lower() == "link" and host == own:
                    continue  # <link rel="canonical">: the published address, not a load
                found.append(f"{relative}: <{match['tag']} {match['attr']}={match['url']}>")
        elif path.suffix in (".js", ".mjs", ".css") and not THEME_CODE.match(relative):
            text = NAMESPACES.sub("", path.read_text(encoding="utf-8", errors="replace"))
            found.extend(
                f"{relative}: {match[0]}"
                for match in _ABSOLUTE.finditer(text)
                if match[1].lower() != own
            )
    assert found == []


def test_the_runner_ships_pyodide_without_its_cdn_pages(site: Site) -> None:
    pyodide = site.root / "assets" / "pyodide"
    assert sorted(p.name for p in pyodide.iterdir()) == [
        "pyodide-lock.json",
        "pyodide.asm.mjs",
        "pyodide.asm.wasm",
        "pyodide.mjs",
        "python_stdlib.zip",
    ]
    assert "cdn.jsdelivr" not in (pyodide / "pyodide.mjs").read_text(encoding="utf-8")
    wheels = list((site.root / "assets" / "wheels").glob("cachelib_reference-*-py3-none-any.whl"))
    assert len(wheels) == 1
