"""The editor's report (`make report`): every article and helpline entry as Markdown tables, with totals,
and each other edition's articles with the state of their translation (`extra.languages`).

It reads the files the build reads and calls the functions the checks call (front matter and its review
state, word count, reading level, helpline dates, a translation against its English twin), once each; it
builds nothing and needs no network.

    PYTHONPATH=hooks .venv/bin/python -m between_us.editors_report [--root .] [--today YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import helplines
from .content import ContentFile, Rules, SourceFile, describe_file
from .editions import TranslationState, translation_state
from .readability import reading_ease_es, reading_grade
from .reviews import ReviewPolicy
from .settings import Edition, read_mkdocs_yml, site_settings


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


@dataclass(frozen=True)
class TranslationRow:
    article: ArticleRow  # `grade` is the language's own measure (Spanish: Fernández Huerta reading ease)
    english: str  # the English twin's path, or "-"
    translated: str
    english_updated: str
    state: TranslationState


def _reading_level(lang: str) -> tuple[str, Callable[[str], float]]:
    """The name and the measure of the build's readability check for the language (article_rules.check_article)."""
    return ("reading ease (Fernández Huerta)", reading_ease_es) if lang == "es" else ("reading grade", reading_grade)


def _described(root: Path, docs: Path, rules: Rules, policy: ReviewPolicy,
               skipped: Collection[str] = ()) -> list[tuple[SourceFile, ContentFile]]:
    """Every article under `docs`, by path, but in the `skipped` folders (other editions')."""
    found = []
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        if src.split("/")[0] in skipped:
            continue
        source = SourceFile(path, src, path.relative_to(root).as_posix())
        content = describe_file(source, rules.known_tags, policy)
        if content.kind == "article":
            found.append((source, content))
    return found


def article_rows(described: Sequence[tuple[SourceFile, ContentFile]], lang: str,
                 policy: ReviewPolicy) -> list[ArticleRow]:
    """One row per article, by path."""
    _, measure = _reading_level(lang)
    return [_article_row(content, measure(source.read().body), source.shown_path, policy)
            for source, content in described]


def translation_rows(described: Sequence[tuple[SourceFile, ContentFile]], lang: str, policy: ReviewPolicy,
                     english: Mapping[str, ContentFile], english_docs: str) -> list[TranslationRow]:
    """One row per article of another edition, with its English twin (`english`, by path under docs/)."""
    rows = []
    for row, (source, content) in zip(article_rows(described, lang, policy), described, strict=True):
        twin = english.get(source.src_path)
        rows.append(TranslationRow(row, f"{english_docs}/{source.src_path}" if twin else "-",
                                   str(content.meta.get("translated", "-")),
                                   str(twin.meta.get("updated", "?")) if twin else "-",
                                   translation_state(content.meta, twin.meta if twin else None)))
    return rows


def helpline_rows(data: helplines.HelplineData, today: dt.date, max_age_days: int) -> list[HelplineRow]:
    """One row per entry the helpline check dates: each line and each region's emergency numbers."""
    return [HelplineRow(entry, verified, helplines.days_until_stale(verified, today, max_age_days))
            for entry, verified, _ in helplines.dated_entries(data)]


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _translations(edition: Edition, rows: Sequence[TranslationRow], english: int) -> tuple[str, list[list[object]]]:
    """An edition's section, and its lines of the totals."""
    measure, _ = _reading_level(edition.lang)
    section = "\n\n".join([
        f"## {edition.name} ({edition.lang})",
        "Each translated article says on its page that no one fluent in both languages has checked it yet.",
        _table(["path", "English article", "words", measure, "review", "translated", "English updated", "translation"],
               [[r.article.path, r.english, r.article.words, r.article.grade, r.article.review, r.translated,
                 r.english_updated, r.state.value] for r in rows]),
    ])
    twins = sum(1 for r in rows if r.english != "-")
    totals: list[list[object]] = [
        [f"{edition.lang}: articles", len(rows)],
        [f"{edition.lang}: English articles not yet translated", english - twins],
        [f"{edition.lang}: translations out of date", sum(1 for r in rows if r.state is TranslationState.OUT_OF_DATE)],
        [f"{edition.lang}: translations that do not match their English article",
         sum(1 for r in rows if r.state in (TranslationState.NO_TWIN, TranslationState.WRONG_ID))],
        [f"{edition.lang}: reviewed", sum(1 for r in rows if r.article.reviewed)],
        [f"{edition.lang}: articles with front-matter problems (`make check`)",
         sum(1 for r in rows if r.article.problems)],
    ]
    return section, totals


def markdown(articles: Sequence[ArticleRow], lines: Sequence[HelplineRow], today: dt.date, warn_days: int,
             editions: Sequence[tuple[Edition, Sequence[TranslationRow]]] = ()) -> str:
    reviewed = [a for a in articles if a.reviewed]
    overdue = [a for a in articles if a.overdue]
    due_soon = [a for a in articles if a.due_soon]
    stale = [h for h in lines if h.days_until_stale < 0]
    grades = [a.grade for a in articles]
    sections = [_translations(edition, rows, len(articles)) for edition, rows in editions]
    parts = [
        f"# Between Us: editor's report, {today}",
        "## Articles",
        _table(["path", "topic", "words", "reading grade", "references", "review", "next review due", "last updated"],
               [[a.path, a.topic, a.words, a.grade, a.references, a.review, a.next_due, a.updated] for a in articles]),
        "## Helplines",
        _table(["id", "verified", "days until stale"],
               [[h.id, h.verified, h.days_until_stale if h.days_until_stale >= 0 else f"{h.days_until_stale} (stale)"]
                for h in lines]),
        *(section for section, _ in sections),
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
            *(line for _, totals in sections for line in totals),
        ]),
    ]
    return "\n\n".join(parts) + "\n"


def report(root: Path, today: dt.date) -> str:
    config = read_mkdocs_yml((root / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = site_settings(config.get("extra") or {})
    checks, (default, *others) = settings.checks, settings.languages
    docs_dir = config.get("docs_dir", "docs")
    rules = Rules.load(root / "data", checks)  # the front matter's rules, the same in every language
    policy = rules.review_policy(today)
    # Each other edition's docs/<lang>/ is its own build's (hooks/editions.py), not the root's.
    described = _described(root, root / docs_dir, rules, policy, [e.lang for e in others])
    articles = article_rows(described, default.lang, policy)
    english = {source.src_path: content for source, content in described}
    editions = [(edition, translation_rows(_described(root, root / docs_dir / edition.lang, rules, policy),
                                           edition.lang, policy, english, docs_dir)) for edition in others]
    lines = helpline_rows(helplines.load(root / "data" / "helplines.yml"), today, checks.helpline_max_age_days)
    return markdown(articles, lines, today, checks.review_warn_days, editions)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The editor's report: every article and helpline, as Markdown.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (with mkdocs.yml)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the date to count from (default: today)")
    args = parser.parse_args(argv)
    sys.stdout.write(report(args.root.resolve(), args.today))


if __name__ == "__main__":
    main()
