"""`make audit`: the web's own checkers on a fresh build of the site, one summary line per checker.

- the Nu HTML Checker (vnu, the `vnu-jar` npm package, run with Java) on every HTML page;
- pa11y (HTML_CodeSniffer, WCAG 2 AA) on every kind of page the axe browser tests cover;
- Lighthouse (mobile preset) on the home page, a hub, an article and Get help now;
- zizmor (pinned in requirements.txt) on the workflows and the Dependabot settings.

The site is built into audit/reports/site/ and served on 127.0.0.1 by a small server that answers as a
static host does (gzip; the headers of the site's `_headers` file and the redirects of its `_redirects`
file, as Netlify applies them; 404.html for a missing page). Each checker's full report is saved in
audit/reports/ (git-ignored). The summary lines come last; the exit code is 1 when any goal is missed (0 vnu
errors, 0 pa11y errors, 100 in each of Lighthouse's four categories on every page, no zizmor finding), 2 when
a checker cannot run.

The Node tools (and a Node to run them) are pinned in audit/package-lock.json and installed by
`make audit` with `npm ci --ignore-scripts`, so nothing downloads a browser or a Java runtime:
Lighthouse and pa11y drive Debian's Chromium (CHROMIUM_PATH, /usr/bin/chromium by default).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
from between_us.chromium import CHROMIUM, MISSING  # the browser the build and the tests drive

ROOT = Path(__file__).resolve().parents[1]
AUDIT = ROOT / "audit"
NODE_MODULES = AUDIT / "node_modules"
REPORTS = AUDIT / "reports"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
PA11Y = NODE_MODULES / "pa11y" / "bin" / "pa11y.js"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
BIN = Path(sys.executable).parent  # the project's virtual environment: mkdocs and zizmor
WORKFLOW_FILES = (".github/workflows", ".github/dependabot.yml")

NODE_MIN = (22, 19)  # Lighthouse 13 needs 22.19 or later; pa11y 10 needs 22.13 or 24
JAVA_MIN = 17  # the Nu HTML Checker
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_PAGES = ("home", "hub", "article", "get-help", "es-home", "es-hub", "es-article", "es-get-help")
PA11Y_STANDARD = "WCAG2AA"
# The search dialog with results and the crisis card, as the axe test opens it.
SEARCH_ACTIONS = ["click element [data-bu-search-open]", "set field #bu-search-input to suicidal thoughts",
                  "wait for element .bu-search__result to be added"]
TOP = 12  # distinct findings listed per checker; the reports have them all


class CannotRun(Exception):
    """A checker's tool is missing or broken: nothing was checked."""


@dataclass
class Outcome:
    """One checker's result: its summary lines, whether its goal is met, and its distinct findings."""

    name: str
    lines: list[str]
    ok: bool
    details: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- the pages


def _project_imports() -> None:
    """The project's hooks and test helpers, importable when this runs as a script (`make audit`)."""
    sys.path[:0] = [path for path in (str(ROOT / "hooks"), str(ROOT / "tests")) if path not in sys.path]


def page_kinds() -> dict[str, str]:
    """Each kind of page the axe tests cover (tests/browser/test_accessibility.py), by site-relative URL."""
    _project_imports()
    from sitedata import articles, front_matter, url_of

    article = articles()[0]
    return {
        "home": "",
        "hub": f"{front_matter(article)['topic']}/",
        "article": url_of(article),
        "tags": "tags/",
        "a-z": "a-z/",
        "get-help": "get-help/",
        "browsing-safely": "browsing-safely/",
        "404": "404.html",
        "es-home": "es/",
        "es-hub": "es/intimacy/",
        "es-article": "es/intimacy/controlling-and-abusive-relationships/",
        "es-get-help": "es/get-help/",
    }


def shown(url: str) -> str:
    return "/" + url


def listed(items: Sequence[str], most: int = 6) -> str:
    """'a, b, c' or 'a, b, c and 4 more'."""
    items = list(items)
    if len(items) <= most:
        return ", ".join(items)
    return f"{', '.join(items[:most])} and {len(items) - most} more"


