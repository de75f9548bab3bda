"""The site's editions, one per language (`extra.languages` in mkdocs.yml).

The first language is built by mkdocs.yml from docs/ at the site root. Each other language is an
ordinary, complete build of its own (mkdocs.<lang>.yml, INHERIT: mkdocs.yml) from docs/<lang>/,
published under /<lang>/, with its own hook state, search index and feed. The root build starts the
others once its pages are written and waits for them before it checks the whole site. A page's twin
in another edition is the file at the same path in that edition's docs folder.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import subprocess
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from .findings import Finding, Level
from .settings import Edition, site_settings
from .urls import source_to_url

RULE = "editions"
TRANSLATION_RULE = "translation"
# Set in each other edition's build, to the root build's command (`serve` or `build`): it starts none of
# its own, and a served draft's pages are served as the root's are (page_policy: no CSP, for live reload).
CHILD_ENV = "BETWEEN_US_EDITION_BUILD"
# Set in each other edition's build that starts while the root's pages are still being written: the number of
# a pipe the root closes once they are (`root_pages_written`); its link check reads them.
READY_ENV = "BETWEEN_US_ROOT_PAGES_FD"


class EditionError(ValueError):
    """A configuration that names no edition, or an edition's site_url that does not fit."""


@dataclass(frozen=True)
class Editions:
    """Every edition, and the one this build makes."""

    all: tuple[Edition, ...]
    this: Edition

    @classmethod
    def of(cls, languages: Sequence[Edition], lang: str) -> Editions:
        for edition in languages:
            if edition.lang == lang:
                return cls(tuple(languages), edition)
        listed = ", ".join(e.lang for e in languages)
        raise EditionError(f"theme.language is {lang!r}, but extra.languages in mkdocs.yml lists only {listed}: "
                           f"add {{lang: {lang}, name: ..., config: mkdocs.{lang}.yml}} there")

    @property
    def default(self) -> Edition:
        return self.all[0]

    @property
    def is_default(self) -> bool:
        return self.this == self.default

    @property
    def others(self) -> tuple[Edition, ...]:
        return tuple(e for e in self.all if e != self.this)

    def prefix(self, edition: Edition | None = None) -> str:
        """An edition's site path ('' at the root, '/es' for Spanish), without the trailing slash."""
        edition = edition or self.this
        return "" if edition == self.default else f"/{edition.lang}"

    def sub_folders(self) -> tuple[str, ...]:
        """The folders of the site (and of docs/) that other editions' builds write: none but in the root's."""
        return tuple(e.lang for e in self.all[1:]) if self.is_default else ()

    def docs_dir(self, edition: Edition, this_docs_dir: Path) -> Path:
        root = this_docs_dir if self.is_default else this_docs_dir.parent
        return root if edition == self.default else root / edition.lang

    def root_url(self, site_url: str) -> str:
        """The root edition's site_url, read from this build's (an edition's site_url ends in its folder)."""
        base = site_url if site_url.endswith("/") else site_url + "/"
        if self.is_default:
            return base
        tail = self.prefix().lstrip("/") + "/"
        if not base.endswith(tail):
            raise EditionError(f"site_url {site_url} of the {self.this.lang} edition does not end in /{tail}")
        return base.removesuffix(tail)


def for_build(config: Any) -> Editions:
    """The editions, seen from the build of `config` (MkDocs' config: its extra and theme.language)."""
    return Editions.of(site_settings(config.extra).languages, config.theme["language"])


def edition_redirects(redirect_maps: Mapping[str, str], editions: Editions) -> dict[str, str]:
    """The redirects of this edition's build, from mkdocs.yml's one map (mkdocs-redirects: old Markdown path
    -> new). Another edition's keys are its paths under '<lang>/', `es/intimacy/old.md: es/intimacy/new.md`:
    its build reads them without that folder (its docs are docs/<lang>/), and the root's build leaves them out,
    as the other edition's builds leave out the root's keys."""
    if editions.is_default:
        return {old: new for old, new in redirect_maps.items() if old.split("/")[0] not in editions.sub_folders()}
    folder = editions.this.lang + "/"
    return {old.removeprefix(folder): new.removeprefix(folder) for old, new in redirect_maps.items()
            if old.startswith(folder)}


