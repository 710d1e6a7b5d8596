# Checks on the built site that MkDocs cannot make: links in raw HTML and executed output, weights.
"""Read a built MkDocs site and report what is wrong with it.

MkDocs' own validation (`validation:` in `mkdocs.yml`, `--strict`) sees the links written in
Markdown only. This module reads the HTML it wrote instead, so it also sees the links in raw
HTML, in rendered docstrings and in the output of executed examples, where `cachelib`'s error
messages print full addresses under the site's `site_url`:

- `Site.broken_links`: every `href`/`src` of every page and every address under `site_url`
  printed in a page's text must lead to a built file and, with a `#fragment`, to an element
  of that page with that id;
- `Site.misrendered`: Markdown that reached the page as text (a fence SuperFences could not
  read, an admonition, a tab, an include, an attribute list);
- `Site.tracebacks`: the word "Traceback" outside the blocks allowed to show one;
- `Site.sitemap_problems`: `sitemap.xml` lists every page, and only built pages;
- `Site.weight`: what loading a page transfers (HTML and every asset it loads up front).

`build_site` runs the strict build the tests share (one per process).
"""

from __future__ import annotations

import atexit
import functools
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
"""The repository: `mkdocs.yml` is there."""

SITE_DIR_ENV = "KB_SITE_DIR"
"""Check this existing build instead of building (e.g. `KB_SITE_DIR=site` after `nox -s docs`)."""

CODE_TAGS = frozenset({"code", "pre", "kbd", "samp"})
"""Elements whose text is code, never Markdown that failed to render."""

RAW_TAGS = frozenset({"script", "style", "textarea"})
"""Elements whose text is data for the browser, neither prose nor code shown to readers."""

BLOCK_TAGS = frozenset(
    {"p", "div", "li", "td", "th", "tr", "br", "blockquote", "details", "summary", "table"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "section", "article"}
)
"""Elements that start a new line of text (Markdown syntax is checked at line starts)."""

MISRENDERED_TEXT = {
    "a fence SuperFences could not read": re.compile(r"^\s*(```|~~~)", re.MULTILINE),
    "an admonition or details block": re.compile(r"^\s*(!!!|\?\?\?\+?) ", re.MULTILINE),
    "a content tab": re.compile(r'^\s*===\+? "', re.MULTILINE),
    "a snippet include": re.compile(r"--8<--"),
    "an attribute list": re.compile(r"\{\s*[#.][\w:-]+[^}\n]*\}"),
    "a mkdocstrings directive": re.compile(r"^\s*::: [\w.]+", re.MULTILINE),
    # Docstrings are Markdown here: write [`Name`][cachelib.Name] or `Name`, not :class:`Name`.
    "a reStructuredText role in a docstring": re.compile(
        r":(?:class|func|meth|mod|attr|exc|data|obj|ref):"
    ),
}
"""Markdown syntax that shows up as page text when its extension did not handle it."""

MISRENDERED_HTML = {
    # The fence's info string and body in one inline code span: it spans lines. (A paragraph
    # that merely starts with inline code, such as `python -I -c ...`, does not.)
    "a fence rendered as inline code": re.compile(r"<p><code>(python|py|text|pycon)\b[^<]*\n"),
    "an unexpanded tags listing": re.compile(r"<!--\s*material/tags"),
}
"""HTML signatures of a block that was not rendered by its extension."""


