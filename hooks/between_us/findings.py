"""Findings: what the project's checks report, collected over a build and judged once at the end.

Checks never raise on a content problem; they return findings. The report hook prints them all,
so a contributor sees every problem of a run at once, and fails the build if any is an error.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

# Our own logger, not a child of "mkdocs": MkDocs' --strict counts its warnings, and a finding's
# level (error fails, warning informs) is decided here, not by the generator.
log = logging.getLogger("between_us")
if not log.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)
    log.propagate = False


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem, pointing at a file and (where there is one) a line and column, 1-based."""

    path: str
    line: int | None
    column: int | None
    rule: str
    message: str
    level: Level = Level.ERROR

    def format(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.level.value}: [{self.rule}] {self.message}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(finding: Finding) -> str | None:
    """The finding as a GitHub Actions workflow command (`::error file=...,line=...,col=...::...`), which
    shows it on that line of a pull request's diff; None for an info finding (not annotated)."""
    if finding.level is Level.INFO:
        return None
    properties = [f"file={_escape_property(finding.path)}"]
    if finding.line is not None:
        properties.append(f"line={finding.line}")
        if finding.column is not None:
            properties.append(f"col={finding.column}")
    properties.append(f"title={_escape_property(f'[{finding.rule}]')}")
    return f"::{finding.level.value} {','.join(properties)}::{_escape_data(finding.message)}"


@dataclass
class Report:
    """All findings of one build, in the order they were found."""

    findings: list[Finding] = field(default_factory=list)
    # Work still running beside the build (the search index): each call waits for it and returns its findings.
    pending: list[Callable[[], list[Finding]]] = field(default_factory=list)

    def add(self, *found: Finding) -> None:
        self.findings.extend(found)

    def expect(self, finish: Callable[[], list[Finding]]) -> None:
        self.pending.append(finish)

    def settle(self) -> None:
        """Wait for the work still running, and add what it found."""
        while self.pending:
            self.add(*self.pending.pop(0)())

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level is Level.ERROR]

    def by_level(self, level: Level) -> list[Finding]:
        return [f for f in self.findings if f.level is level]


# One report per build: the report hook resets it when a build starts (mkdocs serve rebuilds).
current = Report()


def reset() -> Report:
    global current
    current = Report()
    return current


def relative(path: str | Path, root: str | Path) -> str:
    """A path as a contributor knows it: relative to the repository, with forward slashes.

    Lexically first (cheap, and a symlinked folder keeps its name in the repository), then resolved.
    """
    path, root = Path(path), Path(root)
    if path.is_absolute() and path.is_relative_to(root):
        return path.relative_to(root).as_posix()
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
