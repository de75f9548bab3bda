"""The interface text files: one per language, the same keys as English, plain text only."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from between_us import strings

ROOT = Path(__file__).resolve().parents[1]


def _folder(tmp_path: Path, **files: str) -> Path:
    for lang, text in files.items():
        (tmp_path / f"{lang}.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_real_files_load_with_the_same_keys():
    languages = strings.load_all(ROOT / "data" / "strings")
    assert {"en", "es"} <= languages.keys()
    assert languages["es"].crisis_card.heading == "Hay ayuda ahora mismo"


def test_a_missing_translation_names_the_file_and_key(tmp_path: Path):
    folder = _folder(tmp_path, en="a:\n  b: One\n  c: Two\n", es="a:\n  b: Uno\n  d: Extra\n")
    with pytest.raises(strings.StringsError) as error:
        strings.load_all(folder, "data/strings")
    assert "data/strings/es.yml" in str(error.value)
    assert "translate a.c" in str(error.value) and "a.d" in str(error.value)


@pytest.mark.parametrize("value", ['"<b>bold</b>"', '""', "[1, 2]"])
def test_a_string_is_a_line_of_plain_text(tmp_path: Path, value: str):
    with pytest.raises(strings.StringsError, match=r"`a\.b`"):
        strings.load_all(_folder(tmp_path, en=f"a:\n  b: {value}\n"))


def test_english_is_required(tmp_path: Path):
    with pytest.raises(strings.StringsError, match=r"en\.yml is missing"):
        strings.load_all(_folder(tmp_path, es="a: Uno\n"))


def test_every_tag_has_a_name_in_every_language():
    tags = yaml.safe_load((ROOT / "data" / "tags.yml").read_text(encoding="utf-8"))["tags"]
    for lang, said in strings.load_all(ROOT / "data" / "strings").items():
        assert sorted(said.tags) == sorted(tags), f"data/strings/{lang}.yml: `tags` must name each tag of data/tags.yml"


def test_a_translation_keeps_the_placeholders_of_english(tmp_path: Path):
    folder = _folder(tmp_path, en='a:\n  b: "Written {date}"\n  c: "Call {link}"\n',
                     es='a:\n  b: "Escrito el {fecha}"\n  c: "Llama {link} {link}"\n')
    with pytest.raises(strings.StringsError, match=r"es\.yml: keep each \{placeholder\}.* a\.b, a\.c"):
        strings.load_all(folder)
