"""MkDocs hook: fail when a published URL (data/urls.txt) disappears without a redirect, and give every
article its short link, /a/<id>/, from the permanent number in its front matter.

`UPDATE_URL_MANIFEST=1` (`make urls`) adds the URLs of new pages, and the short links of new
articles, to the manifest.
"""

from __future__ import annotations

import os
from pathlib import Path

from between_us import findings, urls
from between_us.content import catalog
from between_us.findings import Finding, Level
from between_us.settings import project_root, redirect_maps
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

RULE = urls.RULE
SHOWN = "data/urls.txt"
_files: Files | None = None
_published: set[str] = set()


def _updating() -> bool:
    return os.environ.get("UPDATE_URL_MANIFEST", "") not in ("", "0")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files, _published
    path = project_root(config.config_file_path) / "data" / "urls.txt"
    manifest = urls.read_manifest(path)
    published = {urls.site_url(file.url) for file in files.documentation_pages()}
    _files, _published = files, published
    if _updating():
        urls.write_manifest(path, [*manifest, *published])
        manifest = urls.read_manifest(path)
    for url in urls.missing_urls(manifest, published, urls.redirected_urls(redirect_maps(config.plugins))):
        findings.current.add(Finding(SHOWN, None, None, RULE,
                                     f"{url} was published and no longer exists. Clinics may have printed it: "
                                     "add a redirect from its old Markdown path to the new page under "
                                     "plugins > redirects > redirect_maps in mkdocs.yml."))
    for url in urls.unlisted_urls(manifest, published):
        findings.current.add(Finding(SHOWN, None, None, RULE,
                                     f"{url} is a new page: run `make urls` to add it to the manifest.",
                                     Level.WARNING))
    return files


# Once every page is read (the numbers are in the front matter). Each short link is a small page like the
# redirects mkdocs-redirects writes (a refresh), so the crisis lines (-50), the page policy and the link
# check treat it like them; its own, so that it keeps the link's query and fragment.
@event_priority(55)
def on_post_build(config: MkDocsConfig) -> None:
    assert _files is not None
    try:
        described = catalog.files()
    except Exception:  # the content checks hook reports why
        return
    root = project_root(config.config_file_path)
    path = root / "data" / "urls.txt"
    maps = redirect_maps(config.plugins)
    redirects = {urls.source_to_url(old): urls.source_to_url(new.partition("#")[0])
                 for old, new in maps.items() if not new.startswith(("http://", "https://"))}
    articles = []
    for content in described.values():
        file = _files.get_file_from_path(content.src_path)
        if content.kind != "article" or file is None:
            continue
        number = urls.article_number(content.meta)
        if "id" in content.meta and number is None:
            continue  # not a usable number: the front-matter check says so
        articles.append(urls.ArticleId(findings.relative(file.abs_src_path or file.src_uri, root),
                                       urls.site_url(file.url), number, content.key_lines.get("id")))
    checked = urls.check_short_links(articles, urls.read_short_links(path), _published, redirects, SHOWN)
    if _updating() and checked.record:
        urls.write_short_links(path, checked.record)
        checked.findings = [f for f in checked.findings if f.level is not Level.WARNING]
    findings.current.add(*checked.findings)
    title_of = {urls.site_url(f.url): f.page.title if f.page else f.url for f in _files.documentation_pages()}
    for number, target in checked.targets.items():
        page = Path(config.site_dir) / urls.short_url(number).strip("/") / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(urls.short_link_page(number, target, str(title_of.get(target) or target),
                                             config.theme["language"]), encoding="utf-8")
