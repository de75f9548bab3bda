"""Stable URLs: every address we ever published must still answer, as a page or a redirect."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

HEADER = (
    "# Every URL this site has published, one per line (site-relative). Clinics print and bookmark\n"
    "# these: a URL listed here must stay a page or become a redirect (plugins.redirects in mkdocs.yml).\n"
    "# Do not edit by hand: `make urls` adds the URLs of new pages; nothing ever removes one.\n"
)


def read_manifest(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def write_manifest(path: Path, urls: Iterable[str]) -> None:
    path.write_text(HEADER + "".join(f"{url}\n" for url in sorted(set(urls))), encoding="utf-8")


def site_url(page_url: str) -> str:
    """MkDocs page URL ('./', 'intimacy/a/') as a site-relative address ('/', '/intimacy/a/')."""
    return "/" + page_url.removeprefix("./").lstrip("/")


def source_to_url(src_path: str) -> str:
    """The address a Markdown path is published at, with directory URLs: 'a/b.md' -> '/a/b/'."""
    path = PurePosixPath(src_path)
    parts = list(path.parent.parts) if path.stem in ("index", "README") else [*path.parent.parts, path.stem]
    return "/" + "".join(f"{part}/" for part in parts if part not in ("", "."))


def redirected_urls(redirect_maps: Mapping[str, str]) -> set[str]:
    return {source_to_url(old) for old in redirect_maps}


def missing_urls(manifest: Iterable[str], published: set[str], redirected: set[str]) -> list[str]:
    return sorted(url for url in manifest if url not in published and url not in redirected)


def unlisted_urls(manifest: Iterable[str], published: set[str]) -> list[str]:
    return sorted(published - set(manifest))
