# Versioned docs with mike: what `nox -s publish` runs (and the CI workflow on a tag).
"""Build the site as one version of the versioned docs, in a `gh-pages` branch, with mike.

    python -m tools.publish --dry-run [--target DIR]   # a clone of HEAD, nothing pushed
    python -m tools.publish [--push]                   # this repository's gh-pages (CI: --push)

Each version is a folder of `gh-pages` (`0.1/`), beside the alias `latest/` and mike's
`versions.json`, which Material's version selector reads (`extra.version.provider: mike`,
turned on here through KB_VERSION_PROVIDER). The root redirects to `latest/`. The version is
the project's `major.minor` (pyproject.toml), or `--version`.

`--dry-run` clones HEAD into `--target` (default `build/publish-dry-run`, emptied first), deploys
there and prints the branch's top-level entries: the repository and its remotes are untouched.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TARGET = ROOT / "build" / "publish-dry-run"
ALIAS = "latest"
BRANCH = "gh-pages"
IDENTITY = {
    # mike commits to gh-pages: a machine without a git identity (CI, a fresh clone) gets this.
    "GIT_AUTHOR_NAME": "cachelib-kb docs",
    "GIT_AUTHOR_EMAIL": "docs@cachelib-kb.invalid",
    "GIT_COMMITTER_NAME": "cachelib-kb docs",
    "GIT_COMMITTER_EMAIL": "docs@cachelib-kb.invalid",
}


def project_version() -> str:
    """Return the project's `major.minor`, the name of its docs version."""
    sys.path.insert(0, str(ROOT))
    from tools.runner_assets import project_version as full

    return ".".join(full().split(".")[:2])


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    print("+", " ".join(command), flush=True)
    done = subprocess.run(command, cwd=cwd, env=env, text=True, stdout=subprocess.PIPE)
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stdout}")
    return done.stdout


def _environment(cwd: Path) -> dict[str, str]:
    env = {**os.environ, "KB_VERSION_PROVIDER": "mike", "NO_MKDOCS_2_WARNING": "1"}
    # mike runs the `mkdocs` script, which (unlike `python -m mkdocs`) does not put the
    # working directory on sys.path: mkdocs.yml names the fence `tools.kbexec...`.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(cwd), env.get("PYTHONPATH")]))
    # ... and finds `mkdocs` on PATH: this interpreter's, even from a venv that is not active.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    for name, value in IDENTITY.items():
        key = "user.name" if name.endswith("NAME") else "user.email"
        configured = subprocess.run(
            ["git", "config", key], cwd=cwd, capture_output=True, text=True, check=False
        ).stdout.strip()
        env.setdefault(name, configured or value)
    return env


def deploy(cwd: Path, version: str, *, push: bool) -> None:
    """Deploy one version and the `latest` alias with mike, and make `latest` the default."""
    env = _environment(cwd)
    # mike has no `__main__`: its console script's entry point, run by this interpreter.
    mike = [sys.executable, "-c", "import sys; from mike.driver import main; sys.exit(main())"]
    pushing = ["--push"] if push else []
    _run([*mike, "deploy", *pushing, "--update-aliases", version, ALIAS], cwd, env)
    _run([*mike, "set-default", *pushing, ALIAS], cwd, env)


def dry_run(target: Path, version: str) -> list[str]:
    """Clone HEAD into `target`, deploy there; return the top-level entries of gh-pages."""
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    _run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(target)], ROOT, env)
    # The clone's origin is this repository: drop it, so that nothing can be pushed anywhere.
    _run(["git", "remote", "remove", "origin"], target, env)
    deploy(target, version, push=False)
    listing = _run(["git", "ls-tree", "--name-only", BRANCH], target, env)
    return listing.split()


def main(argv: list[str]) -> int:
    """Command line: see the module's docstring."""
    parser = argparse.ArgumentParser(prog="python -m tools.publish", description=__doc__)
    parser.add_argument("--dry-run", action="store_true", help="deploy into a clone, no push")
    parser.add_argument("--target", type=Path, default=DEFAULT_TARGET, help="the clone's folder")
    parser.add_argument("--version", default=None, help="docs version (default: major.minor)")
    parser.add_argument("--push", action="store_true", help="push gh-pages to origin")
    options = parser.parse_args(argv)
    version = options.version or project_version()
    if options.dry_run:
        entries = dry_run(options.target.resolve(), version)
        print(f"{BRANCH} of {options.target} (not pushed): {' '.join(entries)}")
        return 0
    deploy(ROOT, version, push=options.push)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
