"""MkDocs hook: the printed handout's QR code, pointing at the page's canonical address."""

from __future__ import annotations

from between_us.handout import qr_svg
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    if page.canonical_url and (page.meta or {}).get("references"):
        page.meta["qr_svg"] = qr_svg(page.canonical_url)
    return context
