"""MkDocs hook: the site's editions, one per language (between_us/editions.py). The root build starts each
other edition's build into <site_dir>/<lang>/ and waits for it; every page gets its alternates (the
language switch, hreflang links, the sitemap); a translation is checked against its English twin."""

from __future__ import annotations

import dataclasses
import os
import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from between_us import findings, sitemaps, strings, urls
from between_us.content import catalog
from between_us.editions import (
    CHILD_ENV,
    EditionError,
    Editions,
    alternates,
    build_command,
    edition_redirects,
    edition_site_url,
    fall_back_to_root,
    finish_build,
    for_build,
    root_links_relative,
    root_pages,
    start_build,
    translation_findings,
    wait_for_root,
)
from between_us.frontmatter import parse_yaml
from between_us.markdown_text import Source
from between_us.settings import Edition, project_root, redirect_maps
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from pydantic import ValidationError

_editions: Editions | None = None
_command = "build"
# In another edition: its own pages' site paths, and the root edition's (a link to a page this edition
# lacks falls back to the root's).
_here: set[str] = set()
_root: set[str] = set()
_builds: list[tuple[Edition, subprocess.Popen[str]]] = []
_ready: int | None = None  # the writing end of the pipe the other editions' link checks wait on (READY_ENV)


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


# After the report hook (100) resets the findings, before any hook reads site_url.
@event_priority(95)
def on_config(config: MkDocsConfig) -> None:
    global _editions
    try:
        _editions = for_build(config)
    except (ValidationError, EditionError) as error:
        raise PluginError(f"extra.languages in mkdocs.yml is not valid:\n{error}") from error
    if not _editions.is_default:  # the domain is written once, in mkdocs.yml: this edition lives under it
        config.site_url = edition_site_url(config.site_url or "/", _editions.prefix())
    if "redirects" in config.plugins:  # before the plugin reads its map (on_files)
        plugin = config.plugins["redirects"]
        plugin.config["redirect_maps"] = edition_redirects(redirect_maps(config.plugins), _editions)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Every page is read, none rendered: the sitemap (rendered first) and each page print these.
    assert _editions is not None
    root = _editions.root_url(config.site_url or "/")
    texts = {e.lang: (strings.current[e.lang].language.page, strings.current[e.lang].language.home)
             for e in _editions.all}
    if not _editions.is_default:
        _here.clear()
        _here.update(_editions.prefix() + urls.site_url(file.url) for file in files.documentation_pages())
        _root.clear()
        docs_root = _editions.docs_dir(_editions.default, Path(config.docs_dir))
        _root.update(root_pages(docs_root, [e.lang for e in _editions.all[1:]]))
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.meta["alternates"] = [
                dataclasses.asdict(a) for a in alternates(_editions, file.src_uri, Path(config.docs_dir), root, texts)]
    return env


def _site_path(page: Page) -> str:
    """The page's path from the site's root: '/es/get-help/'."""
    assert _editions is not None
    return f"{_editions.prefix()}/{page.url.removeprefix('./')}"


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    assert _editions is not None
    return html if _editions.is_default else root_links_relative(html, _site_path(page))


def _fall_back(html: str, page_url: str, config: MkDocsConfig) -> str:
    assert _editions is not None
    if _editions.is_default:
        return html
    site_path = urlsplit(_editions.root_url(config.site_url or "/")).path or "/"
    return fall_back_to_root(html, page_url, _editions.prefix(), _here, _root, site_path)


@event_priority(-90)  # after every hook that adds links (crisis lines), before the page policy (-100)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _fall_back(output, _site_path(page), config)


@event_priority(-90)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    assert _editions is not None
    if not template_name.endswith(".html"):
        return output_content
    return _fall_back(output_content, f"{_editions.prefix()}/{posixpath.dirname(template_name)}", config)


def _early() -> bool:
    """The other editions start with this build's pages, unless both builds add to data/urls.txt (`make urls`):
    then one after the other, as each writes the file."""
    return not urls.updating_manifest(os.environ)


