"""Run the benchmarks and write the results and the Performance page.

Usage (from the repository root, in the bench environment: ``nox -s bench``)::

    python -m tests.benchmarks            # full run: docs/performance-results.json + page
    python -m tests.benchmarks --quick    # CI: smaller sizes, every case, into build/benchmarks
    python -m tests.benchmarks --report-only   # regenerate the page from the JSON

``BENCH_QUICK=1`` in the environment is the same as ``--quick``. The modern API's cases run
in a second environment, with Streamlit 1.67 (``nox -s bench`` creates it): its interpreter is
``--modern-python``, by default ``$BENCH_MODERN_PYTHON``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from . import report
from .environment import ROOT
from .run import FULL, QUICK, measure

MODERN_PYTHON = "BENCH_MODERN_PYTHON"


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run, write; exit status 1 if a contender gave a wrong answer."""
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="CI mode: small sizes, few rounds")
    parser.add_argument(
        "--out", type=Path, help="output folder (default: docs/, quick: build/benchmarks/)"
    )
    parser.add_argument("--report-only", action="store_true", help="only regenerate the page")
    parser.add_argument(
        "--modern-python",
        default=os.environ.get(MODERN_PYTHON),
        help=f"interpreter with Streamlit 1.67 and cachelib (default: ${MODERN_PYTHON})",
    )
    args = parser.parse_args(argv)
    quick = args.quick or os.environ.get("BENCH_QUICK", "") not in ("", "0")
    out = args.out or (ROOT / "build" / "benchmarks" if quick else ROOT / "docs")
    data = out / report.RESULTS
    if args.report_only:
        results = json.loads(data.read_text(encoding="utf-8"))
    elif not args.modern_python:
        parser.error(
            f"no interpreter for the Streamlit 1.67 cases: pass --modern-python or set"
            f" {MODERN_PYTHON} (`nox -s bench` creates that environment and sets it)"
        )
    else:
        start = time.perf_counter()

        def progress(message: str) -> None:
            print(f"[{time.perf_counter() - start:7.1f} s] {message}", file=sys.stderr, flush=True)

        results = measure(QUICK if quick else FULL, progress, args.modern_python)
        out.mkdir(parents=True, exist_ok=True)
        data.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    page = report.write(results, out)
    print(f"wrote {data} and {page}", file=sys.stderr)
    problems = report.problems(results)
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
