"""The data the crisis lines guess a reader's region from, on the device (data/time-zones.yml).

overrides/assets/region.js reads the browser's time zone and languages, and never stores or sends them or
its guess. This module checks the data and prints it on the region picker's options, where region.js finds it.
"""

from __future__ import annotations

import zoneinfo
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationInfo, field_validator

from .findings import Finding
from .frontmatter import load_model
from .helplines import HelplineData

RULE = "region-guess"


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _real_zone(name: str) -> str:
    """A time zone's IANA name, or a folder of them ending in "/" ("Australia/")."""
    real = any(zone.startswith(name) for zone in _zones()) if name.endswith("/") else name in _zones()
    if not real:
        raise ValueError(f"'{name}' is not a time zone: write an IANA name, such as Europe/London")
    return name


class TimeZones(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    regions: dict[str, list[Annotated[str, AfterValidator(_real_zone)]]]

    @field_validator("regions")
    @classmethod
    def _known_regions_each_zone_once(cls, regions: dict[str, list[str]], info: ValidationInfo
                                      ) -> dict[str, list[str]]:
        known = (info.context or {}).get("regions")
        seen: dict[str, str] = {}
        for region, zones in regions.items():
            if known is not None and region not in known:
                raise ValueError(f"'{region}' is not a region of data/helplines.yml ({', '.join(known)}): use its id")
            for zone in zones:
                if zone in seen:
                    raise ValueError(f"'{zone}' is under both {seen[zone]} and {region}: keep it in one")
                seen[zone] = region
        return regions


def load(path: Path, shown_path: str, helplines: HelplineData | None) -> tuple[TimeZones | None, list[Finding]]:
    """The file, validated; each region id must be one of data/helplines.yml's regions."""
    context = {"regions": [region.id for region in helplines.regions]} if helplines else None
    return load_model(path, TimeZones, shown_path, RULE, context)