def edition_site_url(root_url: str, prefix: str) -> str:
    """The site_url of an edition published under `prefix` of the root's: the domain is set once, in mkdocs.yml."""
    base = root_url if root_url.endswith("/") else root_url + "/"
    return base + (prefix.strip("/") + "/" if prefix else "")


def relative_href(from_url: str, to_url: str) -> str:
    """The relative link between two site paths of directory pages: '/es/' -> '/a/' gives '../a/'."""
    rel = posixpath.relpath(to_url, from_url)
    return "./" if rel == "." else rel + "/"


@dataclass(frozen=True)
class Alternate:
    """A page in one edition, as the language switch and hreflang links print it."""

    lang: str
    name: str  # the language's own name
    text: str  # the switch's words, in that language
    href: str  # relative to the page that links it
    url: str  # absolute, for hreflang and the sitemap
    twin: bool  # False: no translation of this page; the link leads to that edition's home


def alternates(editions: Editions, src_uri: str, this_docs_dir: Path, root_url: str,
               texts: Mapping[str, tuple[str, str]]) -> list[Alternate]:
    """Every edition's version of the page made from `src_uri` (this one included, first).

    `texts`: per language, the switch's words for a translated page and for its home.
    """
    page = source_to_url(src_uri)
    here = editions.prefix() + page
    found = []
    for edition in (editions.this, *editions.others):
        twin = (editions.docs_dir(edition, this_docs_dir) / src_uri).is_file() or edition == editions.this
        target = editions.prefix(edition) + (page if twin else "/")
        found.append(Alternate(edition.lang, edition.name, texts[edition.lang][0 if twin else 1],
                               relative_href(here, target), root_url + target.lstrip("/"), twin))
    return found


_ABSOLUTE_HREF = re.compile(r'(<a\s[^>]*?href=")(/(?!/)[^"]*)"')


def root_links_relative(html: str, page_url: str) -> str:
    """A page of another edition links a root edition's page by its site path ('/intimacy/x/'): written
    relative to the page, so it works under any domain and path, printed, and offline for the link check."""
    return _ABSOLUTE_HREF.sub(lambda m: f'{m.group(1)}{_relative_path(page_url, m.group(2))}"', html)


def _relative_path(from_url: str, target: str) -> str:
    path, mark, rest = target.partition("#")
    rel = relative_href(from_url, path) if path.endswith("/") else posixpath.relpath(path, from_url)
    return rel + mark + rest


_HREF = re.compile(r'(href=")([^"#?]*)((?:[#?][^"]*)?)"')


def root_pages(docs_root: Path, sub_folders: Sequence[str]) -> set[str]:
    """The site paths of the root edition's pages, from its docs folder (other editions' folders left out)."""
    return {source_to_url(path.relative_to(docs_root).as_posix()) for path in docs_root.rglob("*.md")
            if path.relative_to(docs_root).parts[0] not in sub_folders}


def fall_back_to_root(html: str, page_url: str, prefix: str, here: Collection[str], root: Collection[str],
                      site_path: str = "/") -> str:
    """In another edition, a link the theme writes to a page this edition does not have (the footer's
    Privacy, the search's A to Z, before they are translated) leads to the root edition's page.

    `page_url`: the page's site path ('/es/get-help/'); `here`: this edition's page paths; `root`: the
    root edition's; `site_path`: the path of the root's site_url, which absolute links start with."""
    def swap(match: re.Match[str]) -> str:
        href = match.group(2)
        if not href or ":" in href or href.startswith("//") or posixpath.splitext(href.rstrip("/"))[1]:
            return match.group(0)
        absolute = href.startswith("/")
        if absolute and not href.startswith(site_path):
            return match.group(0)
        joined = "/" + href.removeprefix(site_path) if absolute else posixpath.join(page_url, href)
        target = posixpath.normpath(joined).rstrip("/") + "/"
        path = target.removeprefix(prefix)
        if not target.startswith(prefix + "/") or target in here or path not in root:
            return match.group(0)
        new = site_path + path.lstrip("/") if absolute else relative_href(page_url, path)
        return f'{match.group(1)}{new}{match.group(3)}"'

    return _HREF.sub(swap, html)


# ---- the other editions' builds ---------------------------------------------------------------------

