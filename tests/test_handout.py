"""The printed handout's QR code."""

import re

from between_us.handout import qr_svg


def test_qr_code_is_inline_svg_named_for_its_url():
    svg = qr_svg("https://between-us.example.org/intimacy/a/")
    assert svg.startswith("<svg") and 'class="bu-handout__qr"' in svg
    assert "<title>QR code: https://between-us.example.org/intimacy/a/</title>" in svg
    assert re.search(r'<path[^>]+d="M', svg)


def test_different_urls_give_different_codes():
    assert qr_svg("https://between-us.example.org/a/") != qr_svg("https://between-us.example.org/b/")
