"""MkDocs hook: the Pagefind search index, each page's readers' words (in the build's language), what the
search box reads before it searches (the crisis phrases, and the small words it leaves out of a sentence),
and the vocabulary it corrects a mistyped word with.

Pagefind reads a copy of each page marked for search, as it is written, with the block only search reads
(overrides/partials/search-meta.html); the page written for readers leaves that block out."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from between_us import findings, helplines, search, search_chunks, search_vocabulary
from between_us.editions import for_build
from between_us.findings import Finding
from between_us.frontmatter import tags_of
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
_index: subprocess.Popen[str] | None = None
_staging: Path | None = None  # what Pagefind reads: the indexed pages, each with the block only search reads


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
    global _staging
    _staging = Path(tempfile.mkdtemp(prefix="between-us-search-"))  # each build (`mkdocs serve` rebuilds)


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
    if _staging is None or search.INDEXED not in output:
        return output
    served, indexed = search.split_search_only(output)
    copy = _staging / page.file.dest_uri
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(indexed, encoding="utf-8")
    return served


# As soon as every page is written, before anything else after the build: what comes later only writes
# pages search leaves out (redirect stubs, feeds). Pagefind indexes while they are written and lychee
# checks the links (-60); a thread waits for it and cuts its index. The report (-100) waits for the
# thread, and fails the build if the index could not be made.
@event_priority(90)
def on_post_build(config: MkDocsConfig) -> None:
    global _index, _staging
    site = Path(config.site_dir)
    (site / CRISIS_PHRASES).parent.mkdir(parents=True, exist_ok=True)
    (site / CRISIS_PHRASES).write_text(json.dumps(_phrases, separators=(",", ":")), encoding="utf-8")
    assert _staging is not None
    staging, _staging = _staging, None
    _index = search.start_index(staging, site / "pagefind")
    runner = ThreadPoolExecutor(1, thread_name_prefix="search-index")
    indexing = runner.submit(finish_index, _index, staging, site / "pagefind")
    runner.shutdown(wait=False)
    findings.current.expect(indexing.result)


def finish_index(process: subprocess.Popen[str], staging: Path, output: Path) -> list[Finding]:
    """Waits for Pagefind, then cuts its word index into smaller pieces (between_us/search_chunks.py) and
    writes the vocabulary of what it indexed (between_us/search_vocabulary.py) beside the crisis phrases."""
    try:
        log, _ = process.communicate()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if process.returncode != 0:
        return [_problem(f"Pagefind could not index the site: {log.strip()}")]
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


def on_build_error(error: Exception) -> None:
    global _staging
    if _index is not None and _index.poll() is None:
        _index.kill()
    if _staging is not None:  # the build failed before Pagefind started
        shutil.rmtree(_staging, ignore_errors=True)
        _staging = None
