"""Lists of articles: a topic hub's listing, reading time, and related articles."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import PurePosixPath

from .content import ContentFile

WORDS_PER_MINUTE = 200


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def articles_in(files: Iterable[ContentFile], topic: str) -> list[ContentFile]:
    """A topic's articles with usable front matter, by title, so the order is stable."""
    return sorted((f for f in files if f.kind == "article" and f.meta.get("topic") == topic
                   and f.src_path.startswith(topic + "/") and "title" in f.meta),
                  key=lambda f: str(f.meta["title"]).lower())


def article_list_markdown(files: Iterable[ContentFile], topic: str) -> str:
    """Markdown links relative to the hub (topic/index.md), so MkDocs validates every one."""
    items = [
        f"- **[{f.meta['title']}]({PurePosixPath(f.src_path).name})**  \n"
        f"  {f.meta.get('description', '')} *{reading_minutes(f.words)} min read*"
        for f in articles_in(files, topic)
    ]
    return "\n".join(items) if items else "*No articles in this topic yet.*"


def related_articles(article: ContentFile, files: Iterable[ContentFile], limit: int = 3) -> list[ContentFile]:
    """Other articles sharing the most tags, then the same topic; ties by title."""
    tags = set(article.meta.get("tags", []))

    def score(other: ContentFile) -> tuple[int, int, str]:
        shared = len(tags & set(other.meta.get("tags", [])))
        return (-shared, 0 if other.meta.get("topic") == article.meta.get("topic") else 1, str(other.meta["title"]))

    candidates = [f for f in files if f.kind == "article" and f is not article and "title" in f.meta
                  and (tags & set(f.meta.get("tags", [])) or f.meta.get("topic") == article.meta.get("topic"))]
    return sorted(candidates, key=score)[:limit]
