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


def check_readability(body: str, shown_path: str, max_grade: float) -> Finding:
    """Always one finding: the grade (info, shown under --verbose and in `make report`), an error when too hard."""
    grade = reading_grade(body)
    if grade > max_grade:
        return Finding(shown_path, None, None, RULE,
                       f"reading grade {grade} is above the limit of {max_grade:g}. Use shorter sentences and "
                       "everyday words; split long paragraphs.", Level.ERROR)
    return Finding(shown_path, None, None, RULE, f"reading grade {grade}", Level.INFO)
