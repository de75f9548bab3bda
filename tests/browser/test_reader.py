"""What a reader does in a real browser: search, crisis lines, region choice, quick exit (search in depth:
test_search.py)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import yaml
from playwright.sync_api import Page, expect
from sitedata import ROOT, articles, front_matter, mkdocs_config, url_of

from browser.searching import search

pytestmark = pytest.mark.browser


def first_article() -> tuple[str, dict]:
    """The first article's URL and front matter."""
    src = articles()[0]
    return url_of(src), front_matter(src)


def test_search_finds_an_article_by_a_word_from_its_title(page: Page):
    src, meta = first_article()
    # The title's longest word that no other title has: a word that names this article, not a common one.
    others = " ".join(str(front_matter(other)["title"]).lower() for other in articles()[1:])
    words = [word.strip("?.,:") for word in meta["title"].split()]
    word = max((w for w in words if w.lower() not in others), key=len)
    assert f"/{src}" in search(page, word)


@pytest.mark.parametrize("path", ["", "get-help/", "intimacy/", "tags/", "404.html", "article"])
def test_pages_request_nothing_from_other_origins(browser, base_url: str, path: str):
    """What a page loads at run time too (scripts can fetch): every request stays on this site."""
    context = browser.new_context(base_url=base_url)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    search(page, "help", first_article()[0] if path == "article" else path)
    page.wait_for_load_state("networkidle")
    context.close()
    assert requests and [url for url in requests if not url.startswith(base_url)] == []


@pytest.mark.parametrize("path", ["article", "404.html"])
def test_crisis_lines_are_visible(page: Page, path: str):
    src, _ = first_article()
    page.goto(src if path == "article" else path)
    block = page.locator("[data-bu-crisis]")
    block.scroll_into_view_if_needed()
    expect(block).to_be_visible()
    expect(block.locator('a[href^="tel:"]').first).to_be_visible()


def regions(page: Page) -> list[str]:
    """The page's crisis block's regions, in order (the search card's copies left out)."""
    return page.locator("[data-bu-crisis] .bu-crisis__region").evaluate_all("nodes => nodes.map(n => n.dataset.region)")


def test_choosing_a_region_puts_it_first_and_survives_a_reload(page: Page):
    page.goto("./")
    default = regions(page)
    chosen = default[2]
    page.select_option("[data-bu-region-select]", chosen)
    assert regions(page)[0] == chosen
    assert page.evaluate("localStorage.getItem('between-us-region')") == chosen
    page.reload()
    assert regions(page)[0] == chosen
    assert page.input_value("[data-bu-region-select]") == chosen
    page.select_option("[data-bu-region-select]", "")
    assert regions(page) == default
    assert page.evaluate("localStorage.getItem('between-us-region')") is None


def test_crisis_lines_work_without_javascript_in_the_usual_order(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False, timezone_id="Australia/Sydney")
    page = context.new_page()
    page.goto("./")
    expect(page.locator("[data-bu-crisis] a[href^='tel:']").first).to_be_visible()
    assert page.locator(".bu-crisis__picker").is_hidden()
    assert regions(page) == DATA_ORDER  # nothing guessed without JavaScript
    context.close()


DATA_ORDER = [region["id"] for region in yaml.safe_load(
    (ROOT / "data" / "helplines.yml").read_text(encoding="utf-8"))["regions"]]


def stored(page: Page) -> list:
    return [*page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]"), page.context.cookies()]


# The time zone decides, whatever the language says; the other regions follow in the usual order.
@pytest.mark.parametrize(("zone", "locale", "region"), [
    ("Europe/London", "en-US", "uk"), ("America/New_York", "en-GB", "us"), ("Australia/Sydney", "en-US", "au"),
    ("Europe/Madrid", "en-US", "es"), ("America/Mexico_City", "en-US", "mx"),
])
def test_the_readers_region_is_guessed_from_the_time_zone_first_in_the_block_and_the_card_and_not_kept(
        new_page: Callable[..., Page], zone: str, locale: str, region: str):
    page = new_page(timezone_id=zone, locale=locale)
    search(page, "i want to die")
    expected = [region, *[r for r in DATA_ORDER if r != region]]
    assert regions(page) == expected
    assert page.locator("[data-bu-search-crisis] section").evaluate_all(
        "nodes => nodes.map(n => n.dataset.region)") == expected
    assert page.input_value("[data-bu-region-select]") == ""  # a guess, not a choice
    assert stored(page) == [0, 0, "", []]


