"""Shared fixtures: throwaway sites built with the project's real config, and the real site built once."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import count
from pathlib import Path

import pytest
from between_us.readability import word_count
from between_us.reviews import text_version
from between_us.settings import site_settings
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from sitedata import DOCS, ROOT, TOPICS, is_article, mkdocs_config

MIN_WORDS = site_settings(mkdocs_config()["extra"]).checks.article_min_words
# A fixed date for throwaway builds, so their output is comparable.
SOURCE_DATE_EPOCH = "1795392000"  # 2026-11-23


@dataclass
class Build:
    returncode: int
    output: str
    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def page(self, path: str) -> HTMLParser:
        return HTMLParser(self.html(path))

    @cached_property
    def pages(self) -> dict[str, HTMLParser]:
        """Every written HTML page, parsed, by path relative to the site folder."""
        return {p.relative_to(self.site).as_posix(): HTMLParser(p.read_text(encoding="utf-8"))
                for p in sorted(self.site.rglob("*.html"))}


def site_root(root: Path, pages: dict[str, str] | None = None, *, with_articles: bool = False,
              data: dict[str, str] | None = None, config: Callable[[str], str] | None = None,
              editions: bool | None = None) -> Path:
    """A site in `root` from the project's config, theme, hooks and data; returns its mkdocs.yml.

    The docs are the project's own site pages (articles only with `with_articles`), plus `pages`
    (path under docs/ -> text), which may replace a page. `data` replaces data files by name;
    `config` edits mkdocs.yml's text. With `editions` (by default, with the articles) the other
    languages' editions are built too, from their own config and docs/<lang>/ (Spanish pages in `pages`
    are 'es/...'); without, the site is English only.
    """
    root.mkdir(parents=True, exist_ok=True)
    editions = with_articles if editions is None else editions
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not editions:
        text = re.sub(r"(?m)^ *- \{lang: (?!en\b)[a-z]+, .*\}\n", "", text)
    (root / "mkdocs.yml").write_text(config(text) if config else text, encoding="utf-8")
    for other in ROOT.glob("mkdocs.*.yml") if editions else ():
        shutil.copy(other, root / other.name)
    for shared in ("hooks", "overrides"):
        (root / shared).symlink_to(ROOT / shared)
    shutil.copytree(ROOT / "data", root / "data")
    if not with_articles:
        _drop_article_urls(root / "data" / "urls.txt")
    if not editions:  # nor the other languages' pages
        _drop_urls(root / "data" / "urls.txt", lambda url: (DOCS / url.strip("/").split("/")[0]).is_dir()
                   and (ROOT / f"mkdocs.{url.strip('/').split('/')[0]}.yml").exists())
    for name, content in (data or {}).items():
        (root / "data" / name).write_text(content, encoding="utf-8")
    skipped = [] if editions else [p.name for p in DOCS.iterdir() if (ROOT / f"mkdocs.{p.name}.yml").exists()]
    shutil.copytree(DOCS, root / "docs", ignore=lambda folder, names: [
        *(_skip_articles(folder, names) if not with_articles else []), *(skipped if Path(folder) == DOCS else [])])
    for rel, content in (pages or {}).items():
        target = root / "docs" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return root / "mkdocs.yml"


def run_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a throwaway build: a fixed date, no MkDocs 2 notice."""
    return {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true", **(env or {})}


def build_site(root: Path, pages: dict[str, str] | None = None, *, with_articles: bool = False,
               data: dict[str, str] | None = None, env: dict[str, str] | None = None,
               config: Callable[[str], str] | None = None, editions: bool | None = None) -> Build:
    """Build a site_root (strict), as `make check` does."""
    config_file = site_root(root, pages, with_articles=with_articles, data=data, config=config, editions=editions)
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(config_file)],
                            cwd=root, env=run_env(env), capture_output=True, text=True, timeout=600)
    return Build(result.returncode, result.stdout + result.stderr, root)


def _drop_article_urls(manifest: Path) -> None:
    """A site built without the articles has not published their URLs, nor their short links."""
    _drop_urls(manifest, _is_article_url)


