"""The site's own scripts (overrides/assets/*.js) as readers download them: without their comment lines.

The comments say why the code is as it is, for whoever changes it; a reader's browser has no use for
them, and they are a third of each file after gzip (search-dialog.js: 6.2 KB gzip with them, 4.1 KB
without). Only whole lines that are comments go, so no code can change: a line of code keeps its
trailing comment, and a template literal that runs over several lines keeps every line of it."""

from __future__ import annotations

import re

_COMMENT_LINE = re.compile(r"[ \t]*//")


def without_comment_lines(script: str) -> str:
    """`script` without the lines that hold only a `//` comment (outside a template literal)."""
    kept = []
    in_template = False  # inside a `...` that started on an earlier line
    for line in script.splitlines(keepends=True):
        if not in_template and _COMMENT_LINE.match(line):
            continue
        kept.append(line)
        in_template ^= line.count("`") % 2 == 1
    return "".join(kept)