@pytest.mark.parametrize(("zone", "locale", "expected"), [
    ("Etc/UTC", "en-IE", "ie"),  # no region in the time zone: the language's country
    ("Asia/Tokyo", "ja-JP", None),  # neither: the usual order
])
def test_without_a_known_time_zone_the_language_decides_or_nothing_is_guessed(
        new_page: Callable[..., Page], zone: str, locale: str, expected: str | None):
    page = new_page(timezone_id=zone, locale=locale)
    page.goto("./")
    assert regions(page) == ([expected, *[r for r in DATA_ORDER if r != expected]] if expected else DATA_ORDER)
    assert stored(page) == [0, 0, "", []]


def test_a_saved_choice_and_a_region_link_win_over_the_guess(new_page: Callable[..., Page]):
    page = new_page(timezone_id="Australia/Sydney", locale="en-AU")
    page.goto("./?region=ie")
    assert regions(page)[:2] == ["ie", "au"]  # the link's region, then the guess
    page.select_option("[data-bu-region-select]", "uk")
    page.goto("./?region=ie")
    assert regions(page)[:2] == ["uk", "au"]
    search(page, "suicidal", None)
    assert page.locator("[data-bu-search-crisis] section").evaluate_all(
        "nodes => nodes.map(n => n.dataset.region)") == ["uk"]  # the card shows only the chosen region


EXIT_URL = mkdocs_config()["extra"]["quick_exit_url"]


def neutral_site(page: Page) -> list[str]:
    """Answer the quick exit's destination locally, and record that the browser went there."""
    visits: list[str] = []

    def fulfil(route):
        visits.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title><p>Weather</p>")

    page.context.route(EXIT_URL.rstrip("/") + "**", fulfil)
    return visits


def test_shift_three_times_leaves_at_once(page: Page):
    visits = neutral_site(page)
    page.goto("./")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL.rstrip("/") + "**")
    assert visits


def test_shift_with_another_key_or_too_slow_does_not_leave(page: Page):
    visits = neutral_site(page)
    page.goto("./")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    expect(page.locator("[data-bu-exit-status]")).to_contain_text("press 2 more times")
    page.clock.install()
    page.reload()
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.run_for(5100)
    expect(page.locator("[data-bu-exit-status]")).to_contain_text("timed out")
    page.keyboard.press("Shift")
    expect(page.locator("[data-bu-exit-status]")).to_contain_text("press 2 more times")
    assert visits == []


def test_the_shift_shortcut_speaks_the_pages_language(page: Page):
    visits = neutral_site(page)
    page.goto("es/")
    page.keyboard.press("Shift")
    expect(page.locator("[data-bu-exit-status]")).to_have_text("Pulsa Mayús 2 veces más para salir de esta página.")
    page.keyboard.press("Shift")
    expect(page.locator("[data-bu-exit-status]")).to_have_text("Pulsa Mayús 1 vez más para salir de esta página.")
    assert visits == []


@pytest.mark.parametrize("start", ["./", "es/"])
def test_exit_button_covers_the_page_and_back_resets(page: Page, start: str):
    visits = neutral_site(page)
    page.goto(start)
    page.click(".bu-topbar__exit")
    page.wait_for_url(EXIT_URL.rstrip("/") + "**")
    assert visits
    page.go_back()
    page.wait_for_url(re.compile(r"127\.0\.0\.1"))
    expect(page.locator("[data-bu-exit-overlay]")).to_be_hidden()
    expect(page.locator("main")).to_be_visible()


def test_first_tabs_reach_skip_and_quick_exit_links(page: Page):
    src, _ = first_article()
    page.goto(src)
    focused = "document.activeElement.classList[0]"
    page.keyboard.press("Tab")
    first = page.evaluate(focused)
    page.keyboard.press("Tab")
    second = page.evaluate(focused)
    assert (first, second) == ("md-skip", "bu-exit-skip")
    expect(page.locator(".bu-exit-skip")).to_be_in_viewport()


def test_quick_exit_links_are_hidden_in_print(page: Page):
    page.goto("./")
    page.emulate_media(media="print")
    expect(page.locator(".bu-topbar")).to_be_hidden()
    expect(page.locator(".bu-exit-skip")).to_be_hidden()
