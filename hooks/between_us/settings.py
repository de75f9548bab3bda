"""The project's own settings, read from `extra` in mkdocs.yml as a typed, validated object."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, field_validator


class CheckSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # The rules every article meets (article_rules.py), in the build and in tests/test_articles.py.
    readability_max_grade: float = 8
    article_min_words: int = Field(700, gt=0)
    article_max_words: int = Field(1500, gt=0)
    # The page every article links to, and the heading of the section that holds the link.
    get_help_page: str = "get-help.md"
    get_help_heading: str = "When to get help"
    # Spanish prose: Fernández Huerta reading ease (higher is easier). Its scale calls 70-80 "bastante
    # fácil" (fairly easy, the goal: the English grade 8 is Flesch's "fairly easy" too) and 60-70
    # "normal", so below 70 warns and below 60 fails.
    readability_warn_below_ease: float = 70
    readability_min_ease: float = 60
    helpline_max_age_days: int = Field(180, gt=0)
    image_max_kb: int = Field(200, gt=0)
    # A review's `next` date, when the article does not set one: this many days after `on`. Days, not
    # calendar years: 730 days (two years, give or take a leap day), the same count in every check.
    review_interval_days: int = Field(730, gt=0)
    # A review due within this many days prints a warning.
    review_warn_days: int = Field(60, ge=0)
    # From this many Markdown files, the checks run in worker processes beside the build (background.py).
    parallel_min_pages: int = Field(100, ge=0)


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)


def _contact(value: str) -> str:
    if value and not (_EMAIL.fullmatch(value) or value.startswith("https://")):
        raise ValueError("write an email address (safety@your-domain) or an https:// address of a private form")
    return value


class Edition(BaseModel):
    """One language of the site (`extra.languages`): the first is at the site root, built by mkdocs.yml;
    each other is built by its own `config` from docs/<lang>/ and published under /<lang>/."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: str = Field(pattern=r"^[a-z]{2,3}$")
    name: str = Field(min_length=1)  # in the language itself: "Español"
    config: str | None = Field(None, pattern=r"^mkdocs\.[a-z]{2,3}\.yml$")


class SiteSettings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    quick_exit_url: HttpUrl
    report_mistake_url: HttpUrl | None = None
    # A private route to report a safety problem (a wrong number, unsafe advice) without a public issue:
    # an email address or a private form's https:// address. Empty until the site's owners set one.
    safety_contact: Annotated[str, AfterValidator(_contact)] = ""
    checks: CheckSettings = CheckSettings()
    languages: list[Edition] = Field([Edition(lang="en", name="English")], min_length=1)

    @field_validator("languages")
    @classmethod
    def _editions(cls, languages: list[Edition]) -> list[Edition]:
        first, *others = languages
        if first.config is not None:
            raise ValueError(f"the first language ({first.lang}) is the one mkdocs.yml builds: give it no `config`")
        for edition in others:
            if edition.config != f"mkdocs.{edition.lang}.yml":
                raise ValueError(f"language {edition.lang} needs `config: mkdocs.{edition.lang}.yml`, the file "
                                 "that builds it (INHERIT: mkdocs.yml)")
        langs = [edition.lang for edition in languages]
        if len(set(langs)) != len(langs):
            raise ValueError(f"each language is listed once: {', '.join(langs)}")
        return languages

    @property
    def safety_contact_href(self) -> str:
        """The contact as a link: mailto: for an address."""
        contact = self.safety_contact
        return f"mailto:{contact}" if contact and not contact.startswith("https://") else contact


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


# Domains kept for examples and tests (RFC 2606), and this machine: a site published there is not ready.
_EXAMPLE_HOST = re.compile(r"(^|\.)(example(\.(com|net|org))?|test|invalid|localhost)$|^127\.")


def not_ready_to_publish(config: dict[str, Any]) -> list[str]:
    """What must be set in mkdocs.yml before the site goes live (a deploy fails on any; a build warns)."""
    problems = []
    host = urlsplit(str(config.get("site_url") or "")).hostname or ""
    if not host or _EXAMPLE_HOST.search(host):
        problems.append(f"site_url is {config.get('site_url')!r}, an example address: set the site's real address "
                        "(canonical links, the feeds, printed addresses and QR codes use it)")
    if not site_settings(config.get("extra") or {}).safety_contact:
        problems.append("extra.safety_contact is not set: give a private email address or https:// form where "
                        "anyone can report a safety problem (a wrong number, unsafe advice) without a public issue")
    return problems
