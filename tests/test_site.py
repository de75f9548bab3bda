"""Properties of the real site, built once: structure, search, feed, privacy, crisis lines, articles."""

from __future__ import annotations

import email.utils
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from between_us import search_vocabulary
from conftest import Build, build_site
from pagefind_index import indexed_page
from sitedata import ROOT, TOPICS, articles, front_matter, mkdocs_config, url_of

SITE_URL = mkdocs_config()["site_url"]
ARTICLES = articles()
# Elements and attributes through which a page makes the browser fetch something.
FETCHING = [("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
            ("audio", "src"), ("embed", "src"), ("object", "data"), ("image", "href")]
FETCHING_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "preconnect",
                      "dns-prefetch", "apple-touch-icon"}


def html_path(src: str) -> str:
    return url_of(src) + "index.html"


def test_every_topic_hub_links_each_of_its_articles(site: Build):
    for topic in TOPICS:
        hub = site.page(f"{topic}/index.html")
        links = {a.attributes.get("href") for a in hub.css("article a")}
        for src in (a for a in ARTICLES if a.startswith(topic + "/")):
            assert f"{Path(src).stem}/" in links, f"{topic} hub does not link {src}"


# The folders of the site's other languages (each has its own search index, checked in test_editions.py).
OTHER_LANGUAGES = tuple(f"{edition['lang']}/" for edition in mkdocs_config()["extra"]["languages"][1:])


def _indexed(site: Build) -> dict[str, object]:
    """The pages the root language's search indexes: those whose content is marked for Pagefind."""
    return {path: page for path, page in site.pages.items()
            if page.css_first("[data-pagefind-body]") is not None and not path.startswith(OTHER_LANGUAGES)}


def test_search_indexes_every_article_and_site_page_and_nothing_else(site: Build):
    indexed = _indexed(site)
    for src in ARTICLES:
        assert html_path(src) in indexed, src
    for path in ("index.html", "get-help/index.html", "privacy/index.html", "intimacy/index.html"):
        assert path in indexed, path
    assert "404.html" not in indexed and "tags/index.html" not in indexed
    entry = json.loads(site.html("pagefind/pagefind-entry.json"))
    assert entry["languages"]["en"]["page_count"] == len(indexed)


def test_hub_listings_stay_out_of_the_search_index(site: Build):
    # Search finds each article by itself; listing it again made the hubs come up for its every word.
    for topic in TOPICS:
        listing = site.page(f"{topic}/index.html").css_first("[data-pagefind-body] ul[data-pagefind-ignore]")
        assert listing is not None and listing.css("li a"), topic


def test_crisis_block_is_on_every_page_but_not_in_the_search_index(site: Build):
    for path, page in site.pages.items():
        assert page.css_first("[data-bu-crisis]") is not None, path
        assert page.css_first('[data-bu-crisis] a[href^="tel:"]') is not None, path
        assert page.css_first("[data-pagefind-body] [data-bu-crisis]") is None, path
    get_help = site.page("get-help/index.html").css_first("[data-pagefind-body]").text()
    assert "988" in get_help and "Samaritans" in get_help


def test_search_holds_each_pages_keywords_synonyms_and_result_meta_and_readers_download_none_of_it(site: Build):
    src = "intimacy/medication-and-sexual-side-effects.md"
    indexed = indexed_page(site.site, "/" + url_of(src))
    words = indexed["content"].split()
    terms = int(indexed["meta"]["terms"])
    keywords = " ".join(front_matter(src)["keywords"]).split()
    # The last words of its text (Pagefind ends each paragraph with ".").
    hidden = [word.rstrip(".") for word in words[-terms:]]
    assert hidden[:len(keywords)] == keywords
    synonyms = hidden[len(keywords):]
    assert {"drive", "antidepressant", "sertraline"} <= set(synonyms) and "libido" not in synonyms  # a keyword already
    assert indexed["meta"]["topic"] == "Intimacy"
    assert indexed["meta"]["summary"].startswith(front_matter(src)["summary"][0])
    for path, page in site.pages.items():
        assert "bu-search-only" not in site.html(path) and page.css_first("[data-pagefind-meta]") is None, path


def test_crisis_phrases_for_search_include_every_service_name_and_number(site: Build):
    phrases = json.loads(site.html("search/crisis-phrases.json"))
    english, spanish = phrases["languages"]["en"], phrases["languages"]["es"]
    assert {"suicide", "suicidal", "kill myself", "self harm", "rape", "hotline"} <= set(english["within"])
    assert {"quiero morir", "suicidio", "me pega", "violacion"} <= set(spanish["within"])  # accents dropped
    assert {"samaritans", "116 123", "116123", "988", "13 11 14", "131114", "911", "999"} <= set(phrases["any"])
    assert "lifeline" in english["alone"] and "lifeline" not in phrases["any"]  # an everyday word


