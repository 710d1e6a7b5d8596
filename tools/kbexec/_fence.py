# SuperFences validator and formatter: every `python` block runs and must behave as it declares.
"""The SuperFences custom fence for executed `python` blocks."""

from __future__ import annotations

import html
import logging
import posixpath
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path, PurePosixPath
from typing import Any
from weakref import WeakKeyDictionary

from markdown_exec import MarkdownConverter, add_source, code_block
from pymdownx.superfences import SuperFencesException  # type: ignore[import-untyped]

from ._execute import run_block
from ._expected import difference, expected_path, keeping_going, mask, update, updating
from ._options import STREAMLIT_RELEASE, BlockSpec, OptionError, StreamlitNote
from ._verdict import output_text, problems

HIDE_MARKER = "markdown-exec: hide"
"""markdown-exec hides source lines holding this marker; here the reader sees every line."""

_log = logging.getLogger("mkdocs.kbexec")
"""MkDocs shows the messages of its `mkdocs.*` loggers; --strict counts their errors."""

_rendering: ContextVar[bool] = ContextVar("kbexec_rendering", default=False)
"""True while a block's source and output are converted into HTML."""

_seen_ids: WeakKeyDictionary[Any, tuple[object, set[str]]] = WeakKeyDictionary()
"""Per Markdown instance: the document being converted and the block ids met in it."""


def validator(
    language: str,
    inputs: dict[str, str],
    options: dict[str, Any],
    attrs: dict[str, Any],
    md: Any,
) -> bool:
    """Validate a `python` fence's options (SuperFences validator).

    Args:
        language: The fence's language.
        inputs: The options read from the info string.
        options: Receives the validated declaration under "spec".
        attrs: Unused: this fence takes no HTML attributes.
        md: The Markdown instance converting the page.

    Returns:
        True, except for the source blocks this fence renders itself, which are left to
        the default highlighter.

    Raises:
        SuperFencesException: An option is unknown, missing or malformed.
    """
    if _rendering.get():
        return False
    try:
        options["spec"] = BlockSpec.from_options(inputs)
    except OptionError as error:
        raise _failure(md, inputs.get("id"), str(error)) from None
    except Exception as error:  # anything else would be swallowed by SuperFences
        raise _failure(md, inputs.get("id"), f"kbexec failed: {error!r}") from error
    return True


def formatter(
    src: str,
    language: str,
    css_class: str,
    options: dict[str, Any],
    md: Any,
    **kwargs: Any,
) -> str:
    """Run a `python` block, check it against its declaration and render it (SuperFences format).

    Args:
        src: The block's code, with snippets already included.
        language: The fence's language.
        css_class: The class configured for the fence.
        options: The options set by `validator`.
        md: The Markdown instance converting the page.
        **kwargs: Other SuperFences arguments (classes, id_value, attrs), unused.

    Returns:
        The HTML of the source and of its output.

    Raises:
        SuperFencesException: The block misbehaved or could not run; SuperFences lets only
            this exception abort the build.
    """
    spec: BlockSpec = options["spec"]
    try:
        _claim_id(md, spec.id)
        if HIDE_MARKER in src:
            raise _failure(md, spec.id, f"a line holds {HIDE_MARKER!r}: readers must see all code")
        snippet, name = _snippet_of(md, src) or (None, f"<{spec.id}>")
        outcome = run_block(src, filename=name)
        shown = mask(output_text(outcome))
        found = problems(spec, outcome)
        if snippet is None:
            found.append(
                "the code is not a file under snippets/, so its output cannot be checked: "
                f'put it in snippets/{spec.id}.py (or similar) and include it with --8<-- "..."'
            )
        elif found:
            pass  # an output is worth comparing or keeping only when the block behaves
        elif updating():
            if update(snippet, shown):
                _log.info("kbexec: wrote %s", expected_path(snippet))
        elif (diff := difference(snippet, shown, f"shown by {spec.id}")) is not None:
            found.append(diff)
        if found:
            failure = _failure(md, spec.id, "\n".join(found))
            if not keeping_going():
                raise failure
            _log.error("%s", failure)
        return _render(md, src, spec, shown, name)
    except SuperFencesException:
        raise
    except Exception as error:  # anything else would be swallowed by SuperFences
        raise _failure(md, spec.id, f"kbexec failed: {error!r}") from error


