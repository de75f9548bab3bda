"""The pages of a built site that the build did not render itself: what plugins (mkdocs-redirects' stubs)
and later hooks (the short-link pages) wrote. A hook that handles each page as it is written reads only
these from the folder, not every page again (100 MB at N=1000)."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path


def written_elsewhere(site: Path, rendered: Collection[str], skipped: Collection[str] = ()) -> Iterator[Path]:
    """Each HTML page under `site`, in path order, but the `rendered` ones (paths relative to `site`) and
    those in the `skipped` top folders (other editions', finished by their own builds)."""
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if rel.as_posix() not in rendered and rel.parts[0] not in skipped:
            yield path
