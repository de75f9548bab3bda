"""Reading level of an article's prose (Flesch-Kincaid grade, textstat)."""

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


def check_readability(body: str, shown_path: str, warn_above: float, error_above: float) -> Finding:
    """Always one finding: the grade is printed for every article, a warning or error when too hard."""
    grade = reading_grade(body)
    advice = "Use shorter sentences and everyday words; split long paragraphs."
    if grade > error_above:
        return Finding(shown_path, None, None, RULE,
                       f"reading grade {grade} is above the limit of {error_above:g}. {advice}", Level.ERROR)
    if grade > warn_above:
        return Finding(shown_path, None, None, RULE,
                       f"reading grade {grade} is above the goal of {warn_above:g}. {advice}", Level.WARNING)
    return Finding(shown_path, None, None, RULE, f"reading grade {grade}", Level.INFO)
