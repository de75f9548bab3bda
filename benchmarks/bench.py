"""Benchmark: build time, hook cost, page weight and search index size, against stock Material.

For each N it writes N synthetic articles (benchmarks/synthetic.py) into a temporary copy of the
site, builds that copy three ways (a: the project's configuration; b: the same without `hooks:`;
c: stock Material, `theme: material` and `plugins: [search]`, on the same Markdown), `--repeat`
times each, and measures the built sites. It prints a Markdown table and writes it, with the same
figures as JSON and a cProfile summary of the full build at the largest N, to benchmarks/results/.

    .venv/bin/python benchmarks/bench.py [--n 100,1000] [--repeat 3] [--profile] [--minutes 9]

Timing is wall time of `mkdocs build --strict` in a subprocess, Python start-up included, median of
the runs; the three configurations take turns, so a busy moment on the machine hits all of them.
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
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from synthetic import article_path, write_articles
from weight import first_visit, gzip_size

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
from between_us import urls  # noqa: E402  (the project's own functions, from hooks/)
from between_us.settings import read_mkdocs_yml  # noqa: E402

COPIED = ("mkdocs.yml", "hooks", "overrides", "data", "docs")
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2", "mkdocs-rss-plugin",
            "mkdocs-redirects", "pydantic", "PyYAML", "textstat", "segno", "selectolax")
# The page whose first visit is weighed: a synthetic article (stigma topic), present at every N >= 2.
MEASURED = 1
KB = 1000
PHASES = ("get_files", "get_navigation", "_populate_page", "_build_page", "_build_theme_template")
MARGIN = 30  # seconds kept for measuring the built sites and writing the results
GOALS = {"a/c": 0.3, "growth": 12.0, "a/b": 1.10, "first_visit_kb": 45.0}


@dataclass(frozen=True)
class Variant:
    key: str
    label: str
    config: str


VARIANTS = (Variant("a", "project (full)", "mkdocs.yml"),
            Variant("b", "project, hooks off", "mkdocs-no-hooks.yml"),
            Variant("c", "stock Material", "mkdocs-stock.yml"))


def build_env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1795392000"),
            "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def without_hooks(config_text: str) -> str:
    """mkdocs.yml with its `hooks:` list removed, everything else as written."""
    stripped, count = re.subn(r"^hooks:[ \t]*\n(?:(?:[ \t]+-.*|[ \t]*#.*|[ \t]*)\n)*", "", config_text,
                              flags=re.MULTILINE)
    if count != 1:
        raise SystemExit("bench: found no `hooks:` list in mkdocs.yml to switch off")
    return stripped


def stock_config(config_text: str) -> str:
    """Stock Material on the same Markdown: same site name, address, docs and Markdown extensions."""
    project = read_mkdocs_yml(config_text)
    stock = {key: project[key] for key in ("site_name", "site_url", "docs_dir", "exclude_docs",
                                           "markdown_extensions") if key in project}
    return yaml.safe_dump({**stock, "theme": {"name": "material"}, "plugins": ["search"]}, sort_keys=False)


def prepare(project: Path, work: Path, count: int, seed: int) -> list[str]:
    """A copy of the site with `count` synthetic articles, listed in its URL manifest as published."""
    for name in COPIED:
        source = project / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, work / name)
    articles = write_articles(work / "docs", count, work / "data", seed)
    manifest = work / "data" / "urls.txt"
    urls.write_manifest(manifest, [*urls.read_manifest(manifest), *map(urls.source_to_url, articles)])
    text = (work / "mkdocs.yml").read_text(encoding="utf-8")
    (work / "mkdocs-no-hooks.yml").write_text(without_hooks(text), encoding="utf-8")
    (work / "mkdocs-stock.yml").write_text(stock_config(text), encoding="utf-8")
    return articles


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float  # user + system seconds of the build process: steadier than wall time on a busy machine
    output: str


def build(work: Path, variant: Variant, *, profile: Path | None = None) -> Timing:
    """One strict build into work/site-<key>; exits on a failed build."""
    runner = ["-m", "cProfile", "-o", str(profile)] if profile else []
    command = [sys.executable, *runner, "-m", "mkdocs", "build", "--strict", "--quiet",
               "-f", variant.config, "-d", f"site-{variant.key}"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=work, env=build_env(), capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = result.stdout + result.stderr
    if result.returncode != 0:
        raise SystemExit(f"bench: build ({variant.label}) failed in {work}:\n{output[-4000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(round(wall, 3), round(cpu, 3), output)


def check_articles(output: str) -> dict[str, float]:
    """The project's checks must pass the synthetic articles without a warning; returns their grades."""
    problems = [line for line in output.splitlines()
                if re.search(r"/bench-\d+\.md\S*: (warning|error):", line)]
    if problems:
        raise SystemExit("bench: the project's checks flag the synthetic articles:\n" + "\n".join(problems[:20]))
    grades = [float(g) for g in re.findall(r"/bench-\d+\.md: info: \[readability\] reading grade ([\d.]+)", output)]
    return {"mean": round(statistics.mean(grades), 1), "max": max(grades)} if grades else {}


