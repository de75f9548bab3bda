"""MkDocs hook: run every content check on every Markdown file before anything is rendered."""

from __future__ import annotations

from pathlib import Path

from between_us import findings
from between_us.content import Rules, catalog, check_file
from between_us.settings import project_root, site_settings
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from pydantic import ValidationError

_rules: Rules | None = None


def on_config(config: MkDocsConfig) -> None:
    global _rules
    data_dir = project_root(config.config_file_path) / "data"
    try:
        _rules = Rules.load(data_dir, site_settings(config.extra).checks)
    except ValidationError as error:
        raise PluginError(f"A data file in {data_dir} is not valid:\n{error}") from error
    except (OSError, KeyError) as error:
        raise PluginError(f"Cannot read the check data in {data_dir}: {error}") from error


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _rules is not None
    catalog.clear()
    root = project_root(config.config_file_path)
    for file in files.documentation_pages():
        path = Path(file.abs_src_path)
        checked = check_file(path.read_text(encoding="utf-8"), file.src_uri,
                             findings.relative(path, root), path.parent, _rules)
        catalog[file.src_uri] = checked
        findings.current.add(*checked.findings, *checked.allowances)
    return files
