"""Material's script on demand (overrides/assets/theme-on-demand.js): a reader who only reads downloads
neither it nor the search index; search, the colour toggle and search highlights work all the same."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from sitedata import articles, url_of

pytestmark = pytest.mark.browser
ARTICLE = url_of(articles()[0])
THEME_PARTS = ("assets/javascripts/bundle.", "assets/javascripts/workers/search.", "search/search_index.json")


def requests_of(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def theme_requests(requests: list[str]) -> list[str]:
    return sorted(next(part for part in THEME_PARTS if part in url) for url in requests
                  if any(part in url for part in THEME_PARTS))


def expect_results(page: Page) -> None:
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)


@pytest.mark.parametrize("path", ["", ARTICLE, "get-help/", "404.html"])
def test_reading_a_page_loads_neither_materials_script_nor_the_search_index(page: Page, path: str):
    requests = requests_of(page)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 2000)  # reading: scrolling starts nothing
    page.wait_for_timeout(300)
    assert theme_requests(requests) == []
    page.keyboard.press("/")  # Material's search key
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.type("partner", delay=20)
    expect_results(page)
    assert theme_requests(requests) == sorted(THEME_PARTS)


def test_the_search_button_on_a_phone_opens_search_and_finds(new_page: Callable[..., Page]):
    page = new_page(width=390, height=844)
    page.goto(ARTICLE)
    page.locator(".md-header__button[for=__search]").click()
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.type("partner", delay=20)
    expect_results(page)


def test_a_dark_device_gets_the_dark_scheme_before_materials_script_runs(new_page: Callable[..., Page]):
    page = new_page(scheme="dark")
    requests = requests_of(page)
    page.goto(ARTICLE)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    expect(page.locator('label[for="__palette_0"]')).to_be_visible()  # the toggle back to light
    assert theme_requests(requests) == []


def test_the_colour_toggle_works_and_is_kept_before_and_after_materials_script(page: Page):
    scheme = "document.body.dataset.mdColorScheme"
    page.goto(ARTICLE)
    assert page.evaluate(scheme) == "default"
    page.locator('label[for="__palette_1"]').click()
    assert page.evaluate(scheme) == "slate"
    page.reload()
    assert page.evaluate(scheme) == "slate"
    page.locator(".md-search__input").focus()  # starts Material's script, which must agree
    expect(page.locator("html.bu-theme-waiting")).to_have_count(0)
    page.keyboard.press("Escape")
    assert page.evaluate(scheme) == "slate"
    page.locator('label[for="__palette_0"]').click()  # Material's own toggle now
    assert page.evaluate(scheme) == "default"


def test_arriving_from_a_search_result_marks_the_words_found(page: Page):
    page.goto(f"{ARTICLE}?h=help")
    expect(page.locator("mark[data-md-highlight]").first).to_be_visible(timeout=15_000)


def test_nothing_is_stored_until_the_reader_chooses(page: Page):
    """The privacy page's promise: Material saves the colour scheme each time it starts; here only a
    choice is saved (the region, or the colour toggle)."""
    stored = "[localStorage.length, sessionStorage.length]"
    page.goto(ARTICLE)
    page.locator(".md-search__input").focus()
    page.keyboard.type("partner", delay=20)
    expect_results(page)  # Material's script is running
    page.goto("get-help/")
    page.locator(".md-search__input").focus()
    page.keyboard.type("help", delay=20)
    expect_results(page)
    assert page.evaluate(stored) == [0, 0]
    page.keyboard.press("Escape")
    page.locator('label[for="__palette_1"]').click()
    assert page.evaluate("Object.keys(localStorage)") == ["/.__palette"]


def test_escape_closes_search_before_materials_script_runs(page: Page):
    page.route("**/assets/javascripts/bundle.*", lambda route: None)  # a network that never answers
    page.goto(ARTICLE)
    page.keyboard.press("/")
    expect(page.locator(".md-search__input")).to_be_focused()
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    expect(page.locator(".md-search__input")).not_to_be_focused()
    assert not page.evaluate("document.getElementById('__search').checked")
