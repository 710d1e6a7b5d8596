"""Persistence faults that need a process of their own (a file-size limit, fewer privileges).

`run(kind, [folder_probe, key, key, ...])` calls `rel_workers.blob(key, SIZE)` for each key
and reports, per call, whether the function ran, whether the value was whole, and the
warnings it emitted; and whether the fault was really in effect (a root process ignores
file modes unless its capabilities were dropped, see `test_rel_persistence`).
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import warnings
from typing import Any

import rel_workers

SIZE = 1 << 20
FILE_SIZE_LIMIT = 64 << 10


def _can_create_in(folder: str) -> str:
    probe = os.path.join(folder, ".probe")
    try:
        with open(probe, "wb") as handle:
            handle.write(b"x" * (SIZE + 1))  # as large as an entry
    except OSError as error:
        return errno.errorcode.get(error.errno or 0, str(error))
    os.unlink(probe)
    return "ok"


def run(kind: str, args: list[str]) -> dict[str, Any]:
    folder, *keys = args
    if kind == "file-size-limit":
        # Writes beyond the limit fail with EFBIG, as they fail with ENOSPC on a full disk.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        _, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, hard))
    report: dict[str, Any] = {"probe": _can_create_in(folder), "calls": []}
    for key in map(int, keys):
        before = rel_workers.RUNS.count("blob")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = rel_workers.blob(key, SIZE)
        report["calls"].append(
            {
                "key": key,
                "ran": rel_workers.RUNS.count("blob") != before,
                "whole": value == rel_workers.make_blob(key, SIZE),
                "warnings": [(w.category.__name__, str(w.message)) for w in caught],
            }
        )
    report["files"] = sorted(os.listdir(folder)) if os.path.isdir(folder) else None
    return report
