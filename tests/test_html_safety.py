"""Raw HTML in content: each unsafe construct is named with its line; code and safe HTML pass."""

import pytest
from between_us.html_safety import check_raw_html


def check(body: str) -> list[str]:
    return [f.format() for f in check_raw_html(body, 5, "docs/x.md")]


@pytest.mark.parametrize("tag", ["script", "iframe", "object", "embed", "form", "style"])
def test_forbidden_elements(tag):
    found = check(f"Text.\n<{tag}></{tag}>\n")
    assert len(found) == 1 and found[0].startswith(f"docs/x.md:6:1: error: [unsafe-html] <{tag}> is not allowed")


@pytest.mark.parametrize("html", ['<a href="#" onclick="x()">a</a>', '<img alt="a" src="a.png" onerror="x()">',
                                  '<span onmouseover="x()">a</span>'])
def test_event_attributes(html):
    found = check(html + "\n")
    assert len(found) == 1 and "the event attribute 'on" in found[0]


@pytest.mark.parametrize("body", ['<a href="javascript:alert(1)">a</a>', '<a href=" JavaScript:x">a</a>',
                                  '<img alt="" src="data:image/png;base64,AAAA">',
                                  "[click](javascript:alert(1))", "[data](data:text/html,hi)"])
def test_dangerous_url_schemes(body):
    found = check(body + "\n")
    assert len(found) == 1 and ("javascript" in found[0].lower() or "data" in found[0])


def test_inline_style_attribute():
    assert "inline 'style' is not allowed" in check('<p style="background:url(https://x.org/a)">a</p>\n')[0]


def test_safe_html_and_code_pass():
    body = ('<details><summary>More</summary>\n\nText\n\n</details>\n<abbr title="x">GP</abbr>\n'
            "```html\n<script>alert(1)</script>\n```\n`<iframe>` is named in code.\n[ok](other.md)\n")
    assert check(body) == []
