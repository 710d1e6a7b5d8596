"""The public surface: exported names, their docstrings, cheap import, py.typed."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

import cachelib

ROOT = Path(__file__).resolve().parent.parent

LEGACY_CONTRACT_NAMES = {
    "cache",
    "clear_cache",
    "write",
    "UnhashableTypeError",
    "UserHashError",
    "InternalHashError",
    "CacheError",
    "UnhashableParamError",
    "UnserializableReturnValueError",
    "CachedObjectMutationWarning",
}


def test_all_lists_the_legacy_contract_names() -> None:
    assert set(cachelib.__all__) >= LEGACY_CONTRACT_NAMES


def test_all_has_no_duplicates_and_no_private_names() -> None:
    assert len(cachelib.__all__) == len(set(cachelib.__all__))
    assert not [name for name in cachelib.__all__ if name.startswith("_")]


@pytest.mark.parametrize("name", cachelib.__all__)
def test_every_public_name_exists(name: str) -> None:
    assert hasattr(cachelib, name)


@pytest.mark.parametrize("name", cachelib.__all__)
def test_every_public_name_has_a_google_style_docstring_with_examples(name: str) -> None:
    obj = getattr(cachelib, name)
    doc = inspect.getdoc(obj)

    assert doc, f"{name} has no docstring"
    summary = doc.splitlines()[0]
    assert summary.strip(), f"{name}: the docstring must start with a summary line"
    assert summary.endswith("."), f"{name}: the summary line must be a sentence"
    lines = [line.rstrip() for line in doc.splitlines()]
    assert "Examples:" in lines, f"{name}: no 'Examples:' section"
    examples = doc.split("Examples:", 1)[1]
    assert ">>> " in examples, f"{name}: the Examples section has no example"

    if inspect.isfunction(obj):
        parameters = [
            p for p in inspect.signature(obj).parameters.values() if p.name not in {"self", "cls"}
        ]
        if parameters:
            assert "Args:" in lines, f"{name}: parameters but no 'Args:' section"
            args_section = doc.split("Args:", 1)[1]
            for parameter in parameters:
                spelled = (
                    f"*{parameter.name}"
                    if parameter.kind is inspect.Parameter.VAR_POSITIONAL
                    else f"**{parameter.name}"
                    if parameter.kind is inspect.Parameter.VAR_KEYWORD
                    else parameter.name
                )
                assert f"{spelled}:" in args_section, f"{name}: '{spelled}' is not documented"


@pytest.mark.parametrize("name", cachelib.__all__)
def test_every_public_class_is_presented_as_part_of_cachelib(name: str) -> None:
    obj = getattr(cachelib, name)
    if inspect.isclass(obj):
        assert obj.__module__ == "cachelib"


def _heavy_modules_loaded_by(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter; return the numpy/pandas/pyarrow modules it loaded."""
    probe = (
        "import json, sys\n"
        f"{code}\n"
        "heavy = ('numpy', 'pandas', 'pyarrow')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stdout)
    return loaded


def test_import_cachelib_does_not_import_heavy_modules() -> None:
    assert _heavy_modules_loaded_by("import cachelib") == []


def test_using_the_cache_on_plain_values_does_not_import_heavy_modules() -> None:
    code = (
        "import cachelib\n"
        "@cachelib.cache\n"
        "def f(x, y=None):\n"
        "    return {'x': [x, 1.5, b'b', {1, 2}], 'y': y}\n"
        "f(1, y=(2, 'a'))\n"
        "f(1, y=(2, 'a'))"
    )
    assert _heavy_modules_loaded_by(code) == []


def test_package_ships_py_typed() -> None:
    assert resources.files("cachelib").joinpath("py.typed").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    package_data = pyproject.split("[tool.setuptools.package-data]", 1)[1].split("\n[", 1)[0]
    assert re.search(r'^cachelib\s*=\s*\[[^]]*"py\.typed"', package_data, re.MULTILINE)
    assert '"Typing :: Typed"' in pyproject
