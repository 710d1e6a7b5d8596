"""The key hash without xxhash (Pyodide), and cached calls where no thread can start.

Each case runs in a fresh interpreter: one where `import xxhash` fails (an import blocker on
`sys.meta_path`, as on Pyodide, whose core packages lack xxhash), or one where
`threading.Thread.start` raises RuntimeError, as Pyodide's does.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from pathlib import Path

import cachelib._internal.digest as digest_module

ROOT = Path(__file__).resolve().parent.parent

BLOCK_XXHASH = """
import sys
class _Blocker:
    def find_spec(self, name, path=None, target=None):
        if name == "xxhash" or name.startswith("xxhash."):
            raise ImportError(f"No module named {name!r} (blocked)")
        return None
sys.modules.pop("xxhash", None)
sys.meta_path.insert(0, _Blocker())
"""

NO_THREADS = """
import threading
def _start(self):
    raise RuntimeError("can't start new thread")
threading.Thread.start = _start
"""


def run_python(prelude: str, body: str) -> str:
    """Run `prelude` then `body` in a fresh interpreter; return its stdout (fail on error)."""
    code = textwrap.dedent(prelude) + textwrap.dedent(body)
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_native_install_uses_xxh3() -> None:
    import xxhash

    assert digest_module.ALGORITHM == "xxh3-128"
    assert digest_module.digest(b"abc") == xxhash.xxh3_128_digest(b"abc")
    stream = digest_module.stream(b"a")
    stream.update(b"bc")
    assert stream.digest() == xxhash.xxh3_128_digest(b"abc")


def test_without_xxhash_the_digest_is_blake2b_128() -> None:
    out = run_python(
        BLOCK_XXHASH,
        """
        from cachelib._internal import digest
        stream = digest.stream(b"a")
        stream.update(memoryview(b"bc"))
        print(digest.ALGORITHM, digest.digest(b"abc").hex(), stream.digest().hex())
        print("xxhash" in sys.modules)
        """,
    )
    expected = hashlib.blake2b(b"abc", digest_size=16).hexdigest()
    assert out.split("\n")[:2] == [f"blake2b-128 {expected} {expected}", "False"]


def test_without_xxhash_cachelib_caches_as_usual() -> None:
    out = run_python(
        BLOCK_XXHASH,
        """
        import cachelib as st

        calls = []

        @st.cache_data
        def double(values):
            calls.append(values)
            return [v * 2 for v in values]

        @st.cache(allow_output_mutation=True)
        def legacy(x, data=b"x" * 10):
            calls.append(x)
            return {"x": x}

        assert double([1, 2]) == [2, 4]
        assert double([1, 2]) == [2, 4]
        assert double([1, 3]) == [2, 6]
        legacy(1), legacy(1), legacy({"a": {1, 2}})
        print(len(calls), "xxhash" in sys.modules)
        """,
    )
    assert out.strip() == "4 False"


def test_without_xxhash_a_persisted_entry_is_found_by_another_process(tmp_path: Path) -> None:
    """Keys computed with the fallback are stable: a second process hits the disk entry."""
    program = f"""
    import os
    os.environ["CACHELIB_CACHE_DIR"] = {str(tmp_path)!r}
    import cachelib as st

    @st.cache_data(persist="disk")
    def load(name, options={{"sep": ",", "cols": (1, 2)}}):
        print("computed", name)
        return name.upper()

    print(load("rows"))
    """
    first = run_python(BLOCK_XXHASH, program)
    second = run_python(BLOCK_XXHASH, program)
    assert first.split() == ["computed", "rows", "ROWS"]
    assert second.split() == ["ROWS"]


def test_background_refresh_runs_in_the_foreground_without_threads() -> None:
    out = run_python(
        NO_THREADS,
        """
        import time
        import cachelib as st

        calls = []

        @st.cache_data(ttl=0.2, refresh_mode="background", show_spinner=True)
        def rates():
            calls.append(1)
            return len(calls)

        first = rates()
        time.sleep(0.3)
        stale = rates()  # served stale; the refresh ran in this call, in the foreground
        fresh = rates()
        print(first, stale, fresh, len(calls))
        """,
    )
    assert out.strip() == "1 1 2 2"


def test_the_spinner_skips_itself_without_threads() -> None:
    out = run_python(
        NO_THREADS,
        """
        import time
        import cachelib as st

        @st.cache_data(show_spinner="Loading...")
        def slow():
            time.sleep(0.6)
            return 1

        print(slow(), slow())
        """,
    )
    assert out.strip() == "1 1"
