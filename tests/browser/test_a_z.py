"""The A to Z in a real browser: it works with JavaScript off, and prints as a plain list."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_with_javascript_off_every_letter_link_reaches_its_heading(new_page: Callable[..., Page]):
    page = new_page(java_script_enabled=False)
    page.goto("a-z/")
    letters = page.locator("nav.bu-a-z__letters a")
    assert letters.count() >= 10
    letters.last.click()
    target = letters.last.get_attribute("href")
    assert page.url.endswith(target)
    expect(page.locator(target)).to_be_in_viewport()


def test_printed_the_a_to_z_is_the_list_and_the_crisis_lines_without_the_letter_bar(page: Page):
    page.goto("a-z/")
    page.emulate_media(media="print")
    expect(page.locator("nav.bu-a-z__letters")).to_be_hidden()
    expect(page.locator(".bu-a-z__list").first).to_be_visible()
    expect(page.locator(".bu-crisis__region").first).to_be_visible()
