"""MkDocs hook: crisis lines from data/helplines.yml on every written page and on the Get help now page."""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from between_us import findings, helplines, region_guess, strings, urls
from between_us.frontmatter import tags_of
from between_us.settings import project_root, site_settings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

GET_HELP_MARKER = "<!-- bu:helplines -->"
REGION_LINKS_MARKER = "<!-- bu:region-links -->"  # For clinics: the `?region=` of each region
# Where an article's template wants the short crisis box of its first printed page (one per article in a pack).
SHORT_MARKER = "<!-- bu:crisis-short -->"
_data: helplines.HelplineData | None = None
_zones: dict[str, list[str]] = {}  # each region's time zones, for the guess on the reader's device (region.js)
_given: set[str] = set()  # the pages this build wrote with the block (under the site folder): not read again


@lru_cache(maxsize=4)
def _data_in(lang: str) -> helplines.HelplineData:
    """The helplines as a page in `lang` shows them (its region names, coverages and labels)."""
    assert _data is not None
    return _data.in_language(lang)


@lru_cache(maxsize=256)  # pages at the same depth with the same topics share a block; cleared with new data
def _block(lang: str, base: str, topics: tuple[str, ...] = ()) -> str:
    return helplines.crisis_block(_data_in(lang), base, strings.current[lang], topics, _zones)


def on_config(config: MkDocsConfig) -> None:
    global _data, _zones
    _given.clear()
    path = project_root(config.config_file_path) / "data" / "helplines.yml"
    try:
        _data = helplines.load(path)
        _data_in.cache_clear()
        _block.cache_clear()
        _short.cache_clear()
    except (helplines.HelplineError, OSError) as error:
        raise PluginError(str(error)) from error
    zones, found = region_guess.load(path.with_name("time-zones.yml"), "data/time-zones.yml", _data)
    findings.current.add(*found)
    _zones = dict(zones.regions) if zones else {}
    max_age = site_settings(config.extra).checks.helpline_max_age_days
    strict = os.environ.get("STRICT_HELPLINES", "") not in ("", "0")
    shown = findings.relative(path, project_root(config.config_file_path))
    findings.current.add(*helplines.stale_entries(_data, dt.date.today(), max_age, shown, strict))
    lang = config.theme["language"]
    findings.current.add(*helplines.untranslated(_data, lang, strings.current[lang], shown))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    # Before search indexing, so searches for "988" or "Samaritans" find this page.
    lang = config.theme["language"]
    if GET_HELP_MARKER in markdown:
        markdown = markdown.replace(GET_HELP_MARKER, helplines.get_help_markdown(_data_in(lang), strings.current[lang]))
    if REGION_LINKS_MARKER in markdown:
        markdown = markdown.replace(REGION_LINKS_MARKER,
                                    helplines.region_links_markdown(_data_in(lang), strings.current[lang]))
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # After search indexing, so the block's text is not indexed on every page.
    meta = page.meta or {}
    assert _data is not None
    # A topic pack (hooks/packs.py) lists in `crisis_topics` the topics and tags of all its articles.
    topics = helplines.topics_shown(_data, [str(meta.get("topic", "")), *tags_of(meta),
                                            *map(str, meta.get("crisis_topics") or [])])
    base = helplines.relative_root(page.file.dest_uri)
    if SHORT_MARKER in output:
        output = output.replace(SHORT_MARKER, _short(config.site_url or "", base, config.theme["language"]))
    _given.add(page.file.dest_uri)
    return helplines.inject(output, _block(config.theme["language"], base, tuple(sorted(topics))))


@lru_cache(maxsize=64)
def _short(site_url: str, base: str, language: str) -> str:
    assert _data is not None
    # On paper, Get help now's public address to type (the page's relative one without a site_url).
    get_help = urls.printed_address(site_url, "get-help/") if site_url else base + "get-help/"
    return helplines.short_block(_data_in(language), get_help, strings.current[language])


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # The 404 page is served at any address, so its links start from the site's absolute path.
    if template_name != "404.html":
        return output_content
    root = urlsplit(config.site_url or "/").path or "/"
    _given.add(template_name)
    return helplines.inject(output_content, _block(config.theme["language"], root))


@event_priority(-50)  # after mkdocs-redirects has written its pages
def on_post_build(config: MkDocsConfig) -> None:
    for missing in helplines.complete_written_pages(Path(config.site_dir),
                                                    lambda rel: _block(config.theme["language"],
                                                                       helplines.relative_root(rel)), _given):
        findings.current.add(findings.Finding(
            f"{config.site_dir}/{missing}", None, None, helplines.RULE,
            "this written page has no crisis lines. Every page must carry them: render it with the theme's "
            "main.html, or add it to the crisis_lines hook."))
