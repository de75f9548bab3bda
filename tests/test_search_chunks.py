"""Pagefind's word index cut into smaller pieces (hooks/between_us/search_chunks.py), on indexes Pagefind wrote."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import cbor2
import pytest
from between_us import search, search_chunks
from pagefind_index import build_index, write_pages


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Pagefind's own output for 12 pages, as the build runs it."""
    pages = tmp_path_factory.mktemp("pages")
    write_pages(pages, 12)
    output = tmp_path_factory.mktemp("site") / "pagefind"
    build_index(pages, output)
    return output


@pytest.fixture
def index(built: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(built, tmp_path / "pagefind"))


def _meta(folder: Path) -> tuple[str, list]:
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    name = entry["languages"]["en"]["hash"]
    return name, cbor2.loads(gzip.decompress((folder / f"pagefind.{name}.pf_meta").read_bytes())[12:])


def _chunks(folder: Path) -> list[tuple[str, str, list[search_chunks.Word]]]:
    _, meta = _meta(folder)
    return [(first, last, search_chunks.read_words((folder / "index" / f"{name}.pf_index").read_bytes()))
            for first, last, name in meta[2]]


def test_the_same_words_in_the_same_order_are_cut_into_chunks_of_at_most_the_limit(index: Path):
    before = [word for _, _, words in _chunks(index) for word in words]
    _, old_meta = _meta(index)
    summary = search_chunks.rechunk(index, limit=15)
    chunks = _chunks(index)
    after = [word for _, _, words in chunks for word in words]
    assert after == before and summary.words == len(before)
    assert summary.chunks_before == 1 and summary.chunks_after == len(chunks) > 5
    for _, _, words in chunks:
        assert len(words) == 1 or sum(word.entries for word in words) <= 15
    # Pagefind's bounds: prefixes of a chunk's first and last words (tests/browser: the same results).
    for first, last, words in chunks:
        assert words[0].text.startswith(first) and words[-1].text.startswith(last)
    _, meta = _meta(index)
    assert meta[:2] == old_meta[:2] and meta[3:] == old_meta[3:]  # pages, filters, sorts, meta fields kept


def test_only_the_files_the_index_names_remain(index: Path):
    search_chunks.rechunk(index, limit=15)
    name, meta = _meta(index)
    assert sorted(p.name for p in (index / "index").iterdir()) == sorted(f"{n}.pf_index" for _, _, n in meta[2])
    assert [p.name for p in index.glob("*.pf_meta")] == [f"pagefind.{name}.pf_meta"]


def test_a_word_with_more_entries_than_the_limit_is_a_chunk_of_its_own():
    words = [search_chunks.Word(text, entries, b"") for text, entries in
             (("a", 2), ("b", 2), ("c", 9), ("d", 1), ("e", 1), ("f", 3))]
    assert [[w.text for w in chunk] for chunk in search_chunks.split(words, 4)] == [["a", "b"], ["c"], ["d", "e"],
                                                                                    ["f"]]


def test_a_chunk_ends_where_neighbouring_words_share_the_fewest_letters():
    """Not between "thing" and "think": a reader typing "thin" is looked up in one chunk."""
    words = [search_chunks.Word(text, 2, b"") for text in ("apple", "bread", "thing", "think", "tide", "zone")]
    assert [[w.text for w in chunk] for chunk in search_chunks.split(words, 6)] == [
        ["apple", "bread"], ["thing", "think", "tide"], ["zone"]]


def test_bounds_are_the_shortest_prefixes_that_tell_neighbours_apart():
    def chunk(*texts: str) -> list[search_chunks.Word]:
        return [search_chunks.Word(text, 1, b"") for text in texts]
    assert search_chunks.boundaries([chunk("apple", "partial"), chunk("partner", "sleep"), chunk("sleepy", "zoo")]) == [
        ("apple", "parti"), ("partn", "sleep"), ("sleepy", "zoo")]


@pytest.mark.parametrize("length", [0, 23, 24, 255, 256, 65535, 65536])
def test_array_heads_are_cbors_own(length: int):
    encoded = search_chunks._array_head(length) + cbor2.dumps(0) * length
    assert encoded == cbor2.dumps([0] * length)
    assert search_chunks._array_length(encoded, 0)[0] == length


def test_another_pagefind_version_fails_with_what_to_do(index: Path):
    entry = index / "pagefind-entry.json"
    entry.write_text(entry.read_text(encoding="utf-8").replace('"version":"1.5.2"', '"version":"9.0.0"'),
                     encoding="utf-8")
    with pytest.raises(search_chunks.ChunkError, match=r"Pagefind 9\.0\.0 wrote this index.*FORMAT_VERSIONS"):
        search_chunks.rechunk(index)


def test_a_file_that_is_not_pagefinds_fails_clearly():
    with pytest.raises(search_chunks.ChunkError, match="signature"):
        search_chunks.read_words(gzip.compress(b"not an index"), "en_1.pf_index")


PAGE = ('<main data-pagefind-body><p>Text {marker} more text</p>{block}</main><footer>Crisis lines</footer>')
BLOCK = '<!--bu-search-only--><div hidden><p>libido desire</p></div><!--/bu-search-only-->'


def test_the_block_only_search_reads_is_cut_from_the_page_for_readers():
    page = PAGE.format(marker="", block=BLOCK)
    served, indexed = search.split_search_only(page)
    assert indexed == page
    assert served == PAGE.format(marker="", block="")


def test_markers_a_contributor_writes_in_an_article_do_not_move_the_cut():
    marker = "<!--bu-search-only--> <!--/bu-search-only-->"
    served, _ = search.split_search_only(PAGE.format(marker=marker, block=BLOCK))
    assert served == PAGE.format(marker=marker, block="")


def test_a_page_without_the_block_is_written_as_it_is():
    page = PAGE.format(marker="", block="")
    assert search.split_search_only(page) == (page, page)


def test_the_real_sites_index_is_cut_and_holds_only_its_marked_pages(site):
    """Pagefind alone writes chunks of about 20,000 entries; the build leaves none over the limit but a lone word."""
    chunks = _chunks(site.site / "pagefind")
    assert len(chunks) > 1
    for _, _, words in chunks:
        assert len(words) == 1 or sum(word.entries for word in words) <= search_chunks.CHUNK_ENTRIES
    # The English index: the Spanish edition (site/es/) has its own.
    marked = [p for p in site.site.rglob("*.html") if search.INDEXED in p.read_text(encoding="utf-8")
              and p.relative_to(site.site).parts[0] != "es"]
    entry = json.loads((site.site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(marked)
    assert list(entry["languages"]) == ["en"]
