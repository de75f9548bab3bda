"""The README and the handbook beside it (ARCHITECTURE, BENCHMARKS, CONTRIBUTING, DECISIONS, DEPLOYING,
SECURITY): the README stays a front door, every link and section reference between the files leads
somewhere, and every command, path, setting, field and name they give exists."""

from __future__ import annotations

import importlib
import re
import shutil
from functools import cache
from pathlib import Path

import pytest
import yaml
from between_us.frontmatter import Article, Hub, Page, Reference, ReviewRecord
from sitedata import ROOT, mkdocs_config

HANDBOOK = ("README.md", "ARCHITECTURE.md", "BENCHMARKS.md", "CONTRIBUTING.md", "DECISIONS.md", "DEPLOYING.md",
            "SECURITY.md")
README_MAX_BYTES = 10_000
# Paths the files name that a checkout does not hold: made by a command, or by the first file put there.
NOT_IN_A_CHECKOUT = ("audit/reports/", "audit/node_modules/", "benchmarks/results/", "docs/assets/")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
NAMES = "|".join(name.removesuffix(".md") for name in HANDBOOK)
# `FILE.md, "Section"` (or `FILE: "Section"`, or a link to the file before the comma), and `"Section" in FILE.md`.
SECTION_AFTER = re.compile(rf"\b({NAMES})(?:\.md)?(?:\]\([^)]*\))?[,:] ([\"'])(.+?)\2")
SECTION_BEFORE = re.compile(rf"([\"'])([^\"'\n]+)\1 in ({NAMES})\.md")
FRONT_MATTER_MODELS = (Article, Hub, Page, ReviewRecord, Reference)
# Material's feature names (mkdocs.yml `theme.features`), which read like `module.function`.
THEME_FEATURES = ("navigation.top", "content.tooltips", "search.highlight")
FILE_NAME = re.compile(r"[\w.-]+\.(yml|py|js|css|html|md|json|txt|svg|xml)")


