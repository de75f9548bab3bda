"""Printed handouts, in Chromium's print emulation and as a real PDF: the article, its address (text and
QR code), dates, review status and every region's crisis lines; none of the site's controls."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from pypdf import PdfReader
from sitedata import articles, front_matter, mkdocs_config, url_of

pytestmark = pytest.mark.browser

SOURCE = articles()[0]
ARTICLE = url_of(SOURCE)
META = front_matter(SOURCE)
CANONICAL = mkdocs_config()["site_url"].rstrip("/") + "/" + ARTICLE
# What a handout leaves out: header, search, navigation, quick exit, region picker, footer.
NOT_PRINTED = [".md-header", ".bu-search", ".md-sidebar--primary", ".md-sidebar--secondary", ".bu-topbar",
               ".bu-exit-skip", ".bu-crisis__picker", ".md-footer", ".md-skip"]
NOT_PRINTED_TEXT = ["Leave this site", "Skip to content", "Show my region first", "All regions", "Back to top"]


def printed(page: Page) -> Page:
    page.goto(ARTICLE)
    page.emulate_media(media="print")
    return page


def long_date(day: dt.date) -> str:
    """A date as the article template writes it: '3 November 2026'."""
    return f"{day.day} {day:%B %Y}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_printed_article_is_a_clean_handout(new_page: Callable[..., Page], scheme: str):
    page = printed(new_page(scheme=scheme))
    for selector in NOT_PRINTED:
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(page.locator("h1")).to_have_text(META["title"])
    expect(page.locator(".md-content p").first).to_be_visible()
    handout = page.locator(".bu-handout")
    expect(handout.locator("svg.bu-handout__qr")).to_be_visible()
    expect(handout.locator(".bu-handout__url")).to_have_text(CANONICAL)
    for fact in (f"Written {long_date(META['date'])}", f"updated {long_date(META['updated'])}",
                 f"Review: {META['review']}"):
        expect(handout).to_contain_text(fact)
    regions = page.locator(".bu-crisis__region")
    # Every region the picker offers is printed, whatever the reader chose on screen.
    assert regions.count() == page.locator("[data-bu-region-select] option[value]:not([value=''])").count() > 1
    for region in regions.all():
        expect(region).to_be_visible()
        expect(region.locator(".bu-crisis__emergency")).to_be_visible()


def test_the_qr_code_is_shown_only_on_paper(page: Page):
    page.goto(ARTICLE)
    expect(page.locator(".bu-handout")).to_be_hidden()
    page.emulate_media(media="print")
    expect(page.locator(".bu-handout")).to_be_visible()


AFTER_JS = "(link) => getComputedStyle(link, '::after').content"


def test_printed_links_show_their_full_address(page: Page):
    page = printed(page)
    source = page.locator(".bu-sources a").first
    assert source.get_attribute("href") in source.evaluate(AFTER_JS)
    # A link within the site prints the public address (from the canonical URL), not a relative one.
    topic = page.locator(".bu-meta a").first  # the article's topic
    assert topic.evaluate(AFTER_JS) == f'" ({mkdocs_config()["site_url"]}{META["topic"]}/)"'
    # Phone numbers already show what to dial.
    assert page.locator(".bu-crisis a[href^='tel:']").first.evaluate(AFTER_JS) == "none"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_printed_text_has_enough_contrast_in_both_schemes(new_page: Callable[..., Page], scheme: str):
    """Printing from dark mode still gives dark text on white paper."""
    page = printed(new_page(scheme=scheme))
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]},
                                       "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


def test_the_pdf_of_an_article_has_its_text_address_and_crisis_numbers(page: Page, output_dir: Path):
    page.goto(ARTICLE)
    numbers = page.locator(".bu-crisis a[href^='tel:']").all_inner_texts()
    pdf = output_dir / "handout.pdf"
    page.pdf(path=pdf, format="A4")
    assert 20_000 < pdf.stat().st_size < 2_000_000
    reader = PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 12
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    squeezed = text.replace(" ", "")  # lines break inside long addresses
    assert META["title"] in text
    assert CANONICAL in squeezed
    assert "Need to talk to someone now?" in text
    assert "In short" in text and META["summary"][0].replace(" ", "") in squeezed
    assert numbers and [n for n in numbers if re.sub(r"\s+", "", n) not in squeezed] == []
    assert [words for words in NOT_PRINTED_TEXT if words in text] == []


def test_collapsed_sections_print_open(page: Page, output_dir: Path):
    """On paper a collapsed section cannot be opened: printing opens it (print.js, on beforeprint)."""
    page.goto(ARTICLE)
    page.evaluate("""() => {
      const details = document.createElement("details");
      details.innerHTML = "<summary>More</summary><p>Only inside the collapsed section.</p>";
      document.querySelector(".md-content article").append(details);
    }""")
    pdf = output_dir / "handout-details.pdf"
    page.pdf(path=pdf, format="A4")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "Only inside the collapsed section." in text
