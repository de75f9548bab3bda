"""`make publish-check`: fail while mkdocs.yml still has a setting that must change before the site goes live.

The deploy workflow runs it before building; a local build only warns (hooks/safety_contact.py).
Usage: python -m between_us.publish_check [mkdocs.yml]
"""

from __future__ import annotations

import sys
from pathlib import Path

from pydantic import ValidationError

from .settings import not_ready_to_publish, read_mkdocs_yml


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "mkdocs.yml")
    try:
        problems = not_ready_to_publish(read_mkdocs_yml(path.read_text(encoding="utf-8")))
    except (OSError, ValidationError) as error:
        problems = [str(error)]
    for problem in problems:
        print(f"{path}: error: [publish] {problem}", file=sys.stderr)
    if not problems:
        print(f"{path}: ready to publish: site_url and extra.safety_contact are set.")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