def link_check_seconds(output: str) -> float | None:
    """How long the internal link check (lychee, issue 9) took in a build of a, from its summary line."""
    match = re.search(r"checked offline with anchors in ([\d.]+) s", output)
    return float(match.group(1)) if match else None


def folder_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def measure(site: Path, articles: int, site_url: str | None) -> dict[str, Any]:
    page = article_path(MEASURED).removesuffix(".md") + "/"
    html = (site / page / "index.html").read_bytes()
    index = (site / "search" / "search_index.json").read_bytes()
    size, files = folder_bytes(site)
    return {
        "page": page,
        "article_html_raw": len(html), "article_html_gzip": gzip_size(html),
        "first_visit": first_visit(site, page, site_url).summary(),
        "search_index_raw": len(index), "search_index_gzip": gzip_size(index),
        "search_index_gzip_per_article": round(gzip_size(index) / articles),
        "site_bytes": size, "site_files": files,
    }


def profile_summary(stats_file: Path, work: Path) -> dict[str, Any]:
    """Where the full build's time goes: build phases, every event handler, the hooks' own functions."""
    stats = pstats.Stats(str(stats_file))
    hooks_dir = str(work / "hooks") + os.sep
    rows = []
    for (filename, _line, name), (_cc, calls, _tt, cumulative, _callers) in stats.stats.items():
        if filename.endswith(os.path.join("mkdocs", "plugins.py")):
            continue  # MkDocs' dispatchers: each sums every plugin's and hook's handler of one event
        ours = filename.startswith(hooks_dir)
        phase = filename.endswith(os.path.join("mkdocs", "commands", "build.py")) and name in PHASES
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
    """Prepare a site per N, build every configuration `--repeat` times (fewer if time runs out), measure."""
    counts = sorted(args.n)
    project_config = read_mkdocs_yml((args.project / "mkdocs.yml").read_text(encoding="utf-8"))
    site_url = project_config.get("site_url")
    results: dict[str, Any] = {"environment": environment(), "repeat": args.repeat, "seed": args.seed, "runs": {}}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        works = {count: Path(tmp) / str(count) for count in counts}
        for count, work in works.items():
            work.mkdir()
            prepare(args.project, work, count, args.seed)
        timings: dict[int, dict[str, list[Timing]]] = {n: {v.key: [] for v in VARIANTS} for n in counts}
        started = time.perf_counter()
        for repetition in range(args.repeat):
            per_round = (time.perf_counter() - started) / max(repetition, 1)
            profile_estimate = 3 * timings[counts[-1]]["a"][0].wall if args.profile and repetition else 0
            if repetition and time.perf_counter() + per_round + profile_estimate + MARGIN > deadline:
                print(f"bench: {repetition} run(s) of each build, to finish within {args.minutes:g} minutes",
                      file=sys.stderr)
                break
            for count in counts:
                for variant in VARIANTS:
                    timing = build(works[count], variant)
                    timings[count][variant.key].append(timing)
                    print(f"  N={count} {variant.label}: {timing.wall:.2f} s wall, {timing.cpu:.2f} s CPU",
                          file=sys.stderr)
        for count, work in works.items():
            results["runs"][str(count)] = measure_run(work, timings[count], site_url)
        if args.profile:
            args.results.mkdir(parents=True, exist_ok=True)
            stats_file = args.results / "latest.prof"
            timing = build(works[counts[-1]], VARIANTS[0], profile=stats_file)
            results["runs"][str(counts[-1])]["profile"] = {"wall_seconds": timing.wall,
                                                           **profile_summary(stats_file, works[counts[-1]])}
    results["environment"]["load_average_end"] = os.getloadavg()
    results["ratios"] = ratios(results["runs"])
    results["goals"] = goals(results)
    return results


def measure_run(work: Path, timings: dict[str, list[Timing]], site_url: str | None) -> dict[str, Any]:
    articles = sum(1 for p in (work / "docs").glob("*/*.md") if p.name != "index.md")
    result: dict[str, Any] = {"articles": articles, "grades": check_articles(timings["a"][0].output), "variants": {}}
    for variant in VARIANTS:
        walls, cpus = [t.wall for t in timings[variant.key]], [t.cpu for t in timings[variant.key]]
        result["variants"][variant.key] = {
            "label": variant.label, "wall": walls, "cpu": cpus,
            "wall_median": round(statistics.median(walls), 3), "cpu_median": round(statistics.median(cpus), 3),
            **measure(work / f"site-{variant.key}", articles, site_url),
        }
    # Each build of a, less its link check: what the other hooks cost.
    checks = [link_check_seconds(t.output) for t in timings["a"]]
    if all(c is not None for c in checks):
        result["variants"]["a"]["link_check"] = checks
        result["variants"]["a"]["wall_less_link_check_median"] = round(
            statistics.median(t.wall - c for t, c in zip(timings["a"], checks, strict=True)), 3)
    return result


