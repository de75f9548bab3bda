"""Front-matter text is plain text: markup is an error at the input, and escaped at the output."""

from __future__ import annotations

import pytest
from between_us.frontmatter import check_front_matter
from between_us.plain_text import escape_for_theme, markup_in
from conftest import article
from markupsafe import Markup
from test_frontmatter import BASE, GOOD, TAGS

PAYLOADS = [
    "Consent <svg onload=alert(1)></svg> and pressure",
    'Quotes "><img src=x onerror=alert(2)>',
    "Encoded &lt;script&gt;alert(3)&lt;/script&gt;",
    "Numeric &#60;b&#62; and &#x3c;i&#x3e;",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_markup_is_found(text: str):
    assert markup_in(text) is not None


@pytest.mark.parametrize("text", ["Q&A: sex, drugs & rock and roll", "It's \"fine\" - really", "50% of 3/4"])
def test_plain_text_passes(text: str):
    assert markup_in(text) is None


@pytest.mark.parametrize(("field", "line", "front"), [
    ("title", 2, GOOD.replace("title: Closeness after a hard time", "title: 'A <b>bold</b> title'")),
    ("description", 3, GOOD.replace('"How couples can feel close again."', '"Close &amp; calm"')),
    ("references.1.title", 11, GOOD.replace("{title: B,", "{title: 'B <script>',")),
    ("references.2.publisher", 12, GOOD.replace("publisher: NHS, url: \"https://www.nhs.uk/c\"",
                                                "publisher: '&#60;i>', url: \"https://www.nhs.uk/c\"")),
    ("warnings.0", 17, GOOD + 'warnings: ["<img src=x onerror=alert(1)>"]\n'),
    ("summary.1", 15, BASE + 'summary:\n  - "One."\n  - "Two <svg/onload=alert(1)>."\n  - "Three."\n'),
    ("keywords.0", 17, GOOD + "keywords: ['<i>libido</i>']\n"),
])
def test_markup_in_any_shown_field_is_an_error_naming_file_line_and_field(field: str, line: int, front: str):
    _, found = check_front_matter(front, "intimacy/a.md", "docs/intimacy/a.md", TAGS)
    assert len(found) == 1
    assert found[0].format().startswith(f"docs/intimacy/a.md:{line}: error: [front-matter] field '{field}': contains ")
    assert "this text is plain text" in found[0].message


def test_escape_for_theme_escapes_once():
    meta = {"title": 'A "quoted" <title> & more', "description": "x < y", "topic": "intimacy"}
    escape_for_theme(meta)
    assert meta["title"] == "A &#34;quoted&#34; &lt;title&gt; &amp; more"
    assert isinstance(meta["title"], Markup) and meta["topic"] == "intimacy"
    escape_for_theme(meta)
    assert meta["title"] == "A &#34;quoted&#34; &lt;title&gt; &amp; more"


def test_injected_front_matter_fails_the_build_and_reaches_no_page(make_site):
    """The reported attack: a title with markup, shown in other articles' related lists and the tags page."""
    fields = {
        "description": "'\"><img src=x onerror=alert(2)>'",
        "warnings": "['<script>alert(3)</script>']",
        "tags": "[closeness, consent]",
    }
    pages = {
        "intimacy/attack.md": article("Consent <svg onload=alert(1)></svg> and pressure", **fields),
        "intimacy/neighbour.md": article("A neighbour that lists related articles", tags="[closeness, consent]"),
        "stigma/other.md": article("A &lt;b&gt;bold&lt;/b&gt; &#60;i&#62;title", topic="stigma", tags="[consent]"),
    }
    build = make_site(pages, with_articles=True)
    assert build.returncode != 0
    for expected in ("docs/intimacy/attack.md:2: error: [front-matter] field 'title': contains '<'",
                     "docs/intimacy/attack.md:3: error: [front-matter] field 'description': contains '>'",
                     "docs/intimacy/attack.md:14: error: [front-matter] field 'warnings.0': contains '<'",
                     "docs/stigma/other.md:2: error: [front-matter] field 'title': contains '&lt;'"):
        assert expected in build.output, build.output
    # The pages were written all the same (a failed build is never published): none carries the markup.
    assert "tags/index.html" in build.pages and "intimacy/neighbour/index.html" in build.pages
    for path, page in build.pages.items():
        assert not page.css("svg[onload], img[onerror], b, i"), path
        assert not [s for s in page.css("script") if "alert" in s.text()], path
        for node in page.css("*"):
            assert not [a for a in node.attributes if a.startswith("on")], (path, node.tag, node.attributes)
    neighbour = build.page("intimacy/neighbour/index.html")
    related = [a.text() for a in neighbour.css(".bu-related a")]
    assert "Consent <svg onload=alert(1)></svg> and pressure" in related  # shown as text, not run
