"""No value kills the process, whatever the recursion limit (issue 11, item 10).

A raised recursion limit used to let the C pickler recurse past the end of the C stack on a
deeply nested value (a segmentation fault). Hashing now recurses at most a bounded number of
levels below its caller: a deeper value raises `InternalHashError` saying it is nested too
deeply, and the app's own recursion limit is left as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

import cachelib
from cachelib._internal.hashing import Hasher
from cachelib._internal.hashing.depth import BUDGET

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import collections, sys, threading
import cachelib
from cachelib._internal.hashing import Hasher

sys.setrecursionlimit({limit})

def nest(kind, depth):
    value = 0
    for _ in range(depth):
        value = [value] if kind == "list" else collections.deque([value])
    return value

def attempt():
    value = nest({kind!r}, {depth})
    try:
        {action}
        print("hashed")
    except cachelib.InternalHashError as error:
        message = " ".join(str(error).split())  # the words, whatever the line breaks
        print("nested too deeply" if "nested too deeply" in message else message)
    print(sys.getrecursionlimit())

if {in_thread}:
    thread = threading.Thread(target=attempt)
    thread.start()
    thread.join()
else:
    attempt()
"""

ACTIONS = {
    "digest": 'Hasher({{}}, "arguments", "f").digest(value)',
    "argument": "cachelib.cache(lambda v: 1)(value)",
    "return-value": "cachelib.cache(lambda: value)()",
}


def run_child(kind: str, depth: int, limit: int, action: str, in_thread: bool) -> list[str]:
    source = _CHILD.format(
        limit=limit,
        kind=kind,
        depth=depth,
        action=ACTIONS[action].format(),
        in_thread=in_thread,
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CACHELIB_CACHE_DIR": os.devnull}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(source)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"the process died ({result.returncode}): {result.stderr}"
    return result.stdout.splitlines()


@pytest.mark.parametrize("in_thread", [False, True], ids=["main-thread", "thread"])
@pytest.mark.parametrize("action", ACTIONS)
def test_a_list_nested_50000_deep_under_a_raised_limit_raises_instead_of_crashing(
    action: str, in_thread: bool
) -> None:
    outcome, limit_after = run_child("list", 50_000, 200_000, action, in_thread)

    assert outcome == "nested too deeply"
    assert limit_after == "200000"


@pytest.mark.parametrize("limit", [100_000, 1_000_000, 100_000_000])
def test_the_costliest_nesting_100000_deep_never_crashes_at_any_limit(limit: int) -> None:
    outcome, limit_after = run_child("deque", 100_000, limit, "digest", in_thread=False)

    assert outcome == "nested too deeply"
    assert limit_after == str(limit)


def test_a_value_deeper_than_the_default_limit_still_hashes_under_a_raised_limit() -> None:
    outcome, _ = run_child("list", 3_000, 200_000, "digest", in_thread=False)

    assert outcome == "hashed"


def test_a_deep_chain_of_helper_functions_raises_instead_of_crashing(tmp_path: Path) -> None:
    helpers = ["def h0():\n    return 0\n"]
    helpers += [f"def h{i}():\n    return h{i - 1}()\n" for i in range(1, 20_000)]
    script = tmp_path / "chain.py"
    script.write_text(
        "import sys\nimport cachelib\nsys.setrecursionlimit(1_000_000)\n"
        + "".join(helpers)
        + "try:\n    cachelib.cache(h19999)()\nexcept cachelib.InternalHashError as error:\n"
        + "    print('nested too deeply' in ' '.join(str(error).split()))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CACHELIB_CACHE_DIR": str(tmp_path / "c")}
    result = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def _nested(depth: int) -> object:
    value: object = 0
    for _ in range(depth):
        value = [value]
    return value


def test_the_apps_recursion_limit_is_restored_after_hashing() -> None:
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(BUDGET * 3)
    try:
        digest = Hasher({}, "arguments", "f").digest
        assert len(digest(_nested(BUDGET // 4))) == 16
        assert sys.getrecursionlimit() == BUDGET * 3
        with pytest.raises(cachelib.InternalHashError, match=r"nested\s+too\s+deeply"):
            digest(_nested(BUDGET * 2))
        assert sys.getrecursionlimit() == BUDGET * 3
    finally:
        sys.setrecursionlimit(before)


def test_concurrent_hashing_under_a_raised_limit_restores_it() -> None:
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(BUDGET * 3)
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work() -> None:
        digest = Hasher({}, "arguments", "f").digest
        start.wait()
        try:
            for depth in (10, BUDGET // 4, 10, BUDGET // 8):
                digest(_nested(depth))
        except BaseException as error:  # reported below
            errors.append(error)

    try:
        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert sys.getrecursionlimit() == BUDGET * 3
    finally:
        sys.setrecursionlimit(before)
