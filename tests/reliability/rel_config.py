"""Budgets of the reliability tests, and the one way they start child processes.

`CACHELIB_RELIABILITY=long` (the `reliability` nox session) raises every count; the default
budgets keep `pytest tests/reliability` near a minute on two cores while still exercising
every property. Each child process runs `rel_workers.main` through `python -c`, in the
parent's working directory and environment, so that it computes the same function keys as
the test process; a child that hangs is killed and fails the test, and a child killed by a
signal (a crash of the interpreter) fails it with the signal's name.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MODE = "long" if os.environ.get("CACHELIB_RELIABILITY", "").strip().lower() == "long" else "default"
LONG = MODE == "long"
FUZZ_EXAMPLES = {"default": 150, "long": 4_000}
"""Examples per property-based test, by mode (the Hypothesis profiles below)."""


@dataclass(frozen=True)
class Budget:
    """How much each property is exercised."""

    threads: int
    calls_per_thread: int
    thread_rounds: int  # how many times the chaos scenario is repeated
    writers: int
    readers: int
    writer_rounds: int
    kills: int
    kill_payload: int  # bytes of the entry being written when the process is killed
    fuzz_examples: int
    fuzz_peer_examples: int
    case_timeout: float  # seconds one hostile-input case may take


BUDGET = (
    Budget(
        threads=16,
        calls_per_thread=10_000,
        thread_rounds=3,
        writers=4,
        readers=2,
        writer_rounds=12,
        kills=150,
        kill_payload=4 << 20,
        fuzz_examples=FUZZ_EXAMPLES["long"],
        fuzz_peer_examples=1_500,
        case_timeout=60.0,
    )
    if LONG
    else Budget(
        threads=16,
        calls_per_thread=1_000,
        thread_rounds=1,
        writers=2,
        readers=1,
        writer_rounds=3,
        kills=24,
        kill_payload=4 << 20,
        fuzz_examples=FUZZ_EXAMPLES["default"],
        fuzz_peer_examples=80,
        case_timeout=25.0,
    )
)

_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
for _mode, _examples in FUZZ_EXAMPLES.items():
    settings.register_profile(
        f"cachelib-reliability-{_mode}",
        max_examples=_examples,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=_HEALTH,
    )
PROFILE = f"cachelib-reliability-{MODE}"
"""The Hypothesis settings profile of this run (chosen by `CACHELIB_RELIABILITY`)."""

_LAUNCH = (
    "import sys; sys.path.insert(0, {here!r}); import rel_workers; "
    "sys.exit(rel_workers.main(sys.argv[1:]))"
)


def child_command(*args: str) -> list[str]:
    """The command line that runs `rel_workers.main(args)` in a fresh interpreter."""
    return [sys.executable, "-c", _LAUNCH.format(here=str(HERE)), *args]


def child_env(**extra: str) -> dict[str, str]:
    """The parent's environment (cache folder included) plus `extra`."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONWARNINGS"}
    env["PYTHONFAULTHANDLER"] = "1"
    env.update(extra)
    return env


def signal_name(returncode: int) -> str:
    """Name the signal behind a negative return code."""
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def describe_exit(returncode: int) -> str:
    """Say how a child ended, for failure messages."""
    if returncode < 0:
        return f"killed by {signal_name(returncode)} (the interpreter crashed)"
    return f"exit status {returncode}"


def run_child(
    *args: str,
    timeout: float,
    what: str,
    env: dict[str, str] | None = None,
    preexec_fn: Any = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a child to completion; fail loudly on a hang (then killed) or a crash."""
    process = subprocess.Popen(
        child_command(*args),
        cwd=os.getcwd(),
        env=env if env is not None else child_env(),
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=preexec_fn,
    )
    try:
        out, err = process.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(process)
        out, err = process.communicate()
        pytest.fail(
            f"{what}: HANG, still running after {timeout:.0f} s (killed).\n"
            f"stdout:\n{out[-2000:]}\nstderr (last lines):\n{err[-4000:]}",
            pytrace=False,
        )
    result = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    if result.returncode < 0:
        pytest.fail(
            f"{what}: {describe_exit(result.returncode)}.\nstdout:\n{out[-2000:]}\n"
            f"stderr (last lines):\n{err[-4000:]}",
            pytrace=False,
        )
    return result


def kill_group(process: subprocess.Popen[Any]) -> None:
    """SIGKILL a child started with `start_new_session=True`, and everything it started."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def last_json(text: str) -> dict[str, Any]:
    """The last line of a child's standard output that is a JSON object."""
    for line in reversed(text.splitlines()):
        if line.startswith("{"):
            value: dict[str, Any] = json.loads(line)
            return value
    raise AssertionError(f"the child printed no JSON result; its output was:\n{text[-2000:]}")
