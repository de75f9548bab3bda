"""The Content Security Policy in a real browser: no page breaks it, and a script slipped into a page is
blocked."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from search_cost import serve
from sitedata import articles, url_of

from browser.searching import search

pytestmark = pytest.mark.browser
ARTICLE = url_of(articles()[0])
RECORD = ("window.__violations = []; document.addEventListener('securitypolicyviolation', "
          "(e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));")


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations")


@pytest.mark.parametrize("path", ["", "intimacy/", ARTICLE, "tags/", "get-help/", "browsing-safely/", "404.html",
                                  "es/", "es/intimacy/controlling-and-abusive-relationships/", "es/get-help/"])
def test_no_page_breaks_the_policy_when_read_printed_or_searched(new_page: Callable[..., Page], path: str):
    page = new_page()
    page.add_init_script(RECORD)
    page.goto(path)
    page.locator("[data-bu-crisis] select").select_option("uk")
    page.emulate_media(media="print")
    page.emulate_media(media="screen")
    search(page, "suicidal thoughts partner", path=None)  # Pagefind: its WebAssembly
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


def test_an_inline_script_slipped_into_a_page_is_blocked(site, browser: Browser, tmp_path: Path):
    """What the policy is for: if markup ever got past the checks, its script would not run."""
    copy = tmp_path / "site"
    shutil.copytree(site.site, copy)
    target = copy / ARTICLE / "index.html"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("</h1>", "</h1><script>window.__injected = 1</script>"
                                   "<img src=x onerror=\"window.__injected = 2\">", 1), encoding="utf-8")
    with serve(copy) as base_url:
        page = browser.new_page(base_url=base_url)
        page.add_init_script(RECORD)
        page.goto(ARTICLE)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__injected") is None
        assert [v for v in violations(page) if v.startswith("script-src")] == ["script-src-elem inline",
                                                                               "script-src-attr inline"]
        assert page.locator("[data-bu-search-open]").is_visible()  # the site's own scripts still run
        page.close()
