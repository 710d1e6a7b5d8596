# Runs one modern-era case: several reruns of one script in this process, recorded as events.
"""The modern observer: reruns one app script N times in one process and records what it showed.

Usage (the runner starts it, one fresh process per case and library)::

    python modern_observer.py --lib cachelib|streamlit --runs N --out OBS.json SCRIPT

The script is already written for the library under test (the runner swapped the import
line). Apps rerun their script from the top on every interaction, in one process, keeping
the caches; that is what the modern API is built for (replay of output on hits, ``scope``,
the decorated function defined anew on each rerun, ``ttl`` between reruns), so a case is
observed the way an app runs:

* **Streamlit**: ``streamlit.testing.v1.AppTest.from_file(SCRIPT).run()``, N times on the
  same ``AppTest`` object (one session). The script is compiled by the observer instead of
  Streamlit's script cache, with its top-level ``except`` clauses instrumented (see
  ``observer.py``) and without "magic" (a bare expression is not written to the page, as in
  cachelib; it is ``runner.magicEnabled = false``). AppTest has no server ``Runtime`` and
  keeps ``cache_data`` in memory only; the observer gives it the storage manager that
  ``streamlit run`` creates (memory in front of ``~/.streamlit/cache``), so ``persist``
  behaves as in a served app.
* **cachelib**: the script is executed as ``__main__`` N times, each time in a fresh module
  (fresh globals, so every decorator runs again), in this process (caches kept).

The observation is one list of event lines, in the order they happened; ``! run k`` starts
rerun k > 1:

* what the page showed: the text of every ``st.write`` (each call is one line: its
  arguments converted with ``str`` and joined by spaces), including the elements a hit
  replays. Streamlit: each Markdown element is recorded when the script enqueues it, and
  after the run the recorded texts must equal the Markdown elements of ``AppTest``'s element
  tree, in order (else the run is a harness error). Streamlit's ``st.write`` formats other
  objects than strings as Markdown code, JSON or tables, so the observer makes it write
  what cachelib's does, one Markdown element per call (``_install_write_shim``): the values
  are compared, not their rendering. Other element kinds show as ``<kind>``; the transient
  spinner and empty placeholders are left out. cachelib: ``st.write`` prints a line;
* what the script printed on standard output, line by line. **Ordering of print and
  st.write:** both are recorded when they happen, in one timeline, so a ``print`` and an
  ``st.write`` appear in the order the script executed them, and a replayed element
  appears where the hit happened. (cachelib's ``st.write`` prints, so its timeline is its
  standard output; Streamlit's timeline joins its standard output with the enqueued
  elements.) A ``print`` inside a cached function is not replayed by either library;
  cases observe through ``st.write`` unless the case is about ``print``;
* ``! warning <Class>`` for a warning of either library or of the script: a Python warning
  (cachelib; Streamlit's own Python warnings) or, in Streamlit, a warning element
  (``st.exception`` with a ``StreamlitAPIWarning``, e.g.
  ``CachedStFunctionInBackgroundModeWarning``);
* ``! raised <Class> <facts>`` for an exception that reaches the script's top level
  (caught by a top-level ``except``, or ending the run): for the caching errors the facts
  their messages state (parameter, type, function), not their wording; for other classes
  the first paragraph of the message, on one line; ``! uncaught`` when it ended the run (the
  next rerun still happens, as in an app).

**Messages of the libraries' errors** (the one normalisation of printed text): the two
libraries word their errors differently, so a message of an exception or warning of either
library that the script turns into text (``print(error)``, ``st.write(f"{error}")``,
``str(error).splitlines()[0]``) is not compared by its wording. Every such text is recorded
when ``__str__`` produces it (see ``Messages``), and after the run each place where the
printed lines hold that whole message, its first paragraph or its first line, shows
``<message of <Class> <facts>>`` instead, with the class and facts of ``! raised`` lines.
Text that is not such a message, including Python's own exceptions, is compared verbatim.
"""

from __future__ import annotations

import argparse
import builtins
import json
import os
import re
import sys
import traceback
import types
import warnings
from pathlib import Path
from typing import Any

