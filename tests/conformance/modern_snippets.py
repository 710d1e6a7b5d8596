# The site's modern examples against Streamlit 1.67: same outcome, or the block says why.
"""Every modern snippet of the site, run with both libraries in the modern era.

A snippet is *modern* when it uses ``st.cache_data`` or ``st.cache_resource``. The modern era
runs each one like a case (``modern_observer.py``: one run of the script, as an app runs it,
with cachelib and with the import line swapped to ``import streamlit as st``; its jobs share
the cases' process pool), and compares the two **outcomes**: the event lines, that is the
exceptions that reached the script (class and facts), the warnings (class) and what it
printed or wrote, in order. Two normalisations only, each named:

* the modern observer shows a message of either library's errors or warnings that the
  script printed as ``<message of <Class> <facts>>`` (see its docstring): the two libraries
  word their messages differently, and the class and facts are what an app relies on;
* ``MASKS`` below, for what changes from run to run in either library.

Where the outcomes differ, the block that shows the snippet on its page must say why, with
its ``streamlit=`` option (``tools/kbexec/_options.py``): a divergence of the Differences
page (``D1``, ``X1``...), ``cachelib-only: <why>`` or ``needs a server: <why>``. The page
shows that reason under the block. The check works both ways: an undeclared difference
fails, and so does a declaration whose snippet now has the same outcome under both (stale).
The declaration lives on the block, beside the text that describes the example; the run
reads it from the pages with ``tools/kbexec/pages.py``. A snippet shown by several blocks
needs the same declaration on each (today every snippet is shown once).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.kbexec.pages import read_pages

from . import harness

DOCS = harness.ROOT / "docs"
_MODERN_USE = re.compile(r"\bst\.(cache_data|cache_resource)\b")

MASKS: dict[str, tuple[re.Pattern[str], str]] = {
    # A repr's address (`<object at 0x7f...>`), as the site's own `address` mask.
    "address": (re.compile(r"0x[0-9a-f]{6,16}"), "0x…"),
    # sqlite3's ProgrammingError names the threads by their ids, new in every run.
    "thread id": (re.compile(r"\bthread id \d+"), "thread id <n>"),
    # The thread that runs the script: Python's main thread for cachelib's plain run, the
    # script runner's thread in a Streamlit app (AppTest's and `streamlit run`'s alike).
    "script thread": (re.compile(r"\bScriptRunner\.scriptThread\b"), "MainThread"),
    # Python's own TypeError for a wrong keyword names the callable that refused it: the
    # decorator, `cache_data()` in cachelib and `CacheDataAPI.__call__()` in Streamlit.
    "decorator": (
        re.compile(
            r"\b(?:cache_data|cache_resource)\(\)|\bCache(?:Data|Resource)API\.__call__\(\)"
        ),
        "<decorator>()",
    ),
}
"""Name -> (pattern, replacement): what changes between two runs of one library, or the name
Python gives the decorator in its own messages; applied to both observations."""


def is_modern(source: str) -> bool:
    """Whether a snippet uses the modern API."""
    return _MODERN_USE.search(source) is not None


def discover() -> list[Path]:
    """The site's modern snippets, sorted by path."""
    return [path for path in harness.discover_snippets() if is_modern(path.read_text("utf-8"))]


@dataclass(frozen=True)
class Shown:
    """A block that shows a snippet: where, and what its ``streamlit=`` option declares."""

    page: str
    block: str
    declared: str | None
    """The note's label (``D1``, ``cachelib-only``...), or None without the option."""
    value: str | None
    """The option's value as written."""


