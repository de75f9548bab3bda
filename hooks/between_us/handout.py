"""What a printed page carries besides its text: a QR code of its short link, and a running footer."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

# Beside each printed article and pack (site/<page>/print-footer.css), linked with media="print": a page's
# own words in a margin box can only come from a stylesheet (the CSP allows no inline style).
FOOTER_FILE = "print-footer.css"


# An address breaks after its separators, never inside a part ("between-" / "us.example.org" would mislead).
_PARTS = re.compile(r"[^/?&=]*(?:[/?&=]+|$)")


def address_html(address: str) -> str:
    """An address to print, each part unbreakable (site.css: .bu-nobreak) with a line break allowed
    between parts. print.js does the same for the addresses it prints after links."""
    parts = [part for part in _PARTS.findall(address) if part]
    return "<wbr>".join(f'<span class="bu-nobreak">{html.escape(part)}</span>' for part in parts)


def qr_svg(url: str, title: str) -> str:
    """An inline SVG QR code of the URL, black on white, sized for print; its title for screen readers is
    `title` with the URL at {url} ("QR code: {url}", `handout.qr_title` of data/strings/<lang>.yml)."""
    import segno  # here: 0.07 s at start-up, paid only where the codes are made (a worker, on a large site)

    # A fixed mask skips segno's trial of all eight (any mask scans; this one triples the speed).
    code = segno.make_qr(url, error="m", mask=4, boost_error=False)
    return code.svg_inline(scale=3, border=2, title=title.format(url=url), svgclass="bu-handout__qr",
                           lineclass=None, omitsize=False)


def qr_svgs(urls: Sequence[str], title: str) -> list[str]:
    """qr_svg of each URL: one task for background.Background.map."""
    return [qr_svg(url, title) for url in urls]


def _css_string(text: str) -> str:
    """Text as a CSS string: ASCII only (the file names no charset), nothing that can end the string."""
    return '"' + "".join(c if c.isascii() and c not in '"\\\n' else f"\\{ord(c):x} " for c in text) + '"'


def _page(name: str, footer: str) -> str:
    return f"@page{name} {{ @bottom-left {{ content: {_css_string(footer)}; }} }}"


def footer_css(site_name: str, link: str, named: Mapping[int, str] | None = None) -> str:
    """The running footer of a page's printed sheets: the site's name and the address to type (print.css
    adds the page number). In a pack, each article (`named`: its number -> its short link) prints on pages
    of its own name, with its own short link: a loose sheet traces back to its article."""
    rules = [_page("", f"{site_name} · {link}")]
    for number, short in sorted((named or {}).items()):
        rules.append(f'.bu-pack__article[data-bu-number="{number}"] {{ page: bu-a{number}; }}')
        rules.append(_page(f" bu-a{number}", f"{site_name} · {short}"))
    return "\n".join(rules) + "\n"
