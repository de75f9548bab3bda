"""Stable URLs: every address we ever published must still answer, as a page or a redirect."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .findings import Finding, Level

RULE = "stable-urls"
RULE_SHORT = "short-links"

HEADER = (
    "# Every URL this site has published, one per line (site-relative). Clinics print and bookmark\n"
    "# these: a URL listed here must stay a page or become a redirect (plugins.redirects in mkdocs.yml).\n"
    "# Do not edit by hand: `make urls` adds the URLs of new pages; nothing ever removes one.\n"
)


def updating_manifest(environ: Mapping[str, str]) -> bool:
    """Whether this build adds new pages' URLs and short links to data/urls.txt (`make urls`)."""
    return environ.get("UPDATE_URL_MANIFEST", "") not in ("", "0")


def read_manifest(path: Path) -> list[str]:
    """The addresses of pages (short links are read by read_short_links)."""
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#") and "->" not in line]


def write_manifest(path: Path, urls: Iterable[str], short_links: Mapping[int, str] | None = None,
                   prefix: str = "") -> None:
    """Write the page addresses, then the short links: those already in the file, with the edition under
    `prefix` ('' or '/es') updated by `short_links` (a number is never dropped)."""
    links = _all_short_links(path)
    links.update({(prefix, number): target for number, target in (short_links or {}).items()})
    text = HEADER + "".join(f"{url}\n" for url in sorted(set(urls)))
    if links:
        text += "\n" + SHORT_HEADER + "".join(f"{short_url(n, p)}{_ARROW}{links[p, n]}\n" for p, n in sorted(links))
    path.write_text(text, encoding="utf-8")


def in_edition(url: str, prefix: str, sub_folders: Iterable[str] = ()) -> bool:
    """Whether a site address belongs to the edition published under `prefix` ('' or '/es'): the root
    edition's are all those not under another edition's folder (`sub_folders`)."""
    if prefix:
        return url.startswith(prefix + "/")
    return not any(url.startswith(f"/{folder}/") for folder in sub_folders)


def site_url(page_url: str) -> str:
    """MkDocs page URL ('./', 'intimacy/a/') as a site-relative address ('/', '/intimacy/a/')."""
    return "/" + page_url.removeprefix("./").lstrip("/")


def source_to_url(src_path: str) -> str:
    """The address a Markdown path is published at, with directory URLs: 'a/b.md' -> '/a/b/'."""
    path = PurePosixPath(src_path)
    parts = list(path.parent.parts) if path.stem in ("index", "README") else [*path.parent.parts, path.stem]
    return "/" + "".join(f"{part}/" for part in parts if part not in ("", "."))


def redirected_urls(redirect_maps: Mapping[str, str]) -> set[str]:
    return {source_to_url(old) for old in redirect_maps}


def missing_urls(manifest: Iterable[str], published: set[str], redirected: set[str]) -> list[str]:
    return sorted(url for url in manifest if url not in published and url not in redirected)


def unlisted_urls(manifest: Iterable[str], published: set[str]) -> list[str]:
    return sorted(published - set(manifest))


def added_summary(shown_manifest: str, what: str, added: Sequence[str]) -> str:
    """What `make urls` wrote: 'data/urls.txt: added 2 page addresses: /a/, /b/', or that nothing was new."""
    if not added:
        return f"{shown_manifest}: no new {what} to add."
    plural = "" if len(added) == 1 else "es" if what.endswith("s") else "s"
    return f"{shown_manifest}: added {len(added)} {what}{plural}: {', '.join(added)}."


# ---- short links --------------------------------------------------------------------------------
# Each article has a permanent number (`id:` in its front matter); /a/<id>/ redirects to it, and the
# handout prints that short address for a patient to type. The manifest records each number with the
# article's address under a second heading, as `/a/<id>/ -> /topic/article/`; a number stays there
# for good, so it is never given to another article.

SHORT_PREFIX = "/a/"
_ARROW = " -> "
SHORT_HEADER = (
    "# Short links: /a/<id>/ -> the address of the article whose front matter has `id: <id>`. A number is\n"
    "# never reused: when an article is removed, its number stays here, reserved, and leads where its\n"
    "# address now redirects. `make urls` adds the short links of new articles.\n"
)