def test_each_edition_searches_with_its_own_languages_small_words_and_readers_words(site: Build):
    english, spanish = (json.loads(site.html(f"{root}search/crisis-phrases.json")) for root in ("", "es/"))
    assert {"how", "my"} <= set(english["small_words"]) and not {"de", "que"} & set(english["small_words"])
    assert {"de", "que", "mi"} <= set(spanish["small_words"]) and "how" not in spanish["small_words"]
    assert spanish["languages"] == english["languages"]  # every language's crisis phrases on both editions
    # A Spanish article is indexed with the Spanish groups its words use (data/search-synonyms.es.yml).
    indexed = indexed_page(site.site / "es", "/intimacy/depression-anxiety-and-desire/")
    hidden = indexed["content"].split()[-int(indexed["meta"]["terms"]):]
    assert {"sertralina", "isrs", "impotencia"} <= {word.rstrip(".") for word in hidden}
    assert indexed["meta"]["topic"] == "Intimacy"  # shown by its name in the page's language (data/strings)
    entry = json.loads(site.html("es/pagefind/pagefind-entry.json"))
    assert list(entry["languages"]) == ["es"]
    words = search_vocabulary.decode(site.html("es/search/vocabulary.txt"))
    assert {"pareja", "recaída", "vergüenza"} <= set(words) and "partner" not in words


def test_the_vocabulary_for_mistyped_words_is_every_indexed_word_of_letters_each_once(site: Build):
    words = search_vocabulary.decode(site.html("search/vocabulary.txt"))
    # The articles' words, and the readers' words they are indexed with ("codependency": no article uses it).
    assert {"lonely", "jealous", "anxiety", "relationship", "codependency"} <= set(words)
    assert len(words) == len(set(words)) and all(word.isalpha() and word == word.lower() for word in words)
    assert words.index("partner") < words.index("lonely") < words.index("codependency")  # in bands, common first


def test_crisis_regions_are_in_the_same_order_on_every_page(site: Build):
    orders = {tuple(s.attributes["data-region"] for s in page.css(".bu-crisis__region"))
              for page in site.pages.values()}
    assert len(orders) == 1


def test_rss_feed_lists_every_article_with_date_and_absolute_link(site: Build):
    for feed in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        channel = ET.fromstring(site.html(feed)).find("channel")
        items = channel.findall("item")
        links = {item.findtext("link") for item in items}
        for src in ARTICLES:
            assert urljoin(SITE_URL, url_of(src)) in links, (feed, src)
        for item in items:
            assert email.utils.parsedate_to_datetime(item.findtext("pubDate")).year >= 2026
            assert item.findtext("title") and item.findtext("description")
            assert urlsplit(item.findtext("link")).scheme == "https"
        # The description and "In short", not the full text: a reader meets an article on its page.
        by_link = {item.findtext("link"): item.findtext("description") for item in items}
        for src in ARTICLES:
            meta = front_matter(src)
            expected = f"{meta['description']} In short: {' '.join(meta['summary'])}"
            assert by_link[urljoin(SITE_URL, url_of(src))].strip() == expected, src


def test_every_page_links_the_feed_in_head_and_footer(site: Build):
    for path, page in site.pages.items():
        if page.css_first('meta[http-equiv="refresh"]'):
            continue
        assert page.css_first('head link[rel="alternate"][type="application/rss+xml"]'), path
        assert page.css_first('.md-footer a[href$="feed_rss_created.xml"]'), path


