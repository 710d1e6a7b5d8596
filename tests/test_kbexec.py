"""The project fence (tools.kbexec) through a Markdown instance configured like mkdocs.yml.

Fixture blocks use only the standard library, and a stand-in `cachelib` module is installed
for every test, so these tests do not depend on the library being written next door.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from textwrap import dedent
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown_exec import markdown_config
from mkdocs.utils.yaml import yaml_load
from pymdownx.superfences import SuperFencesException

from tools.kbexec import pages
from tools.kbexec.__main__ import main as kbexec_main
from tools.kbexec._expected import KEEP_GOING_ENV, MASKS, UPDATE_ENV
from tools.kbexec._options import OPTIONS, STREAMLIT_DIVERGENCES
from tools.kbexec.alone import page_form

ROOT = Path(__file__).resolve().parent.parent

Convert = Callable[..., str]


def _extensions_of_mkdocs_yml(snippets: Path) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """Read the Markdown extensions of mkdocs.yml, with the snippets base path moved."""
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as file:
        config = yaml_load(file)
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        configs[name] = dict(options or {})
    configs["pymdownx.snippets"]["base_path"] = [str(snippets)]
    return [*names, "tables"], configs


@pytest.fixture
def snippets(tmp_path: Path) -> Path:
    """An empty snippets directory, the base path of the Markdown fixture."""
    path = tmp_path / "snippets"
    path.mkdir()
    return path


@pytest.fixture
def md(snippets: Path) -> Iterator[Markdown]:
    """A Markdown instance with the extensions and the fence of mkdocs.yml."""
    names, configs = _extensions_of_mkdocs_yml(snippets)
    markdown_config.save(names, configs)  # what markdown-exec's MkDocs plugin does
    yield Markdown(extensions=names, extension_configs=configs)
    markdown_config.reset()


@pytest.fixture
def convert(md: Markdown) -> Convert:
    """Convert a dedented page to HTML."""

    def _convert(text: str, page: str | None = None) -> str:
        if page is not None:  # the page name MkDocs makes available to the fence
            md.treeprocessors.register(_FakeRelpath(md, page), "relpath", 0)
        return md.reset().convert(dedent(text))

    return _convert


class _FakeRelpath(Treeprocessor):
    """Stands for MkDocs' `relpath` tree processor, which knows the page's file."""

    def __init__(self, md: Markdown, page: str) -> None:
        super().__init__(md)
        self.file = SimpleNamespace(src_uri=page)

    def run(self, root: Any) -> None:
        return None


@pytest.fixture(autouse=True)
def recording(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fence writes the expected outputs (into the test's snippets directory).

    Tests of the comparison itself turn this off with `monkeypatch.delenv(UPDATE_ENV)`.
    """
    monkeypatch.setenv(UPDATE_ENV, "1")
    monkeypatch.delenv(KEEP_GOING_ENV, raising=False)