def article_number(meta: Mapping[str, object]) -> int | None:
    """An article's `id:` (a translation's `translation_of:`, its English twin's) when it is usable (a whole
    number above 0); the front-matter check names any other."""
    number = meta.get("id", meta.get("translation_of"))
    return number if isinstance(number, int) and not isinstance(number, bool) and number > 0 else None


def short_url(number: int, prefix: str = "") -> str:
    """/a/<number>/, or /es/a/<number>/ in the edition under '/es' (numbered by `translation_of`)."""
    return f"{prefix}{SHORT_PREFIX}{number}/"


def printed_address(site_url: str | None, path: str) -> str:
    """A site address as paper prints it, without the scheme, to be typed: 'example.org/get-help/'."""
    return re.sub(r"^https?://", "", (site_url or "").rstrip("/")) + "/" + path.lstrip("/")


def short_link_url(site_url: str, number: int) -> str:
    """The short link as a full address, for its QR code: 'https://example.org/a/7/'."""
    return site_url.rstrip("/") + short_url(number)


def printed_short_link(site_url: str | None, number: int) -> str:
    """The short link as a handout prints it: 'example.org/a/7/'."""
    return printed_address(site_url, short_url(number))


def short_link_page(number: int, target: str, title: str, lang: str = "en") -> str:
    """/a/<number>/: a page that sends the reader on to `target` (site-relative), keeping what a clinic's
    link carried after the address (`?region=uk`, `#a-heading`). A script adds both; without scripts the
    refresh cannot carry them, and lands on the page, whose crisis lines are all shown. The crisis_lines
    hook gives this page its crisis block too (a page without the refresh, in a browser that stops it)."""
    href = "../" * short_url(number).strip("/").count("/") + "../" + target.lstrip("/")
    # Site paths are slugs; still, nothing in the script can close it.
    script = json.dumps(href).replace("<", "\\u003c")
    return (
        f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        f'<link rel="canonical" href="{html.escape(href)}">\n'
        f"<script>location.replace({script}+location.search+location.hash)</script>\n"
        f'<meta http-equiv="refresh" content="0; url={html.escape(href)}">\n'
        f'</head>\n<body>\n<p><a href="{html.escape(href)}">{html.escape(title)}</a></p>\n</body>\n</html>\n'
    )


def host_redirects(short_links: Mapping[int, str], redirect_maps: Mapping[str, str],
                   prefix: str = "") -> dict[str, str]:
    """What a host's redirects file sends where, for the edition under `prefix`: each short link to its article
    (`short_links`: number -> site address, prefix included), each moved page (mkdocs-redirects' map, old
    Markdown path -> new one, which may name a heading, or a full URL) to its new address."""
    def new_address(new: str) -> str:
        if new.startswith(("http://", "https://")):
            return new
        path, hash_mark, fragment = new.partition("#")
        return prefix + source_to_url(path) + hash_mark + fragment

    moved = {prefix + source_to_url(old): new_address(new) for old, new in redirect_maps.items()}
    return {**moved, **{short_url(number, prefix): target for number, target in short_links.items()}}


_SHORT_LINE = re.compile(r"\s*((?:/[a-z]{2,3})?)/a/(\d+)/\s*->\s*(\S+)\s*")


def _all_short_links(path: Path) -> dict[tuple[str, int], str]:
    if not path.exists():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    return {(m.group(1), int(m.group(2))): m.group(3) for line in lines if (m := _SHORT_LINE.fullmatch(line))}


def read_short_links(path: Path, prefix: str = "") -> dict[int, str]:
    """The manifest's short links of one edition: number -> the article address it was published for."""
    return {number: target for (edition, number), target in _all_short_links(path).items() if edition == prefix}


def write_short_links(path: Path, short_links: Mapping[int, str], prefix: str = "") -> None:
    """Record short links in the manifest, keeping its page addresses and every number it had."""
    write_manifest(path, read_manifest(path), short_links, prefix)


def next_free_number(*taken: Iterable[int]) -> int:
    return max((n for numbers in taken for n in numbers), default=0) + 1