def ratios(runs: dict[str, Any]) -> dict[str, Any]:
    """a/c and a/b at each N, on wall and CPU medians, and each configuration's growth from the smallest N."""
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
        # What each added article adds to the index, without the pages every site has (hubs, Get help now).
        out["search_index_gzip_per_added_article"] = {
            k: round((v["search_index_gzip"] - low["variants"][k]["search_index_gzip"]) / added)
            for k, v in high["variants"].items()}
    return out


def goals(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each goal of the benchmark issue, at the largest N; time ratios on wall time (CPU time beside)."""
    largest = max(results["runs"], key=int)
    run, ratio = results["runs"][largest], results["ratios"]
    a, c = run["variants"]["a"], run["variants"]["c"]
    visit = a["first_visit"]

    def timed(pair: str) -> tuple[str, str, str, bool]:
        value = ratio[largest][pair]
        return (f"{pair} at N={largest}", f"<= {GOALS[pair]}", f"{value:.2f} (CPU {ratio[largest][pair + ' cpu']:.2f})",
                value <= GOALS[pair])

    rows: list[tuple[str, str, object, bool | None]] = [timed("a/c"), timed("a/b")]
    if "a/b less link check" in ratio[largest]:
        value, seconds = ratio[largest]["a/b less link check"], statistics.median(a["link_check"])
        rows.append((f"a/b at N={largest}, less the internal link check (lychee, issue 9: {seconds:.2f} s)",
                     f"<= {GOALS['a/b']}", f"{value:.2f}", value <= GOALS["a/b"]))
    if "growth" in ratio:
        growth = ratio["growth"]
        rows.append((f"growth of a, build({growth['to']})/build({growth['from']})", f"<= {GOALS['growth']:g}",
                     f"{growth['a']:.1f}", growth["a"] <= GOALS["growth"]))
    rows += [
        ("article first visit, gzip: HTML, CSS, JS, icons, fonts", f"<= {GOALS['first_visit_kb']:g} KB",
         f"{visit['static_gzip'] / KB:.1f} KB", visit["static_gzip"] / KB <= GOALS["first_visit_kb"]),
        ("the same with what Material's JS fetches at start (worker, search index, sitemap)", "-",
         f"{visit['with_scripts_gzip'] / KB:.1f} KB", None),
        ("requests to other origins from the article", "0", visit["third_party_requests"],
         visit["third_party_requests"] == 0),
        ("search index per article (gzip index / articles)", f"<= stock: {c['search_index_gzip_per_article']} B",
         f"{a['search_index_gzip_per_article']} B",
         a["search_index_gzip_per_article"] <= c["search_index_gzip_per_article"]),
    ]
    if "growth" in ratio:
        added = ratio["search_index_gzip_per_added_article"]
        rows.append((f"search index per added article, gzip, N={ratio['growth']['from']} to {largest}",
                     f"<= stock: {added['c']} B", f"{added['a']} B", added["a"] <= added["c"]))
    return [{"goal": goal, "target": target, "measured": measured, "met": met}
            for goal, target, measured, met in rows]


def _kb(value: int) -> str:
    return f"{value / KB:,.1f}"


def _runs(results: dict[str, Any]) -> int:
    return min(len(v["wall"]) for run in results["runs"].values() for v in run["variants"].values())


def _met(met: bool | None) -> str:
    return "-" if met is None else "yes" if met else "**no**"


def markdown(results: dict[str, Any]) -> str:
    """The results as Markdown tables, with the machine and versions they were measured on."""
    env = results["environment"]
    lines = [f"Measured {env['date']} on {env['cores']} cores ({env['cpu']}), Python {env['python']}, "
             + ", ".join(f"{k} {v}" for k, v in env["packages"].items() if v)
             + f". Load average {env['load_average_start'][0]:.2f} at start, {env['load_average_end'][0]:.2f} at end. "
             f"Median of {_runs(results)} builds of each. KB = 1,000 bytes; gzip at level 6.", "",
             "| N | build | wall s, median (runs) | CPU s | article HTML KB raw / gz | first visit KB raw / gz "
             "| + Material's JS at start, KB gz | requests / other origins | search index KB gz (B per article) "
             "| site MB (files) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for count, run in results["runs"].items():
        for key, v in run["variants"].items():
            visit, runs = v["first_visit"], ", ".join(f"{t:.2f}" for t in v["wall"])
            lines.append(
                f"| {count} | {key}: {v['label']} | {v['wall_median']:.2f} ({runs}) "
                f"| {v['cpu_median']:.2f} | {_kb(v['article_html_raw'])} / {_kb(v['article_html_gzip'])} "
                f"| {_kb(visit['static_raw'])} / {_kb(visit['static_gzip'])} | {_kb(visit['with_scripts_gzip'])} "
                f"| {visit['requests']} / {visit['third_party_requests']} "
                f"| {_kb(v['search_index_gzip'])} ({v['search_index_gzip_per_article']}) "
                f"| {v['site_bytes'] / KB / KB:,.1f} ({v['site_files']}) |")
    lines += ["", "| N | articles | a/c wall (CPU) | a/b wall (CPU) | synthetic articles' reading grade, mean / max |",
              "|---|---|---|---|---|"]
    for count, run in results["runs"].items():
        r, grades = results["ratios"][count], run["grades"]
        lines.append(f"| {count} | {run['articles']} | {r['a/c']:.2f} ({r['a/c cpu']:.2f}) "
                     f"| {r['a/b']:.2f} ({r['a/b cpu']:.2f}) | {grades.get('mean', '-')} / {grades.get('max', '-')} |")
    if "growth" in results["ratios"]:
        growth, added = results["ratios"]["growth"], results["ratios"]["search_index_gzip_per_added_article"]
        lines += ["", f"Growth of the median wall time, build({growth['to']})/build({growth['from']}): "
                  + ", ".join(f"{v.key} {growth[v.key]:.1f}x" for v in VARIANTS) + ". Search index, gzip, per added "
                  "article: " + ", ".join(f"{k} {b} B" for k, b in added.items()) + "."]
    lines += ["", "| goal | target | measured | met |", "|---|---|---|---|"]
    lines += [f"| {g['goal']} | {g['target']} | {g['measured']} | {_met(g['met'])} |" for g in results["goals"]]
    for count, run in results["runs"].items():
        if "profile" in run:
            prof = run["profile"]
            lines += ["", f"cProfile of build a at N={count} (the MkDocs process; the checks' worker process "
                      f"and lychee are not in it): {prof['total_seconds']} s under the profiler "
                      f"({prof['wall_seconds']} s wall); the hooks (loading and event functions) take "
                      f"{prof['hooks_seconds']} s "
                      f"({prof['hooks_share']:.0%}). Rows nest (a hook's row includes the functions it calls).", "",
                      "| function | calls | cumulative s |", "|---|---|---|"]
            lines += [f"| {row['function']} | {row['calls']} | {row['seconds']:.2f} |"
                      for row in prof["functions"][:30]]
    return "\n".join(lines) + "\n"


def save(results: dict[str, Any], folder: Path) -> Path:
    """Write <stamp>.md, .json (and .profile.txt) to the results folder, and copy them as latest.*."""
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / ("bench-" + results["environment"]["date"].replace(":", "").removesuffix("+0000") + "Z")
    written = {".md": markdown(results)}
    for run in results["runs"].values():
        if "profile" in run:
            written[".profile.txt"] = run["profile"].pop("text")
    written[".json"] = json.dumps(results, indent=2) + "\n"
    for suffix, text in written.items():
        base.with_suffix(suffix).write_text(text, encoding="utf-8")
        shutil.copy(base.with_suffix(suffix), folder / f"latest{suffix}")
    return base


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=lambda s: [int(x) for x in s.split(",")], default=[100, 1000],
                        help="numbers of synthetic articles, comma-separated (default 100,1000)")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each configuration per N (default 3)")
    parser.add_argument("--profile", action="store_true",
                        help="also build a once under cProfile at the largest N (adds about 2.5 builds' time)")
    parser.add_argument("--minutes", type=float, default=9,
                        help="time budget: no new round of builds starts that would end after it (default 9)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic text (default 0)")
    parser.add_argument("--project", type=Path, default=ROOT,
                        help="the site to copy: mkdocs.yml, hooks, overrides, data, docs (default: this repository)")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results", help="where to write")
    args = parser.parse_args(argv)
    if min(args.n) < 2 or args.repeat < 1:
        parser.error("--n needs at least 2 articles per run and --repeat at least 1")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    started = time.perf_counter()
    results = run(args, started + args.minutes * 60)
    results["bench_seconds"] = round(time.perf_counter() - started, 1)
    base = save(results, args.results)
    print(markdown(results))
    print(f"Whole benchmark: {results['bench_seconds']:.0f} s. Results: {base}.md and .json"
          + (", profile: latest.prof and .profile.txt" if args.profile else "") + ".")


if __name__ == "__main__":
    main()
