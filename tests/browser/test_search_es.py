"""Search on the Spanish edition's pages, through the search box's own code: its words in Spanish, its own
index only, the English articles offered (marked) when no Spanish page matches, the crisis card, and
typing slips corrected from the Spanish vocabulary."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect
from sitedata import ROOT

from browser.searching import search

pytestmark = pytest.mark.browser
STRINGS = {lang: yaml.safe_load((ROOT / "data" / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))
           for lang in ("en", "es")}
ES = STRINGS["es"]["search"]
HOME = "es/"
ARTICLE = "es/recovery/relapse-setbacks-and-hope/"
CARD = "[data-bu-search-crisis]"
STATUS = "[data-bu-search-status]"
FALLBACK = "[data-bu-search-fallback]"


def requests_of(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(unquote(request.url)))
    return requests


def test_the_dialog_counts_results_in_spanish_with_topics_and_sections_in_spanish(page: Page):
    found = search(page, "naloxona", ARTICLE)
    assert found and all(path.startswith("/es/") for path in found)
    one, other = ES["count"]["one"], ES["count"]["other"]
    expect(page.locator(STATUS)).to_have_text((one if len(found) == 1 else other).replace("{count}", str(len(found))))
    result = page.locator(".bu-search__result").first
    expect(result.locator(".bu-search__topic")).to_have_text(STRINGS["es"]["topics"]["recovery"])
    expect(result.locator(".bu-search__section")).to_contain_text(ES["in_section"])
    expect(result.locator(".bu-search__mark")).to_have_count(0)  # a Spanish page: not marked
    expect(page.locator(FALLBACK)).to_be_hidden()


def test_a_single_result_is_counted_in_the_singular_and_searching_is_said_in_spanish(page: Page):
    page.goto(HOME)
    texts = page.locator(STATUS).evaluate("s => [s.dataset.searching, s.dataset.countOne, s.dataset.none]")
    assert texts == [ES["searching"], ES["count"]["one"], ES["none"]]
    assert search(page, "autoestigma", None)[:1] == ["/es/stigma/self-stigma-and-shame/"]
    count = page.locator(".bu-search__result").count()
    assert page.locator(STATUS).text_content() == (ES["count"]["one"] if count == 1 else ES["count"]["other"]).replace(
        "{count}", str(count))


@pytest.mark.parametrize(("path", "query"), [(HOME, "pareja"), ("./", "partner")])
def test_each_edition_searches_its_own_pages_only(page: Page, path: str, query: str):
    requests = requests_of(page)
    found = search(page, query, path)
    assert len(found) >= 3
    assert all(p.startswith("/es/") for p in found) == (path == HOME), found
    page.wait_for_load_state("networkidle")
    index = [url for url in requests if "/pagefind/" in url]
    assert index and all(("/es/pagefind/" in url) == (path == HOME) for url in index), index


@pytest.mark.parametrize(("query", "english"), [
    ("bipolar", "/stigma/bipolar-disorder-and-relationships/"),
    ("autismo", "/communication/autism-in-a-relationship/"),  # corrected from the English vocabulary: autism
])
def test_a_spanish_search_with_no_spanish_result_offers_the_english_articles_marked(
        page: Page, base_url: str, query: str, english: str):
    requests = requests_of(page)
    found = search(page, query, HOME)
    assert found and not any(path.startswith("/es/") for path in found), found
    assert english in found[:3], found
    expect(page.locator(FALLBACK)).to_be_visible()
    expect(page.locator(FALLBACK)).to_have_text(ES["fallback"])
    first = page.locator(".bu-search__result").first
    expect(first).to_have_attribute("lang", "en")
    expect(first.locator(".bu-search__mark")).to_have_text(ES["fallback_mark"])
    expect(first.locator(".bu-search__mark")).to_have_attribute("lang", "es")
    expect(first.locator(".bu-search__topic")).to_have_attribute("lang", "es")
    expect(page.locator("[data-bu-search-empty]")).to_be_hidden()
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if not url.startswith(base_url)] == []
    assert [url for url in requests if query in url.lower()] == []
    assert query not in page.url and page.evaluate("[localStorage.length, sessionStorage.length]") == [0, 0]
    # The next search that Spanish pages answer is Spanish again, unmarked.
    assert search(page, "pareja", None)[0].startswith("/es/")
    expect(page.locator(FALLBACK)).to_be_hidden()
    expect(page.locator(".bu-search__mark")).to_have_count(0)


def test_a_search_nothing_answers_in_either_language_offers_the_spanish_topics(page: Page):
    assert search(page, "xylophone quantum", HOME) == []
    expect(page.locator(STATUS)).to_have_text(ES["none"])
    empty = page.locator("[data-bu-search-empty]")
    expect(empty).to_be_visible()
    links = empty.locator("a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    # The A to Z is English only so far: its link falls back to the root edition's (hooks/editions.py).
    assert links == ["/es/intimacy/", "/es/stigma/", "/es/communication/", "/es/recovery/", "/es/get-help/", "/a-z/"]
    expect(page.locator(FALLBACK)).to_be_hidden()


def test_english_pages_never_search_the_spanish_index_nor_offer_another_language(page: Page):
    requests = requests_of(page)
    assert search(page, "xylophone quantum") == []
    expect(page.locator(STATUS)).to_have_text(STRINGS["en"]["search"]["none"])
    page.wait_for_load_state("networkidle")
    assert page.locator(FALLBACK).count() == 0
    assert [url for url in requests if "/es/" in url] == []


def test_a_spanish_crisis_phrase_shows_the_spanish_card_on_a_spanish_page(page: Page):
    card = page.locator(CARD)
    search(page, "quiero morir", ARTICLE)
    expect(card).to_be_visible()
    expect(card.locator("h2")).to_have_text(STRINGS["es"]["crisis_card"]["heading"])
    assert card.get_attribute("lang") is None  # the page's own language
    expect(card.locator('a[href$="get-help/"]')).to_have_attribute("href", "../../get-help/")
    search(page, "I want to die", None)  # an English phrase on a Spanish page: the English card
    expect(card).to_have_attribute("lang", "en")
    expect(card.locator("h2")).to_have_text(STRINGS["en"]["crisis_card"]["heading"])
    search(page, "conversación difícil", None)
    expect(card).to_be_hidden()


def test_a_slip_in_spanish_is_corrected_from_the_spanish_vocabulary(page: Page):
    requests = requests_of(page)
    found = search(page, "recaidda", HOME)
    assert "/es/recovery/relapse-setbacks-and-hope/" in found[:3], found
    spelling = page.locator("[data-bu-search-spelling]")
    expect(spelling).to_be_visible()
    expect(spelling).to_have_text(f"{STRINGS['es']['search']['showing_results_for']} recaida")
    assert [url for url in requests if url.endswith("search/vocabulary.txt")] == [
        url for url in requests if url.endswith("/es/search/vocabulary.txt")] != []


def test_spanish_small_words_are_left_out_of_a_sentence(page: Page):
    """A sentence of Spanish small words and one word finds what the word alone finds."""
    alone = search(page, "vergüenza", HOME)
    assert search(page, "¿Qué hago con esta vergüenza que tengo?", None)[:3] == alone[:3]


def test_the_search_could_not_load_message_is_in_spanish(browser: Browser, base_url: str):
    context = browser.new_context(base_url=base_url)
    context.route("**/search-dialog.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(HOME)
    page.keyboard.press("/")
    expect(page.locator(STATUS)).to_have_text(ES["failed"])
    context.close()
