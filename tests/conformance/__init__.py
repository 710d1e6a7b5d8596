"""Differential conformance suite: cachelib against real Streamlit 1.35 (case format: harness.py).

Run it with ``python -m tests.conformance`` or ``nox -s conformance``.
"""
