"""Link checking with lychee: internal links in every build, external links on demand.

External links are served by a local server (pytest-httpserver on 127.0.0.1). Every other request
goes to a dead proxy, so no test here can reach the internet.
"""

from __future__ import annotations

import re
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from between_us import links
from between_us.findings import Level
from between_us.links import Occurrence, Problem, Verdict
from conftest import Build, article, build_site
from pytest_httpserver import HTTPServer
from sitedata import ROOT
from werkzeug import Request, Response

LYCHEE = links.find_lychee(sys.executable)
DEAD_PROXY = "http://127.0.0.1:9"
PAGE = "intimacy/a/index.html"
SOURCES = {PAGE: "docs/intimacy/a.md"}


@pytest.fixture(autouse=True)
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """lychee, here and in the builds started here, sends every request but the local server's to a dead proxy."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, DEAD_PROXY)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(name, "127.0.0.1")


@pytest.fixture(scope="module")
def web():
    # Threaded: a request that hangs (the timeout test) must not hold up the others.
    server = HTTPServer(host="127.0.0.1", threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture
def server(web: HTTPServer) -> HTTPServer:
    web.clear()
    return web


def settings_yaml(**changes: object) -> str:
    """The project's settings file, made fast for tests (short timeout, no waits), with `changes`."""
    data = yaml.safe_load((ROOT / "data" / "link-check.yml").read_text(encoding="utf-8"))
    data.update(timeout_seconds=1, max_retries=2, retry_wait_seconds=0, host_concurrency=4,
                host_request_interval_ms=0)
    data.update(changes)
    return yaml.safe_dump(data)


def fast_settings(folder: Path, **changes: object) -> links.LinkCheckSettings:
    path = folder / "link-check.yml"
    path.write_text(settings_yaml(**changes), encoding="utf-8")
    return links.load_settings(path)


def answers(*responses: Response) -> Callable[[Request], Response]:
    """A handler that gives these answers in turn, then the last one to every further request."""
    queue = list(responses)
    return lambda request: queue.pop(0) if len(queue) > 1 else queue[0]


def respond(server: HTTPServer, path: str, *responses: Response) -> None:
    server.expect_request(path, method="GET").respond_with_handler(answers(*responses))


def requests_to(server: HTTPServer, path: str) -> list[Request]:
    return [request for request, _ in server.log if request.path == path]


def check(url: str, folder: Path, **changes: object) -> links.ExternalResult:
    """The external check of one URL linked from one page, with lychee's cache in `folder`."""
    return links.check_external(LYCHEE, {url: [Occurrence(PAGE, 12, 5)]}, fast_settings(folder, **changes), folder)


def only_problem(result: links.ExternalResult) -> Problem:
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def report_line(problem: Problem) -> str:
    [finding] = links.problem_findings([problem], SOURCES, links.EXTERNAL_RULE)
    assert finding.level is (Level.ERROR if problem.verdict is Verdict.BROKEN else Level.WARNING)
    return finding.format()


# ---- external links, against a local server --------------------------------------------------------------

def _moved(server: HTTPServer) -> None:
    respond(server, "/link", Response(status=301, headers={"Location": server.url_for("/new")}))
    respond(server, "/new", Response("here"))


def _head_refused(server: HTTPServer) -> None:
    server.expect_request("/link", method="HEAD").respond_with_data("", status=405)
    respond(server, "/link", Response("here"))


