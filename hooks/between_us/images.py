"""Images in content: alt text for every image, files stored in the site, and a size limit."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .findings import Finding
from .markdown_text import Positions, mask_code, raw_html_tags

RULE = "image"
_MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)[^)]*\)(?P<attrs>\{[^}\n]*\})?")


def _file_problem(src: str, page_dir: Path, max_kb: int) -> str | None:
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        return (f"the image '{src}' is on another site: loading it would tell that site who reads this page. "
                "Save the file in docs/assets/ and link to it.")
    path = (page_dir / unquote(parts.path)).resolve()
    if path.is_file() and path.stat().st_size > max_kb * 1024:
        size_kb = path.stat().st_size // 1024
        return f"the image '{src}' is {size_kb} KB; the limit is {max_kb} KB. Resize or compress it."
    return None


def check_images(body: str, first_line: int, shown_path: str, page_dir: Path, max_kb: int) -> list[Finding]:
    positions = Positions(body, first_line)
    found: list[Finding] = []
    for match in _MARKDOWN_IMAGE.finditer(mask_code(body)):
        line, column = positions.at(match.start())
        decorative = ".decorative" in (match.group("attrs") or "")
        if not match.group("alt").strip() and not decorative:
            found.append(Finding(shown_path, line, column, RULE,
                                 "image without alt text: describe what it shows in the brackets, "
                                 "or mark a purely decorative image with { .decorative }."))
        if problem := _file_problem(match.group("src"), page_dir, max_kb):
            found.append(Finding(shown_path, line, column, RULE, problem))
    for tag in raw_html_tags(body, first_line):
        if tag.name != "img":
            continue
        if "alt" not in tag.attrs:
            found.append(Finding(shown_path, tag.line, tag.column, RULE,
                                 "<img> without an alt attribute: describe the image, or write alt=\"\" "
                                 "if it is purely decorative."))
        if problem := _file_problem(tag.attrs.get("src", ""), page_dir, max_kb):
            found.append(Finding(shown_path, tag.line, tag.column, RULE, problem))
    return sorted(found)