@cache
def text(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def prose(markdown: str) -> str:
    """The text outside fenced code blocks."""
    return FENCE.sub("", markdown)


def outside_code(markdown: str) -> str:
    """The text outside fenced code blocks and code spans."""
    return CODE_SPAN.sub("", prose(markdown))


def headings(markdown: str) -> list[str]:
    return [line.lstrip("#").strip() for line in prose(markdown).splitlines() if re.match(r"#{1,6} ", line)]


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def code(markdown: str) -> list[str]:
    """Every code span and every line of every fenced block."""
    spans = CODE_SPAN.findall(prose(markdown))
    return spans + [line for _, body in FENCE.findall(markdown) for line in body.splitlines()]


@cache
def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", text("Makefile"), re.MULTILINE))


@cache
def documented_targets() -> list[str]:
    return re.findall(r"^## ([a-z][\w-]*):", text("Makefile"), re.MULTILINE)


@cache
def source_words() -> set[str]:
    """Every name in the code, data and settings the handbook describes."""
    files = [*ROOT.glob("hooks/**/*.py"), *ROOT.glob("data/**/*.yml"), *ROOT.glob("overrides/**/*.*"),
             *ROOT.glob("benchmarks/*.py"), *ROOT.glob("audit/*.py"), *ROOT.glob(".github/**/*.yml"),
             *ROOT.glob("tests/**/*.py"),
             ROOT / "mkdocs.yml", ROOT / "Makefile"]
    return {word for path in files for word in re.findall(r"\w+", path.read_text(encoding="utf-8"))}


def test_the_readme_is_a_front_door():
    readme = text("README.md")
    assert len(readme.encode("utf-8")) <= README_MAX_BYTES, "README.md: move detail to the handbook files"
    lang, first_block = FENCE.findall(readme)[0]
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert (lang, commands) == ("sh", ["make serve", "make test"])
    table = [line for line in readme.splitlines() if line.startswith("| `make ")]
    for target in documented_targets():
        if target not in ("serve", "test"):
            assert sum(f"| `make {target}` |" in line for line in table) == 1, f"README: one line for make {target}"
    for name in HANDBOOK[1:]:
        assert f"]({name})" in readme, f"README links {name}"


@pytest.mark.parametrize("name", HANDBOOK)
def test_every_make_command_is_a_target(name: str):
    named = {target for snippet in code(text(name)) for target in re.findall(r"\bmake ([a-z][\w-]*)", snippet)}
    assert named, f"{name} names no make command"
    assert named <= make_targets(), f"{name}: no such make target: {sorted(named - make_targets())}"


@pytest.mark.parametrize("name", HANDBOOK)
def test_every_link_leads_to_a_file_and_heading_that_exist(name: str):
    for target in LINK.findall(outside_code(text(name))):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        assert (ROOT / path).exists(), f"{name}: link to {path}, which does not exist"
        if anchor:
            linked = path or name
            assert linked.endswith(".md") and anchor in {slug(h) for h in headings(text(linked))}, \
                f"{name}: link to {target}: {linked} has no heading with that anchor"


def test_every_section_a_file_refers_to_is_a_heading_of_that_file():
    places = [*HANDBOOK, "Makefile", *(p.relative_to(ROOT).as_posix() for p in ROOT.glob("hooks/**/*.py")),
              *(p.relative_to(ROOT).as_posix() for p in ROOT.glob(".github/**/*.yml")),
              *(p.relative_to(ROOT).as_posix() for p in ROOT.glob("data/*.yml"))]
    checked = 0
    for place in places:
        body = re.sub(r"\s+", " ", text(place).replace('\\"', '"'))
        found = [(f, s) for f, _, s in SECTION_AFTER.findall(body)]
        found += [(f, s) for _, s, f in SECTION_BEFORE.findall(body)]
        for file, section in found:
            assert any(h == section or h.startswith(section + " ") or h.startswith(section + ",")
                       for h in headings(text(f"{file}.md"))), f'{place}: {file}.md has no section "{section}"'
            checked += 1
    assert checked >= 10, "the references were not found: has their form changed?"


@pytest.mark.parametrize("name", HANDBOOK)
def test_every_repository_path_exists(name: str):
    paths = [span for span in CODE_SPAN.findall(prose(text(name)))
             if re.fullmatch(r"(\.github|\.ci|docs|data|hooks|overrides|tests|benchmarks|audit)/[\w./-]*"
                             r"|mkdocs\.yml|Makefile|requirements\.(in|txt)", span)]
    assert paths, f"{name} names no file"
    for path in paths:
        if not path.startswith(NOT_IN_A_CHECKOUT):
            assert (ROOT / path).exists(), f"{name}: `{path}` does not exist"


@pytest.mark.parametrize("name", HANDBOOK)
def test_every_setting_variable_and_function_exists(name: str):
    for snippet in code(text(name)):
        for variable in re.findall(r"\b([A-Z][A-Z0-9_]{3,})=", snippet):
            assert variable in source_words(), f"{name}: no code reads {variable}"
        if re.fullmatch(r"[a-z]+(_[a-z0-9]+)+|[A-Z][a-z]+[A-Z]\w*|[A-Z]+(_[A-Z]+)+", snippet):
            assert snippet in source_words(), f"{name}: `{snippet}` is not a name in the code or data"
        call = re.match(r"([a-z_]+)\.([a-z_]+)\b", snippet)
        if FILE_NAME.fullmatch(snippet) or snippet in THEME_FEATURES:
            continue
        if call and (ROOT / "hooks" / "between_us" / f"{call[1]}.py").is_file():
            module = importlib.import_module(f"between_us.{call[1]}")
            assert hasattr(module, call[2]), f"{name}: `{snippet}`: between_us.{call[1]} has no {call[2]}"


@pytest.mark.parametrize("name", ("README.md", "CONTRIBUTING.md"))
def test_every_command_in_a_code_block_exists(name: str):
    for lang, body in FENCE.findall(text(name)):
        if lang not in ("sh", "bash", "shell"):
            continue
        for line in body.splitlines():
            words = [w for w in line.split("#")[0].split() if not re.fullmatch(r"[A-Z_]+=\S*", w)]
            if not words:
                continue
            if words[0] == "make":
                assert words[1] in make_targets(), f"{name}: `{line}`: no make target {words[1]}"
            else:
                assert (ROOT / words[0]).exists() or shutil.which(words[0]), f"{name}: `{line}`: no {words[0]}"


def front_matter_fields() -> set[str]:
    return {field for model in FRONT_MATTER_MODELS for field in model.model_fields}


@cache
def data_keys() -> set[str]:
    """The keys of the data files and mkdocs.yml: a YAML example that uses one is about data, not front matter."""
    def keys(node: object) -> set[str]:
        if isinstance(node, dict):
            return {str(k) for k in node} | {k for v in node.values() for k in keys(v)}
        return {k for item in node for k in keys(item)} if isinstance(node, list) else set()
    files = [*ROOT.glob("data/**/*.yml"), ROOT / "mkdocs.yml"]
    return {key for path in files for key in keys(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader))}


