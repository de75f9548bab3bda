"""Small Pagefind indexes for tests: pages of the site's shape, indexed by the pinned Pagefind as the build runs it."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path
from typing import Any

from between_us import search

WORDS = ["anchor", "balance", "calm", "daylight", "evening", "feeling", "garden", "harbour", "island", "journey",
         "kindness", "listening", "morning", "nearby", "open", "patience", "quiet", "repair", "steady", "trust",
         "unhurried", "valley", "warmth", "yesterday"]


def write_pages(folder: Path, count: int) -> None:
    """`count` pages with a body marked for search, each with its own mix of WORDS."""
    for number in range(count):
        words = " ".join(WORDS[(number * 5 + i) % len(WORDS)] for i in range(60 + number))
        page = folder / f"page-{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<!doctype html><html lang="en"><head><title>Page {number}</title></head><body>'
                        f'<main data-pagefind-body><h1>Page {number}</h1><p>{words}</p></main></body></html>',
                        encoding="utf-8")


def build_index(pages: Path, output: Path) -> None:
    subprocess.run(search.pagefind_command(pages, output), check=True, capture_output=True)


def indexed_page(site_dir: Path, url: str) -> dict[str, Any]:
    """What Pagefind holds of the page at `url` ("/intimacy/x/"): its text ("content") and "meta"."""
    for fragment in (site_dir / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes())[len(b"pagefind_dcd"):])
        if data["url"] == url:
            return data
    raise AssertionError(f"{url} is not in the search index of {site_dir}")