from observer import HOOK, MARK, Capture, Recorder, instrument  # same folder (run as a script)

RUN_TIMEOUT = 120.0
"""Seconds one rerun may take in AppTest (cases sleep for ttl; the runner has its own limit)."""

# Classes whose exported name the cases use, and where Streamlit 1.67 keeps them.
_STREAMLIT_NAMES = {
    "UnhashableParamError": "streamlit.runtime.caching.cache_errors",
    "UnserializableReturnValueError": "streamlit.runtime.caching.cache_errors",
    "CachedFunctionReturnedAwaitableError": "streamlit.runtime.caching.cache_errors",
    "CachedStFunctionInBackgroundModeWarning": "streamlit.runtime.caching.cache_errors",
    "CacheError": "streamlit.runtime.caching.cache_errors",
    "UserHashError": "streamlit.runtime.caching.hashing",
}
_FACT_ORDER = ("param", "type", "func", "cause")
# The facts of Streamlit's messages, read with patterns (the wording is Streamlit's).
_STREAMLIT_FACTS = {
    "UnhashableParamError": re.compile(
        r"argument '(?P<param>[^']*)' \(of type `(?P<type>[^`]*)`\) in '(?P<func>[^']*)'"
    ),
    "UnserializableReturnValueError": re.compile(
        r"\(of type `(?P<type>[^`]*)`\) in `(?P<func>[^`]*)\(\)`"
    ),
    "CachedFunctionReturnedAwaitableError": re.compile(
        r"^`(?P<func>[^`]*)\(\)` .* awaitable of type `(?P<type>[^`]*)`"
    ),
    "UserHashError": re.compile(
        r"decorator of `(?P<func>[^`]*)\(\)`.*an object of type `(?P<type>[^`]*)`"
    ),
}
# Attribute names under which cachelib's errors may carry the same facts.
_CACHELIB_ATTRIBUTES = {
    "param": ("param_name", "arg_name", "parameter"),
    "type": ("type_name",),
    "func": ("func_name",),
}


def _normalize(text: str) -> str:
    value = os.environ.get("CONFORMANCE_ROOT")
    if value:
        text = text.replace(os.path.realpath(value), "<tmp>").replace(value, "<tmp>")
    return text


def _first_line(text: str) -> str:
    # The first paragraph on one line: cachelib writes its messages in short lines.
    return " ".join(text.strip().split("\n\n")[0].split())


def _library_of(cls: type) -> str:
    module = getattr(cls, "__module__", "") or ""
    return module.split(".")[0] if module.startswith(("cachelib", "streamlit")) else ""


def exception_facts(exc: BaseException) -> str:
    """Describe an exception by its class and, for the caching errors, their facts."""
    name = type(exc).__name__
    library = _library_of(type(exc))
    if not library:  # Python's own classes: the message is Python's, the case's or cachelib's
        return f"{name}: {_normalize(_first_line(str(exc)))}"
    facts: dict[str, str] = {}
    if library == "streamlit" and name in _STREAMLIT_FACTS:
        found = _STREAMLIT_FACTS[name].search(" ".join(str(exc).split()))
        facts = {key: value for key, value in (found.groupdict() if found else {}).items()}
        if name == "UserHashError":
            facts["cause"] = str(getattr(exc, "alternate_name", "?"))
    elif library == "cachelib":
        for fact, names in _CACHELIB_ATTRIBUTES.items():
            for attribute in names:
                value = getattr(exc, attribute, None)
                if value is not None:
                    facts[fact] = str(value)
                    break
        if name == "UserHashError" and exc.__cause__ is not None:
            facts["cause"] = type(exc.__cause__).__name__
    described = " ".join(f"{key}={facts[key]}" for key in _FACT_ORDER if key in facts)
    return f"{name} {described}".rstrip()


def warning_facts(warning: BaseException | Warning) -> str:
    """A warning of either library by its class; another one with its message."""
    if _library_of(type(warning)):
        return type(warning).__name__
    return f"{type(warning).__name__}: {_normalize(_first_line(str(warning)))}"


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


