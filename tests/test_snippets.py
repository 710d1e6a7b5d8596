"""Every example the site includes also runs on its own, as a reader would run it.

The expectations come from the pages (one source of truth, read by tools.kbexec.pages with
the fence's own option parsing): each snippet-backed block's file runs in a fresh interpreter,
`python -W always path`, in an empty working directory, and must end as its page declares.
What it prints, rewritten in the page's form (tools.kbexec.alone), must be its expected output,
`snippets/<path>.out`: the file the build compares the page with. These tests never write it
(`python -m tools.kbexec --update` does).

Each snippet runs twice, as a reader runs a copy of it: in an empty folder, with a HOME of its
own and cachelib's default cache folder in it (no `CACHELIB_CACHE_DIR`), then again in the same
folder with the same HOME, so that what the first run persisted is there, and with files of the
reader's added to the folder (`app.py`, `shop.db`). Neither run may write outside temporary
folders of its own (made by `tempfile`) and cachelib's cache folder, and the second must print
what the first did.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools.kbexec._expected import SUFFIX, difference, expected_path
from tools.kbexec.alone import page_form
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


def place(block: Block) -> str:
    """Name a snippet block in failure messages: page, block id and snippet file."""
    return f"{block.page}, block {block.spec.id!r}, snippets/{block.snippet}"


# Files a reader has where they run an example again: they must stay as they are.
READERS_FILES = {"app.py": b"# the reader's own app\n", "shop.db": b"the reader's own shop.db\n"}
CACHE_FOLDER = Path(".cache", "cachelib")  # cachelib's default, under HOME (disk.cache_dir)


def reader_env(home: Path, temporary: Path) -> dict[str, str]:
    """A reader's environment: a HOME of their own, cachelib's cache folder left at its default.

    REDIS_URL and CACHELIB_SECRET (the "Scaling out" examples' server) stay as they are.
    """
    unset = ("PYTHONWARNINGS", "CACHELIB_CACHE_DIR", "XDG_CACHE_HOME")
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env["HOME"] = str(home)
    env["TMPDIR"] = str(temporary)  # where tempfile makes the snippets' own folders
    env["PYTHONUNBUFFERED"] = "1"
    # cachelib importable as if installed, also where the project is not installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def run_alone(path: Path, workdir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a snippet in a fresh interpreter, in `workdir`, with the environment `env`.

    Standard output and error are read as one stream, in the order they were written (the
    interpreter is unbuffered), as a reader sees them in a terminal: `.stdout` holds both.
    """
    return subprocess.run(
        [sys.executable, "-W", "always", str(path)],
        cwd=workdir,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        check=False,
    )


def written(workdir: Path, home: Path, readers: dict[str, bytes]) -> list[str]:
    """What a run wrote in the working folder and in HOME, but for cachelib's cache folder.

    `readers` are the files of the reader's that `workdir` held before the run.
    """
    found = []
    for path in sorted(workdir.rglob("*")):
        name = path.relative_to(workdir).as_posix()
        if name not in readers:
            found.append(f"wrote ./{name}")
        elif path.read_bytes() != readers[name]:
            found.append(f"changed the reader's ./{name}")
    found += [f"removed the reader's ./{name}" for name in readers if not (workdir / name).exists()]
    cache = home / CACHE_FOLDER
    found += [
        f"wrote ~/{path.relative_to(home).as_posix()}"
        for path in sorted(home.rglob("*"))
        if not (path in cache.parents or path == cache or cache in path.parents)
    ]
    return found


@dataclass(frozen=True)
class Runs:
    """A snippet run twice in one folder with one HOME, and what each run wrote."""

    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    written: tuple[list[str], list[str]]


_RUNS: dict[str, Runs] = {}


def runs(snippet: str, tmp_path_factory: pytest.TempPathFactory) -> Runs:
    """Run a snippet twice as a reader would (once per session, shared by the tests below)."""
    if snippet not in _RUNS:
        base = tmp_path_factory.mktemp("alone")
        workdir, home, temporary = base / "work", base / "home", base / "tmp"
        for folder in (workdir, home, temporary):
            folder.mkdir()
        env = reader_env(home, temporary)
        first = run_alone(SNIPPETS / snippet, workdir, env)
        after_first = written(workdir, home, {})
        # Files the first run would have created (an empty shop.db) show in that run's list.
        for name, content in READERS_FILES.items():
            (workdir / name).write_bytes(content)
        second = run_alone(SNIPPETS / snippet, workdir, env)
        after_second = written(workdir, home, READERS_FILES)
        _RUNS[snippet] = Runs(first, second, (after_first, after_second))
    return _RUNS[snippet]


def final_exception(output: str) -> tuple[str, str]:
    """Split the last traceback of an output into the printed class name and the message."""
    assert "Traceback (most recent call last):" in output, output
    after = output.rsplit("Traceback (most recent call last):\n", 1)[1].splitlines()
    # Frames and source lines are indented; the exception's own lines are not.
    start = next(i for i, line in enumerate(after) if not line.startswith(" "))
    name, _, message = "\n".join(after[start:]).partition(": ")
    return name, message


@pytest.mark.parametrize("block", SNIPPET_BLOCKS, ids=block_id)
def test_snippet_run_alone_ends_as_its_page_declares(
    block: Block, tmp_path_factory: pytest.TempPathFactory
) -> None:
    spec, snippet = block.spec, block.snippet
    assert snippet is not None

    result = runs(snippet, tmp_path_factory).first

    output = result.stdout
    where = place(block)
    if spec.expect:
        assert result.returncode == 1, f"{where}: expected {spec.expect}\n{output}"
        name, message = final_exception(output)
        assert spec.expects_exception(name), f"{where}: expected {spec.expect}, got {name}"
        # Word by word, as the build compares: messages come in short lines.
        fragment, words = " ".join((spec.match or "").split()), " ".join(message.split())
        assert fragment in words, f"{where}: message lacks {spec.match!r}: {message}"
    else:
        assert result.returncode == 0, f"{where}: exited {result.returncode}\n{output}"
    emitted = Counter(match["category"] for match in WARNING_LINE.finditer(output))
    assert set(emitted) == set(spec.warns), f"{where}: warnings printed:\n{output}"
    shown = page_form(output, SNIPPETS / snippet, f"snippets/{snippet}")
    diff = difference(SNIPPETS / snippet, shown, "printed when run alone, in the page's form")
    assert diff is None, f"{where}: {diff}"


@pytest.mark.parametrize("block", SNIPPET_BLOCKS, ids=block_id)
def test_snippet_writes_nothing_outside_a_temporary_folder_of_its_own(
    block: Block, tmp_path_factory: pytest.TempPathFactory
) -> None:
    snippet = block.snippet
    assert snippet is not None

    first, second = runs(snippet, tmp_path_factory).written

    where = place(block)
    assert first == [], f"{where}: run in an empty folder, it " + ", ".join(first)
    assert second == [], f"{where}: run again, beside files of the reader's, it " + ", ".join(
        second
    )


@pytest.mark.parametrize("block", SNIPPET_BLOCKS, ids=block_id)
def test_snippet_run_a_second_time_prints_what_the_first_run_printed(
    block: Block, tmp_path_factory: pytest.TempPathFactory
) -> None:
    snippet = block.snippet
    assert snippet is not None

    ran = runs(snippet, tmp_path_factory)

    where = place(block)
    first, second = (
        page_form(run.stdout, SNIPPETS / snippet, f"snippets/{snippet}")
        for run in (ran.first, ran.second)
    )
    diff = "".join(
        difflib.unified_diff(
            first.splitlines(keepends=True),
            second.splitlines(keepends=True),
            fromfile="first run",
            tofile="second run, same folder and HOME",
        )
    )
    # The first run's output is compared with the expected output above: equal runs suffice.
    assert (second, ran.second.returncode) == (first, ran.first.returncode), (
        f"{where}: exited {ran.first.returncode}, then {ran.second.returncode}\n{diff}"
    )


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


def test_every_python_block_includes_a_snippet() -> None:
    """Code written in the page could not be run alone, nor have an expected output."""
    inline = [f"{block.page}:{block.line}" for block in EXECUTED if block.snippet is None]
    assert inline == [], "put the code in a file under snippets/ and include it"


def test_every_snippet_has_an_expected_output_and_every_expected_output_a_snippet() -> None:
    missing = sorted(
        path.relative_to(SNIPPETS).as_posix()
        for path in SNIPPETS.rglob("*.py")
        if not expected_path(path).is_file()
    )
    orphans = sorted(
        path.relative_to(SNIPPETS).as_posix()
        for path in SNIPPETS.rglob("*" + SUFFIX)
        if not path.with_suffix(".py").is_file()
    )
    assert (missing, orphans) == ([], []), "run python -m tools.kbexec --update"


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