CASES = {
    # name: (server setup, verdict, reason starts with, requests to /link)
    "200": (lambda s: respond(s, "/link", Response("here")), None, None, 1),
    "301 to 200": (_moved, None, None, 1),
    "HEAD 405, GET 200": (_head_refused, None, None, 1),
    "429 then 200, Retry-After": (lambda s: respond(s, "/link", Response(status=429, headers={"Retry-After": "1"}),
                                                    Response("here")), None, None, 2),
    "503 twice then 200": (lambda s: respond(s, "/link", Response(status=503), Response(status=503),
                                             Response("here")), None, None, 3),
    "404": (lambda s: respond(s, "/link", Response(status=404)), Verdict.BROKEN, "404 Not Found", 1),
    "410": (lambda s: respond(s, "/link", Response(status=410)), Verdict.BROKEN, "410 Gone", 1),
    "418": (lambda s: respond(s, "/link", Response(status=418)), Verdict.BROKEN, "418", 1),
    "401": (lambda s: respond(s, "/link", Response(status=401)), Verdict.UNCHECKED, "401 Unauthorized", 1),
    "403": (lambda s: respond(s, "/link", Response(status=403)), Verdict.UNCHECKED, "403 Forbidden", 1),
    "429 after retries": (lambda s: respond(s, "/link", Response(status=429)), Verdict.UNCHECKED,
                          "429 Too Many Requests (after 2 retries)", 3),
    "503 after retries": (lambda s: respond(s, "/link", Response(status=503)), Verdict.UNCHECKED,
                          "503 Service Unavailable (after 2 retries)", 3),
    "redirect loop": (lambda s: respond(s, "/link", Response(status=302, headers={"Location": "/link"})),
                      Verdict.UNCHECKED, "302 Found: too many redirects", None),
}


@pytest.mark.parametrize("case", CASES)
def test_external_link_answers_are_classified(server: HTTPServer, tmp_path: Path, case: str) -> None:
    setup, verdict, reason, requests = CASES[case]
    setup(server)
    url = server.url_for("/link")
    result = check(url, tmp_path)
    if verdict is None:
        assert result.problems == []
    else:
        problem = only_problem(result)
        assert (problem.verdict, problem.target) == (verdict, url)
        assert problem.reason.startswith(reason), problem.reason
        level = "error" if verdict is Verdict.BROKEN else "warning"
        assert report_line(problem).startswith(
            f"docs/intimacy/a.md: {level}: [external-links] {PAGE}:12:5 -> {url} -> {verdict}: {reason}")
    if requests is not None:
        assert len(requests_to(server, "/link")) == requests
    assert all(request.method == "GET" for request, _ in server.log)


def test_a_timeout_could_not_be_checked(server: HTTPServer, tmp_path: Path) -> None:
    release = threading.Event()
    arrived: list[Request] = []  # the server logs a request only once it is answered

    def hang(request: Request) -> Response:
        arrived.append(request)
        release.wait(10)
        return Response("too late")

    server.expect_request("/slow").respond_with_handler(hang)
    try:
        result = check(server.url_for("/slow"), tmp_path, max_retries=1)
    finally:
        release.set()
    problem = only_problem(result)
    assert (problem.verdict, problem.reason) == (Verdict.UNCHECKED, "timed out (after 1 retry)")
    assert report_line(problem).startswith("docs/intimacy/a.md: warning: [external-links]")
    assert len(arrived) == 2  # the first try and one retry


def test_a_refused_connection_could_not_be_checked(tmp_path: Path) -> None:
    problem = only_problem(check("http://127.0.0.1:9/page", tmp_path))
    assert problem.verdict is Verdict.UNCHECKED and "Connection refused" in problem.reason
    assert report_line(problem).startswith("docs/intimacy/a.md: warning: [external-links]")


def test_each_distinct_url_is_requested_once_and_every_page_is_named(server: HTTPServer, tmp_path: Path) -> None:
    # lychee itself asks again for a URL on every page when the answer was 429 or 5xx.
    respond(server, "/busy", Response(status=429))
    url = server.url_for("/busy")
    site = tmp_path / "site"
    for name in ("a", "b", "c"):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text(f'<p><a href="{url}">x</a> <a href="{url}#part">y</a></p>',
                                                encoding="utf-8")
    internal = links.check_internal(LYCHEE, site, None)
    assert internal.problems == [] and len(internal.external[url]) == 6
    result = links.check_external(LYCHEE, internal.external, fast_settings(tmp_path, max_retries=0), tmp_path)
    assert len(requests_to(server, "/busy")) == 1
    problem = only_problem(result)
    assert problem.verdict is Verdict.UNCHECKED
    [finding] = links.problem_findings([problem], {"a/index.html": "docs/a.md", "b/index.html": "docs/b.md",
                                                   "c/index.html": "docs/c.md"}, links.EXTERNAL_RULE)
    assert finding.format().startswith(f"docs/a.md: warning: [external-links] a/index.html:1:13 -> {url} -> ")
    assert finding.format().endswith("(also on 2 more page(s), from docs/b.md, docs/c.md)")


