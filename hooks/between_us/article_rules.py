"""The rules every article's text meets: its length, its reading grade, a "When to get help" section, and a
link to Get help now. One definition, run by the build (content.check_body) and by tests/test_articles.py."""

from __future__ import annotations

import posixpath
import re

from .findings import Finding
from .markdown_text import Positions, link_targets, mask_code
from .readability import check_readability, check_reading_ease_es, word_count
from .settings import CheckSettings

RULE = "article"


def heading_line(body: str, first_line: int, heading: str) -> int | None:
    """The file line of the body's `## <heading>`, outside code; None when there is none."""
    pattern = re.compile(rf"^ {{0,3}}##[ \t]+{re.escape(heading)}[ \t]*#*[ \t]*$", re.MULTILINE | re.IGNORECASE)
    match = pattern.search(mask_code(body))
    return Positions(body, first_line).at(match.start())[0] if match else None


def links_to(body: str, src_path: str, page: str) -> bool:
    """The body links to `page` (a path under docs/), with a relative Markdown link as MkDocs resolves it."""
    folder = posixpath.dirname(src_path)
    for _, target in link_targets(body):
        path = target.split("#", 1)[0].split("?", 1)[0]
        if path and "://" not in path and not path.startswith("/") \
                and posixpath.normpath(posixpath.join(folder, path)) == page:
            return True
    return False


def check_article(body: str, first_line: int, src_path: str, shown_path: str,
                  settings: CheckSettings, lang: str = "en") -> list[Finding]:
    """The findings of the four rules: the reading level is always one of them (info when it is fine).

    Spanish text is measured with its own scale (Fernández Huerta reading ease); each edition's config
    names its own "When to get help" heading (`extra.checks.get_help_heading`)."""
    s = settings
    found = [check_reading_ease_es(body, shown_path, s.readability_warn_below_ease, s.readability_min_ease)
             if lang == "es" else check_readability(body, shown_path, s.readability_max_grade)]
    words = word_count(body)
    if words < s.article_min_words:
        found.append(Finding(shown_path, None, None, RULE,
                             f"the article has {words} words; articles have {s.article_min_words:,} to "
                             f"{s.article_max_words:,}. Say more about what a reader can do, or link this topic "
                             "from an article that covers it."))
    elif words > s.article_max_words:
        found.append(Finding(shown_path, None, None, RULE,
                             f"the article has {words:,} words; articles have {s.article_min_words:,} to "
                             f"{s.article_max_words:,}. Cut what another article says (link to it instead), "
                             "or split it into two articles."))
    heading = heading_line(body, first_line, s.get_help_heading)
    if heading is None:
        found.append(Finding(shown_path, None, None, RULE,
                             f"the article has no \"{s.get_help_heading}\" section. End it with "
                             f"`## {s.get_help_heading}`: the signs that it is time to talk to a doctor or "
                             "a therapist (see docs/_template.md)."))
    if not links_to(body, src_path, s.get_help_page):
        target = posixpath.relpath(s.get_help_page, posixpath.dirname(src_path) or ".")
        found.append(Finding(shown_path, heading, None, RULE,
                             f"the article does not link to Get help now. In the \"{s.get_help_heading}\" "
                             f"section, add a link such as `[get help now]({target})`."))
    return found
