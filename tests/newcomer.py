"""The mistakes a newcomer makes in a first article, each with the finding that must name it: the file, the
line where there is one, and the fix. `make check` (test_build_checks) and `make serve` (test_serve) both
report each."""

from __future__ import annotations

import pytest
from conftest import FILLER, article
from sitedata import DOCS

HARD = ("Notwithstanding considerable methodological heterogeneity, contemporary epidemiological investigations "
        "consistently demonstrate substantial comorbidity between affective disorders and interpersonal "
        "dysfunction, necessitating multidisciplinary therapeutic interventions. ") * 30
HELP = "## When to get help\n\nIf you are in danger, [get help now](../get-help.md).\n"
SLEEP = "docs/intimacy/sleep.md"


# Written to docs/intimacy/sleep.md. Front matter is lines 1-14, the blank line 15: the body starts on line 16.
MISTAKES = [
    pytest.param(lambda: article(fill=False),
                 f"{SLEEP}: error: [article] the article has 45 words; articles have 700 to 1,500. Say more",
                 id="too-short"),
    pytest.param(lambda: article(body=FILLER * 40 + HELP),
                 f"{SLEEP}: error: [article] the article has 1,612 words; articles have 700 to 1,500. Cut what",
                 id="too-long"),
    pytest.param(lambda: article(body=HARD + "\n\n" + HELP),
                 f"{SLEEP}: error: [readability] reading grade 37.3 is above the limit of 8. Use shorter sentences",
                 id="reading-grade"),
    pytest.param(lambda: article(body="Sleep and closeness.\n\nIn danger? [Get help now](../get-help.md).\n"),
                 f'{SLEEP}: error: [article] the article has no "When to get help" section. End it with '
                 "`## When to get help`", id="no-when-to-get-help"),
    pytest.param(lambda: article(body="Sleep and closeness.\n\n## When to get help\n\nTalk to a doctor.\n"),
                 f"{SLEEP}:18: error: [article] the article does not link to Get help now. In the \"When to get "
                 "help\" section, add a link such as `[get help now](../get-help.md)`.", id="no-get-help-link"),
    pytest.param(lambda: article(date="06/12/2026"),
                 f"{SLEEP}:6: error: [front-matter] field 'date': '06/12/2026' is not a date written YYYY-MM-DD. "
                 "Write the first publication date as YYYY-MM-DD, for example 2026-12-06.", id="date-not-iso"),
    pytest.param(lambda: article(updated=""),
                 f"{SLEEP}:1: error: [front-matter] an article needs the field 'updated'. Write the date of the "
                 "last real change as YYYY-MM-DD", id="updated-missing"),
    pytest.param(lambda: article().replace('title: "A test article"', "title: Sleep: and closeness"),
                 f"{SLEEP}:2:13: error: [front-matter] front matter is not valid YAML: mapping values are not allowed "
                 "in this context. Check indentation and quote values that contain a colon.", id="colon-in-title"),
    pytest.param(lambda: article(body="See [a page about rest](resting.md).\n\n" + HELP),
                 f"{SLEEP}:16:25: error: [links] intimacy/sleep/index.html:", id="broken-link"),
    pytest.param(lambda: (DOCS / "_template.md").read_text(encoding="utf-8"),
                 f"{SLEEP}:2: error: [template] field 'title' is 'A short, plain title (at most 80 characters)', "
                 "as in docs/_template.md: replace the template's placeholder", id="copied-template"),
]
