"""The site's own words on a page are the page's language: Spanish pages show the Spanish of
data/strings/es.yml, and none of the English of en.yml, in their crisis block, article facts, review line,
handout, hub listing, pack, footer and 404 page (the real site, built with its Spanish edition)."""

from __future__ import annotations

import re

import pytest
from between_us import strings
from conftest import Build
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from sitedata import ROOT

EN, ES = (strings.load_all(ROOT / "data" / "strings")[lang] for lang in ("en", "es"))
ARTICLE = "es/intimacy/controlling-and-abusive-relationships/index.html"  # warnings, tag `abuse`, related

# Keys (group.key) whose text every page shows: the crisis block and the footer.
EVERY_PAGE = ["crisis.title", "crisis.lead", "crisis.picker", "crisis.all_regions", "crisis.emergency",
              "crisis.emergency_local", "crisis.every_line", "footer.new", "footer.updated",
              "footer.browsing_safely", "footer.made_with"]
ARTICLE_KEYS = ["article.min_read", "article.written", "article.updated", "article.in_short", "article.sources",
                "article.related", "article.warning_title", "article.warning", "article.warning_link",
                "review.pending", "review.pending_detail", "review.policy_link", "handout.printed_from",
                "handout.short_link", "handout.dates", "handout.pending", "handout.not_advice", "handout.qr_title",
                "crisis_short.title", "crisis_short.checked"]
PAGES = {
    "es/index.html": [],
    "es/get-help/index.html": ["crisis.open", "crisis.languages", "crisis.source", "crisis.checked"],
    ARTICLE: [*ARTICLE_KEYS, "article.warning_at_end"],
    "es/intimacy/index.html": ["hub.start_here", "hub.pack_link", "hub.pack_link_after", "article.min_read"],
    "es/intimacy/pack/index.html": ["pack.title", "pack.intro", "pack.contents", "article.warning_at_start",
                                    *(key for key in ARTICLE_KEYS if key != "article.related")],
    "es/404.html": ["not_found.title", "not_found.lead", "not_found.help", "not_found.help_link", "not_found.find",
                    "not_found.search", "not_found.topics", "not_found.home", "not_found.home_link"],
    "es/a/12/index.html": [],  # a short link's redirect stub: its crisis block
}
# English the Spanish pages must not show, beyond en.yml's own text: names of regions, coverage, labels,
# months.
ENGLISH = ["United States", "United Kingdom", "Other countries", "Mexico", "Spain", "(UK)", "England only",
           "December", "November"]


def _said(lang_strings: strings.Strings, key: str) -> list[str]:
    """The fixed parts of a string (its text around each {placeholder}), for finding it on a page."""
    group, name = key.split(".")
    parts = (part.strip(" .,:") for part in re.split(r"\{\w+\}", lang_strings[group][name]))
    return [part for part in parts if len(part) > 3]


def _reader_text(build: Build, path: str) -> str:
    """What a reader sees or hears: the text (no script or style) and the labels and titles of elements."""
    page = HTMLParser(build.html(path))
    for node in page.css("script, style"):
        node.decompose()
    labels = [node.attributes.get(name) or "" for node in page.css("[aria-label], [title], [alt]")
              for name in ("aria-label", "title", "alt")]
    return " ".join([" ".join(page.body.text(separator=" ").split()), *labels])


@pytest.mark.parametrize("path", PAGES)
def test_a_spanish_page_shows_its_interface_in_spanish_and_none_in_english(site: Build, path: str):
    text = _reader_text(site, path)
    stub = path.startswith("es/a/")  # a redirect stub: its crisis block, no footer
    for key in [k for k in EVERY_PAGE if not (stub and k.startswith("footer."))] + PAGES[path]:
        for part in _said(ES, key):
            assert part in text, f"{path}: the Spanish of {key} ({part!r}) is missing"
        for part in _said(EN, key):
            if part not in _said(ES, key):
                assert part not in text, f"{path}: English of {key} ({part!r}) is on a Spanish page"
    for english in ENGLISH:
        assert english not in text, f"{path}: {english!r}"
    # How to reach a line, said to screen readers: "llama al 9 1 1", never "call 9 1 1".
    page = site.page(path)
    spoken = [node.attributes["aria-label"] for node in page.css("a[aria-label]")]
    assert not [label for label in spoken if label.startswith(("call ", "text "))], f"{path}: {spoken}"
    # `hours: always` in Spanish; other hours are data, shown as written ("Most shelters listed answer...").
    hours = [node.text() for node in page.css(".bu-crisis__hours")]
    assert ES.crisis.hours_always in hours and EN.crisis.hours_always not in hours
    if not stub:
        assert page.css_first("nav.bu-footer-links").attributes["aria-label"] == ES.footer.label
        assert page.css_first(f'link[type="application/rss+xml"][title="{ES.feeds.title}"]')


def test_spanish_dates_are_written_in_spanish(site: Build):
    months = "|".join(ES.dates.months.values())
    for path in (ARTICLE, "es/intimacy/pack/index.html"):
        dates = [node.text() for node in site.page(path).css(".bu-meta time")]
        assert dates and all(re.fullmatch(rf"\d{{1,2}} de ({months}) de 20\d\d", day) for day in dates), dates
    handout = site.page(ARTICLE).css_first(".bu-handout__text").text()
    assert re.search(rf"Escrito el \d{{1,2}} de ({months}) de 20\d\d, actualizado el", handout), handout
    assert re.search(rf"Líneas comprobadas el \d{{1,2}} de ({months}) de 20\d\d", _reader_text(site, ARTICLE))


def test_english_pages_keep_their_english(site: Build):
    for path in ("index.html", "intimacy/controlling-and-abusive-relationships/index.html", "404.html"):
        text = _reader_text(site, path)
        assert EN.crisis.title in text and ES.crisis.title not in text
        assert "Estados Unidos" not in text and "United States" in text
    assert "Review: pending." in _reader_text(site, "intimacy/controlling-and-abusive-relationships/index.html")


def test_a_spanish_articles_tags_are_named_in_spanish(site: Build):
    shown = [node.text(strip=True) for node in site.page(ARTICLE).css(".md-tags .md-tag")]
    assert shown == [ES.tags[tag] for tag in ("abuse", "boundaries", "consent", "crisis")]