def test_nofollow_links_are_read_for_the_external_check(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a rel="nofollow" href="https://one.example.net/">x</a>\n'
                                     '<a href="https://two.example.net/" rel="ugc,nofollow">y</a>\n', encoding="utf-8")
    assert links.check_internal(LYCHEE, site, None).external == {}
    found = links.check_internal(LYCHEE, site, None, nofollow=True).external
    assert found == {"https://one.example.net/": [Occurrence("index.html", 1, 25)],
                     "https://two.example.net/": [Occurrence("index.html", 2, 10)]}


def test_hosts_that_block_robots_are_not_requested(server: HTTPServer, tmp_path: Path) -> None:
    respond(server, "/link", Response(status=403))
    result = check(server.url_for("/link"), tmp_path,
                   blocks_robots=[{"host": "127.0.0.1", "reason": "answers 403 to robots"}])
    assert result.problems == [] and result.skipped == 1 and result.checked == 0
    assert server.log == []


# ---- lychee's cache --------------------------------------------------------------------------------------

def test_the_cache_answers_a_second_run(server: HTTPServer, tmp_path: Path) -> None:
    respond(server, "/link", Response("here"))
    url = server.url_for("/link")
    first, second = check(url, tmp_path), check(url, tmp_path)
    assert (first.cached, second.cached) == (0, 1)
    assert len(requests_to(server, "/link")) == 1
    assert (tmp_path / links.CACHE_FILE).read_text(encoding="utf-8").startswith(f"{url},200,")


@pytest.mark.parametrize(("age_minutes", "cached"), [(10, True), (120, False)])
def test_cache_entries_older_than_the_max_age_are_checked_again(server: HTTPServer, tmp_path: Path,
                                                                age_minutes: int, cached: bool) -> None:
    respond(server, "/link", Response("here"))
    url = server.url_for("/link")
    (tmp_path / links.CACHE_FILE).write_text(f"{url},200,{int(time.time()) - age_minutes * 60}\n", encoding="utf-8")
    result = check(url, tmp_path, cache_max_age_hours=1)
    assert result.problems == [] and not result.cache_discarded
    assert result.cached == int(cached)
    assert len(requests_to(server, "/link")) == int(not cached)


@pytest.mark.parametrize("content", [b"\x00\xff\xfe binary", b"not a url,200,1\n", b"http://127.0.0.1/,200\n",
                                     b"http://127.0.0.1/,OK,1\n", b'"unterminated,200,1\n'])
def test_a_corrupt_cache_is_discarded_not_trusted(server: HTTPServer, tmp_path: Path, content: bytes) -> None:
    respond(server, "/gone", Response(status=404))
    cache = tmp_path / links.CACHE_FILE
    cache.write_bytes(content)
    result = check(server.url_for("/gone"), tmp_path)
    assert result.cache_discarded
    assert only_problem(result).verdict is Verdict.BROKEN
    assert len(requests_to(server, "/gone")) == 1
    assert not cache.exists() or not links.discard_corrupt_cache(cache)  # what lychee wrote back is readable


