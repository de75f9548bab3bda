"""Every per-file content check, run once per Markdown file; the result also feeds hubs and related links."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .external_domains import check_external_links, load_allowed
from .findings import Finding
from .frontmatter import PageKind, check_front_matter, page_kind
from .html_safety import check_raw_html
from .images import check_images
from .language import LanguageRule, check_language, load_table
from .markdown_text import Source
from .readability import check_readability, word_count
from .settings import CheckSettings


@dataclass(frozen=True)
class Rules:
    """The reviewed data the checks read, loaded and validated once per build."""

    known_tags: frozenset[str]
    language: tuple[LanguageRule, ...]
    allowed_domains: frozenset[str]
    settings: CheckSettings

    @classmethod
    def load(cls, data_dir: Path, settings: CheckSettings) -> Rules:
        tags = yaml.safe_load((data_dir / "tags.yml").read_text(encoding="utf-8"))["tags"]
        return cls(
            known_tags=frozenset(tags),
            language=tuple(load_table(data_dir / "language.yml").rules),
            allowed_domains=load_allowed(data_dir / "allowed-domains.yml").names,
            settings=settings,
        )


@dataclass
class ContentFile:
    src_path: str  # relative to docs/, forward slashes
    kind: PageKind
    meta: dict[str, Any]
    words: int
    findings: list[Finding] = field(default_factory=list)
    allowances: list[Finding] = field(default_factory=list)


# src_path -> checked file, for the hooks that list articles (hubs, related articles, crisis lines).
# Filled once per build by the content_checks hook.
catalog: dict[str, ContentFile] = {}


def check_file(text: str, src_path: str, shown_path: str, page_dir: Path, rules: Rules) -> ContentFile:
    source = Source.parse(text)
    kind = page_kind(src_path)
    meta, findings = check_front_matter(source.front_matter, src_path, shown_path, set(rules.known_tags))
    body, first = source.body, source.body_first_line
    language, allowances = check_language(body, first, shown_path, rules.language)
    findings += language
    findings += check_raw_html(body, first, shown_path)
    findings += check_external_links(body, first, source.front_matter, shown_path, rules.allowed_domains)
    findings += check_images(body, first, shown_path, page_dir, rules.settings.image_max_kb)
    if kind == "article":
        s = rules.settings
        findings.append(check_readability(body, shown_path, s.readability_warn_grade, s.readability_max_grade))
    return ContentFile(src_path, kind, meta, word_count(body), findings, allowances)
