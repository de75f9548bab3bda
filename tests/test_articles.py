"""The published articles: enough per topic, complete, sourced, and meeting the article rules the build checks."""

from __future__ import annotations

import pytest
from between_us.article_rules import check_article
from between_us.findings import Level
from between_us.frontmatter import Article
from between_us.markdown_text import Source
from between_us.readability import reading_grade, word_count
from between_us.settings import site_settings
from conftest import Build
from sitedata import DOCS, TOPICS, articles, front_matter, mkdocs_config, url_of

MIN_PER_TOPIC = 4
SETTINGS = site_settings(mkdocs_config()["extra"]).checks


@pytest.mark.parametrize("topic", TOPICS)
def test_each_topic_has_enough_articles(topic: str):
    assert len([a for a in articles() if a.startswith(topic + "/")]) >= MIN_PER_TOPIC


@pytest.mark.parametrize("src", articles())
def test_article_is_complete_and_meets_the_article_rules(src: str, record_property):
    """The build's own rules (article_rules.py): length, reading grade, "When to get help" and its link."""
    Article.model_validate(front_matter(src), context={"tags": None})
    text = Source.parse((DOCS / src).read_text(encoding="utf-8"))
    words, grade = word_count(text.body), reading_grade(text.body)
    record_property("words", words)
    record_property("reading_grade", grade)
    print(f"{src}: {words} words, reading grade {grade}")  # shown with `pytest -s` and in the issue note
    found = check_article(text.body, text.body_first_line, src, f"docs/{src}", SETTINGS)
    assert [f.format() for f in found if f.level is not Level.INFO] == []


@pytest.mark.parametrize("src", articles())
def test_article_page_shows_its_sources(site: Build, src: str):
    page = site.page(url_of(src) + "index.html")
    assert len(page.css(".bu-sources a[href^='https://']")) >= 3, src
