"""External links in content may only point to reviewed domains (data/allowed-domains.yml)."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field

from .findings import Finding
from .markdown_text import Positions, link_targets

RULE = "external-domain"
_REFERENCE_URL = re.compile(r"^\s*(?:-\s*)?url:\s*[\"']?(?P<url>[^\"'\s#]+)")


class AllowedDomain(BaseModel):
    model_config = ConfigDict(extra="forbid")

    domain: str = Field(pattern=r"^[a-z0-9.-]+\.[a-z]{2,}$")
    kind: str
    reason: str


class AllowedDomains(BaseModel):
    model_config = ConfigDict(extra="forbid")

    domains: list[AllowedDomain]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(d.domain for d in self.domains)


def load_allowed(path: Path) -> AllowedDomains:
    return AllowedDomains.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def host_allowed(host: str, allowed: Collection[str]) -> bool:
    """A host is allowed if it is a listed domain or a subdomain of one (www.nhs.uk under nhs.uk)."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in allowed)


def _problem(url: str, allowed: Collection[str]) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    if host_allowed(parts.hostname, allowed):
        return None
    return (f"'{parts.hostname}' is not on the list of reviewed sites. Link to a health service, university, "
            "journal, government agency or helpline already listed in data/allowed-domains.yml, or propose this "
            "domain: add it there in the same pull request with its kind and a one-line reason.")


def reference_urls(front_matter: str | None) -> list[tuple[int, str]]:
    """(file line, URL) of each `url:` in the front matter; the opening `---` is line 1."""
    return [(number + 2, m.group("url")) for number, text in enumerate((front_matter or "").splitlines())
            if (m := _REFERENCE_URL.match(text))]


def check_external_links(
    body: str, first_line: int, front_matter: str | None, shown_path: str, allowed: Collection[str]
) -> list[Finding]:
    positions = Positions(body, first_line)
    located = [(*positions.at(offset), url) for offset, url in link_targets(body)]
    located += [(line, None, url) for line, url in reference_urls(front_matter)]
    return sorted(Finding(shown_path, line, column, RULE, problem)
                  for line, column, url in located if (problem := _problem(url, allowed)))
