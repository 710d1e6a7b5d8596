# SuperFences validator and formatter: every `python` block runs and must behave as it declares.
"""The SuperFences custom fence for executed `python` blocks."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from markdown_exec import MarkdownConverter, add_source, code_block
from pymdownx.superfences import SuperFencesException  # type: ignore[import-untyped]

from ._execute import run_block
from ._options import BlockSpec, OptionError
from ._verdict import output_text, problems

HIDE_MARKER = "markdown-exec: hide"
"""markdown-exec hides source lines holding this marker; here the reader sees every line."""

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
        outcome = run_block(src, filename=_display_name(md, src, spec.id))
        found = problems(spec, outcome)
        if found:
            raise _failure(md, spec.id, "\n".join(found))
        return _render(md, src, spec, output_text(outcome))
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


def _display_name(md: Any, source: str, block_id: str) -> str:
    """Name the block's code in tracebacks: the included snippet's relative path, if one matches.

    pymdownx.snippets inlines the file before the fence sees the block, so the snippet is found
    again by its content among the files under the snippets base paths.
    """
    preprocessor = _registered(md.preprocessors, "snippet")
    wanted = _normalized(source)
    for base in map(Path, getattr(preprocessor, "base_path", ())):
        if base.is_dir():
            for path in sorted(base.rglob("*.py")):
                if _normalized(path.read_text(encoding="utf-8")) == wanted:
                    return f"{base.name}/{path.relative_to(base).as_posix()}"
    return f"<{block_id}>"


def _normalized(text: str) -> tuple[str, ...]:
    """Return the lines of some code without trailing spaces nor surrounding blank lines."""
    return tuple(line.rstrip() for line in text.expandtabs(4).strip("\n").splitlines())


def _render(md: Any, src: str, spec: BlockSpec, output: str) -> str:
    """Render the source exactly as it ran, and the output inside an (escaping) code block."""
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
    return f'<div class="kbexec" data-kbexec-id="{html.escape(spec.id)}">{body}</div>'


@contextmanager
def _rendering_source() -> Iterator[None]:
    """Let the source block being rendered reach the default highlighter instead of this fence."""
    token = _rendering.set(True)
    try:
        yield
    finally:
        _rendering.reset(token)