@dataclass(frozen=True)
class ArticleId:
    """An article as the short-link check sees it."""

    shown_path: str  # what findings print
    url: str  # its address, site-relative
    number: int | None  # its `id:`; None when it has none
    line: int | None = None  # the line of `id:`, when there is one


@dataclass
class ShortLinks:
    """The outcome of the check: the redirects to write, what to record, and the problems."""

    targets: dict[int, str] = field(default_factory=dict)  # number -> the address /a/<number>/ leads to
    record: dict[int, str] = field(default_factory=dict)  # numbers to add or update in the manifest
    findings: list[Finding] = field(default_factory=list)


def resolve(url: str, redirects: Mapping[str, str]) -> str:
    """Where an address leads once its redirects are followed (a loop stops where it started)."""
    seen = {url}
    while url in redirects and redirects[url] not in seen:
        url = redirects[url]
        seen.add(url)
    return url


def check_short_links(articles: Iterable[ArticleId], manifest: Mapping[int, str], published: set[str],
                      redirects: Mapping[str, str], shown_manifest: str = "data/urls.txt",
                      unreadable: Collection[str] = (), prefix: str = "") -> ShortLinks:
    """Check every article's number against the manifest: unique, never reused, never moved to another article.

    `published` are the site's page addresses; `redirects` maps each redirected address to its target;
    `unreadable` are articles whose front matter does not parse: their numbers are unknown, not missing.
    """
    out = ShortLinks()
    articles = sorted(articles, key=lambda a: a.shown_path)
    taken = [a.number for a in articles if a.number is not None]
    suggest = next_free_number(manifest, taken)
    by_number: dict[int, ArticleId] = {}
    for article in articles:
        if article.number is None:
            out.findings.append(Finding(article.shown_path, 1, None, RULE_SHORT,
                                        f"an article needs its permanent number, `id:` (its short link /a/ID/ is "
                                        f"printed on handouts): the next free one is {suggest}."))
            suggest += 1
            continue
        first = by_number.setdefault(article.number, article)
        if first is not article:
            out.findings.append(Finding(article.shown_path, article.line, None, RULE_SHORT,
                                        f"`id: {article.number}` is already the number of {first.shown_path}. "
                                        f"Each article has its own: the next free one is {suggest}."))
            suggest += 1
            continue
        recorded = manifest.get(article.number)
        if recorded is None:
            out.record[article.number] = article.url
            out.findings.append(Finding(shown_manifest, None, None, RULE_SHORT,
                                        f"{short_url(article.number, prefix)} is the short link of a new article "
                                        f"({article.url}): run `make urls` to add it to the manifest.", Level.WARNING))
        elif recorded != article.url:
            if resolve(recorded, redirects) == article.url:
                out.record[article.number] = article.url
                out.findings.append(Finding(shown_manifest, None, None, RULE_SHORT,
                                            f"{short_url(article.number, prefix)} now leads to {article.url} "
                                            f"(moved from {recorded}, which redirects there): run `make urls` to "
                                            "record it.",
                                            Level.WARNING))
            else:
                out.findings.append(Finding(article.shown_path, article.line, None, RULE_SHORT,
                                            f"`id: {article.number}` was published for {recorded} (data/urls.txt): "
                                            "a number never moves to another article. If this article moved from "
                                            "there, add a redirect from its old path; otherwise use the next free "
                                            f"number, {suggest}."))
                suggest += 1
                continue
        out.targets[article.number] = article.url
    for number, recorded in sorted(manifest.items()):
        if number in by_number:
            continue
        if recorded in unreadable:
            out.targets[number] = recorded
            continue
        if recorded in published:
            out.findings.append(Finding(shown_manifest, None, None, RULE_SHORT,
                                        f"{short_url(number, prefix)} leads to {recorded}, which no longer has "
                                        f"`id: {number}`. "
                                        "A short link never changes: put the number back in its front matter."))
            continue
        target = resolve(recorded, redirects)
        if target in published:  # a removed article: its number stays reserved and still leads on
            out.targets[number] = target
        # else: the removed address has no redirect, which the stable-urls check reports.
    return out
