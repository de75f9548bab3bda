"""The benchmark's own parts (no timing here: speed goals live in benchmarks/bench.py, never in tests)."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import bench
import pytest
import real
import search_cost
import yaml
from between_us import urls
from between_us.content import Rules, SourceFile, check_body, describe_file
from between_us.settings import CheckSettings, read_mkdocs_yml
from sitedata import ROOT
from synthetic import write_articles
from weight import first_visit, gzip_size

CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_variant_b_is_the_project_without_its_hooks_but_the_interface_text_and_nothing_else():
    stripped = bench.without_hooks(CONFIG)
    loaded, original = (read_mkdocs_yml(text) for text in (stripped, CONFIG))
    assert loaded["hooks"] == [bench.STRINGS_HOOK] and len(original["hooks"]) > 5
    assert {k: v for k, v in original.items() if k != "hooks"} == {k: v for k, v in loaded.items() if k != "hooks"}


def test_variant_c_is_stock_material_on_the_same_markdown():
    stock = yaml.safe_load(bench.stock_config(CONFIG))
    assert stock["theme"] == {"name": "material"} and stock["plugins"] == ["search"]
    project = read_mkdocs_yml(CONFIG)
    assert stock["markdown_extensions"] == project["markdown_extensions"]
    assert stock["docs_dir"] == project["docs_dir"] and "hooks" not in stock


def test_the_profile_variant_is_the_project_without_its_search_index_hook_and_nothing_else():
    stripped = bench.without_search(CONFIG)
    loaded, original = (read_mkdocs_yml(text) for text in (stripped, CONFIG))
    assert bench.SEARCH_HOOK in original["hooks"]
    assert loaded["hooks"] == [hook for hook in original["hooks"] if hook != bench.SEARCH_HOOK]
    assert {k: v for k, v in original.items() if k != "hooks"} == {k: v for k, v in loaded.items() if k != "hooks"}


def test_link_check_time_is_read_from_the_build_output():
    line = "INFO    -  Internal links: 91249 links (13520 distinct) in the built site checked offline " \
           "with anchors in 2.04 s: 0 broken."
    assert bench.link_check_seconds(f"other\n{line}\n") == 2.04
    spanish = line.replace("91249", "3029").replace("2.04", "0.41")  # printed first, by the Spanish build
    assert bench.link_check_seconds(f"{spanish}\n{line}\n") == 2.04
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


@pytest.mark.parametrize("corpus", bench.CORPORA)
def test_the_added_articles_are_published_with_their_short_links(tmp_path: Path, corpus: str):
    # As on a site where `make urls` has run: no article is new, so its QR code is made beside the build.
    added = bench.prepare(ROOT, tmp_path, corpus, 5, seed=0)
    manifest = tmp_path / "data" / "urls.txt"
    published = urls.read_short_links(manifest)
    assert {published[n] for n in bench.short_links(tmp_path / "docs", added)} == {urls.source_to_url(a) for a in added}
    assert set(urls.read_short_links(ROOT / "data" / "urls.txt").items()) <= set(published.items())


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


def test_first_visit_tells_what_materials_search_needs(tmp_path: Path):
    bundle = "assets/javascripts/bundle.0123abcd.min.js"
    for name, size in (("main.css", 10), ("worker.js", 20), ("search/search_index.json", 300), (bundle, 40)):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x" * size)
    (tmp_path / "started.html").write_text(_page(f'<script src="{bundle}"></script>'))
    (tmp_path / "held.html").write_text(_page(f'<script type="text/plain" src="{bundle}"></script>'))
    assert first_visit(tmp_path, "started.html").material_search()[0] == 40 + 20 + 300  # bundle, worker, index
    assert first_visit(tmp_path, "held.html").material_search() == (0, 0)


# ---- the real corpus -----------------------------------------------------------------------------------

def _real_docs(tmp_path: Path) -> Path:
    """The real articles (and what they link to: hubs, site pages) in a throwaway docs folder."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    return docs


