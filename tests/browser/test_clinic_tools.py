"""Clinic tools in a real browser: a link that puts a region first (`?region=`), short links (/a/<id>/), and a
topic pack printed to PDF."""

from __future__ import annotations

import re
from pathlib import Path

import outside_checkers as audit
import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from between_us.host_redirects import HOSTS
from playwright.sync_api import Browser, Page
from sitedata import ROOT, articles, front_matter, mkdocs_config, url_of

from browser.printing import FORMATS, body_lines, footer_of, print_pdf

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


def test_a_short_link_keeps_the_links_region_and_fragment(page: Page):
    src = articles()[0]
    meta = front_matter(src)
    page.goto(url_of(src))
    linked = regions(page)[-2]
    heading = page.locator(".md-content h2[id]").nth(1).get_attribute("id")
    page.goto(f"a/{meta['id']}/?region={linked}#{heading}")
    page.wait_for_url(f"**/{url_of(src)}?region={linked}#{heading}")
    assert regions(page)[0] == linked
    assert stored(page) == {"local": 0, "session": 0, "cookies": ""}


def test_without_scripts_a_short_link_with_a_region_lands_on_its_article_with_every_line(browser: Browser,
                                                                                         base_url: str):
    """On a host that ignores `_redirects` (GitHub Pages, a plain server: `base_url`), the redirect page's
    refresh lands on the article; it cannot carry the query, but every region's lines are there."""
    src = articles()[-1]
    meta = front_matter(src)
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"a/{meta['id']}/?region=uk")
        page.wait_for_url(f"**/{url_of(src)}")
        assert page.locator("h1").inner_text() == meta["title"]
        crisis = page.locator("[data-bu-crisis] .bu-crisis__region")
        assert crisis.count() == len(data_regions()) and page.locator("[data-region='uk'] a[href^='tel:']").count()
    finally:
        context.close()


@pytest.mark.parametrize("host", HOSTS)
def test_without_scripts_a_short_link_keeps_its_region_and_fragment_on_a_host_that_reads_redirects(
        browser: Browser, site, host: str):
    """Netlify and Cloudflare Pages (as the audit's server emulates them) answer /a/<id>/ with a 301 from
    `_redirects`: the query passes on, and the browser carries the fragment over."""
    src = articles()[0]
    meta = front_matter(src)
    heading = site.page(url_of(src) + "index.html").css(".md-content h2[id]")[1].attributes["id"]
    with audit.serve(site.site, host) as url:
        context = browser.new_context(base_url=url, java_script_enabled=False)
        try:
            page = context.new_page()
            page.goto(f"a/{meta['id']}/?region=uk#{heading}")
            assert page.url == f"{url}{url_of(src)}?region=uk#{heading}"
            assert page.locator("h1").inner_text() == meta["title"]
            crisis = page.locator("[data-bu-crisis] .bu-crisis__region")
            assert crisis.count() == len(data_regions()) and page.locator("[data-region='uk'] a[href^='tel:']").count()
        finally:
            context.close()


def data_regions() -> list[dict]:
    return yaml.safe_load((ROOT / "data" / "helplines.yml").read_text(encoding="utf-8"))["regions"]


@pytest.mark.parametrize("paper", FORMATS)
def test_a_topic_pack_prints_each_article_as_its_own_handout(page: Page, output_dir: Path, paper: str):
    """Each article starts a new sheet with its own short crisis box; every one of its sheets carries its
    short link and a page number; no sheet holds a few stray lines but the last; one full block closes."""
    topic = "intimacy"
    sources = [src for src in articles() if src.startswith(topic + "/")]
    page.goto(f"{topic}/pack/")
    page.emulate_media(media="print")
    assert set(page.locator(".bu-pack__article").evaluate_all(
        "nodes => nodes.map(n => getComputedStyle(n).breakBefore)")) == {"right"}
    sheets = print_pdf(page, output_dir / f"pack-{topic}-{paper}.pdf", paper)
    # The introduction, then at least one sheet per article; a few sheets each at most.
    assert len(sources) + 1 <= len(sheets) <= 7 * len(sources) + 2, len(sheets)
    site_name = mkdocs_config()["site_name"]
    footers = [footer_of(sheet, number, len(sheets)) for number, sheet in enumerate(sheets, 1)]
    assert footers[0] == footers[-1] == f"{site_name} · {HOST}/{topic}/pack/"
    for number, sheet in enumerate(sheets[:-1], 1):
        assert len(body_lines(sheet)) >= 5, (number, sheet.text)
    text = " ".join(sheet.flat for sheet in sheets)
    squeezed = text.replace(" ", "")  # lines break between the parts of long addresses
    for src in sources:
        meta = front_matter(src)
        short = f"{HOST}/a/{meta['id']}/"
        # Each article begins a sheet: its title at the top, its short crisis box on that sheet, and every one
        # of its sheets names its short link.
        first = next(i for i, sheet in enumerate(sheets) if body_lines(sheet)[0].startswith(meta["title"][:30]))
        assert "Need to talk to someone now?" in sheets[first].flat and "In danger now: call" in sheets[first].flat
        assert "this pack" not in sheets[first].flat
        assert footers[first] == f"{site_name} · {short}", src
        assert footers[first - 1] != footers[first]
        assert (SITE_URL + url_of(src)).replace(" ", "") in squeezed, src
    assert text.count("Review: pending (not yet checked by a clinician)") == len(sources)
    assert text.count("Need to talk to someone now?") == len(sources) + 1  # a box each, the full block at the end
    names = [region["name"] for region in data_regions()]
    assert sum(line in names for line in body_lines(sheets[-1])) >= 2  # never one region alone
    assert "Show my region first" not in text and "All regions" not in text


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_topic_pack_has_no_wcag_a_or_aa_violations(new_page, scheme: str):
    page = new_page(scheme=scheme)
    page.goto("recovery/pack/")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                                            "wcag21aa", "wcag22aa"]},
                                       "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
