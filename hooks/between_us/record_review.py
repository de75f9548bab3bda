"""Record a clinical review in an article's front matter, for the editor (the reviewer needs no git).

    make review ARTICLE=docs/<topic>/<name>.md BY=<reviewer id>
    PYTHONPATH=hooks .venv/bin/python -m between_us.record_review ARTICLE BY [--root .] [--today YYYY-MM-DD]

It writes `review: {by: ID, on: TODAY, version: HASH}`: the version is the hash of the text as it is now,
the text the reviewer signed off (the "Clinical review sign-off" issue form). The reviewer must be listed
in data/reviewers.yml.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from .frontmatter import page_kind
from .markdown_text import Source
from .reviews import load_reviewers, text_version

# The top-level `review:` key and the lines indented under it (a block form), up to the next key.
_REVIEW = re.compile(r"^review[ \t]*:.*\n(?:[ \t]+.*\n|[ \t]*\n(?=[ \t]))*", re.MULTILINE)


def recorded(text: str, by: str, on: dt.date) -> str:
    """The article's text with its `review:` replaced by a record of a review by `by` on `on` of this text."""
    source = Source.parse(text)
    if source.front_matter is None or not _REVIEW.search(source.front_matter):
        raise ValueError("the article has no `review:` line in its front matter (see docs/_template.md)")
    line = f"review: {{by: {by}, on: {on.isoformat()}, version: {text_version(source.body)}}}\n"
    front = _REVIEW.sub(lambda _: line, source.front_matter, count=1)
    return text.replace("\r\n", "\n").replace(source.front_matter, front, 1)


def record(root: Path, article: str, by: str, today: dt.date) -> str:
    """Write the review into the article; returns what was recorded. ValueError says what is wrong."""
    path = (root / article).resolve()
    docs = (root / "docs").resolve()
    if not article or not path.is_file() or not path.is_relative_to(docs) \
            or page_kind(path.relative_to(docs).as_posix()) != "article":
        raise ValueError(f"'{article}' is not an article: give its path, such as ARTICLE=docs/intimacy/name.md")
    reviewers, problems = load_reviewers(root / "data" / "reviewers.yml")
    if problems:
        raise ValueError("data/reviewers.yml is not valid: run `make check`, which names the line")
    if by not in reviewers:
        listed = ", ".join(sorted(reviewers)) or "none yet"
        raise ValueError(f"'{by}' is not in data/reviewers.yml ({listed}): add the reviewer there first "
                         "(CONTRIBUTING.md, \"Record a clinical review\"), then give their id as BY=")
    text = recorded(path.read_text(encoding="utf-8"), by, today)
    path.write_text(text, encoding="utf-8")
    version = text_version(Source.parse(text).body)
    return f"{article}: recorded a review by {by} on {today}, version {version}. Run `make check`, then commit."


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Record a clinical review in an article's front matter.")
    parser.add_argument("article", help="the article's path, such as docs/intimacy/name.md")
    parser.add_argument("by", help="the reviewer's id in data/reviewers.yml")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder (with mkdocs.yml)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the date of the review (default: today)")
    args = parser.parse_args(argv)
    try:
        print(record(args.root, args.article, args.by, args.today))
    except ValueError as error:
        sys.exit(f"make review: {error}")


if __name__ == "__main__":
    main()
