# Runs a block's code in-process, isolated from the build and other blocks; records what it did.
"""In-process execution of a block, with its streams, warnings and exception captured."""

from __future__ import annotations

import builtins
import importlib
import io
import linecache
import os
import sys
import tempfile
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout, suppress
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

CACHE_DIR_ENV = "CACHELIB_CACHE_DIR"
"""The variable that tells `cachelib` where to persist entries."""


@dataclass(frozen=True)
class Outcome:
    """What a block did when it ran.

    Attributes:
        streams: Everything written to `sys.stdout` and `sys.stderr`, interleaved, with one
            `Category: message` line per warning where it was emitted.
        warnings: The warnings emitted, in order.
        error: The exception that escaped the block, or None.
        printed_name: The error's class name as Python prints it (`cachelib.X`, `ValueError`).
        traceback: The error's traceback as Python prints it, keeping only the block's frames.
        full_traceback: The error's traceback with library frames too (for failure reports).
    """

    streams: str
    warnings: tuple[warnings.WarningMessage, ...] = ()
    error: BaseException | None = None
    printed_name: str = ""
    traceback: str = ""
    full_traceback: str = ""


def run_block(source: str, filename: str) -> Outcome:
    """Run a block's code in a fresh `__main__` module and record what it did.

    The code runs with fresh globals, in a fresh temporary working directory, with
    `CACHELIB_CACHE_DIR` pointing at a fresh temporary directory and `cachelib`'s
    process-wide caches cleared. Everything is restored afterwards, even on failure.

    Args:
        source: The code, exactly as the page shows it.
        filename: The relative name shown in tracebacks, e.g. `snippets/kb/x/repro.py`.

    Returns:
        The block's outcome.
    """
    buffer = io.StringIO()
    caught: list[warnings.WarningMessage] = []

    def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        # Where Python would print it on stderr, as `Category: message` (no path, no source).
        caught.append(warnings.WarningMessage(message, category, *args, **kwargs))
        buffer.write(f"{category.__name__}: {message}\n")

    with _isolated(source, filename) as namespace, warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = show
        try:
            with redirect_stdout(buffer), redirect_stderr(buffer):
                exec(compile(source, filename, "exec", dont_inherit=True), namespace)
        except (Exception, SystemExit) as error:
            clean_exit = isinstance(error, SystemExit) and error.code in (None, 0)
            if not clean_exit:
                # Formatted here, while the block's lines are still in linecache.
                return Outcome(
                    streams=buffer.getvalue(),
                    warnings=tuple(caught),
                    error=error,
                    printed_name=_printed_name(type(error)),
                    traceback=_format(error, keep=lambda name: name == filename),
                    full_traceback=_format(error, keep=lambda name: name != __file__),
                )
    return Outcome(streams=buffer.getvalue(), warnings=tuple(caught))


@contextmanager
def _isolated(source: str, filename: str) -> Iterator[dict[str, Any]]:
    """Give a block its own `__main__`, working, temporary and cache directories, and argv.

    The block's temporary folders (``tempfile.mkdtemp()``, which examples use to keep their
    files out of the reader's folder) are made inside the scratch folder, removed after it.
    """
    saved_main = sys.modules.get("__main__")
    saved_tempdir = tempfile.tempdir
    saved_argv = sys.argv
    saved_cwd = os.getcwd()
    saved_cache_dir = os.environ.get(CACHE_DIR_ENV)
    saved_lines = linecache.cache.get(filename)
    module = ModuleType("__main__")
    module.__dict__["__builtins__"] = builtins
    with tempfile.TemporaryDirectory(prefix="kbexec-") as scratch:
        try:
            os.environ[CACHE_DIR_ENV] = str(Path(scratch, "cache"))
            _clear_cachelib()
            workdir = Path(scratch, "work")
            workdir.mkdir()
            os.chdir(workdir)
            tempfile.tempdir = str(Path(scratch, "tmp"))
            Path(tempfile.tempdir).mkdir()
            # Lets tracebacks and `inspect` show the block's lines under its relative name.
            lines = source.splitlines(keepends=True)
            linecache.cache[filename] = (len(source), None, lines, filename)
            sys.modules["__main__"] = module
            sys.argv = [filename]
            yield module.__dict__
        finally:
            _release_quietly()
            sys.argv = saved_argv
            if saved_main is None:
                sys.modules.pop("__main__", None)
            else:
                sys.modules["__main__"] = saved_main
            if saved_lines is None:
                linecache.cache.pop(filename, None)
            else:
                linecache.cache[filename] = saved_lines
            os.chdir(saved_cwd)
            tempfile.tempdir = saved_tempdir
            if saved_cache_dir is None:
                os.environ.pop(CACHE_DIR_ENV, None)
            else:
                os.environ[CACHE_DIR_ENV] = saved_cache_dir


