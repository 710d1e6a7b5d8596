"""Round-robin timing: every contender takes one sample per round, so noise hits all alike.

A contender is a function ``run(n)`` that performs the measured operation ``n`` times. Fast
operations are looped inside a sample (calibrated to about ``sample_s`` per sample) and reported
per call; slow ones are sampled fewer times, within a time budget per contender. The figure
reported is the median wall time over samples; ratios are only ever taken between figures of
one run. The process's CPU time is recorded beside it: on a loaded machine the wall time also
counts the time spent waiting for a core, the CPU time does not.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

Run = Callable[[int], object]


@dataclass(frozen=True)
class Plan:
    """How hard to sample: rounds, per-sample duration and the time budget per contender."""

    rounds: int
    sample_s: float
    budget_s: float


@dataclass
class Timing:
    """One contender's samples (seconds per call) or the reason it could not run."""

    samples: list[float] = field(default_factory=list)
    cpu_samples: list[float] = field(default_factory=list)
    loops: int = 0
    error: str | None = None

    @property
    def median(self) -> float | None:
        """Median seconds per call, or None when the contender did not run."""
        return statistics.median(self.samples) if self.samples else None

    def as_json(self) -> dict[str, Any]:
        """The fields stored in the results file."""
        if self.error is not None:
            return {"status": "n/a", "reason": self.error}
        return {
            "status": "ok",
            "median_s": self.median,
            "min_s": min(self.samples),
            "max_s": max(self.samples),
            "cpu_median_s": statistics.median(self.cpu_samples),
            "samples": len(self.samples),
            "loops": self.loops,
        }


def calls(func: Callable[..., object], *args: Any) -> Run:
    """Return ``run(n)``, which calls ``func(*args)`` ``n`` times with little loop overhead."""

    def run(n: int) -> None:
        for _ in repeat(None, n):
            func(*args)

    return run


def _sample(run: Run, loops: int) -> tuple[float, float]:
    """Wall and CPU seconds per call, over ``loops`` calls."""
    cpu, start = time.process_time(), time.perf_counter()
    run(loops)
    return (time.perf_counter() - start) / loops, (time.process_time() - cpu) / loops


def _add(timing: Timing, sample: tuple[float, float]) -> None:
    timing.samples.append(sample[0])
    timing.cpu_samples.append(sample[1])


def _calibrate(run: Run, plan: Plan) -> tuple[int, float, tuple[float, float]]:
    """Warm up, then find how many calls fill a sample.

    Returns:
        The loops per sample, the estimated seconds per call, and the first call's sample.
    """
    first = _sample(run, 1)
    if first[0] >= plan.sample_s / 4:
        return 1, first[0], first
    loops = 1
    while True:
        loops *= 4
        per_call = _sample(run, loops)[0]
        if per_call * loops >= plan.sample_s / 4:
            return max(1, round(plan.sample_s / per_call)), per_call, first


def round_robin(contenders: dict[str, Run], plan: Plan, warm: bool = False) -> dict[str, Timing]:
    """Time every contender in interleaved rounds.

    Args:
        contenders: Name to ``run(n)``. A contender that raises on its first call is
            reported as n/a with the error.
        plan: Rounds, sample length and budget.
        warm: Call each contender once, untimed, right before each of its samples. For
            operations that allocate a large result: the sample then finds the memory that
            its own previous result freed, whatever the contender before it left behind.

    Returns:
        Name to timing, in the order given.
    """
    timings = {name: Timing() for name in contenders}
    quota: dict[str, int] = {}
    for name, run in contenders.items():
        try:
            loops, per_call, first = _calibrate(run, plan)
        except Exception as error:  # the contender cannot handle the case
            timings[name].error = f"{type(error).__name__}: {error}"
            continue
        timings[name].loops = loops
        if first[0] > plan.budget_s:  # too slow to repeat: the warm-up call is the one sample
            _add(timings[name], first)
            continue
        quota[name] = max(1, min(plan.rounds, math.floor(plan.budget_s / (per_call * loops))))
    names = list(quota)
    for index in range(max(quota.values(), default=0)):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:  # rotate the order every round
            if len(timings[name].samples) < quota[name]:
                gc.collect()
                if warm:
                    contenders[name](1)
                _add(timings[name], _sample(contenders[name], timings[name].loops))
    return timings
