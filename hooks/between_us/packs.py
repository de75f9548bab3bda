"""Topic packs: one printable page per topic with every article of the topic, for clinics to hand out.

A pack is a page the build makes, `/<topic>/pack/` (it has no Markdown file): each article on its own
printed pages, with its address, short link, QR code and review status, and one crisis block at the
end. It is left out of search, the feeds and related links; the topic's hub and For clinics link it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

NAME = "pack"
TEMPLATE = "pack.html"


def pack_source(topic: str) -> str:
    """The Markdown path a topic's pack is made at (no such file exists): 'intimacy/pack.md'."""
    return f"{topic}/{NAME}.md"


def is_pack(src_path: str) -> bool:
    parts = PurePosixPath(src_path).parts
    return len(parts) == 2 and parts[1] == f"{NAME}.md"


def pack_markdown(topic: str, words: Mapping[str, Any]) -> str:
    """The pack page's source: front matter (its own template; out of search) and a short introduction,
    in the language of `words` (data/strings/<lang>.yml).

    The articles are put in by the packs hook, when every page has been read.
    """
    name = words["topics"][topic]
    return (
        "---\n"
        f"title: {json.dumps(words['pack']['title'].format(topic=name), ensure_ascii=False)}\n"
        f"description: {json.dumps(words['pack']['description'].format(topic=name), ensure_ascii=False)}\n"
        f"template: {TEMPLATE}\n"
        "search:\n  exclude: true\n"
        "hide: [toc]\n"
        f"pack: {topic}\n"
        "---\n"
    )


_ID = re.compile(r'(\s(?:id|for|aria-labelledby|aria-describedby|aria-controls)=")([^"]+)(")')
_FRAGMENT = re.compile(r'(\shref=")#([^"]+)(")')
_HEADING = re.compile(r"<(/?)h([1-5])\b")
# A link relative to the article's own folder ('photo.png', './'), not to its parent or the site.
_OWN_FOLDER = re.compile(r'(\s(?:href|src)=")(?!\.\./|/|#|[a-z][a-z0-9+.-]*:)(?:\./)?([^"]*)(")', re.IGNORECASE)


def for_pack(content_html: str, prefix: str, own_folder: str = "") -> str:
    """An article's rendered HTML made fit to sit in a pack beside the others: its ids (and links to
    them) start with `prefix`, so no two articles share one; its headings go down one level, under
    the article's title; and a link relative to its own folder gets `own_folder` in front
    ('../article/'), so it leads where it did. The pack is as deep as its articles: other relative links
    lead where they did."""
    html = _ID.sub(lambda m: m.group(1) + " ".join(f"{prefix}{part}" for part in m.group(2).split()) + m.group(3),
                   content_html)
    html = _FRAGMENT.sub(lambda m: f"{m.group(1)}#{prefix}{m.group(2)}{m.group(3)}", html)
    if own_folder:
        html = _OWN_FOLDER.sub(lambda m: f"{m.group(1)}{own_folder}{m.group(2)}{m.group(3)}", html)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)


def anchor(src_path: str) -> str:
    """The id of an article's section in its pack: its file name."""
    return PurePosixPath(src_path).stem
