# Shows progress on standard error for misses that take more than half a second.
"""The spinner of ``show_spinner``.

One shared watcher thread (started on the first long miss, not one per call) prints
``Running `name(...)`.`` to standard error once a miss has run for half a second, and
how long it took when it ends. Hits never show anything.
"""

from __future__ import annotations

import sys
import threading
import time

DELAY = 0.5
"""Seconds a miss runs before the spinner shows."""


class _Task:
    __slots__ = ("label", "shown", "started")

    def __init__(self, label: str) -> None:
        self.label = label
        self.started = time.monotonic()
        self.shown = False


class _Watcher:
    def __init__(self) -> None:
        self._tasks: list[_Task] = []
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None

    def start(self, label: str) -> _Task:
        task = _Task(label)
        with self._changed:
            self._tasks.append(task)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="cachelib-spinner", daemon=True
                )
                self._thread.start()
            self._changed.notify()
        return task

    def finish(self, task: _Task) -> None:
        with self._changed:
            self._tasks.remove(task)
            shown = task.shown
        if shown:
            elapsed = time.monotonic() - task.started
            _emit(f"Finished {task.label} in {elapsed:.1f} s.")

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
                _emit(f"Running {task.label}.")


def _emit(text: str) -> None:
    stream = sys.stderr
    if stream is not None:
        try:
            stream.write(text + "\n")
            stream.flush()
        except (OSError, ValueError):  # a closed or broken stream must not break the cache
            pass


_watcher = _Watcher()


def start(label: str) -> object:
    """Register a miss that has just started.

    Args:
        label: How to name the call, such as ``"`load_data(...)`"``.

    Returns:
        A token for `finish()`.
    """
    return _watcher.start(label)


def finish(token: object) -> None:
    """Register that a miss has ended.

    Args:
        token: The token from `start()`.
    """
    assert isinstance(token, _Task)
    _watcher.finish(token)
