"""Where contributors see findings: as annotations on a pull request's diff (GitHub Actions), and who owns
the data that readers' safety rests on (.github/CODEOWNERS)."""

from __future__ import annotations

import re

from between_us.findings import Finding, Level, workflow_command
from conftest import article
from sitedata import ROOT

OWNED = ("data/helplines.yml", "data/reviewers.yml", "data/language.yml", "data/crisis-terms.yml",
         "data/search-synonyms.yml", "data/search-synonyms.es.yml", "data/allowed-domains.yml")


def test_a_finding_becomes_a_workflow_command_with_its_file_line_and_column():
    error = Finding("docs/stigma/bad.md", 15, 4, "language", "'committed suicide' -> died by suicide")
    assert workflow_command(error) == ("::error file=docs/stigma/bad.md,line=15,col=4,title=[language]::"
                                       "'committed suicide' -> died by suicide")
    warning = Finding("data/helplines.yml", None, None, "helplines", "50% done,\nthen: more", Level.WARNING)
    assert workflow_command(warning) == "::warning file=data/helplines.yml,title=[helplines]::50%25 done,%0Athen: more"
    assert workflow_command(Finding("a,b:c.md", 2, None, "x", "m")) == "::error file=a%2Cb%3Ac.md,line=2,title=[x]::m"
    assert workflow_command(Finding("docs/a.md", 1, 1, "readability", "reading grade 5", Level.INFO)) is None


def test_in_github_actions_each_finding_is_also_an_annotation(make_site):
    body = "He committed suicide.\n\n## When to get help\n\n[Get help now](../get-help.md)\n"
    pages = {"stigma/bad.md": article(topic="stigma", body=body, tags="[closeness, nope]")}
    build = make_site(pages, env={"GITHUB_ACTIONS": "true"})
    assert build.returncode != 0
    assert re.search(r"^::error file=docs/stigma/bad\.md,line=16,col=4,title=\[language\]::'committed suicide' -> "
                     r"died by suicide", build.output, re.MULTILINE), build.output
    assert "::error file=docs/stigma/bad.md,line=5,title=[front-matter]::field 'tags': unknown tag(s): nope." \
        in build.output
    assert "::warning file=data/urls.txt,title=[stable-urls]::/stigma/bad/ is a new page" in build.output
    assert "title=[readability]" not in build.output  # info: printed, not annotated
    plain = make_site(pages, env={"GITHUB_ACTIONS": ""})
    assert plain.returncode != 0 and "::error" not in plain.output


def test_codeowners_names_an_owner_for_the_safety_data():
    rules = {}
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, *owners = line.split()
            rules[path.lstrip("/")] = owners
    for path in OWNED:
        assert (ROOT / path).exists(), path
        assert rules.get(path) and all(re.fullmatch(r"@[\w-]+(/[\w-]+)?", o) for o in rules[path]), path
    team = rules["data/reviewers.yml"][0]
    assert team in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), "CONTRIBUTING names the placeholder team"
