"""A replica of an app for the multi-process tests: one cached function over a shared store.

    python redis_workload.py --url URL --runs FILE --keys a,b [--sleep S] [--go FILE]
        [--lock-ttl S] [--ttl S] [--max-entries N] [--repeat N] [--stall]

Each run of the function appends "<pid> <key>" to FILE (O_APPEND: whole lines). With
--go, waits for that file to exist before calling (a start line for every worker). With
--stall, the function never returns (the test kills the process). Prints one line per
call: "<key> <value> <seconds>", then "done: <time.time()>" and "warnings: N" with the
CachePersistenceWarnings. With --ready FOLDER, touches FOLDER/<pid> once imports are done.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings

parser = argparse.ArgumentParser()
parser.add_argument("--url", required=True)
parser.add_argument("--runs", required=True)
parser.add_argument("--keys", required=True)
parser.add_argument("--sleep", type=float, default=0.0)
parser.add_argument("--go")
parser.add_argument("--ready", help="a folder: touch <pid> there once ready to start")
parser.add_argument("--lock-ttl", type=float)
parser.add_argument("--ttl", type=float)
parser.add_argument("--max-entries", type=int)
parser.add_argument("--repeat", type=int, default=1)
parser.add_argument("--stall", action="store_true")
options = parser.parse_args()

import cachelib as st  # noqa: E402
from cachelib._internal.backends import redis as backend  # noqa: E402

if options.lock_ttl is not None:
    backend.LOCK_TTL = options.lock_ttl


@st.cache_data(persist=options.url, ttl=options.ttl, max_entries=options.max_entries)
def compute(key: str) -> str:
    fd = os.open(options.runs, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, f"{os.getpid()} {key}\n".encode())
    finally:
        os.close(fd)
    if options.stall:
        time.sleep(3600)
    time.sleep(options.sleep)
    return f"value-of-{key}"


def main() -> None:
    import redis  # noqa: F401

    import cachelib._internal.backends.redis  # noqa: F401  (imported before timing)

    if options.ready:
        open(os.path.join(options.ready, str(os.getpid())), "w").close()
    if options.go:
        while not os.path.exists(options.go):
            time.sleep(0.001)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for _ in range(options.repeat):
            for key in options.keys.split(","):
                started = time.perf_counter()
                value = compute(key)
                print(key, value, f"{time.perf_counter() - started:.3f}", flush=True)
    persistence = [w for w in caught if issubclass(w.category, st.CachePersistenceWarning)]
    for w in persistence:
        print("warning:", str(w.message).splitlines()[0], file=sys.stderr)
    print(f"done: {time.time():.6f}", flush=True)
    print(f"warnings: {len(persistence)}", flush=True)


main()