def _failure(md: Any, block_id: str | None, reason: str) -> Any:
    """Build the exception that aborts the build, naming the page (when known) and the block."""
    page = _page_of(md)
    where = f"page {page!r}, " if page else ""
    return SuperFencesException(f"kbexec: {where}python block {block_id or '<no id>'!r}: {reason}")


def _page_of(md: Any) -> str | None:
    """Return the page being converted, when the engine tells (MkDocs does, in its `relpath`)."""
    processor = _registered(md.treeprocessors, "relpath")
    page = getattr(getattr(processor, "file", None), "src_uri", None)
    return page if isinstance(page, str) else None


def _registered(registry: Any, name: str) -> Any:
    """Return the processor registered under a name in a Markdown registry, or None."""
    try:
        return registry[name]
    except KeyError:
        return None


def _claim_id(md: Any, block_id: str) -> None:
    """Record a block id for the page being converted; fail when the page already used it."""
    # `md.lines` is the document SuperFences is processing; a new document is a new list.
    document = getattr(md, "lines", md)
    seen_document, ids = _seen_ids.get(md, (None, set()))
    if seen_document is not document:
        ids = set()
        _seen_ids[md] = (document, ids)
    if block_id in ids:
        raise _failure(md, block_id, "this id is used by another python block on the page")
    ids.add(block_id)


def _snippet_of(md: Any, source: str) -> tuple[Path, str] | None:
    """Return the snippet file a block included and its name in tracebacks, or None.

    pymdownx.snippets inlines the file before the fence sees the block, so the snippet is found
    again by its content among the files under the snippets base paths. The name is relative,
    `snippets/<path>.py` (the base path's name, then the file's path under it). None means
    that the code was written in the page.
    """
    return _snippet_index(md).get(_normalized(source))


_indexes: WeakKeyDictionary[Any, tuple[object, dict[tuple[str, ...], tuple[Path, str]]]] = (
    WeakKeyDictionary()
)
"""Per Markdown instance: the document being converted and its index of snippet contents."""


def _snippet_index(md: Any) -> dict[tuple[str, ...], tuple[Path, str]]:
    """Index the snippet files by content, once per document (its includes are inlined)."""
    document = getattr(md, "lines", md)
    known = _indexes.get(md)
    if known is not None and known[0] is document:
        return known[1]
    index: dict[tuple[str, ...], tuple[Path, str]] = {}
    preprocessor = _registered(md.preprocessors, "snippet")
    for base in map(Path, getattr(preprocessor, "base_path", ())):
        if base.is_dir():
            for path in sorted(base.rglob("*.py")):
                name = f"{base.name}/{path.relative_to(base).as_posix()}"
                index.setdefault(_content(path), (path, name))
    _indexes[md] = (document, index)
    return index


_contents: dict[Path, tuple[tuple[int, int], tuple[str, ...]]] = {}
"""The normalized lines of the snippet files read so far, with their (mtime, size)."""


def _content(path: Path) -> tuple[str, ...]:
    """Return a file's normalized lines, reading it again only when it changed."""
    status = path.stat()
    stamp = (status.st_mtime_ns, status.st_size)
    known = _contents.get(path)
    if known is None or known[0] != stamp:
        known = _contents[path] = (stamp, _normalized(path.read_text(encoding="utf-8")))
    return known[1]


def _normalized(text: str) -> tuple[str, ...]:
    """Return the lines of some code without trailing spaces nor surrounding blank lines."""
    return tuple(line.rstrip() for line in text.expandtabs(4).strip("\n").splitlines())


