"""The A to Z of subjects: built from front matter, every article reachable, every letter a real anchor."""

from __future__ import annotations

from urllib.parse import urljoin

from between_us.a_z import OTHER, a_z_html, letter_of, subjects
from between_us.content import ContentFile
from conftest import Build
from sitedata import TOPICS, articles, url_of


def _article(path: str, title: str, tags: list[str], keywords: list[str]) -> ContentFile:
    return ContentFile(path, "article", {"title": title, "tags": tags, "keywords": keywords}, 800)


def test_letters_set_accents_aside_and_put_numbers_apart():
    letters = [letter_of(s) for s in ("anxiety", "Éxito", "ñandú", "988 lifeline", "  zeal")]
    assert letters == ["A", "E", "N", OTHER, "Z"]


def test_a_subject_named_by_several_articles_lists_each_once_by_title():
    found = subjects([
        _article("b.md", "Beta", ["grief"], ["Loss", "loss"]),
        _article("a.md", "Alpha", ["grief"], ["breakup"]),
        ContentFile("hub.md", "hub", {"title": "Hub", "keywords": ["ignored"]}, 10),
    ])
    assert list(found) == ["Alpha", "Beta", "Breakup", "Grief", "Loss"]
    assert [a.meta["title"] for a in found["Grief"]] == ["Alpha", "Beta"]
    assert [a.meta["title"] for a in found["Loss"]] == ["Beta"]


def test_the_listing_escapes_what_contributors_wrote():
    html = a_z_html([_article("a.md", "<b>Title</b>", [], ["<script>"])], lambda a: "a/", "Letters")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;Title" in html


def test_every_article_is_reachable_and_every_letter_link_is_a_real_heading(site: Build):
    page = site.page("a-z/index.html")
    reached = {urljoin("/a-z/", a.attributes["href"]) for a in page.css(".bu-a-z__list a")}
    assert {"/" + url_of(src) for src in articles()} <= reached
    headings = {h.attributes["id"] for h in page.css("article h2[id]")}
    letters = [a.attributes["href"] for a in page.css("nav.bu-a-z__letters a")]
    assert len(letters) >= 10 and all(href[1:] in headings for href in letters)
    assert len(headings) == len(letters)


def test_the_a_to_z_is_linked_from_home_each_hub_and_search_with_no_results(site: Build):
    for path in ["index.html", *(f"{topic}/index.html" for topic in TOPICS)]:
        page = site.page(path)
        base = "/" + path.removesuffix("index.html")
        assert "/a-z/" in {urljoin(base, a.attributes.get("href") or "") for a in page.css("article a")}, path
        empty = page.css_first("[data-bu-search-empty]")
        assert "/a-z/" in {urljoin(base, a.attributes.get("href") or "") for a in empty.css("a")}, path
