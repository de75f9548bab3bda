"""MkDocs hook: Material prints page titles and descriptions raw; give it them escaped."""

from __future__ import annotations

from between_us.plain_text import escape_for_theme
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files


# Every page is read by now and none is rendered yet; before the tags plugin (100) renders its
# listings with every page's title. Feeds and our own listings read the text earlier, unescaped.
@event_priority(110)
def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    for file in files.documentation_pages():
        if file.page is not None:
            escape_for_theme(file.page.meta)
    return env
