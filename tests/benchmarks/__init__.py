"""Benchmarks of cachelib against its peers (issue 4); run with ``python -m tests.benchmarks``.

Not a test suite: no module here is named ``test_*``, and every module imports only the
standard library at import time (NumPy, pandas, Streamlit and the peers are imported inside
functions), so ``pytest --doctest-modules tests`` imports these files without side effects and
collects nothing from them.
"""