# ---- plain functions ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("status", "timed_out", "verdict"), [
    ({"text": "Rejected status code: 404 Not Found", "code": 404}, False, Verdict.BROKEN),
    ({"text": "Rejected status code: 410 Gone", "code": 410}, False, Verdict.BROKEN),
    ({"text": "Rejected status code: 400 Bad Request", "code": 400}, False, Verdict.BROKEN),
    ({"text": "Rejected status code: 401 Unauthorized", "code": 401}, False, Verdict.UNCHECKED),
    ({"text": "Rejected status code: 403 Forbidden", "code": 403}, False, Verdict.UNCHECKED),
    ({"text": "Rejected status code: 429 Too Many Requests", "code": 429}, False, Verdict.UNCHECKED),
    ({"text": "Rejected status code: 500 Internal Server Error", "code": 500}, False, Verdict.UNCHECKED),
    ({"text": "Rejected status code: 999 <unknown status code>", "code": 999}, False, Verdict.UNCHECKED),
    ({"text": "Network error: dns error", "details": "failed to lookup address information"}, False, Verdict.UNCHECKED),
    ({"text": "Timeout", "details": "Request timed out"}, True, Verdict.UNCHECKED),
])
def test_classes(status: dict, timed_out: bool, verdict: Verdict) -> None:
    assert links.classify(status, timed_out)[0] is verdict


@pytest.mark.parametrize(("url", "ok"), [
    ("mailto:help@example.org", True), ("mailto:a@example.org,b@example.org?subject=Hi", True),
    ("mailto:", False), ("mailto:not an address", False), ("mailto:help@example", False),
    ("tel:988", True), ("tel:116123", True), ("tel:+44-116-123", True), ("tel:1%20800%20273%208255", True),
    ("tel:", False), ("tel:call-us", False), ("tel:+1-800-CALL-NOW", False),
    ("sms:741741?body=HOME", True), ("sms:85258", True), ("sms:?body=HOME", False),
])
def test_mailto_tel_and_sms_links_are_checked_for_form_only(url: str, ok: bool) -> None:
    assert (links.form_problem(url) is None) is ok


def test_built_pages_map_back_to_redirects_and_unknown_files_to_the_theme() -> None:
    sources = links.redirect_sources({"old/page.md": "intimacy/a.md", "topic/index.md": "stigma/index.md"})
    assert sources == {"old/page/index.html": "mkdocs.yml (redirect from old/page.md to intimacy/a.md)",
                       "topic/index.html": "mkdocs.yml (redirect from topic/index.md to stigma/index.md)"}
    problem = Problem("/nowhere", Verdict.BROKEN, "no such page", [Occurrence("search/extra.html", 3, 1)])
    [finding] = links.problem_findings([problem], sources, links.INTERNAL_RULE)
    assert finding.format() == ("theme or generated: error: [links] search/extra.html:3:1 -> /nowhere -> "
                                "broken: no such page")


def test_a_link_on_many_pages_is_reported_once() -> None:
    where = [Occurrence(f"p{n}/index.html", 1, 1) for n in range(6)]
    sources = {o.page: f"docs/p{n}.md" for n, o in enumerate(where)}
    [finding] = links.problem_findings([Problem("/gone", Verdict.BROKEN, "no such page", where)], sources,
                                       links.INTERNAL_RULE)
    assert finding.path == "docs/p0.md"
    assert finding.message.endswith("(also on 5 more page(s), from docs/p1.md, docs/p2.md, docs/p3.md, ...: "
                                    "a link on many pages is usually in a template in overrides/)")


def test_a_missing_lychee_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(links.LycheeError, match=r"make test.*pip install -r requirements.txt"):
        links.find_lychee(tmp_path / "python")


def test_the_settings_file_is_valid_and_strict(tmp_path: Path) -> None:
    settings = links.load_settings(ROOT / "data" / "link-check.yml")
    assert settings.blocks("https://www.linkedin.com/in/someone") and not settings.blocks("https://www.nhs.uk/")
    with pytest.raises(ValueError, match="retry_wait_secs"):
        fast_settings(tmp_path, retry_wait_secs=1)


# ---- internal links, in whole builds ---------------------------------------------------------------------

def _line(build: Build, *parts: str) -> str:
    """The one output line that has every part."""
    lines = [line for line in build.output.splitlines() if all(part in line for part in parts)]
    assert len(lines) == 1, f"{parts} in:\n{build.output}"
    return lines[0]


