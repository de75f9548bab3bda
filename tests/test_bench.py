"""The benchmark's own parts (no timing here: speed goals live in benchmarks/bench.py, never in tests)."""

from __future__ import annotations

from pathlib import Path

import bench
import yaml
from between_us.content import Rules, SourceFile, check_body, describe_file
from between_us.settings import CheckSettings
from sitedata import ROOT
from synthetic import write_articles

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_variant_b_is_the_project_without_its_hooks_and_nothing_else():
    stripped = bench.without_hooks(CONFIG)
    assert "  - hooks/" not in stripped and "\nhooks:" not in stripped
    loaded, original = (yaml.load(text, Loader=bench._ConfigLoader) for text in (stripped, CONFIG))
    assert {k: v for k, v in original.items() if k != "hooks"} == loaded


def test_variant_c_is_stock_material_on_the_same_markdown():
    stock = yaml.safe_load(bench.stock_config(CONFIG))
    assert stock["theme"] == {"name": "material"} and stock["plugins"] == ["search"]
    project = yaml.load(CONFIG, Loader=bench._ConfigLoader)
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
