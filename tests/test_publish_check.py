"""Placeholders refuse to deploy: `make publish-check` (run by the deploy workflow) fails while mkdocs.yml has
the example site_url or no private safety contact, and passes once both are set; a build only warns."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from between_us.settings import not_ready_to_publish, site_settings
from conftest import article
from pydantic import ValidationError
from sitedata import ROOT

EXTRA = {"quick_exit_url": "https://www.bbc.co.uk/weather"}


def test_the_example_domain_and_a_missing_contact_are_not_ready():
    problems = not_ready_to_publish({"site_url": "https://between-us.example.org/", "extra": EXTRA})
    assert [p.split(" ")[0] for p in problems] == ["site_url", "extra.safety_contact"]
    for placeholder in ("https://example.com/", "http://localhost:8000/", "https://site.test/", ""):
        assert not_ready_to_publish({"site_url": placeholder, "extra": EXTRA})[0].startswith("site_url"), placeholder


@pytest.mark.parametrize("contact", ["safety@between-us.org", "https://forms.between-us.org/safety"])
def test_a_real_address_and_contact_are_ready(contact: str):
    ready = {"site_url": "https://between-us.org/", "extra": {**EXTRA, "safety_contact": contact}}
    assert not_ready_to_publish(ready) == []


def test_a_contact_must_be_an_email_address_or_an_https_form():
    with pytest.raises(ValidationError, match="write an email address"):
        site_settings({**EXTRA, "safety_contact": "call Sam"})
    assert site_settings({**EXTRA, "safety_contact": "a@b.org"}).safety_contact_href == "mailto:a@b.org"


def _check(tmp_path: Path, site_url: str, contact: str) -> subprocess.CompletedProcess[str]:
    """`make publish-check`'s command on a copy of mkdocs.yml with these two settings."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", text)
    text, found = re.subn(r"(?m)^  safety_contact: .*$", f'  safety_contact: "{contact}"', text)
    assert found == 1, "mkdocs.yml has no extra.safety_contact line: update this test"
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "between_us.publish_check", str(config)], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "hooks")}, timeout=60)


def test_the_check_fails_on_the_placeholders_and_passes_once_they_are_set(tmp_path: Path):
    placeholder = _check(tmp_path, "https://between-us.example.org/", "")
    assert placeholder.returncode == 1
    assert "error: [publish] site_url is 'https://between-us.example.org/'" in placeholder.stderr
    assert "error: [publish] extra.safety_contact is not set" in placeholder.stderr
    assert _check(tmp_path, "https://between-us.org/", "").returncode == 1  # one missing is enough to refuse
    ready = _check(tmp_path, "https://between-us.org/", "safety@between-us.org")
    assert ready.returncode == 0, ready.stderr
    assert "ready to publish" in ready.stdout


def test_the_deploy_workflow_runs_the_check_before_it_builds():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    runs = [step.get("run") for step in workflow["jobs"]["build"]["steps"]]
    assert runs.index("make publish-check") < runs.index("make packs")  # the build with the pack PDFs
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "publish-check:" in makefile and "PACK_PDFS=1 $(BIN)/properdocs build" in makefile


def test_a_build_warns_while_unset_and_shows_the_contact_once_set(make_site):
    unset = make_site({"intimacy/a.md": article("An article")})
    assert unset.returncode == 0, unset.output  # a local build only warns
    assert "mkdocs.yml: warning: [publish] extra.safety_contact is not set" in unset.output
    assert "mkdocs.yml: warning: [publish] site_url is 'https://between-us.example.org/'" in unset.output
    assert "A private address for safety reports is not set up yet." in unset.page("for-clinics/index.html").text()
    assert unset.page("intimacy/a/index.html").css_first(".md-footer a[href^='mailto:']") is None

    contact = "safety@between-us.org"
    done = make_site({"intimacy/a.md": article("An article")}, config=lambda text: text.replace(
        'safety_contact: ""', f'safety_contact: "{contact}"').replace(
        "site_url: https://between-us.example.org/", "site_url: https://between-us.org/"))
    assert done.returncode == 0, done.output
    assert "[publish]" not in done.output
    page = done.page("intimacy/a/index.html")
    assert page.css_first(f".md-footer a[href='mailto:{contact}']").text().strip() == \
        "Report a safety problem privately"
    assert contact in page.css_first(".bu-handout__terms").text()  # on the printout
    assert "may copy, print, share, put on a patient portal and translate" in page.css_first(".bu-handout").text()
    clinics = done.page("for-clinics/index.html").css_first(f"article a[href='mailto:{contact}']")
    assert clinics is not None and clinics.text() == contact
