"""Helpline data: schema, phone checks, freshness, and the HTML made from it."""

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from between_us import helplines, strings
from between_us.findings import Level

ROOT = Path(__file__).parents[1]
EN, ES = (strings.load_all(ROOT / "data" / "strings")[lang] for lang in ("en", "es"))
DATA = {
    "regions": [
        {"id": "us", "name": "United States", "emergency": ["911"],
         "emergency_source": "https://www.911.gov/", "emergency_verified": "2026-11-01"},
        {"id": "uk", "name": "United Kingdom", "iso": "GB", "emergency": ["999"],
         "emergency_source": "https://www.nhs.uk/", "emergency_verified": "2026-11-01"},
        {"id": "other", "name": "Other countries"},
    ],
    "short_codes": {"uk": ["85258"]},
    "lines": [
        {"id": "us-988", "name": "988 Lifeline", "kind": "crisis", "regions": ["us"],
         "contacts": [{"type": "call", "number": "988"}, {"type": "text", "number": "741741", "keyword": "HOME"}],
         "hours": "24 hours, every day", "source": "https://988lifeline.org/", "verified": "2026-11-01"},
        {"id": "uk-samaritans", "name": "Samaritans", "kind": "crisis", "regions": ["uk"],
         "contacts": [{"type": "call", "number": "116 123"}, {"type": "text", "number": "85258", "keyword": "SHOUT"},
                      {"type": "email", "address": "jo@samaritans.org", "label": "UK"}],
         "hours": "24 hours, every day", "source": "https://www.samaritans.org/", "verified": "2026-11-01"},
        {"id": "us-samhsa", "name": "SAMHSA Helpline", "kind": "topic", "fits": ["recovery"], "regions": ["us"],
         "contacts": [{"type": "call", "number": "1-800-662-4357"}],
         "hours": "24 hours, every day", "source": "https://www.samhsa.gov/", "verified": "2026-11-01"},
    ],
}


def load(tmp_path: Path, data: dict) -> helplines.HelplineData:
    path = tmp_path / "helplines.yml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return helplines.load(path)


def with_line(**changes) -> dict:
    line = {**DATA["lines"][0], **changes}
    return {**DATA, "lines": [line, *DATA["lines"][1:]]}


def test_valid_data_loads(tmp_path):
    data = load(tmp_path, DATA)
    assert [line.id for line in data.lines] == ["us-988", "uk-samaritans", "us-samhsa"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"contacts": [{"type": "call", "number": "12345"}]},
     "lines.us-988.contacts: '12345' is not a valid number for us"),
    ({"contacts": [{"type": "fax", "number": "988"}]}, "lines.us-988.contacts.0"),
    ({"verified": "last week"}, "lines.us-988.verified: Input should be a valid date"),
    ({"source": "not a url"}, "lines.us-988.source: Input should be a valid URL"),
    ({"regions": ["mars"]}, "unknown region 'mars'"),
    ({"kind": "topic"}, "a topic line needs `fits`"),
    ({"phone": "988"}, "lines.us-988.phone: Extra inputs are not permitted"),
    ({"contacts": [{"type": "call", "number": "988", "lang": "es"}]}, "`lang` and `words` go together"),
    ({"contacts": [{"type": "call", "number": "988", "lang": "es", "words": "llama al 988"}]},
     "`words` must contain {link} once"),
])
def test_invalid_entries_name_the_entry_and_field(tmp_path, changes, message):
    with pytest.raises(helplines.HelplineError) as error:
        load(tmp_path, with_line(**changes))
    assert str(error.value).startswith(str(tmp_path / "helplines.yml"))
    assert message.replace("Value error, ", "") in str(error.value)


def test_emergency_numbers_need_a_source_and_must_be_emergency_numbers(tmp_path):
    region = {**DATA["regions"][0], "emergency": ["912"]}
    with pytest.raises(helplines.HelplineError, match="'912' is not an emergency number of US"):
        load(tmp_path, {**DATA, "regions": [region, *DATA["regions"][1:]]})
    region = {"id": "us", "name": "United States", "emergency": ["911"]}
    with pytest.raises(helplines.HelplineError, match="need emergency_source and emergency_verified"):
        load(tmp_path, {**DATA, "regions": [region, *DATA["regions"][1:]]})


def test_short_codes_must_be_listed_when_the_library_does_not_know_them(tmp_path):
    data = {**DATA, "short_codes": {}}
    data["lines"][1]["contacts"][1]["number"] = "14416"
    with pytest.raises(helplines.HelplineError, match="add it to short_codes"):
        load(tmp_path, data)
    data["short_codes"] = {"uk": ["14416"]}
    assert load(tmp_path, data)
    data["lines"][1]["contacts"][1]["number"] = "85258"


