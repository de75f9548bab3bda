"""What a first visit to a built page downloads, found by reading the files (no browser, no server).

Two parts are counted. What the HTML makes the browser load: stylesheets, scripts (not the inert
blocks of a type that is not JavaScript, which a browser neither fetches nor runs), icons, images, and
url()/@import inside loaded CSS (fonts included), recursively. And, when the page loads Material's
bundle, what that fetches as soon as it starts, which no tag shows: its search worker and the whole
search index (when the page has the search form), and `sitemap.xml` next to the address of every
`<link rel="alternate">` (Material reads it to switch languages). That second list mirrors Material
9.8's bundle; Chromium on a built article showed exactly these requests
(tests/browser/test_theme_on_demand.py checks that the project's pages make none of them).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

# The origin the page is read at; the site's own `site_url` host counts as the same site.
ORIGIN = "http://site.invalid/"
FETCHING = (("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
            ("audio", "src"), ("embed", "src"), ("object", "data"), ("image", "href"))
# Link relations the browser acts on when the page loads (preconnect and dns-prefetch open a
# connection: to another origin that is a third-party request, with no body to count).
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest",
                "prefetch"}
CONNECTING_RELS = {"preconnect", "dns-prefetch"}
# Script types a browser runs (an empty type is JavaScript); any other is a data block, never fetched.
_SCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript"}
MATERIAL_BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


def gzip_size(data: bytes) -> int:
    """Bytes after gzip at level 6, what most web servers send."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass
class Visit:
    """The resources one page loads: same-site URLs with their sizes, and other origins' URLs."""

    static: dict[str, int] = field(default_factory=dict)  # URL -> raw bytes
    static_gzip: dict[str, int] = field(default_factory=dict)
    scripted: dict[str, int] = field(default_factory=dict)  # fetched by Material's JavaScript at start
    scripted_gzip: dict[str, int] = field(default_factory=dict)
    third_party: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)

    def material_search(self) -> tuple[int, int]:
        """Raw and gzip bytes of what Material's search needs: its bundle, and the worker and search index
        the bundle fetches when it starts (on stock Material, all before a reader types anything)."""
        urls = [url for url in self.static if MATERIAL_BUNDLE.search(urlsplit(url).path)]
        urls += [url for url in self.scripted if not url.endswith("/sitemap.xml")]
        sizes = {**self.static, **self.scripted}
        gzipped = {**self.static_gzip, **self.scripted_gzip}
        return sum(sizes[url] for url in urls), sum(gzipped[url] for url in urls)

    def summary(self) -> dict[str, object]:
        static_raw, static_gz = sum(self.static.values()), sum(self.static_gzip.values())
        return {
            "requests": len(self.static) + len(self.scripted),
            "static_raw": static_raw, "static_gzip": static_gz,
            "with_scripts_raw": static_raw + sum(self.scripted.values()),
            "with_scripts_gzip": static_gz + sum(self.scripted_gzip.values()),
            "third_party_requests": len(self.third_party), "third_party": sorted(self.third_party),
            "missing": sorted(self.missing),
            "files": {url.removeprefix(ORIGIN): [self.static.get(url) or self.scripted.get(url),
                                                 self.static_gzip.get(url) or self.scripted_gzip.get(url)]
                      for url in [*self.static, *self.scripted]},
        }


class _Reader:
    def __init__(self, site: Path, site_host: str | None) -> None:
        self.site = site
        self.hosts = {urlsplit(ORIGIN).hostname, site_host}
        self.visit = Visit()

    def file(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.hostname not in self.hosts:
            return None
        path = parts.path.lstrip("/")
        candidate = self.site / (path + "index.html" if path.endswith("/") or not path else path)
        return candidate if candidate.is_file() else None

    def load(self, url: str, scripted: bool = False) -> bytes | None:
        """Count one fetch; returns the body for a same-site file seen for the first time."""
        url = url.split("#")[0]
        if urlsplit(url).scheme not in ("http", "https"):
            return None  # data:, blob:, mailto: ...
        if urlsplit(url).hostname not in self.hosts:
            self.visit.third_party.add(url)
            return None
        sizes, gzipped = ((self.visit.scripted, self.visit.scripted_gzip) if scripted
                          else (self.visit.static, self.visit.static_gzip))
        if url in self.visit.static or url in self.visit.scripted:
            return None
        path = self.file(url)
        if path is None:
            self.visit.missing.add(url)
            return None
        data = path.read_bytes()
        sizes[url], gzipped[url] = len(data), gzip_size(data)
        return data

    def css(self, text: str, base: str) -> None:
        for match in _CSS_URL.finditer(text):
            target = urljoin(base, (match.group(2) or match.group(4)).strip())
            body = self.load(target)
            if body is not None and match.group(4):  # an @import is itself CSS
                self.css(body.decode("utf-8", "replace"), target)

    def page(self, url: str) -> None:
        body = self.load(url)
        if body is None:
            raise FileNotFoundError(f"no built page at {url}")
        tree = LexborHTMLParser(body.decode("utf-8"))
        for link in tree.css("link[href]"):
            rels = set((link.attributes.get("rel") or "").lower().split())
            href = urljoin(url, link.attributes["href"] or "")
            if rels & LOADING_RELS:
                loaded = self.load(href)
                if loaded is not None and "stylesheet" in rels:
                    self.css(loaded.decode("utf-8", "replace"), href)
            elif rels & CONNECTING_RELS and urlsplit(href).hostname not in self.hosts:
                self.visit.third_party.add(href)
        for tag, attribute in FETCHING:
            for node in tree.css(f"{tag}[{attribute}]"):
                if tag == "script" and (node.attributes.get("type") or "").strip().lower() not in _SCRIPT_TYPES:
                    continue
                self.load(urljoin(url, node.attributes[attribute] or ""))
        for node in tree.css("style"):
            self.css(node.text(), url)
        for node in tree.css("[style]"):
            self.css(node.attributes["style"] or "", url)
        self.material_start(tree, url)

    def material_start(self, tree: LexborHTMLParser, url: str) -> None:
        """What Material's bundle fetches when it starts, if the page loads it (see the module docstring)."""
        if not any(MATERIAL_BUNDLE.search(urlsplit(loaded).path) for loaded in self.visit.static):
            return
        config_node = tree.css_first("script#__config")
        config = json.loads(config_node.text()) if config_node else {}
        if config.get("search") and tree.css_first("form[name=search]"):
            self.load(urljoin(url, config["search"]), scripted=True)
            base = urljoin(url, config.get("base", ".").rstrip("/") + "/")
            self.load(urljoin(base, "search/search_index.json"), scripted=True)
        if config_node:
            for link in tree.css("link[rel=alternate][href]"):
                self.load(urljoin(urljoin(url, link.attributes["href"] or ""), "sitemap.xml"), scripted=True)


def first_visit(site: Path, page: str, site_url: str | None = None) -> Visit:
    """Everything a first visit to `page` (a URL path under the site, such as 'topic/name/') loads."""
    reader = _Reader(site, urlsplit(site_url).hostname if site_url else None)
    reader.page(urljoin(ORIGIN, page))
    return reader.visit
