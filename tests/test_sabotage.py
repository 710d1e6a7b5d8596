"""With a cache that never hits, every example whose output shows a hit must fail.

A `sitecustomize` module, put first on `PYTHONPATH` of the processes started here, makes every
lookup of `cachelib` miss (the `get` of the memory store and of every persistent backend returns
None), while hashing, option checks and errors stay as they are. It is applied to a copy of the
project, so that nothing tracked is written and files being edited do not change under the test:

1. the site is built with `KBEXEC_KEEP_GOING=1`, so that the fence reports every failing block
   instead of stopping at the first one;
2. `tests/test_snippets.py` runs every snippet on its own;
3. the expected outputs are written again (`KBEXEC_UPDATE=1`): the blocks whose output changed,
   and those that no longer do what they declare, are the blocks that must have failed.

Both the build and the snippet tests must fail on exactly those blocks, naming page and block.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest

from tools.kbexec._expected import KEEP_GOING_ENV, SUFFIX, UPDATE_ENV
from tools.kbexec.pages import read_pages
from tools.sitecheck import copy_sources

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.build

COPIED_TESTS = ["conftest.py", "test_snippets.py"]

NEVER_HIT = '''
"""Sabotage: every cache lookup of cachelib misses (installed by tests/test_sabotage.py)."""

import importlib.abc
import sys

MEMORY = "cachelib._internal.backends.memory"
BACKENDS = "cachelib._internal.backends.base"


def _never(self, key):
    return None


def _sabotage(name, module):
    if name == MEMORY:
        module.MemoryStore.get  # fails loudly if cachelib was reorganized
        module.MemoryStore.get = _never
    else:  # every persistent backend (disk, redis, ...), those defined later too
        backend = module.Backend
        backend.get = _never
        hook = backend.__dict__.get("__init_subclass__")

        def never_get(cls, **kwargs):
            if hook is not None:
                hook.__func__(cls, **kwargs)
            cls.get = _never

        backend.__init_subclass__ = classmethod(never_get)


class _Sabotage(importlib.abc.MetaPathFinder):
    """Patches those modules each time they are imported (the fence may import again)."""

    def find_spec(self, name, path, target=None):
        if name not in (MEMORY, BACKENDS):
            return None
        for finder in sys.meta_path:
            if finder is not self and hasattr(finder, "find_spec"):
                spec = finder.find_spec(name, path, target)
                if spec is not None:
                    break
        else:
            return None
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            _sabotage(name, module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _Sabotage())
'''

# A fence failure as MkDocs logs it, first line: "ERROR - kbexec: page 'p', python block 'id': ..."
FENCE_FAILURE = re.compile(
    r"^ERROR\s+-\s+kbexec: page '(?P<page>[^']+)', python block '(?P<id>[^']+)': "
)
# A failed snippet test, in pytest's short summary: "FAILED path::test[page::id] - ...".
SNIPPET_FAILURE = re.compile(
    r"^FAILED \S+::(?P<test>\w+)\[(?P<page>[^:\]]+)::(?P<id>[^\]]+)\]", re.MULTILINE
)

# How many blocks must fail at least: about half of the site shows a hit somewhere.
MANY = 40


def copy_project(target: Path) -> Path:
    """Copy what the build and the snippet tests read; return the copy's root."""
    copy_sources(target)
    (target / "tests").mkdir(exist_ok=True)  # copy_sources may have made it
    for name in COPIED_TESTS:
        shutil.copy2(ROOT / "tests" / name, target / "tests" / name)
    return target


