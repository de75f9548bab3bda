"""The benchmark's search measurement (benchmarks/search_cost.py) on the real site: what it counts per step."""

from __future__ import annotations

import pytest
import search_cost

pytestmark = pytest.mark.browser


def test_the_benchmark_counts_what_each_search_fetches_and_not_the_page(site, browser):
    measured = search_cost.query_bytes(site.site, "communication/trust-after-an-affair/",
                                       ["partner feeling low", "side effects and sleep"], browser=browser)
    assert measured["failed"] == []
    load, (first, second) = measured["load"], measured["queries"]
    assert not any("pagefind/" in url for url in load["files"]), "reading the page loads no search file"
    parts = search_cost.breakdown(first["files"])
    assert parts["Pagefind's code"][0] == 2 and parts["entry and meta"][0] == 2 and parts["crisis phrases"][0] == 1
    assert not [url for url in first["files"] if "pagefind-worker" in url], "Pagefind searches in the page"
    assert parts["index chunks"][0] >= 1 and 1 <= parts["fragments"][0] <= 3
    assert first["status"].endswith("results.") and first["gzip"] == sum(gz for _, gz in first["files"].values())
    # The second search needs only words and texts: the engine, entry and phrases are in the page already.
    assert set(search_cost.breakdown(second["files"])) <= {"index chunks", "fragments"}
    assert second["status"].endswith("results.") and not second["missing"]
    assert first["searched_as"] is None and second["searched_as"] is None  # every word typed is in the index


def test_the_benchmark_counts_a_first_search_with_a_typo_with_the_vocabulary_and_says_what_it_searched(site, browser):
    measured = search_cost.query_bytes(site.site, "communication/trust-after-an-affair/",
                                       ["partner feeling lonley"], browser=browser)
    (typo,) = measured["queries"]
    assert measured["failed"] == [] and not typo["missing"]
    assert typo["searched_as"] == "Showing results for partner feeling lonely"
    parts = search_cost.breakdown(typo["files"])
    assert parts["spelling"][0] == 2 and parts["crisis phrases"][0] == 1  # the vocabulary and its code
    assert typo["status"].endswith("results.")
