"""Site search: readers' words (synonyms), crisis phrases, and the Pagefind index.

Pagefind matches every word of a query (there is no OR), so synonyms are applied when a page is
indexed, not when a reader searches: each page carries, in a hidden block, the other words of every
synonym group its text or `keywords` use. A query then costs no more requests or bytes than any other.
"""

from __future__ import annotations

import itertools
import re
import sys
import unicodedata
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .findings import Finding
from .frontmatter import PlainText, load_model
from .helplines import Call, HelplineData, Text, digits

RULE = "search-data"


def normalize(text: str) -> str:
    """Lower case, apostrophes dropped, other punctuation as spaces: "Can't self-harm?" -> "cant self harm".

    overrides/assets/search-dialog.js normalises a query the same way before it looks for crisis phrases.
    """
    return " ".join(re.sub(r"[^\w]+", " ", text.lower().replace("'", "").replace("\u2019", "")).split())


def crisis_key(text: str) -> str:
    """A query or phrase as crisis matching reads it: `normalize`d, accents dropped ("Suicídio", "morír" and
    "suicidio", "morir" alike: readers often leave accents out, or add them where they do not belong).

    overrides/assets/search-dialog.js (`crisisKey`) does the same, in the same order."""
    return normalize(_NOT_ASCII.sub(_without_marks, text))


