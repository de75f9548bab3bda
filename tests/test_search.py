"""Search data (synonyms, crisis phrases), the words indexed with each page, and the vocabulary of what is
indexed, without a build."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import search_index
from between_us import helplines, search, search_vocabulary
from between_us.pagefind_service import IndexService, PagefindError
from crisis_queries import NO_CARD, SHOW, SPANISH, SPANISH_NO_CARD
from pagefind_index import WORDS, build_index, write_pages
from sitedata import ROOT, mkdocs_config

SYNONYMS = search.Synonyms.model_validate({"small_words": ["my"], "groups": [
    {"words": ["desire", "libido", "sex drive"], "reason": "r"},
    {"words": ["partner", "husband", "wife"], "reason": "r"},
]})


def test_normalize_matches_how_the_search_box_reads_a_query():
    assert search.normalize("Can't  SELF-HARM?!  116 123") == "cant self harm 116 123"
    assert search.normalize("I\u2019m scared") == "im scared"


def test_a_page_is_found_by_every_word_of_each_group_it_uses_and_its_keywords_are_kept_apart():
    assert search.Synonyms.terms_for(SYNONYMS, "Low desire is common.", ["ssri"]) == ["desire", "libido", "sex drive"]
    assert search.Synonyms.terms_for(SYNONYMS, "Partners and DESIRES") == [
        "desire", "libido", "sex drive", "partner", "husband", "wife"]
    assert search.Synonyms.terms_for(SYNONYMS, "Nothing to see", ["husband"]) == ["partner", "wife"]
    assert search.Synonyms.terms_for(SYNONYMS, "desired outcome? no: 'desire' is a whole word") == [
        "desire", "libido", "sex drive"]
    assert search.Synonyms.terms_for(SYNONYMS, "undesirable") == []


def test_a_page_uses_a_groups_word_with_or_without_its_accents():
    spanish = search.Synonyms.model_validate({"small_words": ["de"], "groups": [
        {"words": ["depresión", "deprimido", "bajón"], "reason": "r"}]})
    assert spanish.terms_for("La DEPRESION y el bajon") == ["depresión", "deprimido", "bajón"]
    assert spanish.terms_for("Estoy deprimído.") == ["depresión", "deprimido", "bajón"]
    assert spanish.terms_for("deprimente") == []


def test_each_language_has_its_synonyms_file_and_the_first_has_none_of_its_name():
    assert search.synonyms_file("en", "en") == "data/search-synonyms.yml"
    assert search.synonyms_file("es", "en") == "data/search-synonyms.es.yml"
    languages = [edition["lang"] for edition in mkdocs_config()["extra"]["languages"]]
    for lang in languages:
        assert (ROOT / search.synonyms_file(lang, languages[0])).exists(), lang


def test_crisis_phrases_add_every_helpline_name_and_number_from_the_data():
    terms = search.CrisisTerms.model_validate({"terms": [
        {"phrase": "self harm", "forms": ["self-harm"], "reason": "r"},
        {"phrase": "text shout", "alone": ["shout"], "reason": "r"}]})
    data = helplines.load(ROOT / "data" / "helplines.yml")
    phrases = terms.phrases(data)
    assert phrases["languages"] == {"en": {"within": ["self harm", "text shout"], "alone": ["shout"]}}  # once each
    for line in data.lines:
        assert search.crisis_key(line.name) in [*phrases["any"], "shout"], line.id
    assert {"samaritans", "116 123", "116123", "988"} <= set(phrases["any"])
    assert "samhsa" in phrases["any"]  # a name readers type (search_names)
    assert "shout" not in phrases["any"]  # an everyday word: the service's name only as the whole query


CRISIS = search.load_data(ROOT / "data" / "crisis-terms.yml", search.CrisisTerms, "data/crisis-terms.yml")[0]
PHRASES = search.expand(CRISIS.phrases(helplines.load(ROOT / "data" / "helplines.yml")))


@pytest.mark.parametrize("query", SHOW)
def test_what_a_reader_in_danger_types_shows_the_card(query: str):
    assert search.crisis_language(query, PHRASES, "en") == "en"


@pytest.mark.parametrize("query", NO_CARD)
def test_ordinary_searches_that_share_words_with_a_crisis_phrase_show_no_card(query: str):
    assert search.crisis_language(query, PHRASES, "en") is None


@pytest.mark.parametrize("query", SPANISH)
def test_spanish_crisis_phrases_show_the_card_in_spanish_on_an_english_page_and_a_spanish_one(query: str):
    assert search.crisis_language(query, PHRASES, "en") == "es"
    assert search.crisis_language(query, PHRASES, "es") == "es"


@pytest.mark.parametrize("query", SPANISH_NO_CARD)
def test_ordinary_spanish_searches_show_no_card(query: str):
    assert search.crisis_language(query, PHRASES, "en") is None


def test_the_card_is_in_the_pages_language_for_its_own_phrases_and_for_a_service_or_number():
    assert search.crisis_language("988", PHRASES, "en") == "en"
    assert search.crisis_language("988", PHRASES, "es") == "es"  # a number is in no language
    assert search.crisis_language("call 116 123", PHRASES, "en") == "en"
    assert search.crisis_language("quiero morir, llamo al 988", PHRASES, "en") == "es"
    assert search.crisis_language("suicide suicidio", PHRASES, "en") == "en"  # both: the page's


@pytest.mark.parametrize(("text", "key"), [
    ("Suicídio", "suicidio"), ("QUIERO MORÍR!", "quiero morir"), ("daño", "dano"),
    ("Can't  SELF-HARM?!", "cant self harm"), ("Tomé muchas pastillas", "tome muchas pastillas"),
    ("naïve café", "naive cafe"),
])
def test_crisis_matching_ignores_case_punctuation_and_accents(text: str, key: str):
    assert search.crisis_key(text) == key


def test_a_slot_stands_for_each_of_its_words_and_an_alone_phrase_only_for_the_whole_query():
    terms = search.CrisisTerms.model_validate({"slots": {"someone": ["he", "my ex"]}, "terms": [
        {"phrase": "{someone} hit me", "alone": ["hit me", "{someone} hit"], "reason": "r"},
        {"phrase": "me pega", "lang": "es", "reason": "r"}]})
    written = terms.phrases()  # the file the search box reads: the slots as they are, and their words
    assert written["slots"] == {"someone": ["he", "my ex"]}
    assert written["languages"]["en"] == {"within": ["{someone} hit me"], "alone": ["hit me", "{someone} hit"]}
    phrases = search.expand(written)
    assert "slots" not in phrases
    assert phrases["languages"]["en"] == {"within": ["he hit me", "my ex hit me"], "alone": ["he hit", "hit me",
                                                                                               "my ex hit"]}
    assert [search.crisis_language(q, phrases, "en") for q in ("Hit me", "he hit me again", "grief hit me hard",
                                                                "My ex hit", "my ex hit the car", "ella me pega")
            ] == ["en", "en", None, "en", None, "es"]


def test_an_unknown_slot_and_a_language_without_interface_text_are_named(tmp_path: Path):
    (tmp_path / "c.yml").write_text("terms:\n  - phrase: '{who} hit me'\n    reason: r\n", encoding="utf-8")
    data, found = search.load_data(tmp_path / "c.yml", search.CrisisTerms, "data/c.yml")
    assert data is None and found[0].format().startswith(
        "data/c.yml:2: error: [search-data] field 'terms': term 1 ('{who} hit me'): '{who}' in '{who} hit me' is "
        "not a slot: add it under `slots`, or write the words out"), found[0].format()
    (tmp_path / "c.yml").write_text("slots: {who: [he]}\nterms:\n  - phrase: \"{who}'s hitting me\"\n    reason: r\n",
                                    encoding="utf-8")
    found = search.load_data(tmp_path / "c.yml", search.CrisisTerms, "data/c.yml")[1]
    assert "write each slot in '{who}'s hitting me' as a word of its own" in found[0].format(), found[0].format()
    terms = search.CrisisTerms.model_validate({"terms": [{"phrase": "ajuda", "lang": "pt", "reason": "r"}]})
    found = search.languages_without_strings(terms, ROOT / "data" / "strings", "data/crisis-terms.yml")
    assert [f.format() for f in found] == [
        "data/crisis-terms.yml: error: [search-data] terms: `lang: pt` has no data/strings/pt.yml, so the crisis card "
        "cannot be shown in it: add that file (translated from en.yml), or fix the code"]
    assert search.languages_without_strings(CRISIS, ROOT / "data" / "strings", "x") == []


def test_the_real_data_files_are_valid():
    for name, model in (("search-synonyms.yml", search.Synonyms), ("search-synonyms.es.yml", search.Synonyms),
                        ("crisis-terms.yml", search.CrisisTerms)):
        data, found = search.load_data(ROOT / "data" / name, model, f"data/{name}")
        assert found == [] and data is not None, [f.format() for f in found]


def test_the_small_words_of_each_language_are_function_words_not_subjects():
    english = search.load_data(ROOT / "data" / "search-synonyms.yml", search.Synonyms, "x")[0].small_words
    spanish = search.load_data(ROOT / "data" / "search-synonyms.es.yml", search.Synonyms, "x")[0].small_words
    assert {"how", "my", "to", "the"} <= set(english) and {"de", "la", "que", "mi", "con", "no"} <= set(spanish)
    # Words a reader's subject needs stay searched ("sin ganas", "me siento solo").
    assert not {"sex", "partner", "alone", "help"} & set(english)
    assert not {"sin", "solo", "sexo", "pareja", "ayuda", "mal"} & set(spanish)


SMALL = "small_words: [a]\n"


@pytest.mark.parametrize(("text", "expected"), [
    ("groups:\n  - words: [desire, libido]\n    reason: r\n  - words: [Libido, wish]\n    reason: r\n" + SMALL,
     "data/s.yml:4: error: [search-data] field 'groups.1.words.0': write it in lower case."),
    ("groups:\n  - words: [desire, libido]\n    reason: r\n  - words: [libido, wish]\n    reason: r\n" + SMALL,
     "data/s.yml:2: error: [search-data] field 'groups': 'libido' is in two groups (numbers 1 and 2): merge them, "
     "or keep the word in one."),
    ("groups:\n  - words: [desire]\n    reason: r\n" + SMALL,
     "data/s.yml:2: error: [search-data] field 'groups.0.words': List should have at least 2 items after "
     "validation, not 1."),
    ("groups:\n  - words: ['<b>desire</b>', libido]\n    reason: r\n" + SMALL,
     "data/s.yml:2: error: [search-data] field 'groups.0.words.0': contains '<'"),
    ("groups: [\n", "data/s.yml:2: error: [search-data] not valid YAML"),
    ("small_words: [de, Mi]\ngroups: []\n",
     "data/s.yml:1: error: [search-data] field 'small_words.1': write one word as a query is read"),
    ("small_words: [de, \"que tal\"]\ngroups: []\n",
     "data/s.yml:1: error: [search-data] field 'small_words.1': write one word as a query is read"),
    ("small_words: [de, la, de]\ngroups: []\n",
     "data/s.yml:1: error: [search-data] field 'small_words': de listed twice: keep one."),
    ("groups:\n  - words: [pareja, esposo]\n    reason: r\nsmall_words: [de, esposo]\n",
     "data/s.yml:4: error: [search-data] field 'small_words': esposo in a synonym group too"),
    ("groups: []\n", "data/s.yml:1: error: [search-data] field 'small_words': Field required."),
])
def test_a_bad_synonyms_file_is_named_by_line_and_field(tmp_path: Path, text: str, expected: str):
    (tmp_path / "s.yml").write_text(text, encoding="utf-8")
    data, found = search.load_data(tmp_path / "s.yml", search.Synonyms, "data/s.yml")
    assert data is None and found[0].format().startswith(expected), found[0].format()


def test_a_bad_synonyms_file_fails_the_build(make_site):
    build = make_site(data={"search-synonyms.yml": "groups:\n  - words: [Desire, libido]\n    reason: r\n"})
    assert build.returncode != 0
    assert "data/search-synonyms.yml:2: error: [search-data] field 'groups.0.words.0'" in build.output


def test_pagefind_runs_from_the_pinned_package_over_the_written_pages(tmp_path: Path):
    command = search.pagefind_command(tmp_path / "pages", tmp_path / "site" / "pagefind")
    assert command[0] == sys.executable and command[1:3] == ["-m", "pagefind"]
    assert command[3:7] == ["--site", str(tmp_path / "pages"), "--output-path", str(tmp_path / "site" / "pagefind")]


def test_the_vocabulary_is_every_word_of_letters_most_common_first_as_a_query_is_read():
    texts = ["Lonely? You're not alone.", "LONELY and isolated: call 116 123 or 988", "alone, lonely, ok"]
    assert search_vocabulary.build(texts) == ["lonely", "alone", "and", "call", "isolated", "not", "youre"]


def test_the_vocabulary_is_written_from_the_pages_pagefind_indexed(tmp_path: Path):
    write_pages(tmp_path / "pages", 3)
    build_index(tmp_path / "pages", tmp_path / "site" / "pagefind")
    target = tmp_path / "site" / "search" / "vocabulary.txt"
    assert search_vocabulary.write(tmp_path / "site" / "pagefind", target) == len(WORDS) + 1
    words = search_vocabulary.decode(target.read_text(encoding="utf-8"))
    assert sorted(words) == sorted([*WORDS, "page"])  # the numbers of "Page 1" are left out
    assert words == sorted(words)  # fewer than 50 words: one band, in alphabetical order


def test_the_vocabulary_file_is_the_words_in_bands_of_how_common_each_sharing_first_letters_with_the_last():
    words = [f"w{number:04d}" for number in range(300)]  # most common first
    found = search_vocabulary.bands(list(reversed(words)))
    assert [len(band) for band in found] == [50, 150, 100]
    assert found[0] == sorted(words[-50:]) and found[2] == sorted(words[:100])
    assert search_vocabulary.encode(["lonely", "alone", "lone"]) == "0alone\n0lone\n4ly"
    assert search_vocabulary.encode(["relationship", "relationships"]) == "0relationship\n9hips"  # 9 at most
    common = search_vocabulary.build(["crisis " * 60 + " ".join(words), "cris"])
    assert search_vocabulary.decode(search_vocabulary.encode(common)) == [
        word for band in search_vocabulary.bands(common) for word in band]
    assert search_vocabulary.decode("") == [] and search_vocabulary.encode([]) == ""


class _Written:
    """What finish_index asks of the build's IndexService: an index Pagefind writes over `pages`, one of its
    fragments then broken on request."""

    def __init__(self, pages: Path, broken_fragment: bool) -> None:
        self.pages, self.broken = pages, broken_fragment

    def write(self, output: Path) -> int:
        build_index(self.pages, output)
        if self.broken:
            next((output / "fragment").iterdir()).write_bytes(b"not pagefind")
        return 2


def _finished(tmp_path: Path, broken_fragment: bool) -> tuple[list, Path]:
    """The search index step's end (hooks/search_index.py) once Pagefind has written its index."""
    write_pages(tmp_path / "pages", 2)
    output = tmp_path / "site" / "pagefind"
    found = search_index.finish_index(_Written(tmp_path / "pages", broken_fragment), output)
    return found, tmp_path / "site" / search_index.VOCABULARY


