"""Every per-file content check, run once per Markdown file; the front matter also feeds hubs and related links."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .article_rules import check_article
from .background import Pending
from .external_domains import check_external_links, load_allowed
from .findings import Finding
from .frontmatter import PageKind, check_front_matter, drop_unusable_dates, page_kind
from .html_safety import check_raw_html
from .images import check_images
from .language import LanguageRule, check_language, load_table, rules_for
from .markdown_text import Source
from .placeholders import check_placeholders, load_template
from .readability import word_count
from .reviews import (
    Reviewer,
    ReviewPolicy,
    ReviewStatus,
    load_reviewers,
    review_findings,
    status_of,
    text_version,
)
from .settings import CheckSettings


@dataclass(frozen=True)
class Rules:
    """The reviewed data the checks read, loaded and validated once per build."""

    known_tags: frozenset[str]
    language: tuple[LanguageRule, ...]
    allowed_domains: frozenset[str]
    settings: CheckSettings
    # data/reviewers.yml by id, and its problems (named by line and field; the file then counts as empty).
    reviewers: Mapping[str, Reviewer] = field(default_factory=dict)
    data_findings: tuple[Finding, ...] = ()
    # docs/_template.md's front matter: an article that keeps its placeholders was copied and not filled in.
    template: Mapping[str, Any] = field(default_factory=dict)

    lang: str = "en"  # the language of the pages checked: the language table's rules and the reading measure

    @classmethod
    def load(cls, data_dir: Path, settings: CheckSettings, template: Path | None = None, lang: str = "en") -> Rules:
        tags = yaml.safe_load((data_dir / "tags.yml").read_text(encoding="utf-8"))["tags"]
        allowed = load_allowed(data_dir / "allowed-domains.yml").names
        reviewers, problems = load_reviewers(data_dir / "reviewers.yml", allowed)
        return cls(
            known_tags=frozenset(tags),
            language=rules_for(load_table(data_dir / "language.yml"), lang),
            allowed_domains=allowed,
            settings=settings,
            reviewers=reviewers,
            data_findings=tuple(problems),
            template=load_template(template) if template else {},
            lang=lang,
        )

    def review_policy(self, today: dt.date, strict: bool = False) -> ReviewPolicy:
        s = self.settings
        return ReviewPolicy(dict(self.reviewers), today, s.review_interval_days, s.review_warn_days, strict)


@dataclass
class ContentFile:
    """What the listings need of a page (its kind, front matter and length) and its front matter's findings."""

    src_path: str  # relative to docs/, forward slashes
    kind: PageKind
    meta: dict[str, Any]
    words: int
    findings: list[Finding] = field(default_factory=list)
    review: ReviewStatus | None = None  # articles with a usable `review:`
    key_lines: dict[str, int] = field(default_factory=dict)  # front-matter key -> its file line


@dataclass(frozen=True)
class BodyFindings:
    findings: list[Finding]
    allowances: list[Finding]  # terms a lint-allow marker lets through: listed, never failing


@dataclass(frozen=True)
class SourceFile:
    """Where a Markdown file is, and the names it goes by."""

    path: Path
    src_path: str  # relative to docs/, forward slashes: decides the page kind
    shown_path: str  # relative to the repository: what findings print

    def read(self) -> Source:
        return Source.parse(self.path.read_text(encoding="utf-8"))


def key_lines(front_matter: str | None) -> dict[str, int]:
    """The file line of each top-level front-matter key (the opening `---` is line 1)."""
    found: dict[str, int] = {}
    for number, text in enumerate((front_matter or "").splitlines()):
        if match := re.match(r"([A-Za-z_][\w-]*)\s*:", text):
            found.setdefault(match.group(1), number + 2)
    return found


def describe_file(source: SourceFile, known_tags: frozenset[str], reviews: ReviewPolicy | None = None) -> ContentFile:
    """The front matter, validated, its review state, and the word count: cheap, and needed by the hubs,
    related links, packs and the editor's report. Without `reviews`, reviewer ids are not checked."""
    text = source.read()
    kind = page_kind(source.src_path)
    policy = reviews or ReviewPolicy()
    meta, findings = check_front_matter(text.front_matter, source.src_path, source.shown_path, set(known_tags),
                                        reviewers=policy.reviewers if reviews else None, today=policy.today)
    drop_unusable_dates(meta)
    status = status_of(meta, policy, text_version(text.body)) if kind == "article" else None
    lines = key_lines(text.front_matter)
    findings += review_findings(status, source.shown_path, lines.get("review"), policy)
    return ContentFile(source.src_path, kind, meta, word_count(text.body), findings, status, lines)


def check_body(source: SourceFile, rules: Rules) -> BodyFindings:
    """Every check of the Markdown body: language, raw HTML, external links, images; for an article, the
    article rules (length, reading grade, "When to get help" and its link) and the template's placeholders."""
    text = source.read()
    body, first, shown = text.body, text.body_first_line, source.shown_path
    findings, allowances = check_language(body, first, shown, rules.language)
    findings += check_raw_html(body, first, shown)
    findings += check_external_links(body, first, text.front_matter, shown, rules.allowed_domains)
    findings += check_images(body, first, shown, source.path.parent, rules.settings.image_max_kb)
    if page_kind(source.src_path) == "article":
        findings += check_article(body, first, source.src_path, shown, rules.settings, rules.lang)
        findings += check_placeholders(text.front_matter, rules.template, shown)
    return BodyFindings(findings, allowances)


# Batched forms of the two, for background.Background.map (a worker process runs a batch at a time).
def describe_files(sources: Sequence[SourceFile], known_tags: frozenset[str],
                   reviews: ReviewPolicy | None = None) -> list[ContentFile]:
    return [describe_file(source, known_tags, reviews) for source in sources]


def check_bodies(sources: Sequence[SourceFile], rules: Rules) -> list[BodyFindings]:
    return [check_body(source, rules) for source in sources]


class Catalog:
    """Every Markdown file's ContentFile by source path, for the hooks that list articles.

    Filled once per build from background work; the first reader waits for it.
    """

    def __init__(self) -> None:
        self._pending: Pending[ContentFile] | None = None
        self._files: dict[str, ContentFile] | None = None

    def expect(self, pending: Pending[ContentFile]) -> None:
        self._pending, self._files = pending, None

    def files(self) -> dict[str, ContentFile]:
        if self._files is None:
            described = self._pending.result() if self._pending else []
            self._files = {f.src_path: f for f in described}
        return self._files

    def files_if_read(self) -> dict[str, ContentFile] | None:
        """The files, or None when the checks could not read them (the content checks hook reports why):
        for the hooks that only act on what was read."""
        try:
            return self.files()
        except Exception:
            return None


catalog = Catalog()
