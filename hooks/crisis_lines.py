"""MkDocs hook: crisis lines from data/helplines.yml on every written page and on the Get help now page."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

from between_us import findings, helplines
from between_us.settings import project_root, site_settings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

GET_HELP_MARKER = "<!-- bu:helplines -->"
_data: helplines.HelplineData | None = None


def on_config(config: MkDocsConfig) -> None:
    global _data
    path = project_root(config.config_file_path) / "data" / "helplines.yml"
    try:
        _data = helplines.load(path)
    except (helplines.HelplineError, OSError) as error:
        raise PluginError(str(error)) from error
    max_age = site_settings(config.extra).checks.helpline_max_age_days
    strict = os.environ.get("STRICT_HELPLINES", "") not in ("", "0")
    shown = findings.relative(path, project_root(config.config_file_path))
    findings.current.add(*helplines.stale_entries(_data, dt.date.today(), max_age, shown, strict))


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    # Before search indexing, so searches for "988" or "Samaritans" find this page.
    if GET_HELP_MARKER in markdown:
        assert _data is not None
        return markdown.replace(GET_HELP_MARKER, helplines.get_help_markdown(_data))
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # After search indexing, so the block's text is not indexed on every page.
    assert _data is not None
    meta = page.meta or {}
    topics = [meta.get("topic", ""), *meta.get("tags", [])]
    base = helplines.relative_root(page.file.dest_uri)
    return helplines.inject(output, helplines.crisis_block(_data, base, topics))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    # The 404 page is served at any address, so its links start from the site's absolute path.
    if template_name != "404.html":
        return output_content
    assert _data is not None
    base = urlsplit(config.site_url or "/").path or "/"
    return helplines.inject(output_content, helplines.crisis_block(_data, base))


@event_priority(-50)  # after mkdocs-redirects has written its pages
def on_post_build(config: MkDocsConfig) -> None:
    assert _data is not None
    site = Path(config.site_dir)
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if helplines.BLOCK_MARKER not in text and helplines.is_redirect_stub(text):
            base = helplines.relative_root(path.relative_to(site).as_posix())
            path.write_text(helplines.inject(text, helplines.crisis_block(_data, base)), encoding="utf-8")
    for missing in helplines.pages_without_block(site):
        findings.current.add(findings.Finding(
            f"{config.site_dir}/{missing}", None, None, helplines.RULE,
            "this written page has no crisis lines. Every page must carry them: render it with the theme's "
            "main.html, or add it to the crisis_lines hook."))
