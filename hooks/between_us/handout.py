"""What a printed page carries besides its text: a QR code of its address."""

from __future__ import annotations

import segno


def qr_svg(url: str) -> str:
    """An inline SVG QR code of the URL, black on white, sized for print."""
    code = segno.make_qr(url, error="m")
    return code.svg_inline(scale=3, border=2, title=f"QR code: {url}", svgclass="bu-handout__qr",
                           lineclass=None, omitsize=False)
