"""MkDocs hook: a printable pack per topic, /<topic>/pack/, with every article of the topic."""

from __future__ import annotations

from between_us import findings, packs, strings, urls
from between_us.content import catalog
from between_us.frontmatter import TOPICS, tags_of
from between_us.listings import articles_in, reading_minutes
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

_files: Files | None = None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files
    _files = files
    # A pack for each topic that has a hub, made here: it has no Markdown file of its own.
    for topic in TOPICS:
        source = packs.pack_source(topic)
        if files.get_file_from_path(f"{topic}/index.md") is None:
            continue
        if files.get_file_from_path(source) is not None:
            findings.current.add(findings.Finding(
                f"{config.docs_dir}/{source}", None, None, "packs",
                f"/{topic}/{packs.NAME}/ is the address of the topic's printable pack: rename this file."))
            continue
        made = packs.pack_markdown(topic, strings.current[config.theme["language"]])
        files.append(File.generated(config, source, content=made))
    return files


# Every page has been read (each article's HTML is ready); before the handout hook (0) gives each
# article of the pack its QR code.
@event_priority(5)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    topic = page.meta.get("pack")
    if topic not in TOPICS or not packs.is_pack(page.file.src_uri) or _files is None:
        return context
    files = _files
    items = []
    for article in articles_in(catalog.files().values(), topic):
        file = files.get_file_from_path(article.src_path)
        if file is None or file.page is None:
            continue
        name = packs.anchor(article.src_path)
        number = urls.article_number(article.meta)  # a translation's is its English twin's
        items.append({
            "anchor": name,
            "title": str(article.meta["title"]),
            "meta": article.meta,
            "url": file.page.canonical_url,
            "number": number,
            "short_link": urls.printed_short_link(config.site_url, number) if number is not None else None,
            "reading_time": reading_minutes(article.words),
            "review": article.review,
            # The article as its own page renders it (already HTML), its ids kept apart from the others'.
            "content": Markup(packs.for_pack(file.page.content or "", f"{name}--", f"../{name}/")),
            "qr_svg": None,
        })
    page.meta["pack_articles"] = items
    # The crisis block at the end shows the topic lines of every article in the pack.
    page.meta["crisis_topics"] = sorted({topic, *(tag for item in items for tag in tags_of(item["meta"]))})
    return context