@pytest.fixture(autouse=True)
def cache_clears(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A stand-in `cachelib` that records the cache directory at each `clear_cache()`."""
    calls: list[str] = []
    module = ModuleType("cachelib")
    module.clear_cache = lambda: calls.append(os.environ["CACHELIB_CACHE_DIR"])  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cachelib", module)
    return calls


def text_of(page_html: str) -> str:
    """Return the text a reader sees (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


Block = Callable[[str, str], str]


@pytest.fixture
def block(snippets: Path) -> Block:
    """Write code as a snippet named after a block id; return a python fence including it.

    Every python block includes a snippet (inline code is refused), as on the site.
    """
    written: set[Path] = set()

    def _block(options: str, code: str) -> str:
        found = re.search(r'\bid="([^"]*)"', options)
        stem = found.group(1) if found and found.group(1) else "demo/no-id"
        path, count = snippets / f"{stem}.py", 1
        while path in written:  # another block of the test, with the same id
            count += 1
            path = snippets / f"{stem}-{count}.py"
        written.add(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(code).strip() + "\n", encoding="utf-8")
        include = path.relative_to(snippets).as_posix()
        return f'```python {options}\n--8<-- "{include}"\n```\n'

    return _block


RAISES = """\
def parse(text):
    return int(text)


parse("eighty")
"""


def test_block_raising_as_declared_renders_a_clean_traceback(
    convert: Convert, snippets: Path, tmp_path: Path
) -> None:
    (snippets / "demo").mkdir()
    (snippets / "demo" / "raises.py").write_text(RAISES, encoding="utf-8")

    page = convert(
        '```python id="demo/raises" expect="ValueError" match="invalid literal"\n'
        '--8<-- "demo/raises.py"\n'
        "```\n"
    )

    shown = text_of(page)
    assert shown.count(RAISES.strip()) == 1  # exactly the snippet's code, once
    traceback = shown[shown.index("Traceback") :]
    assert traceback.splitlines() == [
        "Traceback (most recent call last):",
        '  File "snippets/demo/raises.py", line 5, in <module>',
        '    parse("eighty")',
        '  File "snippets/demo/raises.py", line 2, in parse',
        "    return int(text)",
        "           ^^^^^^^^^",
        "ValueError: invalid literal for int() with base 10: 'eighty'",
    ]
    assert str(tmp_path) not in page
    assert str(ROOT) not in page
    assert "kbexec" not in traceback


def test_match_finds_a_phrase_that_the_message_breaks_across_lines(
    block: Block, convert: Convert
) -> None:
    """cachelib's messages come in short lines: a fragment is compared word by word."""
    page = convert(
        block(
            'id="demo/wrapped" expect="ValueError" match="nested too deeply to hash"',
            """
            raise ValueError("the value is nested too\\ndeeply to hash")
            """,
        )
    )

    assert "deeply to hash" in text_of(page)


def test_exception_of_a_library_prints_its_module_and_hides_library_frames(
    block: Block,
    convert: Convert,
) -> None:
    page = convert(
        block(
            'id="demo/library" expect="JSONDecodeError" match="Expecting value"',
            """
            import json

            json.loads("not json")
            """,
        )
    )

    traceback = text_of(page)[text_of(page).index("Traceback") :].splitlines()
    assert traceback[1:3] == [
        '  File "snippets/demo/library.py", line 3, in <module>',
        '    json.loads("not json")',
    ]
    assert (
        traceback[-1] == "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)"
    )
    assert not any("json/" in line or "decoder.py" in line for line in traceback[:-1])


def test_expect_accepts_the_dotted_name(block: Block, convert: Convert) -> None:
    page = convert(
        block(
            'id="demo/dotted" expect="json.decoder.JSONDecodeError"',
            'import json\njson.loads("")',
        )
    )
    assert "JSONDecodeError" in text_of(page)


FAILURES = {
    "stops raising": (
        'id="demo/broken" expect="ValueError"',
        "x = 1",
        "expected ValueError, but nothing was raised",
    ),
    "raises another class": (
        'id="demo/broken" expect="ValueError"',
        "{}['key']",
        "expected ValueError, but KeyError was raised",
    ),
    "changes its message": (
        'id="demo/broken" expect="ValueError" match="invalid literal"',
        "raise ValueError('something else')",
        "its message lacks 'invalid literal'",
    ),
    "loses its warning": (
        'id="demo/broken" warns="UserWarning"',
        "x = 1",
        "expected warning UserWarning, but it was not emitted",
    ),
    "gains an unexpected warning": (
        'id="demo/broken"',
        "import warnings\nwarnings.warn('surprise', RuntimeWarning)",
        "unexpected warning: RuntimeWarning: surprise",
    ),
    "emits a warning besides the declared one": (
        'id="demo/broken" warns="UserWarning"',
        "import warnings\nwarnings.warn('a')\nwarnings.warn('b', DeprecationWarning)",
        "unexpected warning: DeprecationWarning: b",
    ),
    "raises unexpectedly": (
        'id="demo/broken"',
        "def f():\n    raise KeyError('k')\nf()",
        "raised an unexpected KeyError",
    ),
    "exits": (
        'id="demo/broken"',
        "import sys\nsys.exit(3)",
        "raised an unexpected SystemExit",
    ),
    "has a misspelled option": (
        'id="demo/broken" expcet="ValueError"',
        "x = 1",
        "unknown option(s) expcet",
    ),
    "has an unsupported markdown-exec option": (
        'id="demo/broken" session="s1"',
        "x = 1",
        "unknown option(s) session",
    ),
    "tries to opt out of execution": (
        'id="demo/broken" exec="off"',
        "x = 1",
        "python blocks always run",
    ),
    "declares match without expect": (
        'id="demo/broken" match="x"',
        "x = 1",
        "match= needs",
    ),
    "asks for an unescaped result": (
        'id="demo/broken" result="html"',
        "x = 1",
        'result="html" is not one of',
    ),
    "says it cannot run in the browser without saying why": (
        'id="demo/broken" browser="no"',
        "x = 1",
        'browser="no" is neither "yes" nor "no: <why',
    ),
    "has an unknown browser value": (
        'id="demo/broken" browser="maybe"',
        "x = 1",
        'browser="maybe" is neither',
    ),
    "names an unknown divergence under Streamlit": (
        'id="demo/broken" streamlit="D2"',
        "x = 1",
        'streamlit="D2" is neither a divergence of the Differences page',
    ),
    "says it needs a server without saying why": (
        'id="demo/broken" streamlit="needs a server"',
        "x = 1",
        'streamlit="needs a server" is neither',
    ),
    "hides lines from the reader": (
        'id="demo/broken"',
        "x = 1  # markdown-exec: hide",
        "readers must see all code",
    ),
}


def test_block_that_cannot_run_in_the_browser_says_why_in_its_wrapper(
    block: Block, convert: Convert
) -> None:
    shown = convert(block('id="demo/threads" browser="no: it starts threads"', "x = 1"))

    assert 'data-kbexec-browser="no" data-kbexec-note="it starts threads"' in shown
    assert 'data-kbexec-file="snippets/demo/threads.py"' in shown
    plain = convert(block('id="demo/plain" browser="yes"', "x = 1"))
    assert "data-kbexec-browser" not in plain
    assert "data-kbexec-source" in plain


def test_block_differing_under_streamlit_shows_the_divergence_in_words_linked_to_its_section(
    block: Block, convert: Convert
) -> None:
    shown = convert(block('id="demo/d9" streamlit="D9"', "x = 1"), page="kb/demo.md")

    note = re.search(r'<p class="kbexec-streamlit">(.*?)</p>', shown)
    assert note is not None
    assert '<a href="../../differences/#modern-d9">' in note.group(1)
    assert "calls are keyed on their bound arguments" in note.group(1)
    assert "D9" not in note.group(1)  # the meaning, not the label


def test_block_only_cachelib_can_run_shows_its_reason_under_it(
    block: Block, convert: Convert
) -> None:
    shown = convert(
        block('id="demo/redis" streamlit="cachelib-only: `persist=\'redis://\'` is ours"', "x = 1")
    )

    assert (
        '<p class="kbexec-streamlit">Only <code>cachelib</code> has this, not Streamlit 1.67: '
        "<code>persist=&#x27;redis://&#x27;</code> is ours.</p>"
    ) in shown
    assert "kbexec-streamlit" not in convert(block('id="demo/plain"', "x = 1"))


def test_every_streamlit_divergence_links_to_its_heading_on_the_differences_page() -> None:
    page = (ROOT / "docs" / "differences.md").read_text(encoding="utf-8")

    for label, (anchor, words) in STREAMLIT_DIVERGENCES.items():
        assert f"{label}: {words} {{ #{anchor} }}" in page, label


@pytest.mark.parametrize(("options", "code", "reason"), FAILURES.values(), ids=FAILURES)
def test_block_that_differs_from_its_declaration_fails_naming_page_and_block(
    block: Block, convert: Convert, options: str, code: str, reason: str
) -> None:
    with pytest.raises(SuperFencesException) as failure:
        convert(block(options, code), page="kb/demo.md")

    assert str(failure.value).startswith("kbexec: page 'kb/demo.md', python block 'demo/broken': ")
    assert reason in str(failure.value)


def test_block_without_id_fails(block: Block, convert: Convert) -> None:
    with pytest.raises(SuperFencesException, match="python block '<no id>': missing id="):
        convert(block('expect="ValueError"', "x = 1"), page="kb/demo.md")


def test_py_fences_run_too(convert: Convert) -> None:
    with pytest.raises(SuperFencesException, match="missing id="):
        convert("```py\nx = 1\n```\n")


def test_duplicate_id_on_a_page_fails(block: Block, convert: Convert) -> None:
    page = block('id="demo/same"', "x = 1") + "\n" + block('id="demo/same"', "y = 2")

    with pytest.raises(SuperFencesException, match="'demo/same': this id is used by another"):
        convert(page)


def test_same_id_on_another_page_converted_by_the_same_instance_is_fine(
    block: Block,
    convert: Convert,
) -> None:
    convert(block('id="demo/same"', "x = 1"))
    convert(block('id="demo/same"', "x = 1"))


def test_unexpected_exception_report_shows_where_it_happened(
    block: Block, convert: Convert
) -> None:
    with pytest.raises(SuperFencesException) as failure:
        convert(block('id="demo/oops"', "def f():\n    return 1 / 0\n\nf()"))

    message = str(failure.value)
    assert 'File "snippets/demo/oops.py", line 2, in f' in message
    assert message.rstrip().endswith("ZeroDivisionError: division by zero")


def test_streams_and_warnings_are_captured_and_escaped(block: Block, convert: Convert) -> None:
    page = convert(
        block(
            'id="demo/streams" warns="UserWarning,DeprecationWarning"',
            """
            import sys
            import warnings

            print("<script>alert(1)</script>")
            sys.stdout.write("written & flushed\\n")
            sys.stderr.write("to stderr\\n")
            warnings.warn("careful <b>")
            warnings.warn("old", DeprecationWarning)
            """,
        )
    )

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    output = text_of(page).split("DeprecationWarning)", 1)[1].strip().splitlines()
    assert output == [
        "<script>alert(1)</script>",
        "written & flushed",
        "to stderr",
        "UserWarning: careful <b>",
        "DeprecationWarning: old",
    ]


def test_streams_come_before_the_expected_traceback(block: Block, convert: Convert) -> None:
    page = convert(
        block('id="demo/order" expect="ValueError"', 'print("first")\nraise ValueError("then")')
    )

    output = text_of(page).split('raise ValueError("then")', 1)[1].strip().splitlines()
    assert output[0] == "first"
    assert output[1] == "Traceback (most recent call last):"
    assert output[-1] == "ValueError: then"


def test_block_exiting_with_status_zero_ends_cleanly(block: Block, convert: Convert) -> None:
    page = convert(block('id="demo/exit"', "import sys\nprint('done')\nsys.exit(0)"))

    assert "done" in text_of(page)


def test_block_without_output_shows_only_its_source(block: Block, convert: Convert) -> None:
    page = convert(block('id="demo/quiet"', "x = 1"))

    assert page.count("<pre>") == 1
    assert "x = 1" in text_of(page)


def test_each_block_runs_in_a_fresh_main_module(block: Block, convert: Convert) -> None:
    page = convert(
        block(
            'id="demo/first"',
            """
            import pickle

            class Point:
                pass

            shared = 1
            print(__name__, type(pickle.loads(pickle.dumps(Point()))).__qualname__)
            """,
        )
        + "\n"
        + block('id="demo/second"', "print('shared' in globals())")
    )

    assert "__main__ Point" in text_of(page)
    assert "False" in text_of(page)
    assert sys.modules["__main__"].__name__ == "__main__"
    assert not hasattr(sys.modules["__main__"], "Point")


def test_each_block_gets_fresh_directories_and_a_cleared_cache(
    block: Block, convert: Convert, cache_clears: list[str]
) -> None:
    probe = "import os\nprint(os.getcwd())\nprint(os.environ['CACHELIB_CACHE_DIR'])"
    cwd, cache_dir = os.getcwd(), os.environ.get("CACHELIB_CACHE_DIR")

    page = convert(block('id="demo/one"', probe) + "\n" + block('id="demo/two"', probe))

    printed = [line for line in text_of(page).splitlines() if line.startswith("/")]
    assert len(printed) == 4
    assert len(set(printed)) == 4
    # Cleared after the variable was set, and again as the block ends.
    assert cache_clears == [printed[1], printed[1], printed[3], printed[3]]
    assert (os.getcwd(), os.environ.get("CACHELIB_CACHE_DIR")) == (cwd, cache_dir)


def test_state_is_restored_after_a_failing_block(block: Block, convert: Convert) -> None:
    before = (os.getcwd(), sys.modules["__main__"], sys.stdout, sys.stderr, sys.argv)
    cache_dir = os.environ.get("CACHELIB_CACHE_DIR")

    with pytest.raises(SuperFencesException):
        convert(block('id="demo/fails"', "import sys\nsys.argv.append('x')\n1 / 0"))

    assert (os.getcwd(), sys.modules["__main__"], sys.stdout, sys.stderr, sys.argv) == before
    assert os.environ.get("CACHELIB_CACHE_DIR") == cache_dir


def test_resources_are_released_as_the_block_ends_without_printing(
    block: Block,
    convert: Convert,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    module = ModuleType("cachelib")
    module.resources = []  # type: ignore[attr-defined]

    def clear_cache() -> None:  # a cache_resource's on_release, printing
        while module.resources:  # type: ignore[attr-defined]
            print("closed", module.resources.pop())  # type: ignore[attr-defined]

    module.clear_cache = clear_cache  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "cachelib", module)
    code = "import cachelib\ncachelib.resources.append('the connection')\nprint('opened')"

    page = convert(block('id="demo/resource"', code) + "\n" + block('id="demo/next"', "x = 1"))

    assert "opened" in text_of(page)
    assert "closed" not in text_of(page)
    assert "closed" not in capfd.readouterr().out
    assert module.resources == []  # type: ignore[attr-defined]


def test_missing_cachelib_is_tolerated(
    block: Block, convert: Convert, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "cachelib", None)  # makes `import cachelib` fail

    assert "ran" in text_of(convert(block('id="demo/plain"', "print('ran')")))


def test_an_edited_cachelib_is_imported_again_by_the_next_block(
    block: Block, convert: Convert, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "lib" / "cachelib"
    package.mkdir(parents=True)
    source = package / "__init__.py"
    source.write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    monkeypatch.delitem(sys.modules, "cachelib")
    probe = block('id="demo/version"', "import cachelib\nprint('version', cachelib.VERSION)")

    first = text_of(convert(probe))
    source.write_text("VERSION = 2\n", encoding="utf-8")
    later = source.stat().st_mtime + 10  # a later mtime, also for the bytecode cache
    os.utime(source, (later, later))
    second = text_of(convert(probe))

    assert "version 1" in first
    assert "version 2" in second


def test_display_options_reach_the_rendered_source(block: Block, convert: Convert) -> None:
    page = convert(
        block(
            'id="demo/tabs" source="tabbed-left" tabs="Code|Output" title="demo.py" hl_lines="1"',
            "print('hi')",
        )
    )

    assert 'class="tabbed-set' in page
    assert ">Code<" in page
    assert ">Output<" in page
    assert "demo.py" in page
    assert 'class="hll"' in page


def test_blocks_in_other_languages_do_not_run(convert: Convert) -> None:
    page = convert("```text\nraise SystemExit(1)\n```\n\n```pycon\n>>> 1/0\n```\n")

    assert "raise SystemExit(1)" in text_of(page)


def test_blocks_nested_in_admonitions_run(convert: Convert, snippets: Path) -> None:
    (snippets / "nested.py").write_text("1 / 0\n", encoding="utf-8")

    page = convert(
        """
        !!! failure "Symptom"
            ```python id="demo/nested" expect="ZeroDivisionError"
            --8<-- "nested.py"
            ```
        """
    )

    assert "ZeroDivisionError: division by zero" in text_of(page)


def test_pages_reads_the_declarations_the_fence_validates() -> None:
    source = dedent(
        """
        !!! failure
            ```python id="demo/repro" expect="ValueError" match="bad"
            --8<-- "kb/demo/repro.py"
            ```

        ````markdown
        ```python id="demo/not-a-block"
        ```
        ````

        ```python id="demo/inline" warns="UserWarning, RuntimeWarning"
        import warnings
        ```
        """
    )

    page = pages.read_page("kb/demo.md", source)

    executed = [b for b in page.blocks if b.executed]
    assert [b.spec.id for b in executed] == ["demo/repro", "demo/inline"]
    assert executed[0].spec.expect == "ValueError"
    assert executed[0].spec.match == "bad"
    assert executed[0].snippet == "kb/demo/repro.py"
    assert executed[0].line == 3
    assert executed[1].spec.warns == ("UserWarning", "RuntimeWarning")
    assert executed[1].snippet is None
    assert page.includes == ("kb/demo/repro.py",)


def test_readme_documents_every_fence_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    options = readme[readme.index("Fence options:") :]

    assert re.findall(r"^\| `(\w+)` \|", options, re.MULTILINE) == list(OPTIONS)


# --- Expected outputs ------------------------------------------------------------------------


@pytest.fixture
def checking(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fence compares the outputs with the expected ones (the build's default)."""
    monkeypatch.delenv(UPDATE_ENV)


def write_snippet(snippets: Path, name: str, code: str, expected: str | None) -> str:
    """Write a snippet (and its expected output, unless None); return a fence including it."""
    (snippets / f"{name}.py").write_text(dedent(code).lstrip(), encoding="utf-8")
    if expected is not None:
        (snippets / f"{name}.out").write_text(expected, encoding="utf-8")
    return f'```python id="demo/{name}"\n--8<-- "{name}.py"\n```\n'


@pytest.mark.usefixtures("checking")
def test_block_showing_its_expected_output_passes(convert: Convert, snippets: Path) -> None:
    page = convert(write_snippet(snippets, "hits", "print('miss')\nprint('hit')\n", "miss\nhit\n"))

    assert "miss\nhit" in text_of(page)


@pytest.mark.usefixtures("checking")
def test_block_showing_another_output_fails_with_a_diff(convert: Convert, snippets: Path) -> None:
    fence = write_snippet(snippets, "hits", "print('miss')\nprint('miss')\n", "miss\nhit\n")

    with pytest.raises(SuperFencesException) as failure:
        convert(fence, page="kb/demo.md")

    message = str(failure.value)
    assert message.startswith("kbexec: page 'kb/demo.md', python block 'demo/hits': ")
    assert "the output differs from" in message
    assert "hits.out (expected)\n+++ shown by demo/hits\n" in message
    assert message.endswith("@@ -1,2 +1,2 @@\n miss\n-hit\n+miss")
    assert "python -m tools.kbexec --update" in message


@pytest.mark.usefixtures("checking")
def test_a_trailing_newline_or_an_empty_output_is_compared_too(
    convert: Convert, snippets: Path
) -> None:
    with pytest.raises(SuperFencesException, match="the output differs"):
        convert(write_snippet(snippets, "quiet", "x = 1\n", "\n"))
    convert(write_snippet(snippets, "quiet2", "y = 2\n", ""))
    with pytest.raises(SuperFencesException, match="the output differs"):
        convert(write_snippet(snippets, "loud", "print('x')\n", ""))


@pytest.mark.usefixtures("checking")
def test_block_without_expected_output_fails(convert: Convert, snippets: Path) -> None:
    with pytest.raises(SuperFencesException, match=r"no expected output: .*new\.out does not"):
        convert(write_snippet(snippets, "new", "print('hi')\n", None))


def test_update_writes_the_expected_output_of_blocks_that_behave_only(
    convert: Convert, snippets: Path
) -> None:
    convert(write_snippet(snippets, "first", "print('one')\nprint('two')\n", None))
    convert(write_snippet(snippets, "quiet", "x = 1\n", "stale\n"))
    fence = write_snippet(snippets, "broken", "1 / 0\n", "old\n")

    with pytest.raises(SuperFencesException, match="unexpected ZeroDivisionError"):
        convert(fence)

    assert (snippets / "first.out").read_text(encoding="utf-8") == "one\ntwo\n"
    assert (snippets / "quiet.out").read_text(encoding="utf-8") == ""
    assert (snippets / "broken.out").read_text(encoding="utf-8") == "old\n"


def test_update_leaves_an_unchanged_expected_output_untouched(
    convert: Convert, snippets: Path
) -> None:
    fence = write_snippet(snippets, "same", "print('same')\n", "same\n")
    os.utime(snippets / "same.out", (1, 1))

    convert(fence)

    assert (snippets / "same.out").stat().st_mtime == 1


@pytest.mark.usefixtures("checking")
def test_code_written_in_the_page_is_refused(convert: Convert) -> None:
    with pytest.raises(SuperFencesException) as failure:
        convert('```python id="demo/inline"\nprint("hi")\n```\n', page="kb/demo.md")

    assert str(failure.value) == (
        "kbexec: page 'kb/demo.md', python block 'demo/inline': the code is not a file under "
        "snippets/, so its output cannot be checked: put it in snippets/demo/inline.py (or "
        'similar) and include it with --8<-- "..."'
    )


@pytest.mark.usefixtures("checking")
def test_keep_going_logs_every_failing_block_and_renders_what_it_showed(
    convert: Convert,
    snippets: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv(KEEP_GOING_ENV, "1")
    first = write_snippet(snippets, "one", "print('now')\n", "before\n")
    second = write_snippet(snippets, "two", "print('fine')\n", "fine\n")
    third = write_snippet(snippets, "three", "1 / 0\n", "\n")

    page = convert(first + "\n" + second + "\n" + third, page="kb/demo.md")

    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert [e.split(":")[1].strip() for e in errors] == [
        "page 'kb/demo.md', python block 'demo/one'",
        "page 'kb/demo.md', python block 'demo/three'",
    ]
    assert "-before\n+now" in errors[0]
    assert "unexpected ZeroDivisionError" in errors[1]
    assert "now" in text_of(page)
    assert all(r.name == "mkdocs.kbexec" for r in caplog.records)


def test_addresses_are_masked_on_the_page_and_in_the_expected_output(
    convert: Convert, snippets: Path
) -> None:
    fence = write_snippet(snippets, "address", "print(object())\nprint(hex(255))\n", None)

    page = text_of(convert(fence))

    assert "<object object at 0x…>\n0xff" in page
    assert (snippets / "address.out").read_text(encoding="utf-8") == (
        "<object object at 0x…>\n0xff\n"
    )


@pytest.mark.usefixtures("checking")
def test_a_spinner_line_is_left_out_whether_or_not_the_miss_was_slow(
    convert: Convert, snippets: Path
) -> None:
    source = (
        "import sys\n"
        "print('before')\n"
        "sys.stderr.write('Running `load(...)`.\\n')  # what a slow miss shows\n"
        "print('after')\n"
    )
    fence = write_snippet(snippets, "spinner", source, "before\nafter\n")

    page = text_of(convert(fence))  # raises if the output differs from the expected one

    assert page.rstrip().endswith("before\nafter")


def test_readme_documents_every_mask() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## How the examples are executed") :]

    for name in MASKS:
        assert f"`{name}`" in section, name


def test_warnings_are_shown_where_they_were_emitted(block: Block, convert: Convert) -> None:
    page = convert(
        block(
            'id="demo/order" warns="UserWarning"',
            """
            import warnings

            print("before")
            warnings.warn("careful")
            print("after")
            """,
        )
    )

    assert "before\nUserWarning: careful\nafter" in text_of(page)


def test_an_exception_is_printed_as_python_prints_it(block: Block, convert: Convert) -> None:
    page = convert(
        block(
            'id="demo/chain" expect="ValueError"',
            """
            import math

            try:
                math.NaN
            except AttributeError as error:
                raise ValueError("bad constant") from error
            """,
        )
    )

    output = text_of(page).split("from error", 1)[1].strip()
    assert output.splitlines() == [
        "Traceback (most recent call last):",
        '  File "snippets/demo/chain.py", line 4, in <module>',
        "    math.NaN",
        "AttributeError: module 'math' has no attribute 'NaN'. Did you mean: 'nan'?",
        "",
        "The above exception was the direct cause of the following exception:",
        "",
        "Traceback (most recent call last):",
        '  File "snippets/demo/chain.py", line 6, in <module>',
        '    raise ValueError("bad constant") from error',
        "ValueError: bad constant",
    ]


# --- A snippet run on its own, in the page's form (tools.kbexec.alone) -----------------------

PARITY = """\
import json
import sys
import warnings


def load(text):
    print("loading", text)
    warnings.warn("slow path\\nsecond line", RuntimeWarning)
    sys.stderr.write("to stderr\\n")
    return json.loads(text)


try:
    load("{}")
    load("nope")
except ValueError as error:
    raise LookupError("no document") from error
"""


def test_a_snippet_run_alone_prints_what_its_block_shows(
    convert: Convert, snippets: Path, tmp_path: Path
) -> None:
    (snippets / "parity.py").write_text(PARITY, encoding="utf-8")
    convert(
        '```python id="demo/parity" expect="LookupError" warns="RuntimeWarning"\n'
        '--8<-- "parity.py"\n```\n'
    )
    run = subprocess.run(
        [sys.executable, "-W", "always", str(snippets / "parity.py")],
        cwd=tmp_path,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )

    shown = page_form(run.stdout, snippets / "parity.py", "snippets/parity.py")

    assert run.returncode == 1
    assert "json/decoder.py" in run.stdout  # frames the page leaves out
    assert shown + "\n" == (snippets / "parity.out").read_text(encoding="utf-8")
    assert "RuntimeWarning: slow path\nsecond line\nto stderr\n" in shown


def test_page_form_keeps_the_snippet_frames_and_drops_empty_tracebacks() -> None:
    printed = dedent(
        """\
        /abs/lib.py:3: UserWarning: from a file that is not there
        kept
        Traceback (most recent call last):
          File "/abs/lib.py", line 9, in inner
            raise KeyError(1)
        KeyError: 1

        During handling of the above exception, another exception occurred:

        Traceback (most recent call last):
          File "/abs/snippets/x.py", line 2, in <module>
            f()
            ^^^
          File "/abs/lib.py", line 12, in f
            raise ValueError(2)
        ValueError: 2 at /abs/snippets/x.py
        """
    )

    shown = page_form(printed, Path("/abs/snippets/x.py"), "snippets/x.py")

    assert shown.splitlines() == [
        "/abs/lib.py:3: UserWarning: from a file that is not there",  # no source line: kept
        "kept",
        "KeyError: 1",
        "",
        "During handling of the above exception, another exception occurred:",
        "",
        "Traceback (most recent call last):",
        '  File "snippets/x.py", line 2, in <module>',
        "    f()",
        "    ^^^",
        "ValueError: 2 at snippets/x.py",
    ]


# --- The command line: python -m tools.kbexec [--update] -------------------------------------


def tiny_site(root: Path) -> Path:
    """Write a one-page site whose block includes snippets/demo.py; return its mkdocs.yml."""
    (root / "snippets").mkdir()
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(
        '# Home\n\n```python id="index/demo"\n--8<-- "demo.py"\n```\n', encoding="utf-8"
    )
    config = root / "mkdocs.yml"
    config.write_text(
        dedent(
            f"""\
            site_name: tiny
            docs_dir: {str(root / "docs")!r}
            markdown_extensions:
              - pymdownx.snippets:
                  base_path: [{str(root / "snippets")!r}]
                  check_paths: true
              - pymdownx.superfences:
                  custom_fences:
                    - name: python
                      class: python
                      validator: !!python/name:tools.kbexec.validator
                      format: !!python/name:tools.kbexec.formatter
            """
        ),
        encoding="utf-8",
    )
    return config


@pytest.mark.build
def test_command_line_updates_then_checks(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(UPDATE_ENV)
    config = tiny_site(tmp_path)
    snippets = tmp_path / "snippets"
    (snippets / "demo.py").write_text("print('hello')\n", encoding="utf-8")
    (snippets / "gone.out").write_text("a snippet that was removed\n", encoding="utf-8")

    updated = kbexec_main(["--update", "-f", str(config)])
    written = (snippets / "demo.out").read_text(encoding="utf-8")
    (snippets / "demo.py").write_text("print('changed')\n", encoding="utf-8")
    checked = kbexec_main(["-f", str(config)])

    output = capfd.readouterr().err
    assert (updated, written) == (0, "hello\n")
    assert not (snippets / "gone.out").exists()
    assert f"created {snippets / 'demo.out'}\ndeleted {snippets / 'gone.out'}" in output
    assert checked != 0
    assert (snippets / "demo.out").read_text(encoding="utf-8") == "hello\n"  # never written
    assert "kbexec: page 'index.md', python block 'index/demo': the output differs" in output
    assert "-hello\n+changed" in output
