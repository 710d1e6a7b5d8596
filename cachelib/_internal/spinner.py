# Shows progress on standard error for misses that take more than half a second.
"""The spinner of ``show_spinner``.

One shared watcher thread (started on the first miss, not one per call) prints the
spinner's text, such as ``Running `name(...)`.``, to standard error once a miss has run
for half a second, and, when asked, how long it took when it ends. Hits never show
anything. Where no thread can be started (Pyodide in the reader's browser), there is no
spinner at all: a cached call never fails for want of one.
"""

from __future__ import annotations

import sys
import threading
import time

DELAY = 0.5
"""Seconds a miss runs before the spinner shows."""


class _Task:
    __slots__ = ("done", "shown", "started", "text")

    def __init__(self, text: str, done: str | None) -> None:
        self.text = text
        self.done = done
        self.started = time.monotonic()
        self.shown = False


class _Watcher:
    def __init__(self) -> None:
        self._tasks: list[_Task] = []
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def start(self, text: str, done: str | None) -> _Task | None:
        task = _Task(text, done)
        with self._changed:
            if self._thread is None:
                thread = threading.Thread(target=self._run, name="cachelib-spinner", daemon=True)
                try:
                    thread.start()
                except RuntimeError:  # no threads here (Pyodide): no spinner
                    return None
                self._thread = thread
            self._tasks.append(task)
            self._changed.notify()
        return task

    def finish(self, task: _Task) -> None:
        with self._changed:
            self._tasks.remove(task)
            shown = task.shown
        if shown and task.done is not None:
            elapsed = time.monotonic() - task.started
            _emit(f"{task.done} in {elapsed:.1f} s.")

    def _run(self) -> None:
        while True:
            with self._changed:
                now = time.monotonic()
                due = [t for t in self._tasks if not t.shown and now - t.started >= DELAY]
                for task in due:
                    task.shown = True
                waiting = [t.started + DELAY - now for t in self._tasks if not t.shown]
                if not due:
                    self._changed.wait(min(waiting) if waiting else None)
            for task in due:
                _emit(task.text)


def _emit(text: str) -> None:
    stream = sys.stderr
    if stream is not None:
        try:
            stream.write(text + "\n")
            stream.flush()
        except (OSError, ValueError):  # a closed or broken stream must not break the cache
            pass


_watcher = _Watcher()


def start(text: str, done: str | None = None) -> object | None:
    """Register a miss that has just started.

    Args:
        text: What to show once the miss has run for `DELAY` seconds, such as
            ``"Running `load_data(...)`."``.
        done: What to show, followed by the time taken, when a shown miss ends (such as
            ``"Finished `load_data(...)`"``), or None for nothing.

    Returns:
        A token for `finish()`, or None where no spinner can run.
    """
    return _watcher.start(text, done)


def finish(token: object | None) -> None:
    """Register that a miss has ended.

    Args:
        token: The token from `start()`.
    """
    if token is not None:
        assert isinstance(token, _Task)
        _watcher.finish(token)
