"""Front matter schemas: each kind of page, and messages that name the line and the field."""

from between_us.frontmatter import check_front_matter, page_kind
from conftest import article

TAGS = {"closeness", "shame"}
BASE = """title: Closeness after a hard time
description: "How couples can feel close again."
topic: intimacy
tags: [closeness]
date: 2026-11-01
updated: 2026-11-20
review: pending
references:
  - {title: A, publisher: NHS, url: "https://www.nhs.uk/a"}
  - {title: B, publisher: NHS, url: "https://www.nhs.uk/b"}
  - {title: C, publisher: NHS, url: "https://www.nhs.uk/c"}
"""
GOOD = BASE + 'summary:\n  - "Closeness can return."\n  - "Talk when calm."\n  - "Ask for help."\n'  # lines 13-16


def messages(front: str | None, path: str = "intimacy/a.md") -> list[str]:
    return [f.format() for f in check_front_matter(front, path, f"docs/{path}", TAGS)[1]]


def test_page_kinds():
    assert page_kind("intimacy/a.md") == "article"
    assert page_kind("intimacy/index.md") == "hub"
    assert page_kind("about.md") == "page"
    assert page_kind("assets/intimacy/a.md") == "page"


def test_valid_article_passes():
    assert messages(GOOD) == []


def test_missing_field_is_named():
    assert messages(GOOD.replace("review: pending\n", "")) == [
        "docs/intimacy/a.md:1: error: [front-matter] an article needs the field 'review'. "
        "Write `review: pending` until a reviewer listed in data/reviewers.yml has really reviewed the article; "
        "then record it with `make review ARTICLE=docs/TOPIC/NAME.md BY=REVIEWER-ID`, which writes "
        "`review: {by: REVIEWER-ID, on: YYYY-MM-DD, version: HASH}` (`next: YYYY-MM-DD` is optional)."]


def test_wrong_type_and_unknown_field_name_their_lines():
    found = messages(GOOD.replace("date: 2026-11-01", "date: yesterday") + "colour: red\n")
    assert found[0] == ("docs/intimacy/a.md:6: error: [front-matter] field 'date': 'yesterday' is not a date written "
                        "YYYY-MM-DD. Write the first publication date as YYYY-MM-DD, for example 2026-12-06.")
    assert found[1] == ("docs/intimacy/a.md:17: error: [front-matter] unknown field 'colour' for an article; "
                        "remove it or check its spelling.")


def test_description_limit_and_unknown_tag():
    found = messages(GOOD.replace('"How couples can feel close again."', "x" * 161).replace("[closeness]", "[nope]"))
    assert any(":3: error: [front-matter] field 'description': String should have at most 160 characters" in m
               for m in found)
    assert any(":5: error: [front-matter] field 'tags': unknown tag(s): nope." in m for m in found)


def test_updated_before_date():
    found = messages(GOOD.replace("updated: 2026-11-20", "updated: 2026-10-01"))
    assert len(found) == 1 and "`updated` (2026-10-01) is earlier than `date` (2026-11-01)" in found[0]


def test_too_few_references():
    two = GOOD.rsplit("  - {title: C", 1)[0]
    assert any("field 'references': List should have at least 3 items" in m for m in messages(two))


def test_topic_must_match_folder():
    assert messages(GOOD, "stigma/a.md") == [
        "docs/stigma/a.md:4:1: error: [front-matter] field 'topic' is 'intimacy' but the file is in stigma/. "
        "Move the file or change the topic."]


def test_bad_yaml_reports_its_line():
    found = messages("title: ok\ndescription: [broken\ntopic: intimacy\n")
    assert len(found) == 1
    assert found[0].startswith("docs/intimacy/a.md:4:6: error: [front-matter] front matter is not valid YAML")


def test_missing_front_matter():
    assert messages(None, "about.md")[0].startswith("docs/about.md:1:1: error: [front-matter] no front matter")


def test_site_page_schema_is_lighter_but_strict():
    assert messages("title: About\ndescription: What this site is.\nupdated: 2026-11-23\n", "about.md") == []
    assert "unknown field 'topic' for a site page" in messages("title: A\ndescription: B\ntopic: x\n", "about.md")[0]


def test_summary_keywords_and_order_limits():
    points = ["Short point one.", "Short point two.", "Short point three."]
    summary = "summary:\n" + "".join(f'  - "{p}"\n' for p in points)
    assert messages(BASE + summary + "keywords: [libido, ssri]\norder: 1\n") == []
    too_few = messages(BASE + "summary:\n" + "".join(f'  - "{p}"\n' for p in points[:2]))
    assert too_few[0].startswith("docs/intimacy/a.md:14: error: [front-matter] field 'summary': List should have at "
                                 "least 3 items")
    assert "In short" in too_few[0]
    assert "at most 5 items" in messages(BASE + "summary:\n" + '  - "Point."\n' * 6)[0]
    long_point = " ".join(["word"] * 21)
    assert messages(BASE + summary + f'  - "{long_point}"\n') == [
        "docs/intimacy/a.md:17: error: [front-matter] field 'summary.3': has 21 words; keep each point to 20 words "
        "or fewer. List 3 to 5 short points, each 20 words or fewer, in the plainest words the article allows: "
        'the page shows them as "In short".']
    assert "field 'order': Input should be greater than or equal to 1" in messages(GOOD + "order: 0\n")[0]
    assert messages(BASE) == ["docs/intimacy/a.md:1: error: [front-matter] an article needs the field 'summary'. "
                              + messages(BASE)[0].split("'summary'. ")[1]]


def test_changes_are_dated_one_line_notes_between_first_publication_and_the_last_update():
    assert messages(GOOD + 'changes:\n  - {date: 2026-11-20, note: "Added the UK lines."}\n') == []
    late = messages(GOOD + 'changes:\n  - {date: 2026-11-21, note: "Added the UK lines."}\n')
    assert len(late) == 1 and "`changes`: 2026-11-21 is not between `date` (2026-11-01) and `updated` " \
        "(2026-11-20)" in late[0]
    found = messages(GOOD + 'changes:\n  - {date: 2026-11-20, note: "' + "x" * 161 + '"}\n  - {note: "No date."}\n')
    assert any(":18: error: [front-matter] field 'changes.0.note': String should have at most 160" in m for m in found)
    assert any("error: [front-matter] an article needs the field 'changes.1.date'" in m for m in found), found


def test_an_article_lists_its_changes_newest_first(make_site):
    changes = ('[{date: 2026-11-05, note: "Added the UK lines."}, '
               '{date: 2026-11-20, note: "Rewrote the part on talking."}]')
    build = make_site({"intimacy/a.md": article("An article", changes=changes)})
    assert build.returncode == 0, build.output
    listed = build.page("intimacy/a/index.html").css_first(".bu-changes")
    assert listed.css_first("h2").text() == "What changed"
    assert [" ".join(li.text().split()) for li in listed.css("li")] == [
        "20 November 2026: Rewrote the part on talking.", "5 November 2026: Added the UK lines."]
    assert build.page("intimacy/pack/index.html").css_first(".bu-pack__article .bu-changes li") is not None
