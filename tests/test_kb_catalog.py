"""The errors reference (docs/errors.md) and the library's errors point at each other.

Every public error and warning of `cachelib` has a section in docs/errors.md whose anchor is the
class's `code`; every explicit anchor there belongs to a public class; and every message the
library actually produces ends with the link to that section on the published site.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

import cachelib as st
from cachelib._internal.errors import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
ERRORS_PAGE = ROOT / "docs" / "errors.md"
MKDOCS_YML = ROOT / "mkdocs.yml"

# A heading with an explicit attr_list anchor: "## `CacheError` { #cache-error }".
HEADING_ANCHOR = re.compile(
    r"^(?P<level>#{1,6}) (?P<title>.*?)\s*\{\s*#(?P<anchor>[^\s}]+)\s*\}\s*$"
)
ANY_ANCHOR = re.compile(r"\{\s*#(?P<anchor>[^\s}]+)[^}]*\}")

PUBLIC_CLASSES: dict[str, type[BaseException]] = {
    name: obj
    for name in st.__all__
    if isinstance(obj := getattr(st, name), type) and issubclass(obj, BaseException)
}

# The order in which the reference presents them: the registry's order.
DOCUMENTED_ORDER = list(REGISTRY)

# Exported, but nothing in this version raises it.
NOT_RAISED_YET: set[str] = set()


def page_lines() -> list[str]:
    return ERRORS_PAGE.read_text(encoding="utf-8").splitlines()


def section_anchors() -> dict[str, str]:
    """Map each explicit heading anchor of the errors page to its heading's title."""
    found: dict[str, str] = {}
    for line in page_lines():
        heading = HEADING_ANCHOR.match(line)
        if heading:
            found[heading["anchor"]] = heading["title"]
    return found


def published_link(code: str) -> str:
    """Where the errors page's section for `code` is published (from mkdocs.yml's site_url)."""
    site_url = re.search(r"^site_url:\s*(\S+)", MKDOCS_YML.read_text(encoding="utf-8"), re.M)
    assert site_url, "mkdocs.yml has no site_url"
    return f"{site_url[1].rstrip('/')}/errors/#{code}"


@pytest.fixture(autouse=True)
def private_cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give every test its own empty cache folder and empty memory caches."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CACHELIB_CACHE_DIR", str(folder))
    monkeypatch.chdir(tmp_path)
    st.clear_cache()
    return folder


# --- what the library really produces, one way per class --------------------------------------


def raise_unhashable_type_error(_: Path) -> None:
    @st.cache
    def describe(lock: object) -> str:
        return "a lock"

    describe(threading.RLock())


def raise_user_hash_error(_: Path) -> None:
    class Dataset:
        pass

    def broken(dataset: Dataset) -> str:
        raise RuntimeError("no hash today")

    @st.cache(hash_funcs={Dataset: broken})
    def load(dataset: Dataset) -> int:
        return 1

    load(Dataset())


def raise_internal_hash_error(tmp_path: Path) -> None:
    @st.cache
    def count_lines(handle: object) -> int:
        return 0

    path = tmp_path / "upload.csv"
    path.write_text("a\n", encoding="utf-8")
    with path.open(encoding="utf-8") as handle:
        path.unlink()
        count_lines(handle)


def raise_cache_error(_: Path) -> None:
    @st.cache_data(persist="redis://localhost:6379/0")
    def shared() -> int:
        return 1

    saved = os.environ.pop("CACHELIB_SECRET", None)
    try:
        shared()
    finally:
        if saved is not None:
            os.environ["CACHELIB_SECRET"] = saved


def raise_unhashable_param_error(_: Path) -> None:
    @st.cache_data
    def guarded(lock: object) -> int:
        return 1

    guarded(threading.RLock())


def raise_unserializable_return_value_error(_: Path) -> None:
    @st.cache_data
    def make_lock() -> object:
        return threading.Lock()

    make_lock()


def raise_cached_function_returned_awaitable_error(_: Path) -> None:
    async def fetch() -> int:
        return 1

    @st.cache_data
    def start() -> object:
        return fetch()

    start()


def warn_cached_st_function_in_background_mode(_: Path) -> None:
    @st.cache_data(ttl=60, refresh_mode="background")
    def rates() -> int:
        st.write("downloading")
        return 1

    rates()