class Raised:
    """Reports each exception that reaches the script's top level once."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self.seen: list[BaseException] = []

    def report(self, error: BaseException, *, uncaught: bool) -> None:
        if not any(error is old for old in self.seen):
            self.seen.append(error)
            self.recorder.line(f"{MARK}raised {exception_facts(error)}")
        if uncaught:
            self.recorder.line(f"{MARK}uncaught")

    def hook(self) -> None:
        """Called first thing in every top-level ``except`` clause of the script."""
        error = sys.exc_info()[1]
        if error is not None:
            self.report(error, uncaught=False)


class Messages:
    """The messages of the libraries' exceptions and warnings that the script turned into text.

    ``install`` wraps ``__str__`` of every exception or warning class that either library has
    defined so far (the library is imported before the script runs); ``mask`` replaces those
    messages in the recorded lines by ``<message of <Class> <facts>>``.
    """

    def __init__(self) -> None:
        self.texts: dict[str, BaseException] = {}
        self.recording = True

    def install(self) -> None:
        """Record the text of every library exception or warning when it is produced."""
        found: list[type] = []
        pending: list[type] = [BaseException]
        while pending:
            cls = pending.pop()
            pending.extend(cls.__subclasses__())
            if _library_of(cls) and cls not in found:
                found.append(cls)
        for cls in found:
            cls.__str__ = self._wrap(cls.__str__)  # type: ignore[method-assign]

    def _wrap(self, original: Any) -> Any:
        messages = self

        def __str__(error: BaseException) -> str:
            text: str = original(error)
            lines = [line.rstrip() for line in text.strip().splitlines()]
            if messages.recording and lines:
                messages.texts.setdefault("\n".join(lines), error)
                paragraph = "\n".join(lines).split("\n\n")[0]  # cachelib's: short lines
                messages.texts.setdefault(paragraph, error)
                messages.texts.setdefault(lines[0].strip(), error)
            return text

        return __str__

    def mask(self, events: list[str]) -> list[str]:
        """The events, each recorded message (whole, first paragraph, first line) replaced."""
        self.recording = False  # reading the facts formats the messages again
        text = "\n".join(events)
        for message in sorted(self.texts, key=len, reverse=True):
            label = f"<message of {exception_facts(self.texts[message])}>"
            text = text.replace(message, label)
        return text.split("\n") if events else events


def compile_script(path: str) -> types.CodeType:
    """The script compiled as Streamlit compiles it (no inherited flags), instrumented."""
    source = Path(path).read_text(encoding="utf-8")
    return compile(instrument(source, path), path, "exec", flags=0, dont_inherit=True)


# --- cachelib ---------------------------------------------------------------------------------


def run_cachelib(
    script: str, runs: int, recorder: Recorder, raised: Raised, messages: Messages
) -> None:
    """Execute the script as ``__main__`` ``runs`` times in this process."""
    import cachelib  # noqa: F401  (its classes exist before the script runs: see Messages)

    messages.install()
    code = compile_script(script)
    sys.path[0] = os.path.dirname(script)
    sys.argv = [script]
    for run in range(1, runs + 1):
        if run > 1:
            recorder.line(f"{MARK}run {run}")
        main = types.ModuleType("__main__")
        main.__file__ = script
        main.__dict__["__builtins__"] = builtins
        sys.modules["__main__"] = main
        try:
            exec(code, main.__dict__)
        except Exception as error:
            raised.report(error, uncaught=True)
            traceback.print_exception(error, file=sys.stderr)


# --- Streamlit --------------------------------------------------------------------------------


def _install_streamlit_names() -> None:
    import importlib

    import streamlit

    for name, module in _STREAMLIT_NAMES.items():
        if not hasattr(streamlit, name):
            setattr(streamlit, name, getattr(importlib.import_module(module), name))


_KEEP = "\u2063"
"""An invisible separator (not whitespace) that starts the shim's Markdown; removed when read."""


