"""The project's own settings, read from `extra` in mkdocs.yml as a typed, validated object."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, HttpUrl


class CheckSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # The rules every article meets (article_rules.py), in the build and in tests/test_articles.py.
    readability_max_grade: float = 8
    article_min_words: int = Field(700, gt=0)
    article_max_words: int = Field(1500, gt=0)
    # The page every article links to, and the heading of the section that holds the link.
    get_help_page: str = "get-help.md"
    get_help_heading: str = "When to get help"
    helpline_max_age_days: int = Field(180, gt=0)
    image_max_kb: int = Field(200, gt=0)
    # A review's `next` date, when the article does not set one: this many days after `on`. Days, not
    # calendar years: 730 days (two years, give or take a leap day), the same count in every check.
    review_interval_days: int = Field(730, gt=0)
    # A review due within this many days prints a warning.
    review_warn_days: int = Field(60, ge=0)
    # From this many Markdown files, the checks run in worker processes beside the build (background.py).
    parallel_min_pages: int = Field(100, ge=0)


class SiteSettings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    quick_exit_url: HttpUrl
    report_mistake_url: HttpUrl | None = None
    checks: CheckSettings = CheckSettings()


class _DefaultsLoader(yaml.SafeLoader):
    """YAML with each `!ENV [NAME, default]` read as its default."""


_DefaultsLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def read_mkdocs_yml(text: str) -> dict[str, Any]:
    """mkdocs.yml as plain data, outside MkDocs (tests, the benchmark): `!ENV` settings at their defaults."""
    return yaml.load(text, Loader=_DefaultsLoader)


def redirect_maps(plugins: Mapping[str, Any]) -> dict[str, str]:
    """mkdocs-redirects' map (old Markdown path -> new), or none when the plugin is off."""
    return dict(plugins["redirects"].config["redirect_maps"]) if "redirects" in plugins else {}


def site_settings(extra: dict[str, Any]) -> SiteSettings:
    return SiteSettings.model_validate(dict(extra))


@lru_cache(maxsize=8)  # called for every page
def project_root(config_file_path: str | None) -> Path:
    """The folder of mkdocs.yml: data/ and the URL manifest live beside it."""
    return Path(config_file_path or "mkdocs.yml").resolve().parent
