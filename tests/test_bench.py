"""The benchmark's own parts (no timing here: speed goals live in benchmarks/bench.py, never in tests)."""

from __future__ import annotations

from pathlib import Path

import bench
import yaml
from between_us.content import Rules, SourceFile, check_body, describe_file
from between_us.settings import CheckSettings, read_mkdocs_yml
from sitedata import ROOT
from synthetic import write_articles
from weight import first_visit

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_variant_b_is_the_project_without_its_hooks_and_nothing_else():
    stripped = bench.without_hooks(CONFIG)
    assert "  - hooks/" not in stripped and "\nhooks:" not in stripped
    loaded, original = (read_mkdocs_yml(text) for text in (stripped, CONFIG))
    assert {k: v for k, v in original.items() if k != "hooks"} == loaded


def test_variant_c_is_stock_material_on_the_same_markdown():
    stock = yaml.safe_load(bench.stock_config(CONFIG))
    assert stock["theme"] == {"name": "material"} and stock["plugins"] == ["search"]
    project = read_mkdocs_yml(CONFIG)
    assert stock["markdown_extensions"] == project["markdown_extensions"]
    assert stock["docs_dir"] == project["docs_dir"] and "hooks" not in stock


def test_link_check_time_is_read_from_the_build_output():
    line = "INFO    -  Internal links: 91249 links (13520 distinct) in the built site checked offline " \
           "with anchors in 2.04 s: 0 broken."
    assert bench.link_check_seconds(f"other\n{line}\n") == 2.04
    assert bench.link_check_seconds("no summary") is None


def test_synthetic_articles_pass_every_content_check(tmp_path: Path):
    paths = write_articles(tmp_path / "docs", 12, ROOT / "data", seed=3)
    rules = Rules.load(ROOT / "data", CheckSettings())
    for rel in paths:
        source = SourceFile(tmp_path / "docs" / rel, rel, f"docs/{rel}")
        described, body = describe_file(source, rules.known_tags), check_body(source, rules)
        problems = [f.format() for f in [*described.findings, *body.findings] if f.level != "info"]
        assert problems == [], problems
        assert described.kind == "article" and 800 <= described.words <= 1400, (rel, described.words)


def _page(scripts: str) -> str:
    return (f'<html><head><link rel="stylesheet" href="main.css"></head><body><form name="search"></form>'
            f'<script id="__config" type="application/json">{{"base": ".", "search": "worker.js"}}</script>'
            f'{scripts}</body></html>')


def test_first_visit_counts_what_the_browser_fetches_and_what_materials_bundle_fetches_at_start(tmp_path: Path):
    bundle = "assets/javascripts/bundle.0123abcd.min.js"
    for name in ("main.css", "worker.js", "search/search_index.json", bundle, "later.js"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x" * 100)
    (tmp_path / "started.html").write_text(_page(f'<script src="{bundle}"></script>'))
    (tmp_path / "held.html").write_text(_page(f'<script type="text/plain" src="{bundle}"></script>'
                                              '<script src="later.js"></script>'))
    started = first_visit(tmp_path, "started.html").summary()
    assert sorted(started["files"]) == sorted(["started.html", "main.css", bundle, "worker.js",
                                               "search/search_index.json"])
    assert started["with_scripts_raw"] - started["static_raw"] == 200  # the worker and the index
    held = first_visit(tmp_path, "held.html").summary()
    assert sorted(held["files"]) == ["held.html", "later.js", "main.css"]  # an inert block is not fetched
    assert held["with_scripts_raw"] == held["static_raw"]
