"""The editor's report (`make report`): every article and helpline entry as Markdown tables, with totals.

It reads the files the build reads and calls the functions the checks call (front matter and its review
state, word count, reading grade, helpline dates), once each; it builds nothing and needs no network.

    PYTHONPATH=hooks .venv/bin/python -m between_us.editors_report [--root .] [--today YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import helplines
from .content import ContentFile, Rules, SourceFile, describe_file
from .readability import reading_grade
from .reviews import ReviewPolicy
from .settings import read_mkdocs_yml, site_settings


@dataclass(frozen=True)
class ArticleRow:
    path: str
    topic: str
    words: int
    grade: float
    references: int
    review: str
    next_due: str
    updated: str
    problems: int  # the front matter's findings: errors and warnings (`make check` lists them)
    reviewed: bool = False
    due_soon: bool = False
    overdue: bool = False


@dataclass(frozen=True)
class HelplineRow:
    id: str
    verified: dt.date
    days_until_stale: int


def _article_row(content: ContentFile, grade: float, shown: str, policy: ReviewPolicy) -> ArticleRow:
    meta, status = content.meta, content.review
    references = meta.get("references")
    return ArticleRow(
        path=shown,
        topic=str(meta.get("topic", "?")),
        words=content.words,
        grade=grade,
        references=len(references) if isinstance(references, list) else 0,
        review=status.label(policy.warn_days) if status else "?",
        next_due=str(status.next) if status and status.next else "-",
        updated=str(meta.get("updated", "?")),
        problems=sum(1 for f in content.findings if f.level != "info"),
        reviewed=bool(status and status.state == "reviewed"),
        due_soon=bool(status and status.due_within(policy.warn_days)),
        overdue=bool(status and status.overdue),
    )


def article_rows(root: Path, docs_dir: str, rules: Rules, policy: ReviewPolicy) -> list[ArticleRow]:
    """One row per article, by path."""
    docs = root / docs_dir
    rows = []
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        source = SourceFile(path, src, path.relative_to(root).as_posix())
        content = describe_file(source, rules.known_tags, policy)
        if content.kind != "article":
            continue
        rows.append(_article_row(content, reading_grade(source.read().body), source.shown_path, policy))
    return rows


def helpline_rows(data: helplines.HelplineData, today: dt.date, max_age_days: int) -> list[HelplineRow]:
    """One row per entry the helpline check dates: each line and each region's emergency numbers."""
    return [HelplineRow(entry, verified, helplines.days_until_stale(verified, today, max_age_days))
            for entry, verified, _ in helplines.dated_entries(data)]


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(articles: Sequence[ArticleRow], lines: Sequence[HelplineRow], today: dt.date, warn_days: int) -> str:
    reviewed = [a for a in articles if a.reviewed]
    overdue = [a for a in articles if a.overdue]
    due_soon = [a for a in articles if a.due_soon]
    stale = [h for h in lines if h.days_until_stale < 0]
    grades = [a.grade for a in articles]
    parts = [
        f"# Between Us: editor's report, {today}",
        "## Articles",
        _table(["path", "topic", "words", "reading grade", "references", "review", "next review due", "last updated"],
               [[a.path, a.topic, a.words, a.grade, a.references, a.review, a.next_due, a.updated] for a in articles]),
        "## Helplines",
        _table(["id", "verified", "days until stale"],
               [[h.id, h.verified, h.days_until_stale if h.days_until_stale >= 0 else f"{h.days_until_stale} (stale)"]
                for h in lines]),
        "## Totals",
        _table(["what", "count"], [
            ["articles", len(articles)],
            ["words", sum(a.words for a in articles)],
            ["highest reading grade", max(grades) if grades else "-"],
            ["reviewed", len(reviewed)],
            ["review pending", len(articles) - len(reviewed)],
            [f"review due within {warn_days} days", len(due_soon)],
            ["review overdue", len(overdue)],
            ["helpline entries", len(lines)],
            ["helpline entries stale", len(stale)],
            ["articles with front-matter problems (`make check`)", sum(1 for a in articles if a.problems)],
        ]),
    ]
    return "\n\n".join(parts) + "\n"


def report(root: Path, today: dt.date) -> str:
    config = read_mkdocs_yml((root / "mkdocs.yml").read_text(encoding="utf-8"))
    checks = site_settings(config.get("extra") or {}).checks
    rules = Rules.load(root / "data", checks)
    policy = rules.review_policy(today)
    articles = article_rows(root, config.get("docs_dir", "docs"), rules, policy)
    lines = helpline_rows(helplines.load(root / "data" / "helplines.yml"), today, checks.helpline_max_age_days)
    return markdown(articles, lines, today, checks.review_warn_days)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The editor's report: every article and helpline, as Markdown.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (with mkdocs.yml)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the date to count from (default: today)")
    args = parser.parse_args(argv)
    sys.stdout.write(report(args.root.resolve(), args.today))


if __name__ == "__main__":
    main()