def warn_cached_object_mutation(_: Path) -> None:
    @st.cache
    def products() -> list[str]:
        return ["tea", "coffee"]

    products().append("cocoa")
    products()


def warn_cache_persistence(_: Path) -> None:
    @st.cache(persist=True, allow_output_mutation=True)
    def connect() -> sqlite3.Connection:
        return sqlite3.connect(":memory:")

    connect().close()


TRIGGERS: dict[str, Callable[[Path], None]] = {
    "UnhashableTypeError": raise_unhashable_type_error,
    "UserHashError": raise_user_hash_error,
    "InternalHashError": raise_internal_hash_error,
    "CacheError": raise_cache_error,
    "UnhashableParamError": raise_unhashable_param_error,
    "UnserializableReturnValueError": raise_unserializable_return_value_error,
    "CachedFunctionReturnedAwaitableError": raise_cached_function_returned_awaitable_error,
    "CachedStFunctionInBackgroundModeWarning": warn_cached_st_function_in_background_mode,
    "CachedObjectMutationWarning": warn_cached_object_mutation,
    "CachePersistenceWarning": warn_cache_persistence,
}


def produced_message(name: str, tmp_path: Path) -> str:
    """Make the library raise or emit the class called `name`; return its message."""
    cls = PUBLIC_CLASSES[name]
    if issubclass(cls, Warning):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            TRIGGERS[name](tmp_path)
        emitted = [w.message for w in caught if isinstance(w.message, cls)]
        assert len(emitted) == 1, [str(w.message) for w in caught]
        return str(emitted[0])
    with pytest.raises(cls) as raised:
        TRIGGERS[name](tmp_path)
    return str(raised.value)


# --- tests ----------------------------------------------------------------------------------------


def test_the_public_api_exports_every_documented_error_and_warning() -> None:
    assert sorted(cls.code for cls in PUBLIC_CLASSES.values()) == sorted(DOCUMENTED_ORDER)


@pytest.mark.parametrize("name", sorted(PUBLIC_CLASSES))
def test_every_public_error_and_warning_has_a_section_anchored_at_its_code(name: str) -> None:
    cls = PUBLIC_CLASSES[name]
    anchors = section_anchors()

    assert cls.code in anchors, f"docs/errors.md has no section {{ #{cls.code} }} for {name}"
    assert f"`{name}`" in anchors[cls.code], f"the section #{cls.code} is not titled {name}"


def test_every_anchor_of_the_errors_page_belongs_to_a_public_class() -> None:
    codes = {cls.code for cls in PUBLIC_CLASSES.values()}
    anchors = [m["anchor"] for line in page_lines() for m in ANY_ANCHOR.finditer(line)]

    assert [anchor for anchor in anchors if anchor not in codes] == []
    assert len(anchors) == len(set(anchors)), "an anchor is used twice"


def test_each_anchor_is_a_second_level_section() -> None:
    levels = {
        m["anchor"]: len(m["level"]) for line in page_lines() if (m := HEADING_ANCHOR.match(line))
    }

    assert set(levels.values()) == {2}


def test_sections_come_in_the_documented_order() -> None:
    assert list(section_anchors()) == DOCUMENTED_ORDER


@pytest.mark.parametrize("name", sorted(TRIGGERS))
def test_message_the_library_produces_ends_with_the_link_to_its_section(
    name: str, tmp_path: Path
) -> None:
    message = produced_message(name, tmp_path)

    assert message.rstrip().endswith(published_link(PUBLIC_CLASSES[name].code)), message


def test_every_public_class_is_either_produced_by_the_library_or_declared_not_raised_yet() -> None:
    assert set(TRIGGERS) | NOT_RAISED_YET == set(PUBLIC_CLASSES)
    assert set(TRIGGERS).isdisjoint(NOT_RAISED_YET)


def test_sections_of_errors_not_raised_yet_say_so_and_show_no_example() -> None:
    text = "\n".join(page_lines())
    for name in sorted(NOT_RAISED_YET):  # none today: every public class is produced
        code = PUBLIC_CLASSES[name].code
        section = text.split(f"{{ #{code} }}", 1)[1].split("\n## ", 1)[0]

        assert "Nothing in this version raises it" in " ".join(section.split())
        assert "```python" not in section
