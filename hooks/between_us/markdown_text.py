"""Plain functions over Markdown source: front matter, positions, and the parts that are prose.

Masking keeps every offset: what is not prose is overwritten with spaces (newlines kept), so a
match in the masked text has the same line and column as in the file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

# Same shape as MkDocs' own front matter pattern (mkdocs.utils.meta).
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^\1?\2[`~]*[ \t]*$|\Z)", re.DOTALL | re.MULTILINE)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_LINK_TARGET = re.compile(r"\]\(([^()\s]*(?:\([^()\s]*\))?[^()\s]*)(?:\s+\"[^\"]*\")?\)")
_REF_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)>?.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|mailto|tel|sms):[^>\s]+)>|\b(https?://[^\s)>\]\"']*[^\s)>\]\"'.,;:!?])")
_HTML_URL_ATTR = re.compile(r"\b(?:href|src)\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
_ATTR_LIST = re.compile(r"\{:?\s*[.#][^}\n]*\}|\{:?\s*\w+=[^}\n]*\}")


@dataclass(frozen=True)
class Source:
    """A Markdown file split into front matter and body, with the body's first line number."""

    front_matter: str | None
    body: str
    body_first_line: int  # 1-based line number, in the file, of the body's first line

    @classmethod
    def parse(cls, text: str) -> Source:
        text = text.replace("\r\n", "\n")
        match = _FRONT_MATTER.match(text)
        if not match:
            return cls(None, text, 1)
        return cls(match.group(1), text[match.end():], text[: match.end()].count("\n") + 1)


class Positions:
    """Turns an offset in a text into a 1-based (line, column), offset by where the text starts."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._first_line = first_line

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._first_line + index, offset - self._starts[index] + 1


_NOT_NEWLINE = re.compile(r"[^\n]")


def _spaces(text: str) -> str:
    return _NOT_NEWLINE.sub(" ", text)


def _blank_all(text: str, pattern: re.Pattern[str], group: int = 0) -> str:
    """Overwrite each match (or one group of it) with spaces, keeping newlines: one linear pass."""
    if group == 0:
        return pattern.sub(lambda m: _spaces(m.group()), text)

    def blank_group(match: re.Match[str]) -> str:
        start, end = match.start(group) - match.start(), match.end(group) - match.start()
        whole = match.group()
        return whole[:start] + _spaces(whole[start:end]) + whole[end:]

    return pattern.sub(blank_group, text)


# Several checks read the same body: each view of it is computed once per file.
@lru_cache(maxsize=4)
def mask_code(body: str) -> str:
    """The body with fenced code blocks and inline code blanked: code is not prose or HTML."""
    return _blank_all(_blank_all(body, _FENCE), _INLINE_CODE)


@lru_cache(maxsize=4)
def mask_to_prose(body: str) -> str:
    """The body with everything that is not running text blanked: code, HTML, URLs, attributes."""
    text = mask_code(body)
    for pattern in (_HTML_COMMENT, _HTML_TAG, _REF_DEFINITION, _AUTOLINK, _ATTR_LIST):
        text = _blank_all(text, pattern)
    return _blank_all(text, _LINK_TARGET, 1)


@lru_cache(maxsize=4)
def plain_text(body: str) -> str:
    """Readable prose only, for word counts and reading level: no markup, one space between words."""
    text = mask_to_prose(body)
    text = re.sub(r"^\s{0,3}(#{1,6}|[-*+]|\d+[.)]|>)\s+", " ", text, flags=re.MULTILINE)
    text = re.sub(r"!?\[|[\]*_`|]|\(\s*\)", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=4)
def link_targets(body: str) -> tuple[tuple[int, str], ...]:
    """(offset, URL) of every link and image target in the body outside code: Markdown links,
    reference definitions, autolinks, bare URLs and raw HTML href/src attributes."""
    text = mask_code(_blank_all(body, _HTML_COMMENT))
    found: list[tuple[int, str]] = []
    for pattern in (_LINK_TARGET, _REF_DEFINITION, _HTML_URL_ATTR, _AUTOLINK):
        for match in pattern.finditer(text):
            group = next(i for i in range(1, (pattern.groups or 0) + 1) if match.group(i) is not None)
            found.append((match.start(group), match.group(group)))
        text = _blank_all(text, pattern)
    return tuple(sorted(found))


@dataclass(frozen=True)
class Tag:
    line: int
    column: int
    name: str
    attrs: dict[str, str]


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, int, str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        self.tags.append((line, column, tag, {k: v or "" for k, v in attrs}))

    handle_startendtag = handle_starttag


@lru_cache(maxsize=4)
def raw_html_tags(body: str, first_line: int = 1) -> tuple[Tag, ...]:
    """Every raw HTML start tag in the body outside code, with its file line and 1-based column."""
    collector = _TagCollector()
    collector.feed(mask_code(body))
    collector.close()
    return tuple(Tag(line + first_line - 1, column + 1, name, attrs) for line, column, name, attrs in collector.tags)
