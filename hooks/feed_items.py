"""MkDocs hook: each article's RSS item says what the article is and, in short, what it says."""

from __future__ import annotations

from between_us import strings
from between_us.listings import feed_description
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    # Read by mkdocs-rss-plugin (its `rss.feed_description` page setting) before its own description.
    description = feed_description(page.meta, strings.current[config.theme["language"]].feeds.in_short)
    if description:
        page.meta["rss"] = {"feed_description": description}
    return markdown
