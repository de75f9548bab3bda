"""MkDocs hook: the settings a published site needs (a real `site_url`, a private safety contact): a build warns
while one is missing (`make publish-check`, run by the deploy workflow, fails); the safety contact is shown in
the footer, on each printout and on For clinics (`<!-- bu:safety-contact -->`)."""

from __future__ import annotations

from between_us import findings, strings
from between_us.findings import Finding, Level
from between_us.settings import not_ready_to_publish, site_settings
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

MARKER = "<!-- bu:safety-contact -->"


def on_config(config: MkDocsConfig) -> None:
    for problem in not_ready_to_publish({"site_url": config.site_url, "extra": dict(config.extra)}):
        findings.current.add(Finding("mkdocs.yml", None, None, "publish",
                                     f"{problem}. Deploying fails until it is set (README, Deploying).", Level.WARNING))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    settings = site_settings(config.extra)
    env.globals["safety_contact"] = (
        {"text": settings.safety_contact, "href": settings.safety_contact_href} if settings.safety_contact else None)
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    if MARKER not in markdown:
        return markdown
    settings = site_settings(config.extra)
    words = strings.current[config.theme["language"]]["safety"]
    text = (f"{words['printed']} [{settings.safety_contact}]({settings.safety_contact_href})."
            if settings.safety_contact else words["not_set"])
    return markdown.replace(MARKER, text)
