"""MkDocs hook: the Pagefind search index over the written site, each page's readers' words, and the
crisis phrases the search box looks for."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from between_us import findings, helplines, search
from between_us.findings import Finding
from between_us.frontmatter import tags_of
from between_us.settings import project_root
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

CRISIS_PHRASES = "search/crisis-phrases.json"
_TAG = re.compile(r"<[^>]+>")
_synonyms: search.Synonyms | None = None
_phrases: list[str] = []
_index: subprocess.Popen[str] | None = None


def on_config(config: MkDocsConfig) -> None:
    global _synonyms, _phrases
    root = project_root(config.config_file_path)
    data = root / "data"
    _synonyms, found = search.load_data(data / "search-synonyms.yml", search.Synonyms, "data/search-synonyms.yml")
    crisis, more = search.load_data(data / "crisis-terms.yml", search.CrisisTerms, "data/crisis-terms.yml")
    findings.current.add(*found, *more)
    try:
        lines = helplines.load(data / "helplines.yml")
    except (helplines.HelplineError, OSError):
        lines = None  # the crisis_lines hook reports it
    _phrases = crisis.phrases(lines) if crisis else []


def on_page_content(html: str, page: Page, **_: object) -> str:
    # Words readers use for what the page says: indexed with it, never shown (overrides/main.html). Not for
    # pages search leaves out (`search: exclude`: the tags page, the topic packs, which hold every article).
    search = page.meta.get("search")
    if _synonyms is not None and not (isinstance(search, dict) and search.get("exclude")):
        keywords = [str(k) for k in page.meta.get("keywords") or [] if isinstance(k, str)]
        text = " ".join([str(page.meta.get("title", "")), *tags_of(page.meta), _TAG.sub(" ", html)])
        page.meta["search_keywords"] = " ".join(keywords)
        page.meta["search_synonyms"] = " ".join(_synonyms.terms_for(text, keywords))
    return html


# Once every page is written. Pagefind indexes while lychee checks the links (-60); the report (-100)
# waits for it, and fails the build if it could not index.
@event_priority(-55)
def on_post_build(config: MkDocsConfig) -> None:
    global _index
    site = Path(config.site_dir)
    (site / CRISIS_PHRASES).parent.mkdir(parents=True, exist_ok=True)
    (site / CRISIS_PHRASES).write_text(json.dumps({"phrases": _phrases}, separators=(",", ":")), encoding="utf-8")
    _index = search.start_index(site)
    findings.current.expect(_finish_index)


def _finish_index() -> list[Finding]:
    global _index
    if _index is None:
        return []
    output, _ = _index.communicate()
    failed, _index = _index.returncode != 0, None
    return [Finding("site/pagefind", None, None, "search-index",
                    f"Pagefind could not index the site: {output.strip()}")] if failed else []


def on_build_error(error: Exception) -> None:
    if _index is not None:
        _index.kill()
