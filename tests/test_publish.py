"""`nox -s publish -- --dry-run`: versioned docs in a local gh-pages branch, nothing pushed.

Runs the session's command (`python -m tools.publish --dry-run`) into a temporary clone of HEAD
and reads the branch mike wrote there: the version's folder, the `latest` alias, the
`versions.json` that Material's version selector reads, and the root's redirect.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tools.publish import project_version

ROOT = Path(__file__).resolve().parent.parent


def git(clone: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=clone, capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.build
def test_dry_run_deploys_a_version_into_a_clone(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    done = subprocess.run(
        [sys.executable, "-m", "tools.publish", "--dry-run", "--target", str(clone)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    version = project_version()

    top = set(git(clone, "ls-tree", "--name-only", "gh-pages").split())
    assert {version, "latest", "versions.json", "index.html"} <= top
    versions = json.loads(git(clone, "show", "gh-pages:versions.json"))
    assert versions == [{"version": version, "title": version, "aliases": ["latest"]}]
    assert "latest/" in git(clone, "show", "gh-pages:index.html")
    page = git(clone, "show", f"gh-pages:{version}/index.html")
    assert '"version": {"provider": "mike"}' in page
    assets = git(clone, "ls-tree", "-r", "--name-only", "gh-pages", f"{version}/assets/")
    assert f"{version}/assets/pyodide/pyodide.asm.wasm" in assets.split()
    # Nothing was pushed: the clone has no remote left, and this repository's branches are as
    # they were (the dry run never touches them).
    assert git(clone, "remote").strip() == ""
