"""MkDocs hook: check every link in the built site with lychee.

Internal links (pages, files, anchors, in content, nav, footer, templates and injected blocks) are
checked offline in every build. `CHECK_EXTERNAL_LINKS=1` (`make links-external`, the nightly CI
job) also requests every external link once. Settings: data/link-check.yml.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from between_us import findings, links
from between_us.editions import for_build
from between_us.settings import project_root, redirect_maps
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from pydantic import ValidationError

_lychee: Path | None = None
_settings: links.LinkCheckSettings | None = None
# Built file (relative to the site folder) -> what it was made from, as a contributor knows it.
_sources: dict[str, str] = {}
# Built file -> its Markdown file and path under docs/: a broken link is named at its line there.
_markdown: dict[str, tuple[Path, str]] = {}
# Pages the build makes from other pages (a topic pack repeats its articles): a problem that is also on
# one of those pages is named by that page's own source.
_derived: set[str] = set()


def on_config(config: MkDocsConfig) -> None:
    global _lychee, _settings
    _sources.clear()
    _markdown.clear()
    _derived.clear()
    path = project_root(config.config_file_path) / "data" / "link-check.yml"
    try:
        _lychee = links.find_lychee(sys.executable)
        _settings = links.load_settings(path)
    except links.LycheeError as error:
        raise PluginError(str(error)) from error
    except (ValidationError, OSError) as error:
        raise PluginError(f"{path} is not valid:\n{error}") from error


def _shown(path: str | Path, config: MkDocsConfig) -> str:
    return findings.relative(path, project_root(config.config_file_path))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.file.abs_src_path is None:  # made by a hook (hooks/packs.py): named by its template
        template, custom_dir = page.meta.get("template"), config.theme.custom_dir
        path = Path(custom_dir, template) if template and custom_dir else None
        _sources[page.file.dest_uri] = (_shown(path, config) if path and path.is_file()
                                        else f"{page.file.src_uri} (made by the build)")
        _derived.add(page.file.dest_uri)
    else:
        _sources[page.file.dest_uri] = _shown(page.file.abs_src_path, config)
        _markdown[page.file.dest_uri] = (Path(page.file.abs_src_path), page.file.src_uri)
    return output


def _markdown_place(page: str, target: str) -> tuple[int, int] | None:
    """Where, in the Markdown file of a built page, the link to `target` is written."""
    if page not in _markdown:
        return None
    path, src_uri = _markdown[page]
    return links.markdown_place(path.read_text(encoding="utf-8"), src_uri, page, target)


def _sources_first(problems: list[links.Problem]) -> list[links.Problem]:
    """Each problem's pages with their own source first: a pack's copy of an article comes after the article."""
    for problem in problems:
        problem.where.sort(key=lambda occurrence: occurrence.page in _derived)  # stable: the order is kept
    return problems


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # Static templates (404.html, sitemap.xml) are written under their own name.
    custom_dir = config.theme.custom_dir
    template = Path(custom_dir, template_name) if custom_dir else None
    _sources[template_name] = (_shown(template, config) if template and template.is_file()
                               else f"theme template {template_name}")
    return output_content


@event_priority(-60)  # after every hook has written its files (crisis_lines: -50), before the report (-100)
def on_post_build(config: MkDocsConfig) -> None:
    assert _lychee is not None and _settings is not None
    sources = {**links.redirect_sources(redirect_maps(config.plugins)), **_sources}
    external_too = os.environ.get("CHECK_EXTERNAL_LINKS", "") not in ("", "0")
    try:
        editions, site = for_build(config), Path(config.site_dir)
        # Another language's edition is written into the root's site folder (hooks/editions.py).
        root = site if editions.is_default else site.parent
        internal = links.check_internal(_lychee, site, config.site_url and editions.root_url(config.site_url),
                                        external_too, editions.sub_folders(), root, sorted(_derived))
        findings.current.add(*links.problem_findings(_sources_first(internal.problems), sources,
                                                     links.INTERNAL_RULE, _markdown_place))
        findings.log.info(links.internal_summary(internal))
        if not external_too:
            return
        external = links.check_external(_lychee, internal.external, _settings,
                                        project_root(config.config_file_path))
    except links.LycheeError as error:
        raise PluginError(str(error)) from error
    if external.cache_discarded:
        findings.current.add(findings.Finding(
            links.CACHE_FILE, None, None, links.EXTERNAL_RULE,
            "the link cache could not be read and was discarded; every external link was checked again.",
            findings.Level.WARNING))
    findings.current.add(*links.problem_findings(_sources_first(external.problems), sources, links.EXTERNAL_RULE,
                                                 _markdown_place))
    findings.log.info(links.external_summary(external))
