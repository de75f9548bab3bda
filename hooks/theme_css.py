"""MkDocs hook: Material's stylesheets in the built site cut to the rules its pages can match
(hooks/between_us/theme_css.py). The main one, 22.8 KB gzip, was half of an article's first visit, and
more than half of it styles components the site never shows."""

from __future__ import annotations

from pathlib import Path

from between_us.editions import for_build
from between_us.theme_css import classes_in_page, theme_stylesheets, trim, words_in_script
from between_us.written_pages import written_elsewhere
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

_used: set[str] = set()  # the classes of the pages this build rendered, taken as they were written
_read: set[str] = set()  # those pages, under the site folder: not read again (100 MB at N=1000)


def on_pre_build(config: MkDocsConfig) -> None:
    _used.clear()
    _read.clear()


@event_priority(-200)  # the page as it is written, after every hook that changes it
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    _used.update(classes_in_page(output))
    _read.add(page.file.dest_uri)
    return output


@event_priority(-200)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name.endswith(".html"):
        _used.update(classes_in_page(output_content))
        _read.add(template_name)
    return output_content


# Once every page is written (redirect stubs and short-link pages included, -50) and has its policy (-52),
# before the link check (-60): the pages rendered by another hook or plugin are read from the folder.
# Another edition's build trims its own copy, from its own pages.
@event_priority(-55)
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    used = set(_used)
    for path in written_elsewhere(site, _read, for_build(config).sub_folders()):
        used |= classes_in_page(path.read_text(encoding="utf-8"))
    # The site's own scripts (overrides/assets/); Material's, under assets/javascripts/, never run.
    for path in (site / "assets").glob("*.js"):
        used |= words_in_script(path.read_text(encoding="utf-8"))
    for path in theme_stylesheets(site):
        path.write_text(trim(path.read_text(encoding="utf-8"), used), encoding="utf-8")
