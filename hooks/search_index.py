"""MkDocs hook: the Pagefind search index, each page's readers' words (in the build's language), what the
search box reads before it searches (the crisis phrases, and the small words it leaves out of a sentence),
and the vocabulary it corrects a mistyped word with.

Pagefind reads each page marked for search as it is written, with the block only search reads
(overrides/partials/search-meta.html), through its service (between_us/pagefind_service.py), so it indexes on
the other core while the site renders; the page written for readers leaves that block out."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from between_us import findings, helplines, search, search_chunks, search_vocabulary
from between_us.editions import for_build
from between_us.findings import Finding
from between_us.frontmatter import tags_of
from between_us.pagefind_service import IndexService, PagefindError
from between_us.settings import project_root
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

# The crisis phrases of every language, and the small words of this edition's (search.py, `Synonyms`).
CRISIS_PHRASES = "search/crisis-phrases.json"
VOCABULARY = "search/vocabulary.txt"  # fetched only when a word of a query is not in the index
_TAG = re.compile(r"<[^>]+>")
_synonyms: search.Synonyms | None = None
_phrases: dict[str, object] = {}
_index: IndexService | None = None  # this build's index, fed each page marked for search as it is written


def on_config(config: MkDocsConfig) -> None:
    global _synonyms, _phrases
    root = project_root(config.config_file_path)
    data = root / "data"
    editions = for_build(config)  # valid: the editions hook (on_config 95) has checked it
    synonyms = search.synonyms_file(editions.this.lang, editions.default.lang)
    _synonyms, found = search.load_data(root / synonyms, search.Synonyms, synonyms)
    crisis, more = search.load_data(data / "crisis-terms.yml", search.CrisisTerms, "data/crisis-terms.yml")
    findings.current.add(*found, *more)
    try:
        lines = helplines.load(data / "helplines.yml")
    except (helplines.HelplineError, OSError):
        lines = None  # the crisis_lines hook reports it
    _phrases = crisis.phrases(lines) if crisis else {"slots": {}, "any": [], "languages": {}}
    _phrases["small_words"] = _synonyms.small_words if _synonyms else []
    if crisis:
        findings.current.add(*search.languages_without_strings(crisis, data / "strings", "data/crisis-terms.yml"))


def on_pre_build(config: MkDocsConfig) -> None:
    global _index
    _stop()  # a rebuild of `mkdocs serve` after a failed one
    try:
        _index = IndexService()  # each build (`mkdocs serve` rebuilds)
    except (PagefindError, OSError) as error:
        findings.current.add(_problem(f"Pagefind could not start: {error}"))


def on_page_content(html: str, page: Page, **_: object) -> str:
    # Words readers use for what the page says: indexed with it, never shown (partials/search-meta.html). Not for
    # pages search leaves out (`search: exclude`: the tags page, the topic packs, which hold every article).
    left_out = page.meta.get("search")
    if _synonyms is not None and not (isinstance(left_out, dict) and left_out.get("exclude")):
        keywords = [str(k) for k in page.meta.get("keywords") or [] if isinstance(k, str)]
        text = " ".join([str(page.meta.get("title", "")), *tags_of(page.meta), _TAG.sub(" ", html)])
        page.meta["search_keywords"] = " ".join(keywords)
        page.meta["search_synonyms"] = " ".join(_synonyms.terms_for(text, keywords))
    return html


@event_priority(-110)  # after the page policy (-100): the page as it is written
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _index is None or search.INDEXED not in output:
        return output
    served, indexed = search.split_search_only(output)
    _index.add(page.file.dest_uri, indexed)
    return served


# As soon as every page is written, before anything else after the build: what comes later only writes
# pages search leaves out (redirect stubs, feeds). Pagefind writes its index while they are written and
# lychee checks the links (-60); a thread waits for it and cuts its index. The report (-100) waits for the
# thread, and fails the build if the index could not be made.
@event_priority(90)
def on_post_build(config: MkDocsConfig) -> None:
    global _index
    site = Path(config.site_dir)
    (site / CRISIS_PHRASES).parent.mkdir(parents=True, exist_ok=True)
    (site / CRISIS_PHRASES).write_text(json.dumps(_phrases, separators=(",", ":")), encoding="utf-8")
    if _index is None:  # it could not start: on_pre_build reported why
        return
    index, _index = _index, None
    runner = ThreadPoolExecutor(1, thread_name_prefix="search-index")
    indexing = runner.submit(finish_index, index, site / "pagefind")
    runner.shutdown(wait=False)
    findings.current.expect(indexing.result)


def finish_index(index: IndexService, output: Path) -> list[Finding]:
    """Has Pagefind write its index, then cuts its word index into smaller pieces (between_us/search_chunks.py)
    and writes the vocabulary of what it indexed (between_us/search_vocabulary.py) beside the crisis phrases."""
    try:
        index.write(output)
    except (PagefindError, OSError) as error:
        return [_problem(f"Pagefind could not index the site: {error}")]
    try:
        search_chunks.rechunk(output)
    except (search_chunks.ChunkError, OSError, ValueError) as error:
        return [_problem(f"Pagefind's index could not be cut into smaller pieces: {error}")]
    try:
        search_vocabulary.write(output, output.parent / VOCABULARY)
    except (search_chunks.ChunkError, OSError, ValueError, KeyError) as error:
        return [_problem(f"The vocabulary for mistyped words could not be read from Pagefind's pages: {error}")]
    return []


def _problem(message: str) -> Finding:
    return Finding("site/pagefind", None, None, "search-index", message)


def _stop() -> None:
    global _index
    if _index is not None:
        _index.stop()
        _index = None


def on_build_error(error: Exception) -> None:
    _stop()
