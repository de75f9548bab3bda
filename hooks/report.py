"""MkDocs hook: print every finding of the build at once, then fail the build if any is an error.

Errors first, then warnings. Information (each article's reading grade, each term a lint-allow marker lets
through) is printed only with `mkdocs build --verbose` or `CHECKS_VERBOSE=1`; `make report` lists the grades.

In GitHub Actions (`GITHUB_ACTIONS=true`) each error and warning is also printed as a workflow command,
so a pull request shows it on the line of the diff it is about.
"""

from __future__ import annotations

import logging
import os
import sys

from between_us import findings
from between_us.findings import Level
from between_us.language import ALLOWED_RULE
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    # `mkdocs serve` keeps showing the draft while it lists the problems; build and CI fail.
    global _serving
    _serving = command == "serve"


def _verbose() -> bool:
    # `mkdocs --verbose` sets MkDocs' logger to DEBUG; the benchmark sets CHECKS_VERBOSE to read the grades.
    return (logging.getLogger("mkdocs").isEnabledFor(logging.DEBUG)
            or os.environ.get("CHECKS_VERBOSE", "") not in ("", "0"))


@event_priority(100)  # before every other hook, so each build (and each `mkdocs serve` rebuild) starts clean
def on_config(config: MkDocsConfig) -> None:
    findings.reset()


@event_priority(-100)  # after every other check has added its findings
def on_post_build(config: MkDocsConfig) -> None:
    report = findings.current
    report.settle()
    shown = [(Level.ERROR, findings.log.error), (Level.WARNING, findings.log.warning)]
    if _verbose():
        shown.append((Level.INFO, findings.log.info))
    for level, log in shown:
        for finding in report.by_level(level):
            log(finding.format())
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for finding in report.findings:
            command = findings.workflow_command(finding)
            if command:
                print(command, file=sys.stdout, flush=True)
    errors = report.errors()
    allowed = sum(1 for f in report.findings if f.rule == ALLOWED_RULE)
    findings.log.info(f"Checks: {len(errors)} error(s), {len(report.by_level(Level.WARNING))} warning(s), "
                      f"{allowed} term(s) allowed by lint-allow markers"
                      + (" (listed above)." if _verbose() else " (`mkdocs build --verbose` lists them)."))
    if errors and _serving:
        findings.log.error(f"{len(errors)} problem(s) listed above would fail `make build` and CI.")
    elif errors:
        raise PluginError(f"{len(errors)} problem(s) must be fixed before this site can be published; "
                          "each is listed above as file:line:column: error: [rule] what to do.")