def mkdocs_build(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `python -m mkdocs build` (which puts the working directory on `sys.path`).

    Args:
        *args: Arguments after `build`.
        cwd: Where to run it; `mkdocs.yml` is read from there unless `-f` says otherwise.

    Returns:
        The finished process, with its output captured.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@functools.cache
def _build_once() -> tuple[Path, str]:
    """Build the site once per process; return its directory and, on failure, MkDocs' output."""
    target = Path(tempfile.mkdtemp(prefix="kb-site-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    result = mkdocs_build("--strict", "--site-dir", str(target))
    return target, "" if result.returncode == 0 else result.stderr


def build_site() -> Path:
    """Return the built site the tests check: `$KB_SITE_DIR`, else one strict build per process.

    A failed build is not retried: every caller gets the same error.

    Returns:
        The site directory.

    Raises:
        RuntimeError: The build failed; the message holds MkDocs' output.
    """
    existing = os.environ.get(SITE_DIR_ENV)
    if existing:
        return Path(existing).resolve()
    target, failure = _build_once()
    if failure:
        raise RuntimeError(f"mkdocs build --strict failed:\n{failure}")
    return target


def site_url(config_file: Path = ROOT / "mkdocs.yml") -> str:
    """Return the `site_url` of a MkDocs configuration, ending with a slash.

    Args:
        config_file: The configuration.

    Returns:
        The address the site is published at.

    Raises:
        ValueError: The configuration sets no `site_url`.
    """
    for line in config_file.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"site_url:\s*['\"]?(?P<url>[^'\"#\s]+)['\"]?\s*(#.*)?", line)
        if match:
            return match["url"].rstrip("/") + "/"
    raise ValueError(f"{config_file} sets no site_url")


@dataclass
class Link:
    """A reference from a page to an address.

    Attributes:
        address: The address as written (`href`, `src`, or an address printed in the text).
        origin: Where it was found: `<a href>`, `<link href>`, `<script src>`, ..., or `text`.
        rel: The `rel` attribute of a `<link>`, else "".
    """

    address: str
    origin: str
    rel: str = ""


@dataclass
class Page:
    """What the checks need from one built HTML file.

    Attributes:
        path: The file, relative to the site, e.g. `kb/caching-issues/index.html`.
        html: The file's content.
        ids: The `id` (and `<a name>`) values of its elements.
        links: The references it makes.
        text: Its text outside code elements, where Markdown syntax must not survive.
        code: Its text inside `<code>`, `<pre>`, `<kbd>` and `<samp>` elements.
        segments: Its text cut at the blocks allowed to hold a traceback, as
            (kind, name, text): kind is "kbexec" (name: the block id), "doctest" or "page".
        config: Material's `__config` JSON (the search worker's address and more), if any.
    """

    path: str
    html: str
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    text: str = ""
    code: str = ""
    segments: list[tuple[str, str, str]] = field(default_factory=list)
    config: dict[str, object] = field(default_factory=dict)


class _PageParser(HTMLParser):
    """Collects the ids, references and texts of a page in one pass."""

    def __init__(self, page: Page, printed_address: re.Pattern[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self._printed = printed_address
        self._code_depth = 0
        self._raw_depth = 0
        self._divs: list[tuple[str, str]] = []  # (kind, name) per open div; kind "" if plain
        self._config_open = False
        self._config = ""
        self._segment: tuple[str, str] = ("page", "")
        self._texts: dict[tuple[str, str], list[str]] = {}
        self._order: list[tuple[str, str]] = []
        self._candidates = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        for attribute in ("href", "src"):
            if attribute in values:
                self.page.links.append(
                    Link(values[attribute], f"<{tag} {attribute}>", values.get("rel", ""))
                )
        if tag in BLOCK_TAGS:
            self.page.text += "\n"
        if tag in CODE_TAGS:
            self._code_depth += 1
        if tag in RAW_TAGS:
            self._raw_depth += 1
        if tag == "script" and values.get("id") == "__config":
            self._config_open = True
        if tag == "div":
            self._divs.append(self._div_kind(values))
            self._segment = self._current_segment()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in CODE_TAGS | RAW_TAGS or tag == "div":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in CODE_TAGS and self._code_depth:
            self._code_depth -= 1
        if tag in RAW_TAGS and self._raw_depth:
            self._raw_depth -= 1
        if tag == "script":
            self._config_open = False
        if tag == "div" and self._divs:
            self._divs.pop()
            self._segment = self._current_segment()

    def handle_data(self, data: str) -> None:
        if self._config_open:
            self._config += data
        self.page.links.extend(
            # An address ending a sentence: the final punctuation is not part of it.
            Link(m.group(0).rstrip(".,;:!?"), "text")
            for m in self._printed.finditer(data)
        )
        if self._raw_depth:
            return
        if self._code_depth:
            self.page.code += data
        else:
            self.page.text += data
        if self._segment not in self._texts:
            self._texts[self._segment] = []
            self._order.append(self._segment)
        self._texts[self._segment].append(data)

    def _div_kind(self, values: dict[str, str]) -> tuple[str, str]:
        if "data-kbexec-id" in values:
            return ("kbexec", values["data-kbexec-id"])
        classes = values.get("class", "").split()
        in_docstring = any(kind == "docstring" for kind, _ in self._divs)
        if "doc-contents" in classes:
            return ("docstring", "")
        if "highlight" in classes and in_docstring:
            self._candidates += 1
            return ("doctest-candidate", str(self._candidates))
        return ("", "")

    def _current_segment(self) -> tuple[str, str]:
        for kind, name in reversed(self._divs):
            if kind == "kbexec":
                return ("kbexec", name)
            if kind == "doctest-candidate":
                return (kind, name)
        return ("page", "")

    def finish(self) -> None:
        """Close the parser and store the segments and the configuration on the page."""
        self.close()
        for key in self._order:
            kind, name = key
            text = "".join(self._texts[key])
            if kind == "doctest-candidate":
                # A code block in a rendered docstring is a doctest when it starts with a prompt:
                # `pytest --doctest-modules` checks its expected output, traceback included.
                kind = "doctest" if text.lstrip().startswith(">>>") else "page"
            self.page.segments.append((kind, name, text))
        if self._config.strip():
            loaded = json.loads(self._config)
            if isinstance(loaded, dict):
                self.page.config = loaded


@dataclass(frozen=True)
class Asset:
    """A file that loading a page transfers.

    Attributes:
        path: The file, relative to the site.
        size: Its size in bytes.
        gzipped: Its size gzip-compressed (level 6, as web servers commonly send it).
    """

    path: str
    size: int
    gzipped: int


@dataclass(frozen=True)
class Weight:
    """What loading a page transfers, uncompressed and gzip-compressed.

    Attributes:
        page: The HTML file, relative to the site.
        html: The HTML file itself.
        assets: Everything else loaded up front: stylesheets, scripts, images, icons, fonts,
            the search worker with the search index it fetches as soon as the page loads, and
            the sitemap (read on load by instant navigation).
    """

    page: str
    html: Asset
    assets: tuple[Asset, ...]

    @property
    def total(self) -> int:
        """Bytes transferred uncompressed."""
        return self.html.size + sum(asset.size for asset in self.assets)

    @property
    def total_gzipped(self) -> int:
        """Bytes transferred gzip-compressed."""
        return self.html.gzipped + sum(asset.gzipped for asset in self.assets)


class Site:
    """A built MkDocs site, read once.

    Args:
        root: The site directory.
        url: The site's `site_url`, ending with a slash.
    """

    def __init__(self, root: Path, url: str) -> None:
        self.root = root
        self.url = url
        printed = re.compile(re.escape(url) + r"[^\s\"'<>`\\)\]]*")
        self.pages: dict[str, Page] = {}
        for file in sorted(root.rglob("*.html")):
            path = file.relative_to(root).as_posix()
            page = Page(path=path, html=file.read_text(encoding="utf-8"))
            parser = _PageParser(page, printed)
            parser.feed(page.html)
            parser.finish()
            self.pages[path] = page
        self._measured: dict[str, Asset] = {}

    def page_url(self, path: str) -> str:
        """Return the published address of a built HTML file (directory URLs for `index.html`).

        Args:
            path: The file, relative to the site.

        Returns:
            The address under `site_url`.
        """
        return self.url + (path.removesuffix("index.html") if path.endswith("index.html") else path)

    def resolve(self, page: str, address: str) -> tuple[str, str] | None:
        """Find the file and fragment an address on a page leads to, if it is on this site.

        Args:
            page: The referring HTML file, relative to the site.
            address: The address as written on that page.

        Returns:
            (file relative to the site, decoded fragment); the file is "" when the address is
            under the site's host but outside the site. None for other sites and schemes
            (`mailto:`, `data:`, `javascript:`).
        """
        absolute = urljoin(self.page_url(page), address)
        parts, base = urlsplit(absolute), urlsplit(self.url)
        if parts.scheme not in ("http", "https") or parts.netloc != base.netloc:
            return None
        path = unquote(parts.path)
        if not path.startswith(base.path):
            return ("", unquote(parts.fragment))
        relative = path[len(base.path) :]
        if relative in ("", ".") or relative.endswith("/"):
            relative += "index.html"
        elif (self.root / relative).is_dir():
            relative += "/index.html"
        return (relative, unquote(parts.fragment))

    def broken_links(self) -> list[str]:
        """List every reference to this site that leads to no file or to no such element.

        Returns:
            One line per broken reference: page, where it was found, address, problem.
        """
        broken: list[str] = []
        for path, page in self.pages.items():
            for link in page.links:
                resolved = self.resolve(path, link.address)
                if resolved is None:
                    continue
                target, fragment = resolved
                where = f"{path}: {link.origin} {link.address!r}"
                if not target or not (self.root / target).is_file():
                    broken.append(f"{where}: no such file {target or '(outside the site)'}")
                elif fragment and target in self.pages and fragment not in self.pages[target].ids:
                    broken.append(f"{where}: {target} has no element with id {fragment!r}")
        return broken

    def misrendered(self) -> list[str]:
        """List the pages where Markdown syntax survived as text or as a known broken HTML form.

        Returns:
            One line per problem: page, what was not rendered, and the offending text.
        """
        found: list[str] = []
        for path, page in self.pages.items():
            for name, pattern in MISRENDERED_TEXT.items():
                found.extend(f"{path}: {name}: {m.group(0)!r}" for m in pattern.finditer(page.text))
            for name, pattern in MISRENDERED_HTML.items():
                found.extend(f"{path}: {name}: {m.group(0)!r}" for m in pattern.finditer(page.html))
        return found

    def tracebacks(self, expecting: Iterable[str]) -> list[str]:
        """List the tracebacks shown where no block declared one.

        A traceback may appear in the output of an executed block that declares `expect=`
        (the fence checked the exception) and in a docstring's doctest on the API reference
        (`pytest --doctest-modules` checks it); nowhere else.

        Args:
            expecting: The ids of the executed blocks that declare `expect=`.

        Returns:
            One line per offending page or block.
        """
        allowed = set(expecting)
        found: list[str] = []
        for path, page in self.pages.items():
            for kind, name, text in page.segments:
                if "Traceback" not in text or kind == "doctest":
                    continue
                if kind == "kbexec" and name in allowed:
                    continue
                where = f"block {name}" if kind == "kbexec" else "outside the executed blocks"
                found.append(f"{path}: {where}")
        return sorted(set(found))

    def kbexec_blocks(self, path: str) -> dict[str, str]:
        """Return the text of each executed block rendered on a page, by block id.

        Args:
            path: The HTML file, relative to the site.

        Returns:
            The text shown in each block (source and output).
        """
        blocks: dict[str, str] = {}
        for kind, name, text in self.pages[path].segments:
            if kind == "kbexec":
                blocks[name] = blocks.get(name, "") + text
        return blocks

    def sitemap_problems(self) -> list[str]:
        """Check that `sitemap.xml` lists every built page (but the 404 page) and nothing else.

        Returns:
            One line per missing, extra or unresolvable entry.
        """
        sitemap = self.root / "sitemap.xml"
        if not sitemap.is_file():
            return ["sitemap.xml was not built"]
        namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        locations = [
            (element.text or "").strip()
            for element in ElementTree.parse(sitemap).getroot().findall("s:url/s:loc", namespace)
        ]
        problems: list[str] = []
        listed: set[str] = set()
        for location in locations:
            resolved = self.resolve("index.html", location)
            if resolved is None or resolved[0] not in self.pages:
                problems.append(f"sitemap.xml lists {location}, which is not a built page")
            else:
                listed.add(resolved[0])
        problems.extend(
            f"sitemap.xml does not list {self.page_url(path)}"
            for path in self.pages
            if path != "404.html" and path not in listed
        )
        return problems

    def weight(self, path: str) -> Weight:
        """Measure what loading a page transfers.

        The assets are the page's stylesheets, scripts, images and icons, the fonts and
        images its stylesheets reference, Material's search worker with the search index it
        fetches on load, and the sitemap that instant navigation reads on load. Navigation
        links and `<link rel="canonical|prev|next">` are not loaded, so they do not count.

        Args:
            path: The HTML file, relative to the site.

        Returns:
            The page's weight.
        """
        page = self.pages[path]
        loaded: dict[str, None] = {}
        for link in page.links:
            if link.origin in ("<a href>", "text") or (
                link.origin == "<link href>" and link.rel not in ("stylesheet", "icon")
            ):
                continue
            resolved = self.resolve(path, link.address)
            if resolved and resolved[0]:
                loaded[resolved[0]] = None
        # Material starts its search worker on load (its address is relative to the page), and
        # the worker fetches the index from the page's `base`.
        worker, base = page.config.get("search"), page.config.get("base", ".")
        if isinstance(worker, str) and isinstance(base, str):
            addresses = [worker, base.rstrip("/") + "/search/search_index.json"]
            features = page.config.get("features")
            if isinstance(features, list) and "navigation.instant" in features:
                # Instant navigation reads the sitemap on load, to know which links it handles.
                addresses.append(base.rstrip("/") + "/sitemap.xml")
            for address in addresses:
                resolved = self.resolve(path, address)
                if resolved and resolved[0]:
                    loaded[resolved[0]] = None
        for asset in list(loaded):
            if asset.endswith(".css"):
                loaded.update(dict.fromkeys(self._css_references(asset)))
        return Weight(
            page=path,
            html=self._asset(path),
            assets=tuple(self._asset(asset) for asset in loaded if (self.root / asset).is_file()),
        )

    def _css_references(self, stylesheet: str) -> Iterator[str]:
        """Yield the site files a stylesheet references with `url(...)`."""
        css = (self.root / stylesheet).read_text(encoding="utf-8")
        base = self.url + stylesheet
        for match in re.finditer(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", css):
            resolved = self.resolve("", urljoin(base, match.group(1)))
            if resolved and resolved[0] and (self.root / resolved[0]).is_file():
                yield resolved[0]

    def _asset(self, path: str) -> Asset:
        """Measure one file (once)."""
        if path not in self._measured:
            data = (self.root / path).read_bytes()
            gzipped = len(gzip.compress(data, 6, mtime=0))
            self._measured[path] = Asset(path=path, size=len(data), gzipped=gzipped)
        return self._measured[path]


@dataclass(frozen=True)
class InventoryItem:
    """One entry of a Sphinx inventory (`objects.inv`).

    Attributes:
        name: The object's path, e.g. `cachelib.cache`.
        role: Domain and role, e.g. `py:function`.
        priority: 1 for the object's own entry; 2 for a secondary name (an alias target).
        uri: The page and anchor, with `$` standing for the name.
    """

    name: str
    role: str
    priority: int
    uri: str

    @property
    def location(self) -> str:
        """The page and anchor, with `$` replaced by the name."""
        return self.uri[:-1] + self.name if self.uri.endswith("$") else self.uri


def read_inventory(path: Path) -> list[InventoryItem]:
    """Read a Sphinx inventory version 2, as mkdocstrings writes it.

    Args:
        path: The `objects.inv` file.

    Returns:
        Its entries, in file order.

    Raises:
        ValueError: The file is not a version 2 inventory.
    """
    data = path.read_bytes()
    header, _, rest = data.partition(b"# The remainder of this file is compressed using zlib.\n")
    if not header.startswith(b"# Sphinx inventory version 2"):
        raise ValueError(f"{path} is not a Sphinx inventory version 2")
    items: list[InventoryItem] = []
    pattern = re.compile(r"(?P<name>.+?)\s+(?P<role>\S+:\S+)\s+(?P<priority>-?\d+)\s+(?P<uri>\S*)")
    for line in zlib.decompress(rest).decode("utf-8").splitlines():
        match = pattern.match(line)
        if match:
            items.append(
                InventoryItem(match["name"], match["role"], int(match["priority"]), match["uri"])
            )
    return items


BUILD_SOURCES = (
    "mkdocs.yml",
    "pyproject.toml",
    "docs",
    "snippets",
    "cachelib",
    "tools",
    "overrides",
    # The generators of the Conformance, Performance and Reliability pages (tools/placeholders.py).
    "tests/conformance",
    "tests/benchmarks",
    "tests/reliability",
)
"""What a build reads, relative to the repository."""


def copy_sources(target: Path) -> Path:
    """Copy what a build reads into a new directory, to build it from a tree nobody edits.

    Args:
        target: The directory to create.

    Returns:
        The copy's root, where `mkdocs_build(cwd=...)` builds it.
    """
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in BUILD_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


SITEMAP_DATE = re.compile(rb"<lastmod>[^<]*</lastmod>")
"""The build date in the sitemap (MkDocs writes `SOURCE_DATE_EPOCH`'s date when it is set)."""


def build_differences(first: Path, second: Path) -> list[str]:
    """Compare two builds of one tree, file by file and byte for byte.

    The sitemap's dates (`<lastmod>`, in `sitemap.xml` and in `sitemap.xml.gz`, whose gzip
    header also holds the build time) are the only parts left out.

    Args:
        first: One site directory.
        second: The other.

    Returns:
        One line per file that is in one build only or differs, with its first different line.
    """
    files = {
        path.relative_to(root).as_posix()
        for root in (first, second)
        for path in root.rglob("*")
        if path.is_file()
    }
    differences: list[str] = []
    for name in sorted(files):
        one, other = first / name, second / name
        if not (one.is_file() and other.is_file()):
            differences.append(f"{name}: built only into {first if one.is_file() else second}")
            continue
        data = [one.read_bytes(), other.read_bytes()]
        if name.endswith("sitemap.xml.gz"):
            data = [gzip.decompress(content) for content in data]
        if name.endswith(("sitemap.xml", "sitemap.xml.gz")):
            data = [SITEMAP_DATE.sub(b"<lastmod/>", content) for content in data]
        if data[0] != data[1]:
            texts = [content.decode("utf-8", "replace") for content in data]
            at = next(
                (i for i, pair in enumerate(zip(*texts, strict=False)) if pair[0] != pair[1]),
                min(map(len, texts)),
            )
            line = texts[0].count("\n", 0, at) + 1
            around = [repr(text[max(0, at - 40) : at + 60]) for text in texts]
            differences.append(f"{name}: line {line}: {around[0]} != {around[1]}")
    return differences


def report(site: Site) -> str:
    """Describe a built site: its pages, their weights, and every problem the checks find.

    Args:
        site: The site.

    Returns:
        A plain-text report (sizes in KiB).
    """
    kib = 1024
    lines = [f"{len(site.pages)} HTML pages in {site.root}", ""]
    lines.append(f"{'page':<46} {'HTML':>7} {'gz':>6} {'total':>7} {'gz':>6}")
    for path in site.pages:
        weight = site.weight(path)
        lines.append(
            f"{path:<46} {weight.html.size / kib:7.1f} {weight.html.gzipped / kib:6.1f}"
            f" {weight.total / kib:7.1f} {weight.total_gzipped / kib:6.1f}"
        )
    shared = site.weight("index.html").assets
    lines.append("")
    lines.extend(
        f"{asset.path:<46} {asset.size / kib:7.1f} {asset.gzipped / kib:6.1f}" for asset in shared
    )
    problems = site.broken_links() + site.misrendered() + site.sitemap_problems()
    lines.append("")
    lines.append(f"{len(problems)} problem(s)" + (":" if problems else ""))
    lines.extend(f"  {problem}" for problem in problems)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the report of a built site: `python -m tools.sitecheck [SITE_DIR]` (default `site`).

    Args:
        argv: The command-line arguments after the program name.

    Returns:
        0 when no problem was found, else 1.
    """
    args = sys.argv[1:] if argv is None else argv
    site = Site(Path(args[0] if args else "site"), site_url())
    text = report(site)
    print(text)
    return 0 if text.rstrip().endswith("0 problem(s)") else 1


if __name__ == "__main__":
    raise SystemExit(main())
