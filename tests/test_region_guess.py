"""The time zones the crisis lines guess a reader's region from (data/time-zones.yml), without a build."""

from __future__ import annotations

from pathlib import Path

import pytest
from between_us import helplines, region_guess
from sitedata import ROOT

HELPLINES = helplines.load(ROOT / "data" / "helplines.yml")


def test_the_project_file_is_valid_and_covers_the_zones_readers_are_in():
    zones, found = region_guess.load(ROOT / "data" / "time-zones.yml", "data/time-zones.yml", HELPLINES)
    assert found == [] and zones is not None, [f.format() for f in found]
    where = {zone: region for region, names in zones.regions.items() for zone in names}
    assert (where["Europe/London"], where["America/New_York"], where["Australia/"]) == ("uk", "us", "au")
    assert where["Asia/Calcutta"] == where["Asia/Kolkata"] == "in"  # Chromium gives the older name


@pytest.mark.parametrize(("text", "expected"), [
    ("regions:\n  uk: [Europe/Londres]\n",
     "data/z.yml:2: error: [region-guess] field 'regions.uk.0': 'Europe/Londres' is not a time zone"),
    ("regions:\n  au: [Austral/]\n", "data/z.yml:2: error: [region-guess] field 'regions.au.0': 'Austral/' is not"),
    ("regions:\n  uk: [Europe/London]\n  ie: [Europe/London]\n",
     "data/z.yml:2: error: [region-guess] field 'regions': 'Europe/London' is under both uk and ie: keep it in one"),
    ("regions:\n  fr: [Europe/Paris]\n",
     "data/z.yml:2: error: [region-guess] field 'regions': 'fr' is not a region of data/helplines.yml (us, uk, "),
])
def test_a_bad_file_is_named_by_line_and_field(tmp_path: Path, text: str, expected: str):
    (tmp_path / "z.yml").write_text(text, encoding="utf-8")
    _, found = region_guess.load(tmp_path / "z.yml", "data/z.yml", HELPLINES)
    assert found and found[0].format().startswith(expected), [f.format() for f in found]
