"""A copied template's placeholders: front-matter text an article kept from docs/_template.md.

The template itself is the list of placeholders: a field of an article equal to the template's
(its title, description, summary points, keywords, warnings, reference titles, order) was not written.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from .findings import Finding
from .frontmatter import line_of, parse_yaml
from .markdown_text import Source

RULE = "template"
# The fields a writer replaces; topic, tags, dates, review and the sources' publishers and addresses may
# rightly stay as the template has them.
FIELDS = ("title", "description", "summary", "keywords", "warnings", "order")
REFERENCE_FIELDS = ("title",)


def load_template(path: Path) -> dict[str, Any]:
    """The template's front matter; none when there is no template (a site without one)."""
    try:
        front = Source.parse(path.read_text(encoding="utf-8")).front_matter
    except OSError:
        return {}
    data = yaml.safe_load(front or "") or {}
    return data if isinstance(data, dict) else {}


def _leaves(value: Any) -> list[tuple[tuple[Any, ...], Any]]:
    """(location, value) of a field's value, item by item for a list."""
    return [((index,), item) for index, item in enumerate(value)] if isinstance(value, list) else [((), value)]


def check_placeholders(front_matter: str | None, template: Mapping[str, Any], shown_path: str) -> list[Finding]:
    """One finding per field (or item) still holding the template's text, at its line."""
    if not template or not front_matter:
        return []
    try:
        root, data = parse_yaml(front_matter)
    except yaml.YAMLError:
        return []  # the front-matter check reports it
    if not isinstance(data, dict):
        return []
    kept: list[tuple[tuple[Any, ...], Any]] = []
    for name in FIELDS:
        if name in template and name in data:
            theirs = {repr(value) for _, value in _leaves(template[name])}
            kept += [((name, *loc), value) for loc, value in _leaves(data[name]) if repr(value) in theirs]
    template_refs = [ref for ref in template.get("references") or [] if isinstance(ref, dict)]
    for index, ref in enumerate(data.get("references") or []):
        for name in REFERENCE_FIELDS:
            if isinstance(ref, dict) and name in ref and any(ref[name] == t.get(name) for t in template_refs):
                kept.append((("references", index, name), ref[name]))
    found = []
    for loc, value in kept:
        line = line_of(root, loc)
        field = ".".join(map(str, loc))
        found.append(Finding(shown_path, line + 2 if line is not None else None, None, RULE,
                             f"field '{field}' is {value!r}, as in docs/_template.md: replace the template's "
                             "placeholder with this article's own text (or remove the field if it is optional)."))
    return sorted(found, key=lambda finding: finding.line or 0)
