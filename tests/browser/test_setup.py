"""The browser tests fail, never skip, when Chromium is missing."""

from __future__ import annotations

import pytest

from . import conftest


def test_missing_chromium_fails_with_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KB_CHROMIUM", raising=False)
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.setattr("os.access", lambda path, mode: False)

    with pytest.raises(pytest.fail.Exception, match="apt-get install -y chromium"):
        conftest.chromium_executable()


def test_a_wrong_kb_chromium_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_CHROMIUM", "/nonexistent/chromium")

    with pytest.raises(pytest.fail.Exception, match="KB_CHROMIUM"):
        conftest.chromium_executable()
