"""MkDocs hook: a printable pack per topic, /<topic>/pack/, with every article of the topic; with PACK_PDFS=1
(the deploy build, `make packs`), also its PDFs for double-sided printing, linked from the pack page."""

from __future__ import annotations

import os
from pathlib import Path

from between_us import findings, pack_pdfs, packs, strings, urls
from between_us.content import catalog
from between_us.editions import for_build
from between_us.frontmatter import TOPICS, tags_of
from between_us.listings import articles_in, reading_minutes
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_datetime

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
    if pack_pdfs.enabled(os.environ):  # made after the build (on_post_build below)
        papers = strings.current[config.theme["language"]].pack.papers
        page.meta["pack_pdfs"] = [{"href": pack_pdfs.pdf_name(topic, paper), "label": papers[paper]}
                                  for paper in pack_pdfs.PAPERS]
    # The crisis block at the end shows the topic lines of every article in the pack.
    page.meta["crisis_topics"] = sorted({topic, *(tag for item in items for tag in tags_of(item["meta"]))})
    return context


# Every page of this edition is written and final (the page policy: -52; another edition's build has finished:
# -49), and the link check (-60), which checks the pack pages' links to the PDFs, has not run yet.
@event_priority(-55)
def on_post_build(config: MkDocsConfig) -> None:
    if not pack_pdfs.enabled(os.environ):
        return
    editions, site = for_build(config), Path(config.site_dir)
    # Another edition's site folder is in the root's: served from there, as it is published.
    root, prefix = (site, "") if editions.is_default else (site.parent, editions.prefix().lstrip("/") + "/")
    blank = strings.current[config.theme["language"]].pack.blank_page
    to_print = [pack_pdfs.Pack(f"{prefix}{topic}/{packs.NAME}/", topic, blank) for topic in TOPICS
                if (site / topic / packs.NAME / "index.html").is_file()]
    if not to_print:
        return
    if not config.site_url:
        raise PluginError("The pack PDFs (PACK_PDFS=1) need site_url in mkdocs.yml: their links lead there.")
    try:
        made = pack_pdfs.make_pack_pdfs(root, editions.root_url(config.site_url), to_print, get_build_datetime())
        for pdf in made:
            findings.log.info(f"Pack PDF {findings.relative(pdf.path, root)}: {pdf.pages} pages, {pdf.blanks} "
                              f"left blank, {pdf.passes} passes, {pdf.seconds} s")
    except pack_pdfs.PackPdfError as error:
        raise PluginError(f"The pack PDFs (PACK_PDFS=1) could not be made: {error}") from error
