"""The API reference (docs/reference/api.md) documents exactly the public names of `cachelib`.

mkdocstrings writes an inventory of what it documented, `objects.inv`, next to the site: its
primary entries are the documented objects. Every name in `cachelib.__all__` must be there,
with its anchor on the API page, and nothing else at the top level; no private object, and no
private module or class name in the page's text (a private base class in a "Bases:" line, say).
The examples shown are the docstrings' doctests, run by `pytest --doctest-modules cachelib`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import cachelib
from tools.sitecheck import InventoryItem, Site, build_site, read_inventory, site_url

ROOT = Path(__file__).resolve().parent.parent
API_PAGE = "reference/api/index.html"
PUBLIC = sorted(cachelib.__all__)

pytestmark = pytest.mark.build


@pytest.fixture(scope="session")
def site() -> Site:
    """The built site (one strict build per session, shared with tests/test_site.py)."""
    return Site(build_site(), site_url(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="session")
def inventory(site: Site) -> list[InventoryItem]:
    path = site.root / "objects.inv"
    assert path.is_file(), "objects.inv was not built: is mkdocstrings enabled?"
    return read_inventory(path)


@pytest.fixture(scope="session")
def documented(inventory: list[InventoryItem]) -> dict[str, InventoryItem]:
    """The objects the API page documents, by path (primary inventory entries of cachelib)."""
    return {
        item.name: item
        for item in inventory
        if item.priority == 1 and item.name.split(".")[0] == "cachelib"
    }


def private_names() -> set[str]:
    """Classes defined in cachelib's modules but not exported, and any `_private` name there.

    Unexported functions are left out: their names (`describe`, `type_name`) are also English
    words and public attribute names.
    """
    names: set[str] = set()
    modules = [cachelib]
    modules.extend(
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(cachelib.__path__, "cachelib.")
    )
    for module in modules:
        for name, obj in vars(module).items():
            defined_here = getattr(obj, "__module__", None) == module.__name__
            if defined_here and (inspect.isclass(obj) or name.startswith("_")):
                names.add(name)
    return names - set(cachelib.__all__)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_is_documented_on_the_api_page(
    name: str, documented: dict[str, InventoryItem], site: Site
) -> None:
    item = documented.get(f"cachelib.{name}")
    assert item is not None, f"cachelib.{name} is exported but not on the API page"
    page, _, anchor = item.location.partition("#")
    assert page == "reference/api/", item
    assert anchor in site.pages[API_PAGE].ids, f"no element with id {anchor!r} on the page"


def test_nothing_but_public_names_and_their_members_is_documented(
    documented: dict[str, InventoryItem],
) -> None:
    leaked = [
        name
        for name in documented
        if name != "cachelib"
        and (
            name.split(".")[1] not in cachelib.__all__
            or any(part.startswith("_") for part in name.split("."))
        )
    ]
    assert leaked == []


def test_private_paths_in_the_inventory_are_aliases_of_public_objects(
    inventory: list[InventoryItem], documented: dict[str, InventoryItem]
) -> None:
    """mkdocstrings also records where an exported object is defined (`cachelib._internal...`),
    as a secondary entry pointing at the public object's anchor; nothing more."""
    public_locations = {item.location for item in documented.values()}
    private = [item for item in inventory if "._" in item.name and not item.name.endswith("__")]
    assert all(item.priority != 1 for item in private), private
    assert [item for item in private if item.location not in public_locations] == []


def test_the_api_page_names_no_private_object(site: Site) -> None:
    """No private module, class or function appears in the page's code (signatures, bases)."""
    page = site.pages[API_PAGE]
    assert "_internal" not in page.text + page.code
    shown = sorted(name for name in private_names() if re.search(rf"\b{name}\b", page.code))
    assert shown == [], "private classes or functions named in the API page's code"


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_shows_a_doctest_example(name: str, site: Site) -> None:
    """Each entry has an Examples section; its `>>>` lines are cachelib's doctests."""
    html = site.pages[API_PAGE].html
    start = html.find(f'id="cachelib.{name}"')
    assert start >= 0
    following = [html.find(f'id="cachelib.{other}"', start + 1) for other in PUBLIC]
    end = min([position for position in following if position > start], default=len(html))
    section = html[start:end]
    assert "Examples:" in section, f"cachelib.{name} has no Examples section"
    assert "&gt;&gt;&gt;" in section, f"cachelib.{name}'s examples are not doctests"