def _install_write_shim() -> None:
    """``st.write(*args)`` shows one Markdown element: ``str`` of each argument, spaces between.

    That is the line cachelib's ``st.write`` prints. Streamlit's own ``st.write`` renders by
    type (a number as code, a list as a JSON element, an exception as an exception element),
    which would compare renderings instead of values. The element goes through Streamlit's
    ``st.markdown``, so a cached function records it and a hit replays it as any element.
    """
    import streamlit

    def write(*args: Any, unsafe_allow_html: bool = False) -> None:
        # st.markdown dedents and strips its body: the mark keeps the line's leading spaces.
        streamlit.markdown(_KEEP + " ".join(str(arg) for arg in args))

    streamlit.write = write


def _element_line(msg: Any) -> tuple[str, str] | None:
    """(kind, event line) for an element delta that shows something, else None."""
    if msg.WhichOneof("type") != "delta" or msg.delta.WhichOneof("type") != "new_element":
        return None
    element = msg.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "markdown":
        return kind, element.markdown.body.removeprefix(_KEEP)
    if kind == "exception":
        if element.exception.is_warning:
            return kind, f"{MARK}warning {element.exception.type.rsplit('.', 1)[-1]}"
        return None  # an uncaught exception: reported from the script runner's handler
    if kind in ("spinner", "empty"):
        return None
    return kind, f"<{kind}>"


def run_streamlit(
    script: str, runs: int, recorder: Recorder, raised: Raised, messages: Messages
) -> list[str]:
    """Run the script ``runs`` times on one AppTest; return the harness problems found."""
    from streamlit.runtime.scriptrunner import exec_code
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext
    from streamlit.testing.v1 import AppTest, app_test
    from streamlit.web.cache_storage_manager_config import create_default_cache_storage_manager

    _install_streamlit_names()
    _install_write_shim()
    messages.install()
    code = compile_script(script)
    ScriptCache.get_bytecode = lambda self, path: code  # type: ignore[method-assign]
    app_test.MemoryCacheStorageManager = create_default_cache_storage_manager  # type: ignore[attr-defined,assignment]

    shown: list[str] = []
    original_enqueue = ScriptRunContext.enqueue

    def enqueue(self: Any, msg: Any) -> None:
        found = _element_line(msg)
        if found is not None:
            kind, line = found
            if kind == "markdown":
                shown.append(line)
            recorder.line(line)
        original_enqueue(self, msg)

    ScriptRunContext.enqueue = enqueue  # type: ignore[method-assign]
    original_handler = exec_code.handle_user_script_exception

    def handler(error: Exception, on_script_error: Any) -> None:
        raised.report(error, uncaught=True)
        original_handler(error, on_script_error)

    exec_code.handle_user_script_exception = handler  # type: ignore[assignment]

    problems = []
    app = AppTest.from_file(script, default_timeout=RUN_TIMEOUT)
    for run in range(1, runs + 1):
        if run > 1:
            recorder.line(f"{MARK}run {run}")
        shown.clear()
        app.run()
        tree = [element.value.removeprefix(_KEEP) for element in app.markdown]
        if tree != shown:
            problems.append(f"run {run}: element tree {tree!r} but enqueued {shown!r}")
    return problems


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib", choices=("cachelib", "streamlit"), required=True)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--out", required=True)
    parser.add_argument("script")
    options = parser.parse_args()
    script = os.path.abspath(options.script)
    recorder = Recorder()
    raised = Raised(recorder)
    builtins.__dict__[HOOK] = raised.hook
    real_stdout = sys.stdout
    sys.stdout = Capture(recorder, real_stdout)
    install_warning_hook(recorder, script)
    messages = Messages()
    status, problems = "ok", []
    try:
        if options.lib == "streamlit":
            problems = run_streamlit(script, options.runs, recorder, raised, messages)
        else:
            run_cachelib(script, options.runs, recorder, raised, messages)
    except BaseException as error:  # the observer itself failed
        status = "harness-error"
        problems.append(f"{type(error).__name__}: {error}")
        traceback.print_exception(error, file=sys.stderr)
    finally:
        recorder.flush()
        sys.stdout = real_stdout
    if problems:
        status = "harness-error"
        print("\n".join(problems), file=sys.stderr)
    with open(options.out, "w", encoding="utf-8") as handle:
        json.dump({"status": status, "events": messages.mask(recorder.events)}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