def _drop_urls(manifest: Path, dropped: Callable[[str], bool]) -> None:
    if manifest.exists():
        lines = manifest.read_text(encoding="utf-8").splitlines()
        kept = [line for line in lines if line.startswith("#") or not dropped(line.split("->")[-1].strip())]
        manifest.write_text("\n".join(kept) + "\n", encoding="utf-8")


def _is_article_url(line: str) -> bool:
    parts = line.strip("/").split("/")
    if len(parts) == 3 and (DOCS / parts[0]).is_dir() and parts[0] not in TOPICS:  # another language: /es/...
        return not line.startswith("#") and (DOCS / parts[0] / parts[1] / f"{parts[2]}.md").exists()
    return (not line.startswith("#") and len(parts) == 2 and is_article(DOCS / parts[0] / f"{parts[1]}.md")
            and (DOCS / parts[0] / f"{parts[1]}.md").exists())


def _skip_articles(folder: str, names: list[str]) -> list[str]:
    # In docs/ and in each language's docs/<lang>/.
    return [n for n in names if n.endswith(".md") and n != "index.md" and Path(folder).name in TOPICS]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site, built once per test session (strict), with every article."""
    build = build_site(tmp_path_factory.mktemp("real-site"), with_articles=True)
    assert build.returncode == 0, f"the real site does not build:\n{build.output}"
    return build


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Build]:
    """Build a small throwaway site: make_site({"intimacy/x.md": "..."}, data=..., env=...)."""
    count = iter(range(1000))
    return lambda pages=None, **kwargs: build_site(tmp_path / f"site{next(count)}", pages, **kwargs)


# Short-link numbers for throwaway articles: far above the real ones, never two alike in a session.
_numbers = count(9001)


VERSION = "VERSION"  # in an article's `review`, the version of its text
# Plain sentences that bring a throwaway article up to the articles' minimum length.
FILLER = ("Small steps count. Talk with your partner when you both feel calm, and keep it short and kind. "
          "Say what you feel, not what they did wrong. Take a break when it gets hard, and come back to it later.\n\n")


def article(title: str = "A test article", topic: str = "intimacy", body: str | None = None, fill: bool = True,
            **fields: str) -> str:
    """A valid article's text; `fields` replace front matter lines (value '' removes the field).

    Each gets its own `id` (a short-link number not in the manifest: a warning, `make urls`). With `fill`,
    plain paragraphs after the body bring it to the minimum length (the body's lines keep their numbers).
    VERSION in a field is the version of the article's text (a review of it as it is)."""
    front = {
        "title": f'"{title}"',
        "description": '"A short description of this test article."',
        "topic": topic,
        "tags": "[closeness]",
        "date": "2026-11-01",
        "updated": "2026-11-20",
        "review": "pending",
        "summary": '["Closeness can change when you are low.", "Talk when you are both calm.", '
                   '"Help is there if you are in danger."]',
        "id": str(next(_numbers)),
        # Three lines, so that with `id` the body still starts on line 15, as tests expect.
        "references": "[{title: NHS page, publisher: NHS, url: 'https://www.nhs.uk/mental-health/'},"
                      "\n  {title: NIMH page, publisher: NIMH, url: 'https://www.nimh.nih.gov/health'},"
                      "\n  {title: CDC page, publisher: CDC, url: 'https://www.cdc.gov/mental-health/'}]",
    }
    front.update(fields)
    lines = "\n".join(f"{k}: {v}" for k, v in front.items() if v != "")
    body = body if body is not None else (
        "Feeling close to someone can change when you are low. That is common, and it can get better.\n\n"
        "## What helps\n\nTalk about it when you both feel calm. Keep it short and kind.\n\n"
        "## When to get help\n\nIf you are in danger, [get help now](../get-help.md).\n")
    while fill and word_count(body) < MIN_WORDS:
        body += "\n" + FILLER
    # A review of this very text: `review="{by: ..., on: ..., version: VERSION}"`.
    return f"---\n{lines.replace(VERSION, text_version(body))}\n---\n\n{body}"
