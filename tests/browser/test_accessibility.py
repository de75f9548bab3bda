"""Accessibility in a real browser: axe's WCAG A/AA rules on every kind of page in both colour schemes,
the keyboard path (skip link first, every focus visible and never under the sticky bars), and phone
screenshots in test-output/ for people to look at."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from sitedata import articles, front_matter, url_of

from browser.searching import search

pytestmark = pytest.mark.browser

ARTICLE = url_of(articles()[0])
PAGES = {
    "home": "",
    "hub": f"{front_matter(articles()[0])['topic']}/",
    "article": ARTICLE,
    "tags": "tags/",
    "a-z": "a-z/",
    "get-help": "get-help/",
    "browsing-safely": "browsing-safely/",
    "404": "404.html",
    "es-home": "es/",
    "es-hub": "es/intimacy/",
    "es-article": "es/intimacy/controlling-and-abusive-relationships/",
    "es-get-help": "es/get-help/",
}
PHONE_WIDTH = 390  # a common phone screen in CSS pixels (390 by 844)
HEIGHTS = {1280: 900, PHONE_WIDTH: 844}
WIDTHS = tuple(HEIGHTS)
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's palette
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()


def show(page: Page, kind: str) -> None:
    if kind == "search":
        search(page, "suicidal thougts")  # results, the crisis card and the note on the mistyped word open
        expect(page.locator("[data-bu-search-spelling]")).to_be_visible()
    else:
        page.goto(PAGES[kind])


def axe_report(page: Page) -> str:
    """axe's WCAG 2.0/2.1/2.2 A and AA rules on the page as it is now; '' when nothing is violated."""
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_A_AA}, "resultTypes": ["violations"]})
    return results.generate_report() if results.violations_count else ""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", [*PAGES, "search"])
def test_axe_finds_no_wcag_a_or_aa_violations(new_page: Callable[..., Page], kind: str, scheme: str):
    page = new_page(scheme=scheme)
    reports = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHTS[width]})
        show(page, kind)
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        reports[width] = axe_report(page)
    assert reports == dict.fromkeys(WIDTHS, ""), "\n".join(f"At {w} px: {r}" for w, r in reports.items() if r)


@pytest.mark.parametrize("kind", PAGES)
def test_first_tab_is_the_skip_link_and_it_skips_to_the_content(page: Page, kind: str):
    page.goto(PAGES[kind])
    page.keyboard.press("Tab")
    expect(page.locator(".md-skip:focus")).to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(page.locator(".bu-exit-skip:focus")).to_be_in_viewport()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # The next stop is in the page's own content: the header, search and navigation are skipped.
    assert page.evaluate("document.activeElement.closest('.md-content') !== null"), page.evaluate(
        "document.activeElement.outerHTML.slice(0, 200)")


# The focused element, named, and what shows it: itself, or the label that stands for it (Material's
# palette switch is a hidden radio button whose focus ring is drawn on the label after it). Checks
# that its middle is in the window and on top (not under a sticky bar), and gives the area to compare.
# With `first`, null when focus has left the page or come back to an element already seen.
FOCUS_JS = """(first) => {
  const el = document.activeElement;
  if (first && (!el || el === document.body || el.dataset.buTabbed)) return null;
  el.dataset.buTabbed = "1";
  const text = (el.innerText || el.value || el.getAttribute("aria-label") || el.title || "").trim();
  const name = `<${el.tagName.toLowerCase()} class="${el.className}"> ${text.slice(0, 40)}`;
  const next = el.nextElementSibling;
  const candidates = [el, ...(el.labels || []), ...(next && next.tagName === "LABEL" ? [next] : [])];
  const shown = candidates.find((node) => {
    const box = node.getBoundingClientRect();
    return box.width >= 1 && box.height >= 1 && node.checkVisibility({opacityProperty: true,
                                                                     visibilityProperty: true});
  });
  if (!shown) return {name, problem: "has no visible box"};
  const box = shown.getBoundingClientRect();
  const line = shown.getClientRects()[0];  // a link that wraps: the middle of its first line
  const x = line.left + line.width / 2, y = line.top + line.height / 2;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return {name, problem: "is outside the window"};
  const hit = document.elementFromPoint(x, y);
  if (hit && !shown.contains(hit) && !hit.contains(shown)) {
    return {name, problem: `is covered by <${hit.tagName.toLowerCase()} class="${hit.className}">`};
  }
  const pad = 6;
  const left = Math.max(box.left - pad, 0), top = Math.max(box.top - pad, 0);
  const clip = {x: left, y: top, width: Math.min(box.right + pad, innerWidth) - left,
                height: Math.min(box.bottom + pad, innerHeight) - top};
  // Focus styles follow CSS classes: elements alike in tag, class and surroundings look alike.
  const kind = [el, el.parentElement, el.parentElement?.parentElement]
    .map((node) => node && `${node.tagName}.${node.className}`).join(" < ");
  return {name, problem: null, clip, kind, crisis: el.closest("[data-bu-crisis]") !== null};
}"""
# Material opens search a moment after its box gets focus (its scripts debounce focus events).
SETTLED_JS = f"() => {{ const info = ({FOCUS_JS})(false); return info.problem === null && info; }}"


