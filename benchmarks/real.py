"""The real corpus for the benchmark: the project's own articles, copied until there are N copies.

Copy `number` (1 to N) of the article `<topic>/<name>.md` is `<topic>/<name>-copy-<number>.md`, in the
same folder, so every relative link in it still works. It differs from its original in three front
matter lines only: the title ends in "(copy <number>)", so every title is unique; its short-link
number is its own (`id: 200000 + number`, far above the real articles'); and `order:` is left out, so
a hub has one "Start here" and lists the copies by title after the originals. The copies
carry the real articles' links, tags, references, summaries and related lists, which the synthetic
articles have fewer of.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

TOPICS = ("intimacy", "stigma", "communication", "recovery")
TITLE_MAX = 80  # the front matter schema's limit (hooks/between_us/frontmatter.py)
_FRONT = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
COPY_NAME = re.compile(r"-copy-\d{4,}\.md$")


COPY_IDS = 200_000  # short-link numbers of the copies start here (synthetic articles: 100_000)


def originals(docs: Path) -> list[str]:
    """The real articles under `docs`, sorted: `<topic>/<name>.md`, hubs and copies left out."""
    return sorted(p.relative_to(docs).as_posix() for topic in TOPICS for p in (docs / topic).glob("*.md")
                  if p.name != "index.md" and not COPY_NAME.search(p.name))


def copy_path(source: str, number: int) -> str:
    return f"{source.removesuffix('.md')}-copy-{number:04d}.md"


def copy_text(text: str, number: int) -> str:
    """An article's Markdown with its title and short-link number made unique and its `order:` left out."""
    match = _FRONT.match(text)
    if not match:
        raise ValueError("no front matter at the top of the article")
    front = match.group(1)
    title = f"{yaml.safe_load(front)['title']} (copy {number})"
    if len(title) > TITLE_MAX:
        raise ValueError(f"the copy's title would be longer than {TITLE_MAX} characters: {title}")
    front, found = re.subn(r"^title:.*\n", lambda _: f"title: {json.dumps(title)}\n", front, count=1,
                           flags=re.MULTILINE)
    if found != 1:
        raise ValueError("the title is not on one `title:` line")
    front = re.sub(r"^order:.*\n", "", front, flags=re.MULTILINE)
    front = re.sub(r"^id:.*\n", f"id: {COPY_IDS + number}\n", front, flags=re.MULTILINE)
    return f"---\n{front}---\n{text[match.end():]}"


def write_copies(docs: Path, count: int) -> list[str]:
    """Write `count` copies of the real articles under `docs` (each original in turn); returns their paths."""
    sources = originals(docs)
    if not sources:
        raise ValueError(f"no articles to copy under {docs}")
    texts = {source: (docs / source).read_text(encoding="utf-8") for source in sources}
    paths = []
    for number in range(1, count + 1):
        source = sources[(number - 1) % len(sources)]
        path = copy_path(source, number)
        (docs / path).write_text(copy_text(texts[source], number), encoding="utf-8")
        paths.append(path)
    return paths
