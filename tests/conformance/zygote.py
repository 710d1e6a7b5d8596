# Imports Streamlit once, then forks one fresh child per observation (the runner's process pool).
"""A zygote: pays for ``import streamlit`` once, then forks a child for each observation.

Importing Streamlit costs most of the CPU time of a short observation (about 0.5 s for 1.35,
0.9 s for 1.67's AppTest). The runner starts one zygote per pool worker for the Streamlit
side; each observation is then a child forked from a process that has only imported
Streamlit and the observer, and nothing else has happened in it, so every observation still
starts from the same fresh state as ``python observer.py ...`` would (own process, own
environment, working folder, arguments and standard streams), minus the import time.
cachelib's side keeps starting plain processes: it is cheap, and cachelib reads its
environment when imported.

Protocol (standard input and output, one JSON object per line)::

    request: {"argv": [...], "cwd": ..., "env": {...}, "stdout": PATH, "stderr": PATH,
              "timeout": SECONDS}
    reply:   {"returncode": N, "timed_out": BOOL}

``argv`` is the observer's command line without the interpreter (``[observer.py, ...]``).
The zygote ends at the end of its input.

Usage: ``python zygote.py --observer observer|modern_observer``, with the modules to import
first in ``CONFORMANCE_PRELOAD`` (comma-separated).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import signal
import sys
import time
import traceback
from typing import Any


def _become(request: dict[str, Any]) -> None:
    """In the forked child: take the observation's streams, environment, folder, arguments."""
    for fd, path, flags in (
        (0, os.devnull, os.O_RDONLY),
        (1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
        (2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
    ):
        opened = os.open(path, flags, 0o600)
        os.dup2(opened, fd)
        os.close(opened)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    sys.argv = list(request["argv"])


def _wait(pid: int, timeout: float) -> tuple[int, bool]:
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), False
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            return os.waitstatus_to_exitcode(status), True
        time.sleep(0.01)


def serve() -> tuple[Any, dict[str, Any]]:
    """Answer requests until the end of input (then exit); return only in a forked child."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--observer", required=True, choices=("observer", "modern_observer"))
    options = parser.parse_args()
    module = importlib.import_module(options.observer)
    for name in filter(None, os.environ.get("CONFORMANCE_PRELOAD", "").split(",")):
        importlib.import_module(name)
    replies = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            return module, request
        returncode, timed_out = _wait(pid, float(request["timeout"]))
        replies.write(json.dumps({"returncode": returncode, "timed_out": timed_out}) + "\n")
        replies.flush()
    sys.exit(0)


if __name__ == "__main__":
    # The child calls the observer from this module's top level, so that its stack is as deep
    # as in ``python observer.py`` (a recursion limit is reached at the same nesting).
    OBSERVER, REQUEST = serve()
    CODE = 1
    try:
        _become(REQUEST)
        CODE = OBSERVER.main()
    except SystemExit as stop:
        CODE = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(int(CODE or 0))
