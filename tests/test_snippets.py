"""Every example the site includes also runs on its own, as a reader would run it.

The expectations come from the pages (one source of truth, read by tools.kbexec.pages with
the fence's own option parsing): each snippet-backed block's file runs in a fresh interpreter,
`python -W always path`, in an empty working directory, and must end as its page declares.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tools.kbexec.pages import Block, page_slug, read_pages

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"  # pymdownx.snippets' base_path in mkdocs.yml

PAGES = read_pages(DOCS)
EXECUTED = [block for page in PAGES for block in page.blocks if block.executed]
SNIPPET_BLOCKS = [block for block in EXECUTED if block.snippet]

# A warning as Python prints it on stderr: "path:line: Category: message".
WARNING_LINE = re.compile(r"^.+?:\d+: (?P<category>[A-Za-z_]\w*Warning): ", re.MULTILINE)


def block_id(block: Block) -> str:
    """Name a block in test ids: its page and its id."""
    return f"{block.page}::{block.options.get('id') if block.options else f'line {block.line}'}"


def run_alone(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run a snippet in a fresh interpreter, in an empty directory, with its own cache directory."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONWARNINGS"}
    env["CACHELIB_CACHE_DIR"] = str(tmp_path / "cache")
    # cachelib importable as if installed, also where the project is not installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    workdir = tmp_path / "work"
    workdir.mkdir()
    return subprocess.run(
        [sys.executable, "-W", "always", str(path)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def final_exception(stderr: str) -> tuple[str, str]:
    """Split the last traceback on stderr into the printed class name and the message."""
    assert "Traceback (most recent call last):" in stderr, stderr
    after = stderr.rsplit("Traceback (most recent call last):\n", 1)[1].splitlines()
    # Frames and source lines are indented; the exception's own lines are not.
    start = next(i for i, line in enumerate(after) if not line.startswith(" "))
    name, _, message = "\n".join(after[start:]).partition(": ")
    return name, message


@pytest.mark.parametrize("block", SNIPPET_BLOCKS, ids=block_id)
def test_snippet_run_alone_ends_as_its_page_declares(block: Block, tmp_path: Path) -> None:
    spec, snippet = block.spec, block.snippet
    assert snippet is not None

    result = run_alone(SNIPPETS / snippet, tmp_path)

    where = f"{block.page}, block {spec.id!r}, snippets/{snippet}"
    if spec.expect:
        assert result.returncode == 1, f"{where}: expected {spec.expect}\n{result.stderr}"
        name, message = final_exception(result.stderr)
        assert spec.expects_exception(name), f"{where}: expected {spec.expect}, got {name}"
        assert (spec.match or "") in message, f"{where}: message lacks {spec.match!r}: {message}"
    else:
        assert result.returncode == 0, f"{where}: exited {result.returncode}\n{result.stderr}"
    emitted = Counter(match["category"] for match in WARNING_LINE.finditer(result.stderr))
    assert set(emitted) == set(spec.warns), f"{where}: warnings on stderr:\n{result.stderr}"


def test_every_python_block_has_a_valid_declaration() -> None:
    problems = []
    for block in EXECUTED:
        try:
            _ = block.spec  # validates, as the fence does
        except ValueError as error:
            problems.append(f"{block.page}:{block.line}: {error}")
    assert not problems, "\n".join(problems)


def test_block_ids_start_with_their_page_slug_and_are_unique_site_wide() -> None:
    ids = Counter(block.spec.id for block in EXECUTED)
    assert [name for name, count in ids.items() if count > 1] == []
    misplaced = [
        f"{block.page}: {block.spec.id}"
        for block in EXECUTED
        if block.spec.id.split("/")[0] != page_slug(block.page)
    ]
    assert misplaced == []


def test_no_page_uses_a_python_alias_that_would_escape_execution() -> None:
    escaping = {"python3", "py3", "pycon", "pyi"}
    found = [
        f"{block.page}:{block.line}: ```{block.language}"
        for page in PAGES
        for block in page.blocks
        if block.language in escaping
    ]
    assert found == [], "use ```python (executed) or ```text (shown only)"


def test_python_blocks_include_whole_snippets_only() -> None:
    partial = [
        f"{block.page}:{block.line}: {target}"
        for block in EXECUTED
        for target in block.includes
        if block.snippet is None
    ]
    assert partial == [], "a python block includes one whole file, which must run on its own"


def test_every_snippet_is_included_by_a_python_block() -> None:
    included = {block.snippet for block in SNIPPET_BLOCKS}
    orphans = sorted(
        path.relative_to(SNIPPETS).as_posix()
        for path in SNIPPETS.rglob("*.py")
        if path.relative_to(SNIPPETS).as_posix() not in included
    )
    assert orphans == []


def test_every_included_snippet_exists() -> None:
    missing = [
        f"{page.path}: {target}"
        for page in PAGES
        for target in page.includes
        if not (SNIPPETS / target).is_file()
    ]
    assert missing == []


def test_the_site_has_snippet_backed_examples() -> None:
    assert SNIPPET_BLOCKS, "no snippet-backed python block found under docs/"
