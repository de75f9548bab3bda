"""Browser fixtures: the real site served on 127.0.0.1 and Debian's Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from between_us.chromium import CHROMIUM, CHROMIUM_ARGS, MISSING
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from search_cost import serve  # the benchmark serves the site the same way

OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture(scope="session")
def base_url(site) -> Iterator[str]:
    """The built site, served."""
    with serve(site.site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(MISSING)
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def _offline_page(browser: Browser, base_url: str, width: int = 1280, height: int = 900, **options: Any) -> Page:
    """A page in a new context (empty storage) whose requests outside the site are refused."""
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": height}, **options)
    context.route("**/*", lambda route: route.abort() if not route.request.url.startswith(base_url)
                  else route.continue_())
    return context.new_page()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh page (new context: empty storage) that never reaches the internet."""
    page = _offline_page(browser, base_url)
    yield page
    page.context.close()


@pytest.fixture
def new_page(browser: Browser, base_url: str) -> Iterator[Callable[..., Page]]:
    """Pages like `page`, of another size or colour scheme, or in another time zone or language:
    new_page(width=390, height=844, scheme="dark"), new_page(timezone_id="Europe/London", locale="en-GB")."""
    pages: list[Page] = []

    def make(width: int = 1280, height: int = 900, scheme: str = "light", reduced_motion: str = "no-preference",
             **options: Any) -> Page:
        pages.append(_offline_page(browser, base_url, width, height, color_scheme=scheme,
                                   reduced_motion=reduced_motion, **options))
        return pages[-1]

    yield make
    for made in pages:
        made.context.close()


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT
