"""Facts about the project's own files that several test modules need."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from between_us.settings import read_mkdocs_yml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
TOPICS = ("intimacy", "stigma", "communication", "recovery")


@cache
def mkdocs_config() -> dict[str, Any]:
    return read_mkdocs_yml((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def is_article(path: Path, docs: Path = DOCS) -> bool:
    rel = path.relative_to(docs)
    return len(rel.parts) == 2 and rel.parts[0] in TOPICS and rel.name != "index.md"


def articles(lang: str = "en") -> list[str]:
    """Every article's path under docs/, sorted: English's, or another language's ('es/intimacy/a.md')."""
    docs = DOCS if lang == "en" else DOCS / lang
    return sorted(p.relative_to(DOCS).as_posix() for p in docs.rglob("*.md") if is_article(p, docs))


def front_matter(src: str) -> dict[str, Any]:
    return yaml.safe_load((DOCS / src).read_text(encoding="utf-8").split("---")[1])


def url_of(src: str) -> str:
    """Site-relative URL of a page under docs/: 'intimacy/a.md' -> 'intimacy/a/'."""
    if src == "index.md":
        return ""
    return src.removesuffix(".md").removesuffix("index").rstrip("/") + "/"
