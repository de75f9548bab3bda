"""MkDocs hook: Material's stylesheets in the built site cut to the rules its pages can match
(hooks/between_us/theme_css.py). The main one, 22.8 KB gzip, was half of an article's first visit, and
more than half of it styles components the site never shows."""

from __future__ import annotations

from pathlib import Path

from between_us.editions import for_build
from between_us.theme_css import classes_in_page, theme_stylesheets, trim, words_in_script
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


# Once every page is written (redirect stubs and short-link pages included, -50) and has its policy (-52),
# before the link check (-60). Another edition's build trims its own copy, from its own pages.
@event_priority(-55)
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    others = for_build(config).sub_folders()
    used: set[str] = set()
    for path in site.rglob("*.html"):
        if path.relative_to(site).parts[0] not in others:
            used |= classes_in_page(path.read_text(encoding="utf-8"))
    # The site's own scripts (overrides/assets/); Material's, under assets/javascripts/, never run.
    for path in (site / "assets").glob("*.js"):
        used |= words_in_script(path.read_text(encoding="utf-8"))
    for path in theme_stylesheets(site):
        path.write_text(trim(path.read_text(encoding="utf-8"), used), encoding="utf-8")
