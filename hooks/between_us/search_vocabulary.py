"""The site's vocabulary, for search that forgives typing: every word of what Pagefind indexed, most common
first. overrides/assets/search-spelling.js fetches it only when a word of a query is not in the index as
typed, and searches the nearest word of it instead ("lonley" -> "lonely").

The words come from Pagefind's fragments (each indexed page's text as Pagefind read it: its title, its
content and the readers' words of its hidden block), so the vocabulary holds what search can find and
nothing else.

The file a first search with a typo fetches is written small (`encode`): the words in bands of how
common they are (ending at the 50th most common word, the 200th, the 800th, ...), each in alphabetical
order, and each word as the number of first letters it shares with the word before it and the letters
after them. Of two words as near to a typo, the one in the more common band wins (in one band, the first
in the alphabet). At 1,000 articles that is 8.6 KB gzip instead of 11.7 in exact order; alphabetical
order alone (7.0 KB) picks another word than exact order for 1 typo in 6, the bands for 1 in 30
(DECISIONS.md)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from .search import normalize
from .search_chunks import unpack

# Shorter words are never corrected (too many words are one letter away), so the file leaves them out.
SHORTEST = 3
FIRST_BAND = 50  # the most common words; each next band ends 4 times further down the list
GROWTH = 4
SHARED_MAX = 9  # first letters shared with the word before, written as one digit


def build(texts: Iterable[str]) -> list[str]:
    """The words of `texts` as a query is normalised, most common first (ties in alphabetical order).

    Only words of letters: a number ("116 123") is never corrected to another number."""
    counts = Counter(word for text in texts for word in normalize(text).split()
                     if len(word) >= SHORTEST and word.isalpha())
    return sorted(counts, key=lambda word: (-counts[word], word))


def bands(words: list[str]) -> list[list[str]]:
    """`words` (most common first) in bands of how common they are, each band in alphabetical order."""
    found, start, end = [], 0, FIRST_BAND
    while start < len(words):
        found.append(sorted(words[start:end]))
        start, end = end, end * GROWTH
    return found


def encode(words: list[str]) -> str:
    """The vocabulary file: a line a word, its `bands` one after the other, each word as the number of first
    letters it shares with the line before (at most 9) and the rest of its letters ("lonely" after "lone":
    "4ly"). Words are only letters, so the digit is never part of one."""
    lines, previous = [], ""
    for word in (word for band in bands(words) for word in band):
        shared = next((i for i, (a, b) in enumerate(zip(word, previous, strict=False)) if a != b),
                      min(len(word), len(previous)))
        shared = min(shared, SHARED_MAX)
        lines.append(f"{shared}{word[shared:]}")
        previous = word
    return "\n".join(lines)


def decode(text: str) -> list[str]:
    """The words of a vocabulary file, in its order (search-spelling.js reads it the same way)."""
    words, previous = [], ""
    for line in text.split("\n") if text else []:
        previous = previous[:int(line[0])] + line[1:]
        words.append(previous)
    return words


def indexed_texts(folder: Path) -> Iterator[str]:
    """Each indexed page's text, from the fragments in Pagefind's output `folder`."""
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        yield json.loads(unpack(path.read_bytes(), path.name))["content"]


def write(folder: Path, target: Path) -> int:
    """Write the vocabulary of Pagefind's output `folder` to `target` (`encode`); how many words."""
    words = build(indexed_texts(folder))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(encode(words), encoding="utf-8")
    return len(words)
