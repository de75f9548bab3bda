"""The site's own interface text, one data file per language (data/strings/<lang>.yml).

Templates never hold reader-visible words: they print `t.<group>.<key>`, where `t` is the page
language's strings. English is the reference: every other language has exactly its keys, so a missing
or extra translation fails the build with the file and the key, not a blank on a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from .plain_text import markup_in

REFERENCE = "en"


class StringsError(ValueError):
    """A strings file that cannot be used, with the file and the key in the message."""


class Strings(dict):
    """A language's strings: nested groups of plain text, read in templates as `t.group.key`."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


# Every language's strings for this build, set by the strings hook when the build starts: text that a
# hook writes into a page (a listing's label) comes from here, as a template's comes from `t`.
current: dict[str, Strings] = {}


def _leaves(tree: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from _leaves(value, path + ".")
        else:
            yield path, value


def _wrap(tree: Mapping[str, Any]) -> Strings:
    return Strings({k: _wrap(v) if isinstance(v, Mapping) else v for k, v in tree.items()})


def parse(text: str, shown: str) -> Strings:
    """One strings file: a mapping of groups to plain-text strings, no markup (templates escape it)."""
    try:
        tree = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise StringsError(f"{shown}: not valid YAML: {error}") from error
    if not isinstance(tree, Mapping):
        raise StringsError(f"{shown}: write groups of `key: text`, as data/strings/{REFERENCE}.yml does")
    for key, value in _leaves(tree):
        if not isinstance(value, str) or not value.strip():
            raise StringsError(f"{shown}: `{key}` must be a line of text")
        if markup := markup_in(value):
            raise StringsError(f"{shown}: `{key}` contains markup ({markup}): write plain text")
    return _wrap(tree)


def missing_and_extra(reference: Strings, other: Strings) -> tuple[list[str], list[str]]:
    """Keys the reference has and the other lacks, and keys only the other has."""
    ref, oth = dict(_leaves(reference)), dict(_leaves(other))
    return sorted(ref.keys() - oth.keys()), sorted(oth.keys() - ref.keys())


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{(\w*)\}", text))


def unlike_placeholders(reference: Strings, other: Strings) -> list[str]:
    """Keys whose text has other {placeholders} than the reference's: the code fills in the reference's."""
    ref = dict(_leaves(reference))
    return sorted(key for key, text in _leaves(other) if key in ref and _placeholders(text) != _placeholders(ref[key]))


def load_all(folder: Path, shown: str = "data/strings") -> dict[str, Strings]:
    """Every language in the folder, each checked against the reference language's keys."""
    languages = {path.stem: parse(path.read_text(encoding="utf-8"), f"{shown}/{path.name}")
                 for path in sorted(folder.glob("*.yml"))}
    if REFERENCE not in languages:
        raise StringsError(f"{shown}/{REFERENCE}.yml is missing: it is the reference for every language")
    for lang, strings in languages.items():
        missing, extra = missing_and_extra(languages[REFERENCE], strings)
        if missing or extra:
            raise StringsError(
                f"{shown}/{lang}.yml does not match {shown}/{REFERENCE}.yml: "
                + "; ".join(filter(None, [missing and "translate " + ", ".join(missing),
                                          extra and "remove or add to every language " + ", ".join(extra)])))
        if unlike := unlike_placeholders(languages[REFERENCE], strings):
            raise StringsError(f"{shown}/{lang}.yml: keep each {{placeholder}} of {shown}/{REFERENCE}.yml, once, in "
                               + ", ".join(unlike))
    return languages