def _start(config: MkDocsConfig, ready: int | None = None) -> None:
    assert _editions is not None
    root = project_root(config.config_file_path)
    for edition in _editions.others:
        command = build_command(sys.executable, root / str(edition.config), Path(config.site_dir) / edition.lang,
                                bool(config.strict))
        _builds.append((edition, start_build(command, root, _command, ready)))


def _root_build() -> bool:
    assert _editions is not None
    return _editions.is_default and not os.environ.get(CHILD_ENV)


# MkDocs has emptied the site folder (before on_files): the other editions render while this one does, on the
# machine's other core, and their link checks wait until this build's pages are written (_start_editions).
def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _ready
    _stop()  # a rebuild of `mkdocs serve`
    if _root_build() and _early():
        ready, _ready = os.pipe()
        try:
            _start(config, ready)
        finally:
            os.close(ready)  # the editions hold it: they read the end of the pipe once _ready is closed
    return files


# Once the short links are settled (url_manifest, 55: both builds may write data/urls.txt), while the rest
# of this build's post-build work (the content checks' results, feeds, redirect stubs, Pagefind) runs.
@event_priority(54)
def _start_editions(config: MkDocsConfig) -> None:
    assert _editions is not None
    if not _editions.is_default:
        _check_translations(config)
        return
    if not _root_build():
        return
    _write_sitemap_index(config)
    if _ready is None:
        _start(config)
    _pages_written()


def _pages_written() -> None:
    global _ready
    if _ready is not None:
        os.close(_ready)
        _ready = None


# In another edition's build: its link check (-60) reads the root's pages, which may still be being written.
@event_priority(-59)
def _wait_for_root(config: MkDocsConfig) -> None:
    wait_for_root()


# Before anything reads the whole site folder: crisis lines on every page (-50), the CSP header with
# every page's script hashes (-52), the link check (-60).
@event_priority(-49)
def _wait_for_editions(config: MkDocsConfig) -> None:
    while _builds:
        edition, process = _builds.pop(0)
        findings.log.info(f"Building the {edition.lang} edition ({edition.config}):")
        output, failed = finish_build(process, edition)
        sys.stderr.write(output)
        findings.current.add(*failed)


on_post_build = CombinedEvent(_start_editions, _wait_for_editions, _wait_for_root)


def _write_sitemap_index(config: MkDocsConfig) -> None:
    """The root's sitemap index of every edition's sitemap, and the robots.txt that names it."""
    assert _editions is not None
    root_url = _editions.root_url(config.site_url or "/")
    listed = sitemaps.sitemap_urls(root_url, [_editions.prefix(e) for e in _editions.all])
    site = Path(config.site_dir)
    (site / sitemaps.INDEX).write_text(sitemaps.sitemap_index(listed), encoding="utf-8")
    (site / sitemaps.ROBOTS).write_text(sitemaps.robots_txt(root_url + sitemaps.INDEX), encoding="utf-8")


def _check_translations(config: MkDocsConfig) -> None:
    assert _editions is not None
    described = catalog.files_if_read()
    if described is None:
        return
    root = project_root(config.config_file_path)
    english = _editions.docs_dir(_editions.default, Path(config.docs_dir))
    strict = os.environ.get("STRICT_REVIEWS", "") not in ("", "0")
    for content in described.values():
        if content.kind != "article":
            continue
        twin_path = english / content.src_path
        findings.current.add(*translation_findings(
            content.meta, content.key_lines, findings.relative(Path(config.docs_dir) / content.src_path, root),
            _front_matter(twin_path), findings.relative(twin_path, root), strict))


def _front_matter(path: Path) -> dict | None:
    """The English twin's front matter; None when there is no twin (its own build checks its front matter)."""
    if not path.is_file():
        return None
    try:
        _, data = parse_yaml(Source.parse(path.read_text(encoding="utf-8")).front_matter or "")
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _stop() -> None:
    _pages_written()
    while _builds:
        _, process = _builds.pop()
        if process.poll() is None:
            process.kill()
        process.communicate()


def on_build_error(error: Exception) -> None:
    _stop()


def on_shutdown() -> None:
    _stop()
