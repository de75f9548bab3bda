"""What a printed page carries besides its text: a QR code of its address."""

from __future__ import annotations

from collections.abc import Sequence


def qr_svg(url: str) -> str:
    """An inline SVG QR code of the URL, black on white, sized for print."""
    import segno  # here: 0.07 s at start-up, paid only where the codes are made (a worker, on a large site)

    # A fixed mask skips segno's trial of all eight (any mask scans; this one triples the speed).
    code = segno.make_qr(url, error="m", mask=4, boost_error=False)
    return code.svg_inline(scale=3, border=2, title=f"QR code: {url}", svgclass="bu-handout__qr",
                           lineclass=None, omitsize=False)


def qr_svgs(urls: Sequence[str]) -> list[str]:
    """qr_svg of each URL: one task for background.Background.map."""
    return [qr_svg(url) for url in urls]
