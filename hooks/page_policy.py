"""MkDocs hook: every written page gets valid markup, a Content Security Policy and a referrer policy;
the site gets a `_headers` file with the same policy for hosts that read one."""

from __future__ import annotations

import os
from pathlib import Path

from between_us.editions import CHILD_ENV, for_build
from between_us.page_policy import headers_file, mend_markup, script_hashes, with_policy
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

_seen: set[str] = set()
_hashes: set[str] = set()
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    # `mkdocs serve` injects a live-reload script that changes with every reload: no hash can allow it,
    # so served drafts carry no CSP (builds, tests and CI do).
    global _serving
    _serving = command == "serve" or os.environ.get(CHILD_ENV) == "serve"  # another language's, served


def on_pre_build(config: MkDocsConfig) -> None:
    _seen.clear()
    _hashes.clear()


def _finish(page: str) -> str:
    page = mend_markup(page)
    hashes = script_hashes(page)
    _hashes.update(hashes)
    return with_policy(page, hashes, csp=not _serving)


@event_priority(-100)  # last: after every hook that changes the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _seen.add(page.file.dest_uri)
    return _finish(output)


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    _seen.add(template_name)
    return _finish(output_content)


# After the redirect stubs are written and given their crisis lines (-50), before the link check (-60);
# other editions' builds (hooks/editions.py) are finished by then.
@event_priority(-52)
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    editions = for_build(config)
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel.split("/")[0] in editions.sub_folders():  # another edition's page, finished by its own build:
            _hashes.update(script_hashes(path.read_text(encoding="utf-8")))  # the header below covers it too
        elif rel not in _seen:  # pages written by plugins: redirect stubs
            path.write_text(_finish(path.read_text(encoding="utf-8")), encoding="utf-8")
    if editions.is_default:  # hosts read the site root's only, for every address
        (site / "_headers").write_text(headers_file(_hashes), encoding="utf-8")
