"""Property 4: hostile arguments and return values hash, or raise a clear cachelib error.

Each case of `rel_corpus` runs in its own interpreter (all cases at once, as many at a time as
there are CPUs), so that a crash (a signal) or a hang (a timeout, then SIGKILL) fails only
its case. A case passes when the value hashed (an equal value hits, a different one misses,
no false mutation warning) or when a public cachelib error was raised whose message names
the function and links to the knowledge base; never a raw `RecursionError` or other
exception, never a hang, never a crash.
"""

from __future__ import annotations

import os
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import rel_corpus
from rel_config import BUDGET, child_command, child_env, describe_exit, kill_group, last_json


@dataclass
class Outcome:
    status: str  # "ok", "hang", "crash", "failed"
    report: dict[str, Any]
    stderr: str
    seconds: float


def _run_case(name: str, folder: Path) -> Outcome:
    started = time.monotonic()
    process = subprocess.Popen(
        child_command("corpus", name),
        cwd=os.getcwd(),
        env=child_env(CACHELIB_CACHE_DIR=str(folder / name)),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=BUDGET.case_timeout)
    except subprocess.TimeoutExpired:
        kill_group(process)
        out, err = process.communicate()
        return Outcome("hang", {}, err, time.monotonic() - started)
    seconds = time.monotonic() - started
    if process.returncode < 0:
        return Outcome("crash", {"exit": describe_exit(process.returncode)}, err, seconds)
    if process.returncode != 0:
        return Outcome("failed", {"exit": describe_exit(process.returncode)}, err, seconds)
    try:
        return Outcome("ok", last_json(out), err, seconds)
    except AssertionError as error:
        return Outcome("failed", {"exit": str(error)}, err, seconds)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every case's outcome (the cases run in parallel, each in its own interpreter)."""
    folder = tmp_path_factory.mktemp("corpus")
    # The slow cases first, so that the pool ends at about the same time on every worker.
    names = sorted(rel_corpus.CASES, key=lambda n: not n.startswith(("deep", "large")))
    # One more worker than CPUs: a hanging case sleeps in its timeout without stalling the rest.
    with ThreadPoolExecutor(max_workers=(os.cpu_count() or 2) + 1) as pool:
        outcomes = dict(zip(names, pool.map(lambda n: _run_case(n, folder), names), strict=True))
    return outcomes


def _check(name: str, outcome: Outcome) -> None:
    expect = rel_corpus.EXPECT[name]
    report = outcome.report
    context = (
        f"case {name!r} (expected: {expect})\nreport: {report}\nstderr:\n{outcome.stderr[-3000:]}"
    )
    if outcome.status == "hang":
        pytest.fail(
            f"HANG: still running after {BUDGET.case_timeout:.0f} s; {context}", pytrace=False
        )
    if outcome.status == "crash":
        pytest.fail(f"CRASH: the interpreter died, {report['exit']}; {context}", pytrace=False)
    assert outcome.status == "ok", f"the child failed: {report.get('exit')}; {context}"
    result = report["outcome"]
    if result == "hash-or-error":  # the race cases: many calls, each hashed or a cachelib error
        assert report["raw_error_count"] == 0, f"raw exceptions escaped: {context}"
        assert report["thread_stopped"], f"the mutating thread did not stop: {context}"
        return
    if result == "error":
        assert report["public"], (
            f"a raw {report['error_module']}.{report['error_type']} escaped instead of a "
            f"cachelib error; {context}"
        )
        assert expect != rel_corpus.HASH, (
            f"pickle can reduce this value, so it must hash (contract D4), but hashing raised "
            f"{report['error_type']}: {report['message'][:300]!r}; {context}"
        )
        assert "maximum recursion depth" not in report["message"], context
        assert report["names_function"], f"the message does not name the function; {context}"
        assert report["links_docs"], f"the message has no knowledge-base link; {context}"
        assert report["retry"] == report["error_type"], f"a retry behaved differently; {context}"
        assert report.get("works_after", True), f"the cache stopped working after; {context}"
        assert report.get("limit_kept", True), f"the app's recursion limit changed; {context}"
        return
    assert result == "hash", context
    assert expect != rel_corpus.ERROR, f"this value must be refused, but it hashed; {context}"
    assert report["same_object_hits"] is True, f"the same value missed; {context}"
    assert report.get("equal_value_hits", True) is True, f"an equal value missed; {context}"
    assert report.get("variant_misses", True) is True, (
        f"WRONG HIT: a different value hit; {context}"
    )
    assert report.get("reloaded_whole", True) is True, f"the persisted value changed; {context}"
    assert not report.get("false_mutation_warnings"), f"false mutation warning; {context}"


@pytest.mark.parametrize("name", list(rel_corpus.CASES))
def test_hostile_case(name: str, corpus: dict[str, Outcome], figures: Any) -> None:
    outcome = corpus[name]
    result = outcome.report.get("outcome", outcome.status)
    figures.add(
        "corpus",
        cases=1,
        hashed=int(result == "hash"),
        refused=int(result == "error"),
        races=int(result == "hash-or-error"),
        hung_or_crashed=int(outcome.status in ("hang", "crash")),
    )
    figures.most(
        "corpus",
        depth=rel_corpus.DEPTH,
        large_bytes=rel_corpus.LARGE,
        slowest_case_seconds=round(outcome.seconds, 1),
        case_timeout_seconds=int(BUDGET.case_timeout),
    )
    _check(name, outcome)


def test_corpus_covers_the_issue() -> None:
    """The corpus has every family the issue lists (so that shrinking it fails a test)."""
    names = set(rel_corpus.CASES)
    families = {
        "cycles": [f"cycle-{k}-argument" for k in rel_corpus.CYCLE_KINDS],
        "deep nesting": [f"deep-{k}-argument" for k in rel_corpus.DEEP_KINDS],
        "deep nesting under a raised recursion limit": [
            "deep-list-argument-raised-limit",
            "deep-deque-argument-raised-limit",
            "deep-list-return-raised-limit",
        ],
        "raising dunders": [
            "reduce-raises",
            "getstate-raises",
            "eq-raises",
            "hash-raises",
            "type-hash-raises",
        ],
        "hash_funcs": ["hash-func-raises-argument", "hash-func-returns-input-class"],
        "large": ["large-bytes-argument", "large-str-argument"],
        "races": ["file-deleted-while-hashed", "mutated-by-thread-dict"],
    }
    for family, members in families.items():
        missing = [m for m in members if m not in names]
        assert not missing, f"{family}: {missing}"
    assert rel_corpus.DEPTH >= 100_000
