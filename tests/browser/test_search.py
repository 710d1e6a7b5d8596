"""Search finds what readers type: words from prose, from code and from printed output.

Each query goes through Material's search box, as a reader types it, and the first result must
open a page that shows the word. A word that appears only inside code (`copy.deepcopy(x)`,
`check_same_thread=False`) is found too: the search separator splits code at dots, brackets
and operators (mkdocs.yml), and sources are indexed.
"""

from __future__ import annotations

import re

import pytest

from .conftest import Tab

# Query -> what the opened page must contain (case-insensitive).
QUERIES = {
    "deepcopy": "deepcopy",
    "RLock": "RLock",
    "spacy": "spacy",
    "check_same_thread": "check_same_thread",
    "cache_resource": "cache_resource",
    "st.cache_data": "cache_data",
    "UnhashableParamError": "UnhashableParamError",
    "allow_output_mutation": "allow_output_mutation",
    "hash_funcs": "hash_funcs",
}


@pytest.mark.parametrize("query", QUERIES)
def test_search_finds_a_page_that_shows_the_word(tab: Tab, base_url: str, query: str) -> None:
    page = tab.page
    page.goto(base_url, wait_until="networkidle")

    page.keyboard.press("/")  # Material's shortcut: focus the search box
    page.keyboard.type(query)
    results = page.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for(state="visible", timeout=10_000)
    href = results.first.get_attribute("href") or ""
    results.first.click()

    page.wait_for_load_state("networkidle")
    shown = page.locator("article").inner_text()
    assert re.search(re.escape(QUERIES[query]), shown, re.IGNORECASE), (query, href)
    assert tab.log.problems == []
