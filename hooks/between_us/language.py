"""Safe and non-stigmatising language: the term table (data/language.yml) matched against prose."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

from .findings import Finding, Level
from .markdown_text import Positions, mask_to_prose

RULE = "language"
ALLOWED_RULE = "language-allowed"
_ALLOW = re.compile(r"<!--\s*lint-allow:\s*(?P<reason>[^>]*?)\s*-->")


class LanguageRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    terms: list[str] = Field(min_length=1)
    prefer: str
    why: str
    level: Literal["error", "warn"]
    source: str
    # The language of the pages the rule checks: each edition's build lints with its own language's rules.
    lang: str = Field("en", pattern=r"^[a-z]{2,3}$")

    @cached_property
    def first_words(self) -> tuple[str, ...]:
        """Cheap pre-check: the rule cannot match a text that contains none of these (each term's
        longest word, so "a schizophrenic" is looked for as "schizophrenic", not "a")."""
        return tuple({max(term.lower().split(), key=len) for term in self.terms})

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        # Longest first, so "committing suicide" wins over a shorter form; any white space between words.
        forms = sorted(self.terms, key=len, reverse=True)
        words = (r"\s+".join(map(re.escape, form.split())) for form in forms)
        return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.IGNORECASE)


class LanguageTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rules: list[LanguageRule]


def load_table(path: Path) -> LanguageTable:
    return LanguageTable.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def rules_for(table: LanguageTable, lang: str) -> tuple[LanguageRule, ...]:
    return tuple(rule for rule in table.rules if rule.lang == lang)


def allowed_lines(body: str, first_line: int) -> dict[int, str]:
    """File line number -> reason, for each line that carries a lint-allow marker with a reason."""
    return {
        first_line + body.count("\n", 0, m.start()): m.group("reason")
        for m in _ALLOW.finditer(body)
        if m.group("reason")
    }


def check_language(
    body: str, first_line: int, shown_path: str, rules: Sequence[LanguageRule]
) -> tuple[list[Finding], list[Finding]]:
    """Findings for harmful terms in the prose, and (separately) the occurrences allowed by a marker."""
    prose = mask_to_prose(body)
    positions = Positions(body, first_line)
    allowed = allowed_lines(body, first_line)
    findings: list[Finding] = []
    allowances: list[Finding] = []
    lowered = prose.lower()
    for rule in rules:
        if not any(word in lowered for word in rule.first_words):
            continue
        for match in rule.pattern.finditer(prose):
            line, column = positions.at(match.start())
            term = " ".join(match.group().split())
            if line in allowed:
                allowances.append(Finding(shown_path, line, column, ALLOWED_RULE,
                                          f"'{term}' allowed: {allowed[line]}", Level.INFO))
                continue
            level = Level.ERROR if rule.level == "error" else Level.WARNING
            findings.append(Finding(shown_path, line, column, RULE,
                                    f"'{term}' -> {rule.prefer} ({rule.why}; source: {rule.source})", level))
    used = {allowance.line for allowance in allowances}
    findings += [Finding(shown_path, line, None, RULE, "this lint-allow marker allows no listed term on its line: "
                         "remove it, so every opt-out stays meaningful.", Level.WARNING)
                 for line in allowed if line not in used]
    return sorted(findings), sorted(allowances)