def test_copies_of_the_real_articles_have_unique_titles_and_names_and_pass_every_content_check(tmp_path: Path):
    docs = _real_docs(tmp_path)
    originals = real.originals(docs)
    assert len(originals) >= 20 and all(not p.endswith("/index.md") for p in originals)
    count = 2 * len(originals) + 3  # every original copied twice, and a few a third time
    copies = real.write_copies(docs, count)
    assert len(copies) == len(set(copies)) == count
    assert real.originals(docs) == originals  # copies are not copied again
    rules = Rules.load(ROOT / "data", CheckSettings())
    titles, numbers = [], []
    for rel in [*originals, *copies]:
        source = SourceFile(docs / rel, rel, f"docs/{rel}")
        described = describe_file(source, rules.known_tags)
        # A copy's body is its original's (next test): the body checks run on a few, the front matter on all.
        body = check_body(source, rules).findings if rel in copies[::20] else []
        assert [f.format() for f in [*described.findings, *body] if f.level != "info"] == [], rel
        titles.append(described.meta["title"])
        numbers.append(described.meta["id"])
        if rel in copies:
            assert described.kind == "article" and "order" not in described.meta, rel
            assert re.search(r" \(copy \d+\)$", described.meta["title"]) and len(described.meta["title"]) <= 80
    assert len(titles) == len(set(titles)), "titles repeat"
    assert len(numbers) == len(set(numbers)), "short-link numbers repeat"


def test_a_copy_differs_from_its_original_in_the_title_number_and_order_lines_only(tmp_path: Path):
    docs = _real_docs(tmp_path)
    source = real.originals(docs)[0]
    copy = real.write_copies(docs, 1)[0]
    assert copy == real.copy_path(source, 1) == source.removesuffix(".md") + "-copy-0001.md"
    original_lines = (docs / source).read_text(encoding="utf-8").splitlines()
    copy_lines = (docs / copy).read_text(encoding="utf-8").splitlines()
    kept = [line for line in original_lines if not line.startswith(("title:", "order:", "id:"))]
    assert [line for line in copy_lines if not line.startswith(("title:", "id:"))] == kept
    assert f"id: {real.COPY_IDS + 1}" in copy_lines
    # Relative links still resolve: the copy sits beside its original.
    for target in re.findall(r"\]\(([^)#:]+\.md)", "\n".join(copy_lines)):
        assert (docs / copy).parent.joinpath(target).resolve().is_file(), target


def test_a_copy_whose_title_would_be_too_long_is_refused():
    text = '---\ntitle: "' + "x" * 75 + '"\norder: 2\n---\n\nBody.\n'
    assert real.copy_text(text.replace("x" * 75, "Short"), 7).startswith('---\ntitle: "Short (copy 7)"\n---\n')
    with pytest.raises(ValueError, match="longer than 80"):
        real.copy_text(text, 1000)
    with pytest.raises(ValueError, match="no front matter"):
        real.copy_text("Body only.\n", 1)


def test_the_added_articles_are_checked_by_corpus():
    info = "INFO - docs/stigma/shame-copy-0002.md: info: [readability] reading grade 6.1"
    assert bench.check_articles(info, "real") == {"mean": 6.1, "max": 6.1}
    assert bench.check_articles(info, "synthetic") == {}
    with pytest.raises(SystemExit, match="real articles"):
        bench.check_articles("WARNING - docs/stigma/shame-copy-0002.md:3:1: warning: [language] ...", "real")


def test_corpora_are_chosen_on_the_command_line():
    assert bench.parse_args([]).corpus == ["synthetic", "real"]
    assert bench.parse_args(["--corpus", "real", "--n", "10,40"]).n == [10, 40]
    with pytest.raises(SystemExit):
        bench.parse_args(["--corpus", "lorem"])


