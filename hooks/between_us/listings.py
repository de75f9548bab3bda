"""Lists of articles: a topic hub's listing, reading time, and related articles."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from html import escape
from itertools import groupby
from operator import itemgetter
from typing import Any

from .content import ContentFile
from .frontmatter import tags_of

WORDS_PER_MINUTE = 200
START_HERE_CLASS = ' class="bu-start-here"'


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def _hub_place(article: ContentFile) -> tuple[bool, int, str]:
    """Editors set the order with `order:` (1 first); articles without one follow, by title."""
    order = article.meta.get("order")
    numbered = isinstance(order, int) and not isinstance(order, bool)
    return (not numbered, order if numbered else 0, str(article.meta["title"]).lower())


def articles_in(files: Iterable[ContentFile], topic: str) -> list[ContentFile]:
    """A topic's articles with usable front matter, in the order its hub shows them."""
    return sorted((f for f in files if f.kind == "article" and f.meta.get("topic") == topic
                   and f.src_path.startswith(topic + "/") and "title" in f.meta), key=_hub_place)


def article_list_html(files: Iterable[ContentFile], topic: str, href: Callable[[ContentFile], str],
                      words: Mapping[str, Any]) -> str:
    """A hub's list of its topic's articles: title (a link), description and reading time.

    HTML, put in after every page is read (as Material's tags plugin does its listings): `href`
    is a link made by the generator from the article's own file, relative to the hub. `words`: the page
    language's strings (data/strings/<lang>.yml).
    """
    start_here = f'<span class="bu-start-here__label">{escape(words["hub"]["start_here"])}</span> '
    items = [
        f'<li{START_HERE_CLASS if f.meta.get("order") == 1 else ""}>'
        f'{start_here if f.meta.get("order") == 1 else ""}'
        f'<strong><a href="{escape(href(f))}">{escape(str(f.meta["title"]))}</a></strong><br>\n'
        f'  {escape(str(f.meta.get("description", "")))} '
        f'<em>{escape(words["article"]["min_read"].format(minutes=reading_minutes(f.words)))}</em></li>'
        for f in articles_in(files, topic)
    ]
    # Left out of the search index: search finds each article itself, by its title and description.
    listing = "\n".join(items)
    if not items:
        return f"<p><em>{escape(words['hub']['empty'])}</em></p>"
    return f"<ul data-search-exclude data-pagefind-ignore>\n{listing}\n</ul>"


def pack_link_html(topic: str, href: str, words: Mapping[str, Any]) -> str:
    """A hub's link to its topic's printable pack (hooks/packs.py), left out of search like the listing."""
    said = words["hub"]
    name = words["topics"][topic].lower()
    return (f'\n<p class="bu-pack-link" data-search-exclude data-pagefind-ignore><a href="{escape(href)}">'
            f'{escape(said["pack_link"].format(topic=name))}</a>{escape(said["pack_link_after"])}</p>')


class Related:
    """Related articles for every article: those sharing the most tags, then the same topic; ties by title.

    Indexed once per build, in title order, so an article is compared only with the articles that
    share a tag or its topic, and mostly in C (Counter, sorted).
    """

    def __init__(self, files: Iterable[ContentFile]) -> None:
        self._articles = sorted((f for f in files if f.kind == "article" and "title" in f.meta),
                                key=lambda f: str(f.meta["title"]))
        self._index = {id(article): index for index, article in enumerate(self._articles)}
        self._by_tag: dict[str, list[int]] = defaultdict(list)
        self._by_topic: dict[str, set[int]] = defaultdict(set)
        for index, article in enumerate(self._articles):
            for tag in set(tags_of(article.meta)):
                self._by_tag[tag].append(index)
            self._by_topic[str(article.meta.get("topic"))].add(index)

    def of(self, article: ContentFile, limit: int = 3) -> list[ContentFile]:
        shared: Counter[int] = Counter()
        for tag in set(tags_of(article.meta)):
            shared.update(self._by_tag.get(tag, ()))
        itself = self._index.get(id(article))
        shared.pop(itself, None)
        topic = self._by_topic.get(str(article.meta.get("topic")), set())
        chosen: list[int] = []
        for _, group in groupby(shared.most_common(), key=itemgetter(1)):
            ids = {index for index, _ in group}
            chosen += (sorted(ids & topic) + sorted(ids - topic))[: limit - len(chosen)]
            if len(chosen) == limit:
                break
        else:
            chosen += sorted(topic - shared.keys() - {itself})[: limit - len(chosen)]
        return [self._articles[index] for index in chosen]


def feed_description(meta: dict, in_short: str) -> str | None:
    """An article's RSS item: its description, then `in_short` ("In short:") and its points; None for a page
    without them."""
    summary = meta.get("summary")
    if not isinstance(summary, list) or not summary:
        return None
    points = " ".join(str(point) for point in summary)
    return f"{meta.get('description', '')} {in_short} {points}".strip()
