# `python -m tools.kbexec`: check every block of the site, or write their expected outputs.
"""Build the site to check every executed block, or, with `--update`, to write their outputs.

```text
python -m tools.kbexec              # check: every block, every failure listed, site discarded
python -m tools.kbexec --update     # write snippets/**/*.out from what the blocks show
```

Both run `python -m mkdocs build --strict` into a temporary directory, from the repository
root, and go on after a failing block so that all of them are listed. `--update` writes the
expected output of every block that does what it declares, deletes the `.out` files whose
snippet is gone, and lists what changed: read it before committing.
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

SNIPPETS = ROOT / "snippets"


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
    arguments = parser.parse_args(argv)

    before = _outputs()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", KEEP_GOING_ENV: "1"}
    env[UPDATE_ENV] = "1" if arguments.update else "0"
    with tempfile.TemporaryDirectory(prefix="kbexec-site-") as site:
        status = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site],
            cwd=ROOT,
            env=env,
            check=False,
        ).returncode
    if arguments.update:
        for path in before:
            if not path.with_suffix(".py").is_file():
                path.unlink()
        after = _outputs()
        changes = [
            f"{'wrote' if path in before else 'created'} {path.relative_to(ROOT)}"
            for path, text in after.items()
            if before.get(path) != text
        ]
        changes += [f"deleted {path.relative_to(ROOT)}" for path in before if path not in after]
        print("\n".join(changes) or "every expected output was up to date", file=sys.stderr)
    return status


def _outputs() -> dict[Path, str]:
    """Return the expected-output files under snippets/ and their contents."""
    return {path: path.read_text(encoding="utf-8") for path in sorted(SNIPPETS.rglob("*" + SUFFIX))}


if __name__ == "__main__":
    sys.exit(main())