def tab_stops(page: Page) -> list[tuple[str, str | None]]:
    """Tab through the whole page; for each stop, its name and what is wrong with its focus (None: fine).

    A focus is visible when the pixels around the element change between focused and not focused
    (compared once for each kind of element; where each one is, is checked for all).
    """
    stops: list[tuple[str, str | None]] = []
    compared: set[str] = set()
    reached_crisis_lines = False
    for _ in range(300):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_JS, True)
        if info is None:
            break
        if info["problem"]:
            with contextlib.suppress(PlaywrightTimeoutError):
                info = page.wait_for_function(SETTLED_JS, timeout=2000).json_value()
        problem = info["problem"]
        reached_crisis_lines = reached_crisis_lines or bool(info.get("crisis"))
        if problem is None and info["kind"] not in compared:
            compared.add(info["kind"])
            with_focus = page.screenshot(clip=info["clip"])
            focused = page.evaluate_handle("document.activeElement")
            page.evaluate("document.activeElement.blur()")
            without_focus = page.screenshot(clip=info["clip"])
            focused.as_element().focus()
            problem = "shows no change when focused" if with_focus == without_focus else None
        stops.append((info["name"], problem))
    assert reached_crisis_lines, f"the keyboard never reached the crisis lines: {[name for name, _ in stops]}"
    return stops


@pytest.mark.parametrize(("kind", "width"), [("article", 1280), ("article", PHONE_WIDTH), ("404", PHONE_WIDTH)])
def test_every_tab_stop_is_visible_and_not_hidden_under_the_sticky_bars(new_page: Callable[..., Page],
                                                                         kind: str, width: int):
    """WCAG 2.4.7 and 2.4.11. With reduced motion (which the site honours), so that what is checked is
    where things come to rest, not a moment of a slide or fade."""
    page = new_page(width=width, height=HEIGHTS[width], reduced_motion="reduce")
    page.goto(PAGES[kind])
    stops = tab_stops(page)
    problems = [f"{name} {problem}" for name, problem in stops if problem]
    assert len(stops) > 10 and not problems, "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_quick_exit_and_help_buttons_are_big_enough_to_tap(new_page: Callable[..., Page], width: int):
    """WCAG 2.5.8: at least 24 by 24 CSS pixels, on a phone too."""
    page = new_page(width=width, height=HEIGHTS[width])
    page.goto(ARTICLE)
    for selector in (".bu-topbar__exit", ".bu-topbar__help"):
        box = page.locator(selector).bounding_box()
        assert box and box["width"] >= 24 and box["height"] >= 24, (selector, box)


# Visible parts of the page that reach past the right edge of the window (cut off on a phone).
OVERFLOW_JS = """() => [...document.querySelectorAll(".bu-topbar *, .md-header *, .md-content *, .bu-crisis *")]
  .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > innerWidth + 1)
  .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> ${el.textContent.trim().slice(0, 40)}`)"""


# The header's parts as a reader sees them, in the order of the page (and so of the Tab key): the top bar's
# two buttons, then the menu, the site name, the colour toggle, search and the language switch.
HEADER_JS = """() => [".bu-topbar__help", ".bu-topbar__exit", ".md-header__inner > label.md-header__button",
    ".md-header__topic:first-child .md-ellipsis", ".md-header__option", ".bu-search", ".bu-language__link"]
  .map((selector) => { const el = document.querySelector(selector); const box = el.getBoundingClientRect();
    return {selector, left: box.left, right: box.right, top: box.top, bottom: box.bottom,
            clipped: el.scrollWidth > el.clientWidth && getComputedStyle(el).display !== "inline"}; })"""


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5 and a["top"] < b["bottom"] - 0.5 \
        and b["top"] < a["bottom"] - 0.5


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no-scripts"])
@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("kind", ["home", "article", "es-home", "es-article"])
def test_the_header_fits_a_320_px_screen(browser: Browser, base_url: str, kind: str, width: int, scripts: bool):
    """WCAG 1.4.10 reflow: at 320 px the site name is whole (not "Betw…"), and Get help now, Leave this site and
    the language switch all fit, side by side without overlap, in the order the keyboard reaches them. The
    switch then shows the language's name alone, and its accessible name is what it shows (WCAG 2.5.3)."""
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 640},
                                  java_script_enabled=scripts)
    try:
        page = context.new_page()
        page.goto(PAGES[kind])
        parts = page.evaluate(HEADER_JS)
        assert [p["selector"] for p in parts if p["clipped"]] == [], parts
        assert [p["selector"] for p in parts if p["left"] < 0 or p["right"] > width + 0.5] == [], parts
        assert [(a["selector"], b["selector"]) for i, a in enumerate(parts) for b in parts[i + 1:]
                if _overlap(a, b)] == [], parts
        for row in (parts[:2], parts[2:]):  # left to right as in the page: Tab goes the way the eye does
            assert [p["selector"] for p in sorted(row, key=lambda p: p["left"])] == [p["selector"] for p in row]
        switch, shown = page.locator(".bu-language__link"), "English" if kind.startswith("es-") else "Español"
        assert switch.inner_text() == shown  # the words on screen (innerText leaves out what is not shown)
        expect(switch).to_have_accessible_name(shown)
        assert page.evaluate(OVERFLOW_JS) == [] and page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_wider_screens_keep_the_switchs_full_words(page: Page):
    page.goto(PAGES["es-article"])
    switch = page.locator(".bu-language__link")
    assert switch.inner_text() == "This page in English"
    expect(switch).to_have_accessible_name("This page in English")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", ["home", "hub", "article"])
def test_phone_screenshots_for_people_to_look_at(new_page: Callable[..., Page], output_dir: Path,
                                                 kind: str, scheme: str):
    """Full-page screenshots at phone width (and a desktop one) in test-output/; nothing wider than a phone."""
    page = new_page(width=PHONE_WIDTH, height=HEIGHTS[PHONE_WIDTH], scheme=scheme)
    page.goto(PAGES[kind])
    page.screenshot(path=output_dir / f"{kind}-{PHONE_WIDTH}-{scheme}.png", full_page=True, animations="disabled")
    overflow = page.evaluate(OVERFLOW_JS)
    assert overflow == [], "wider than the phone's screen"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=output_dir / f"{kind}-1280-{scheme}.png", animations="disabled")
