"""Site search: readers' words (synonyms), crisis phrases, and the Pagefind index.

Pagefind matches every word of a query (there is no OR), so synonyms are applied when a page is
indexed, not when a reader searches: each page carries, in a hidden block, the other words of every
synonym group its text or `keywords` use. A query then costs no more requests or bytes than any other.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from .findings import Finding
from .frontmatter import PlainText, load_model
from .helplines import Call, HelplineData, Text, digits

RULE = "search-data"


def normalize(text: str) -> str:
    """Lower case, apostrophes dropped, other punctuation as spaces: "Can't self-harm?" -> "cant self harm".

    overrides/assets/search-dialog.js normalises a query the same way before it looks for crisis phrases.
    """
    return " ".join(re.sub(r"[^\w]+", " ", text.lower().replace("'", "").replace("\u2019", "")).split())


def _lower(text: str) -> str:
    if text != text.lower():
        raise ValueError("write it in lower case")
    return text


Term = Annotated[PlainText, AfterValidator(_lower)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SynonymGroup(_Strict):
    words: list[Term] = Field(min_length=2)
    reason: PlainText


class Synonyms(_Strict):
    groups: list[SynonymGroup]

    @field_validator("groups")
    @classmethod
    def _each_word_once(cls, groups: list[SynonymGroup]) -> list[SynonymGroup]:
        seen: dict[str, int] = {}
        for index, group in enumerate(groups):
            for word in group.words:
                key = normalize(word)
                if key in seen and seen[key] != index:
                    raise ValueError(f"'{word}' is in two groups (numbers {seen[key] + 1} and {index + 1}): "
                                     "merge them, or keep the word in one")
                seen[key] = index
        return groups

    @cached_property
    def _forms(self) -> tuple[dict[str, int], dict[str, int]]:
        """Each word of each group, and its plurals (-s, -es), to its group; and for a phrase's first
        word, the longest phrase it starts, in words."""
        forms: dict[str, int] = {}
        for index, group in enumerate(self.groups):
            for word in map(normalize, group.words):
                forms.update(dict.fromkeys((word, word + "s", word + "es"), index))
        starts: dict[str, int] = {}
        for form in forms:
            first, *rest = form.split()
            if rest:
                starts[first] = max(starts.get(first, 0), len(rest) + 1)
        return forms, starts

    def terms_for(self, text: str, keywords: Iterable[str] = ()) -> list[str]:
        """Every word of each group that the page's text or keywords use, each once, keywords left out.

        One pass over the page's words: single words by set lookup, phrases only where one can start."""
        forms, starts = self._forms
        keywords = list(keywords)
        words = normalize(" ".join([text, *keywords])).split()
        found = {forms[word] for word in set(words) & forms.keys()}
        for at, word in enumerate(words):
            for size in range(2, starts.get(word, 0) + 1):
                group = forms.get(" ".join(words[at:at + size]))
                if group is not None:
                    found.add(group)
        chosen = dict.fromkeys(word for index in sorted(found) for word in self.groups[index].words)
        return [word for word in chosen if word not in keywords]


class CrisisTerm(_Strict):
    phrase: Term
    forms: list[Term] = []
    reason: PlainText


class CrisisTerms(_Strict):
    terms: list[CrisisTerm] = Field(min_length=1)

    def phrases(self, helpline_data: HelplineData | None = None) -> list[str]:
        """Every phrase that shows the crisis card, normalised: the reviewed terms, and the name and
        numbers of every service in the helpline data (taken from there, never written twice)."""
        phrases = [form for term in self.terms for form in (term.phrase, *term.forms)]
        if helpline_data is not None:
            phrases += helpline_names_and_numbers(helpline_data)
        return sorted({normalize(phrase) for phrase in phrases} - {""})


def helpline_names_and_numbers(data: HelplineData) -> list[str]:
    """A service's name and its other names, and each number as written and as digits alone."""
    found: list[str] = []
    for line in data.lines:
        found += [line.name, *line.search_names]
        for contact in line.contacts:
            if isinstance(contact, Call | Text):
                found += [contact.number, digits(contact.number)]
    for region in data.regions:
        found += region.emergency
    return found


def load_data(path: Path, model: type[_Strict], shown_path: str) -> tuple[Any, list[Finding]]:
    """A search data file, validated; problems named by file, line and field (and no data)."""
    return load_model(path, model, shown_path, RULE)


# Pagefind indexes only the pages that carry this attribute once any page does: the others (short-link
# redirects, the topic packs) are left out of what it reads, which halves its time on a large site.
INDEXED = "data-pagefind-body"
# What only search reads (overrides/partials/search-meta.html): the page's topic, review and summary for
# its result, and the words readers use for it.
SEARCH_ONLY = ("<!--bu-search-only-->", "<!--/bu-search-only-->")


def split_search_only(html: str) -> tuple[str, str]:
    """The page for readers, without the block only search reads, and the page for Pagefind, with it.

    The block is the template's last part of the indexed content, after anything a contributor wrote,
    and its own text is escaped: the last start marker is the template's."""
    start = html.rfind(SEARCH_ONLY[0])
    end = html.find(SEARCH_ONLY[1], start)
    if start < 0 or end < 0:
        return html, html
    return html[:start] + html[end + len(SEARCH_ONLY[1]):], html


def pagefind_command(pages_dir: Path, output: Path) -> list[str]:
    """Pagefind from the pinned PyPI package (it carries its binary: no download), over the written pages."""
    return [sys.executable, "-m", "pagefind", "--site", str(pages_dir), "--output-path", str(output), "--silent"]


def start_index(pages_dir: Path, output: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(pagefind_command(pages_dir, output), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
