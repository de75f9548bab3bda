"""How search engines find every edition's pages: a sitemap index at the root listing each edition's own
sitemap (MkDocs writes one per build: /sitemap.xml, /es/sitemap.xml), and a robots.txt that names the
index. Each sitemap already lists its pages with their hreflang alternates (overrides/sitemap.xml)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from .editions import edition_site_url

INDEX = "sitemap-index.xml"
ROBOTS = "robots.txt"


def sitemap_urls(root_url: str, prefixes: Sequence[str]) -> list[str]:
    """Each edition's sitemap address: `root_url` is the root edition's site_url, `prefixes` each edition's
    ('' at the root, '/es')."""
    return [edition_site_url(root_url, prefix) + "sitemap.xml" for prefix in prefixes]


def sitemap_index(sitemaps: Sequence[str]) -> str:
    """A sitemaps.org sitemap index of `sitemaps` (absolute addresses on this site). No lastmod: a build
    repeats byte for byte, and each sitemap dates its own pages."""
    entries = "".join(f"  <sitemap>\n    <loc>{escape(url)}</loc>\n  </sitemap>\n" for url in sitemaps)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</sitemapindex>\n')


def robots_txt(index_url: str) -> str:
    """Every page may be crawled; the sitemap index by its absolute address (robots.txt needs one)."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {index_url}\n"
