"""The language table and its matcher: whole words, inflections, prose only, explained opt-outs."""

from pathlib import Path

import pytest
from between_us.language import check_language, load_table

TABLE = load_table(Path(__file__).parents[1] / "data" / "language.yml")


def check(body: str) -> tuple[list[str], list[str]]:
    found, allowed = check_language(body, 10, "docs/x.md", TABLE.rules)
    return [f.format() for f in found], [a.format() for a in allowed]


@pytest.mark.parametrize("rule", [r for r in TABLE.rules if r.level == "error"], ids=lambda r: r.terms[0])
def test_every_error_term_and_its_inflections_fail(rule):
    for term in rule.terms:
        found, _ = check(f"Some text with {term} in it.\n")
        assert len(found) == 1 and ": error: [language]" in found[0], term


def test_finding_names_line_column_suggestion_and_source():
    found, _ = check("First line.\nHe committed suicide last year.\n")
    assert found == ["docs/x.md:11:4: error: [language] 'committed suicide' -> died by suicide; took their own life "
                     "(suggests a crime or a sin; source: Samaritans media guidelines; reportingonsuicide.org)"]


def test_case_and_line_breaks_still_match():
    found, _ = check("They COMMITTED\nsuicide.\n")
    assert found and found[0].startswith("docs/x.md:10:6: error")


def test_warn_terms_are_warnings():
    found, _ = check("She is living, not suffering from it, and not crazy.\n")
    assert [m.split(": ")[1] for m in found] == ["warning", "warning"]


def test_whole_words_only():
    assert check("An addiction is a health condition. Addictive apps. The nutshell.\n") == ([], [])


def test_code_urls_and_html_are_not_prose():
    body = ("Use `committed suicide` as an example string.\n\n```\nan addict\n```\n\n"
            "[a link](https://example.org/crazy-addict) and <span title=\"addict\">kind words</span>\n")
    assert check(body) == ([], [])


def test_allowed_occurrence_is_counted_not_failed():
    found, allowed = check("Avoid the word \"addict\". <!-- lint-allow: quoted to explain why it hurts -->\n")
    assert found == []
    assert allowed == ["docs/x.md:10:17: info: [language-allowed] 'addict' allowed: quoted to explain why it hurts"]


def test_a_marker_that_allows_nothing_is_a_warning():
    found, _ = check("Kind words only. <!-- lint-allow: just in case -->\n")
    assert found == ["docs/x.md:10: warning: [language] this lint-allow marker allows no listed term on its line: "
                     "remove it, so every opt-out stays meaningful."]


def test_allow_marker_needs_a_reason_and_the_same_line():
    found, _ = check("an addict <!-- lint-allow: -->\nan addict\n<!-- lint-allow: reason -->\n")
    assert [f.split(": ")[1] for f in found] == ["error", "error", "warning"]
