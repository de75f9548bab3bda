"""Reading a printed PDF as a clinic would check it: its sheets, their footers and line counts, the size of
its text, and where its addresses break."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page
from pypdf import PageObject, PdfReader

FORMATS = ["A4", "Letter"]
BODY_PT = 12  # print.css: body text at 12 pt or more (the running footer is smaller)


@dataclass
class Shape:
    """One drawn path: how many pieces it is made of, and the box it fills on paper (points)."""

    pieces: int
    width: float
    height: float


@dataclass
class Sheet:
    text: str  # as extracted, one printed line per line
    sizes: list[tuple[float, str]]  # (size in points, text) of each piece of text
    shapes: list[Shape]  # every path drawn on it

    @property
    def qr_codes(self) -> list[Shape]:
        """Shapes drawn like a QR code (an inline SVG path of a row's dark runs each): one path of 100 pieces
        or more, about square. A rule or a box is one to four pieces, an icon a few dozen."""
        return [s for s in self.shapes if s.pieces >= 100 and 0.9 < s.width / max(s.height, 0.01) < 1.1]

    @property
    def lines(self) -> list[str]:
        return [line for line in self.text.splitlines() if line.strip()]

    @property
    def flat(self) -> str:
        return " ".join(self.text.split())


def print_pdf(page: Page, path: Path, paper: str) -> list[Sheet]:
    page.pdf(path=path, format=paper)
    return read_pdf(path)


def read_pdf(path: Path) -> list[Sheet]:
    return [_sheet(pdf_page) for pdf_page in PdfReader(path).pages]


PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"}  # PDF operators that end a path


def _sheet(pdf_page: PageObject) -> Sheet:
    sizes: list[tuple[float, str]] = []
    shapes: list[Shape] = []
    points: list[tuple[float, float]] = []
    pieces = 0

    def seen(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():  # the size on paper: the font's, scaled by the text and page matrices
            sizes.append((round(size * abs(tm[3]) * abs(cm[3]), 2), text))

    def drawn(operator: bytes, operands: list, cm: list[float], _tm: list[float]) -> None:
        nonlocal pieces
        if operator in (b"m", b"l") and len(operands) == 2:  # a point, placed on paper by the page matrix
            x, y = (float(value) for value in operands)
            points.append((cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]))
            pieces += operator == b"m"
        elif operator == b"re":
            pieces += 1
        elif operator in PAINT:
            xs, ys = [x for x, _ in points] or [0.0], [y for _, y in points] or [0.0]
            shapes.append(Shape(pieces, max(xs) - min(xs), max(ys) - min(ys)))
            points.clear()
            pieces = 0

    return Sheet(pdf_page.extract_text(visitor_text=seen, visitor_operand_before=drawn), sizes, shapes)


def footer_of(sheet: Sheet, number: int, total: int) -> str:
    """The sheet's running footer, after its page number ('3 / 6Between Us · example.org/a/16/')."""
    match = re.search(rf"(?m)^{number} / {total}(.*)$", sheet.text)
    assert match, f"sheet {number} has no page number '{number} / {total}':\n{sheet.text[:300]}"
    return match.group(1).strip()


def body_lines(sheet: Sheet) -> list[str]:
    """The sheet's lines without its footer."""
    return [line for line in sheet.lines if not re.match(r"^\d+ / \d+", line)]


def small_text(sheet: Sheet) -> list[tuple[float, str]]:
    """Text below the body size, other than the footer's (its page number and its line)."""
    footer = next((line for line in sheet.lines if re.match(r"^\d+ / \d+", line)), "")
    return [(size, text) for size, text in sheet.sizes if size < BODY_PT - 0.01 and text.strip() not in footer]


def broken_inside_a_part(text: str, address: str) -> list[str]:
    """Where a line break cuts the address other than after one of its separators ('/', '?', '&', '=')."""
    pattern = r"\n?".join(map(re.escape, address))
    cuts = []
    for match in re.finditer(pattern, text):
        found = match.group(0)
        cuts += [found for index, char in enumerate(found) if char == "\n" and found[index - 1] not in "/?&="]
    return cuts