def test_missing_page_and_missing_anchor_in_raw_html_fail_the_build(make_site: Callable[..., Build]) -> None:
    # MkDocs validates Markdown links; raw HTML links are only seen in the built page.
    body = ('<p>See <a href="../../no-such-page/">a page that is gone</a> and '
            '<a href="../../get-help/#no-such-anchor">a heading that is not there</a>.</p>\n')
    build = make_site({"intimacy/raw-links.md": article(body=body)})
    assert build.returncode != 0
    assert re.search(r"docs/intimacy/raw-links\.md:16:17: error: \[links\] intimacy/raw-links/index\.html:\d+:\d+ -> "
                     r"/no-such-page -> broken: no such page or file", _line(build, "/no-such-page ->")), build.output
    assert re.search(r"docs/intimacy/raw-links\.md:16:\d+: error: \[links\] intimacy/raw-links/index\.html:\d+:\d+ "
                     r"-> /get-help/#no-such-anchor -> broken: no element with this id",
                     _line(build, "#no-such-anchor ->")), build.output
    assert "Internal links:" in build.output and ": 2 broken." in build.output


def test_broken_links_in_theme_templates_name_pages_and_template(tmp_path: Path) -> None:
    root = tmp_path / "site"
    theme = root / "theme"
    shutil.copytree(ROOT / "overrides", theme)
    footer = theme / "partials" / "copyright.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace(
        "</nav>", "&middot; <a href=\"{{ 'no-such-page/' | url }}\">Gone</a></nav>"), encoding="utf-8")
    page_404 = theme / "404.html"
    page_404.write_text(page_404.read_text(encoding="utf-8").replace(
        "{% endblock %}", "<p><a href=\"{{ 'get-help/' | url }}#no-such-anchor\">Help</a></p>{% endblock %}"),
        encoding="utf-8")
    # A topic pack's links are read by links.MadePages, not lychee: one only the pack has is named the same way.
    pack = theme / "pack.html"
    pack.write_text(pack.read_text(encoding="utf-8").replace(
        '{% include "partials/pack.html" %}',
        '{% include "partials/pack.html" %}<a href="#no-such-pack-anchor">Top</a>'), encoding="utf-8")
    build = build_site(root, config=lambda text: text.replace("custom_dir: overrides", "custom_dir: theme"))
    assert build.returncode != 0
    assert re.search(r"^\S+ +- +theme/pack\.html: error: \[links\] intimacy/pack/index\.html:\d+:\d+ -> "
                     r"/intimacy/pack/index\.html#no-such-pack-anchor -> broken: no element with this id",
                     _line(build, "intimacy/pack/index.html#no-such-pack-anchor ->"))
    footer_line = _line(build, "-> /no-such-page ->")
    assert re.search(r": error: \[links\] \S+:\d+:\d+ -> /no-such-page -> broken: no such page", footer_line)
    assert re.search(r"also on \d+ more page\(s\), from docs/\S+\.md", footer_line), footer_line
    assert "a link on many pages is usually in a template in overrides/" in footer_line
    assert re.search(r"^\S+ +- +theme/404\.html: error: \[links\] 404\.html:\d+:\d+ -> /get-help/#no-such-anchor "
                     r"-> broken: ", _line(build, "#no-such-anchor ->"))


def test_the_real_site_has_no_broken_internal_link(site: Build) -> None:
    assert re.search(r"Internal links: [1-9]\d* links \(\d+ distinct\) in the built site checked offline "
                     r"with anchors in [\d.]+ s: 0 broken\.", site.output), site.output
    assert "[links]" not in site.output


# ---- external links, in whole builds ---------------------------------------------------------------------

def _external_build(root: Path, report_url: str) -> Build:
    """A build with CHECK_EXTERNAL_LINKS=1 whose footer links to `report_url`; every other site is unreachable."""
    return build_site(root, data={"link-check.yml": settings_yaml(max_retries=0)},
                      env={"CHECK_EXTERNAL_LINKS": "1"},
                      config=lambda text: re.sub(r"report_mistake_url: .*", f"report_mistake_url: {report_url}", text))