def blocks_by_snippet(docs: Path = DOCS) -> dict[str, list[Shown]]:
    """Every executed block of the site that includes a whole snippet, by snippet path.

    Raises:
        tools.kbexec._options.OptionError: A block's options are wrong (the build fails
            on it too).
    """
    found: dict[str, list[Shown]] = {}
    for page in read_pages(docs):
        for block in page.blocks:
            if not block.executed or block.snippet is None:
                continue
            spec = block.spec
            note = spec.streamlit
            found.setdefault(block.snippet, []).append(
                Shown(
                    page=page.path,
                    block=spec.id,
                    declared=None if note is None else note.label,
                    value=None if note is None else note.value,
                )
            )
    return found


def masked(events: list[str]) -> list[str]:
    """The events with every mask of ``MASKS`` applied."""
    result = []
    for event in events:
        for pattern, replacement in MASKS.values():
            event = pattern.sub(replacement, event)
        result.append(event)
    return result


@dataclass
class ModernSnippetResult:
    """A modern snippet, both observations, the blocks that show it, and the verdict."""

    path: str
    observations: dict[str, harness.Observation]
    shown: list[Shown]
    outcome: str = ""
    ok: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        """The blocks that show the snippet, for messages."""
        if not self.shown:
            return "no page shows it"
        return ", ".join(f"block {s.block!r} on page {s.page!r}" for s in self.shown)

    def judge(self) -> None:
        """Compare the outcomes, and the difference with what the blocks declare."""
        problems = self.problems
        for lib, observation in self.observations.items():
            if observation.status == "harness-error":
                problems.append(f"{lib}: the observer failed:\n{observation.stderr[-3000:]}")
        if not self.shown:
            problems.append("no page shows this snippet in a python block")
        declared = {s.value for s in self.shown}
        if len(declared) > 1:
            problems.append(
                f"the blocks that show it declare different streamlit= values: {self.where}"
            )
        labels = {s.declared for s in self.shown}
        label = next(iter(labels)) if len(labels) == 1 else None
        cachelib, streamlit = (masked(self.observations[lib].events) for lib in harness.LIBS)
        same = cachelib == streamlit
        if same and label is not None:
            problems.append(
                f"stale declaration: the outcomes agree under Streamlit "
                f"{harness.ERAS['modern'].streamlit}, but {self.where} declares "
                f'streamlit="{next(iter(declared))}"; remove it'
            )
        if not same and label is None and self.shown:
            diff = difflib.unified_diff(
                cachelib, streamlit, "cachelib", "streamlit 1.67", lineterm="", n=2
            )
            problems.append(
                f"undeclared difference: the outcomes differ, and {self.where} does not say "
                'why (streamlit="D1", "X1"..., "cachelib-only: <why>" or '
                '"needs a server: <why>"):\n' + "\n".join(diff)
            )
        self.ok = not problems
        self.outcome = ("same" if same else str(label)) if self.ok else "FAIL"

    def to_json(self) -> dict[str, Any]:
        """The result as the record stores it."""
        return {
            "path": self.path,
            "shown": [{"page": s.page, "block": s.block} for s in self.shown],
            "declared": next((s.value for s in self.shown if s.value), None),
            "outcome": self.outcome,
            "ok": self.ok,
            "problems": self.problems,
            "observations": {lib: obs.to_json() for lib, obs in self.observations.items()},
        }


def jobs(path: Path) -> list[harness.Job]:
    """A modern snippet's two observations (cachelib first): one run, as an app runs it."""
    source = path.read_text(encoding="utf-8")
    return [harness.Job(source, lib, modern=True, name=path.name) for lib in harness.LIBS]


def judge(paths: list[Path], observations: list[harness.Observation]) -> list[ModernSnippetResult]:
    """Judge each snippet from its two observations (in the order of ``jobs``)."""
    shown = blocks_by_snippet()
    results = []
    for index, path in enumerate(paths):
        pair = dict(zip(harness.LIBS, observations[2 * index : 2 * index + 2], strict=True))
        relative = path.relative_to(harness.SNIPPETS).as_posix()
        result = ModernSnippetResult(relative, pair, shown.get(relative, []))
        result.judge()
        results.append(result)
    return results