def test_the_scale_run_is_chosen_on_the_command_line():
    scale = bench.parse_args(["--scale"])
    assert scale.scale and scale.n == [1000, 5000] and scale.stock_minutes == 15 and scale.stock_below is None
    assert bench.parse_args(["--scale", "--stock-below", "5000"]).stock_below == 5000
    assert bench.parse_args([]).n == [100, 1000] and not bench.parse_args([]).scale
    assert bench.parse_args(["--scale", "--n", "50", "--stock-minutes", "2"]).n == [50]
    for wrong in (["--scale", "--profile"], ["--scale", "--stock-minutes", "0"]):
        with pytest.raises(SystemExit):
            bench.parse_args(wrong)


def test_the_memory_of_a_process_tree_counts_its_children(tmp_path: Path):
    alone = bench.tree_rss(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "import time; data = bytearray(200_000_000); time.sleep(30)"])
    try:
        for _ in range(100):  # until the child holds its 200 MB
            if bench.tree_rss(os.getpid()) > alone + 150_000_000:
                break
            time.sleep(0.05)
        assert bench.tree_rss(os.getpid()) > alone + 150_000_000
        assert 150_000_000 < bench.tree_rss(child.pid) < bench.tree_rss(os.getpid())
    finally:
        child.kill()
        child.wait()


def _scale_run(wall: float, cpu: float, peak_gb: float, first_kb: float, next_kb: float,
               stock: dict | None) -> dict:
    queries = [{"query": q, "status": "3 results.", "gzip": kb * bench.KB, "requests": 5}
               for q, kb in zip(bench.QUERIES, (first_kb, next_kb), strict=True)]
    return {"articles": 0, "load_average": (1.0, 1.0, 1.0), "grades": {}, "c": stock,
            "a": {"wall": wall, "cpu": cpu, "peak_rss": peak_gb * bench.GB, "link_check": 3.0, "site_bytes": 10**6,
                  "index": {"raw": 2000, "gzip": 1000, "files": 9}, "queries": queries}}


def test_the_scale_goals_are_growth_memory_and_search_bytes_at_each_size():
    results = {"stock_minutes": 15, "environment": {}, "runs": {"real": {
        "1000": _scale_run(20, 30, 0.7, 140, 30, {"wall": 40.0, "cpu": 40.0, "peak_rss": 1}),
        "5000": _scale_run(120, 160, 4.5, 190, 70, {"gave_up_after_minutes": 15})}}}
    goals = {g["goal"].split(" (")[0].split(" at N")[0]: g for g in bench.scale_goals(results)}
    growth = goals["growth of a, build(5000)/build(1000), wall"]
    assert growth["measured"] == "6.00 (5.33)" and growth["met"] is False
    memory = [g for g in bench.scale_goals(results) if g["goal"].startswith("peak memory")]
    assert [g["met"] for g in memory] == [True, False]
    searches = [(g["target"], g["met"]) for g in bench.scale_goals(results) if "search" in g["goal"]]
    assert searches == [("<= 150 KB", True), ("<= 40 KB", True), ("<= 200 KB", True), ("<= 60 KB", False)]
    ratio = next(g for g in bench.scale_goals(results) if g["goal"].startswith("a/c"))
    assert ratio["goal"].startswith("a/c at N=1000") and ratio["measured"] == "0.50 (0.75)"


def test_the_scale_table_says_when_stock_was_stopped_or_not_tried():
    results = {"stock_minutes": 15, "runs": {"synthetic": {
        "1000": _scale_run(20, 30, 0.7, 140, 30, {"gave_up_after_minutes": 15}),
        "5000": _scale_run(120, 160, 2.0, 190, 50, None)}},
        "environment": {"date": "d", "cores": 2, "cpu": "c", "python": "3", "packages": {},
                        "load_average_start": (1, 1, 1), "load_average_end": (2, 2, 2)}}
    results["goals"] = bench.scale_goals(results)
    text = bench.scale_markdown(results)
    assert "| over 15 min | - | - |" in text and "| not tried | - | - |" in text
    assert not any(g["goal"].startswith("a/c") for g in results["goals"])


# ---- search cost ----------------------------------------------------------------------------------------

