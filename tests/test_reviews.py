"""Clinical reviews: the reviewers' file, an article's `review:`, what pages, handouts and search say, and the
build's warnings and errors. Reviewers here are fictional and live in throwaway sites only."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from between_us import record_review, strings
from between_us.frontmatter import _HINTS, check_front_matter
from between_us.markdown_text import Source
from between_us.reviews import Reviewer, ReviewPolicy, load_reviewers, review_findings, status_of, text_version
from conftest import VERSION, article
from pagefind_index import indexed_page
from sitedata import ROOT, articles, front_matter

EN, ES = (strings.load_all(ROOT / "data" / "strings")[lang] for lang in ("en", "es"))

TODAY = dt.date.today()
HINT = _HINTS["review"]
V = "0123456789ab"  # a text's version (its hash), for reviews outside a build
FICTIONAL = {
    "id": "test-reviewer",
    "name": "Test Reviewer (fictional)",
    "credentials": "Licensed marriage and family therapist",
    "registration": {"body": "Example Board of Therapists (fictional)", "number": "TEST-0001"},
    "profile": "https://www.nhs.uk/",
}
REVIEWERS = yaml.safe_dump({"reviewers": [FICTIONAL]}, sort_keys=False)
GOOD = """title: Closeness after a hard time
description: "How couples can feel close again."
topic: intimacy
tags: [closeness]
date: 2026-01-01
updated: 2026-01-10
review: pending
references:
  - {title: A, publisher: NHS, url: "https://www.nhs.uk/a"}
  - {title: B, publisher: NHS, url: "https://www.nhs.uk/b"}
  - {title: C, publisher: NHS, url: "https://www.nhs.uk/c"}