def sabotaged_env(sabotage: Path, **extra: str) -> dict[str, str]:
    """The environment of a sabotaged process: the sitecustomize first on its path."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("KBEXEC_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(sabotage), env.get("PYTHONPATH")]))
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("KB_SITE_DIR", None)
    return {**env, **extra}


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800, check=False
    )


def build(tree: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    site = tree.parent / f"{tree.name}-site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return run(command, tree, env)


def failing_blocks(log: str) -> dict[tuple[str, str], str]:
    """The blocks the fence reported as failing in a build's log, with the reason's first line."""
    found = {}
    for line in log.splitlines():
        if match := FENCE_FAILURE.match(line):
            found[match["page"], match["id"]] = line[match.end() :]
    return found


def expected_outputs(tree: Path) -> dict[str, str]:
    snippets = tree / "snippets"
    return {
        path.relative_to(snippets).with_suffix(".py").as_posix(): path.read_text(encoding="utf-8")
        for path in snippets.rglob("*" + SUFFIX)
    }


@dataclass(frozen=True)
class Sabotaged:
    """What the sabotaged runs did.

    Attributes:
        check: The build, going on after each failing block.
        tests: The run of tests/test_snippets.py.
        changed: The blocks whose output changed, or which no longer do what they declare,
            as (page, block id).
        blocks: Every snippet-backed block, as (page, block id).
    """

    check: subprocess.CompletedProcess[str]
    tests: subprocess.CompletedProcess[str]
    changed: set[tuple[str, str]]
    blocks: set[tuple[str, str]]


@pytest.fixture(scope="module")
def sabotaged(tmp_path_factory: pytest.TempPathFactory) -> Sabotaged:
    """Build, test and update a copy of the project with a cache that never hits."""
    base = tmp_path_factory.mktemp("sabotage")
    sabotage = base / "never-hit"
    sabotage.mkdir()
    (sabotage / "sitecustomize.py").write_text(dedent(NEVER_HIT).lstrip(), encoding="utf-8")
    checked = copy_project(base / "checked")
    updated = copy_project(base / "updated")

    # The build and the snippet tests read the same copy; they run side by side.
    with ThreadPoolExecutor(max_workers=2) as pool:
        checking = pool.submit(build, checked, sabotaged_env(sabotage, **{KEEP_GOING_ENV: "1"}))
        command = [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider"]
        testing = pool.submit(
            run, [*command, "tests/test_snippets.py"], checked, sabotaged_env(sabotage)
        )
        check, tests = checking.result(), testing.result()
    before = expected_outputs(updated)
    update = build(updated, sabotaged_env(sabotage, **{UPDATE_ENV: "1", KEEP_GOING_ENV: "1"}))
    after = expected_outputs(updated)

    blocks = {
        block.snippet: (page.path, block.spec.id)
        for page in read_pages(checked / "docs")
        for block in page.blocks
        if block.executed and block.snippet
    }
    rewritten = {blocks[path] for path in after if before.get(path) != after[path]}
    misbehaving = set(failing_blocks(update.stderr))
    return Sabotaged(check, tests, rewritten | misbehaving, set(blocks.values()))


def test_sabotage_changes_the_output_of_many_blocks(sabotaged: Sabotaged) -> None:
    changed = sabotaged.changed
    assert len(changed) >= MANY, f"{len(changed)} of {len(sabotaged.blocks)}: {sorted(changed)}"


def test_the_build_fails_on_every_block_whose_output_changes(sabotaged: Sabotaged) -> None:
    check, changed = sabotaged.check, sabotaged.changed

    failures = failing_blocks(check.stderr)

    assert check.returncode != 0
    assert set(failures) == changed, (
        f"failing but unchanged: {sorted(set(failures) - changed)}\n"
        f"changed but passing: {sorted(changed - set(failures))}"
    )
    outputs = [reason for reason in failures.values() if reason.startswith("the output differs")]
    assert len(outputs) >= MANY // 2, f"{len(outputs)} output differences"
    assert "(expected)\n+++ shown by " in check.stderr  # with a unified diff


def test_the_snippet_tests_fail_on_every_block_whose_output_changes(
    sabotaged: Sabotaged,
) -> None:
    tests, changed = sabotaged.tests, sabotaged.changed

    failed = {(m["page"], m["id"]) for m in SNIPPET_FAILURE.finditer(tests.stdout)}
    other = {m["test"] for m in SNIPPET_FAILURE.finditer(tests.stdout)}

    assert tests.returncode == 1, tests.stdout[-3000:]
    # A block whose output varies with timing may also print differently on its second run.
    assert "test_snippet_run_alone_ends_as_its_page_declares" in other
    assert other <= {
        "test_snippet_run_alone_ends_as_its_page_declares",
        "test_snippet_run_a_second_time_prints_what_the_first_run_printed",
    }
    assert failed == changed, (
        f"failing but unchanged: {sorted(failed - changed)}\n"
        f"changed but passing: {sorted(changed - failed)}"
    )
    # Each failure names the page, the block and the snippet; an output's shows the diff.
    named = re.findall(r"AssertionError: (\S+\.md), block '([^']+)', snippets/\S+: ", tests.stdout)
    assert set(named) == changed
    assert "+++ printed when run alone, in the page's form" in tests.stdout