_cachelib_stamps: dict[str, int] = {}
"""Latest modification time of `cachelib`'s sources when it was imported, by package directory."""


def _clear_cachelib() -> None:
    """Empty `cachelib`'s process-wide caches, if `cachelib` can be imported at all.

    A `cachelib` whose sources changed since it was imported is imported again first, so that
    rebuilds under `mkdocs serve` run the edited library.
    """
    stamp = _sources_stamp(sys.modules.get("cachelib"))
    if stamp is not None and _cachelib_stamps.get(stamp[0], stamp[1]) != stamp[1]:
        for name in [name for name in sys.modules if name.partition(".")[0] == "cachelib"]:
            del sys.modules[name]
    try:
        cachelib = importlib.import_module("cachelib")
    except Exception:
        # Absent or broken: a block that uses it reports that itself, other blocks need not care.
        return
    stamp = _sources_stamp(cachelib)
    if stamp is not None:
        _cachelib_stamps[stamp[0]] = stamp[1]
    _clear(cachelib)


def _clear(cachelib: ModuleType) -> None:
    """Empty the caches of an imported `cachelib` (releasing its resources)."""
    clears = (
        getattr(cachelib, "clear_cache", None),
        getattr(getattr(cachelib, "cache_data", None), "clear", None),
        getattr(getattr(cachelib, "cache_resource", None), "clear", None),
    )
    for clear in clears:
        if callable(clear):
            clear()


def _release_quietly() -> None:
    """Empty `cachelib`'s caches as a block ends, discarding what releasing them prints.

    A reader's process ends there without releasing anything; here, the `on_release` of the
    block's resources would otherwise print into the build's log, or a later block's output.
    Failures are left for the next block's `_clear_cachelib` to report.
    """
    cachelib = sys.modules.get("cachelib")
    if cachelib is None:
        return
    sink = io.StringIO()
    with (
        redirect_stdout(sink),
        redirect_stderr(sink),
        warnings.catch_warnings(),
        suppress(Exception),  # the next block's clear, unguarded, reports it
    ):
        warnings.simplefilter("ignore")
        _clear(cachelib)


def _sources_stamp(module: ModuleType | None) -> tuple[str, int] | None:
    """Return a package's directory and the latest modification time of its sources."""
    location = getattr(module, "__file__", None)
    if location is None:
        return None
    package = Path(location).parent
    return str(package), max((p.stat().st_mtime_ns for p in package.rglob("*.py")), default=0)


def _printed_name(cls: type[BaseException]) -> str:
    """Return an exception class's name as a traceback's last line shows it."""
    if cls.__module__ in ("builtins", "__main__"):
        return cls.__qualname__
    return f"{cls.__module__}.{cls.__qualname__}"


_CAUSE = "\nThe above exception was the direct cause of the following exception:\n\n"
_CONTEXT = "\nDuring handling of the above exception, another exception occurred:\n\n"


def _format(error: BaseException, keep: Callable[[str], bool]) -> str:
    """Format an exception (and its chain) like Python, keeping only the frames `keep` accepts.

    The frames are formatted by `traceback`, the exception lines by the interpreter's own
    printer, which is what a reader sees (on 3.11, only it adds "Did you mean: ...?").
    """
    # Outermost first, each with the sentence that links it to its cause or context.
    chain: list[tuple[BaseException, str]] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen, _ in chain):
        if current.__cause__ is not None:
            chain.append((current, _CAUSE))
            current = current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            chain.append((current, _CONTEXT))
            current = current.__context__
        else:
            chain.append((current, ""))
            current = None
    parts: list[str] = []
    for exception, link in reversed(chain):
        if parts:
            parts.append(link)  # how this exception follows the one printed before it
        frames = [f for f in traceback.extract_tb(exception.__traceback__) if keep(f.filename)]
        if frames:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.StackSummary.from_list(frames).format())
        parts.append(_exception_lines(exception))
    return "".join(parts)


def _exception_lines(exception: BaseException) -> str:
    """Return the lines the interpreter prints for an exception alone (no frames, no chain)."""
    saved = (
        exception.__cause__,
        exception.__context__,
        exception.__suppress_context__,
        exception.__traceback__,
    )
    buffer = io.StringIO()
    try:
        exception.__cause__ = exception.__context__ = None
        exception.__traceback__ = None
        with redirect_stderr(buffer):
            sys.__excepthook__(type(exception), exception, None)
    except Exception:  # an exception whose printing fails: Python's module prints it then
        return "".join(traceback.format_exception_only(type(exception), exception))
    finally:
        (
            exception.__cause__,
            exception.__context__,
            exception.__suppress_context__,
            exception.__traceback__,
        ) = saved
    return buffer.getvalue()
