"""Searching as a reader does: open the search dialog, type, wait for the result count to be announced."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

STATUS = "[data-bu-search-status]"
# Done: the status says something other than "Searching…" in the page's language (partials/search.html).
DONE = ("() => { const s = document.querySelector('[data-bu-search-status]');"
        " return s.textContent !== '' && s.textContent !== s.dataset.searching; }")


def open_search(page: Page, path: str | None = "./") -> None:
    """Go to `path` (None: stay) and open search with its key, as a keyboard user does."""
    if path is not None:
        page.goto(path)
    page.keyboard.press("/")
    expect(page.locator("[data-bu-search-dialog]")).to_be_visible()


def search(page: Page, query: str, path: str | None = "./") -> list[str]:
    """Search for `query`; the paths of the results shown, in order."""
    if path is not None or not page.locator("[data-bu-search-dialog]").is_visible():
        open_search(page, path)
    box = page.locator("[data-bu-search-input]")
    if box.input_value():
        box.fill("")
        page.wait_for_function(f"() => document.querySelector('{STATUS}').textContent === ''")
    box.fill(query)
    page.wait_for_function(DONE, timeout=15_000)
    return [urlsplit(href).path for href in
            page.locator("a.bu-search__title").evaluate_all("links => links.map(a => a.href)")]