def _render(md: Any, src: str, spec: BlockSpec, output: str, name: str) -> str:
    """Render the source exactly as it ran, and the output inside an (escaping) code block.

    The wrapper tells the in-browser runner (docs/javascripts/runner.js) the block's name in
    tracebacks, and why it cannot run there, if it cannot.
    """
    if output:
        text = add_source(
            source=src,
            location=spec.source,
            output=code_block(spec.result, output),
            language="python",
            tabs=spec.tabs,
            result=spec.result,
            **spec.display,
        )
    else:
        text = code_block("python", src, **spec.display)
    with _rendering_source():
        body = MarkdownConverter(md, update_toc=False).convert(
            text, id_prefix=re.sub(r"[^a-z0-9]+", "-", spec.id) + "-"
        )
    shown = _mark_source(str(body), 1 if output and spec.source in _SOURCE_SECOND else 0)
    attributes = f'data-kbexec-id="{html.escape(spec.id)}" data-kbexec-file="{html.escape(name)}"'
    if spec.browser_note is not None:
        attributes += (
            f' data-kbexec-browser="no" data-kbexec-note="{html.escape(spec.browser_note)}"'
        )
    if spec.streamlit is not None:
        shown += streamlit_note_html(spec.streamlit, _page_of(md))
    return f'<div class="kbexec" {attributes}>{shown}</div>'


DIFFERENCES_PAGE = "differences.md"
"""The page whose anchors a `streamlit=` divergence links to."""


def streamlit_note_html(note: StreamlitNote, page: str | None) -> str:
    """The sentence shown under a block whose outcome differs under Streamlit 1.67.

    Args:
        note: The block's `streamlit=` declaration.
        page: The page being converted (relative to the docs directory), when known, so that
            a divergence links to the Differences page from where the reader is.

    Returns:
        A paragraph of HTML: the divergence's meaning, linked to its section, or the block's
        own reason; never a bare label.
    """
    release = f"Streamlit {STREAMLIT_RELEASE}"
    swapped = "<code>import streamlit as st</code>"
    if note.anchor is not None:
        link = f"{_relative_url(page, DIFFERENCES_PAGE)}#{note.anchor}"
        text = (
            f"With {swapped}, {release} does otherwise here: this example shows a "
            f'<a href="{html.escape(link)}">difference from Streamlit: '
            f"{_inline_code(note.reason)}</a>."
        )
    elif note.label == "cachelib-only":
        text = f"Only <code>cachelib</code> has this, not {release}: {_inline_code(note.reason)}."
    else:
        text = (
            f"With {swapped}, this example needs a running {release} app "
            f"(<code>streamlit run</code>): {_inline_code(note.reason)}."
        )
    return f'<p class="kbexec-streamlit">{text}</p>'


def _inline_code(text: str) -> str:
    """Escape plain text, showing its `backquoted` parts as code."""
    parts = html.escape(text.rstrip(".")).split("`")
    return "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))


def _relative_url(page: str | None, target: str) -> str:
    """The URL of one page relative to another's, with MkDocs' directory URLs (`kb/x/`)."""

    def directory(source: str) -> str:
        path = PurePosixPath(source)
        folder = path.parent if path.stem == "index" else path.with_suffix("")
        return folder.as_posix()

    if page is None:
        return directory(target) + "/"
    relative = posixpath.relpath(directory(target), directory(page))
    return "./" if relative == "." else relative + "/"


_SOURCE_SECOND = frozenset({"below", "tabbed-right"})
"""Source locations that render the output's block before the source's."""
_HIGHLIGHT = '<div class="highlight">'


def _mark_source(body: str, index: int) -> str:
    """Mark the source's block (``data-kbexec-source``) for the runner, which reads and edits it.

    Sources stay in the search index, beside the prose and the outputs: readers search for
    names they saw in code (``deepcopy``, ``RLock``) as much as for error messages.
    """
    start = -1
    for _ in range(index + 1):
        start = body.find(_HIGHLIGHT, start + 1)
        if start < 0:
            return body
    end = start + len(_HIGHLIGHT) - 1
    return body[:end] + " data-kbexec-source" + body[end:]


@contextmanager
def _rendering_source() -> Iterator[None]:
    """Let the source block being rendered reach the default highlighter instead of this fence."""
    token = _rendering.set(True)
    try:
        yield
    finally:
        _rendering.reset(token)
