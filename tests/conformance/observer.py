# Runs one app script in this (fresh) process and records what it did, as comparable events.
"""The observer: runs one case or snippet as ``__main__`` and writes its observation as JSON.

Usage (the runner starts it, one fresh process per run)::

    python observer.py --lib cachelib|streamlit --out OBS.json [--mode file|c|stdin] SCRIPT

The script is already written for the library under test (the runner swapped the import
line). The observation is a list of event lines, in the order they happened:

* every line the script wrote to standard output, verbatim (``st.write`` prints, in both
  libraries: see the Streamlit shims below);
* ``! warning <Class> ...`` for a mutation warning (cachelib: a Python warning;
  Streamlit: a record of the ``streamlit.error_util`` logger whose ``exc_info[1]`` is the
  warning) and for the other warnings of either library or of the script itself;
* ``! raised <Class> <facts>`` for every exception that reaches the script's top-level code
  (caught by a top-level ``except`` clause, or ending the script), with the facts its
  message states (the offending type, the cached function, where the object was found),
  not the message's wording;
* ``! uncaught`` if the script ended with an exception, ``! exit <code>`` on ``SystemExit``.

Streamlit shims (bare mode has no app to write to): ``st.write`` prints its arguments like
``cachelib.write``; ``st.clear_cache`` is ``streamlit.runtime.legacy_caching.clear_cache``;
the legacy error and warning classes are reachable under the names cachelib exports.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import logging
import os
import re
import sys
import threading
import types
import warnings
from typing import Any

MARK = "! "
HOOK = "__conformance_observe__"
_HASH_ERRORS = frozenset({"UnhashableTypeError", "InternalHashError", "UserHashError"})
_WHERE = {
    "the arguments of": "arguments",
    "the body of": "body",
    "the return value of": "return value",
}


class Recorder:
    """The ordered events of one run (thread-safe)."""

    def __init__(self) -> None:
        self.events: list[str] = []
        self.lock = threading.RLock()
        self.partial = ""

    def line(self, text: str) -> None:
        with self.lock:
            self.flush()
            self.events.append(text)

    def write(self, text: str) -> None:
        with self.lock:
            self.partial += text
            *complete, self.partial = self.partial.split("\n")
            self.events.extend(line.rstrip() for line in complete)

    def flush(self) -> None:
        with self.lock:
            if self.partial:
                self.events.append(self.partial.rstrip())
                self.partial = ""


class Capture(io.TextIOBase):
    """Standard output: recorded line by line, and copied to the real stream."""

    def __init__(self, recorder: Recorder, real: Any) -> None:
        self._recorder = recorder
        self._real = real

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._recorder.write(text)
        self._real.write(text)
        return len(text)

    def flush(self) -> None:
        self._real.flush()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"


def _one_line(text: str) -> str:
    # The first paragraph on one line: cachelib writes its messages in short lines.
    return " ".join(text.strip().split("\n\n")[0].split())


def _normalize_text(text: str) -> str:
    for variable, label in (("CONFORMANCE_ROOT", "<tmp>"),):
        value = os.environ.get(variable)
        if value:
            text = text.replace(os.path.realpath(value), label).replace(value, label)
    return text


def _streamlit_hash_facts(name: str, message: str) -> dict[str, str]:
    flat = " ".join(message.split())
    facts: dict[str, str] = {}
    if name == "UserHashError":
        body = re.search(r"while caching the body of `([^`]*)\(\)`", flat)
        if body:
            facts.update(func=body.group(1), where="body")
        else:
            func = re.search(r"decorator of `([^`]*)\(\)`", flat)
            kind = re.search(r"failed when hashing an object of type `([^`]*)`", flat)
            facts.update(func=func.group(1) if func else "?", type=kind.group(1) if kind else "?")
        return facts
    caching = re.search(
        r"While caching (the arguments of|the body of|the return value of) "
        r"(?:`([^`]*)\(\)`|(a function|something))",
        flat,
    )
    kind = re.search(r"an object of type `([^`]*)`", flat)
    facts["type"] = kind.group(1) if kind else "?"
    if caching:
        facts["func"] = caching.group(2) or caching.group(3)
        facts["where"] = _WHERE[caching.group(1)]
    return facts


def exception_facts(exc: BaseException) -> str:
    """Describe an exception by its class and the facts its message states."""
    name = type(exc).__name__
    module = type(exc).__module__ or ""
    if name in _HASH_ERRORS and (module.startswith(("cachelib", "streamlit"))):
        if module.startswith("cachelib"):
            facts = {"func": str(exc.func_name)}  # type: ignore[attr-defined]
            where = str(exc.where)  # type: ignore[attr-defined]
            if name == "UserHashError" and "The hash function `" not in str(exc):
                facts["where"] = "body"
            elif name == "UserHashError":
                facts["type"] = str(exc.type_name)  # type: ignore[attr-defined]
            else:
                facts.update(type=str(exc.type_name), where=where)  # type: ignore[attr-defined]
            cause = type(exc.__cause__).__name__ if exc.__cause__ is not None else None
        else:
            facts = _streamlit_hash_facts(name, str(exc))
            cause = getattr(exc, "alternate_name", None)
        if name == "UserHashError":
            facts["cause"] = str(cause)
        order = ("type", "func", "where", "cause")
        described = " ".join(f"{key}={facts[key]}" for key in order if key in facts)
        return f"{name} {described}"
    return f"{name}: {_normalize_text(_one_line(str(exc)))}"


def warning_facts(warning: BaseException | Warning) -> str:
    """Describe a warning: its class, and for a mutation warning the function it names."""
    name = type(warning).__name__
    if name == "CachedObjectMutationWarning":
        func = getattr(warning, "func_name", None)
        if func is None:
            found = re.search(
                r"Return value of (?:`([^`]*)\(\)`|(a cached function))", str(warning)
            )
            func = (found.group(1) or found.group(2)) if found else "?"
        return f"{name} func={func}"
    if type(warning).__module__.startswith(("cachelib", "streamlit")):
        return name
    return f"{name}: {_normalize_text(_one_line(str(warning)))}"


class _MutationLogHandler(logging.Handler):
    """Streamlit reports the mutation warning through the logger ``streamlit.error_util``."""

    def __init__(self, recorder: Recorder) -> None:
        super().__init__(logging.DEBUG)
        self._recorder = recorder

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self._recorder.line(f"{MARK}warning {warning_facts(record.exc_info[1])}")


def install_streamlit_shims(recorder: Recorder) -> None:
    """Make bare-mode Streamlit observable under the names the cases use."""
    import streamlit
    from streamlit.runtime import legacy_caching
    from streamlit.runtime.legacy_caching import caching, hashing

    def write(*args: object, **_: object) -> None:
        sys.stdout.write(" ".join(str(arg) for arg in args) + "\n")

    write.__module__ = "streamlit"
    streamlit.write = write  # type: ignore[assignment]
    names = {
        "clear_cache": legacy_caching.clear_cache,
        "UnhashableTypeError": hashing.UnhashableTypeError,
        "UserHashError": hashing.UserHashError,
        "InternalHashError": hashing.InternalHashError,
        "CachedObjectMutationWarning": caching.CachedObjectMutationWarning,
        "CacheError": caching.CacheError,
    }
    for name, value in names.items():
        if not hasattr(streamlit, name):
            setattr(streamlit, name, value)
    logging.getLogger("streamlit.error_util").addHandler(_MutationLogHandler(recorder))


def install_warning_hook(recorder: Recorder, script: str) -> None:
    """Record the warnings of either library and of the script; ignore third-party noise."""
    original = warnings.showwarning

    def show(message: Any, category: Any, filename: str, lineno: int, *rest: Any) -> None:
        module = getattr(category, "__module__", "") or ""
        if module.startswith(("cachelib", "streamlit")) or filename == script:
            recorder.line(f"{MARK}warning {warning_facts(message)}")
        else:
            original(message, category, filename, lineno, *rest)

    warnings.simplefilter("always")
    warnings.showwarning = show


class _Handlers(ast.NodeTransformer):
    """Make every top-level ``except`` clause report the exception it caught.

    Only the script's own top-level code is changed (function and class bodies are left
    as they are, so their code objects, and the keys computed from them, do not change);
    the inserted call takes the line number of its ``except`` clause, so no line moves.
    """

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return node

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        return node

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        return node

    def visit_Lambda(self, node: ast.Lambda) -> ast.AST:
        return node

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.AST:
        self.generic_visit(node)
        call = ast.Expr(ast.Call(ast.Name(HOOK, ast.Load()), [], []))
        node.body.insert(0, ast.copy_location(call, node))
        return node


def instrument(source: str, filename: str) -> ast.Module:
    """Parse the script and instrument its top-level ``except`` clauses."""
    tree = _Handlers().visit(ast.parse(source, filename))
    return ast.fix_missing_locations(tree)


def run(script: str, lib: str, mode: str, recorder: Recorder) -> None:
    """Run the script as ``__main__`` and record what reaches its top level."""
    with open(script, encoding="utf-8") as handle:
        source = handle.read()
    if mode == "c":  # python -c: no __file__, code compiled from a string
        filename, file_attr, argv0, path0 = "<string>", None, "-c", ""
    elif mode == "stdin":  # python -
        filename, file_attr, argv0, path0 = "<stdin>", "<stdin>", "-", ""
    else:
        filename = file_attr = argv0 = os.path.abspath(script)
        path0 = os.path.dirname(filename)
    if lib == "streamlit":
        install_streamlit_shims(recorder)
    install_warning_hook(recorder, filename)
    code = compile(instrument(source, filename), filename, "exec")
    main = types.ModuleType("__main__")
    main.__dict__["__builtins__"] = __builtins__
    if file_attr is not None:
        main.__file__ = file_attr
    sys.modules["__main__"] = main
    sys.argv = [argv0]
    sys.path[0] = path0
    seen: list[BaseException] = []

    def observe_caught() -> None:
        error = sys.exc_info()[1]
        if error is not None and not any(error is old for old in seen):
            seen.append(error)
            recorder.line(f"{MARK}raised {exception_facts(error)}")

    main.__dict__[HOOK] = observe_caught
    try:
        exec(code, main.__dict__)
    except BaseException as error:
        if not isinstance(error, SystemExit) and not any(error is old for old in seen):
            recorder.line(f"{MARK}raised {exception_facts(error)}")
        raise


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib", choices=("cachelib", "streamlit"), required=True)
    parser.add_argument("--mode", choices=("file", "c", "stdin"), default="file")
    parser.add_argument("--out", required=True)
    parser.add_argument("script")
    options = parser.parse_args()
    recorder = Recorder()
    real_stdout = sys.stdout
    sys.stdout = Capture(recorder, real_stdout)
    status = "ok"
    try:
        run(options.script, options.lib, options.mode, recorder)
    except SystemExit as stop:
        status = "exit"
        recorder.line(f"{MARK}exit {stop.code}")
    except BaseException as error:  # the script's own error: it is the observation
        status = "uncaught"
        recorder.line(f"{MARK}uncaught")
        import traceback

        traceback.print_exception(error, file=sys.stderr)
    finally:
        recorder.flush()
        sys.stdout = real_stdout
    with open(options.out, "w", encoding="utf-8") as handle:
        json.dump({"status": status, "events": recorder.events}, handle)
    real_stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
