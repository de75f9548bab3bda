"""Material's stylesheets cut to the rules the built pages can match (hooks/theme_css.py)."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from between_us.theme_css import classes_in_page, required_classes, theme_stylesheets, trim, words_in_script

MATERIAL_CSS = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.min.css"))


def test_a_selector_needing_a_class_no_page_has_goes_and_its_rule_when_none_is_left():
    css = ".a,.b .c{color:red}.b{margin:0}p.c:hover{color:blue}"
    assert trim(css, {"a", "b"}) == ".a{color:red}.b{margin:0}"
    assert trim(css, {"b", "c"}) == ".b .c{color:red}.b{margin:0}p.c:hover{color:blue}"
    assert trim(css, set()) == ""


def test_a_class_inside_not_is_or_an_attribute_or_a_string_is_not_required():
    assert required_classes(".md-typeset :not(.x)>a") == {"md-typeset"}
    assert required_classes(':is(.x, .y) a[href$=".pdf"]:after') == set()
    assert required_classes(".a.b::before") == {"a", "b"}
    css = '.k :is(.x,.y){a:b}a[title="x,.y{"]{c:d}'
    assert trim(css, {"k"}) == css


def test_grouping_rules_are_trimmed_inside_and_other_at_rules_kept_whole():
    css = ('@charset "UTF-8";@media print{.gone{a:b}}@media (min-width:10em){.kept{a:b}.gone{c:d}}'
           "@keyframes fade{0%{opacity:0}to{opacity:1}}@supports (x:y){.gone{a:b}}")
    assert trim(css, {"kept"}) == ('@charset "UTF-8";@media (min-width:10em){.kept{a:b}}'
                                   "@keyframes fade{0%{opacity:0}to{opacity:1}}")


def test_strings_are_read_whole_and_comments_dropped():
    # Material's own: a string that looks like a comment and holds a brace
    css = '.c:before{content:"/* "}/* a comment */.d:after{content:" */"}.e{content:"}{\\""}'
    assert trim(css, {"c", "d", "e"}) == '.c:before{content:"/* "}.d:after{content:" */"}.e{content:"}{\\""}'


@pytest.mark.parametrize("stylesheet", MATERIAL_CSS, ids=lambda path: path.name)
def test_materials_stylesheet_comes_back_unchanged_when_every_class_is_used(stylesheet: Path):
    css = stylesheet.read_text(encoding="utf-8")
    assert trim(css, re.findall(r"[\w-]+", css)) == css


def test_a_pages_classes_and_its_inline_scripts_words_are_read():
    page = ('<html class="no-js"><body><p class="a  b">x</p><span class=\'c\'>y</span>'
            '<script>document.documentElement.classList.replace("no-js", "js")</script>'
            '<script src="x.js"></script><p>class="not-an-attribute-in-text"</p></body></html>')
    assert {"no-js", "a", "b", "c", "js", "classList", "replace"} <= classes_in_page(page)
    assert "x" not in classes_in_page(page)
    assert {"bu-exiting", "classList"} <= words_in_script('el.classList.add("bu-exiting")')


def test_the_built_site_keeps_the_rules_of_what_its_pages_show_and_drops_the_rest(make_site):
    page = ("---\ntitle: Boxes\ndescription: A site page with a box.\n---\n\n# Boxes\n\n"
            "!!! danger \"In danger\"\n    Call your emergency number.\n")
    build = make_site({"boxes.md": page})
    assert build.returncode == 0, build.output
    (main,) = [path for path in theme_stylesheets(build.site) if path.name.startswith("main.")]
    (original,) = [path for path in MATERIAL_CSS if path.name == main.name]
    css = main.read_text(encoding="utf-8")
    assert len(css) < len(original.read_text(encoding="utf-8")) / 2
    for shown in (".md-header", ".md-nav__link", ".md-typeset h1", ".admonition.danger", ".md-footer"):
        assert shown in css, shown
    for never_shown in (".md-search__input", ".md-tabs", ".tabbed-set", ".admonition.example", ".md-source__fact"):
        assert never_shown not in css, never_shown