def _pages(folder: Path) -> list[tuple[str, str]]:
    return [(page.relative_to(folder).as_posix(), page.read_text(encoding="utf-8"))
            for page in sorted(folder.rglob("*.html"))]


def test_pagefind_fed_a_page_at_a_time_writes_what_it_writes_over_the_folder(tmp_path: Path):
    # The build feeds Pagefind's service each page as it is written; the index reads as `pagefind --site` makes it:
    # the same pages at the same addresses, with the same text (a fragment's name is the hash of its content).
    write_pages(tmp_path / "pages", 4)
    build_index(tmp_path / "pages", tmp_path / "folder")
    service = IndexService()
    for path, html in _pages(tmp_path / "pages"):
        service.add(path, html)
    assert service.write(tmp_path / "fed") == 4
    folders = ("folder", "fed")
    fragments = {name: sorted(p.name for p in (tmp_path / name / "fragment").iterdir()) for name in folders}
    assert fragments["fed"] == fragments["folder"] and len(fragments["fed"]) == 4
    entry = {name: json.loads((tmp_path / name / "pagefind-entry.json").read_text()) for name in folders}
    assert entry["fed"]["languages"]["en"]["page_count"] == entry["folder"]["languages"]["en"]["page_count"] == 4


def test_pagefind_that_cannot_write_its_index_says_why(tmp_path: Path):
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    service = IndexService()
    service.add("page/index.html", "<html><body><main data-pagefind-body><p>calm</p></main></body></html>")
    found = search_index.finish_index(service, tmp_path / "file" / "pagefind")
    assert [f.rule for f in found] == ["search-index"] and "Pagefind could not index" in found[0].message


def test_a_pagefind_service_that_ended_says_so():
    service = IndexService()
    service.stop()  # as a build error stops it
    service.add("page/index.html", "<html><body><main data-pagefind-body><p>calm</p></main></body></html>")
    with pytest.raises(PagefindError, match=r"service (stopped|ended)"):
        service.write(Path("unused"))


def test_the_build_writes_the_vocabulary_beside_the_crisis_phrases(tmp_path: Path):
    found, vocabulary = _finished(tmp_path, broken_fragment=False)
    assert found == [] and "kindness" in search_vocabulary.decode(vocabulary.read_text(encoding="utf-8"))


def test_a_vocabulary_that_cannot_be_read_is_a_search_index_finding_with_the_reason(tmp_path: Path):
    found, vocabulary = _finished(tmp_path, broken_fragment=True)
    assert [f.rule for f in found] == ["search-index"] and "vocabulary" in found[0].message
    assert not vocabulary.exists()
