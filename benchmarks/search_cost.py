"""What search costs with Pagefind: the time to index, the size of the index, and the bytes a query fetches.

Query bytes are measured in headless Chromium (Playwright) on the built site, served on 127.0.0.1 by
Python's http.server: open an article, wait until it has loaded, open search with its key (/), put a
query in the box at once (Playwright's fill: one input event, so one search), and wait until the
status line gives the count of results (the results and their text are then on screen) and the
network is quiet, and whether the search says it searched other words than the ones typed ("Showing results
for ...": a mistyped word). Then a second, different query. Every response the browser receives is recorded,
the search worker's included, and counted in the step that caused it; the page's own first load is
not counted. Before the second query the box is emptied, as a reader does, which fetches nothing.

Sizes are those of the files in the built site (response headers are not counted). http.server does
not compress, so, as benchmarks/weight.py does, each file counts at its size after gzip at level 6,
which is what a web server sends. That includes files that are already compressed (Pagefind's
`.pf_*` index, meta and fragment files and its `wasm.*.pagefind` files are gzip data): gzip makes
them about 23 bytes larger, which is what a server that compresses every response sends; most
servers (GitHub Pages among them) do. A file fetched again counts once, the first time: a browser
keeps it (here, Pagefind keeps what it loaded in memory and asks for nothing twice).
"""

from __future__ import annotations

import functools
import gzip
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weight import gzip_size

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))
from between_us import search, search_chunks  # the build's own steps
from between_us.chromium import CHROMIUM, CHROMIUM_ARGS  # the browser the build prints the pack PDFs with

STATUS = "[data-bu-search-status]"
SPELLING = "[data-bu-search-spelling]"  # "Showing results for ...", when a mistyped word was searched as another
# Done: the status says something other than "Searching…" in the page's language (partials/search.html).
DONE = ("() => { const s = document.querySelector('[data-bu-search-status]');"
        " return s.textContent !== '' && s.textContent !== s.dataset.searching; }")
EMPTY = "() => document.querySelector('[data-bu-search-status]').textContent === ''"
LOAD = "page load"
# Parts of Pagefind's output folder, by what a reader's browser does with them.
KINDS = (("fragments", ("fragment/",)), ("index", ("index/", "filter/", ".pf_meta", "pagefind-entry.json")),
         ("engine", ("pagefind.js", "pagefind-worker.js", "wasm.")))


# ---- the index: time and size -------------------------------------------------------------------------

def pagefind_seconds(site: Path) -> float:
    """Wall time of the search index step of the build on its own (hooks/search_index.py): Pagefind over a
    copy of the pages marked for search, and the cutting of its word index. It writes to a temporary
    folder, so the site's own index stays as the build wrote it. The build's copies also hold the block
    only search reads (about 1.5 KB a page), which the written pages no longer have."""
    marked = [p.relative_to(site) for p in site.rglob("*.html") if search.INDEXED in p.read_text(encoding="utf-8")]
    with tempfile.TemporaryDirectory(prefix="bench-pagefind-") as work:
        pages, output = Path(work) / "pages", Path(work) / "pagefind"
        for page in marked:
            (pages / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(site / page, pages / page)
        start = time.perf_counter()
        result = subprocess.run(search.pagefind_command(pages, output), capture_output=True, text=True, timeout=600)
        if result.returncode == 0:
            search_chunks.rechunk(output)
        seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"bench: Pagefind failed on {site}:\n{result.stdout}{result.stderr}")
    return round(seconds, 3)


def kind_of(relative: str) -> str:
    """What a file under pagefind/ is: fragments (a page's text), index (words), engine (code), or ui (unused here)."""
    for kind, marks in KINDS:
        if any(relative.startswith(mark) or mark in relative for mark in marks):
            return kind
    return "ui"


def index_size(folder: Path, articles: int) -> dict[str, object]:
    """Bytes of Pagefind's output folder, raw and gzip, in all and by kind, and gzip per article.

    Also how much the word index chunks (index/*.pf_index, gzip data as Pagefind writes them) shrank:
    their text unpacked over their size. Text that repeats, as copies of the same articles do, packs
    far tighter than a site of different articles would.
    """
    kinds: dict[str, dict[str, int]] = {}
    packed = unpacked = 0
    chunks: list[int] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        relative = path.relative_to(folder).as_posix()
        row = kinds.setdefault(kind_of(relative), {"files": 0, "raw": 0, "gzip": 0})
        row["files"] += 1
        row["raw"] += len(data)
        row["gzip"] += gzip_size(data)
        if relative.startswith("index/"):
            chunks.append(gzip_size(data))
            packed += len(data)
            try:
                unpacked += len(gzip.decompress(data))
            except (OSError, EOFError):  # not gzip data: counted as it is
                unpacked += len(data)
    raw, gz = (sum(row[key] for row in kinds.values()) for key in ("raw", "gzip"))
    searched = sum(kinds.get(kind, {}).get("gzip", 0) for kind in ("index", "fragments"))
    return {"raw": raw, "gzip": gz, "files": sum(row["files"] for row in kinds.values()), "kinds": kinds,
            "gzip_per_article": round(gz / articles),
            # Words and page texts only: what grows with the site (the engine and UI files do not).
            "index_and_fragments_gzip_per_article": round(searched / articles),
            # A search fetches the chunk of each of its words: a chunk's size is what a word costs.
            "index_chunks": len(chunks), "index_chunk_gzip_median": round(statistics.median(chunks)) if chunks else 0,
            "index_chunks_compression": round(unpacked / packed, 2) if packed else None}


