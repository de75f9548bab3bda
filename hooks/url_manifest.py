"""MkDocs hook: fail when a published URL (data/urls.txt) disappears without a redirect, and give every
article its short link, /a/<id>/, from the permanent number in its front matter (a translation's is
/<lang>/a/<id>/, from `translation_of`). Each language's build checks the addresses under its own prefix.

Each short link is a redirect page (for GitHub Pages and plain servers) and a line of `site/_redirects`
(between_us/host_redirects.py), with the moved pages' redirects, for the hosts that answer with a 301.

`UPDATE_URL_MANIFEST=1` (`make urls`) adds the URLs of new pages, and the short links of new
articles, to the manifest.
"""

from __future__ import annotations

import os
from pathlib import Path

from between_us import findings, host_redirects, urls
from between_us.content import catalog
from between_us.editions import for_build
from between_us.findings import Finding, Level
from between_us.settings import project_root, redirect_maps
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files

RULE = urls.RULE
SHOWN = "data/urls.txt"
_files: Files | None = None
_published: set[str] = set()


def _updating() -> bool:
    return urls.updating_manifest(os.environ)


def _edition(config: MkDocsConfig) -> tuple[str, tuple[str, ...]]:
    """This build's URL prefix ('' or '/es') and the folders other editions' builds publish."""
    editions = for_build(config)
    return editions.prefix(), editions.sub_folders()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _files, _published
    path = project_root(config.config_file_path) / "data" / "urls.txt"
    prefix, sub_folders = _edition(config)
    published = {prefix + urls.site_url(file.url) for file in files.documentation_pages()}
    _files, _published = files, published
    if _updating():
        added = urls.unlisted_urls([u for u in urls.read_manifest(path) if urls.in_edition(u, prefix, sub_folders)],
                                   published)
        urls.write_manifest(path, [*urls.read_manifest(path), *published])
        findings.log.info(urls.added_summary(SHOWN, "page address", added))
    # Each edition's build answers for its own addresses.
    manifest = [url for url in urls.read_manifest(path) if urls.in_edition(url, prefix, sub_folders)]
    redirected = {prefix + url for url in urls.redirected_urls(redirect_maps(config.plugins))}
    # One map for every edition, in mkdocs.yml (editions.edition_redirects): another edition's keys are under
    # its folder.
    lang = prefix.lstrip("/")
    folder = f", both paths under {lang}/ ({lang}/intimacy/old.md: {lang}/intimacy/new.md)," if lang else ""
    for url in urls.missing_urls(manifest, published, redirected):
        findings.current.add(Finding(SHOWN, None, None, RULE,
                                     f"{url} was published and no longer exists. Clinics may have printed it: "
                                     f"add a redirect from its old Markdown path to the new page{folder} under "
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
def _short_links(config: MkDocsConfig) -> None:
    assert _files is not None
    described = catalog.files_if_read()
    if described is None:
        return
    root = project_root(config.config_file_path)
    path = root / "data" / "urls.txt"
    prefix, _ = _edition(config)
    maps = redirect_maps(config.plugins)
    redirects = {prefix + urls.source_to_url(old): prefix + urls.source_to_url(new.partition("#")[0])
                 for old, new in maps.items() if not new.startswith(("http://", "https://"))}
    site = Path(config.site_dir)
    articles, unreadable = [], set()
    for content in described.values():
        file = _files.get_file_from_path(content.src_path)
        if content.kind != "article" or file is None:
            continue
        if not content.meta:  # its front matter does not parse: that error alone, not what follows from it
            unreadable.add(prefix + urls.site_url(file.url))
            continue
        number = urls.article_number(content.meta)
        if ("id" in content.meta or "translation_of" in content.meta) and number is None:
            continue  # not a usable number: the front-matter check says so
        line = content.key_lines.get("id", content.key_lines.get("translation_of"))
        articles.append(urls.ArticleId(findings.relative(file.abs_src_path or file.src_uri, root),
                                       prefix + urls.site_url(file.url), number, line))
    checked = urls.check_short_links(articles, urls.read_short_links(path, prefix), _published, redirects, SHOWN,
                                     unreadable, prefix)
    if _updating():
        if checked.record:
            urls.write_short_links(path, checked.record, prefix)
            checked.findings = [f for f in checked.findings if f.level is not Level.WARNING]
        findings.log.info(urls.added_summary(SHOWN, "short link", [f"{urls.short_url(number, prefix)} -> {url}"
                                                                    for number, url in sorted(checked.record.items())]))
    findings.current.add(*checked.findings)
    title_of = {prefix + urls.site_url(f.url): f.page.title if f.page else f.url for f in _files.documentation_pages()}
    for number, target in checked.targets.items():
        page = site / urls.short_url(number).strip("/") / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(urls.short_link_page(number, target.removeprefix(prefix), str(title_of.get(target) or target),
                                             config.theme["language"]), encoding="utf-8")
    # This edition's file; the root build's takes in the others' (below), as hosts read the root's only.
    (site / host_redirects.FILE).write_text(host_redirects.redirects_file(
        urls.host_redirects(checked.targets, maps, prefix)), encoding="utf-8")


# Once the other editions' builds are done (hooks/editions.py waits for them at -49).
@event_priority(-51)
def _gather_redirects(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    files = [site / host_redirects.FILE, *(site / folder / host_redirects.FILE
                                           for folder in for_build(config).sub_folders())]
    written = [path for path in files if path.exists()]
    if len(written) < 2:
        return
    texts = [path.read_text(encoding="utf-8") for path in written]
    for path in written:
        path.unlink()
    (site / host_redirects.FILE).write_text(host_redirects.gathered(texts), encoding="utf-8")


on_post_build = CombinedEvent(_short_links, _gather_redirects)
