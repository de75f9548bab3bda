"""The site's own scripts as readers download them: their comment lines left out, their code as written."""

from __future__ import annotations

from between_us.scripts import without_comment_lines
from conftest import Build
from sitedata import ROOT

SCRIPTS = sorted((ROOT / "overrides" / "assets").glob("*.js"))


def test_only_whole_comment_lines_go():
    script = ('// Why the file is here.\nconst a = 1; // why one\n  // why the loop\nfor (const x of y) {\n'
              '  f("http://example.org/"); // a URL is not a comment\n}\n')
    assert without_comment_lines(script) == ('const a = 1; // why one\nfor (const x of y) {\n'
                                             '  f("http://example.org/"); // a URL is not a comment\n}\n')


def test_a_template_literal_over_several_lines_keeps_every_line():
    script = "const t = `first\n// not a comment: text\nlast`;\n// a comment\n"
    assert without_comment_lines(script) == "const t = `first\n// not a comment: text\nlast`;\n"


def test_each_script_is_written_without_its_comment_lines_and_with_every_line_of_code(site: Build):
    assert SCRIPTS
    for script in SCRIPTS:
        source = script.read_text(encoding="utf-8")
        code = [line for line in source.splitlines() if not line.lstrip().startswith("//")]
        for root in ("", "es/"):
            written = site.html(f"{root}assets/{script.name}")
            assert written.splitlines() == code, f"{root}assets/{script.name}"
            assert len(written) < len(source), script.name