# ---- query bytes --------------------------------------------------------------------------------------

@dataclass
class Step:
    """What one step (the page load, or a query) fetched: first fetches only, each with raw and gzip bytes."""

    name: str
    files: dict[str, tuple[int, int]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    @property
    def raw(self) -> int:
        return sum(raw for raw, _ in self.files.values())

    @property
    def gzip(self) -> int:
        return sum(gz for _, gz in self.files.values())

    def summary(self) -> dict[str, object]:
        return {"requests": len(self.files), "raw": self.raw, "gzip": self.gzip, "missing": self.missing,
                "files": {url: list(sizes) for url, sizes in self.files.items()}}


def site_file(site: Path, path: str) -> Path | None:
    """The file a same-site URL path is served from, as http.server finds it (a folder serves its index.html)."""
    candidate = site / unquote(path).lstrip("/")
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def account(fetches: Sequence[tuple[str, str]], size: Callable[[str], tuple[int, int] | None]) -> list[Step]:
    """Bytes per step from the browser's fetches in order, as (step, URL) pairs.

    A URL counts in the first step that fetched it and never again (the browser has it); `size` gives
    a URL's raw and gzip bytes, or None for a URL the site does not have (listed as missing). The steps
    come back in the order they first appear.
    """
    steps: dict[str, Step] = {}
    seen: set[str] = set()
    for name, url in fetches:
        step = steps.setdefault(name, Step(name))
        if url in seen:
            continue
        seen.add(url)
        sizes = size(url)
        if sizes is None:
            step.missing.append(url)
        else:
            step.files[url] = sizes
    return list(steps.values())


_PARTS = (("Pagefind's code", re.compile(r"pagefind/(pagefind(-worker)?\.js|wasm\.[\w-]+\.pagefind)$")),
          ("entry and meta", re.compile(r"pagefind/(pagefind-entry\.json|[^/]+\.pf_meta)$")),
          ("index chunks", re.compile(r"pagefind/(index|filter)/")),
          ("fragments", re.compile(r"pagefind/fragment/")),
          ("crisis phrases", re.compile(r"search/crisis-phrases\.json$")),
          # Only when a word of a query is not in the index (search that forgives typing).
          ("spelling", re.compile(r"(search/vocabulary\.txt|assets/search-spelling\.js)$")))


def breakdown(files: dict[str, Sequence[int]]) -> dict[str, tuple[int, int]]:
    """A search's files (URL -> raw, gzip) by part: files and gzip bytes of each, in a fixed order."""
    parts: dict[str, list[int]] = {}
    for url, (_raw, gz) in files.items():
        path = urlsplit(url).path
        name = next((name for name, pattern in _PARTS if pattern.search(path)), "other")
        row = parts.setdefault(name, [0, 0])
        row[0] += 1
        row[1] += gz
    order = [name for name, _ in _PARTS] + ["other"]
    return {name: (parts[name][0], parts[name][1]) for name in order if name in parts}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The built site over HTTP on a free port of 127.0.0.1 (Pagefind needs HTTP, not file://)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def query_bytes(site: Path, page: str, queries: Sequence[str], chromium: Path = CHROMIUM,
                browser: Any = None) -> dict[str, object]:
    """Open `page` on the served site, then search for each query in turn; what each step fetched.

    `browser`: a Playwright browser already running (the tests'); else Chromium is started here."""
    if browser is None:
        from playwright.sync_api import sync_playwright  # only the benchmark's browser step needs it

        with sync_playwright() as driver:
            own = driver.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            try:
                return query_bytes(site, page, queries, browser=own)
            finally:
                own.close()
    fetches: list[tuple[str, str]] = []
    failed: list[str] = []
    shown: dict[str, object] = {}
    current = [LOAD]
    with serve(site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            # Nothing outside the site: a request elsewhere would be a finding of its own.
            context.route("**/*", lambda route: route.abort() if not route.request.url.startswith(base)
                          else route.continue_())
            context.on("requestfinished", lambda request: fetches.append((current[0], request.url)))
            context.on("requestfailed", lambda request: failed.append(request.url))
            tab = context.new_page()
            tab.goto(base + page, wait_until="networkidle")
            for query in queries:
                current[0] = query
                started = time.perf_counter()
                if not tab.locator("[data-bu-search-dialog]").is_visible():
                    tab.keyboard.press("/")
                box = tab.locator("[data-bu-search-input]")
                if box.input_value():  # empty the box first, as a reader does, and wait for the count to go
                    box.fill("")
                    tab.wait_for_function(EMPTY)
                box.fill(query)
                tab.wait_for_function(DONE, timeout=60_000)
                tab.wait_for_load_state("networkidle")
                note = tab.locator(SPELLING)
                shown[query] = {"status": tab.locator(STATUS).text_content(),
                                "searched_as": " ".join(note.text_content().split()) if note.is_visible() else None,
                                "seconds": round(time.perf_counter() - started, 2),
                                "results": tab.locator("a.bu-search__title").all_text_contents()}
        finally:
            context.close()

    def size(relative: str) -> tuple[int, int] | None:
        path = site_file(site, urlsplit(relative).path)
        if path is None:
            return None
        data = path.read_bytes()
        return len(data), gzip_size(data)

    steps = account([(step, url.removeprefix(base)) for step, url in fetches], size)
    by_name = {step.name: step for step in steps}
    return {"page": page, "failed": failed,
            "load": by_name.get(LOAD, Step(LOAD)).summary(),
            "queries": [{"query": query, **shown[query], **by_name.get(query, Step(query)).summary()}
                        for query in queries]}
