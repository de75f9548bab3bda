"""CONTRIBUTING.md, the template and the pull request checklist state the rules the build enforces, with the
build's own numbers: every rule CONTRIBUTING names is one a check reports, and every check is explained."""

from __future__ import annotations

import re

import pytest
from between_us.frontmatter import SUMMARY_POINT_WORDS, SUMMARY_POINTS, Article
from between_us.settings import site_settings
from sitedata import ROOT, mkdocs_config

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
TEMPLATE = (ROOT / "docs" / "_template.md").read_text(encoding="utf-8")
CHECKS = site_settings(mkdocs_config()["extra"]).checks


def _section(text: str, heading: str) -> str:
    start = text.index(heading)
    end = text.find("\n#", start + len(heading))
    return text[start:end if end > 0 else None]


def _rules_the_build_reports() -> set[str]:
    """Every rule name a finding of the build can carry: the checks' RULE constants, and the few hooks that
    name theirs where they report (`Finding(path, None, None, "rule", ...)`)."""
    found: set[str] = set()
    for path in (ROOT / "hooks").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        found.update(re.findall(r'^\w*RULE\w* = "([a-z-]+)"', source, re.MULTILINE))
        found.update(re.findall(r'Finding\(\s*[^()]*?, None, None, "([a-z-]+)"', source))
    return found


def test_every_rule_contributing_explains_is_one_the_build_reports_and_the_other_way_round():
    table = _section(GUIDE, "## What the checks say, and how to fix it")
    explained = set(re.findall(r"^\| `([a-z-]+)` \|", table, re.MULTILINE))
    assert explained == _rules_the_build_reports()


def test_every_article_rule_contributing_states_is_checked_by_the_build():
    needs = _section(GUIDE, "### What every article needs")
    # Each item names the rule that reports it, and that rule is one the build reports.
    items = re.findall(r"^- \*\*(.+?)\*\*(.*?)(?=^- |\Z)", needs, re.MULTILINE | re.DOTALL)
    assert len(items) == 6
    for title, text in items:
        named = re.findall(r"`([a-z-]+)`\)", title + text)
        assert named and set(named) <= _rules_the_build_reports(), title
    # With the build's own numbers.
    s = CHECKS
    assert f"**{s.article_min_words} to {s.article_max_words:,} words**" in needs
    assert f"**A reading grade of {s.readability_max_grade:g} or below**" in needs
    assert f"Above {s.readability_max_grade:g} is an error" in needs
    assert f'**A section headed "{s.get_help_heading}"** (`## {s.get_help_heading}`' in needs
    assert f"(../{s.get_help_page})" in needs
    fields = Article.model_fields
    limits = {name: {type(m).__name__: m for m in fields[name].metadata} for name in ("tags", "references")}
    assert limits["tags"]["MinLen"].min_length == 1 and limits["tags"]["MaxLen"].max_length == 6
    assert "one to six tags" in needs
    assert limits["references"]["MinLen"].min_length == 3 and "at least three references" in needs
    assert f"{SUMMARY_POINTS[0]} to {SUMMARY_POINTS[1]}\n  summary points of {SUMMARY_POINT_WORDS} words" in needs
    title, description = (_max_length(name) for name in ("title", "description"))
    assert f"a title of at most {title} characters" in needs
    assert f"a description of at most {description} characters" in needs


def _max_length(field: str) -> int:
    annotation = Article.model_fields[field]
    return next(m.max_length for m in annotation.metadata if getattr(m, "max_length", None))


@pytest.mark.parametrize("stated", [
    f"| `title` | a short, plain title, at most {_max_length('title')} characters |",
    f"| `description` | one sentence, at most {_max_length('description')} characters",
    f"not re-checked for {CHECKS.helpline_max_age_days} days",
    f"under {CHECKS.image_max_kb} KB",
    f"The next review is due {CHECKS.review_interval_days} days later, counted in days, not calendar\n   years",
    f"A review due\nwithin {CHECKS.review_warn_days} days (`review_warn_days`) prints a warning",
    f"shorter than {CHECKS.article_min_words} or longer than {CHECKS.article_max_words:,} words",
    f"reading grade is above {CHECKS.readability_max_grade:g}",
])
def test_the_numbers_contributing_states_are_the_builds(stated: str):
    assert stated in GUIDE


def test_the_template_states_the_article_rules_and_the_real_title_limit():
    s = CHECKS
    assert f"{s.article_min_words} to {s.article_max_words:,} words; a reading grade of " \
           f"{s.readability_max_grade:g} or below; a \"{s.get_help_heading}\" section with a link to Get help\nnow" \
        in TEMPLATE
    assert f"(at most {_max_length('title')} characters)" in TEMPLATE
    assert f"## {s.get_help_heading}" in TEMPLATE and f"(../{s.get_help_page})" in TEMPLATE


def test_a_new_article_adds_two_search_queries_in_the_steps_and_the_checklist():
    steps = _section(GUIDE, "## Write or change an article")
    assert re.search(r"^\d\. Add two search queries for the new article to `tests/data/search-queries\.yml`", steps,
                     re.MULTILINE)
    checklist = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "I added two search queries for it to `tests/data/search-queries.yml`" in checklist
    assert (ROOT / "tests" / "data" / "search-queries.yml").is_file()


def test_the_review_steps_name_the_command_and_the_issue_form_that_exist():
    review = " ".join(_section(GUIDE, "## Record a clinical review").split())
    assert "make review ARTICLE=" in review and "review:" in (ROOT / "Makefile").read_text(encoding="utf-8")
    form = (ROOT / ".github" / "ISSUE_TEMPLATE" / "clinical-review.yml").read_text(encoding="utf-8")
    name = re.search(r"^name: (.+)$", form, re.MULTILINE).group(1)
    assert f'"{name}"' in review
    for field in ("reviewer", "article", "date", "decision", "notes"):
        assert f"id: {field}\n" in form, field
