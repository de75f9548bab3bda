"""Pagefind's own search code, in Chromium, finds the same pages in an index cut into small pieces as in
the index Pagefind wrote (hooks/between_us/search_chunks.py)."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

from between_us import search_chunks
from pagefind_index import WORDS, build_index, write_pages
from playwright.sync_api import Browser
from search_cost import serve

SEARCH_ALL = """async (queries) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const found = [];
  for (const query of queries) {
    const search = await pagefind.search(query);
    found.push((await Promise.all(search.results.map(r => r.data()))).map(d => d.url).sort());
  }
  return found;
}"""


def _search(browser: Browser, url: str, queries: list[str]) -> tuple[list[list[str]], list[str]]:
    """Each query's result URLs, and the word chunks fetched, in a new context (nothing kept from before)."""
    context = browser.new_context()
    chunks: list[str] = []
    context.on("requestfinished", lambda request: chunks.append(request.url) if ".pf_index" in request.url else None)
    try:
        page = context.new_page()
        page.goto(url + "page-0/")
        return page.evaluate(SEARCH_ALL, queries), chunks
    finally:
        context.close()


def test_a_cut_index_finds_what_pagefinds_own_index_finds(browser: Browser, tmp_path: Path):
    write_pages(tmp_path / "whole", 16)
    build_index(tmp_path / "whole", tmp_path / "whole" / "pagefind")
    shutil.copytree(tmp_path / "whole", tmp_path / "cut")
    summary = search_chunks.rechunk(tmp_path / "cut" / "pagefind", limit=15)
    assert summary.chunks_before == 1 and summary.chunks_after > 20
    # Every word alone, every pair of words, and three-word queries across the alphabet (whole words:
    # a word typed in part may also match words in the next chunk, which Pagefind does not load).
    queries = [*WORDS, *map(" ".join, itertools.combinations(WORDS, 2)),
               *map(" ".join, zip(WORDS, WORDS[8:], WORDS[16:], strict=False))]
    with serve(tmp_path / "whole") as url:
        whole, _ = _search(browser, url, queries)
    with serve(tmp_path / "cut") as url:
        cut, fetched = _search(browser, url, queries)
        # A word costs one small chunk: the bounds in the meta file lead to it (wrong ones make Pagefind load more).
        for word in WORDS:
            assert len(_search(browser, url, [word])[1]) == 1, word
    assert cut == whole
    assert sum(map(bool, whole)) > len(queries) / 2  # most queries find pages: the comparison is not of empty lists
    assert len(set(fetched)) > 20  # the searches read the small chunks
