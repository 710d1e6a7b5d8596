"""Import time: ``python -I -c "import X"`` in fresh processes, minus ``python -I -c pass``.

Each round starts one process per module, in rotating order. Two figures per module, both
medians over rounds minus the bare interpreter's: the wall time, and the CPU time (user +
system) of the child process, which other load on the machine does not inflate; the target
is checked on the CPU time. A separate process lists the heavy modules that ``import cachelib``
brought in (there must be none).
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from typing import Any

BARE = "(bare interpreter)"
MODULES = ["cachelib", "cachetools", "joblib", "streamlit"]
HEAVY = ["numpy", "pandas", "pyarrow", "streamlit", "joblib"]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(code: str) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh interpreter running ``code``."""
    cpu, start = _cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-I", "-c", code], check=True)
    return time.perf_counter() - start, _cpu() - cpu


def measure(rounds: int) -> dict[str, Any]:
    """Time the imports and check what ``import cachelib`` loads.

    Args:
        rounds: Processes per module (after one warm-up each).

    Returns:
        Per module: median wall and CPU times, and both minus the bare interpreter's; the
        heavy modules that ``import cachelib`` imported; how many modules it added.
    """
    codes = {BARE: "pass", **{name: f"import {name}" for name in MODULES}}
    for code in codes.values():
        _run(code)  # warm the file-system caches
    walls: dict[str, list[float]] = {name: [] for name in codes}
    cpus: dict[str, list[float]] = {name: [] for name in codes}
    names = list(codes)
    for index in range(rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            wall, cpu = _run(codes[name])
            walls[name].append(wall)
            cpus[name].append(cpu)
    bare_wall, bare_cpu = statistics.median(walls[BARE]), statistics.median(cpus[BARE])
    probe = (
        "import sys; before = set(sys.modules); import cachelib; "
        "added = set(sys.modules) - before; "
        f"print(len(added)); print(','.join(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-I", "-c", probe], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    return {
        "rounds": rounds,
        "bare_median_s": bare_wall,
        "bare_cpu_median_s": bare_cpu,
        "modules": {
            name: {
                "median_s": statistics.median(walls[name]),
                "over_bare_s": statistics.median(walls[name]) - bare_wall,
                "cpu_median_s": statistics.median(cpus[name]),
                "cpu_over_bare_s": statistics.median(cpus[name]) - bare_cpu,
            }
            for name in codes
        },
        "cachelib_added_modules": int(out[0]),
        "cachelib_heavy_imports": [name for name in out[1].split(",") if name],
    }
