"""The site's Reliability page, written from the figures of a real test run when it is built.

`nox -s reliability` runs `tests/reliability` with the long budgets and sets
`CACHELIB_RELIABILITY_FIGURES` to where the session writes its figures (conftest.py):
`build/reliability/reliability-figures.json`, or with `-- --update` the committed
`docs/reliability-figures.json`. `docs/reliability.md` holds the page's title and the line
`[[cachelib:reliability-page]]`, which `tools/placeholders.py` replaces by `page_lines`, so the
page's numbers are never typed by hand and no run rewrites the page.
`python tests/reliability/make_page.py [FIGURES]` prints the page that a figures file makes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIGURES = ROOT / "docs" / "reliability-figures.json"
"""The committed figures, which the site shows."""

PROPERTY_TITLES = {
    "threads": "Threads",
    "processes": "Processes and crashes",
    "persistence": "Tamper-evident persistence, disk faults",
    "hostile": "Hostile input",
    "fuzz": "Fuzzing",
}


def _n(figures: dict[str, Any], section: str, name: str) -> str:
    value = figures.get(section, {}).get(name)
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _mib(figures: dict[str, Any], section: str, name: str) -> str:
    value = figures.get(section, {}).get(name)
    return f"{value / 2**20:,.0f} MiB" if isinstance(value, (int, float)) else "n/a"


def _outcome(properties: dict[str, Any], name: str) -> str:
    result = properties.get(name)
    if not result or not result.get("tests"):
        return "not run"
    failed = result.get("failed", [])
    skipped = result.get("skipped", [])
    text = f"{result['passed']} of {result['tests']} tests passed"
    if failed:
        text += "; **failing**: " + ", ".join(f"`{name}`" for name in failed)
    if skipped:
        text += "; skipped: " + ", ".join(f"`{name}`" for name in skipped)
    return text


_PERSISTENCE_WARNING = "[`CachePersistenceWarning`](errors.md#cache-persistence-warning)"
FAULTS = [
    ("Many threads miss the same key", "nothing", "runs the function once; the others wait"),
    (
        "An entry expires, is evicted or is cleared while calls go on",
        "nothing",
        "the next call recomputes it, once",
    ),
    (
        "Two processes persist the same key at once",
        "nothing",
        "each writes a whole entry; the last rename wins",
    ),
    (
        "A process is killed while writing an entry",
        "nothing",
        "the entry is whole or absent; the dead writer's temporary file is ignored, and "
        "`clear_cache()` deletes it once it is a minute old",
    ),
    (
        "An entry file is truncated, empty, modified or not an entry",
        _PERSISTENCE_WARNING,
        "a miss: recomputes and rewrites a clean entry; the file is never unpickled",
    ),
    (
        "An entry signed with another secret key, or another key's entry in its place",
        _PERSISTENCE_WARNING,
        "the same: never unpickled",
    ),
    (
        "The secret key is readable by others, damaged, or not a plain file",
        _PERSISTENCE_WARNING,
        "the key is never used: a new private key replaces it, and the entries signed with the "
        "old one are recomputed",
    ),
    (
        "A named pipe, a device or a symbolic link sits at an entry's path",
        _PERSISTENCE_WARNING,
        "a miss: it is never opened for reading, so it can neither block the call nor fill "
        "the memory",
    ),
    (
        "The disk is full, or the folder or file system is read-only",
        _PERSISTENCE_WARNING,
        "returns the value and keeps it in memory; entries already on disk still load",
    ),
    (
        "An argument or return value cannot be hashed",
        "[`UnhashableTypeError`](errors.md#unhashable-type-error), "
        "[`UserHashError`](errors.md#user-hash-error) or "
        "[`InternalHashError`](errors.md#internal-hash-error)",
        "nothing is stored; the next call tries again",
    ),
]
"""What each fault looks like to the caller, and what the cache does (each one is tested)."""


def _faults_table() -> str:
    lines = ["| Fault | What you see | What the cache does |", "| --- | --- | --- |"]
    lines += [f"| {fault} | {seen} | {done} |" for fault, seen, done in FAULTS]
    return "\n".join(lines)


SHOWN = {
    "threads": [
        "threads",
        "calls_per_thread",
        "keys",
        "ttl_ms",
        "max_entries",
        "clears",
        "calls",
        "runs",
    ],
    "processes": ["processes", "keys", "entry_bytes", "calls", "loaded_from_disk"],
    "kills": [
        "kills",
        "mid_write",
        "entry_bytes",
        "whole_entries_hit",
        "recomputed",
        "partial_entries_seen",
    ],
    "persistence": [
        "tampered_files",
        "key_faults",
        "special_files",
        "disk_faults",
        "streamed_writes",
    ],
    "corpus": [
        "cases",
        "depth",
        "large_bytes",
        "hashed",
        "refused",
        "races",
        "hung_or_crashed",
        "case_timeout_seconds",
    ],
    "fuzz": ["examples", "cross_process_examples", "peer_processes", "confusable_pairs"],
}
"""The figures the page states, by section (test_rel_docs.py checks that each one shows)."""


def shown(figures: dict[str, Any], section: str, name: str) -> str:
    """A figure as the page writes it (``6,279``, ``2 MiB``, ``n/a``).

    Args:
        figures: The ``figures`` of a run.
        section: The figure's section (``threads``).
        name: The figure's name (``clears``).

    Returns:
        The text that stands for the figure on the page.
    """
    return _mib(figures, section, name) if name.endswith("_bytes") else _n(figures, section, name)


def render(document: dict[str, Any]) -> str:
    """The Markdown of the Reliability page below its title, for one run's figures.

    Args:
        document: The content of a figures file.

    Returns:
        The Markdown.
    """
    f = document.get("figures", {})
    props = document.get("properties", {})
    failing = [p for p, r in props.items() if r.get("failed")]
    status = (
        "Every reliability test passed in that run."
        if not failing
        else "**Not every test passed in that run**: the failing tests are listed in the "
        "table below, and until they pass, the guarantees they check do not hold in full."
    )
    rows = [
        (
            "threads",
            f"{_n(f, 'threads', 'threads')} threads × {_n(f, 'threads', 'calls_per_thread')} "
            f"calls over {_n(f, 'threads', 'keys')} keys, with `ttl` "
            f"({_n(f, 'threads', 'ttl_ms')} ms) expiring entries, `max_entries` "
            f"({_n(f, 'threads', 'max_entries')}) evicting them and `clear_cache()` called "
            f"{_n(f, 'threads', 'clears')} times meanwhile; {_n(f, 'threads', 'calls')} calls "
            f"in all, {_n(f, 'threads', 'runs')} runs of the function",
        ),
        (
            "processes",
            f"{_n(f, 'processes', 'processes')} processes persisting the same "
            f"{_n(f, 'processes', 'keys')} keys ({_mib(f, 'processes', 'entry_bytes')} each) at "
            f"once: {_n(f, 'processes', 'calls')} calls, {_n(f, 'processes', 'loaded_from_disk')}"
            f" entries loaded from another process's writes; a writer killed with SIGKILL "
            f"{_n(f, 'kills', 'kills')} times ({_n(f, 'kills', 'mid_write')} kills in the middle "
            f"of writing a {_mib(f, 'kills', 'entry_bytes')} entry): "
            f"{_n(f, 'kills', 'whole_entries_hit')} whole entries hit, "
            f"{_n(f, 'kills', 'recomputed')} recomputed, "
            f"{_n(f, 'kills', 'partial_entries_seen')} partial entries seen",
        ),
        (
            "persistence",
            f"{_n(f, 'persistence', 'tampered_files')} kinds of damaged or foreign entry files "
            f"(zero bytes, truncations, flipped bytes, another key's entry, another secret "
            f"key's entry, a payload that would run code), "
            f"{_n(f, 'persistence', 'key_faults')} kinds of untrustworthy secret key, "
            f"{_n(f, 'persistence', 'special_files')} kinds of special file at an entry's path "
            f"(a named pipe, links to /dev/zero, to another file, to nothing), "
            f"{_n(f, 'persistence', 'disk_faults')} disk faults (full disk, read-only folder "
            "or file system), and the memory a 16 MiB entry's write needs "
            f"({_n(f, 'persistence', 'streamed_writes')} cases: at most its pickled size once)",
        ),
        (
            "hostile",
            f"{_n(f, 'corpus', 'cases')} hostile arguments and return values, each in its own "
            f"interpreter: cycles through every container kind, nesting "
            f"{_n(f, 'corpus', 'depth')} levels deep, raising `__reduce__`, `__getstate__`, "
            f"`__eq__` and `__hash__`, raising or self-returning `hash_funcs`, strings and "
            f"bytes of {_mib(f, 'corpus', 'large_bytes')}, files deleted and values mutated "
            f"while hashed: {_n(f, 'corpus', 'hashed')} hashed, {_n(f, 'corpus', 'refused')} "
            f"refused with a cachelib error, {_n(f, 'corpus', 'races')} races (many calls "
            f"each, every one hashed or refused), {_n(f, 'corpus', 'hung_or_crashed')} hung "
            "or crashed",
        ),
        (
            "fuzz",
            f"{_n(f, 'fuzz', 'examples')} generated nested values, each with an easily "
            f"confused neighbour; {_n(f, 'fuzz', 'cross_process_examples')} of them also "
            f"loaded by {_n(f, 'fuzz', 'peer_processes')} other processes with other hash "
            f"seeds; {_n(f, 'fuzz', 'confusable_pairs')} pairs of easily confused values",
        ),
    ]
    table = "\n".join(
        f"| {PROPERTY_TITLES[name]} | {what} | {_outcome(props, name)} |" for name, what in rows
    )
    return f"""`cachelib` runs inside app servers that serve many users from many threads, and it
