"""Ready-to-print PDFs of each topic pack, for double-sided printing: every article starts on a right-hand
(odd-numbered) page, so a clinic can separate the printed articles cleanly.

A browser cannot do this from the pack page: Chromium adds no blank page for `break-before: right`
(ARCHITECTURE.md, Topic packs), and a page cannot see where its printed pages break. So the deploy build
(`PACK_PDFS=1`) prints each pack with Chromium, reads from the PDF on which page each article starts (its
running footer, the article's short link, begins there), puts one page "left blank on purpose" before each
article that would start on a left-hand page, and prints again. The blank pages exist in the print run only
(added to the loaded page, never to the published HTML). Chromium numbers the final layout, so page numbers
and running footers stay right.

The browser opens the pack at its published address, and is given the built site's files there: nothing is
fetched from the network, and the PDF's links lead to the published pages. Its dates are the build's
(SOURCE_DATE_EPOCH), so a build repeats byte for byte.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pypdf import PdfReader, PdfWriter

from .chromium import CHROMIUM, CHROMIUM_ARGS, MISSING

ENV = "PACK_PDFS"
PAPERS = {"a4": "A4", "letter": "Letter"}  # a file's suffix -> Chromium's paper format
# Print, add blanks, print again: one round of blanks is enough (a blank page moves only what follows it
# by one page); the last pass is a check.
PASSES = 3
ARTICLE = ".bu-pack__article"
BLANK = "bu-pack__blank"  # print.css gives it a page of its own
_ADD_BLANKS = """({selector, blank, before, text}) => {
  const articles = document.querySelectorAll(selector);
  for (const index of before) {
    const page = document.createElement("div");
    page.className = blank;
    page.textContent = text;
    articles[index].before(page);
  }
}"""


class PackPdfError(RuntimeError):
    """A pack that could not be printed with every article on a right-hand page; the message says why."""


@dataclass(frozen=True)
class Pack:
    folder: str  # the pack page's folder under the served site: 'es/intimacy/pack/'
    topic: str
    blank_text: str  # what a blank page says, in the pack's language


@dataclass(frozen=True)
class Made:
    path: Path
    pages: int
    blanks: int
    passes: int
    seconds: float


def enabled(environ: Mapping[str, str]) -> bool:
    return environ.get(ENV, "") not in ("", "0")


def pdf_name(topic: str, paper: str) -> str:
    """The file name of a pack's PDF, beside its page: 'intimacy-pack-a4.pdf'."""
    return f"{topic}-pack-{paper}.pdf"


def blank_before(starts: Sequence[int]) -> list[int]:
    """The articles (their indexes) that get one blank page before them, so that each starts on an odd page,
    given the page each starts on now (1-based, in order): a blank moves every later article down one page."""
    moved = 0
    chosen = []
    for index, page in enumerate(starts):
        if (page + moved) % 2 == 0:
            chosen.append(index)
            moved += 1
    return chosen


def footers(pdf: bytes) -> list[str]:
    """Each page's running footer, the text after its page number ('Between Us · example.org/a/16/')."""
    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    found = []
    for number, page in enumerate(reader.pages, 1):
        match = re.search(rf"(?m)^{number} / {total}(.*)$", page.extract_text())
        if match is None:
            raise PackPdfError(f"printed page {number} has no page number '{number} / {total}' (print.css)")
        found.append(match.group(1).strip())
    return found


def article_starts(page_footers: Sequence[str]) -> list[int]:
    """The pages (1-based) on which an article starts: its footer, the article's short link, differs from the
    page before's and from the pack's own (the first page's, also on blank pages and the closing crisis lines)."""
    pack = page_footers[0] if page_footers else ""
    return [number for number, (before, footer) in enumerate(pairwise(page_footers), 2)
            if footer not in (before, pack)]


def dated(pdf: bytes, created: dt.datetime) -> bytes:
    """The PDF with `created` as its creation and change dates (Chromium writes the clock's)."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    stamp = created.astimezone(dt.UTC).strftime("D:%Y%m%d%H%M%SZ")
    writer.add_metadata({"/CreationDate": stamp, "/ModDate": stamp})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def print_pack(page: Any, url: str, paper: str, out: Path, blank_text: str, created: dt.datetime) -> Made:
    """Print the pack at `url` on `paper` (a Playwright page) to `out`, each article on an odd page."""
    started = time.perf_counter()
    page.goto(url)
    page.emulate_media(media="print")
    articles = page.locator(ARTICLE).count()
    blanks = 0
    for attempt in range(1, PASSES + 1):
        pdf = page.pdf(format=PAPERS[paper])
        page_footers = footers(pdf)
        starts = article_starts(page_footers)
        if len(starts) != articles:
            raise PackPdfError(f"{url} at {PAPERS[paper]}: found {len(starts)} article starts in the PDF for "
                               f"{articles} articles (each needs a short link of its own in its footer)")
        before = blank_before(starts)
        if not before:
            out.write_bytes(dated(pdf, created))
            return Made(out, len(page_footers), blanks, attempt,
                        round(time.perf_counter() - started, 2))
        if attempt < PASSES:
            page.evaluate(_ADD_BLANKS, {"selector": ARTICLE, "blank": BLANK, "before": before, "text": blank_text})
            blanks += len(before)
    raise PackPdfError(f"{url} at {PAPERS[paper]}: articles still start on left-hand pages {starts} after "
                       f"{PASSES} passes")


def site_file(site: Path, site_url: str, url: str) -> Path | None:
    """The file of the built site `site`, published at `site_url`, that answers `url`; None if none does."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    if not url.startswith(base):
        return None
    rel = unquote(urlsplit(url).path)[len(urlsplit(base).path):]
    path = (site / rel / "index.html" if rel == "" or rel.endswith("/") else site / rel).resolve()
    return path if path.is_file() and site.resolve() in path.parents else None


def make_pack_pdfs(site: Path, site_url: str, packs: Sequence[Pack], created: dt.datetime) -> list[Made]:
    """Each pack's PDFs, one per paper size, written beside its page in the built site `site` (the root's: a
    pack of another edition finds the root's files), as published at `site_url`, dated `created`."""
    if not CHROMIUM.exists():
        raise PackPdfError(MISSING)
    from playwright.sync_api import Route, sync_playwright  # only a build that makes the PDFs needs a browser

    def answer(route: Route) -> None:
        path = site_file(site, site_url, route.request.url)
        if path is not None:
            route.fulfill(path=path)
        elif route.request.url.startswith(site_url):
            route.fulfill(status=404)
        else:  # another site's: the published page fetches nothing from one either
            route.abort()

    made = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(base_url=site_url)
            context.route("**/*", answer)
            page = context.new_page()
            for pack in packs:
                for paper in PAPERS:
                    out = site / pack.folder / pdf_name(pack.topic, paper)
                    made.append(print_pack(page, pack.folder, paper, out, pack.blank_text, created))
        finally:
            browser.close()
    return made
