"""`make report`: the editor's report, a Markdown table of every article and helpline entry, with totals."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from between_us import content, editors_report, helplines
from conftest import article
from sitedata import ROOT, articles, front_matter

TODAY = dt.date(2026, 12, 1)


def _rows(text: str, heading: str) -> list[list[str]]:
    """The body rows of the table under `## heading`."""
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[1:]]


def test_make_report_runs_the_report_module_and_nothing_else():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nreport:", 1)[1].split("\n\n", 1)[0]
    assert recipe.splitlines()[0].strip() == "$(BIN)/.installed"
    assert recipe.splitlines()[1].strip() == "@PYTHONPATH=hooks $(BIN)/python -m between_us.editors_report"


def test_the_report_lists_every_article_and_helpline_entry_with_totals():
    result = subprocess.run([sys.executable, "-m", "between_us.editors_report", "--today", str(TODAY)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")}, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(f"# Between Us: editor's report, {TODAY}\n")
    assert "| path | topic | words | reading grade | references | review | next review due | last updated |" in text
    rows = _rows(text, "Articles")
    assert [row[0] for row in rows] == [f"docs/{src}" for src in articles()]
    for row in rows:
        meta = front_matter(row[0].removeprefix("docs/"))
        assert row[1] == meta["topic"] and row[3] == str(float(row[3]))
        assert int(row[4]) == len(meta["references"]) and row[5] == "pending" and row[6] == "-"
        assert row[7] == str(meta["updated"]) and 700 <= int(row[2]) <= 1500
    data = helplines.load(ROOT / "data" / "helplines.yml")
    lines = _rows(text, "Helplines")
    assert [row[0] for row in lines] == [entry for entry, _, _ in helplines.dated_entries(data)]
    for entry_id, verified, stale in lines:
        assert stale.split()[0] == str(180 - (TODAY - dt.date.fromisoformat(verified)).days), entry_id
    totals = dict(map(tuple, _rows(text, "Totals")))
    assert totals["articles"] == str(len(articles())) and totals["review pending"] == str(len(articles()))
    assert totals["helpline entries"] == str(len(lines))
    assert totals["words"] == str(sum(int(row[2]) for row in rows))
    # The Spanish edition: each article with its English twin, its own reading measure and its review.
    spanish = _rows(text, "Español (es)")
    assert [row[:2] for row in spanish] == [[f"docs/{src}", f"docs/{src.removeprefix('es/')}"]
                                            for src in articles("es")]
    for row in spanish:
        meta = front_matter(row[0].removeprefix("docs/"))
        assert 60 <= float(row[3]) <= 100 and row[4] == "pending" and row[5] == str(meta["translated"])
        assert row[6] == str(front_matter(row[1].removeprefix("docs/"))["updated"])
        assert row[7] in ("up to date", "out of date: the English changed after it")
    assert totals["es: articles"] == str(len(articles("es")))
    assert totals["es: English articles not yet translated"] == str(len(articles()) - len(articles("es")))


def _project(tmp_path: Path, pages: dict[str, str], reviewers: list[dict]) -> Path:
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "data" / "reviewers.yml").write_text(yaml.safe_dump({"reviewers": reviewers}), encoding="utf-8")
    for rel, text in pages.items():
        (tmp_path / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_report_shows_each_review_state_and_needs_no_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    reviewer = {"id": "test-reviewer", "name": "Test Reviewer (fictional)", "credentials": "Psychologist"}
    root = _project(tmp_path, {
        "intimacy/a.md": article("A", review="{by: test-reviewer, on: 2025-12-01, version: VERSION}", date="2025-11-01",
                                 updated="2025-11-02"),
        "intimacy/b.md": article("B", review="{by: test-reviewer, on: 2024-01-10, next: 2026-01-10, version: VERSION}",
                                 date="2023-01-01", updated="2024-02-01"),
        "intimacy/c.md": article("C", review="{by: test-reviewer, on: 2025-01-10, next: 2026-12-31, version: VERSION}",
                                 date="2025-01-01", updated="2025-01-02"),
        "intimacy/d.md": article("D"),
        "about.md": "---\ntitle: About\ndescription: A site page.\n---\n\nNot an article.\n",
    }, [reviewer])

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the report tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    calls = {"describe_file": 0, "reading_grade": 0}
    for name, module in (("describe_file", editors_report), ("reading_grade", editors_report)):
        original = getattr(module, name)

        def counted(*args: object, _original=original, _name=name, **kwargs: object) -> object:
            calls[_name] += 1
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    text = editors_report.report(root, TODAY)
    rows = {row[0]: row for row in _rows(text, "Articles")}
    assert list(rows) == ["docs/intimacy/a.md", "docs/intimacy/b.md", "docs/intimacy/c.md", "docs/intimacy/d.md"]
    assert rows["docs/intimacy/a.md"][5:7] == ["reviewed", "2027-12-01"]
    assert rows["docs/intimacy/b.md"][5:7] == ["overdue", "2026-01-10"]
    assert rows["docs/intimacy/c.md"][5:7] == ["reviewed, due in 30 days", "2026-12-31"]
    assert rows["docs/intimacy/d.md"][5:7] == ["pending", "-"]
    totals = dict(map(tuple, _rows(text, "Totals")))
    assert (totals["reviewed"], totals["review pending"], totals["review overdue"],
            totals["review due within 60 days"]) == ("3", "1", "1", "1")
    # Each file is read by the checks' own functions, once: no figure is worked out twice.
    assert calls == {"describe_file": 5, "reading_grade": 4}
    assert re.search(r"\| docs/intimacy/a\.md \| intimacy \| \d+ \| \d+\.\d \| 3 \|", text)


def _translation(number: int, translated: str, **fields: str) -> str:
    return article("Traducción", id="", translation_of=str(number), translated=translated, **fields)


def test_the_report_shows_each_translations_state_against_its_english_article(tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch):
    """Like the build's translation check (editions.translation_state): up to date, out of date (the English
    updated after `translated`), a wrong number, no English article; English articles not yet translated."""
    reviewer = {"id": "test-reviewer", "name": "Test Reviewer (fictional)", "credentials": "Psychologist"}
    root = _project(tmp_path, {
        "intimacy/a.md": article("A", id="9101", updated="2026-11-20"),
        "intimacy/b.md": article("B", id="9102", updated="2026-11-28"),
        "intimacy/c.md": article("C", id="9103"),
        "intimacy/d.md": article("D", id="9104"),
        "es/intimacy/a.md": _translation(9101, "2026-11-25"),
        "es/intimacy/b.md": _translation(9102, "2026-11-25",
                                         review="{by: test-reviewer, on: 2026-11-26, version: VERSION}"),
        "es/intimacy/c.md": _translation(9999, "2026-11-25"),
        "es/intimacy/gone.md": _translation(9105, "2026-11-25"),
    }, [reviewer])
    calls = {"describe_file": 0}
    original = editors_report.describe_file

    def counted(*args: object, **kwargs: object) -> object:
        calls["describe_file"] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(editors_report, "describe_file", counted)
    text = editors_report.report(root, TODAY)
    english = _rows(text, "Articles")
    assert [row[0] for row in english] == [f"docs/intimacy/{name}.md" for name in "abcd"]  # no docs/es/ file
    rows = {row[0].removeprefix("docs/es/intimacy/"): row for row in _rows(text, "Español (es)")}
    assert {name: (row[1], row[6], row[7]) for name, row in rows.items()} == {
        "a.md": ("docs/intimacy/a.md", "2026-11-20", "up to date"),
        "b.md": ("docs/intimacy/b.md", "2026-11-28", "out of date: the English changed after it"),
        "c.md": ("docs/intimacy/c.md", "2026-11-20", "translation_of is not the English article's id"),
        "gone.md": ("-", "-", "no English article at its path"),
    }
    assert rows["b.md"][4] == "reviewed" and rows["a.md"][4] == "pending" and float(rows["a.md"][3]) > 0
    totals = dict(map(tuple, _rows(text, "Totals")))
    assert (totals["es: articles"], totals["es: English articles not yet translated"],
            totals["es: translations out of date"], totals["es: translations that do not match their English article"],
            totals["es: reviewed"]) == ("4", "1", "1", "2", "1")
    assert totals["articles"] == "4"
    assert calls["describe_file"] == 8  # each file once


def test_the_report_reuses_the_checks_functions():
    source = Path(editors_report.__file__).read_text(encoding="utf-8")
    assert editors_report.describe_file is content.describe_file
    assert "helplines.days_until_stale" in source and "helplines.dated_entries" in source
    assert "textstat" not in source and "word_count" not in source  # the checks' reading_grade and word count