def _other_origin(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def test_no_page_requests_anything_from_another_origin(site: Build):
    for path, page in site.pages.items():
        for tag, attr in FETCHING:
            for node in page.css(f"{tag}[{attr}]"):
                assert not _other_origin(node.attributes[attr] or ""), (path, node.html)
        for node in page.css("link[href]"):
            rels = set((node.attributes.get("rel") or "").split())
            if rels & FETCHING_LINK_RELS:
                assert not _other_origin(node.attributes["href"] or ""), (path, node.html)
        assert page.css_first("iframe") is None, path
        styles = [n.text() for n in page.css("style")] + [n.attributes.get("style") or "" for n in page.css("[style]")]
        for style in styles:
            assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", style), (path, style)
    for css in site.site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import\s+(url\()?['\"]?(https?:)?//", text), css


def test_no_cookies_or_analytics_in_our_code(site: Build):
    for asset in (ROOT / "overrides").rglob("*"):
        if asset.suffix in (".js", ".html"):
            text = asset.read_text(encoding="utf-8")
            assert "document.cookie" not in text and "analytics" not in text.lower(), asset
    assert "analytics" not in (ROOT / "mkdocs.yml").read_text()


def test_nav_lists_hubs_not_articles(site: Build):
    sizes = set()
    for src in [*ARTICLES, "index.md"]:
        nav_links = site.page(html_path(src)).css(".md-nav--primary a.md-nav__link")
        hrefs = [a.attributes.get("href") or "" for a in nav_links]
        assert not any(Path(a).stem in h for h in hrefs for a in ARTICLES if Path(a).stem), src
        sizes.add(len(hrefs))
    # The same hubs everywhere; only the open section (About) adds its few pages.
    assert max(sizes) - min(sizes) <= 6 and max(sizes) < 25, sizes


def test_404_page_offers_search_hubs_and_crisis_lines(site: Build):
    page = site.page("404.html")
    hrefs = {a.attributes.get("href") for a in page.css("article a")}
    assert {"/intimacy/", "/stigma/", "/communication/", "/recovery/", "/get-help/"} <= hrefs
    assert page.css_first("[data-bu-search-open]") is not None
    assert page.css_first("[data-bu-crisis]") is not None


def test_every_page_has_get_help_and_quick_exit_links(site: Build):
    for path, page in site.pages.items():
        if page.css_first('meta[http-equiv="refresh"]'):
            continue
        assert page.css_first(".bu-topbar__help"), path
        exits = page.css("[data-bu-exit]")
        assert len(exits) == 2 and all(e.attributes["rel"] == "nofollow noreferrer" for e in exits), path


def test_articles_show_their_facts(site: Build):
    for src in ARTICLES:
        meta = front_matter(src)
        page = site.page(html_path(src))
        text = page.css_first("article").text()
        assert "min read" in text and "Review: pending." in text, src
        topic_link = page.css_first(".bu-meta a").attributes["href"]
        assert urljoin(f"/{url_of(src)}", topic_link) == f"/{meta['topic']}/", src
        assert "Written" in text and "Updated" in text
        assert len(page.css(".bu-sources li a[href^='http']")) >= 3, src
        assert page.css_first(".bu-related li a"), src
        assert page.css_first(".bu-handout svg"), src
        if meta.get("warnings"):
            assert page.css_first(".bu-warnings"), src
            assert all(w in page.css_first(".bu-warnings").text() for w in meta["warnings"]), src
        else:
            assert page.css_first(".bu-warnings") is None, src
        tags = {t.text(strip=True) for t in page.css(".md-tag")}
        assert set(meta["tags"]) <= tags, src


def test_topic_lines_follow_front_matter(site: Build):
    for src in ARTICLES:
        meta = front_matter(src)
        block = site.page(html_path(src)).css_first("[data-bu-crisis]").text()
        assert ("SAMHSA" in block) == (meta["topic"] == "recovery" or "recovery" in meta["tags"]), src
        assert ("Domestic Violence Hotline" in block) == ("abuse" in meta["tags"]), src


def test_every_published_url_is_in_the_manifest(site: Build):
    manifest = set((ROOT / "data" / "urls.txt").read_text().split())
    pages = {"/" + p.removesuffix("index.html") for p in site.pages if not p.endswith("404.html")}
    assert pages <= manifest, f"run `make urls` to add: {sorted(pages - manifest)}"


def test_two_builds_are_identical(site: Build, tmp_path: Path):
    again = build_site(tmp_path / "again", with_articles=True)
    assert again.returncode == 0, again.output
    first = {p.relative_to(site.site): p.read_bytes() for p in site.site.rglob("*") if p.is_file()}
    second = {p.relative_to(again.site): p.read_bytes() for p in again.site.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_every_article_shows_its_summary_as_in_short_under_the_title_block(site: Build):
    for src in ARTICLES:
        page = site.page(html_path(src))
        # After the title block and the short crisis box of the first printed page.
        box = page.css_first("article .bu-meta + .bu-crisis-short + .bu-in-short, "
                             "article .bu-meta + .bu-crisis-short + .bu-safety-line + .bu-in-short")
        assert box is not None and box.css_first("h2").text() == "In short", src
        # A point about the quick-exit button has a text for paper beside it (print.css shows one or the other).
        points = [(li.css_first(".bu-screen-only") or li).text().strip() for li in box.css("li")]
        assert points == front_matter(src)["summary"], src


def test_every_hub_starts_with_the_article_its_editors_chose(site: Build):
    for topic in TOPICS:
        first = site.page(f"{topic}/index.html").css_first("li.bu-start-here")
        chosen = [src for src in ARTICLES if src.startswith(f"{topic}/") and front_matter(src).get("order") == 1]
        assert first is not None and len(chosen) == 1, topic
        assert first.css_first("a").text() == front_matter(chosen[0])["title"], topic


def test_the_site_is_built_by_properdocs_everywhere_it_is_built(site: Build):
    """ProperDocs, the maintained continuation of MkDocs 1.x, runs every build: make, tests, audit, bench."""
    generator = site.page("index.html").css_first("meta[name=generator]").attributes["content"]
    assert generator.startswith("mkdocs-ProperDocs 1.6.7"), generator
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "/mkdocs " not in makefile and makefile.count("$(BIN)/properdocs ") >= 5
    for runner in ("audit/outside_checkers.py", "benchmarks/bench.py", "tests/conftest.py"):
        code = (ROOT / runner).read_text(encoding="utf-8")
        assert '"properdocs"' in code and '"mkdocs"), "build"' not in code and '"mkdocs", "build"' not in code, runner
