"""Reading level of an article's prose (textstat): Flesch-Kincaid grade in English, Fernández Huerta
reading ease in Spanish."""

from __future__ import annotations

import re

from .findings import Finding, Level
from .markdown_text import plain_text

RULE = "readability"


def reading_grade(body: str) -> float:
    # Imported here: 0.1 s at start-up, paid only where the checks run (a worker process, on a large site).
    import textstat

    return round(textstat.flesch_kincaid_grade(plain_text(body)), 1)


def word_count(body: str) -> int:
    return len(re.findall(r"\w[\w'-]*", plain_text(body)))


def check_readability(body: str, shown_path: str, max_grade: float) -> Finding:
    """Always one finding: the grade (info, shown under --verbose and in `make report`), an error when too hard."""
    grade = reading_grade(body)
    if grade > max_grade:
        return Finding(shown_path, None, None, RULE,
                       f"reading grade {grade} is above the limit of {max_grade:g}. Use shorter sentences and "
                       "everyday words; split long paragraphs.", Level.ERROR)
    return Finding(shown_path, None, None, RULE, f"reading grade {grade}", Level.INFO)


def reading_ease_es(body: str) -> float:
    """Fernández Huerta reading ease of Spanish prose (0-100, higher is easier)."""
    from textstat.textstat import textstatistics

    # Its own textstat object: set_lang on the shared one would count English syllables as Spanish.
    spanish = textstatistics()
    spanish.set_lang("es")
    return round(spanish.fernandez_huerta(plain_text(body)), 1)


def check_reading_ease_es(body: str, shown_path: str, warn_below: float, error_below: float) -> Finding:
    """As check_readability, for Spanish: one finding, a warning or error when too hard."""
    ease = reading_ease_es(body)
    advice = "Use shorter sentences and shorter, everyday words; split long paragraphs."
    if ease < error_below:
        return Finding(shown_path, None, None, RULE, f"reading ease (Fernández Huerta) {ease} is below the "
                       f"limit of {error_below:g} (\"normal\"). {advice}", Level.ERROR)
    if ease < warn_below:
        return Finding(shown_path, None, None, RULE, f"reading ease (Fernández Huerta) {ease} is below the "
                       f"goal of {warn_below:g} (\"bastante fácil\", fairly easy). {advice}", Level.WARNING)
    return Finding(shown_path, None, None, RULE, f"reading ease (Fernández Huerta) {ease}", Level.INFO)
