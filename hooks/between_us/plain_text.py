"""Front-matter text is plain text: it reaches pages, feeds and search, and anyone can open a pull request.

The schema rejects markup at the input (`markup_in`); `escape_for_theme` escapes at the output the
fields that Material's templates print raw (MkDocs renders themes without autoescaping).
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from typing import Any

from markupsafe import Markup, escape

# Angle brackets (a tag, or the start of one) and character references (&lt; &#60; &#x3c;), which a
# template or a feed reader would turn back into markup.
_MARKUP = re.compile(r"[<>]|&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)

# The front-matter fields that Material prints itself: the page title (header, nav, footer, <title>,
# tag listings) and the description (<meta name="description">).
THEME_FIELDS = ("title", "description")


def markup_in(text: str) -> str | None:
    """The first piece of markup in `text` (to name it in an error), or None for plain text."""
    found = _MARKUP.search(text)
    return found.group(0) if found else None


def escape_for_theme(meta: MutableMapping[str, Any]) -> None:
    """Escape the fields Material prints, once: Markup passes `| e` unchanged, so our templates
    (which escape everything) do not escape them twice."""
    for field in THEME_FIELDS:
        value = meta.get(field)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[field] = escape(value)
