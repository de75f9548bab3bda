"""The pack PDFs for double-sided printing (between_us/pack_pdfs.py): where blank pages go, where articles start,
and that a normal build makes none and links none. The PDFs themselves: tests/browser/test_pack_pdfs.py."""

from __future__ import annotations

from pathlib import Path

from between_us import pack_pdfs
from between_us.pack_pdfs import article_starts, blank_before, site_file
from conftest import Build
from sitedata import TOPICS


def test_a_blank_page_goes_before_each_article_that_would_start_on_a_left_hand_page():
    assert blank_before([]) == []
    assert blank_before([3, 5, 9]) == []
    # The first would start on page 2: a blank before it moves every later one down a page.
    assert blank_before([2, 5, 9]) == [0, 1]  # 5 -> 6 needs its own; 9 -> 11
    assert blank_before([2, 4, 9]) == [0, 2]  # 4 -> 5; 9 -> 10 needs its own
    assert blank_before([3, 6, 12, 14]) == [1]  # 12 -> 13 and 14 -> 15: the one blank is enough
    # Whatever the layout, every article then starts on an odd page.
    for starts in ([2, 3, 4, 5], [3, 4, 8, 13, 20], [2, 4, 6, 8]):
        before = blank_before(starts)
        moved = [page + sum(index <= n for index in before) for n, page in enumerate(starts)]
        assert all(page % 2 for page in moved), (starts, moved)


def test_an_article_starts_where_the_running_footer_changes_to_its_short_link():
    pack, a, b = (f"Between Us · example.org/{path}/" for path in ("intimacy/pack", "a/1", "a/2"))
    assert article_starts([pack, a, a, b, pack, b]) == [2, 4, 6]  # a page left blank: the pack's footer
    assert article_starts([pack, pack, a, a, pack, pack]) == [3]  # the crisis lines close the pack
    assert article_starts([pack]) == []


def test_the_browser_is_given_the_built_sites_files_at_its_published_address(tmp_path: Path):
    (tmp_path / "es" / "intimacy" / "pack").mkdir(parents=True)
    (tmp_path / "es" / "intimacy" / "pack" / "index.html").write_text("pack", encoding="utf-8")
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    (tmp_path / "print.css").write_text("css", encoding="utf-8")
    url = "https://example.org/site/"
    assert site_file(tmp_path, url, url + "es/intimacy/pack/") == (tmp_path / "es/intimacy/pack/index.html").resolve()
    assert site_file(tmp_path, url, url) == (tmp_path / "index.html").resolve()
    assert site_file(tmp_path, url, url + "print.css?v=1") == (tmp_path / "print.css").resolve()
    assert site_file(tmp_path, url, url + "missing/") is None
    assert site_file(tmp_path, url, url + "..%2F..%2Fetc/passwd") is None  # nothing outside the site folder
    assert site_file(tmp_path, url, "https://example.org/print.css") is None  # not under the site's address
    assert site_file(tmp_path, url, "https://other.example/print.css") is None


def test_the_pdfs_are_made_only_when_asked_and_named_after_their_topic():
    assert not pack_pdfs.enabled({}) and not pack_pdfs.enabled({"PACK_PDFS": "0"})
    assert pack_pdfs.enabled({"PACK_PDFS": "1"})
    assert [pack_pdfs.pdf_name("intimacy", paper) for paper in pack_pdfs.PAPERS] == [
        "intimacy-pack-a4.pdf", "intimacy-pack-letter.pdf"]


def test_a_normal_build_makes_no_pack_pdf_and_links_none(site: Build):
    assert list(site.site.rglob("*.pdf")) == []
    for topic in TOPICS:
        for folder in ("", "es/"):
            pack = site.page(f"{folder}{topic}/pack/index.html")
            assert pack.css(".bu-pack__pdfs, a[href$='.pdf']") == [], (folder, topic)
