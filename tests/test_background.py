"""Background work: the same results in-process and in a worker process, errors raised where used."""

from __future__ import annotations

from pathlib import Path

import pytest
from between_us import background
from between_us.content import Rules, SourceFile, check_bodies, describe_files
from between_us.handout import qr_svgs
from between_us.settings import CheckSettings
from conftest import article
from sitedata import ROOT


def _sources(folder: Path, count: int) -> list[SourceFile]:
    sources = []
    for index in range(count):
        path = folder / "recovery" / f"a{index}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        body = "He is an addict.\n" if index == 3 else None
        path.write_text(article(f"Article {index}", topic="recovery", body=body), encoding="utf-8")
        sources.append(SourceFile(path, f"recovery/a{index}.md", f"docs/recovery/a{index}.md"))
    return sources


def test_map_keeps_the_order_of_items_across_batches():
    work = background.Background(0)
    pending = work.map(qr_svgs, [f"https://example.org/{i}/" for i in range(background.BATCH + 3)], "QR code: {url}")
    codes = pending.result()
    assert len(codes) == background.BATCH + 3
    assert "https://example.org/0/" in codes[0] and f"https://example.org/{background.BATCH + 2}/" in codes[-1]


def test_an_error_in_a_task_is_raised_where_the_result_is_used(tmp_path: Path):
    missing = [SourceFile(tmp_path / "gone.md", "recovery/gone.md", "docs/recovery/gone.md")]
    pending = background.Background(0).map(describe_files, missing, frozenset())
    with pytest.raises(FileNotFoundError):
        pending.result()


def _check_all(work: background.Background, sources: list[SourceFile], rules: Rules) -> tuple[list, list]:
    return work.map(describe_files, sources, rules.known_tags).result(), work.map(check_bodies, sources, rules).result()


def test_a_worker_process_gives_the_same_findings_as_in_process(tmp_path: Path):
    rules = Rules.load(ROOT / "data", CheckSettings())
    sources = _sources(tmp_path, 5)
    worker = background.Background(1)
    try:
        here, there = _check_all(background.Background(0), sources, rules), _check_all(worker, sources, rules)
    finally:
        worker.close()
    assert here == there
    assert any("'addict'" in f.message for f in there[1][3].findings)


def test_start_uses_workers_only_for_a_large_site_on_a_machine_with_a_spare_core(monkeypatch):
    monkeypatch.setattr(background, "spare_cores", lambda: 3)
    assert background.start(pages=99, min_pages=100).workers == 0
    big = background.start(pages=100, min_pages=100)
    assert big.workers == 3 and background.current() is big
    background.stop()
    monkeypatch.setattr(background, "spare_cores", lambda: 0)
    assert background.start(pages=5000, min_pages=100).workers == 0
