"""MkDocs hook: run every content check on every Markdown file, beside the build on a large site."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from between_us import background, findings
from between_us.content import BodyFindings, Rules, SourceFile, catalog, check_bodies, describe_files
from between_us.frontmatter import drop_unusable_dates
from between_us.reviews import ReviewPolicy
from between_us.settings import project_root, site_settings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from pydantic import ValidationError

TEMPLATE = "_template.md"  # in docs/, left out of the site (exclude_docs in mkdocs.yml)
_rules: Rules | None = None
_reviews: ReviewPolicy | None = None
_sources: list[SourceFile] = []
_bodies: background.Pending[BodyFindings] | None = None


def on_config(config: MkDocsConfig) -> None:
    global _rules, _reviews
    data_dir = project_root(config.config_file_path) / "data"
    try:
        _rules = Rules.load(data_dir, site_settings(config.extra).checks, Path(config.docs_dir) / TEMPLATE,
                            config.theme["language"])
    except ValidationError as error:
        raise PluginError(f"A data file in {data_dir} is not valid:\n{error}") from error
    except (OSError, KeyError) as error:
        raise PluginError(f"Cannot read the check data in {data_dir}: {error}") from error
    findings.current.add(*_rules.data_findings)
    # Reviews are judged against the day of the build (as helplines are): a review falls due on its date.
    _reviews = _rules.review_policy(dt.date.today(), strict=os.environ.get("STRICT_REVIEWS", "") not in ("", "0"))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _sources
    assert _rules is not None
    root = project_root(config.config_file_path)
    _sources = [SourceFile(Path(f.abs_src_path), f.src_uri, findings.relative(f.abs_src_path, root))
                for f in files.documentation_pages() if f.abs_src_path]
    work = background.start(len(_sources), _rules.settings.parallel_min_pages)
    # The front matter first: the hubs and related links need it while the pages render.
    catalog.expect(work.map(describe_files, _sources, _rules.known_tags, _reviews))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    # The body checks last, after every hook's on_files has asked for what pages need as they render
    # (QR codes): their findings are needed only when the build ends.
    global _bodies
    _bodies = background.current().map(check_bodies, _sources, _rules)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Before the templates and the feed read the page's dates: a bad one is reported, never printed.
    drop_unusable_dates(page.meta)
    return markdown


# Before the link check (-60): the worker is done by then, and stopping it now lets it exit while
# lychee runs (its exit took 0.4 s at N=1000). The report (-100) prints every finding at the end.
@event_priority(50)
def on_post_build(config: MkDocsConfig) -> None:
    assert _bodies is not None
    try:
        described, bodies = list(catalog.files().values()), _bodies.result()
    except Exception as error:
        raise PluginError(f"A content check failed while checking the Markdown files: {error!r}") from error
    finally:
        background.stop()
    for content, body in zip(described, bodies, strict=True):
        findings.current.add(*content.findings, *body.findings, *body.allowances)


def on_build_error(error: Exception) -> None:
    background.stop()


def on_shutdown() -> None:
    background.stop()
