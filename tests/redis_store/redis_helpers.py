"""Helpers of the shared-store tests: worker processes (a module name no other folder uses)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WORKLOAD = HERE / "redis_workload.py"
SECRET = "s" * 24 + "-test-secret-of-40-chars"


def worker_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["CACHELIB_SECRET"] = SECRET
    env.update(extra)
    return env


def start_worker(*args: str, cwd: Path, **env: str) -> subprocess.Popen[str]:
    """Start `redis_workload.py` with `args` (see its docstring)."""
    return subprocess.Popen(
        [sys.executable, "-W", "always", str(WORKLOAD), *args],
        cwd=cwd,
        env=worker_env(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], timeout: float = 120) -> tuple[str, str]:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, f"worker exited {process.returncode}:\n{err}"
    return out, err


def runs(path: Path) -> list[str]:
    """The keys computed, one line per run of the function, as the workers logged them."""
    if not path.exists():
        return []
    return [line.split()[1] for line in path.read_text().splitlines() if line.strip()]
