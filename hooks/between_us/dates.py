"""Dates as readers read them, in the page's language: "6 December 2026", "6 de diciembre de 2026".

The words and their order come from the `dates` group of data/strings/<lang>.yml, so a new language is a
strings file, not code (and no locale need be installed where the site is built).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any


def long_date(day: dt.date, words: Mapping[str, Any]) -> str:
    """`day` written out with `words`, a language's `dates` group: its `format` and its twelve `months`."""
    return words["format"].format(day=day.day, month=words["months"][str(day.month)], year=day.year)
