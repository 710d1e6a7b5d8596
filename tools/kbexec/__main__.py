# `python -m tools.kbexec`: check every block of the site, or write their expected outputs.
"""Build the site to check every executed block, or, with `--update`, to write their outputs.

```text
python -m tools.kbexec              # check: every block, every failure listed, site discarded
python -m tools.kbexec --update     # write snippets/**/*.out from what the blocks show
```

Both run `python -m mkdocs build --strict` into a temporary directory, from the repository
root, and go on after a failing block so that all of them are listed. `--update` writes the
expected output of every block that does what it declares, deletes the `.out` files whose
snippet is gone (under the snippets base paths of the configuration), and lists what
changed: read it before committing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ._expected import KEEP_GOING_ENV, SUFFIX, UPDATE_ENV

ROOT = Path(__file__).resolve().parents[2]
"""The repository: `mkdocs.yml` and `snippets/` are there."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments, without the program name (default: `sys.argv[1:]`).

    Returns:
        The exit status: MkDocs' (0 when every block did what it declares and showed its
        expected output, or, with `--update`, when every block did what it declares).
    """
    parser = argparse.ArgumentParser(prog="python -m tools.kbexec", description=__doc__)
    parser.add_argument(
        "--update",
        action="store_true",
        help="write each block's output to snippets/<path>.out instead of comparing",
    )
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=ROOT / "mkdocs.yml",
        help="the MkDocs configuration (default: the repository's mkdocs.yml)",
    )
    arguments = parser.parse_args(argv)
    snippets = _snippet_dirs(arguments.config_file)

    before = _outputs(snippets)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", KEEP_GOING_ENV: "1"}
    env[UPDATE_ENV] = "1" if arguments.update else "0"
    build = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    with tempfile.TemporaryDirectory(prefix="kbexec-site-") as site:
        status = subprocess.run(
            [*build, "--site-dir", site, "--config-file", str(arguments.config_file)],
            cwd=ROOT,
            env=env,
            check=False,
        ).returncode
    if arguments.update:
        for path in before:
            if not path.with_suffix(".py").is_file():
                path.unlink()
        after = _outputs(snippets)
        changes = [
            f"{'wrote' if path in before else 'created'} {_shown(path)}"
            for path, text in after.items()
            if before.get(path) != text
        ]
        changes += [f"deleted {_shown(path)}" for path in before if path not in after]
        print("\n".join(changes) or "every expected output was up to date", file=sys.stderr)
    return status


def _snippet_dirs(config_file: Path) -> list[Path]:
    """Return the snippets base paths of a MkDocs configuration (relative to the repository)."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as file:
        config = yaml_load(file)
    for entry in config.get("markdown_extensions", []):
        if isinstance(entry, dict) and "pymdownx.snippets" in entry:
            options = entry["pymdownx.snippets"] or {}
            paths = options.get("base_path", ["."])
            return [ROOT / path for path in ([paths] if isinstance(paths, str) else paths)]
    return []


def _outputs(snippets: list[Path]) -> dict[Path, str]:
    """Return the expected-output files under the snippets directories, and their contents."""
    return {
        path: path.read_text(encoding="utf-8")
        for base in snippets
        for path in sorted(base.rglob("*" + SUFFIX))
    }


def _shown(path: Path) -> str:
    """Name a file relative to the repository when it is in it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


if __name__ == "__main__":
    sys.exit(main())