def test_stale_entries_warn_and_strict_mode_errors(tmp_path):
    data = load(tmp_path, DATA)
    today = dt.date(2026, 11, 1) + dt.timedelta(days=181)
    stale = helplines.stale_entries(data, today, 180, "data/helplines.yml")
    assert len(stale) == 5 and all(f.level is Level.WARNING for f in stale)
    assert stale[0].format() == ("data/helplines.yml: warning: [helplines] 'us-988' was last verified 181 days ago "
                                 "(2026-11-01), more than 180: check it against https://988lifeline.org/, then "
                                 "update `verified`.")
    assert all(f.level is Level.ERROR for f in helplines.stale_entries(data, today, 180, "x", strict=True))
    assert helplines.stale_entries(data, today - dt.timedelta(days=1), 180, "x") == []


def test_block_lists_every_region_in_order_with_links(tmp_path):
    block = helplines.crisis_block(load(tmp_path, DATA), "../../", EN)
    assert block.index('data-region="us"') < block.index('data-region="uk"') < block.index('data-region="other"')
    assert '<a href="tel:988" aria-label="call 9 8 8">988</a>' in block
    assert '<a href="sms:741741?body=HOME" aria-label="text HOME to 7 4 1 7 4 1">741741</a>' in block
    assert '<a href="tel:116123" aria-label="call 1 1 6 1 2 3">116 123</a>' in block
    assert '<a href="tel:911" aria-label="call 9 1 1">911</a>' in block
    assert 'href="../../get-help/"' in block
    assert "SAMHSA" not in block


def test_options_in_another_language_follow_in_a_group_the_card_can_put_first(tmp_path):
    spanish = [{"type": "call", "number": "988", "lang": "es", "words": "en español, llama al {link} y marca 2"},
               {"type": "text", "number": "988", "keyword": "AYUDA", "lang": "es", "words": "envía AYUDA al {link}"}]
    data = load(tmp_path, with_line(contacts=[spanish[0], {"type": "call", "number": "988"}, spanish[1]]))
    assert helplines.options_html(data.lines[0], EN) == (
        '<span data-bu-crisis-options><span>call <a href="tel:988" aria-label="call 9 8 8">988</a></span>; '
        '<span data-bu-lang="es"><span lang="es">en español, llama al <a href="tel:988" aria-label="9 8 8">988</a> '
        'y marca 2</span>, <span lang="es">envía AYUDA al <a href="sms:988?body=AYUDA" aria-label="9 8 8">988</a>'
        "</span></span></span>")
    assert "data-bu-crisis-options" not in helplines.options_html(data.lines[1], EN)  # one language: as before
    assert '<span lang="es">envía AYUDA' in helplines.get_help_markdown(data, EN)


def test_the_picker_carries_what_the_region_is_guessed_from(tmp_path):
    block = helplines.crisis_block(load(tmp_path, DATA), "./", EN, zones={"uk": ["Europe/London", "GB"]})
    assert '<option value="uk" data-iso="GB" data-zones="Europe/London GB">United Kingdom</option>' in block
    assert '<option value="us" data-iso="US">United States</option>' in block
    assert '<option value="other">Other countries</option>' in block


def test_the_short_box_gives_each_region_its_emergency_number_its_first_crisis_lines_and_their_date(tmp_path):
    data = {**DATA, "lines": [*DATA["lines"], {**DATA["lines"][0], "id": "us-2", "name": "Second US line",
                                                 "verified": "2026-10-05"},
                               {**DATA["lines"][0], "id": "us-3", "name": "Third US line"}]}
    box = helplines.short_block(load(tmp_path, data), "example.org/get-help/", EN)
    rows = dict(re.findall(r'<p class="bu-crisis-short__region" data-region="(\w+)"[^>]*>(.*?)</p>', box))
    assert list(rows) == ["us", "uk", "other"]
    assert 'data-region="uk" data-iso="GB"' in box
    # The emergency number, then two crisis lines at most; no topic line; the oldest date among them.
    assert "911" in rows["us"] and "988 Lifeline" in rows["us"] and "Second US line" in rows["us"]
    assert "Third US line" not in rows["us"] and "SAMHSA" not in rows["us"]
    assert rows["us"].endswith("Lines checked 5 October 2026.")
    # Paper keeps what can be dialled: Samaritans' number and text, not its email.
    assert "116 123" in rows["uk"] and "samaritans.org" not in rows["uk"]
    assert rows["other"].startswith("<strong>Other countries.</strong> In danger now: call your local emergency")
    # The address to type, broken only between its parts.
    assert ('<span class="bu-nobreak">example.org/</span><wbr><span class="bu-nobreak">get-help/</span>') in box
    assert " id=" not in box  # a pack holds one box per article


def test_topic_lines_only_on_matching_pages(tmp_path):
    data = load(tmp_path, DATA)
    assert "SAMHSA Helpline" in helplines.crisis_block(data, "./", EN, ["recovery"])
    assert "SAMHSA Helpline" not in helplines.crisis_block(data, "./", EN, ["intimacy", "abuse"])


