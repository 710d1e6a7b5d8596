"""Shared fixtures: every test starts with empty caches and its own cache folder."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import cachelib


def _cachelib_modules() -> dict[str, object]:
    return {name: mod for name, mod in sys.modules.items() if name.partition(".")[0] == "cachelib"}


@pytest.fixture(autouse=True)
def _isolated_cachelib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point persisted entries at a private folder and empty every cache around each test.

    The loaded `cachelib` modules are put back afterwards: a test that drops them from
    `sys.modules` (the docs harness re-imports an edited library) would otherwise make
    later lazy imports load a second copy, whose error classes are not `cachelib`'s.
    """
    modules = _cachelib_modules()
    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(tmp_path / "cachelib-cache"))
    cachelib.clear_cache()
    yield
    cachelib.clear_cache()
    for name in _cachelib_modules().keys() - modules.keys():
        del sys.modules[name]
    sys.modules.update(modules)  # type: ignore[arg-type]
