"""MkDocs hook: the printed handout's QR code, pointing at the page's canonical address."""

from __future__ import annotations

from urllib.parse import urljoin

from between_us import background
from between_us.handout import qr_svgs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_codes: background.Pending[str] | None = None
_index: dict[str, int] = {}  # page URL -> its place in _codes


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Made beside the build (a few ms each, for every page); a page takes its code when rendered.
    global _codes
    # As MkDocs makes page.canonical_url, so every page finds its code.
    base = config.site_url if not config.site_url or config.site_url.endswith("/") else config.site_url + "/"
    urls = [urljoin(base, f.url) for f in files.documentation_pages()] if base else []
    _codes = background.current().map(qr_svgs, urls)
    _index.clear()
    _index.update({url: index for index, url in enumerate(urls)})
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    url = page.canonical_url
    if _codes is not None and url in _index and (page.meta or {}).get("references"):
        page.meta["qr_svg"] = _codes.result()[_index[url]]
    # A topic pack (hooks/packs.py) prints each of its articles with that article's own code.
    for item in (page.meta or {}).get("pack_articles") or []:
        if _codes is not None and item["url"] in _index:
            item["qr_svg"] = _codes.result()[_index[item["url"]]]
    return context
