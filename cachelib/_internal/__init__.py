# Private implementation of cachelib; the public names live in cachelib/__init__.py.
"""Internals of cachelib. Nothing here is public API."""
