"""MkDocs hook: topic hubs list their articles; articles get reading time and related articles."""

from __future__ import annotations

from between_us.content import catalog
from between_us.listings import article_list_markdown, reading_minutes, related_articles
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ARTICLES_MARKER = "<!-- bu:articles -->"
_files: Files | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    _files = files
    return files


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    if ARTICLES_MARKER not in markdown:
        return markdown
    topic = page.file.src_uri.split("/")[0]
    return markdown.replace(ARTICLES_MARKER, article_list_markdown(catalog.values(), topic))


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    checked = catalog.get(page.file.src_uri)
    if checked is None or checked.kind != "article" or _files is None:
        return context
    page.meta["reading_time"] = reading_minutes(checked.words)
    related = related_articles(checked, catalog.values())
    page.meta["related"] = [{"title": other.meta["title"], "url": _files.get_file_from_path(other.src_path).url}
                            for other in related]
    return context
