"""Search quality: readers' own queries (tests/data/search-queries.yml) find the page that answers them."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import Page
from sitedata import ROOT

from browser.searching import open_search, search

pytestmark = pytest.mark.browser
QUERIES = yaml.safe_load((ROOT / "tests" / "data" / "search-queries.yml").read_text(encoding="utf-8"))["queries"]
GOAL = 0.9  # share of queries whose page is in the first three results


def test_the_query_set_is_large_enough_and_names_real_pages(site):
    assert len(QUERIES) >= 60
    for entry in QUERIES:
        for path in entry["pages"]:
            assert (site.site / path / "index.html").exists(), (entry["query"], path)


def test_nine_in_ten_reader_queries_find_their_page_in_the_first_three(page: Page):
    open_search(page)
    misses = []
    for entry in QUERIES:
        top = search(page, entry["query"], path=None)[:3]
        if not {f"/{path}" for path in entry["pages"]} & set(top):
            misses.append(f"{entry['query']!r}: wanted {entry['pages'][0]}, got {top}")
    hit_rate = 1 - len(misses) / len(QUERIES)
    print(f"search quality: {len(QUERIES) - len(misses)}/{len(QUERIES)} = {hit_rate:.0%} in the first three")
    assert hit_rate >= GOAL, "\n".join(misses)
