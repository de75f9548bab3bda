"""MkDocs hook: topic hubs list their articles (and link their printable pack), the A to Z lists every
subject; articles get reading time, related articles, their review state and their short link."""

from __future__ import annotations

from between_us import a_z, packs, strings, urls
from between_us.content import ContentFile, catalog
from between_us.listings import Related, article_list_html, pack_link_html, reading_minutes
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

ARTICLES_MARKER = "<!-- bu:articles -->"
A_Z_MARKER = "<!-- bu:a-z -->"
_files: Files | None = None
_related: Related | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files, _related
    _files, _related = files, None
    return files


# Once every page is read, so the listings see every article; before the search plugin (0) indexes the page.
@event_priority(10)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    global _related
    assert _files is not None
    described = catalog.files()
    files = _files

    def href(article: ContentFile) -> str:
        return files.get_file_from_path(article.src_path).url_relative_to(page.file)

    if page.content and ARTICLES_MARKER in page.content:
        topic = page.file.src_uri.split("/")[0]
        words = strings.current[config.theme["language"]]
        listing = article_list_html(described.values(), topic, href, words)
        pack = files.get_file_from_path(packs.pack_source(topic))
        if pack is not None:
            listing += pack_link_html(topic, pack.url_relative_to(page.file), words)
        page.content = page.content.replace(ARTICLES_MARKER, listing)
    if page.content and A_Z_MARKER in page.content:
        label = strings.current[config.theme["language"]].a_z.letters_label
        page.content = page.content.replace(A_Z_MARKER, a_z.a_z_html(described.values(), href, label))
    checked = described.get(page.file.src_uri)
    if checked is None or checked.kind != "article":
        return context
    _related = _related or Related(described.values())
    page.meta["reading_time"] = reading_minutes(checked.words)
    page.meta["review_status"] = checked.review
    number = urls.article_number(checked.meta)
    if number is not None:
        page.meta["short_link"] = urls.printed_short_link(config.site_url, number)
    page.meta["related"] = [{"title": other.meta["title"], "url": _files.get_file_from_path(other.src_path).url}
                            for other in _related.of(checked)]
    return context