summary: ["Closeness can return.", "Talk when calm.", "Ask for help."]
"""


def messages(review: str) -> list[str]:
    front = GOOD.replace("review: pending", review)
    return [f.format() for f in check_front_matter(front, "intimacy/a.md", "docs/intimacy/a.md", {"closeness"},
                                                   reviewers={"test-reviewer"}, today=dt.date(2026, 12, 1))[1]]


def reviewer(**changes: object) -> Reviewer:
    return Reviewer.model_validate({**FICTIONAL, **changes})


def policy(**changes: object) -> ReviewPolicy:
    return ReviewPolicy(**{"reviewers": {"test-reviewer": reviewer()}, "today": dt.date(2026, 12, 1), **changes})


# ---- the front matter ----------------------------------------------------------------------------------

def test_review_is_pending_or_a_record_of_a_real_review():
    assert messages("review: pending") == []
    assert messages(f"review: {{by: test-reviewer, on: 2026-01-15, version: {V}}}") == []
    assert messages(f"review: {{by: test-reviewer, on: 2026-01-15, next: 2027-06-01, version: {V}}}") == []


def test_an_unknown_reviewer_a_future_date_and_next_before_on_name_file_line_and_field():
    block = "review:\n  by: {by}\n  on: {on}\n  next: {next}\n  version: " + V
    unknown = messages(block.format(by="someone-else", on="2026-01-15", next="2027-01-15"))
    assert len(unknown) == 1 and unknown[0].startswith(
        "docs/intimacy/a.md:9: error: [front-matter] field 'review.by': unknown reviewer 'someone-else'; "
        "reviewers are listed in data/reviewers.yml (test-reviewer).")
    future = messages(block.format(by="test-reviewer", on="2026-12-02", next="2028-01-15"))
    assert len(future) == 1 and future[0].startswith(
        "docs/intimacy/a.md:10: error: [front-matter] field 'review.on': 2026-12-02 is in the future")
    backwards = messages(block.format(by="test-reviewer", on="2026-01-15", next="2025-01-15"))
    assert len(backwards) == 1 and backwards[0].startswith(
        "docs/intimacy/a.md:11: error: [front-matter] field 'review.next': `next` (2025-01-15) is before `on` "
        "(2026-01-15)")
    assert "field 'review': Input should be 'pending'" in messages("review: done")[0]
    assert "unknown field 'review.when'" in messages(f"review: {{by: test-reviewer, on: 2026-01-15, version: {V}, "
                                                     "when: 3}")[0]


def test_a_review_names_the_version_it_read_and_is_not_dated_before_the_article():
    early = messages(f"review: {{by: test-reviewer, on: 2025-12-31, version: {V}}}")
    assert early == [
        "docs/intimacy/a.md:8: error: [front-matter] field 'review': the review is dated 2025-12-31, before the "
        "article was written (2026-01-01): a review reads the article as it is; write the date the reviewer read "
        "it. " + HINT]
    assert messages("review: {by: test-reviewer, on: 2026-01-15, version: abc}")[0].startswith(
        "docs/intimacy/a.md:8: error: [front-matter] field 'review.version': 'abc' is not the version of a text: "
        "run `make review ARTICLE=... BY=...`")
    assert "needs the field 'review.version'" in messages("review: {by: test-reviewer, on: 2026-01-15}")[0]


def test_make_review_records_the_reviewer_today_and_the_version_of_the_text(tmp_path: Path, capsys):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "reviewers.yml").write_text(REVIEWERS, encoding="utf-8")
    path = tmp_path / "docs" / "intimacy" / "sleep.md"
    path.parent.mkdir(parents=True)
    path.write_text(article("Sleep problems and relationships", date="2026-11-01",
                            review="\n  by: someone-before\n  on: 2026-11-02\n  version: 000000000000"),
                    encoding="utf-8")
    record_review.main(["docs/intimacy/sleep.md", "test-reviewer", "--root", str(tmp_path), "--today", "2026-12-01"])
    text = Source.parse(path.read_text(encoding="utf-8"))
    version = text_version(text.body)
    assert f"review: {{by: test-reviewer, on: 2026-12-01, version: {version}}}\nsummary:" in text.front_matter
    assert capsys.readouterr().out == (f"docs/intimacy/sleep.md: recorded a review by test-reviewer on 2026-12-01, "
                                       f"version {version}. Run `make check`, then commit.\n")
    meta, found = check_front_matter(text.front_matter, "intimacy/sleep.md", "docs/intimacy/sleep.md",
                                     {"closeness"}, reviewers={"test-reviewer"}, today=dt.date(2026, 12, 1))
    assert found == []
    assert not status_of(meta, policy(), text_version(text.body)).changed_since
    assert status_of(meta, policy(), text_version(text.body + "One more sentence.")).changed_since
    with pytest.raises(SystemExit, match=re.escape("'dr-nobody' is not in data/reviewers.yml (test-reviewer): add "
                                                   "the reviewer there first")):
        record_review.main(["docs/intimacy/sleep.md", "dr-nobody", "--root", str(tmp_path)])
    with pytest.raises(SystemExit, match=re.escape("'docs/about.md' is not an article")):
        record_review.main(["docs/about.md", "test-reviewer", "--root", str(tmp_path)])


def test_a_bare_on_key_is_read_as_the_date_not_as_yaml_true():
    meta = yaml.safe_load(f"review: {{by: test-reviewer, on: 2026-01-15, version: {V}}}")
    assert True in meta["review"]  # YAML 1.1, as MkDocs reads front matter
    status = status_of({**meta, "updated": dt.date(2026, 1, 10)}, policy())
    assert status is not None and status.on == dt.date(2026, 1, 15)


# ---- the reviewers' file ------------------------------------------------------------------------------

def test_the_real_reviewers_file_is_valid_and_empty_and_every_article_is_pending():
    reviewers, problems = load_reviewers(ROOT / "data" / "reviewers.yml")
    assert problems == [] and reviewers == {}
    assert {str(front_matter(src)["review"]) for src in articles()} == {"pending"}


@pytest.mark.parametrize(("entry", "expected"), [
    ({"id": "Test Reviewer"}, "data/reviewers.yml:4: error: [reviewers] field 'reviewers.0.id': 'Test Reviewer' is "
                              "not a valid id: write the reviewer's name in lower-case letters and digits, with a "
                              "single hyphen between words, such as jane-doe or sam-lee-2."),
    ({"credentials": None}, "data/reviewers.yml:6: error: [reviewers] field 'reviewers.0.credentials'"),
    ({"profile": "https://shop.example.com/me"}, "data/reviewers.yml:10: error: [reviewers] field "
                                                 "'reviewers.0.profile': 'shop.example.com' is not in "
                                                 "data/allowed-domains.yml"),
    ({"registration": {"body": "Board"}}, "data/reviewers.yml:8: error: [reviewers] field "
                                          "'reviewers.0.registration.number': Field required"),
])
def test_a_bad_reviewer_is_named_by_line_and_field(tmp_path: Path, entry: dict, expected: str):
    path = tmp_path / "reviewers.yml"
    path.write_text("# comment\n\nreviewers:\n" + yaml.safe_dump([{**FICTIONAL, **entry}], sort_keys=False),
                    encoding="utf-8")
    reviewers, problems = load_reviewers(path, {"nhs.uk"})
    assert reviewers == {} and len(problems) == 1
    assert problems[0].format().startswith(expected), problems[0].format()


def test_a_reviewer_id_is_used_once(tmp_path: Path):
    path = tmp_path / "reviewers.yml"
    path.write_text(yaml.safe_dump({"reviewers": [FICTIONAL, FICTIONAL]}), encoding="utf-8")
    assert "the id 'test-reviewer' is used twice" in load_reviewers(path)[1][0].message


# ---- the review state, and what is said about it -----------------------------------------------------------

def test_next_defaults_to_on_plus_the_interval_and_the_page_says_who_when_and_next():
    status = status_of({"review": {"by": "test-reviewer", "on": dt.date(2026, 1, 15), "version": V},
                        "updated": dt.date(2026, 1, 10)}, policy(), V)
    assert status.next == dt.date(2028, 1, 15)  # 730 days
    assert status.sentences(EN) == [
        "Reviewed by Test Reviewer (fictional), Licensed marriage and family therapist, on 15 January 2026.",
        "Registered with Example Board of Therapists (fictional), number TEST-0001.",
        "Next review due 15 January 2028.",
    ]
    assert status.summary(EN) == "Reviewed by Test Reviewer (fictional) on 15 January 2026"
    assert not status.changed_since and not status.overdue and status.label(60) == "reviewed"
    assert status_of({"review": "pending"}, policy()).sentences(EN) == ["Review: pending."]
    # The same review in Spanish: its words and its dates from data/strings/es.yml.
    assert status.sentences(ES)[0] == ("Revisado por Test Reviewer (fictional), Licensed marriage and family "
                                       "therapist, el 15 de enero de 2026.")
    assert status.sentences(ES)[-1] == "Próxima revisión: 15 de enero de 2028."
    assert status_of({"review": "pending"}, policy()).sentences(ES) == ["Revisión: pendiente."]
    assert status_of({"review": {"by": "nobody", "on": dt.date(2026, 1, 15), "version": V}}, policy()) is None


def test_a_change_to_the_text_after_the_review_and_an_overdue_review_are_said():
    review = {"by": "test-reviewer", "on": dt.date(2024, 1, 15), "next": dt.date(2026, 1, 15), "version": V}
    # The versions decide, not the dates: an `updated` date moved on without a change to the text is no change.
    assert not status_of({"review": review, "updated": dt.date(2026, 3, 2)}, policy(), V).changed_since
    status = status_of({"review": review, "updated": dt.date(2026, 3, 2)}, policy(), text_version("New words."))
    assert status.changed_since and status.overdue
    assert status.sentences(EN)[-2:] == ["This article has changed since that review (updated 2 March 2026).",
                                       "The review is overdue."]
    assert status.summary(EN).endswith("; changed since; review overdue")
    assert status.label(60) == "overdue"


def test_due_soon_warns_overdue_warns_naming_the_reviewer_and_strict_fails():
    def found(next_due: dt.date, **changes: object) -> list[str]:
        p = policy(**changes)
        status = status_of({"review": {"by": "test-reviewer", "on": dt.date(2025, 1, 1), "next": next_due,
                                       "version": V}}, p)
        return [f.format() for f in review_findings(status, "docs/intimacy/a.md", 8, p)]

    assert found(dt.date(2027, 6, 1)) == []
    assert found(dt.date(2027, 1, 30)) == [  # 60 days
        "docs/intimacy/a.md:8: warning: [review] the review by Test Reviewer (fictional) (test-reviewer) is due on "
        "2027-01-30, in 60 days: plan the next review."]
    overdue = found(dt.date(2026, 11, 30))
    assert len(overdue) == 1 and overdue[0].startswith(
        "docs/intimacy/a.md:8: warning: [review] the review by Test Reviewer (fictional) (test-reviewer) was due on "
        "2026-11-30, 1 days ago")
    assert found(dt.date(2026, 11, 30), strict=True)[0].startswith("docs/intimacy/a.md:8: error: [review]")


# ---- whole builds -----------------------------------------------------------------------------------------

def _reviewed(on: dt.date, next_due: dt.date | None = None, by: str = "test-reviewer", **fields: str) -> str:
    record = f"{{by: {by}, on: {on}, version: {VERSION}" + (f", next: {next_due}" if next_due else "") + "}"
    return article("A reviewed article", review=record, **fields)


def test_a_site_with_a_reviewer_shows_the_reviewed_line_on_the_page_the_handout_and_in_search(make_site):
    build = make_site({"intimacy/reviewed.md": _reviewed(dt.date(2026, 1, 15), date="2026-01-01",
                                                         updated="2026-01-10"),
                       "intimacy/changed.md": _reviewed(dt.date(2026, 1, 15), date="2026-01-01",
                                                        updated="2026-03-02").replace("Small steps", "Tiny steps"),
                       "intimacy/waiting.md": article("A pending article")},
                      data={"reviewers.yml": REVIEWERS})
    assert build.returncode == 0, build.output
    page = build.page("intimacy/reviewed/index.html")
    line = " ".join(page.css_first(".bu-review").text().split())
    assert line.startswith("Reviewed by Test Reviewer (fictional), Licensed marriage and family therapist, on "
                           "15 January 2026. Registered with Example Board of Therapists (fictional), number "
                           "TEST-0001. Next review due 15 January 2028.")
    assert "changed since" not in line and "overdue" not in line
    assert page.css_first(".bu-review a[href='https://www.nhs.uk/']").text() == "About the reviewer"
    handout = " ".join(page.css_first(".bu-handout").text().split())
    assert "Reviewed by Test Reviewer (fictional), Licensed marriage and family therapist, on 15 January 2026." \
        in handout and "Next review due 15 January 2028." in handout and "pending" not in handout
    assert indexed_page(build.site, "/intimacy/reviewed/")["meta"]["review"] == \
        "Reviewed by Test Reviewer (fictional) on 15 January 2026"
    changed = build.page("intimacy/changed/index.html")
    assert "This article has changed since that review (updated 2 March 2026)." in changed.css_first(
        ".bu-review").text()
    assert "This article has changed since that review" in changed.css_first(".bu-handout").text()
    assert indexed_page(build.site, "/intimacy/changed/")["meta"]["review"].endswith("; changed since")
    waiting = build.page("intimacy/waiting/index.html")
    assert " ".join(waiting.css_first(".bu-review").text().split()).startswith(
        "Review: pending. No one with clinical training has reviewed this article yet.")
    assert indexed_page(build.site, "/intimacy/waiting/")["meta"]["review"] == "Review: pending"
    assert "Review: pending (not yet checked by a clinician)." in waiting.css_first(".bu-handout").text()


def test_an_overdue_review_warns_naming_file_and_reviewer_and_fails_under_strict_reviews(make_site):
    pages = {"intimacy/old.md": _reviewed(dt.date(2023, 1, 10), dt.date(2025, 1, 10), date="2023-01-01",
                                          updated="2023-01-05")}
    lenient = make_site(pages, data={"reviewers.yml": REVIEWERS})
    assert lenient.returncode == 0, lenient.output
    assert "docs/intimacy/old.md:8: warning: [review] the review by Test Reviewer (fictional) (test-reviewer) " \
           "was due on 2025-01-10" in lenient.output
    page = lenient.page("intimacy/old/index.html")
    assert "The review is overdue." in page.css_first(".bu-review--overdue").text()
    assert "The review is overdue." in page.css_first(".bu-handout").text()
    assert indexed_page(lenient.site, "/intimacy/old/")["meta"]["review"].endswith("; review overdue")
    strict = make_site(pages, data={"reviewers.yml": REVIEWERS}, env={"STRICT_REVIEWS": "1"})
    assert strict.returncode != 0
    assert "docs/intimacy/old.md:8: error: [review] the review by Test Reviewer (fictional) (test-reviewer) " \
           "was due on 2025-01-10" in strict.output


def test_a_review_due_within_60_days_warns(make_site):
    due = TODAY + dt.timedelta(days=30)
    build = make_site({"intimacy/soon.md": _reviewed(dt.date(2025, 1, 10), due, date="2025-01-01",
                                                     updated="2025-01-05")},
                      data={"reviewers.yml": REVIEWERS})
    assert build.returncode == 0, build.output
    assert f"docs/intimacy/soon.md:8: warning: [review] the review by Test Reviewer (fictional) (test-reviewer) " \
           f"is due on {due}, in 30 days: plan the next review." in build.output


def test_a_review_dated_before_the_article_fails_the_build_naming_file_and_line(make_site):
    build = make_site({"intimacy/early.md": _reviewed(dt.date(2026, 10, 1), date="2026-11-01")},
                      data={"reviewers.yml": REVIEWERS})
    assert build.returncode != 0
    assert "docs/intimacy/early.md:8: error: [front-matter] field 'review': the review is dated 2026-10-01, before " \
           "the article was written (2026-11-01)" in build.output


def test_an_unknown_reviewer_fails_the_build_naming_the_file(make_site):
    build = make_site({"intimacy/who.md": _reviewed(dt.date(2026, 1, 15), by="dr-nobody")},
                      data={"reviewers.yml": REVIEWERS})
    assert build.returncode != 0
    assert "docs/intimacy/who.md:8: error: [front-matter] field 'review.by': unknown reviewer 'dr-nobody'" \
        in build.output


def test_a_bad_reviewers_file_fails_the_build_naming_line_and_field(make_site):
    bad = REVIEWERS.replace("https://www.nhs.uk/", "https://shop.example.com/me")
    build = make_site(data={"reviewers.yml": bad})
    assert build.returncode != 0
    assert "data/reviewers.yml:8: error: [reviewers] field 'reviewers.0.profile': 'shop.example.com'" in build.output
