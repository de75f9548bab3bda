"""MkDocs hook: the site's interface text from data/strings/<lang>.yml, as `t` in every template, and how the
templates write dates and addresses. Every template needs it: the benchmark's build without hooks keeps it."""

from __future__ import annotations

from functools import partial

from between_us import dates, handout, strings
from between_us.settings import project_root
from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files


def on_config(config: MkDocsConfig) -> None:
    try:
        strings.current.clear()
        strings.current.update(strings.load_all(project_root(config.config_file_path) / "data" / "strings"))
    except (strings.StringsError, OSError) as error:
        raise PluginError(str(error)) from error
    if config.theme["language"] not in strings.current:
        raise PluginError(f"theme.language is {config.theme['language']!r}, but data/strings/ has no "
                          f"{config.theme['language']}.yml: add it, translated from en.yml")


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # `t`: the site language's strings; `t_all`: every language's, for text a page shows in another
    # language (a crisis phrase typed in Spanish on an English page).
    env.globals["t"] = strings.current[config.theme["language"]]
    env.globals["t_all"] = strings.current
    # `{{ day | long_date }}`: "6 December 2026", "6 de diciembre de 2026" (the `dates` group).
    env.filters["long_date"] = partial(dates.long_date, words=env.globals["t"].dates)
    # `{{ url | address }}`: an address that breaks only between its parts ("example.org/" "get-help/").
    env.filters["address"] = lambda address: Markup(handout.address_html(str(address)))
    return env
