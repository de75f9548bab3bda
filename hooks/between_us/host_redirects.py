"""The `_redirects` file that Netlify and Cloudflare Pages read: a 301 from each short link and each moved
page to where it leads, answered by the host before any page loads. A server-side redirect keeps the
query string (`?region=uk`) and the browser keeps the fragment over a 3xx whose Location has none (RFC
9110, section 10.2.2), so a clinic's link keeps both with JavaScript off. GitHub Pages ignores the file:
there the redirect pages the build also writes at the same addresses do the job (DEPLOYING.md).

Both hosts read the same file but differ on one point. Netlify serves a file that exists at a rule's path
instead of applying the rule ("shadowing"), unless the rule is forced (`301!`); the redirect pages exist,
so Netlify needs the force. Cloudflare Pages always applies a rule before its files and ignores a line
whose status is not a plain number. So each redirect is written twice: forced (Netlify takes the first
rule that matches; Cloudflare skips it), then plain (Cloudflare's).

`location` answers as each host would; the local servers of the tests and of `make audit` use it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

FILE = "_redirects"
STATUS = 301
HEADER = (
    "# Written by the build (hooks/url_manifest.py): Netlify and Cloudflare Pages answer these addresses with a\n"
    "# 301 that keeps the link's query string. Each rule comes twice: `301!` for Netlify (the redirect page at\n"
    "# the same address would otherwise be served), `301` for Cloudflare Pages (which skips the line with `!`).\n"
)
Host = Literal["netlify", "cloudflare"]
HOSTS: tuple[Host, ...] = ("netlify", "cloudflare")
# The statuses Cloudflare Pages accepts; a line with any other is ignored.
_CLOUDFLARE_STATUSES = {"200", "301", "302", "303", "307", "308"}


@dataclass(frozen=True)
class Rule:
    """One line of a `_redirects` file."""

    source: str  # a site path
    target: str  # a site path or a full URL, which may carry its own query or fragment
    status: str = str(STATUS)  # as written: '301', or '301!' (forced)


def redirects_file(redirects: Mapping[str, str]) -> str:
    """The file: for each source path (site-relative, e.g. '/a/7/'), a 301 to its target."""
    lines = (f"{source} {target} {status}\n" for source, target in sorted(redirects.items())
             for status in (f"{STATUS}!", str(STATUS)))
    return HEADER + "".join(lines)


def parse(text: str) -> list[Rule]:
    """The rules of a `_redirects` file, in order: `source target [status]` (comments and blank lines skipped)."""
    rules = []
    for line in text.splitlines():
        words = line.split()
        if len(words) in (2, 3) and not words[0].startswith("#"):
            rules.append(Rule(*words))
    return rules


def redirects(rules: Iterable[Rule]) -> dict[str, str]:
    """Source -> target, as `redirects_file` takes them (the forced and plain lines of a rule are one)."""
    found: dict[str, str] = {}
    for rule in rules:
        found.setdefault(rule.source, rule.target)
    return found


def gathered(texts: Iterable[str]) -> str:
    """One file from several (each edition's build writes its own; hosts read the site root's only)."""
    merged: dict[str, str] = {}
    for text in texts:
        merged.update(redirects(parse(text)))
    return redirects_file(merged)


def location(rules: Iterable[Rule], path: str, query: str, host: Host, is_file: Callable[[str], bool]) -> str | None:
    """The Location a host answers a request for `path` (with `query`, '' when none) with, or None when no rule
    applies. `is_file(path)` says whether the site has a page or file at that path."""
    for rule in rules:
        if host == "netlify":
            # Netlify matches a rule with or without the trailing slash; an unforced rule yields to a file.
            applies = rule.source.rstrip("/") == path.rstrip("/") and (
                rule.status.endswith("!") or not is_file(path))
        else:
            applies = rule.source == path and rule.status in _CLOUDFLARE_STATUSES
        if applies:
            target, hash_mark, fragment = rule.target.partition("#")
            if query and "?" not in target:  # both hosts pass the query on unless the rule sets its own
                target += "?" + query
            return target + hash_mark + fragment
    return None
