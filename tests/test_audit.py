"""`make audit`'s script (audit/outside_checkers.py) without its outside tools: how it reads their reports,
which pages it checks, and the local server that stands in for a static host. No Node, Java or browser."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import outside_checkers as audit
import pytest


def test_pages_are_the_kinds_the_axe_tests_cover():
    from browser.test_accessibility import PAGES

    assert audit.page_kinds() == PAGES
    assert set(audit.LIGHTHOUSE_PAGES) <= set(PAGES)


def vnu_message(page: str, text: str) -> dict:
    return {"type": "error", "url": f"file:/site/{page}", "message": text, "extract": "<p\n  id=x>"}


def test_vnu_errors_are_counted_and_grouped_by_message():
    report = {"messages": [vnu_message("a/index.html", "Bad thing."), vnu_message("b/index.html", "Bad thing."),
                           vnu_message("a/index.html", "Other thing.")]}
    outcome = audit.summarize_vnu(report, Path("/site"), pages=5)
    assert outcome.lines == ["vnu: 3 errors on 5 pages (2 with errors, 2 distinct)"]
    assert not outcome.ok
    assert outcome.details[0].startswith("2 x Bad thing.\n      on 2 page(s): a/index.html, b/index.html")
    assert "e.g. <p id=x>" in outcome.details[0]
    assert audit.summarize_vnu({"messages": []}, Path("/site"), pages=5) == audit.Outcome(
        "vnu", ["vnu: 0 errors on 5 pages"], True, [])


def test_pa11y_counts_errors_only_and_a_page_it_could_not_check_misses_the_goal():
    issue = {"type": "error", "code": "H32.2", "message": "No submit button.", "selector": "form", "context": "<form>"}
    outcome = audit.summarize_pa11y({"/": [issue, {**issue, "type": "warning"}], "/a/": [issue]})
    assert outcome.lines == ["pa11y: 2 errors on 2 pages"]
    assert outcome.details == ["2 x No submit button. [H32.2]\n      on /, /a/\n      at form: <form>"]
    assert audit.summarize_pa11y({"/": []}).ok
    broken = audit.summarize_pa11y({"/": [], "/b/": "pa11y exit 1: timed out"})
    assert broken.lines == ["pa11y: 0 errors on 2 pages (1 could not be checked)"] and not broken.ok


def lighthouse_report(performance: float) -> dict:
    categories = {name: {"score": 1, "auditRefs": []} for name in audit.LIGHTHOUSE_CATEGORIES}
    categories["performance"] = {"score": performance, "auditRefs": [{"id": "lcp", "weight": 25}]}
    audits = {"lcp": {"title": "Largest Contentful Paint", "score": 0.9, "displayValue": "2.6 s",
                      "details": {"items": [{"node": {"snippet": "<h1>", "selector": "main h1"}}]}}}
    return {"categories": categories, "audits": audits}


def test_lighthouse_prints_the_four_scores_and_what_costs_points():
    line, ok, details = audit.summarize_lighthouse("/a/", lighthouse_report(0.994))
    assert line == "lighthouse /a/: performance 99, accessibility 100, best-practices 100, seo 100"
    assert not ok
    assert details == ["/a/ performance: Largest Contentful Paint (2.6 s) [lcp: score 90, weight 25]"
                       "\n      on <h1> (main h1)"]
    assert audit.summarize_lighthouse("/a/", lighthouse_report(0.996))[1]  # shown as 100: met


def test_zizmor_findings_name_file_and_line():
    finding = {"ident": "unpinned-images", "desc": "unpinned image references",
               "determinations": {"severity": "High"},
               "locations": [{"symbolic": {"key": {"Local": {"given_path": ".github/workflows/ci.yml"}}},
                              "concrete": {"location": {"start_point": {"row": 11}}}}]}
    outcome = audit.summarize_zizmor([finding])
    assert outcome.lines == ["zizmor: 1 findings"] and not outcome.ok
    assert outcome.details == ["unpinned-images (High): unpinned image references at .github/workflows/ci.yml:12"]
    assert audit.summarize_zizmor([]).ok


def test_the_report_ends_with_the_summary_lines():
    outcomes = [audit.Outcome("vnu", ["vnu: 1 errors on 2 pages"], False, ["1 x Bad."]),
                audit.Outcome("zizmor", ["zizmor: 0 findings"], True)]
    text = audit.report_text(outcomes)
    assert text.splitlines()[-3:] == ["vnu: 1 errors on 2 pages", "zizmor: 0 findings", "goals missed: vnu"]
    assert "== vnu: what stands between it and its goal\n  1 x Bad." in text


def test_headers_file_rules_match_paths_as_static_hosts_do():
    rules = audit.parse_headers_file("# comment\n/*\n  X-Frame-Options: DENY\n  ! Server\n"
                                     "/:topic/feed.xml\n  Cache-Control: no-cache\n")
    assert audit.headers_for(rules, "/a/") == [("X-Frame-Options", "DENY")]
    assert audit.headers_for(rules, "/intimacy/feed.xml") == [("X-Frame-Options", "DENY"),
                                                              ("Cache-Control", "no-cache")]
    assert audit.headers_for(rules, "/a/b/feed.xml") == [("X-Frame-Options", "DENY")]


def fetch(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def served(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>a</p>" * 100, encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>missing</p>", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "_headers").write_text("/*\n  Content-Security-Policy: default-src 'self'\n", encoding="utf-8")
    with audit.serve(tmp_path) as base_url:
        yield base_url


def test_the_local_server_answers_as_a_static_host(served: str):
    status, headers, body = fetch(served + "a/")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == b"<p>a</p>" * 100
    assert headers["Content-Security-Policy"] == "default-src 'self'"
    status, headers, body = fetch(served + "a/", gzip_ok=False)
    assert "Content-Encoding" not in headers and body.startswith(b"<p>a</p>")
    status, headers, body = fetch(served + "logo.png")
    assert status == 200 and "Content-Encoding" not in headers and body == b"\x89PNG"
    status, _, body = fetch(served + "nothing/here/")
    assert status == 404 and gzip.decompress(body) == b"<p>missing</p>"


def test_the_local_server_applies_the_redirects_file_as_each_host_does(tmp_path: Path):
    (tmp_path / "s" / "7").mkdir(parents=True)
    (tmp_path / "s" / "7" / "index.html").write_text("<p>the redirect page</p>", encoding="utf-8")
    (tmp_path / "_redirects").write_text("/s/7/ /a/ 301!\n/s/7/ /a/ 301\n", encoding="utf-8")
    for host in ("netlify", "cloudflare"):
        with audit.serve(tmp_path, host) as base_url:
            opener = urllib.request.build_opener(NoRedirect)
            try:
                opener.open(base_url + "s/7/?region=uk", timeout=10)
            except urllib.error.HTTPError as answer:
                assert (answer.code, answer.headers["Location"]) == (301, "/a/?region=uk"), host
            else:
                raise AssertionError(f"{host}: no redirect")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