writes to disk. This page states what it guarantees under load, crashes and hostile input, and
gives the figures of the test run that checks each guarantee.

## What is guaranteed

**One run per entry.** Concurrent calls that miss on the same key run the function once;
the other callers wait and get that run's value (where Streamlit 1.35's `st.cache` ran it in
every thread: see [one computation per key](differences.md#d5)). A new run happens
only when the entry's lifetime ended: it expired (`ttl`), was evicted (`max_entries`) or was
cleared (`clear_cache()`). No call returns another key's value.

**Atomic, signed entries.** A persisted entry is written to a temporary file and renamed
into place, so a reader sees a whole entry or none, even when the writer is killed. Each
entry is signed with HMAC-SHA256 under a per-user secret key (`secret.key`, mode 0600, in a
cache folder of mode 0700). A file that fails the check is never unpickled, and only a
regular file is ever read. The pickle of a persisted value is streamed into its file and
signed as it goes: writing needs no copy of it in memory.

**Hashing either works or says why.** An argument or return value either hashes or raises
a `cachelib` error whose message names the function, the type and the chain of objects,
and links to its explanation: never a raw `RecursionError`, never a hang, never a crash of
the interpreter. Equal values get the same key in every process; different values never
share one.

This holds at any recursion limit. Hashing recurses at most 10,000 levels beyond its
caller's depth, so an app that raised the limit far above the default
(`sys.setrecursionlimit(1_000_000)`) gets an `InternalHashError` for a value nested deeper,
where the pickler that `cachelib` hashes through would otherwise exhaust the C stack and
crash the process, as `pickle.dumps` of the same value does.

## What happens on each fault

{_faults_table()}

## The figures

From the run of {document.get("generated", "n/a")} (budget: {document.get("mode", "n/a")},
Python {document.get("python", "n/a")}, {document.get("platform", "n/a")},
{document.get("cpus", "n/a")} CPUs, {document.get("seconds", "n/a")} s). {status}

| Property | What the tests did | Outcome |
| --- | --- | --- |
{table}

Every check can fail: a second run of a key, a value of another key, a warning about a
partial entry, a raw exception, a child process that hangs (killed after
{_n(f, "corpus", "case_timeout_seconds")} s) or dies from a signal all fail the run.

To reproduce these figures, run `nox -s reliability`. The default test run,
`pytest tests/reliability`, checks the same properties with smaller budgets.
"""


def page_lines() -> list[str]:
    """The Reliability page below its title, from the committed figures (the site's generator).

    Returns:
        The Markdown lines that replace ``[[cachelib:reliability-page]]``.
    """
    return render(json.loads(FIGURES.read_text(encoding="utf-8"))).splitlines()


def main(argv: list[str]) -> int:
    """Print the page that a figures file makes (by default the committed one)."""
    figures = Path(argv[0]) if argv else FIGURES
    print(render(json.loads(figures.read_text(encoding="utf-8"))), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
