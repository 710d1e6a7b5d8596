"""What counts as the app's own code, whose function bodies are hashed (issue 11, item 3).

As in Streamlit 1.35: the main script's folder and below, and each ``PYTHONPATH`` entry (an
empty entry being the current folder). The current folder counts only where there is no
main script (``python -c``, the REPL, a notebook: contract D7), or where the main module is
library code itself (``python -m pytest``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from cachelib._internal.hashing.usercode import is_user_code

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """An app folder holding the main script, and another folder made the current one."""
    app, elsewhere = tmp_path / "app", tmp_path / "elsewhere"
    app.mkdir()
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("PYTHONPATH", raising=False)
    return app, elsewhere


def set_main(monkeypatch: pytest.MonkeyPatch, script: Path | None) -> None:
    main = types.ModuleType("__main__")
    if script is not None:
        main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)


def test_the_main_scripts_folder_and_below_are_the_apps_code(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _ = folders
    set_main(monkeypatch, app / "streamlit_app.py")

    assert is_user_code(str(app / "streamlit_app.py"))
    assert is_user_code(str(app / "pages" / "helpers.py"))


def test_the_current_folder_is_not_the_apps_code_when_there_is_a_main_script(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, elsewhere = folders
    set_main(monkeypatch, app / "streamlit_app.py")

    assert not is_user_code(str(elsewhere / "helpers.py"))


def test_the_current_folder_is_the_apps_code_without_a_main_script(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, elsewhere = folders
    set_main(monkeypatch, None)

    assert is_user_code(str(elsewhere / "helpers.py"))
    assert not is_user_code(str(app / "helpers.py"))


def test_the_current_folder_is_the_apps_code_when_the_main_module_is_a_librarys(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, elsewhere = folders
    set_main(monkeypatch, Path(pytest.__file__))  # python -m pytest

    assert is_user_code(str(elsewhere / "test_app.py"))


@pytest.mark.parametrize("empty_entry", [":{other}", "{other}:", "{other}::{other}"])
def test_an_empty_pythonpath_entry_is_the_current_folder(
    empty_entry: str, folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, elsewhere = folders
    set_main(monkeypatch, app / "streamlit_app.py")
    other = str(folders[0].parent / "other")
    monkeypatch.setenv("PYTHONPATH", empty_entry.replace(":", os.pathsep).format(other=other))

    assert is_user_code(str(elsewhere / "helpers.py"))
    assert is_user_code(str(Path(other) / "lib.py"))


def test_a_pythonpath_without_empty_entries_adds_only_its_folders(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, elsewhere = folders
    set_main(monkeypatch, app / "streamlit_app.py")
    shared = folders[0].parent / "shared"
    monkeypatch.setenv("PYTHONPATH", str(shared))

    assert is_user_code(str(shared / "lib.py"))
    assert not is_user_code(str(elsewhere / "helpers.py"))


def test_an_empty_pythonpath_is_no_folder(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    app, elsewhere = folders
    set_main(monkeypatch, app / "streamlit_app.py")
    monkeypatch.setenv("PYTHONPATH", "")

    assert not is_user_code(str(elsewhere / "helpers.py"))


# --- end to end: an edited helper in the current folder, with the script elsewhere ---------

_APP = """
import sys
sys.path.append({helpers!r})
import cachelib
import helpers

@cachelib.cache(persist=True)
def compute():
    cachelib.write("ran")
    return helpers.value()

print(compute())
"""


def run_app(app: Path, helpers: Path, value: int, cache: Path, pythonpath: str | None) -> str:
    """Write the helper with ``value`` and run the app from the helper's folder."""
    (helpers / "helpers.py").write_text(f"def value():\n    return {value}\n")
    env = {key: item for key, item in os.environ.items() if key != "PYTHONPATH"}
    env["CACHELIB_CACHE_DIR"] = str(cache)
    paths = [str(ROOT)] if pythonpath is None else [str(ROOT), pythonpath]
    env["PYTHONPATH"] = os.pathsep.join(paths)
    result = subprocess.run(
        [sys.executable, "-B", str(app / "app.py")],
        cwd=helpers,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("pythonpath", "edit_invalidates"),
    [(None, False), ("", True)],
    ids=["current-folder-is-library-code", "empty-pythonpath-entry-is-the-apps-code"],
)
def test_helper_edit_in_the_current_folder_counts_only_where_1_35_hashes_it(
    tmp_path: Path, pythonpath: str | None, edit_invalidates: bool
) -> None:
    app, helpers, cache = tmp_path / "app", tmp_path / "work", tmp_path / "cache"
    app.mkdir()
    helpers.mkdir()
    (app / "app.py").write_text(textwrap.dedent(_APP.format(helpers=str(helpers))))

    assert run_app(app, helpers, 1, cache, pythonpath) == "ran\n1\n"
    edited = run_app(app, helpers, 2, cache, pythonpath)

    assert edited == ("ran\n2\n" if edit_invalidates else "1\n")
