"""Search in a real browser (assets/search.js over Pagefind's index): loading on demand, the keyboard,
results, the crisis card, no dead ends, and nothing of a query kept anywhere."""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import unquote

import pytest
import yaml
from between_us import search as search_data
from between_us import search_vocabulary
from crisis_queries import NO_CARD, SHOW, SPANISH, SPANISH_NO_CARD
from playwright.sync_api import Browser, Page, expect
from sitedata import ROOT, articles, url_of

from browser.searching import search

pytestmark = pytest.mark.browser
ARTICLE = url_of(articles()[0])
CARD = "[data-bu-search-crisis]"
ORDINARY = ["sex drive", "therapy", "argument", "dating", "desire", "listening", "couples therapy",
            "how to stop arguing with my wife", "i feel so lonely", "partner in rehab"]


def requests_of(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


@pytest.mark.parametrize("path", ["", ARTICLE, "get-help/", "404.html"])
def test_reading_a_page_loads_nothing_of_search(page: Page, path: str):
    requests = requests_of(page)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    assert [url for url in requests if "/pagefind/" in url or "/search/" in url or "/assets/search-" in url] == []
    assert [url for url in requests if "assets/javascripts/" in url] == []  # no Material script at all


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_search_button_is_in_the_header_at_every_width_and_finds_articles(
        new_page: Callable[..., Page], width: int, scheme: str):
    page = new_page(width=width, height=900, scheme=scheme)
    page.goto("./")
    button = page.locator("header [data-bu-search-open]")
    expect(button).to_be_visible()
    expect(button).to_have_accessible_name("Search")
    button.click()
    assert search(page, "desire", path=None)[0] == "/intimacy/depression-anxiety-and-desire/"


@pytest.mark.parametrize("key", ["/", "s"])
def test_keys_open_search_and_escape_closes_it_and_forgets_the_query(page: Page, key: str):
    page.goto(ARTICLE)
    page.keyboard.press(key)
    box = page.locator("[data-bu-search-input]")
    expect(box).to_be_focused()
    expect(box).to_have_value("")  # the key opened search; it was not typed
    box.fill("desire")
    page.wait_for_timeout(100)
    page.keyboard.press("Escape")
    expect(page.locator("[data-bu-search-dialog]")).to_be_hidden()
    page.keyboard.press(key)
    expect(box).to_have_value("")


def test_results_are_reached_and_opened_from_the_keyboard(page: Page):
    found = search(page, "couples therapy")
    page.keyboard.press("ArrowDown")
    first = page.locator("a.bu-search__title").first
    expect(first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator("a.bu-search__title").nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{found[0]}")


def test_the_result_count_is_announced_and_each_result_shows_title_topic_and_marked_excerpt(page: Page):
    found = search(page, "naloxone")
    status = page.locator("[data-bu-search-status]")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text(f"{len(found)} {'result' if len(found) == 1 else 'results'}.")
    result = page.locator(".bu-search__result").first
    expect(result.locator("h2 a")).to_have_text("Relapse, setbacks and hope")
    expect(result.locator(".bu-search__topic")).to_have_text("Recovery")
    expect(result.locator(".bu-search__excerpt mark").first).to_have_text("naloxone", ignore_case=True)


def test_a_match_in_one_section_names_and_links_that_section(page: Page):
    search(page, "naloxone")
    section = page.locator(".bu-search__result").first.locator(".bu-search__section a")
    expect(section).to_have_attribute(
        "href", "/recovery/relapse-setbacks-and-hope/#stay-safe-if-you-go-back-to-drugs-or-alcohol")


def test_a_page_found_only_by_a_readers_word_shows_its_summary_not_the_hidden_words(page: Page):
    assert search(page, "codependency")[0] == "/recovery/supporting-a-partner-in-recovery/"
    excerpt = page.locator(".bu-search__excerpt").first
    expect(excerpt).to_contain_text("You did not cause your partner")
    expect(excerpt).not_to_contain_text("codependency")


@pytest.mark.parametrize("query", ["ssri libido", "erectile dysfunction", "vaginal dryness", "codependency",
                                   "counseling", "counselling"])
def test_readers_words_find_the_articles_that_use_other_words(page: Page, query: str):
    assert search(page, query), query


def crisis_languages(page: Page, queries: list[str], known: dict, page_language: str = "en") -> dict:
    """The card's language for each query (None: no card), from the search box's own function."""
    page.goto("./")
    return page.evaluate("""async ([queries, known, language]) => {
        const { crisisLanguage } = await import(new URL("assets/search-dialog.js", document.baseURI).href);
        return Object.fromEntries(queries.map((q) => [q, crisisLanguage(q, known, language)]));
    }""", [queries, known, page_language])


@pytest.mark.parametrize("root", ["", "es/"])
def test_the_search_box_fills_in_the_slots_of_the_crisis_phrases_as_the_build_does(page: Page, root: str):
    page.goto("./")
    written = json.loads(page.request.get(f"{root}search/crisis-phrases.json").text())
    assert written["slots"] and any("{" in phrase for phrase in written["languages"]["en"]["within"])
    expanded = page.evaluate("""async (written) => {
        const { expandPhrases } = await import(new URL("assets/search-dialog.js", document.baseURI).href);
        return expandPhrases(written);
    }""", written)
    python = search_data.expand(written)
    for known in (expanded, python):
        for lists in known["languages"].values():
            for kind in lists:
                lists[kind] = sorted(set(lists[kind]))
    assert expanded == python and "he hits me" in python["languages"]["en"]["within"]


def test_every_crisis_phrase_is_found_in_a_query_and_ordinary_queries_are_not(page: Page):
    """Every phrase and form in data/crisis-terms.yml (slots filled in), in its language, and every helpline name
    and number (from the data), in any case, in a longer query with punctuation; every phrase found only alone,
    alone: through the search box's own function."""
    known = search_data.expand(json.loads(page.request.get("search/crisis-phrases.json").text()))
    expected = {f"Help, {phrase.upper()}!": lang for lang, phrases in known["languages"].items()
                for phrase in phrases["within"]}
    expected |= {phrase.upper(): lang for lang, phrases in known["languages"].items() for phrase in phrases["alone"]}
    expected |= {f"Help, {phrase.upper()}!": "en" for phrase in known["any"]}
    expected |= dict.fromkeys(ORDINARY)
    found = crisis_languages(page, list(expected), known)
    assert {query: found[query] for query in expected if found[query] != expected[query]} == {}


def test_the_search_box_and_the_build_match_crisis_phrases_alike(page: Page):
    """search-dialog.js's crisisLanguage and search.py's crisis_language (the unit tests' reference) agree on
    what readers type, on an English page and a Spanish one: the same normalisation, accents and rules."""
    known = search_data.expand(json.loads(page.request.get("search/crisis-phrases.json").text()))
    queries = [*SHOW, *NO_CARD, *SPANISH, *SPANISH_NO_CARD, *ORDINARY, "quiero morir 988", "Suicídio", "SUICIDE!"]
    for language in ("en", "es"):
        found = crisis_languages(page, queries, known, language)
        python = {query: search_data.crisis_language(query, known, language) for query in queries}
        assert found == python


def test_what_readers_in_danger_type_shows_the_card_and_ordinary_searches_do_not(page: Page):
    """Typed into the search box, as a reader does: issue 21's lists, and the phrases that always showed it."""
    shown = {}
    for at, query in enumerate([*SHOW, "I want to die", "self-harm", "he hits me", "raped", "Samaritans",
                                "call 116 123", "988", "SAMHSA", *NO_CARD, *ORDINARY]):
        search(page, query, "./" if at == 0 else None)
        shown[query] = page.locator(CARD).is_visible()
    assert [query for query in shown if shown[query] != (query not in [*NO_CARD, *ORDINARY])] == []


def test_a_spanish_phrase_shows_the_card_in_spanish_with_988s_spanish_options_first(page: Page):
    card = page.locator(CARD)
    strings = {lang: yaml.safe_load((ROOT / "data" / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))
               for lang in ("en", "es")}
    options = card.locator('[data-region="us"] li:has(a[href="tel:988"]) [data-bu-crisis-options] > span')
    for at, query in enumerate(SPANISH):
        search(page, query, "./" if at == 0 else None)
        expect(card, query).to_be_visible()
        expect(card, query).to_have_attribute("lang", "es")
        expect(card.locator("h2")).to_have_text(strings["es"]["crisis_card"]["heading"])
        expect(card.locator("p").first).to_have_text(strings["es"]["crisis_card"]["lead"])
        assert options.first.get_attribute("data-bu-lang") == "es", query
        expect(options.first).to_contain_text("marca 2")
        expect(options.first.locator('a[href="sms:988?body=AYUDA"]')).to_be_visible()
    search(page, "I want to die", None)  # back to English: the page's language and the usual order
    expect(card.locator("h2")).to_have_text(strings["en"]["crisis_card"]["heading"])
    assert card.get_attribute("lang") is None and options.first.get_attribute("data-bu-lang") is None
    for query in SPANISH_NO_CARD:
        search(page, query, None)
        expect(card, query).to_be_hidden()


def test_the_card_shows_every_region_in_order_without_a_choice_with_call_and_text_links(page: Page):
    search(page, "i want to die")
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card.locator("h2")).to_have_text("Help is available now")
    regions = card.locator("section").evaluate_all("nodes => nodes.map(n => n.dataset.region)")
    assert regions == page.locator("[data-bu-crisis] .bu-crisis__region").evaluate_all(
        "nodes => nodes.map(n => n.dataset.region)")
    assert card.locator('a[href="tel:988"]').count() and card.locator('a[href^="sms:"]').count()
    expect(card.locator('a[href$="get-help/"]')).to_be_visible()
    assert card.locator("[data-bu-search-crisis-lines] [id]").count() == 0  # copies keep no ids


def test_the_card_shows_the_readers_chosen_region(page: Page):
    page.goto("./")
    page.evaluate("localStorage.setItem('between-us-region', 'uk')")
    search(page, "suicidal")
    sections = page.locator(CARD).locator("section")
    assert sections.evaluate_all("nodes => nodes.map(n => n.dataset.region)") == ["uk"]
    expect(sections.locator('a[href="tel:116123"]')).to_be_visible()


def test_the_card_shows_when_there_are_no_results_too(page: Page):
    assert search(page, "kms") == []
    expect(page.locator(CARD)).to_be_visible()


def test_no_results_offer_topics_get_help_the_a_to_z_and_a_hint(page: Page):
    assert search(page, "xylophone quantum") == []
    expect(page.locator("[data-bu-search-status]")).to_have_text("No results.")
    empty = page.locator("[data-bu-search-empty]")
    expect(empty).to_contain_text("Try fewer words")
    links = empty.locator("a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert links == ["/intimacy/", "/stigma/", "/communication/", "/recovery/", "/get-help/", "/a-z/"]
    expect(page.locator(CARD)).to_be_hidden()


SPELLING = "[data-bu-search-spelling]"
VOCABULARY = ("search/vocabulary.txt", "assets/search-spelling.js")


@pytest.mark.parametrize(("query", "article", "shown"), [
    ("lonley", "stigma/loneliness-and-isolation/", "lonely"),
    ("jelous partner", "communication/jealousy-and-insecurity/", "jealous partner"),
    ("anxeity", "recovery/anxiety-and-relationships/", "anxiety"),
    ("I feel so LONLEY!", "stigma/loneliness-and-isolation/", "i feel so lonely"),
])
def test_a_mistyped_word_is_searched_as_the_nearest_word_the_site_uses_and_the_reader_is_told(
        page: Page, query: str, article: str, shown: str):
    requests = requests_of(page)
    assert f"/{article}" in search(page, query)[:3]
    expect(page.locator(SPELLING)).to_be_visible()
    expect(page.locator(SPELLING)).to_have_text(f"Showing results for {shown}")
    assert [url for url in requests if url.endswith(VOCABULARY)], "the vocabulary was fetched"
    assert [url for url in requests if query.split()[-1].lower().strip("!") in url.lower()] == []


def test_a_crisis_word_with_a_slip_no_listed_form_covers_shows_the_card_once_corrected(page: Page):
    assert "suiciddal" not in page.request.get("search/crisis-phrases.json").text()
    search(page, "suiciddal thoughts")
    expect(page.locator(SPELLING)).to_have_text("Showing results for suicidal thoughts")
    expect(page.locator(CARD)).to_be_visible()


def test_a_query_whose_words_the_site_uses_fetches_no_vocabulary_and_shows_no_note(page: Page):
    requests = requests_of(page)
    for query in ["lonely", "jealous partner", "i feel so lonely", "couples therapy", "988"]:
        assert search(page, query), query
        expect(page.locator(SPELLING)).to_be_hidden()
    page.wait_for_load_state("networkidle")
    assert [url for url in requests if url.endswith(VOCABULARY)] == []


def test_the_note_goes_with_the_next_query_and_a_word_near_nothing_is_left_as_typed(page: Page):
    search(page, "lonley")
    expect(page.locator(SPELLING)).to_be_visible()
    search(page, "lonely", path=None)
    expect(page.locator(SPELLING)).to_be_hidden()
    assert search(page, "xylophone quantum", path=None) == []
    expect(page.locator(SPELLING)).to_be_hidden()


def test_the_nearest_word_is_the_closest_then_the_most_common_and_never_for_numbers_or_words_being_typed(
        page: Page):
    """search-spelling.js's own function, over a vocabulary in the site's order (most common first)."""
    page.goto("./")
    found = page.evaluate("""async (queries) => {
        const { nearest } = await import(new URL("assets/search-spelling.js", document.baseURI).href);
        const words = ["money", "help", "lonely", "anxiety", "jealous", "hope", "held", "lonel"];
        return queries.map((word) => nearest(word, words));
    }""", ["lonley", "anxeity", "jelous", "hepl", "helo", "lone", "mony", "ab", "9888", "xylophone"])
    # "lonley" is two edits from the more common "money", one (a swap) from "lonely"; "helo" is one from
    # "help" and "held": the more common; "lone" starts a known word (being typed): left to Pagefind.
    assert found == ["lonely", "anxiety", "jealous", "help", "help", None, "money", None, None, None]


@pytest.mark.parametrize("root", ["", "es/"])
def test_the_search_box_reads_the_vocabulary_as_the_build_wrote_it(page: Page, root: str):
    page.goto("./")
    text = page.request.get(f"{root}search/vocabulary.txt").text()
    words = page.evaluate("""async (text) => {
        const { decode } = await import(new URL("assets/search-spelling.js", document.baseURI).href);
        return decode(text);
    }""", text)
    assert words == search_vocabulary.decode(text) and len(words) > 1000


@pytest.mark.parametrize("query", ["desire", "listening", "couples therapy", "how to stop arguing with my wife",
                                   "i feel so lonely", "partner in rehab"])
def test_get_help_now_does_not_outrank_the_article_for_an_ordinary_query(page: Page, query: str):
    found = search(page, query)
    assert found and found[0] != "/get-help/", found


def test_nothing_of_a_query_reaches_an_address_the_history_storage_or_a_request(browser: Browser, base_url: str):
    context = browser.new_context(base_url=base_url)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(unquote(request.url)))
    page = context.new_page()
    page.goto("./")
    query = "naloxone overdose"
    search(page, query, path=None)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recovery/**")
    page.go_back()
    page.go_forward()
    assert "naloxone" not in page.url and "?" not in page.url
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    assert page.evaluate("indexedDB.databases().then((dbs) => dbs.length)") == 0
    assert [url for url in requests if "naloxone" in url.lower() or "overdose" in url.lower()] == []
    assert [url for url in requests if not url.startswith(base_url)] == []
    context.close()


def test_search_requests_nothing_from_other_origins(page: Page, base_url: str):
    requests = requests_of(page)
    search(page, "partner")
    page.wait_for_load_state("networkidle")
    assert any("/pagefind/" in url for url in requests)
    assert [url for url in requests if not url.startswith(base_url)] == []


def test_without_javascript_there_is_no_dead_control_but_links_to_the_topics_and_help(browser: Browser, base_url: str):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto(ARTICLE)
    expect(page.locator("[data-bu-search-open]")).to_be_hidden()
    browse = page.locator(".bu-search__browse")
    expect(browse).to_be_visible()
    browse.locator("summary").click()
    links = browse.locator("a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert links == ["/intimacy/", "/stigma/", "/communication/", "/recovery/", "/get-help/"]
    context.close()