def test_every_front_matter_field_contributing_names_exists():
    contributing = text("CONTRIBUTING.md")
    tables = re.findall(r"^\| field \|.*\n((?:\|.*\n)+)", contributing, re.MULTILINE)
    rows = [row for table in tables for row in table.splitlines() if row.startswith("| `")]
    named = {field for row in rows for field in CODE_SPAN.findall(row.split(" | ")[0])}
    assert {"title", "description", "topic", "tags", "review", "id", "summary"} <= named, "the field table moved?"
    unknown = named - set(Article.model_fields)
    assert not unknown, f"CONTRIBUTING: the front-matter table names fields articles do not have: {sorted(unknown)}"
    # Every field written out as YAML: in a code span (`review: {by: jane-doe, on: 2027-01-15}`), in a YAML
    # block, or in a Markdown block that starts with front matter.
    examples = [span for span in CODE_SPAN.findall(prose(contributing)) if re.match(r"[a-z_]+: \S", span)]
    examples += [body.split("\n---", 1)[0].removeprefix("---\n") for lang, body in FENCE.findall(contributing)
                 if lang in ("yaml", "yml") or (lang in ("markdown", "md") and body.startswith("---\n"))]
    assert examples, "CONTRIBUTING shows no front matter as YAML"
    for example in examples:
        data = yaml.safe_load(example)
        if not isinstance(data, dict):
            continue
        for key, value in data.items():
            key = "on" if key is True else key  # YAML 1.1 reads a bare `on` as true; the schema reads it back
            if key not in front_matter_fields() and key in data_keys():
                continue  # an example of a data file (`kind: crisis`), not of front matter
            assert key in front_matter_fields(), f"CONTRIBUTING: `{example}`: no front-matter field {key!r}"
            if key == "review" and isinstance(value, dict):
                unknown = {"on" if k is True else k for k in value} - set(ReviewRecord.model_fields)
                assert not unknown, f"CONTRIBUTING: `{example}`: a review has no field {sorted(unknown)}"


def test_the_checks_rules_the_handbook_lists_are_the_rules_the_code_reports():
    code_text = "\n".join(p.read_text(encoding="utf-8") for p in ROOT.glob("hooks/**/*.py"))
    for name in ("ARCHITECTURE.md", "CONTRIBUTING.md"):
        tables = re.findall(r"^\| rule \|.*\n((?:\|.*\n)+)", text(name), re.MULTILINE)
        rows = [row for table in tables for row in table.splitlines()]
        rules = {rule for row in rows for rule in CODE_SPAN.findall(row.split(" | ")[0])
                 if re.fullmatch(r"[a-z]+(-[a-z]+)*", rule)}
        assert len(rules) >= 10, f"{name}: the table of rules moved?"
        for rule in rules:
            assert f'"{rule}"' in code_text, f"{name}: no check reports the rule `{rule}`"


def test_the_report_a_mistake_form_links_the_security_and_safety_policy():
    for form in (".github/ISSUE_TEMPLATE/report-a-mistake.yml", ".github/ISSUE_TEMPLATE/config.yml"):
        assert re.search(r"https://github\.com/[\w-]+/[\w-]+/blob/main/SECURITY\.md", text(form)), form
    report_url = yaml.safe_load(text(".github/ISSUE_TEMPLATE/config.yml"))["contact_links"][0]["url"]
    mistake_url = re.search(r"report_mistake_url: (https://github\.com/[\w-]+/[\w-]+)/", text("mkdocs.yml"))
    assert mistake_url and report_url.startswith(mistake_url[1]), "the policy link and the report form: one repository"
    assert "`SECURITY.md`" in (Path(ROOT) / "docs" / "editorial-policy.md").read_text(encoding="utf-8")


def test_architecture_lists_every_hook_in_the_order_the_build_runs_them():
    hooks = [Path(hook).stem for hook in mkdocs_config()["hooks"]]
    listed = re.search(r"in the order of\s+that list: (.+?)\.\s", text("ARCHITECTURE.md"), re.DOTALL)
    assert listed and CODE_SPAN.findall(listed[1]) == hooks, "ARCHITECTURE.md: the hooks as mkdocs.yml lists them"
    events = text("ARCHITECTURE.md").split("## The build, event by event", 1)[1].split("\n## ", 1)[0]
    for hook in hooks:
        assert f"`{hook}`" in events.split("```mermaid")[0].split("| event |", 1)[1], f"the event table: {hook}"
