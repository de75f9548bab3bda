"""The site's vocabulary, for search that forgives typing: every word of what Pagefind indexed, most common
first. overrides/assets/search-spelling.js fetches it only when a word of a query is not in the index as
typed, and searches the nearest word of it instead ("lonley" -> "lonely").

The words come from Pagefind's fragments (each indexed page's text as Pagefind read it: its title, its
content and the readers' words of its hidden block), so the vocabulary holds what search can find and
nothing else."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from .search import normalize
from .search_chunks import unpack

# Shorter words are never corrected (too many words are one letter away), so the file leaves them out.
SHORTEST = 3


def build(texts: Iterable[str]) -> list[str]:
    """The words of `texts` as a query is normalised, most common first (ties in alphabetical order).

    Only words of letters: a number ("116 123") is never corrected to another number."""
    counts = Counter(word for text in texts for word in normalize(text).split()
                     if len(word) >= SHORTEST and word.isalpha())
    return sorted(counts, key=lambda word: (-counts[word], word))


def indexed_texts(folder: Path) -> Iterator[str]:
    """Each indexed page's text, from the fragments in Pagefind's output `folder`."""
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        yield json.loads(unpack(path.read_bytes(), path.name))["content"]


def write(folder: Path, target: Path) -> int:
    """Write the vocabulary of Pagefind's output `folder` to `target`, a word a line; how many words."""
    words = build(indexed_texts(folder))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(words), encoding="utf-8")
    return len(words)
