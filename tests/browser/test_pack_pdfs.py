"""The pack PDFs a deploy build makes (PACK_PDFS=1) for double-sided printing, read as a clinic would check them:
every article starts on a right-hand (odd) page, every page is numbered and traceable, and the only short pages
are the ones left blank on purpose and the last."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from between_us.pack_pdfs import PAPERS, pdf_name
from conftest import FILLER, SOURCE_DATE_EPOCH, Build, article, build_site
from pypdf import PdfReader
from sitedata import ROOT, mkdocs_config

from browser.printing import body_lines, footer_of, read_pdf

pytestmark = pytest.mark.browser

HOST = re.sub(r"^https?://", "", mkdocs_config()["site_url"].rstrip("/"))
SITE_NAME = mkdocs_config()["site_name"]
# Articles of different lengths (the minimum, and more), so that they end on odd and even pages.
LENGTHS = {"pack-pdf-short": 0, "pack-pdf-long": 8, "pack-pdf-middle": 3, "pack-pdf-longest": 11}


def strings(lang: str) -> dict:
    return yaml.safe_load((ROOT / "data" / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    pages = {f"intimacy/{name}.md": article(f"Pack PDF test {name.split('-')[-1]}", fill=True) + FILLER * extra
             for name, extra in LENGTHS.items()}
    build = build_site(tmp_path_factory.mktemp("pack-pdfs"), pages, env={"PACK_PDFS": "1"}, editions=True)
    assert build.returncode == 0, build.output
    return build


def titles(build: Build) -> list[tuple[str, str]]:
    """Each article's title and short link, in the pack's order."""
    pack = build.page("intimacy/pack/index.html")
    return [(section.css_first(".bu-pack__title").text(), f"{HOST}/a/{section.attributes['data-bu-number']}/")
            for section in pack.css(".bu-pack__article")]


@pytest.mark.parametrize("paper", PAPERS)
def test_in_the_pack_pdf_every_article_starts_on_a_right_hand_page(pdf_site: Build, paper: str):
    sheets = read_pdf(pdf_site.site / "intimacy" / "pack" / pdf_name("intimacy", paper))
    blank = strings("en")["pack"]["blank_page"]
    footers = [footer_of(sheet, number, len(sheets)) for number, sheet in enumerate(sheets, 1)]
    blanks = [number for number, sheet in enumerate(sheets, 1) if body_lines(sheet) == [blank]]
    assert blanks, "the first article would start on page 2: a page is left blank before it"
    articles = titles(pdf_site)
    assert len(articles) == len(LENGTHS)
    for title, short in articles:
        first = next(number for number, sheet in enumerate(sheets, 1) if body_lines(sheet)[0] == title)
        assert first % 2 == 1, (title, first, blanks)
        assert footers[first - 1] == f"{SITE_NAME} · {short}"
        assert first - 1 in blanks or footers[first - 2] != footers[first - 1]
    for number in blanks:  # a blank page belongs to the pack, not to an article
        assert footers[number - 1] == f"{SITE_NAME} · {HOST}/intimacy/pack/"
    for number, sheet in enumerate(sheets[:-1], 1):
        assert number in blanks or len(body_lines(sheet)) >= 5, (number, sheet.text)


def test_a_pack_pdf_links_the_published_pages_and_is_dated_by_the_build(pdf_site: Build):
    reader = PdfReader(pdf_site.site / "intimacy" / "pack" / pdf_name("intimacy", "a4"))
    links = {annotation.get_object()["/A"]["/URI"] for page in reader.pages for annotation in page.get("/Annots", [])
             if "/URI" in annotation.get_object().get("/A", {})}
    site_url = mkdocs_config()["site_url"]
    internal = {link for link in links if not link.startswith(("tel:", "sms:", "mailto:"))}
    assert internal and all(link.startswith(("https://", "http://")) for link in internal)
    assert any(link.startswith(site_url) for link in internal)
    assert not any("127.0.0.1" in link or "localhost" in link for link in links)
    built = dt.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), dt.UTC)
    assert reader.metadata.creation_date == reader.metadata.modification_date == built


def test_each_edition_links_its_pack_pdfs_and_publishes_no_blank_page(pdf_site: Build):
    for folder, lang in (("", "en"), ("es/", "es")):
        words = strings(lang)["pack"]
        for topic in ("intimacy", "recovery"):
            pack = pdf_site.page(f"{folder}{topic}/pack/index.html")
            links = pack.css(".bu-pack__pdfs a")
            assert [(a.attributes["href"], a.text()) for a in links] == [
                (pdf_name(topic, paper), words["papers"][paper]) for paper in PAPERS], (folder, topic)
            assert words["pdfs"] in pack.css_first(".bu-pack__pdfs").text()
            for paper in PAPERS:
                assert read_pdf(pdf_site.site / folder / topic / "pack" / pdf_name(topic, paper)), (folder, topic)
            assert "bu-pack__blank" not in pdf_site.html(f"{folder}{topic}/pack/index.html")
