"""MkDocs hook: what a printed article carries besides its text: a QR code of its short link, and the running
footer of its printed sheets (the site's name and the short link, in a small stylesheet beside the page)."""

from __future__ import annotations

from pathlib import Path

from between_us import background, handout, strings, urls
from between_us.editions import for_build
from between_us.settings import project_root
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_codes: background.Pending[str] | None = None
_index: dict[str, int] = {}  # short link (full URL) -> its place in _codes
_made: dict[str, str] = {}  # short link -> its code, made while rendering (a new article's): its pack reuses it


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Made beside the build (a few ms each), for every short link the manifest has published; a page takes
    # its code when rendered (a new article's is made then).
    global _codes
    # This edition's short links only (/es/a/<id>/ in the Spanish build): another edition's are its own build's.
    numbers = urls.read_short_links(project_root(config.config_file_path) / "data" / "urls.txt",
                                    for_build(config).prefix())
    links = [urls.short_link_url(config.site_url, number) for number in numbers] if config.site_url else []
    _codes = background.current().map(handout.qr_svgs, links, _qr_title(config))
    _index.clear()
    _made.clear()
    _index.update({link: index for index, link in enumerate(links)})
    return files


def _qr_title(config: MkDocsConfig) -> str:
    return strings.current[config.theme["language"]].handout.qr_title


def _code(meta: dict, config: MkDocsConfig) -> str | None:
    number = urls.article_number(meta)
    if number is None or not config.site_url:
        return None
    link = urls.short_link_url(config.site_url, number)
    if _codes is not None and link in _index:
        return _codes.result()[_index[link]]
    if link not in _made:
        _made[link] = handout.qr_svg(link, _qr_title(config))
    return _made[link]


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    meta = page.meta or {}
    if meta.get("references"):
        meta["qr_svg"] = _code(meta, config)
    # A topic pack (hooks/packs.py) prints each of its articles with that article's own code.
    for item in meta.get("pack_articles") or []:
        item["qr_svg"] = _code(item["meta"], config)
    if meta.get("short_link") or meta.get("pack_articles"):
        meta["print_footer"] = handout.FOOTER_FILE  # main.html links it; written below
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    meta = page.meta or {}
    if meta.get("print_footer"):
        own = meta.get("short_link") or urls.printed_address(config.site_url, page.url)
        named = {item["number"]: item["short_link"] for item in meta.get("pack_articles") or []
                 if item.get("short_link")}
        folder = Path(config.site_dir) / page.file.dest_uri
        folder.parent.mkdir(parents=True, exist_ok=True)
        (folder.parent / handout.FOOTER_FILE).write_text(handout.footer_css(config.site_name, own, named),
                                                        encoding="utf-8")
    return output
