"""MkDocs hook: the site's own scripts are written without their comment lines (between_us/scripts.py)."""

from __future__ import annotations

from pathlib import Path

from between_us.scripts import without_comment_lines
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not config.theme.custom_dir:
        return files
    own = Path(config.theme.custom_dir).resolve() / "assets"
    for file in files:
        if file.src_uri.endswith(".js") and file.abs_src_path and Path(file.abs_src_path).resolve().parent == own:
            file.content_string = without_comment_lines(file.content_string)
    return files
