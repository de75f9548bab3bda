"""Topic packs (/<topic>/pack/): every article of a topic on one printable page, for clinics."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import urljoin

from between_us import urls
from between_us.packs import for_pack
from conftest import Build
from sitedata import ROOT, TOPICS, articles, front_matter, mkdocs_config, url_of

SITE_URL = mkdocs_config()["site_url"]


def _topic_articles(topic: str) -> list[str]:
    return [src for src in articles() if src.startswith(topic + "/")]


def test_an_articles_html_keeps_its_own_ids_its_links_lead_where_they_did_and_its_headings_go_down_a_level():
    html = ('<h2 id="what-helps">What helps</h2><p><a href="#what-helps">up</a> <a href="../x/#y">other</a></p>'
            '<label for="f">x</label><div aria-labelledby="a b"></div><h3>Sub</h3>'
            '<img src="photo.png" alt=""><a href="./">itself</a><a href="https://www.nhs.uk/">NHS</a>'
            '<a href="tel:988">988</a><a href="/abs/">abs</a>')
    assert for_pack(html, "art--", "../art/") == (
        '<h3 id="art--what-helps">What helps</h3><p><a href="#art--what-helps">up</a> <a href="../x/#y">other</a>'
        '</p><label for="art--f">x</label><div aria-labelledby="art--a art--b"></div><h4>Sub</h4>'
        '<img src="../art/photo.png" alt=""><a href="../art/">itself</a><a href="https://www.nhs.uk/">NHS</a>'
        '<a href="tel:988">988</a><a href="/abs/">abs</a>')


def test_each_topic_has_a_pack_with_every_article_in_hub_order(site: Build):
    for topic in TOPICS:
        pack = site.page(f"{topic}/pack/index.html")
        sections = pack.css(".bu-pack__article")
        titles = [s.css_first(".bu-pack__title").text() for s in sections]
        assert sorted(titles) == sorted(front_matter(src)["title"] for src in _topic_articles(topic)), topic
        hub = [a.text() for a in site.page(f"{topic}/index.html").css("article ul a")]
        assert titles == hub, topic  # the hub's order
        for section in sections:
            src = next(s for s in _topic_articles(topic) if front_matter(s)["title"] == section.css_first("h2").text())
            handout = section.css_first(".bu-handout")
            assert handout.css_first(".bu-handout__url").text() == SITE_URL + url_of(src)
            assert handout.css_first(".bu-handout__short").text().endswith(f"/a/{front_matter(src)['id']}/")
            short = f"{SITE_URL}a/{front_matter(src)['id']}/"
            assert handout.css_first("svg.bu-handout__qr title").text() == f"QR code: {short}"
            assert "Review: pending." in section.css_first(".bu-review").text()
            assert "Review: pending" in handout.text()
            assert section.css_first("h3[id$='--when-to-get-help']") is not None, src
            assert len(section.css(".bu-sources li a[href^='http']")) >= 3, src


def test_every_article_in_a_pack_carries_its_own_short_crisis_box_and_its_warning_points_to_it(site: Build):
    for topic in TOPICS:
        for section in site.page(f"{topic}/pack/index.html").css(".bu-pack__article"):
            box = section.css_first(".bu-crisis-short")
            assert box is not None and box.css_first(".bu-crisis-short__region a[href^='tel:']") is not None
            # Before the article's text: on its first printed sheet.
            assert section.html.index("bu-crisis-short") < section.html.index("bu-in-short")
            warning = section.css_first(".bu-warnings")
            if warning is not None:
                assert "this pack" not in warning.text() and "at the start of this article" in warning.text()


def test_a_pack_has_one_crisis_block_at_the_end_with_the_lines_its_articles_need(site: Build):
    for topic in TOPICS:
        pack = site.page(f"{topic}/pack/index.html")
        assert len(pack.css("[data-bu-crisis]")) == 1
        tags = {tag for src in _topic_articles(topic) for tag in front_matter(src)["tags"]}
        block = pack.css_first("[data-bu-crisis]").text()
        assert ("Domestic Violence Hotline" in block) == ("abuse" in tags), topic
        assert ("SAMHSA" in block) == (topic == "recovery" or "recovery" in tags), topic


def test_a_pack_page_has_no_id_twice(site: Build):
    for topic in TOPICS:
        ids = Counter(node.attributes["id"] for node in site.page(f"{topic}/pack/index.html").css("[id]"))
        assert [i for i, n in ids.items() if n > 1] == [], topic


def test_packs_stay_out_of_search_feeds_and_related_lists(site: Build):
    for topic in TOPICS:
        pack = site.page(f"{topic}/pack/index.html")
        assert pack.css_first("[data-pagefind-body]") is None
        assert pack.css_first("[data-pagefind-meta]") is None
    for feed in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        links = {item.findtext("link") for item in ET.fromstring(site.html(feed)).find("channel").findall("item")}
        assert not any("/pack/" in link for link in links), feed
    for src in articles():
        related = site.page(url_of(src) + "index.html").css(".bu-related a")
        assert related and not any("pack" in (a.attributes.get("href") or "") for a in related), src


def test_packs_are_listed_on_their_hub_and_on_for_clinics_and_in_the_url_manifest(site: Build):
    manifest = set(urls.read_manifest(ROOT / "data" / "urls.txt"))
    clinics = {urljoin("/for-clinics/", a.attributes.get("href") or "")
               for a in site.page("for-clinics/index.html").css("article a")}
    for topic in TOPICS:
        link = site.page(f"{topic}/index.html").css_first(".bu-pack-link a")
        assert urljoin(f"/{topic}/", link.attributes["href"]) == f"/{topic}/pack/"
        assert f"/{topic}/pack/" in clinics, topic
        assert f"/{topic}/pack/" in manifest, topic
