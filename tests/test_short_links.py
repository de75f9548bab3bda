"""Short links: each article's permanent number (`id:`), recorded in the URL manifest, and /a/<id>/, a
redirect to the article that a patient can type from a handout: a redirect page, and a line of the
`_redirects` file for the hosts that read one."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from between_us import host_redirects, urls
from between_us.urls import ArticleId, check_short_links
from conftest import Build, article
from sitedata import ROOT, articles, front_matter, mkdocs_config, url_of

MANIFEST = ROOT / "data" / "urls.txt"
HOST = re.sub(r"^https?://", "", mkdocs_config()["site_url"].rstrip("/"))


def _messages(result: urls.ShortLinks) -> list[str]:
    return [f.format() for f in result.findings]


# ---- the manifest -------------------------------------------------------------------------------------

def test_the_manifest_keeps_page_addresses_and_short_links_apart_and_never_loses_a_number(tmp_path: Path):
    path = tmp_path / "urls.txt"
    urls.write_manifest(path, ["/b/", "/a-page/"], {2: "/b/", 10: "/a-page/"})
    assert urls.read_manifest(path) == ["/a-page/", "/b/"]
    assert urls.read_short_links(path) == {2: "/b/", 10: "/a-page/"}
    # Writing the addresses alone (as `make urls` does first) keeps every number.
    urls.write_manifest(path, [*urls.read_manifest(path), "/c/"])
    urls.write_short_links(path, {3: "/c/"})
    assert urls.read_short_links(path) == {2: "/b/", 3: "/c/", 10: "/a-page/"}
    assert urls.read_manifest(path) == ["/a-page/", "/b/", "/c/"]
    text = path.read_text()
    assert text.index("/c/\n") < text.index("# Short links") < text.index("/a/2/ -> /b/\n") < text.index("/a/10/")


def test_addresses_of_a_short_link():
    assert urls.short_url(7) == "/a/7/"
    assert urls.printed_short_link("https://example.org/", 7) == "example.org/a/7/"
    assert urls.printed_short_link("https://example.org/site", 7) == "example.org/site/a/7/"


def test_new_numbers_are_recorded_and_a_missing_one_is_named_with_the_next_free_number():
    result = check_short_links([ArticleId("docs/x/a.md", "/x/a/", 1), ArticleId("docs/x/b.md", "/x/b/", None),
                                ArticleId("docs/x/c.md", "/x/c/", 4)],
                               {1: "/x/a/", 3: "/x/gone/"}, {"/x/a/", "/x/b/", "/x/c/"}, {"/x/gone/": "/x/a/"})
    assert result.targets == {1: "/x/a/", 4: "/x/c/", 3: "/x/a/"}  # 3 is a removed article's: reserved
    assert result.record == {4: "/x/c/"}
    assert _messages(result) == [
        "docs/x/b.md:1: error: [short-links] an article needs its permanent number, `id:` (its short link /a/ID/ is "
        "printed on handouts): the next free one is 5.",
        "data/urls.txt: warning: [short-links] /a/4/ is the short link of a new article (/x/c/): run `make urls` to "
        "add it to the manifest."]


def test_a_number_is_never_shared_reused_or_moved_to_another_article():
    published = {"/x/a/", "/x/b/", "/x/c/"}
    twice = check_short_links([ArticleId("docs/x/a.md", "/x/a/", 1), ArticleId("docs/x/b.md", "/x/b/", 1, 9)],
                              {1: "/x/a/"}, published, {})
    assert _messages(twice) == ["docs/x/b.md:9: error: [short-links] `id: 1` is already the number of docs/x/a.md. "
                                "Each article has its own: the next free one is 2."]
    reused = check_short_links([ArticleId("docs/x/c.md", "/x/c/", 3, 8)], {3: "/x/gone/"}, published,
                               {"/x/gone/": "/x/a/"})
    assert _messages(reused) == [
        "docs/x/c.md:8: error: [short-links] `id: 3` was published for /x/gone/ (data/urls.txt): a number never "
        "moves to another article. If this article moved from there, add a redirect from its old path; otherwise "
        "use the next free number, 4."]
    dropped = check_short_links([ArticleId("docs/x/a.md", "/x/a/", 5)], {1: "/x/a/", 5: "/x/a/"}, published, {})
    assert "/a/1/ leads to /x/a/, which no longer has `id: 1`" in _messages(dropped)[0]


def test_an_article_that_moves_with_a_redirect_keeps_its_number():
    result = check_short_links([ArticleId("docs/y/a.md", "/y/a/", 1)], {1: "/x/a/"}, {"/y/a/"}, {"/x/a/": "/y/a/"})
    assert result.targets == {1: "/y/a/"} and result.record == {1: "/y/a/"}
    assert [f.level for f in result.findings] == ["warning"]


# ---- the real site --------------------------------------------------------------------------------------

def test_every_article_has_a_unique_number_recorded_in_the_manifest():
    numbers = {src: front_matter(src)["id"] for src in articles()}
    assert all(isinstance(n, int) and n > 0 for n in numbers.values()), numbers
    assert len(set(numbers.values())) == len(numbers)
    recorded = urls.read_short_links(MANIFEST)
    for src, number in numbers.items():
        assert recorded.get(number) == f"/{url_of(src)}", f"run `make urls`: {src} (id {number})"
    # A number in the manifest belongs to an article, or stays reserved for a removed one.
    removed = set(recorded) - set(numbers.values())
    assert all(recorded[n] not in {f"/{url_of(s)}" for s in articles()} for n in removed)


def test_each_short_link_lands_on_its_article_and_carries_the_crisis_lines(site: Build):
    for src in articles():
        number = front_matter(src)["id"]
        stub = site.page(f"a/{number}/index.html")
        refresh = stub.css_first('meta[http-equiv="refresh"]').attributes["content"]
        target = urljoin(f"/a/{number}/", refresh.split("url=", 1)[1])
        assert target == f"/{url_of(src)}", (src, target)
        assert stub.css_first("[data-bu-crisis] a[href^='tel:']") is not None


def test_a_short_link_page_passes_on_the_links_query_and_fragment_and_works_without_scripts():
    page = urls.short_link_page(16, "/intimacy/rebuilding-closeness/", "Rebuilding <closeness>")
    target = "../../intimacy/rebuilding-closeness/"
    assert f'<script>location.replace("{target}"+location.search+location.hash)</script>' in page
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in page
    assert f'<a href="{target}">Rebuilding &lt;closeness&gt;</a>' in page


def test_the_hosts_redirects_file_sends_each_short_link_and_moved_page_on():
    assert urls.host_redirects({7: "/es/x/a/"}, {"x/old.md": "x/a.md#step-2", "x/gone.md": "https://example.org/y"},
                               "/es") == {"/es/a/7/": "/es/x/a/", "/es/x/old/": "/es/x/a/#step-2",
                                          "/es/x/gone/": "https://example.org/y"}
    text = host_redirects.redirects_file({"/a/7/": "/x/a/", "/a/10/": "/y/b/"})
    assert text.startswith("# Written by the build")
    rules = [line for line in text.splitlines() if not line.startswith("#")]
    # Forced first (Netlify: the redirect page at that address would shadow a plain rule), then plain
    # (Cloudflare Pages: ignores the line with `!`).
    assert rules == ["/a/10/ /y/b/ 301!", "/a/10/ /y/b/ 301", "/a/7/ /x/a/ 301!", "/a/7/ /x/a/ 301"]
    assert host_redirects.redirects(host_redirects.parse(text)) == {"/a/10/": "/y/b/", "/a/7/": "/x/a/"}
    assert host_redirects.gathered([text, host_redirects.redirects_file({"/es/a/7/": "/es/x/a/"})]) == \
        host_redirects.redirects_file({"/a/7/": "/x/a/", "/a/10/": "/y/b/", "/es/a/7/": "/es/x/a/"})


@pytest.mark.parametrize("host", host_redirects.HOSTS)
def test_each_host_answers_the_redirect_keeping_the_query_and_leaving_the_fragment_to_the_browser(host):
    rules = host_redirects.parse(host_redirects.redirects_file({"/a/7/": "/x/a/", "/old/": "/x/a/#step-2"}))

    def where(path: str, query: str = "") -> str | None:
        return host_redirects.location(rules, path, query, host, is_file=lambda p: p.startswith("/a/"))

    assert where("/a/7/", "region=uk") == "/x/a/?region=uk"  # though a redirect page exists there
    assert where("/a/7/") == "/x/a/" and where("/a/8/") is None
    assert where("/old/", "region=uk") == "/x/a/?region=uk#step-2"


def test_without_its_forced_line_netlify_would_serve_the_redirect_page_and_cloudflare_skips_that_line():
    rules = host_redirects.parse(host_redirects.redirects_file({"/a/7/": "/x/a/"}))
    # Without the forced line, Netlify would serve the redirect page; Cloudflare Pages ignores that line.
    plain = [rule for rule in rules if not rule.status.endswith("!")]
    assert host_redirects.location(plain, "/a/7/", "", "netlify", is_file=lambda p: True) is None
    forced = [rule for rule in rules if rule.status.endswith("!")]
    assert host_redirects.location(forced, "/a/7/", "", "cloudflare", is_file=lambda p: False) is None


def test_the_sites_redirects_file_has_every_short_link_of_every_edition(site: Build):
    written = host_redirects.redirects(host_redirects.parse(site.html("_redirects")))
    assert written == {urls.short_url(number, prefix): target for prefix in ("", "/es")
                       for number, target in urls.read_short_links(MANIFEST, prefix).items()}
    assert any(source.startswith("/es/a/") for source in written)
    assert not (site.site / "es" / "_redirects").exists()  # hosts read the root's only


def test_the_handout_prints_the_short_link_beside_the_full_address(site: Build):
    for src in articles():
        handout = site.page(url_of(src) + "index.html").css_first(".bu-handout")
        assert handout.css_first(".bu-handout__short").text() == f"{HOST}/a/{front_matter(src)['id']}/", src
        assert handout.css_first(".bu-handout__url").text().endswith(f"/{url_of(src)}")


# ---- throwaway sites --------------------------------------------------------------------------------------

def test_a_removed_articles_number_stays_reserved_and_still_leads_on(make_site):
    manifest = "/\n/intimacy/\n/intimacy/gone/\n/a/9901/ -> /intimacy/gone/\n"
    redirect = lambda text: text.replace(  # noqa: E731
        "redirect_maps: {}", "redirect_maps:\n        intimacy/gone.md: intimacy/index.md")
    kept = make_site(data={"urls.txt": manifest}, config=redirect)
    assert kept.returncode == 0, kept.output
    assert "url=../../intimacy/" in kept.html("a/9901/index.html")
    assert host_redirects.redirects(host_redirects.parse(kept.html("_redirects"))) == {
        "/a/9901/": "/intimacy/", "/intimacy/gone/": "/intimacy/"}
    reused = make_site({"intimacy/new.md": article("A new article", id="9901")}, data={"urls.txt": manifest},
                       config=redirect)
    assert reused.returncode != 0
    assert "docs/intimacy/new.md:10: error: [short-links] `id: 9901` was published for /intimacy/gone/" \
        in reused.output


def test_an_article_without_a_number_or_with_a_taken_one_fails_naming_the_file(make_site):
    build = make_site({"intimacy/first.md": article("First", id="9950"),
                       "intimacy/second.md": article("Second", id="9950"),
                       "intimacy/third.md": article("Third", id="")})
    assert build.returncode != 0
    assert "docs/intimacy/second.md:10: error: [short-links] `id: 9950` is already the number of " \
           "docs/intimacy/first.md." in build.output
    assert re.search(r"docs/intimacy/third\.md:1: error: \[short-links\] an article needs its permanent number, "
                     r"`id:` .* the next free one is \d+\.", build.output)