def test_get_help_markdown_lists_every_line_with_source(tmp_path):
    text = helplines.get_help_markdown(load(tmp_path, DATA), EN)
    for expected in ("## United States { #us }", "### 988 Lifeline", "### SAMHSA Helpline", "*For: recovery.*",
                     "[988lifeline.org](https://988lifeline.org/), checked 1 November 2026"):
        assert expected in text


@pytest.mark.parametrize(("page", "expected"), [
    ("<html><body><main>x</main><!-- bu:crisis-lines --><footer></footer></body></html>",
     "<html><body><main>x</main>BLOCK<footer></footer></body></html>"),
    ("<html><body><p>redirect</p></BODY></html>", "<html><body><p>redirect</p>BLOCK</BODY></html>"),
    ("<p>fragment</p>", "<p>fragment</p>BLOCK"),
])
def test_inject(page, expected):
    assert helplines.inject(page, "BLOCK") == expected


def test_relative_root_and_redirect_stubs():
    assert helplines.relative_root("index.html") == "./"
    assert helplines.relative_root("intimacy/a/index.html") == "../../"
    assert helplines.is_redirect_stub('<meta http-equiv="refresh" content="0; url=../new/">')
    assert not helplines.is_redirect_stub("<meta charset=utf-8>")


def test_written_pages_get_the_block_on_stubs_and_are_named_without_it_but_rendered_ones_are_not_read(tmp_path: Path):
    stub = '<html><head><meta http-equiv="refresh" content="0; url=../new/"></head><body></body></html>'
    pages = {"old/index.html": stub, "bare.html": "<html><body>no lines</body></html>",
             "rendered/index.html": "<html><body>written with its block</body></html>"}
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    missing = helplines.complete_written_pages(tmp_path, lambda rel: f"<aside {helplines.BLOCK_MARKER}>{rel}</aside>",
                                               {"rendered/index.html"})
    assert missing == ["bare.html"]
    assert f"<aside {helplines.BLOCK_MARKER}>old/index.html</aside></body>" in (tmp_path / "old/index.html").read_text()


def test_the_project_data_file_is_valid():
    data = helplines.load(ROOT / "data" / "helplines.yml")
    assert {line.kind for line in data.lines} == {"crisis", "topic"}


def test_in_spanish_the_block_says_what_to_do_names_regions_and_words_its_hours(tmp_path):
    samaritans = {**DATA["lines"][1], "coverage": "UK", "coverages": {"es": "Reino Unido"},
                  "contacts": [{"type": "call", "number": "116 123", "label": "free", "labels": {"es": "gratis"}}]}
    data = load(tmp_path, {**DATA, "regions": [{**DATA["regions"][0], "names": {"es": "Estados Unidos"}},
                                               *DATA["regions"][1:]],
                           "lines": [{**DATA["lines"][0], "hours": "always"}, samaritans, *DATA["lines"][2:]]})
    block = helplines.crisis_block(data.in_language("es"), "./", ES)
    assert "<strong>Samaritans</strong> (Reino Unido): llama al" in block and "116 123</a> (gratis)" in block
    assert "(UK)" in helplines.crisis_block(data.in_language("en"), "./", EN)
    assert "<h3 id=\"bu-crisis-us\">Estados Unidos</h3>" in block and ">Estados Unidos</option>" in block
    assert 'llama al <a href="tel:988" aria-label="llama al 9 8 8">988</a>' in block
    assert 'envía HOME al <a href="sms:741741?body=HOME" aria-label="envía HOME al 7 4 1 7 4 1">' in block
    assert "Las 24 horas, todos los días" in block and "¿Necesitas hablar con alguien ahora?" in block
    assert "24 hours" in helplines.crisis_block(data.in_language("en"), "./", EN)  # `always` in English
    for english in ("Need to talk", "In danger now", "call ", "text ", "All regions", "Every line"):
        assert english not in block, english
    assert "comprobada el 1 de noviembre de 2026" in helplines.get_help_markdown(data.in_language("es"), ES)
    # A region without a Spanish name is an error of a Spanish build, naming the region and the fix.
    found = helplines.untranslated(data, "es", ES, "data/helplines.yml")
    assert [f.message.split(":")[0] for f in found] == ["regions.uk", "regions.other"]
    assert all(f.level is Level.ERROR and "names: {es: ...}" in f.message for f in found)
    assert helplines.untranslated(data, "en", EN, "data/helplines.yml") == []


def test_a_lines_languages_are_named_in_the_pages_language_and_an_unnamed_one_is_an_error(tmp_path):
    data = load(tmp_path, with_line(languages=["en", "es"]))
    assert "- Idiomas: inglés, español" in helplines.get_help_markdown(data, ES)
    assert "- Languages: English, Spanish" in helplines.get_help_markdown(data, EN)
    [found] = helplines.untranslated(load(tmp_path, with_line(languages=["en", "ar"])), "en", EN, "x")
    assert found.message.startswith("lines.us-988.languages: 'ar' is not named") and "crisis.spoken" in found.message
    with pytest.raises(helplines.HelplineError, match="languages"):
        load(tmp_path, with_line(languages=["English"]))
