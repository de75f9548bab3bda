"""Whole builds that must fail, or pass, for the right reason, with the message a contributor needs."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import _drop_article_urls, article
from newcomer import HELP, MISTAKES
from sitedata import DOCS, ROOT


def _in_workers(config: str) -> str:
    """The checks in a worker process even on a small site (background.py), as on a large one."""
    assert "    image_max_kb:" in config, "mkdocs.yml changed: update this test's edit"
    return config.replace("    image_max_kb:", "    parallel_min_pages: 1\n    image_max_kb:", 1)


@pytest.mark.parametrize("where", ["in-process", "worker process"])
def test_a_good_article_builds_and_is_listed_in_its_hub(make_site, where: str):
    build = make_site({"intimacy/good.md": article("A good test article")},
                      config=_in_workers if where == "worker process" else None)
    assert build.returncode == 0, build.output
    # Quiet: information (reading grades, MkDocs' list of pages outside the nav) only with --verbose.
    assert "info: [readability]" not in build.output and "not included in the \"nav\"" not in build.output
    assert "Checks: 0 error(s)" in build.output
    hub = build.page("intimacy/index.html")
    link = hub.css_first('article a[href="good/"]')
    assert link is not None and link.text() == "A good test article"
    assert "4 min read" in hub.css_first("article").text()
    page = build.page("intimacy/good/index.html")
    # The QR code encodes the short link: a shorter address, a simpler code.
    short = page.css_first(".bu-handout__short").text()
    assert re.fullmatch(r"between-us\.example\.org/a/\d+/", short)
    assert page.css_first("svg.bu-handout__qr title").text() == f"QR code: https://{short}"
    assert "4 min read" in page.css_first("article").text()


@pytest.mark.parametrize("where", ["in-process", "worker process"])
def test_one_bad_article_fails_the_build_and_every_problem_is_named(make_site, where: str):
    body = ("He committed suicide.\n\n<iframe src=\"https://video.example/x\"></iframe>\n\n"
            "See [this shop](https://shop.example.com/).\n\n![](photo.png)\n\n"
            "## When to get help\n\n[Get help now](../get-help.md)\n")
    build = make_site({"stigma/bad.md": article("Bad", topic="stigma", body=body, tags="[closeness, nope]")},
                      config=_in_workers if where == "worker process" else None)
    assert build.returncode != 0
    out = build.output
    # Front matter is lines 1-14, the blank line 15: the body starts on line 16.
    for expected in (
        "docs/stigma/bad.md:5: error: [front-matter] field 'tags': unknown tag(s): nope.",
        "docs/stigma/bad.md:16:4: error: [language] 'committed suicide' -> died by suicide",
        "docs/stigma/bad.md:18:1: error: [unsafe-html] <iframe> is not allowed in content",
        "docs/stigma/bad.md:18:14: error: [external-domain] 'video.example' is not on the list",
        "docs/stigma/bad.md:20:17: error: [external-domain] 'shop.example.com' is not on the list",
        "docs/stigma/bad.md:22:1: error: [image] image without alt text",
        "problem(s) must be fixed before this site can be published",
    ):
        assert expected in out, f"missing: {expected}\n\n{out}"


def test_bad_yaml_is_reported_first_and_its_follow_on_short_link_errors_are_held_back(make_site, tmp_path):
    # An article whose number is published: with its front matter unreadable, the build cannot see `id`.
    manifest = tmp_path / "urls.txt"
    manifest.write_text((ROOT / "data" / "urls.txt").read_text(encoding="utf-8"), encoding="utf-8")
    _drop_article_urls(manifest)
    text = article(topic="recovery", id="9990").replace('title: "A test article"', "title: Colons: break YAML")
    build = make_site({"recovery/broken.md": text},
                      data={"urls.txt": manifest.read_text(encoding="utf-8") + "/a/9990/ -> /recovery/broken/\n"})
    assert build.returncode != 0
    assert re.search(r"docs/recovery/broken\.md:2:\d+: error: \[front-matter\] front matter is not valid YAML",
                     build.output), build.output
    assert "[short-links]" not in build.output and "Traceback" not in build.output, build.output


@pytest.mark.parametrize("text, expected", MISTAKES)
def test_a_newcomer_mistake_fails_the_build_naming_file_line_and_fix(make_site, text, expected: str):
    build = make_site({"intimacy/sleep.md": text()})
    assert build.returncode != 0
    assert expected in build.output, build.output
    assert "Traceback" not in build.output, build.output


def test_every_placeholder_of_a_copied_template_is_named(make_site):
    build = make_site({"intimacy/sleep.md": (DOCS / "_template.md").read_text(encoding="utf-8")})
    named = re.findall(r"\[template\] field '([\w.]+)'", build.output)
    assert named == ["title", "description", "warnings.0", "summary.0", "summary.1", "summary.2",
                     "keywords.0", "keywords.1", "references.0.title", "references.1.title", "references.2.title"]


def test_allowed_terms_are_counted_and_shown(make_site):
    body = ("People sometimes say \"addict\". <!-- lint-allow: quoted to explain why it hurts -->\n\n"
            "## When to get help\n\n[Get help now](../get-help.md)\n")
    build = make_site({"stigma/words.md": article(topic="stigma", body=body)}, env={"CHECKS_VERBOSE": "1"})
    assert build.returncode == 0, build.output
    assert "docs/stigma/words.md: info: [readability] reading grade" in build.output
    assert "docs/stigma/words.md:16:23: info: [language-allowed] 'addict' allowed: quoted to explain why it hurts" \
        in build.output


def test_a_broken_link_is_named_at_its_markdown_line(make_site):
    body = ("See [a page that does not exist](nowhere.md) and [a heading](../get-help.md#no-such-heading).\n\n"
            "And [this page](#nope).\n\n" + HELP)
    build = make_site({"intimacy/links.md": article(body=body)})
    assert build.returncode != 0
    # The Markdown file's line and column first; the built page's, as a second place, in the message.
    for expected in (r"docs/intimacy/links\.md:16:34: error: \[links\] intimacy/links/index\.html:\d+:\d+ -> "
                     r"/intimacy/links/nowhere\.md -> broken: no such page",
                     r"docs/intimacy/links\.md:16:62: error: \[links\] intimacy/links/index\.html:\d+:\d+ -> "
                     r"/get-help/#no-such-heading -> broken: no element with this id",
                     r"docs/intimacy/links\.md:18:17: error: \[links\] intimacy/links/index\.html:\d+:\d+ -> "
                     r"\S+#nope -> broken: no element with this id"):
        assert re.search(expected, build.output), f"missing: {expected}\n\n{build.output}"


def _helplines() -> dict:
    return yaml.safe_load((ROOT / "data" / "helplines.yml").read_text(encoding="utf-8"))


def test_stale_helpline_warns_and_strict_mode_fails(make_site):
    data = _helplines()
    data["lines"][0]["verified"] = "2020-01-01"
    entry = data["lines"][0]["id"]
    lenient = make_site(data={"helplines.yml": yaml.safe_dump(data)})
    assert lenient.returncode == 0, lenient.output
    assert f"data/helplines.yml: warning: [helplines] '{entry}' was last verified" in lenient.output
    strict = make_site(data={"helplines.yml": yaml.safe_dump(data)}, env={"STRICT_HELPLINES": "1"})
    assert strict.returncode != 0
    assert f"data/helplines.yml: error: [helplines] '{entry}' was last verified" in strict.output


def test_invalid_helpline_fails_naming_entry_and_field(make_site):
    data = _helplines()
    data["lines"][0]["contacts"] = [{"type": "call", "number": "12"}]
    build = make_site(data={"helplines.yml": yaml.safe_dump(data)})
    assert build.returncode != 0
    assert f"lines.{data['lines'][0]['id']}.contacts: '12' is not a valid number" in build.output


def test_a_written_page_without_crisis_lines_fails_naming_it(make_site):
    build = make_site({"handout.html": "<html><body><p>A static page</p></body></html>"})
    assert build.returncode != 0
    assert re.search(r"site/handout\.html: error: \[helplines\] this written page has no crisis lines", build.output)


def test_removed_url_fails_unless_redirected(make_site):
    manifest = "/\n/intimacy/\n/intimacy/gone-article/\n"  # pages not listed only warn
    build = make_site(data={"urls.txt": manifest})
    assert build.returncode != 0
    assert "data/urls.txt: error: [stable-urls] /intimacy/gone-article/ was published and no longer exists" \
        in build.output
    redirected = make_site(data={"urls.txt": manifest}, config=lambda text: text.replace(
        "redirect_maps: {}", "redirect_maps:\n        intimacy/gone-article.md: intimacy/index.md"))
    assert redirected.returncode == 0, redirected.output
    assert "http-equiv=\"refresh\"" in redirected.html("intimacy/gone-article/index.html")
    assert redirected.page("intimacy/gone-article/index.html").css_first("[data-bu-crisis]") is not None


def test_make_urls_says_what_it_added(make_site):
    text = article("Sleep problems and relationships", id="9980")
    build = make_site({"intimacy/sleep.md": text}, env={"UPDATE_URL_MANIFEST": "1"})
    assert build.returncode == 0, build.output
    assert "data/urls.txt: added 1 page address: /intimacy/sleep/." in build.output
    assert "data/urls.txt: added 1 short link: /a/9980/ -> /intimacy/sleep/." in build.output
    again = make_site({"intimacy/sleep.md": text}, env={"UPDATE_URL_MANIFEST": "1"},
                      data={"urls.txt": (build.root / "data" / "urls.txt").read_text(encoding="utf-8")})
    assert "data/urls.txt: no new page address to add." in again.output
    assert "data/urls.txt: no new short link to add." in again.output
