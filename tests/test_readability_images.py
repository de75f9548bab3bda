"""Readability grades and image rules."""

from pathlib import Path

from between_us.findings import Level
from between_us.images import check_images
from between_us.readability import check_readability, reading_grade, word_count

EASY = "You are not alone. Help is there. Talk to someone you trust. " * 20
HARD = ("Notwithstanding considerable methodological heterogeneity, contemporary epidemiological investigations "
        "consistently demonstrate substantial comorbidity between affective disorders and interpersonal "
        "dysfunction, necessitating multidisciplinary therapeutic interventions. ") * 10


def test_grades_and_levels():
    assert reading_grade(EASY) < 4
    assert check_readability(EASY, "docs/a.md", 8).level is Level.INFO
    hard = check_readability(HARD, "docs/a.md", 8)
    assert hard.level is Level.ERROR and hard.message.startswith(f"reading grade {reading_grade(HARD)} is above")
    assert check_readability(HARD, "docs/a.md", 60).level is Level.INFO


def test_word_count_ignores_markup():
    assert word_count("## Heading\n\nOne [two](https://x.org/a-b-c) `code`.\n") == 3


def check(body: str, folder: Path, max_kb: int = 1) -> list[str]:
    return [f.format() for f in check_images(body, 3, "docs/x.md", folder, max_kb)]


def test_images(tmp_path):
    (tmp_path / "big.png").write_bytes(b"x" * 2048)
    (tmp_path / "ok.png").write_bytes(b"x" * 10)
    assert check("![A calm lake](ok.png)\n![](ok.png){ .decorative }\n<img src=\"ok.png\" alt=\"\">\n", tmp_path) == []
    found = check("![](ok.png)\n<img src=\"ok.png\">\n![Big](big.png)\n![Far](https://cdn.example/a.png)\n", tmp_path)
    assert found[0].startswith("docs/x.md:3:1: error: [image] image without alt text")
    assert found[1].startswith("docs/x.md:4:1: error: [image] <img> without an alt attribute")
    assert found[2] == ("docs/x.md:5:1: error: [image] the image 'big.png' is 2 KB; the limit is 1 KB. "
                        "Resize or compress it.")
    assert "is on another site" in found[3]
