"""Keep the conformance suite out of the default test run.

It needs Streamlit (1.35 or 1.67, by era) beside cachelib, which only the `conformance` nox
session installs;
set CACHELIB_CONFORMANCE=1 to collect it. The case files are app scripts, never imported
(not even by `--doctest-modules`).
"""

from __future__ import annotations

import os

collect_ignore = ["cases", "cases_modern"]
if os.environ.get("CACHELIB_CONFORMANCE") != "1":
    collect_ignore_glob = ["*.py"]
