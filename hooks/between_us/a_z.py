"""The A to Z of subjects: every subject a reader might name, from the articles' own front matter.

Each article's title, tags and `keywords:` (readers' words) become subjects, so a new article appears
under its words without anyone editing the page. Plain HTML: it works without JavaScript and prints.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from html import escape

from .content import ContentFile
from .frontmatter import tags_of
from .search import normalize

OTHER = "#"  # subjects that do not start with a letter (a number, a symbol)


def _display(subject: str) -> str:
    return subject[:1].upper() + subject[1:]


def letter_of(subject: str) -> str:
    """A-Z by the subject's first letter, accents set aside ("Éxito" is under E); anything else is OTHER."""
    first = unicodedata.normalize("NFKD", subject.strip())[:1].upper()
    return first if "A" <= first <= "Z" else OTHER


def subjects(files: Iterable[ContentFile]) -> dict[str, list[ContentFile]]:
    """Subject (as first written) -> the articles that cover it, by title; subjects sorted as readers scan."""
    found: dict[str, tuple[str, dict[str, ContentFile]]] = {}
    for article in files:
        if article.kind != "article" or "title" not in article.meta:
            continue
        names = [str(article.meta["title"]), *(tag.replace("-", " ") for tag in tags_of(article.meta)),
                 *map(str, article.meta.get("keywords") or [])]
        for name in names:
            key = normalize(name)
            if key:
                found.setdefault(key, (_display(name.strip()), {}))[1][article.src_path] = article
    ordered = sorted(found.items(), key=lambda item: (letter_of(item[0]) == OTHER, item[0]))
    return {display: sorted(articles.values(), key=lambda a: str(a.meta["title"]).lower())
            for _, (display, articles) in ordered}


def anchor(letter: str) -> str:
    return "letter-other" if letter == OTHER else f"letter-{letter.lower()}"


def a_z_html(files: Iterable[ContentFile], href: Callable[[ContentFile], str], letters_label: str) -> str:
    """The letters present, each a link to its heading, then each letter's subjects and their articles."""
    by_letter: dict[str, list[str]] = defaultdict(list)
    found = subjects(files)
    for subject, articles in found.items():
        links = "; ".join(f'<a href="{escape(href(a))}">{escape(str(a.meta["title"]))}</a>' for a in articles)
        by_letter[letter_of(subject)].append(
            f'<li><span class="bu-a-z__subject">{escape(subject)}</span>: {links}</li>')
    letters = "".join(f'<li><a href="#{anchor(letter)}">{escape(letter)}</a></li>' for letter in by_letter)
    sections = "\n".join(
        f'<h2 id="{anchor(letter)}">{escape(letter)}</h2>\n<ul class="bu-a-z__list">\n' + "\n".join(items) + "\n</ul>"
        for letter, items in by_letter.items())
    return (f'<nav class="bu-a-z__letters" aria-label="{escape(letters_label)}"><ul>{letters}</ul></nav>\n'
            f"{sections}")
