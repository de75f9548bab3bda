"""What a printed article carries: the QR code, the short crisis box, the safety line of an article about abuse."""

import re

from between_us import strings
from between_us.handout import address_html, footer_css, qr_svg
from conftest import Build
from sitedata import ROOT, articles, front_matter, url_of


def test_qr_code_is_inline_svg_named_for_its_url():
    svg = qr_svg("https://between-us.example.org/intimacy/a/", "QR code: {url}")
    assert svg.startswith("<svg") and 'class="bu-handout__qr"' in svg
    assert "<title>QR code: https://between-us.example.org/intimacy/a/</title>" in svg
    assert re.search(r'<path[^>]+d="M', svg)


def test_an_address_breaks_only_between_its_parts():
    assert address_html("https://between-us.example.org/a/16/?region=uk") == "<wbr>".join(
        f'<span class="bu-nobreak">{part}</span>'
        for part in ("https://", "between-us.example.org/", "a/", "16/?", "region=", "uk"))
    assert address_html("<x>") == '<span class="bu-nobreak">&lt;x&gt;</span>'


def test_a_pages_running_footer_names_the_site_and_each_pack_articles_own_short_link():
    css = footer_css('Between "Us"', "example.org/intimacy/pack/", {16: "example.org/a/16/"})
    assert css.splitlines() == [
        '@page { @bottom-left { content: "Between \\22 Us\\22  \\b7  example.org/intimacy/pack/"; } }',
        '.bu-pack__article[data-bu-number="16"] { page: bu-a16; }',
        '@page bu-a16 { @bottom-left { content: "Between \\22 Us\\22  \\b7  example.org/a/16/"; } }']


def test_different_urls_give_different_codes():
    assert qr_svg("https://between-us.example.org/a/", "{url}") != qr_svg("https://between-us.example.org/b/", "{url}")


def test_every_article_carries_a_short_crisis_box_before_its_text_and_abuse_articles_a_safety_line(site: Build):
    en = strings.load_all(ROOT / "data" / "strings")["en"]
    for src in articles():
        meta = front_matter(src)
        page = site.page(url_of(src) + "index.html")
        html = page.css_first(".md-content").html
        box = page.css_first(".md-content .bu-crisis-short")
        assert box is not None and len(box.css(".bu-crisis-short__region a[href^='tel:']")) >= 5, src
        assert html.index("bu-crisis-short") < html.index("bu-in-short"), src  # on the first printed page
        safety = page.css_first(".bu-safety-line.bu-print-only")
        assert (safety is not None) == ("abuse" in meta["tags"]), src
        if safety is not None:
            assert safety.text().strip() == en["print"]["abuse_safety"]
        # "In short" prints no "Leave this site": a point about the button has a text for paper instead.
        for point in page.css(".bu-in-short li"):
            if en["exit"]["button"] in point.text():
                assert point.css_first(".bu-screen-only") and point.css_first(".bu-print-only"), src
                assert en["exit"]["button"] not in point.css_first(".bu-print-only").text()
