"""The memory-read limit: how fast one core can read a buffer too large for any cache.

``np.max`` over a 1 GB uint64 buffer, on one thread (NumPy reductions do not use threads).
Exact hashing must read every byte once, so a key of ``B`` bytes cannot take less than
``B / bandwidth`` on one core. The probe runs as an extra contender in the rounds of every
case, so each case's "× read time" uses a bandwidth measured in the same rounds, under the
same load; it is also measured alone at the start of the run.
"""

from __future__ import annotations

from typing import Any

from .timer import Plan, Run, Timing, calls, round_robin

NAME = "read scan (np.max, 1 thread)"
PAYLOAD_SCAN = "read scan of the value itself (np.max, 1 thread)"


def read_scan(buffer: Any) -> object:
    """Read every byte of a NumPy array once (as unsigned integers, no NaN handling)."""
    import numpy as np

    flat = buffer.reshape(-1)
    if flat.dtype.itemsize == 8 and flat.dtype.kind in "fiu":
        flat = flat.view(np.uint64)
    return flat.max()


class Probe:
    """A faulted-in buffer of ``nbytes``, kept for the whole run."""

    def __init__(self, nbytes: int) -> None:
        import numpy as np

        self.nbytes = nbytes
        self.buffer = np.ones(nbytes // 8, dtype=np.uint64)  # written once: every page mapped

    def close(self) -> None:
        """Free the buffer."""
        self.buffer = None

    def contender(self) -> Run:
        """The probe as a contender of a case's rounds."""
        return calls(read_scan, self.buffer)

    def result(self, timing: Timing) -> dict[str, Any]:
        """The probe's figures in one case: timing and bandwidth (bytes per second)."""
        median = timing.median
        assert median is not None, timing.error
        figures = timing.as_json()
        return {
            "bytes": self.nbytes,
            **figures,
            "bytes_per_s": self.nbytes / median,
            "cpu_bytes_per_s": self.nbytes / figures["cpu_median_s"],
        }

    def measure(self, plan: Plan) -> dict[str, Any]:
        """Measure the probe alone."""
        return {"method": NAME, **self.result(round_robin({NAME: self.contender()}, plan)[NAME])}
