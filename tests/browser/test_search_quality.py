"""Search quality: readers' own queries find the page that answers them, on each edition: English
(tests/data/search-queries.yml, searched from the English home) and Spanish (search-queries.es.yml, from the
Spanish home, whose search looks in the Spanish pages)."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import Page
from sitedata import ROOT

from browser.searching import open_search, search

pytestmark = pytest.mark.browser
GOAL = 0.9  # share of queries whose page is in the first three results
# Each edition: its query set, where its search opens, and how many queries it needs at least.
EDITIONS = {"en": ("search-queries.yml", "./", 60), "es": ("search-queries.es.yml", "es/", 30)}


def queries(lang: str) -> list[dict]:
    name = EDITIONS[lang][0]
    return yaml.safe_load((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))["queries"]


@pytest.mark.parametrize("lang", EDITIONS)
def test_the_query_set_is_large_enough_and_names_real_pages_of_its_edition(site, lang: str):
    entries = queries(lang)
    assert len(entries) >= EDITIONS[lang][2]
    prefix = EDITIONS[lang][1].removeprefix("./")
    for entry in entries:
        for path in entry["pages"]:
            # A page written in the edition's language (docs/es/... for Spanish), and built.
            source = ROOT / "docs" / path.rstrip("/")
            assert path.startswith(prefix) and ((source / "index.md").exists() or source.with_suffix(".md").exists()), (
                entry["query"], path)
            assert (site.site / path / "index.html").exists(), (entry["query"], path)


@pytest.mark.parametrize("lang", EDITIONS)
def test_nine_in_ten_reader_queries_find_their_page_in_the_first_three(page: Page, lang: str):
    entries = queries(lang)
    open_search(page, EDITIONS[lang][1])
    misses = []
    for entry in entries:
        top = search(page, entry["query"], path=None)[:3]
        if not {f"/{path}" for path in entry["pages"]} & set(top):
            misses.append(f"{entry['query']!r}: wanted {entry['pages'][0]}, got {top}")
    hit_rate = 1 - len(misses) / len(entries)
    print(f"search quality ({lang}): {len(entries) - len(misses)}/{len(entries)} = {hit_rate:.0%} in the first three")
    assert hit_rate >= GOAL, "\n".join(misses)