def snippet(html: str, most: int = 140) -> str:
    """A markup excerpt on one line, cut to `most` characters."""
    text = re.sub(r"\s+", " ", html).strip()
    return text if len(text) <= most else text[: most - 3] + "..."


# ---------------------------------------------------------------- serving the site as a static host does


def parse_headers_file(text: str) -> list[tuple[re.Pattern[str], list[tuple[str, str]]]]:
    """Netlify / Cloudflare Pages `_headers`: a path pattern at the start of a line (`*` matches
    anything, `:name` one path segment), then its headers indented as `Name: value`."""
    rules: list[tuple[re.Pattern[str], list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            parts = re.split(r"(\*|:[A-Za-z_]\w*)", line.strip())
            pattern = "".join(".*" if p == "*" else "[^/]+" if p.startswith(":") else re.escape(p) for p in parts)
            rules.append((re.compile(pattern + r"\Z"), []))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            if not name.startswith("!"):  # `! Name` detaches a header: nothing to add
                rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules: Sequence[tuple[re.Pattern[str], list[tuple[str, str]]]], path: str) -> list[tuple[str, str]]:
    return [header for pattern, headers in rules if pattern.match(path) for header in headers]


COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class StaticHostHandler(SimpleHTTPRequestHandler):
    """Files of the built site; gzip for text, the `_headers` file's headers, the `_redirects` file's redirects
    (as `host`, 'netlify' or 'cloudflare', applies them), 404.html for a missing page."""

    rules: Sequence[tuple[re.Pattern[str], list[tuple[str, str]]]] = ()
    # host_redirects.location, given the file's rules and the host: the Location for a path, or None.
    redirect_to: Callable[..., str | None] = staticmethod(lambda **_: None)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in headers_for(self.rules, self.path.split("?", 1)[0]):
            self.send_header(name, value)
        super().end_headers()

    def _is_file(self, path: str) -> bool:
        found = Path(self.translate_path(path))
        return found.is_file() or (found / "index.html").is_file()

    def do_GET(self) -> None:
        request_path, _, query = self.path.partition("?")
        location = self.redirect_to(path=request_path, query=query, is_file=self._is_file)
        if location is not None:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        status = 200
        if not path.exists():
            status, path = 404, Path(self.directory) / "404.html"
        if not path.is_file():
            super().do_GET()  # a folder without its slash: the redirect
            return
        body = path.read_bytes()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""))
        if content_type.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(site: Path, host: str = "netlify") -> Iterator[str]:
    """The site at a local address, as `host` ('netlify' or 'cloudflare') would serve it."""
    _project_imports()
    from between_us import host_redirects

    headers_file, redirects_file = site / "_headers", site / host_redirects.FILE
    rules = parse_headers_file(headers_file.read_text(encoding="utf-8")) if headers_file.exists() else []
    redirects = host_redirects.parse(redirects_file.read_text(encoding="utf-8")) if redirects_file.exists() else []
    redirect_to = functools.partial(host_redirects.location, redirects, host=host)
    handler = type("Handler", (StaticHostHandler,), {"rules": rules, "redirect_to": staticmethod(redirect_to)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


# ---------------------------------------------------------------- the tools


def version_of(command: Sequence[str], pattern: str) -> tuple[int, ...] | None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(pattern, result.stdout + result.stderr)
    return tuple(int(part) for part in found.groups()) if found else None


def find_node() -> Path:
    """The Node pinned in audit/package-lock.json (Linux), else a recent enough `node` on PATH."""
    for node in (NODE_MODULES / ".bin" / "node", shutil.which("node")):
        if node and (found := version_of([str(node), "--version"], r"v(\d+)\.(\d+)")) and found >= NODE_MIN:
            return Path(node)
    raise CannotRun(f"Lighthouse and pa11y need Node {'.'.join(map(str, NODE_MIN))} or later: `make audit` installs "
                    "one on Linux (x64, arm64) from audit/package-lock.json; elsewhere put one on PATH")


def check_tools() -> Path:
    """Everything the checkers need, or CannotRun naming what is missing and how to get it."""
    missing = []
    java = version_of(["java", "-version"], r'version "(\d+)')
    if not java or java[0] < JAVA_MIN:
        missing.append(f"Java {JAVA_MIN} or later for the Nu HTML Checker: sudo apt-get install default-jre-headless")
    if not CHROMIUM.exists():
        missing.append(MISSING)
    if not all(path.exists() for path in (VNU_JAR, PA11Y, LIGHTHOUSE)):
        missing.append("the Node tools in audit/node_modules: run `make audit` (it runs npm ci in audit/)")
    if not (BIN / "zizmor").exists():
        missing.append("zizmor in the virtual environment: run `make audit` (it installs requirements.txt)")
    try:
        node = find_node()
    except CannotRun as error:
        missing.append(str(error))
    if missing:
        raise CannotRun("\n".join(missing))
    return node


def node_env() -> dict[str, str]:
    """PATH with the pinned Node first, so the tools' own `#!/usr/bin/env node` children use it too."""
    env = dict(os.environ)
    env["PATH"] = f"{NODE_MODULES / '.bin'}{os.pathsep}{env.get('PATH', '')}"
    env["CHROME_PATH"] = str(CHROMIUM)
    env["PUPPETEER_SKIP_DOWNLOAD"] = "1"
    return env


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build(site: Path) -> None:
    progress(f"building the site into {site.relative_to(ROOT)}/ ...")
    result = subprocess.run([str(BIN / "properdocs"), "build", "-f", "mkdocs.yml", "--strict", "--clean",
                             "--site-dir", str(site)],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        print(result.stdout + result.stderr, file=sys.stderr)
        raise CannotRun(f"the site does not build (mkdocs exit {result.returncode}): fix that first (`make check`)")


# ---------------------------------------------------------------- vnu


def summarize_vnu(report: Mapping[str, Any], site: Path, pages: int) -> Outcome:
    """vnu's JSON: every message is an error (--errors-only), by page; the distinct ones with their pages."""
    messages = report.get("messages", [])
    where: dict[str, list[str]] = {}
    example: dict[str, str] = {}
    for message in messages:
        url = message.get("url", "")
        page = url.removeprefix("file:").removeprefix(str(site) + "/") if url else "(no page)"
        key = message.get("message", "").strip()
        if message.get("type") != "error":
            key = f"{message.get('type')}: {key}"
        where.setdefault(key, []).append(page)
        example.setdefault(key, snippet(message.get("extract", "")))
    errored = {page for pages_of in where.values() for page in pages_of}
    details = [f"{len(p)} x {text}\n      on {len(set(p))} page(s): {listed(sorted(set(p)))}"
               f"\n      e.g. {example[text]}"
               for text, p in sorted(where.items(), key=lambda item: -len(item[1]))[:TOP]]
    line = f"vnu: {len(messages)} errors on {pages} pages"
    if messages:
        line += f" ({len(errored)} with errors, {len(where)} distinct)"
    return Outcome("vnu", [line], not messages, details)


def run_vnu(site: Path, reports: Path) -> Outcome:
    files = sorted(site.rglob("*.html"))
    progress(f"vnu: checking {len(files)} pages ...")
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--exit-zero-always", "--format", "json",
                             *map(str, files)], capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(result.stderr or result.stdout)  # vnu writes its report on stderr
    except json.JSONDecodeError as error:
        raise CannotRun(f"vnu: no JSON report ({error}): {(result.stderr or result.stdout)[-500:]}") from error
    (reports / "vnu.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return summarize_vnu(report, site, len(files))


# ---------------------------------------------------------------- pa11y


def summarize_pa11y(results: Mapping[str, list[dict[str, Any]] | str]) -> Outcome:
    """pa11y's JSON issues by page (or the reason a page could not be checked)."""
    where: dict[tuple[str, str, str], list[str]] = {}  # (code, message, element) -> pages
    example: dict[tuple[str, str, str], str] = {}
    failed = []
    errors = 0
    for page, issues in results.items():
        if isinstance(issues, str):
            failed.append(f"{page}: could not check: {issues}")
            continue
        for issue in issues:
            if issue.get("type") == "error":
                errors += 1
                key = (issue.get("code", ""), issue.get("message", ""), issue.get("selector", ""))
                where.setdefault(key, []).append(page)
                example.setdefault(key, snippet(issue.get("context", "")))
    details = [f"{len(p)} x {message} [{code}]\n      on {listed(sorted(set(p)), most=10)}"
               f"\n      at {selector}: {example[code, message, selector]}"
               for (code, message, selector), p in sorted(where.items(), key=lambda item: -len(item[1]))[:TOP]]
    line = f"pa11y: {errors} errors on {len(results)} pages"
    if failed:
        line += f" ({len(failed)} could not be checked)"
    return Outcome("pa11y", [line], errors == 0 and not failed, failed + details)


def run_pa11y(node: Path, base_url: str, kinds: Mapping[str, str], reports: Path) -> Outcome:
    folder = reports / "pa11y"
    folder.mkdir()
    results: dict[str, list[dict[str, Any]] | str] = {}
    targets = {**kinds, "search": ""}
    for kind, url in targets.items():
        page = shown(url) + (" (search results)" if kind == "search" else "")
        progress(f"pa11y: {page} ...")
        config = {"chromeLaunchConfig": {"executablePath": str(CHROMIUM), "args": ["--no-sandbox"]},
                  "runners": ["htmlcs"], "standard": PA11Y_STANDARD, "timeout": 60_000,
                  "actions": SEARCH_ACTIONS if kind == "search" else []}
        config_file = folder / f"{kind}.config.json"
        config_file.write_text(json.dumps(config, indent=1), encoding="utf-8")
        result = subprocess.run([str(node), str(PA11Y), "--config", str(config_file), "--reporter", "json",
                                 base_url + url], capture_output=True, text=True, env=node_env(), timeout=180)
        (folder / f"{kind}.json").write_text(result.stdout, encoding="utf-8")
        try:
            issues = json.loads(result.stdout) if result.returncode in (0, 2) else None
        except json.JSONDecodeError:
            issues = None
        results[page] = issues if isinstance(issues, list) else (
            f"pa11y exit {result.returncode}: {(result.stderr or result.stdout).strip()[-300:]}")
    return summarize_pa11y(results)


# ---------------------------------------------------------------- Lighthouse


def summarize_lighthouse(page: str, report: Mapping[str, Any]) -> tuple[str, bool, list[str]]:
    """The four category scores, and each audit that costs points (with its weight and score)."""
    categories = report.get("categories", {})
    scores = {name: categories.get(name, {}).get("score") for name in LIGHTHOUSE_CATEGORIES}
    shown_scores = ", ".join(f"{name} {'-' if s is None else round(s * 100)}" for name, s in scores.items())
    details = []
    for name in LIGHTHOUSE_CATEGORIES:
        for ref in categories.get(name, {}).get("auditRefs", []):
            audit = report.get("audits", {}).get(ref["id"], {})
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                nodes = [item["node"] for item in audit.get("details", {}).get("items", [])
                         if isinstance(item, dict) and isinstance(item.get("node"), dict)]
                on = "".join(f"\n      on {snippet(node.get('snippet', ''))} ({node.get('selector', '')})"
                             for node in nodes[:3])
                details.append(f"{page} {name}: {audit.get('title', ref['id'])}{value} "
                               f"[{ref['id']}: score {round(audit['score'] * 100)}, weight {ref['weight']}]{on}")
    ok = all(s is not None and round(s * 100) == 100 for s in scores.values())
    return f"lighthouse {page}: {shown_scores}", ok, details


def run_lighthouse(node: Path, base_url: str, kinds: Mapping[str, str], reports: Path) -> Outcome:
    folder = reports / "lighthouse"
    folder.mkdir()
    lines, details, ok = [], [], True
    for kind in LIGHTHOUSE_PAGES:
        page = shown(kinds[kind])
        progress(f"lighthouse: {page} ...")
        output = folder / f"{kind}.json"
        result = subprocess.run(
            [str(node), str(LIGHTHOUSE), base_url + kinds[kind], "--chrome-flags=--headless=new --no-sandbox",
             "--output=json", f"--output-path={output}", "--quiet",
             f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}"],
            capture_output=True, text=True, env=node_env(), timeout=300)
        if result.returncode or not output.exists():
            lines.append(f"lighthouse {page}: failed (exit {result.returncode}): {result.stderr.strip()[-300:]}")
            ok = False
            continue
        report = json.loads(output.read_text(encoding="utf-8"))
        if report.get("runtimeError"):
            lines.append(f"lighthouse {page}: failed: {report['runtimeError'].get('message')}")
            ok = False
            continue
        line, page_ok, page_details = summarize_lighthouse(page, report)
        lines.append(line)
        details += page_details + [f"{page}: {warning}" for warning in report.get("runWarnings", [])]
        ok = ok and page_ok
    return Outcome("lighthouse", lines, ok, details)


# ---------------------------------------------------------------- zizmor


def summarize_zizmor(findings: Sequence[Mapping[str, Any]]) -> Outcome:
    details = []
    for finding in findings:
        places = []
        for location in finding.get("locations", []):
            symbolic, concrete = location.get("symbolic", {}), location.get("concrete", {})
            key = next(iter(symbolic.get("key", {}).values()), {})
            path = key.get("given_path") or key.get("verbatim_path") or "?"
            row = concrete.get("location", {}).get("start_point", {}).get("row")
            places.append(f"{Path(path).as_posix()}:{'' if row is None else row + 1}")
        severity = finding.get("determinations", {}).get("severity", "?")
        details.append(f"{finding.get('ident')} ({severity}): {finding.get('desc')} at {', '.join(places)}")
    return Outcome("zizmor", [f"zizmor: {len(findings)} findings"], not findings, details)


def run_zizmor(reports: Path) -> Outcome:
    progress("zizmor: the workflows and the Dependabot settings ...")
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--persona=auditor", "--format", "json",
                             *WORKFLOW_FILES], cwd=ROOT, capture_output=True, text=True, timeout=300)
    try:
        findings = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise CannotRun(f"zizmor: no JSON report (exit {result.returncode}): {result.stderr.strip()[-500:]}") from error
    (reports / "zizmor.json").write_text(json.dumps(findings, indent=1), encoding="utf-8")
    return summarize_zizmor(findings)


# ---------------------------------------------------------------- all of it


def report_text(outcomes: Sequence[Outcome]) -> str:
    """The distinct findings per checker, then the summary block: one line per checker (per page for
    Lighthouse), each marked with whether its goal is met."""
    out = []
    for outcome in outcomes:
        if outcome.details:
            out.append(f"== {outcome.name}: what stands between it and its goal")
            out += [f"  {line}" for line in outcome.details]
            out.append("")
    out.append("== summary (goals: vnu 0 errors, pa11y 0 errors, Lighthouse 100 in each category, zizmor 0 findings)")
    for outcome in outcomes:
        out += outcome.lines
    missed = [outcome.name for outcome in outcomes if not outcome.ok]
    out.append(f"goals missed: {', '.join(missed)}" if missed else "every goal met")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=Path, default=REPORTS, help="where the full reports go (emptied first)")
    args = parser.parse_args(argv)
    reports: Path = args.reports.resolve()
    try:
        node = check_tools()
        if reports.exists():
            shutil.rmtree(reports)
        reports.mkdir(parents=True)
        site = reports / "site"
        build(site)
        kinds = page_kinds()
        outcomes = [run_vnu(site, reports)]
        with serve(site) as base_url:
            checkers: list[Callable[[], Outcome]] = [
                lambda: run_pa11y(node, base_url, kinds, reports),
                lambda: run_lighthouse(node, base_url, kinds, reports)]
            outcomes += [checker() for checker in checkers]
        outcomes.append(run_zizmor(reports))
    except CannotRun as error:
        print(f"make audit: cannot run:\n{error}", file=sys.stderr)
        return 2
    text = report_text(outcomes)
    (reports / "summary.txt").write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"(full reports in {reports.relative_to(ROOT) if reports.is_relative_to(ROOT) else reports}/)")
    return 0 if all(outcome.ok for outcome in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