def test_a_broken_external_link_fails_the_build_once_for_the_whole_site(server: HTTPServer, tmp_path: Path) -> None:
    respond(server, "/report", Response(status=404))
    url = server.url_for("/report")
    build = _external_build(tmp_path / "site", url)
    assert build.returncode != 0, build.output
    # The footer's "Report a mistake" link is marked rel="nofollow", which lychee alone would skip.
    line = _line(build, f"-> {url} ->")
    assert re.search(rf": error: \[external-links\] \S+:\d+:\d+ -> {re.escape(url)} -> broken: "
                     r"404 Not Found \(also on \d+ more page\(s\), from docs/\S+\.md", line), line
    assert len(requests_to(server, "/report")) == 1
    assert re.search(r"External links: \d+ checked, 1 broken, [1-9]\d* could not check", build.output), build.output


def test_an_unreachable_network_never_fails_the_build(server: HTTPServer, tmp_path: Path) -> None:
    respond(server, "/report", Response("thanks"))
    root = tmp_path / "site"
    root.mkdir()
    (root / links.CACHE_FILE).write_bytes(b"\x00 not a cache")
    build = _external_build(root, server.url_for("/report"))
    assert build.returncode == 0, build.output
    assert ".lycheecache: warning: [external-links] the link cache could not be read and was discarded" in build.output
    assert re.search(r": warning: \[external-links\] \S+ -> https://\S+ -> could not check: Connection refused",
                     build.output), build.output
    assert re.search(r"External links: \d+ checked, 0 broken, [1-9]\d* could not check", build.output)


# ---- pages the build makes from other pages ----------------------------------------------------------------

SITE_URL = "https://site.example/"
MADE = "pack/index.html"
MADE_HTML = """<!doctype html><html lang="en"><head><title>Pack</title>
<link rel="canonical" href="https://site.example/pack/"></head><body>
<h2 id="p--x">x</h2><a name="old">old</a>
<a href="#p--x">own</a> <a href="#missing">missing</a> <a href="#top">top</a> <a href="#old">named</a>
<a href="../a/#x">other page</a> <a href="../a/#nope">missing there</a> <a href="../a/?region=uk#x">query</a>
<a href="../gone/">gone</a> <a href="../folder/">no index</a> <a href="/a/">root</a> <a href="./">itself</a>
<a href="https://site.example/a/#x">site</a> <a href="https://site.example/gone/">site, gone</a>
<a href="https://other.example/page#s">elsewhere</a> <a href="tel:988">988</a> <a href="tel:call-us">not a number</a>
<img src="../a/photo.png" alt=""> <img src="../a/real.png" alt="">
</body></html>
"""


def _made_site(root: Path) -> Path:
    for path, text in {"a/index.html": '<!doctype html><html lang="en"><head><title>A</title></head><body>'
                                       '<h2 id="x">x</h2></body></html>',
                       "a/real.png": "", "folder/notes.txt": "", MADE: MADE_HTML}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def _found(result: links.InternalResult) -> set[tuple[str, str, tuple[int | None, ...]]]:
    return {(p.target, p.reason, tuple((o.line, o.column) for o in p.where)) for p in result.problems}


def test_a_page_the_build_made_is_read_by_lychees_rules_without_lychee(tmp_path: Path) -> None:
    site = _made_site(tmp_path)
    by_lychee = links.check_internal(LYCHEE, site, SITE_URL)
    by_us = links.check_internal(LYCHEE, site, SITE_URL, made=[MADE])
    assert _found(by_us) == _found(by_lychee)
    assert {(target, place) for target, _, place in _found(by_us)} == {
        ("/pack/index.html#missing", ((4, 34),)), ("/a/#nope", ((5, 43),)), ("/gone", ((6, 10),)),
        ("/folder/", ((6, 38),)), ("https://site.example/gone/", ((7, 55),)), ("tel:call-us", ((8, 89),)),
        ("/a/photo.png", ((9, 11),))}
    assert set(by_us.external) == set(by_lychee.external) == {"https://other.example/page"}
