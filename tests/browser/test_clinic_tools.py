"""Clinic tools in a real browser: a link that puts a region first (`?region=`), short links (/a/<id>/), and a
topic pack printed to PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page
from pypdf import PdfReader
from sitedata import articles, front_matter, mkdocs_config, url_of

pytestmark = pytest.mark.browser

SOURCE = articles()[0]
ARTICLE = url_of(SOURCE)
SITE_URL = mkdocs_config()["site_url"]
HOST = re.sub(r"^https?://", "", SITE_URL.rstrip("/"))


def regions(page: Page) -> list[str]:
    return page.locator(".bu-crisis__region").evaluate_all("nodes => nodes.map(n => n.dataset.region)")


def stored(page: Page) -> dict:
    return page.evaluate("() => ({local: localStorage.length, session: sessionStorage.length, "
                         "cookies: document.cookie})")


def test_a_region_link_puts_that_region_first_on_that_page_and_stores_nothing(page: Page):
    page.goto(ARTICLE)
    default = regions(page)
    linked = default[-2]  # not first already
    page.goto(f"{ARTICLE}?region={linked}")
    assert regions(page) == [linked, *[r for r in default if r != linked]]
    assert page.input_value("[data-bu-region-select]") == linked
    assert stored(page) == {"local": 0, "session": 0, "cookies": ""}
    assert page.context.cookies() == []
    page.goto(ARTICLE)  # the next visit without the link: the usual order
    assert regions(page) == default


def test_a_region_link_ignores_an_unknown_id_and_not_the_case_of_a_known_one(page: Page):
    page.goto("get-help/")
    default = regions(page)
    page.goto("get-help/?region=atlantis")
    assert regions(page) == default and page.input_value("[data-bu-region-select]") == ""
    page.goto(f"get-help/?region={default[1].upper()}")
    assert regions(page)[0] == default[1]
    assert stored(page)["local"] == 0


def test_the_readers_own_saved_choice_wins_over_a_region_link(page: Page):
    page.goto(ARTICLE)
    default = regions(page)
    saved, linked = default[2], default[1]
    page.select_option("[data-bu-region-select]", saved)
    page.goto(f"{ARTICLE}?region={linked}")
    assert regions(page)[0] == saved
    assert page.evaluate("localStorage.getItem('between-us-region')") == saved  # unchanged by the link


@pytest.mark.parametrize("src", [articles()[0], articles()[-1]])
def test_a_short_link_lands_on_its_article(page: Page, src: str):
    meta = front_matter(src)
    page.goto(f"a/{meta['id']}/")
    page.wait_for_url(f"**/{url_of(src)}")
    assert page.locator("h1").inner_text() == meta["title"]


def test_a_topic_pack_prints_each_article_from_a_new_page(page: Page, output_dir: Path):
    topic = "intimacy"
    sources = [src for src in articles() if src.startswith(topic + "/")]
    page.goto(f"{topic}/pack/")
    pdf = output_dir / f"pack-{topic}.pdf"
    page.pdf(path=pdf, format="A4")
    reader = PdfReader(pdf)
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    # The introduction, then at least one sheet per article; a few sheets each at most.
    assert len(sources) + 1 <= len(pages) <= 6 * len(sources) + 2, len(pages)
    text = " ".join(pages)
    squeezed = text.replace(" ", "")  # lines break inside long addresses
    starts = [page_text[:200] for page_text in pages]
    for src in sources:
        meta = front_matter(src)
        # Each article begins a page: its title is at the top of one.
        assert any(start.startswith(meta["title"]) for start in starts), (src, starts)
        assert (SITE_URL + url_of(src)).replace(" ", "") in squeezed, src
        assert f"{HOST}/a/{meta['id']}/" in squeezed, src
    assert text.count("Review: pending (not yet checked by a clinician)") == len(sources)
    assert text.count("Need to talk to someone now?") == 1
    assert pages[-1].count("In danger now") >= 1 or "In danger now" in " ".join(pages[-3:])
    assert "Show my region first" not in text and "All regions" not in text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_topic_pack_has_no_wcag_a_or_aa_violations(new_page, scheme: str):
    page = new_page(scheme=scheme)
    page.goto("recovery/pack/")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                                            "wcag21aa", "wcag22aa"]},
                                       "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
