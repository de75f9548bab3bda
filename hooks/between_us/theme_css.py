"""Material's stylesheets cut to the rules the site's pages can match.

Material's main stylesheet (138 KB, 22.8 KB gzip) styles every component it has: its search, tabs,
versions, code annotations, comments, blog, cookie consent and a dozen Markdown extensions. The site
shows a few of them, and runs none of Material's JavaScript, so the classes that script sets are never
set either. A selector that needs an element of some class matches nothing where no page has that class
and no script of the site's can set it: it is left out, and a rule with no selector left goes. What the
pages use is read from the built site, so a page that starts using a component (an `!!! info` box, a
tabbed block) keeps that component's rules with no list to update. Everything but selectors (custom
properties, @keyframes, @font-face) is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

# The templates and Markdown quote every class attribute; a pattern for each spelling HTML allows
# (unquoted, upper case, spaces around "=") took five times as long over the pages of a build.
_CLASS_ATTRIBUTE = re.compile(r"""class=(?:"([^"]*)"|'([^']*)')""")
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)
_WORD = re.compile(r"[A-Za-z_][\w-]*")
# A class a selector requires: outside any :not()/:is()/:where()/:has()/:nth-child(... of) (removed first,
# so a class named only there never drops a selector) and outside attribute selectors and strings.
_SELECTOR_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Rules whose body is more rules: trimmed inside. Any other at-rule is kept whole.
_GROUPING = ("@media", "@supports", "@container", "@layer", "@document")


def words_in_script(text: str) -> set[str]:
    """Every word of a script, each a class it might set (`classList.add("bu-exiting")`): more than
    it sets, never less."""
    return set(_WORD.findall(text))


def classes_in_page(html: str) -> set[str]:
    """Every class a page's elements have, and every word of its inline scripts (one may add a class:
    `classList.replace("no-js", "js")`)."""
    found: set[str] = set()
    for match in _CLASS_ATTRIBUTE.finditer(html):
        found.update((match.group(1) or match.group(2) or "").split())
    for script in _INLINE_SCRIPT.findall(html):
        found |= words_in_script(script)
    return found


def _blocks(css: str) -> Iterator[tuple[str, str | None]]:
    """The top-level statements of a stylesheet: (prelude, body) for a rule or block at-rule, (statement,
    None) for `@charset "UTF-8";`. Strings are read whole (Material's CSS has `content:"/* "}`); comments
    outside strings are dropped."""
    depth, start, i, size, prelude = 0, 0, 0, len(css), ""
    kept: list[str] = []  # the current statement's text, its comments left out
    while i < size:
        char = css[i]
        if char in "\"'":
            end = i + 1
            while end < size and css[end] != char:
                end += 2 if css[end] == "\\" else 1
            i = end + 1
            continue
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            end = size if end < 0 else end + 2
            kept.append(css[start:i])
            start = i = end
            continue
        if char == "{":
            if depth == 0:
                kept.append(css[start:i])
                prelude, kept, start = "".join(kept), [], i + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                kept.append(css[start:i])
                yield prelude.strip(), "".join(kept)
                kept, start = [], i + 1
        elif char == ";" and depth == 0:
            kept.append(css[start:i + 1])
            yield "".join(kept).strip(), None
            kept, start = [], i + 1
        i += 1
    if depth != 0:
        raise ValueError("unbalanced braces in the stylesheet")


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(a, b) or [x="a,b"])."""
    parts, depth, start, quote = [], 0, 0, ""
    for at, char in enumerate(prelude):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:at])
            start = at + 1
    parts.append(prelude[start:])
    return parts


def required_classes(selector: str) -> set[str]:
    """The classes an element must have for `selector` to match anything; none if it has escapes."""
    if "\\" in selector:
        return set()
    selector = re.sub(r'"[^"]*"|\'[^\']*\'', "", selector)
    while (inner := _BRACKETED.sub("", selector)) != selector:
        selector = inner
    return set(_SELECTOR_CLASS.findall(selector))


def trim(css: str, used: Iterable[str]) -> str:
    """`css` without the selectors that need a class not in `used`, and without the rules and grouping
    at-rules left empty."""
    classes = set(used)
    out: list[str] = []
    for prelude, body in _blocks(css):
        if body is None:
            out.append(prelude)
        elif prelude.lower().startswith(_GROUPING):
            inner = trim(body, classes)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [s for s in _selectors(prelude) if required_classes(s) <= classes]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def theme_stylesheets(site: Path) -> list[Path]:
    """Material's stylesheets in a built site (their names carry Material's hash of its own file)."""
    return sorted((site / "assets" / "stylesheets").glob("*.min.css"))
