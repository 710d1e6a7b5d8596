# The options a `python` block may declare, and their validation (shared by fence and pages).
"""Options of an executed `python` block."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pymdownx.superfences import RE_HL_LINES, RE_LINENUMS  # type: ignore[import-untyped]

SOURCE_LOCATIONS = ("above", "below", "block", "tabbed-left", "tabbed-right")
"""Where the source may be shown, relative to the output (markdown-exec's names)."""

RESULT_LANGUAGES = ("text", "pytb")
"""Languages of the fenced block that holds the output (a code block, so it is escaped)."""

OPTIONS: Mapping[str, str] = {
    "id": 'required, unique on the page: "<page-slug>/<block>", e.g. "caching-issues/repro"',
    "expect": "an exception of this class must escape the block (`__name__` or dotted name)",
    "match": "with `expect`: a fragment that must appear in the exception message",
    "warns": "these warning classes (comma-separated `__name__`s) must be emitted, no others",
    "source": f"where the source is shown: {', '.join(SOURCE_LOCATIONS)} (default above)",
    "result": f"language of the output block: {', '.join(RESULT_LANGUAGES)} "
    "(default pytb with `expect`, else text)",
    "tabs": 'tab titles for the tabbed sources, "Source|Result" by default',
    "title": "title shown on the source block",
    "hl_lines": 'lines of the source to highlight, e.g. "2 4-5"',
    "linenums": 'number the source lines from this line, e.g. "1"',
    "exec": "accepted for markdown-exec compatibility; it cannot turn execution off",
    "browser": 'whether the Run button can run it in the reader\'s browser (Pyodide): "yes" '
    '(default), or "no: <reason>" (processes, real threads, Redis...), shown on a click',
    "streamlit": "why its outcome differs under Streamlit 1.67 (import line swapped): a "
    'divergence of the Differences page ("D1", "X1"...), "cachelib-only: <why>" or '
    '"needs a server: <why>"; checked by `nox -s conformance`, shown under the block',
}
"""Every option a `python` block accepts, with what it means."""

_ID = re.compile(r"[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*")
_DOTTED_NAME = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
_NAME = re.compile(r"[A-Za-z_]\w*")
_FALSE = frozenset({"", "0", "no", "off", "false"})
_TAB_SEPARATOR = re.compile(r"(?<!\\)\|")


class OptionError(ValueError):
    """A block declares an option that is unknown, missing or malformed."""


STREAMLIT_RELEASE = "1.67"
"""The release that the modern examples are run against (`nox -s conformance`)."""

STREAMLIT_DIVERGENCES: Mapping[str, tuple[str, str]] = {
    "D1": ("modern-d1", "exact hashing of large arrays and frames"),
    "D6": ("modern-d6", "damaged persisted entries"),
    "D9": ("modern-d9", "calls are keyed on their bound arguments"),
    "D10": ("modern-d10", "`hash_funcs` returning the same type"),
    "D11": ("modern-d11", "options are checked when decorating"),
    "D13": ("modern-d13", "a call that does not fit the signature"),
    "X1": ("x1", "`on_release` runs for every entry that leaves"),
}
"""The divergences a modern example may show: label -> (anchor on docs/differences.md, its
heading's words). tests/test_kbexec.py checks them against the page's headings."""

STREAMLIT_KINDS = ("cachelib-only", "needs a server")
"""The other reasons an example's outcome may differ, each followed by `: <why>`."""


@dataclass(frozen=True)
class StreamlitNote:
    """Why a block's outcome differs under Streamlit 1.67, as its `streamlit=` option says.

    Attributes:
        label: A divergence of `STREAMLIT_DIVERGENCES` (`D1`, `X1`), or a kind of
            `STREAMLIT_KINDS`.
        reason: The divergence's meaning in words, or the block's own explanation.
    """

    label: str
    reason: str

    @classmethod
    def parse(cls, value: str) -> StreamlitNote:
        """Read a `streamlit=` value.

        Args:
            value: The option's value.

        Returns:
            The note.

        Raises:
            OptionError: The value names no known divergence and no known kind with a reason.
        """
        value = value.strip()
        if value in STREAMLIT_DIVERGENCES:
            return cls(value, STREAMLIT_DIVERGENCES[value][1])
        kind, colon, reason = value.partition(":")
        if colon and kind.strip() in STREAMLIT_KINDS and reason.strip():
            return cls(kind.strip(), reason.strip())
        raise OptionError(
            f'streamlit="{value}" is neither a divergence of the Differences page '
            f"({', '.join(STREAMLIT_DIVERGENCES)}) nor "
            + " nor ".join(f'"{kind}: <why>"' for kind in STREAMLIT_KINDS)
        )

    @property
    def value(self) -> str:
        """The option's value, as a block writes it."""
        return self.label if self.anchor is not None else f"{self.label}: {self.reason}"

    @property
    def anchor(self) -> str | None:
        """The divergence's anchor on the Differences page, or None for another kind."""
        found = STREAMLIT_DIVERGENCES.get(self.label)
        return found[0] if found else None


@dataclass(frozen=True)
class BlockSpec:
    """What a block declares: its identity, its expected outcome and how to show it.

    Attributes:
        id: The block id, `<page-slug>/<block>`.
        expect: The exception class name that must escape, or None.
        match: A fragment the exception message must contain, or None.
        warns: The warning class names that must be emitted (and no others).
        source: Where the source is shown (one of `SOURCE_LOCATIONS`).
        result: The language of the output block (one of `RESULT_LANGUAGES`).
        tabs: Titles of the source and result tabs.
        browser_note: Why the block cannot run in the reader's browser, or None when it can.
        streamlit: Why its outcome differs under Streamlit 1.67, or None when it does not.
        display: Options passed on to the rendered source block (title, hl_lines, linenums).
    """

    id: str
    expect: str | None = None
    match: str | None = None
    warns: tuple[str, ...] = ()
    source: str = "above"
    result: str = "text"
    tabs: tuple[str, str] = ("Source", "Result")
    display: Mapping[str, str] = field(default_factory=dict)
    browser_note: str | None = None
    streamlit: StreamlitNote | None = None

    @classmethod
    def from_options(cls, options: Mapping[str, str]) -> BlockSpec:
        """Validate the options of a fence and build the block's declaration.

        Args:
            options: Option names and values as SuperFences reads them from the info string
                (a key given without a value has itself as its value).

        Returns:
            The block's declaration.

        Raises:
            OptionError: An option is unknown, missing or malformed.
        """
        unknown = sorted(set(options) - set(OPTIONS))
        if unknown:
            raise OptionError(
                f"unknown option(s) {', '.join(unknown)}; a python block accepts only "
                f"{', '.join(OPTIONS)}"
            )
        block_id = options.get("id")
        if block_id is None:
            raise OptionError('missing id="<page-slug>/<block>" (every python block needs one)')
        if not _ID.fullmatch(block_id):
            raise OptionError(f'id="{block_id}" is not of the form "<page-slug>/<block>"')
        if options.get("exec", "on").lower() in _FALSE:
            raise OptionError(
                "python blocks always run; show code that must not run with another "
                "language tag, such as ```text"
            )
        expect = options.get("expect")
        if expect is not None and not _DOTTED_NAME.fullmatch(expect):
            raise OptionError(f'expect="{expect}" is not a class name')
        match = options.get("match")
        if match is not None and (expect is None or not match):
            raise OptionError("match= needs a non-empty fragment and an expect= beside it")
        warns = tuple(name.strip() for name in options.get("warns", "").split(",") if name.strip())
        if "warns" in options and (not warns or not all(_NAME.fullmatch(n) for n in warns)):
            raise OptionError(f'warns="{options["warns"]}" is not a list of warning class names')
        source = options.get("source", "above")
        if source not in SOURCE_LOCATIONS:
            raise OptionError(f'source="{source}" is not one of {", ".join(SOURCE_LOCATIONS)}')
        result = options.get("result", "pytb" if expect else "text")
        if result not in RESULT_LANGUAGES:
            raise OptionError(f'result="{result}" is not one of {", ".join(RESULT_LANGUAGES)}')
        tab_titles = _TAB_SEPARATOR.split(options.get("tabs", "Source|Result"), maxsplit=1)
        if len(tab_titles) != 2:
            raise OptionError('tabs= needs two titles separated by "|"')
        display = {key: options[key] for key in ("title", "hl_lines", "linenums") if key in options}
        for key, pattern in (("hl_lines", RE_HL_LINES), ("linenums", RE_LINENUMS)):
            if key in display and not pattern.fullmatch(display[key]):
                raise OptionError(f'{key}="{display[key]}" is malformed')
        if '"' in display.get("title", ""):
            raise OptionError("title= cannot contain a double quote")
        browser = options.get("browser", "yes").strip()
        browser_note: str | None = None
        if browser.startswith("no:") and browser[3:].strip():
            browser_note = browser[3:].strip()
        elif browser != "yes":
            raise OptionError(
                f'browser="{browser}" is neither "yes" nor "no: <why it cannot run in the '
                "reader's browser>\""
            )
        streamlit = options.get("streamlit")
        return cls(
            streamlit=None if streamlit is None else StreamlitNote.parse(streamlit),
            id=block_id,
            expect=expect,
            match=match,
            warns=warns,
            source=source,
            result=result,
            tabs=(tab_titles[0], tab_titles[1]),
            display=display,
            browser_note=browser_note,
        )

    def expects_exception(self, printed_name: str) -> bool:
        """Tell whether an exception class is the one this block declares.

        Args:
            printed_name: The class name as Python prints it on a traceback's last line
                (`cachelib.UnhashableTypeError`, `ValueError`).

        Returns:
            True when `expect` is that name or a dotted suffix of it.
        """
        return self.expect is not None and (
            printed_name == self.expect or printed_name.endswith("." + self.expect)
        )

    def declares_warning(self, category_name: str) -> bool:
        """Tell whether a warning class is among the ones this block declares.

        Args:
            category_name: The warning class `__name__`, as Python prints it.

        Returns:
            True when the block declares that warning.
        """
        return category_name in self.warns
