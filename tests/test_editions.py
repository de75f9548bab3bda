"""The site's editions, one per language: the plain functions, then small two-language sites built for real."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
import textstat
from between_us import sitemaps, urls
from between_us.editions import (
    Editions,
    alternates,
    edition_redirects,
    fall_back_to_root,
    relative_href,
    root_links_relative,
    root_pages,
    start_build,
    translation_findings,
)
from between_us.findings import Level
from between_us.language import check_language, load_table, rules_for
from between_us.links import built_file
from between_us.readability import check_reading_ease_es, reading_ease_es, reading_grade
from between_us.settings import Edition, SiteSettings
from conftest import Build, article, build_site
from pagefind_index import indexed_page
from pydantic import ValidationError
from sitedata import ROOT

EN, ES = Edition(lang="en", name="English"), Edition(lang="es", name="Español", config="mkdocs.es.yml")
TEXTS = {"en": ("This page in English", "Between Us in English"),
         "es": ("Esta página en español", "Between Us en español")}


# ---- plain functions ------------------------------------------------------------------------------------

def test_languages_are_validated_with_the_fix_named():
    assert SiteSettings.model_validate({"quick_exit_url": "https://example.org/"}).languages == [EN]
    for languages, message in (
            ([{"lang": "en", "name": "English", "config": "mkdocs.en.yml"}], "give it no `config`"),
            ([EN.model_dump(), {"lang": "es", "name": "Español"}], "needs `config: mkdocs.es.yml`"),
            ([EN.model_dump(), ES.model_dump(), ES.model_dump()], "each language is listed once")):
        with pytest.raises(ValidationError, match=message):
            SiteSettings.model_validate({"quick_exit_url": "https://example.org/", "languages": languages})


def test_each_edition_knows_its_prefix_folders_docs_and_root_url(tmp_path: Path):
    english, spanish = Editions.of([EN, ES], "en"), Editions.of([EN, ES], "es")
    assert (english.prefix(), spanish.prefix(), english.prefix(ES)) == ("", "/es", "/es")
    assert english.sub_folders() == ("es",) and spanish.sub_folders() == ()
    assert spanish.docs_dir(EN, tmp_path / "docs" / "es") == tmp_path / "docs"
    assert english.docs_dir(ES, tmp_path / "docs") == tmp_path / "docs" / "es"
    assert spanish.root_url("https://example.org/es/") == "https://example.org/"
    with pytest.raises(ValueError, match=r"theme\.language is 'fr'"):
        Editions.of([EN, ES], "fr")


def test_relative_links_between_editions():
    assert relative_href("/es/intimacy/x/", "/intimacy/x/") == "../../../intimacy/x/"
    assert relative_href("/", "/es/") == "es/" and relative_href("/es/", "/") == "../"
    assert relative_href("/a/", "/a/") == "./"


def test_alternates_lead_to_the_twin_or_to_the_other_editions_home(tmp_path: Path):
    docs = tmp_path / "docs"
    for path in ("get-help.md", "about.md", "es/get-help.md"):
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text("x")
    root = "https://example.org/"
    twin = alternates(Editions.of([EN, ES], "en"), "get-help.md", docs, root, TEXTS)
    assert [(a.lang, a.href, a.url, a.twin, a.text) for a in twin] == [
        ("en", "./", "https://example.org/get-help/", True, "This page in English"),
        ("es", "../es/get-help/", "https://example.org/es/get-help/", True, "Esta página en español")]
    alone = alternates(Editions.of([EN, ES], "en"), "about.md", docs, root, TEXTS)[1]
    assert (alone.href, alone.twin, alone.text) == ("../es/", False, "Between Us en español")
    back = alternates(Editions.of([EN, ES], "es"), "get-help.md", docs / "es", root, TEXTS)
    assert [(a.lang, a.href) for a in back] == [("es", "./"), ("en", "../../get-help/")]


def test_a_link_to_an_english_page_by_its_site_path_becomes_relative():
    html = '<a href="/intimacy/x/#part">a</a> <a href="//cdn.example/">b</a> <a href="https://x.org/">c</a>'
    assert root_links_relative(html, "/es/stigma/y/") == (
        '<a href="../../../intimacy/x/#part">a</a> <a href="//cdn.example/">b</a> <a href="https://x.org/">c</a>')


def test_a_theme_link_to_a_page_this_edition_lacks_falls_back_to_the_english_page(tmp_path: Path):
    (tmp_path / "es").mkdir()
    for name in ("privacy.md", "get-help.md", "es/get-help.md"):
        (tmp_path / name).write_text("x")
    root = root_pages(tmp_path, ["es"])
    assert root == {"/privacy/", "/get-help/"}
    html = '<a href="../privacy/">P</a><a href="../get-help/">H</a><a href="../assets/x.css">C</a><a href="#top">T</a>'
    assert fall_back_to_root(html, "/es/get-help/", "/es", {"/es/", "/es/get-help/"}, root) == (
        '<a href="../../privacy/">P</a><a href="../get-help/">H</a><a href="../assets/x.css">C</a><a href="#top">T</a>')
    absolute = fall_back_to_root('<a href="/es/privacy">P</a>', "/es/", "/es", {"/es/"}, root)
    assert absolute == '<a href="/privacy/">P</a>'


def test_a_translation_names_its_english_twin_and_is_told_when_the_english_changed():
    meta = {"translation_of": 7, "translated": dt.date(2026, 12, 1)}
    lines = {"translation_of": 9, "translated": 10}
    ok = {"id": 7, "updated": dt.date(2026, 11, 20)}
    assert translation_findings(meta, lines, "docs/es/x/a.md", ok, "docs/x/a.md") == []
    [none] = translation_findings(meta, lines, "docs/es/x/a.md", None, "docs/x/a.md")
    assert none.line == 9 and "no English article at docs/x/a.md" in none.message
    [other] = translation_findings(meta, lines, "docs/es/x/a.md", {"id": 8}, "docs/x/a.md")
    assert "write translation_of: 8" in other.message
    changed = {"id": 7, "updated": dt.date(2026, 12, 3)}
    [warn] = translation_findings(meta, lines, "docs/es/x/a.md", changed, "docs/x/a.md")
    assert warn.level is Level.WARNING and warn.line == 10 and "set translated: 2026-12-03" in warn.message
    [strict] = translation_findings(meta, lines, "docs/es/x/a.md", changed, "docs/x/a.md", strict=True)
    assert strict.level is Level.ERROR


def test_short_links_of_each_edition_are_kept_apart_in_the_manifest(tmp_path: Path):
    path = tmp_path / "urls.txt"
    urls.write_manifest(path, ["/a-page/", "/es/a-page/"], {3: "/a-page/"})
    urls.write_short_links(path, {3: "/es/a-page/"}, "/es")
    urls.write_short_links(path, {4: "/b/"})
    assert urls.read_short_links(path) == {3: "/a-page/", 4: "/b/"}
    assert urls.read_short_links(path, "/es") == {3: "/es/a-page/"}
    assert "/es/a/3/ -> /es/a-page/\n" in path.read_text()
    assert urls.read_manifest(path) == ["/a-page/", "/es/a-page/"]
    assert urls.in_edition("/es/x/", "/es") and not urls.in_edition("/es/x/", "", ["es"])
    assert urls.in_edition("/estigma/", "", ["es"]) and urls.article_number({"translation_of": 5}) == 5


def test_spanish_reading_ease_leaves_the_english_measure_alone():
    easy = "Hablar ayuda. Di lo que sientes. Escucha con calma. Pide ayuda si la necesitas."
    english = "Talking helps. Say what you feel. Listen calmly. Ask for help if you need it."
    before = reading_grade(english)
    assert reading_ease_es(easy) > 70
    assert reading_grade(english) == before and textstat.textstat._textstatistics__lang == "en_US"
    hard = ("La comunicación interpersonal constituye, indudablemente, un elemento fundamentalmente determinante "
            "para la consolidación de relaciones afectivas satisfactorias y duraderas entre personas adultas.")
    assert check_reading_ease_es(hard, "docs/es/x.md", 70, 60).level is Level.ERROR
    assert check_reading_ease_es(easy, "docs/es/x.md", 70, 60).level is Level.INFO


def test_spanish_pages_are_linted_with_the_spanish_terms_only():
    table = load_table(ROOT / "data" / "language.yml")
    spanish, english = rules_for(table, "es"), rules_for(table, "en")
    found, _ = check_language("Dicen que cometió suicidio. Un esquizofrénico. Bebidas alcohólicas.", 1, "x.md",
                              spanish)
    assert [f.message.split("'")[1] for f in found] == ["cometió suicidio", "Un esquizofrénico"]
    assert check_language("He committed suicide.", 1, "x.md", spanish) == ([], [])
    assert check_language("Cometió suicidio.", 1, "x.md", english) == ([], [])


# ---- two-language sites, built -------------------------------------------------------------------------

ENGLISH_ID = 9901  # far above the real articles' numbers and conftest's (9001...)


def _spanish_article(translated: str, body: str | None = None) -> str:
    body = body if body is not None else (
        "Sentirte cerca de alguien puede cambiar cuando estás mal. Es común y puede mejorar.\n\n"
        "## Qué ayuda\n\nHablen cuando los dos estén tranquilos. Sean breves y amables.\n\n"
        "## Cuándo buscar ayuda\n\nSi estás en peligro, [busca ayuda ahora](../get-help.md). También puedes leer "
        "[la página sobre privacidad](/privacy/) (en inglés).\n")
    return article("Cercanía cuando estás mal", id="", translation_of=str(ENGLISH_ID), translated=translated,
                   body=body, references=(
                       "[{title: Salud mental, publisher: MedlinePlus, url: 'https://medlineplus.gov/spanish/'},"
                       "\n  {title: NIMH page, publisher: NIMH, url: 'https://www.nimh.nih.gov/health', lang: en},"
                       "\n  {title: CDC page, publisher: CDC, url: 'https://www.cdc.gov/mental-health/', lang: en}]"))


def _pages(translated: str, **spanish: str) -> dict[str, str]:
    return {"intimacy/closeness.md": article("Closeness when you are low", id=str(ENGLISH_ID)),
            "es/intimacy/closeness.md": _spanish_article(translated), **spanish}


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(tmp_path_factory.mktemp("two-languages"), _pages("2026-11-25"), editions=True)
    assert build.returncode == 0, build.output
    return build


def test_spanish_pages_are_spanish_and_english_urls_stay_where_they_were(two_languages: Build):
    build = two_languages
    assert build.page("es/index.html").css_first("html").attributes["lang"] == "es"
    assert build.page("es/intimacy/closeness/index.html").css_first("html").attributes["lang"] == "es"
    assert build.page("index.html").css_first("html").attributes["lang"] == "en"
    # Every English address of the manifest is still a page at the same place (the build's own check passed).
    english = [u for u in urls.read_manifest(build.root / "data" / "urls.txt") if not u.startswith("/es/")]
    assert english and all((build.site / built_file(u)).exists() for u in english)
    assert "[stable-urls] /es/intimacy/closeness/ is a new page" in build.output
    assert "[translation]" not in build.output


def test_each_translated_page_links_its_twin_both_ways(two_languages: Build):
    build = two_languages
    for page in ("intimacy/closeness/index.html", "es/intimacy/closeness/index.html"):
        links = {n.attributes["hreflang"]: n.attributes["href"]
                 for n in build.page(page).css('link[rel="alternate"][hreflang]')}
        assert links == {"en": "https://between-us.example.org/intimacy/closeness/",
                         "es": "https://between-us.example.org/es/intimacy/closeness/",
                         "x-default": "https://between-us.example.org/intimacy/closeness/"}
    [switch] = build.page("intimacy/closeness/index.html").css(".bu-language a")
    assert (switch.attributes["href"], switch.attributes["lang"], switch.attributes["hreflang"]) == (
        "../../es/intimacy/closeness/", "es", "es")
    assert switch.css_first(".bu-language__text").text() == "Esta página en español"
    assert switch.css_first(".bu-language__name").text() == "Español"  # alone on a narrow screen (site.css)
    [back] = build.page("es/intimacy/closeness/index.html").css(".bu-language a")
    assert (back.attributes["href"], back.attributes["lang"], back.css_first(".bu-language__text").text()) == (
        "../../../intimacy/closeness/", "en", "This page in English")
    sitemap = (build.site / "es" / "sitemap.xml").read_text()
    assert ('<xhtml:link rel="alternate" hreflang="en" href="https://between-us.example.org/intimacy/closeness/"/>'
            in sitemap)
    assert 'hreflang="es" href="https://between-us.example.org/es/intimacy/closeness/"' in (
        build.site / "sitemap.xml").read_text()


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_search_engines_find_both_editions_sitemaps_from_the_root(two_languages: Build):
    """robots.txt names the sitemap index; the index lists each edition's sitemap, which lists that edition's
    pages, each with its twin as an hreflang alternate (DECISIONS.md: "A sitemap index for the editions")."""
    site = two_languages.site
    robots = (site / "robots.txt").read_text()
    assert robots.splitlines()[:2] == ["User-agent: *", "Allow: /"]
    assert "Sitemap: https://between-us.example.org/sitemap-index.xml" in robots.splitlines()
    index = ET.parse(site / "sitemap-index.xml").getroot()
    assert index.tag == f"{{{SITEMAP_NS['s']}}}sitemapindex"
    listed = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert listed == ["https://between-us.example.org/sitemap.xml", "https://between-us.example.org/es/sitemap.xml"]
    locs = {}
    for url in listed:
        sitemap = ET.parse(site / url.removeprefix("https://between-us.example.org/")).getroot()
        locs[url] = {u.findtext("s:loc", namespaces=SITEMAP_NS): {link.get("hreflang"): link.get("href") for link in
                                                                   u.findall("x:link", SITEMAP_NS)}
                     for u in sitemap.findall("s:url", SITEMAP_NS)}
    english, spanish = locs.values()
    assert "https://between-us.example.org/es/intimacy/closeness/" in spanish
    assert not any("/es/" in loc for loc in english) and all("/es/" in loc for loc in spanish)
    pair = {"en": "https://between-us.example.org/intimacy/closeness/",
            "es": "https://between-us.example.org/es/intimacy/closeness/"}
    assert english[pair["en"]] == spanish[pair["es"]] == pair
    assert not (site / "es" / "sitemap-index.xml").exists() and not (site / "es" / "robots.txt").exists()


def test_the_sitemap_index_lists_each_editions_sitemap_under_the_site_url():
    listed = sitemaps.sitemap_urls("https://example.org/help", ["", "/es"])
    assert listed == ["https://example.org/help/sitemap.xml", "https://example.org/help/es/sitemap.xml"]
    index = ET.fromstring(sitemaps.sitemap_index(["https://example.org/a&b/sitemap.xml"]))
    assert [loc.text for loc in index.iter(f"{{{SITEMAP_NS['s']}}}loc")] == ["https://example.org/a&b/sitemap.xml"]
    assert sitemaps.robots_txt("https://example.org/sitemap-index.xml").endswith(
        "\nSitemap: https://example.org/sitemap-index.xml\n")


def test_a_page_without_a_twin_switches_to_the_other_home_and_has_no_hreflang(two_languages: Build):
    assert not (ROOT / "docs" / "es" / "editorial-policy.md").exists()
    page = two_languages.page("editorial-policy/index.html")
    [switch] = page.css(".bu-language a")
    assert (switch.attributes["href"], switch.css_first(".bu-language__text").text()) == ("../es/",
                                                                                      "Between Us en español")
    assert page.css('link[rel="alternate"][hreflang]') == []


def test_the_spanish_edition_has_its_links_short_links_feed_and_search(two_languages: Build):
    build = two_languages
    article_html = build.html("es/intimacy/closeness/index.html")
    assert 'href="../../../privacy/"' in article_html  # an English page, linked by its site path
    stub = build.html(f"es/a/{ENGLISH_ID}/index.html")
    assert "intimacy/closeness/" in stub
    assert f"between-us.example.org/es/a/{ENGLISH_ID}/" in article_html  # the printed short link
    page = build.page("es/intimacy/closeness/index.html")
    sources = [li.text(deep=True).split() for li in page.css(".bu-sources li")]
    assert [words[-2:] for words in sources] == [["mental,", "MedlinePlus"], ["(en", "inglés)"], ["(en", "inglés)"]]
    [status] = page.css(".bu-translation")
    assert "Todavía no la ha revisado" in status.text() and status.css_first("a").attributes["hreflang"] == "en"
    assert status.css_first("a").attributes["href"] == "../../../intimacy/closeness/"
    assert "Cercanía cuando estás mal" in build.html("es/feed_rss_created.xml")
    assert "Cercanía" not in build.html("feed_rss_created.xml")
    # One index per language, each with its own edition's pages (search-dialog.js gives each its base URL).
    assert indexed_page(build.site / "es", "/intimacy/closeness/")["meta"]["title"] == "Cercanía cuando estás mal"
    assert indexed_page(build.site, "/intimacy/closeness/")["meta"]["title"] == "Closeness when you are low"
    assert {f.name[:3] for f in (build.site / "pagefind" / "fragment").iterdir()} == {"en_"}
    assert {f.name[:3] for f in (build.site / "es" / "pagefind" / "fragment").iterdir()} == {"es_"}
    assert not (build.site / "es" / "_headers").exists() and (build.site / "_headers").exists()


def test_each_edition_builds_its_own_keys_of_the_one_redirect_map():
    maps = {"intimacy/old.md": "intimacy/new.md", "es/intimacy/old.md": "es/intimacy/new.md#part",
            "es/gone.md": "https://example.org/"}
    assert edition_redirects(maps, Editions.of([EN, ES], "en")) == {"intimacy/old.md": "intimacy/new.md"}
    assert edition_redirects(maps, Editions.of([EN, ES], "es")) == {"intimacy/old.md": "intimacy/new.md#part",
                                                                    "gone.md": "https://example.org/"}


def test_a_moved_spanish_page_keeps_its_address_with_an_es_key(make_site):
    """A published /es/ address that disappears fails the build, as an English one does, until mkdocs.yml's
    redirect map has a key for it under es/; each edition writes only its own redirects."""
    manifest = "/\n/es/\n/intimacy/gone/\n/es/intimacy/gone/\n"  # pages not listed only warn
    def redirects(*keys: str) -> Callable[[str], str]:
        return lambda text: text.replace("redirect_maps: {}", "redirect_maps:" + "".join(f"\n        {key}"
                                                                                          for key in keys))

    english = "intimacy/gone.md: intimacy/closeness.md"
    removed = make_site(_pages("2026-11-25"), data={"urls.txt": manifest}, editions=True, config=redirects(english))
    assert removed.returncode != 0
    assert ("data/urls.txt: error: [stable-urls] /es/intimacy/gone/ was published and no longer exists. Clinics may "
            "have printed it: add a redirect from its old Markdown path to the new page, both paths under es/ "
            "(es/intimacy/old.md: es/intimacy/new.md), under plugins > redirects > redirect_maps in mkdocs.yml."
            ) in removed.output
    assert "/intimacy/gone/ was published" not in removed.output.replace("/es/intimacy/gone/", "")
    build = make_site(_pages("2026-11-25"), data={"urls.txt": manifest}, editions=True,
                      config=redirects(english, "es/intimacy/gone.md: es/intimacy/closeness.md"))
    assert build.returncode == 0, build.output
    stub = build.page("es/intimacy/gone/index.html")
    assert stub.css_first('meta[http-equiv="refresh"]').attributes["content"] == "0; url=../closeness/"
    assert stub.css_first("[data-bu-crisis]") is not None  # the Spanish stub gets the crisis lines too
    assert "url=../closeness/" in build.html("intimacy/gone/index.html")
    assert not (build.site / "es" / "es").exists()  # neither build wrote the other's redirect


def test_a_broken_spanish_page_fails_the_english_build_naming_its_file(make_site):
    body = ("Dicen que cometió suicidio.\n\n[Un enlace roto](/no-such-page/) (en inglés).\n\n"
            "Si estás en peligro, [busca ayuda ahora](../get-help.md).\n")
    build = make_site({"intimacy/closeness.md": article("Closeness when you are low", id=str(ENGLISH_ID)),
                       "es/intimacy/closeness.md": _spanish_article("2026-11-01", body)},
                      editions=True, env={"STRICT_REVIEWS": "1"})
    assert build.returncode != 0
    assert "docs/es/intimacy/closeness.md:17:11: error: [language] 'cometió suicidio'" in build.output
    assert "docs/es/intimacy/closeness.md: error: [links]" in build.output and "no-such-page" in build.output
    assert ("docs/es/intimacy/closeness.md:14: error: [translation] the English article changed after this "
            "translation") in build.output
    assert "mkdocs.es.yml: error: [editions] the Español edition (es) did not build" in build.output


def test_an_edition_started_early_waits_for_the_root_pages_before_its_link_check(tmp_path: Path):
    # What the edition's build runs before its link check (hooks/editions.py, `_wait_for_root`), in a child
    # started as the root starts it: it goes on only once the root closes its end of the pipe.
    script = ("import sys; sys.path.insert(0, sys.argv[1]); from between_us.editions import wait_for_root; "
              "print('rendered', flush=True); wait_for_root(); print('link check')")
    ready, written = os.pipe()
    child = start_build([sys.executable, "-c", script, str(ROOT / "hooks")], tmp_path, ready=ready)
    os.close(ready)
    try:
        assert child.stdout is not None and child.stdout.readline() == "rendered\n"
        with pytest.raises(subprocess.TimeoutExpired):
            child.wait(timeout=0.5)  # the root's pages are not written yet
    finally:
        os.close(written)
    output, _ = child.communicate(timeout=30)
    assert output == "link check\n" and child.returncode == 0
