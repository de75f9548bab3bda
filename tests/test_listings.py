"""Hub listings and related articles, over ContentFile values (no build)."""

from __future__ import annotations

from pathlib import Path

from between_us import strings
from between_us.content import ContentFile
from between_us.listings import Related, article_list_html, feed_description, reading_minutes
from selectolax.lexbor import LexborHTMLParser as HTMLParser

EN, ES = (strings.load_all(Path(__file__).parents[1] / "data" / "strings")[lang] for lang in ("en", "es"))


def _article(name: str, topic: str, tags: list[str], title: str | None = None, words: int = 400) -> ContentFile:
    meta = {"title": title or name.title(), "description": f"About {name} & more.", "topic": topic, "tags": tags}
    return ContentFile(f"{topic}/{name}.md", "article", meta, words)


def test_reading_minutes_rounds_up_and_is_never_zero():
    assert [reading_minutes(w) for w in (0, 1, 200, 201, 1000)] == [1, 1, 1, 2, 5]


def test_hub_listing_links_its_topics_articles_by_title_and_leaves_search_to_the_articles():
    files = [_article("zeta", "stigma", ["shame"]), _article("alpha", "stigma", ["shame"], words=1000),
             _article("other", "recovery", ["shame"]), ContentFile("stigma/index.md", "hub", {"title": "Stigma"}, 50),
             ContentFile("stigma/broken.md", "article", {"topic": "stigma"}, 10)]  # no title: front matter failed
    listing = HTMLParser(article_list_html(files, "stigma", lambda f: f"{f.src_path[7:-3]}/", EN))
    items = listing.css("ul[data-search-exclude] li")
    assert [(li.css_first("a").attributes["href"], li.css_first("a").text()) for li in items] == [
        ("alpha/", "Alpha"), ("zeta/", "Zeta")]
    assert "About alpha & more. 5 min read" in " ".join(items[0].text().split())


def test_hub_order_comes_from_front_matter_and_the_first_is_start_here():
    files = [_article("zeta", "stigma", ["shame"]), _article("alpha", "stigma", ["shame"]),
             _article("second", "stigma", ["shame"]), _article("first", "stigma", ["shame"])]
    files[2].meta["order"], files[3].meta["order"] = 2, 1
    listing = HTMLParser(article_list_html(files, "stigma", lambda f: f"{f.src_path[7:-3]}/", EN))
    assert [a.text() for a in listing.css("li a")] == ["First", "Second", "Alpha", "Zeta"]
    assert listing.css_first("li.bu-start-here").text().startswith("Start here First")
    assert len(listing.css(".bu-start-here")) == 1
    spanish = HTMLParser(article_list_html(files, "stigma", lambda f: f"{f.src_path[7:-3]}/", ES))
    assert spanish.css_first("li.bu-start-here").text().startswith("Empieza aquí First")
    assert "2 min de lectura" in spanish.text() and "min read" not in spanish.text()


def test_hub_without_articles_says_so():
    assert "No articles in this topic yet" in article_list_html([], "stigma", lambda f: "", EN)


def test_related_prefers_shared_tags_then_same_topic_then_title():
    me = _article("me", "stigma", ["shame", "hope", "trust"])
    files = [
        me,
        _article("two-tags-other-topic", "recovery", ["shame", "hope"]),
        _article("one-tag-same-topic-b", "stigma", ["trust"], title="B"),
        _article("one-tag-same-topic-a", "stigma", ["hope"], title="A"),
        _article("one-tag-other-topic", "recovery", ["shame"], title="0 first by title"),
        _article("no-tag-same-topic", "stigma", ["sleep"]),
        _article("unrelated", "recovery", ["sleep"]),
    ]
    related = Related(files)
    assert [f.src_path for f in related.of(me)] == [
        "recovery/two-tags-other-topic.md", "stigma/one-tag-same-topic-a.md", "stigma/one-tag-same-topic-b.md"]
    assert [f.src_path for f in related.of(me, limit=5)][3:] == [
        "recovery/one-tag-other-topic.md", "stigma/no-tag-same-topic.md"]
    assert "recovery/unrelated.md" not in [f.src_path for f in related.of(me, limit=10)]


def test_related_falls_back_to_the_same_topic_and_never_lists_the_article_itself():
    me = _article("me", "intimacy", ["touch"])
    files = [me, _article("b", "intimacy", ["sleep"]), _article("a", "intimacy", ["desire"]),
             _article("c", "recovery", ["sleep"])]
    assert [f.src_path for f in Related(files).of(me)] == ["intimacy/a.md", "intimacy/b.md"]


def test_related_tolerates_front_matter_that_failed_its_checks():
    me = _article("me", "stigma", ["shame"])
    odd = ContentFile("stigma/odd.md", "article", {"title": "Odd", "topic": "stigma", "tags": "shame"}, 10)
    assert [f.src_path for f in Related([me, odd]).of(me)] == ["stigma/odd.md"]


def test_a_feed_item_says_what_the_article_is_and_in_short_what_it_says():
    meta = {"description": "About desire.", "summary": ["Desire changes.", "Talk about it."]}
    assert feed_description(meta, "In short:") == "About desire. In short: Desire changes. Talk about it."
    assert feed_description({"description": "A site page."}, "In short:") is None