# Only runs of other characters go through NFD and the mark filter: a page's text is mostly ASCII, and that
# filter, one character at a time over all of it, was the costliest part of indexing a page's readers' words.
# The same result: ASCII has no decomposition, and marks are dropped wherever they sit.
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(run: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFD", run.group())
    return "".join(char for char in decomposed if not unicodedata.category(char).startswith("M"))


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


def _one_word(text: str) -> str:
    if normalize(text) != text or " " in text:
        raise ValueError("write one word as a query is read: lower case, no apostrophe or other punctuation")
    return text


SmallWord = Annotated[str, AfterValidator(_one_word)]


class Synonyms(_Strict):
    """A language's readers' words (data/search-synonyms.yml, data/search-synonyms.<lang>.yml): the groups
    applied when its pages are indexed, and the small words its search box leaves out of a sentence."""

    groups: list[SynonymGroup]
    # "how", "my", "de", "mi": a sentence is searched without them (overrides/assets/search-dialog.js), since
    # Pagefind would look for every one. Not a word any group or article's subject needs.
    small_words: list[SmallWord] = Field(min_length=1)

    @field_validator("groups")
    @classmethod
    def _each_word_once(cls, groups: list[SynonymGroup]) -> list[SynonymGroup]:
        seen: dict[str, int] = {}
        for index, group in enumerate(groups):
            for word in group.words:
                key = crisis_key(word)  # "depresión" and "depresion" are one word to a reader
                if key in seen and seen[key] != index:
                    raise ValueError(f"'{word}' is in two groups (numbers {seen[key] + 1} and {index + 1}): "
                                     "merge them, or keep the word in one")
                seen[key] = index
        return groups

    @field_validator("small_words")
    @classmethod
    def _small_words_once_and_in_no_group(cls, words: list[str], info: ValidationInfo) -> list[str]:
        if repeated := sorted({word for word in words if words.count(word) > 1}):
            raise ValueError(f"{', '.join(repeated)} listed twice: keep one")
        grouped = {crisis_key(word) for group in info.data.get("groups", []) for word in group.words}
        if in_groups := sorted(word for word in words if crisis_key(word) in grouped):
            raise ValueError(f"{', '.join(in_groups)} in a synonym group too: a search would leave out a word a "
                             "group finds pages by; remove it from one of them")
        return words

    @cached_property
    def _forms(self) -> tuple[dict[str, int], dict[str, int]]:
        """Each word of each group, and its plurals (-s, -es), to its group; and for a phrase's first
        word, the longest phrase it starts, in words."""
        forms: dict[str, int] = {}
        for index, group in enumerate(self.groups):
            for word in map(crisis_key, group.words):
                forms.update(dict.fromkeys((word, word + "s", word + "es"), index))
        starts: dict[str, int] = {}
        for form in forms:
            first, *rest = form.split()
            if rest:
                starts[first] = max(starts.get(first, 0), len(rest) + 1)
        return forms, starts

    def terms_for(self, text: str, keywords: Iterable[str] = ()) -> list[str]:
        """Every word of each group that the page's text or keywords use, each once, keywords left out.

        Accents are set aside ("depresion" finds "depresión"). One pass over the page's words: single words
        by set lookup, phrases only where one can start."""
        forms, starts = self._forms
        keywords = list(keywords)
        words = crisis_key(" ".join([text, *keywords])).split()
        found = {forms[word] for word in set(words) & forms.keys()}
        for at, word in enumerate(words):
            for size in range(2, starts.get(word, 0) + 1):
                group = forms.get(" ".join(words[at:at + size]))
                if group is not None:
                    found.add(group)
        chosen = dict.fromkeys(word for index in sorted(found) for word in self.groups[index].words)
        return [word for word in chosen if word not in keywords]


# A term's language: ISO 639-1, as data/strings/<lang>.yml names the card's text in that language.
Language = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
_SLOT = re.compile(r"\{([a-z_]+)\}")
_DIGITS_APART = re.compile(r"([0-9]) (?=[0-9])")


class CrisisTerm(_Strict):
    phrase: Term
    # Found anywhere in a query, as whole words: "i want to die" in "help i want to die tonight".
    forms: list[Term] = []
    # Found only as the whole query: "cutting" alone is self-harm, "cutting down drinking" is not.
    alone: list[Term] = []
    lang: Language = "en"
    reason: PlainText


class CrisisTerms(_Strict):
    # Words a form can name in braces, each standing for every word of its list: "{someone} hit me" is
    # "he hit me", "partner hit me", ... Narrows a phrase to who does it, without a form for each.
    slots: dict[Annotated[str, Field(pattern=r"^[a-z_]+$")], list[Term]] = {}
    terms: list[CrisisTerm] = Field(min_length=1)

    @field_validator("terms")
    @classmethod
    def _slots_are_known(cls, terms: list[CrisisTerm], info: ValidationInfo) -> list[CrisisTerm]:
        slots = info.data.get("slots", {})
        for index, term in enumerate(terms):
            for form in (term.phrase, *term.forms, *term.alone):
                for name in _SLOT.findall(form):
                    if name not in slots:
                        raise ValueError(f"term {index + 1} ('{term.phrase}'): '{{{name}}}' in '{form}' is not "
                                         f"a slot: add it under `slots`, or write the words out")
                if any("{" in word and not _SLOT.fullmatch(word) for word in form.split()):
                    raise ValueError(f"term {index + 1} ('{term.phrase}'): write each slot in '{form}' as a word "
                                     "of its own, with spaces around it")
        return terms

    def phrases(self, helpline_data: HelplineData | None = None) -> dict[str, Any]:
        """What the search box reads (search/crisis-phrases.json), each phrase through `crisis_key` with its
        slots as written ("{someone} hit me"), and each slot's words: `expand` fills the slots in, as the
        box does when it loads the file (an expanded list would be 1 KB gzip more on every first search).
        Per language, the phrases found `within` a query and those found only `alone`; and under `any`,
        the name and numbers of every service in the helpline data (taken from there, never written
        twice), which show the card in the page's language. A name that a term lists `alone` ("shout", an
        everyday word) is found only alone."""
        languages: dict[str, dict[str, set[str]]] = {}
        for term in self.terms:
            known = languages.setdefault(term.lang, {"within": set(), "alone": set()})
            known["within"].update(map(_form_key, (term.phrase, *term.forms)))
            known["alone"].update(map(_form_key, term.alone))
        written = {"slots": {name: [crisis_key(word) for word in words] for name, words in self.slots.items()},
                   "languages": {lang: {kind: sorted(found - {""}) for kind, found in known.items()}
                                 for lang, known in languages.items()}}
        only_alone = {phrase for known in expand(written)["languages"].values() for phrase in known["alone"]}
        names = set(map(crisis_key, helpline_names_and_numbers(helpline_data) if helpline_data else []))
        return {**written, "any": sorted(names - only_alone - {""})}


def _form_key(form: str) -> str:
    """A form through `crisis_key`, its slots kept: "Can't {someone} stop" -> "cant {someone} stop"."""
    keys = (word if _SLOT.fullmatch(word) else crisis_key(word) for word in form.split())
    return " ".join(key for key in keys if key)


def expand(phrases: dict[str, Any]) -> dict[str, Any]:
    """The crisis phrases file (`CrisisTerms.phrases`) with every slot filled in with each of its words, in
    place of the slots: what `crisis_language` reads. search-dialog.js's `expandPhrases` does the same."""
    slots = phrases["slots"]

    def filled(forms: list[str]) -> list[str]:
        found = set()
        for form in forms:
            choices = [slots[word[1:-1]] if _SLOT.fullmatch(word) else [word] for word in form.split(" ")]
            found.update(" ".join(words) for words in itertools.product(*choices))
        return sorted(found)

    return {**{key: value for key, value in phrases.items() if key != "slots"},
            "languages": {lang: {kind: filled(forms) for kind, forms in known.items()}
                          for lang, known in phrases["languages"].items()}}


def languages_without_strings(terms: CrisisTerms, strings_dir: Path, shown_path: str) -> list[Finding]:
    """A term's language must have interface text (data/strings/<lang>.yml): the card is shown in it."""
    have = {path.stem for path in strings_dir.glob("*.yml")}
    return [Finding(shown_path, None, None, RULE, f"terms: `lang: {lang}` has no data/strings/{lang}.yml, so the "
                    f"crisis card cannot be shown in it: add that file (translated from en.yml), or fix the code")
            for lang in sorted({term.lang for term in terms.terms} - have)]


def crisis_language(query: str, phrases: dict[str, Any], page_language: str) -> str | None:
    """The language the crisis card shows for a query, or None when no phrase is in it; `phrases` with its
    slots filled in (`expand`).

    A phrase of the page's language, or only a service's name or number, shows the page's language; a
    phrase of another language alone shows that language ("quiero morir" on an English page). The same
    rules as `crisisLanguage` in overrides/assets/search-dialog.js, which the browser tests compare."""
    words = crisis_key(query)
    texts = {words, _DIGITS_APART.sub(r"\1", words)}  # "116 123" and "116123" alike

    def found(within: list[str], alone: list[str] | tuple[()] = ()) -> bool:
        return any(text in alone or any(f" {phrase} " in f" {text} " for phrase in within) for text in texts)

    languages = [lang for lang, known in phrases["languages"].items() if found(known["within"], known["alone"])]
    if page_language in languages or (not languages and found(phrases["any"])):
        return page_language
    return languages[0] if languages else None


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


def synonyms_file(lang: str, default_lang: str) -> str:
    """A language's readers' words, from the project's root: the first language's file has no suffix, every
    other language's names it (data/search-synonyms.es.yml). One schema (`Synonyms`) for all."""
    return "data/search-synonyms.yml" if lang == default_lang else f"data/search-synonyms.{lang}.yml"


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