def build_command(python: str, config_file: Path, site_dir: Path, strict: bool) -> list[str]:
    return [python, "-m", "properdocs", "build", "-f", str(config_file), "--site-dir", str(site_dir),
            *(["--strict"] if strict else [])]


def start_build(command: Sequence[str], cwd: Path, root_command: str = "build",
                ready: int | None = None) -> subprocess.Popen[str]:
    """Beside the rest of the root build (the machine's other core); output kept for the end. `ready`: the
    reading end of a pipe the root closes once its pages are written (the build waits for it, `wait_for_root`)."""
    env = {**os.environ, CHILD_ENV: root_command}
    if ready is not None:
        env[READY_ENV] = str(ready)
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            pass_fds=(ready,) if ready is not None else ())


def wait_for_root() -> None:
    """In an edition's build started early: wait until the root build has written its pages (or ended)."""
    ready = os.environ.get(READY_ENV)
    if not ready:
        return
    try:
        with os.fdopen(int(ready), "rb") as pipe:
            pipe.read()  # the end of the pipe: the root closed it, or ended
    except (OSError, ValueError):  # no such pipe (the variable came from elsewhere): nothing to wait for
        pass
    os.environ.pop(READY_ENV, None)


def finish_build(process: subprocess.Popen[str], edition: Edition) -> tuple[str, list[Finding]]:
    """Wait for an edition's build: its output, and an error when it failed."""
    output, _ = process.communicate()
    if process.returncode == 0:
        return output, []
    return output, [Finding(str(edition.config), None, None, RULE,
                            f"the {edition.name} edition ({edition.lang}) did not build (exit {process.returncode}): "
                            f"its build's output is above, after 'Building the {edition.lang} edition'. Fix what it "
                            f"lists, or run `properdocs build -f {edition.config}` alone to see it.")]


# ---- translations -------------------------------------------------------------------------------------

class TranslationState(Enum):
    """An article of another edition against its English twin; the value is how `make report` says it."""

    NOT_A_TRANSLATION = "not a translation (its own id)"
    NO_TWIN = "no English article at its path"
    WRONG_ID = "translation_of is not the English article's id"
    OUT_OF_DATE = "out of date: the English changed after it"
    CURRENT = "up to date"


def translation_state(meta: Mapping[str, Any], twin: Mapping[str, Any] | None) -> TranslationState:
    """Whether a translated article names its English twin's `id`, and was made after the twin's last update."""
    if meta.get("translation_of") is None:
        return TranslationState.NOT_A_TRANSLATION
    if twin is None:
        return TranslationState.NO_TWIN
    if twin.get("id") != meta.get("translation_of"):
        return TranslationState.WRONG_ID
    updated, translated = twin.get("updated"), meta.get("translated")
    if isinstance(updated, dt.date) and isinstance(translated, dt.date) and updated > translated:
        return TranslationState.OUT_OF_DATE
    return TranslationState.CURRENT


def translation_findings(meta: Mapping[str, Any], lines: Mapping[str, int], shown: str, twin: Mapping[str, Any] | None,
                         twin_shown: str, strict: bool = False) -> list[Finding]:
    """A translated article against its English twin (the file at the same path in docs/): it names the
    twin's `id`, and the build says when the English was updated after the translation was made."""
    state, number, line = translation_state(meta, twin), meta.get("translation_of"), lines.get("translation_of")
    twin = twin or {}
    if state is TranslationState.NO_TWIN:
        return [Finding(shown, line, None, TRANSLATION_RULE,
                        f"`translation_of: {number}`, but there is no English article at {twin_shown}: a translation "
                        "has its English article's path, in the language's folder.")]
    if state is TranslationState.WRONG_ID:
        return [Finding(shown, line, None, TRANSLATION_RULE,
                        f"`translation_of: {number}`, but {twin_shown}, the English article at the same path, has "
                        f"`id: {twin.get('id')}`: write translation_of: {twin.get('id')}.")]
    if state is TranslationState.OUT_OF_DATE:
        updated = twin.get("updated")
        return [Finding(shown, lines.get("translated"), None, TRANSLATION_RULE,
                        f"the English article changed after this translation ({twin_shown} updated {updated}, "
                        f"translated: {meta.get('translated')}): update the translation, then set translated: "
                        f"{updated}.", Level.ERROR if strict else Level.WARNING)]
    return []
