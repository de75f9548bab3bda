"""MkDocs hook: fail when a published URL (data/urls.txt) disappears without a redirect.

`UPDATE_URL_MANIFEST=1` (`make urls`) adds the URLs of new pages to the manifest.
"""

from __future__ import annotations

import os

from between_us import findings, urls
from between_us.findings import Finding, Level
from between_us.settings import project_root, redirect_maps
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

RULE = "stable-urls"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    path = project_root(config.config_file_path) / "data" / "urls.txt"
    shown = "data/urls.txt"
    manifest = urls.read_manifest(path)
    published = {urls.site_url(file.url) for file in files.documentation_pages()}
    if os.environ.get("UPDATE_URL_MANIFEST", "") not in ("", "0"):
        urls.write_manifest(path, [*manifest, *published])
        manifest = urls.read_manifest(path)
    for url in urls.missing_urls(manifest, published, urls.redirected_urls(redirect_maps(config.plugins))):
        findings.current.add(Finding(shown, None, None, RULE,
                                     f"{url} was published and no longer exists. Clinics may have printed it: "
                                     "add a redirect from its old Markdown path to the new page under "
                                     "plugins > redirects > redirect_maps in mkdocs.yml."))
    for url in urls.unlisted_urls(manifest, published):
        findings.current.add(Finding(shown, None, None, RULE,
                                     f"{url} is a new page: run `make urls` to add it to the manifest.",
                                     Level.WARNING))
    return files