def test_a_file_counts_once_in_the_step_that_first_fetched_it():
    sizes = {"page/": (100, 30), "pagefind/pagefind.js": (50, 20), "pagefind/index/en_1.pf_index": (9, 9),
             "pagefind/fragment/en_a.pf_fragment": (4, 4), "pagefind/fragment/en_b.pf_fragment": (5, 5)}
    fetches = [("page load", "page/"), ("first", "pagefind/pagefind.js"), ("first", "pagefind/index/en_1.pf_index"),
               ("first", "pagefind/fragment/en_a.pf_fragment"), ("second", "pagefind/index/en_1.pf_index"),
               ("second", "pagefind/fragment/en_b.pf_fragment"), ("second", "gone.json"), ("third", "page/")]
    steps = search_cost.account(fetches, sizes.get)
    assert [step.name for step in steps] == ["page load", "first", "second", "third"]
    load, first, second, third = steps
    assert (load.raw, load.gzip) == (100, 30)
    assert list(first.files) == ["pagefind/pagefind.js", "pagefind/index/en_1.pf_index",
                                 "pagefind/fragment/en_a.pf_fragment"] and first.gzip == 33
    assert list(second.files) == ["pagefind/fragment/en_b.pf_fragment"] and second.missing == ["gone.json"]
    assert third.summary()["requests"] == 0 and third.gzip == 0  # the browser has it already


def test_a_searchs_files_are_grouped_by_what_they_are():
    files = {"pagefind/pagefind.js": [1, 10], "pagefind/pagefind-worker.js": [1, 11],
             "pagefind/wasm.en.pagefind": [1, 12],
             "pagefind/pagefind-entry.json?ts=1": [1, 1], "pagefind/pagefind.en_0a.pf_meta": [1, 2],
             "pagefind/index/en_1.pf_index": [1, 30], "pagefind/fragment/en_2.pf_fragment": [1, 3],
             "search/crisis-phrases.json": [1, 4], "search/vocabulary.txt": [1, 9], "assets/search-spelling.js": [1, 2]}
    assert search_cost.breakdown(files) == {"Pagefind's code": (3, 33), "entry and meta": (2, 3),
                                            "index chunks": (1, 30), "fragments": (1, 3), "crisis phrases": (1, 4),
                                            "spelling": (2, 11)}
    assert search_cost.breakdown({"x.css": [1, 5]}) == {"other": (1, 5)}


def test_index_size_counts_every_file_at_its_gzip_size_and_per_article(tmp_path: Path):
    files = {"pagefind.js": b"js" * 500, "wasm.en.pagefind": gzip.compress(b"w" * 999), "pagefind-entry.json": b"{}",
             "pagefind.en_1.pf_meta": b"m", "index/en_1.pf_index": b"i" * 100, "fragment/en_1.pf_fragment": b"f" * 50,
             "pagefind-ui.js": b"u" * 10}
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    size = search_cost.index_size(tmp_path, articles=2)
    assert size["raw"] == sum(map(len, files.values())) and size["files"] == len(files)
    assert size["gzip"] == sum(gzip_size(data) for data in files.values())
    assert set(size["kinds"]) == {"engine", "index", "fragments", "ui"}
    assert size["kinds"]["index"]["files"] == 3 and size["kinds"]["ui"]["raw"] == 10
    searched = sum(gzip_size(files[n]) for n in ("pagefind-entry.json", "pagefind.en_1.pf_meta",
                                                 "index/en_1.pf_index", "fragment/en_1.pf_fragment"))
    assert size["index_and_fragments_gzip_per_article"] == round(searched / 2)
    assert size["index_chunks_compression"] == 1.0  # not gzip data: counted as it is


def test_a_site_url_finds_the_file_http_server_sends(tmp_path: Path):
    (tmp_path / "topic" / "page").mkdir(parents=True)
    (tmp_path / "topic" / "page" / "index.html").write_text("x")
    assert search_cost.site_file(tmp_path, "/topic/page/") == tmp_path / "topic" / "page" / "index.html"
    assert search_cost.site_file(tmp_path, "topic/page/index.html") == tmp_path / "topic" / "page" / "index.html"
    assert search_cost.site_file(tmp_path, "/nothing.js") is None
