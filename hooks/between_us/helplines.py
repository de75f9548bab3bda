"""Crisis and support lines: the data file's schema, its freshness, and the HTML and Markdown made from it.

Every number shown on the site comes from data/helplines.yml through this module. Nothing here
knows a number of its own.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import phonenumbers
import yaml
from phonenumbers import shortnumberinfo
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError, model_validator

from .dates import long_date
from .findings import Finding, Level
from .handout import address_html
from .written_pages import written_elsewhere

RULE = "helplines"
BLOCK_MARKER = "data-bu-crisis"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Lang = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
# `hours` that every language words its own way (the `crisis` group of data/strings/<lang>.yml); any other
# `hours` is shown as written, in English.
HOURS_WORDS = {"always": "hours_always", "varies": "hours_varies"}


class Region(_Strict):
    id: str = Field(pattern=r"^[a-z]{2,8}$")
    name: str
    # The region's name in each other language of the site ({es: "Reino Unido"}); `name` is the English one.
    names: dict[Lang, str] = {}
    # ISO 3166 code for phone number checks; defaults to the id in capitals ("uk" needs "GB").
    iso: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    emergency: list[str] = []
    emergency_source: HttpUrl | None = None
    emergency_verified: dt.date | None = None

    @model_validator(mode="after")
    def _emergency_is_sourced(self) -> Region:
        if self.emergency and (self.emergency_source is None or self.emergency_verified is None):
            raise ValueError("emergency numbers need emergency_source and emergency_verified")
        for number in self.emergency:
            if self.iso_code and not shortnumberinfo.is_emergency_number(number, self.iso_code):
                raise ValueError(f"'{number}' is not an emergency number of {self.iso_code}")
        return self

    @property
    def iso_code(self) -> str | None:
        if self.iso:
            return self.iso
        return self.id.upper() if self.id != "other" else None


class _Option(_Strict):
    label: str | None = None
    labels: dict[Lang, str] = {}  # the label in each other language of the site ({es: "Reino Unido"})
    # An option in another language than the line's own (the 988 Lifeline in Spanish): its language, and what
    # to do in that language, with {link} where the number or address goes ("llama al {link} y marca 2").
    # The crisis card puts a line's options in the reader's language first.
    lang: str | None = Field(None, pattern=r"^[a-z]{2}$")
    words: str | None = None

    @model_validator(mode="after")
    def _words_in_their_language(self) -> _Option:
        if (self.lang is None) != (self.words is None):
            raise ValueError("`lang` and `words` go together: an option in another language says what to do in it")
        if self.words is not None and self.words.count("{link}") != 1:
            raise ValueError("`words` must contain {link} once, where the number or address goes")
        return self


class Call(_Option):
    type: Literal["call"]
    number: str


class Text(_Option):
    type: Literal["text"]
    number: str
    keyword: str | None = None


class Chat(_Option):
    type: Literal["chat", "web"]
    url: HttpUrl


class Email(_Option):
    type: Literal["email"]
    address: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


Contact = Annotated[Call | Text | Chat | Email, Field(discriminator="type")]


class Line(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    name: str
    # Other names readers type for the service ("SAMHSA"): a search for one shows the crisis card.
    search_names: list[str] = []
    kind: Literal["crisis", "topic"]
    regions: list[str] = Field(min_length=1)
    fits: list[str] = []
    coverage: str | None = None
    coverages: dict[Lang, str] = {}  # the coverage in each other language of the site ({es: "solo Inglaterra"})
    contacts: list[Contact] = Field(min_length=1)
    hours: str
    languages: list[Lang] = []  # codes ("es"), named in each language by data/strings/<lang>.yml (crisis.spoken)
    notes: str | None = None
    source: HttpUrl
    verified: dt.date

    @model_validator(mode="after")
    def _fits_only_for_topic_lines(self) -> Line:
        if self.kind == "topic" and not self.fits:
            raise ValueError("a topic line needs `fits`: the topics or tags of the pages it is shown on")
        if self.kind == "crisis" and self.fits:
            raise ValueError("a crisis line is shown on every page: remove `fits`")
        return self


class HelplineData(_Strict):
    regions: list[Region] = Field(min_length=1)
    # Numbers phonenumbers does not know, allowed on purpose, per region id.
    short_codes: dict[str, list[str]] = {}
    lines: list[Line] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> HelplineData:
        regions = {r.id: r for r in self.regions}
        problems = []
        seen: set[str] = set()
        for line in self.lines:
            if line.id in seen:
                problems.append(f"lines.{line.id}: the id is used twice")
            seen.add(line.id)
            for region_id in line.regions:
                if region_id not in regions:
                    problems.append(f"lines.{line.id}.regions: unknown region '{region_id}'")
            for contact in line.contacts:
                if isinstance(contact, Call | Text) and not self._number_ok(contact.number, line, regions):
                    problems.append(f"lines.{line.id}.contacts: '{contact.number}' is not a valid number for "
                                    f"{', '.join(line.regions)}; if it is a real short code, add it to "
                                    "short_codes with the region")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def in_language(self, lang: str) -> HelplineData:
        """The data as a page in `lang` shows it: region names, coverages and labels in that language where
        the data gives them (`names`, `coverages`, `labels`), else as written."""
        regions = [r.model_copy(update={"name": r.names.get(lang, r.name)}) for r in self.regions]
        lines = [line.model_copy(update={
            "coverage": line.coverages.get(lang, line.coverage),
            "contacts": [c.model_copy(update={"label": c.labels.get(lang, c.label)}) for c in line.contacts]})
            for line in self.lines]
        return self.model_copy(update={"regions": regions, "lines": lines})

    @cached_property
    def topics(self) -> frozenset[str]:
        """Every topic or tag that brings in a topic line."""
        return frozenset(fit for line in self.lines for fit in line.fits)

    def _number_ok(self, number: str, line: Line, regions: dict[str, Region]) -> bool:
        if not re.fullmatch(r"[0-9][0-9 -]*[0-9]", number):
            return False
        for region_id in line.regions:
            iso = regions[region_id].iso_code if region_id in regions else None
            if digits(number) in map(digits, self.short_codes.get(region_id, [])):
                return True
            if iso is None:
                continue
            parsed = phonenumbers.parse(number, iso)
            if phonenumbers.is_valid_number(parsed) or shortnumberinfo.is_valid_short_number_for_region(parsed, iso):
                return True
        return False


class HelplineError(ValueError):
    """The data file cannot be used: the message names the file, the entry and the field."""


def digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def load(path: Path) -> HelplineData:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return HelplineData.model_validate(raw)
    except yaml.YAMLError as error:
        raise HelplineError(f"{path}: not valid YAML: {error}") from error
    except ValidationError as error:
        raise HelplineError(f"{path}: {_describe(error, raw)}") from error


def _describe(error: ValidationError, raw: object) -> str:
    """Name each bad entry by its id, not by its position, so an editor can find it."""
    lines = []
    for problem in error.errors():
        loc = list(problem["loc"])
        if len(loc) >= 2 and loc[0] in ("lines", "regions") and isinstance(loc[1], int) and isinstance(raw, dict):
            entry = (raw.get(loc[0]) or [{}])[loc[1]]
            loc[1] = entry.get("id", loc[1]) if isinstance(entry, dict) else loc[1]
        loc = [part for part in loc if part not in ("call", "text", "chat", "web", "email")]
        where = ".".join(str(part) for part in loc) or "(file)"
        lines.append(f"{where}: {problem['msg'].removeprefix('Value error, ')}")
    return "invalid helpline data. Fix these fields (see SECURITY.md, 'Updating a helpline'):\n  " + "\n  ".join(lines)


def dated_entries(data: HelplineData) -> list[tuple[str, dt.date, str]]:
    """(id, verified, source) of every entry that is checked against its source: each line, and each
    region's emergency numbers ('uk emergency')."""
    dated = [(line.id, line.verified, str(line.source)) for line in data.lines]
    dated += [(f"{r.id} emergency", r.emergency_verified, str(r.emergency_source))
              for r in data.regions if r.emergency_verified]
    return dated


def untranslated(data: HelplineData, lang: str, words: Mapping[str, Any], shown_path: str) -> list[Finding]:
    """An error for each region with no name in `lang`, a language the site is built in besides English, and
    for each line's language that `words` (data/strings/<lang>.yml) cannot name."""
    found = [Finding(shown_path, None, None, RULE,
                     f"regions.{region.id}: no name in '{lang}': add `names: {{{lang}: ...}}` to the region "
                     f"(its name as readers of that language know it).", Level.ERROR)
             for region in data.regions if lang != "en" and lang not in region.names]
    spoken = words["crisis"]["spoken"]
    found += [Finding(shown_path, None, None, RULE,
                      f"lines.{line.id}.languages: '{code}' is not named in data/strings/*.yml: add it to the "
                      "`crisis.spoken` group of every language, or use a code that is there "
                      f"({', '.join(spoken)}).", Level.ERROR)
              for line in data.lines for code in line.languages if code not in spoken]
    return found


def days_until_stale(verified: dt.date, today: dt.date, max_age_days: int) -> int:
    """Days left before an entry must be checked again; below 0 once it is stale."""
    return max_age_days - (today - verified).days


def stale_entries(data: HelplineData, today: dt.date, max_age_days: int, shown_path: str,
                  strict: bool = False) -> list[Finding]:
    """A finding for each entry not confirmed against its source within the review window."""
    level = Level.ERROR if strict else Level.WARNING
    found = []
    for entry_id, verified, source in dated_entries(data):
        if days_until_stale(verified, today, max_age_days) < 0:
            age = (today - verified).days
            found.append(Finding(shown_path, None, None, RULE,
                                 f"'{entry_id}' was last verified {age} days ago ({verified}), more than "
                                 f"{max_age_days}: check it against {source}, then update `verified`.", level))
    return found


# ---- rendering ---------------------------------------------------------------------------------

def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def spoken(number: str) -> str:
    """Digits spaced out, so screen readers say 'nine eight eight', not 'nine hundred eighty-eight'."""
    return " ".join(digits(number))


def _anchor(contact: Call | Text | Chat | Email, said: str = "", chat: str = "") -> str:
    """The contact's link; for a number, a screen reader says `said`, then the digits one by one. A chat
    without its own words shows `chat` ("chat online")."""
    if isinstance(contact, Call | Text):
        scheme = "tel" if isinstance(contact, Call) else "sms"
        body = f"?body={_e(contact.keyword)}" if isinstance(contact, Text) and contact.keyword else ""
        return (f'<a href="{scheme}:{digits(contact.number)}{body}" aria-label="{_e(said)}{spoken(contact.number)}">'
                f"{_e(contact.number)}</a>")
    if isinstance(contact, Email):
        return f'<a href="mailto:{_e(contact.address)}">{_e(contact.address)}</a>'
    text = _e(chat) if contact.type == "chat" and not contact.words else _e(
        re.sub(r"^https?://(www\.)?|/$", "", str(contact.url)))
    return f'<a href="{_e(contact.url)}">{text}</a>'


def contact_html(contact: Call | Text | Chat | Email, words: Mapping[str, Any]) -> str:
    """One way to reach a line, with what to do ("call 988"), in the language of `words` (data/strings)."""
    said = words["crisis"]
    label = f" ({_e(contact.label)})" if contact.label else ""
    if contact.words is not None:  # in its own language, the words around the link say what to do
        return f'<span lang="{_e(contact.lang)}">{_e(contact.words).replace("{link}", _anchor(contact))}{label}</span>'
    if isinstance(contact, Call):
        return f"{_e(said['call'])} {_anchor(contact, said['call'] + ' ')}{label}"
    if isinstance(contact, Text):
        verb = said["text_keyword"].format(keyword=contact.keyword) if contact.keyword else said["text"]
        return f"{_e(verb)} {_anchor(contact, verb + ' ')}{label}"
    if isinstance(contact, Email):
        return f"{_e(said['email'])} {_anchor(contact)}{label}"
    return _anchor(contact, chat=said["chat"]) + label


def options_html(line: Line, words: Mapping[str, Any]) -> str:
    """A line's contacts, comma-separated. Options in other languages follow, each language in a group of its
    own that the crisis card can put first (overrides/assets/search-dialog.js)."""
    groups: dict[str | None, list[str]] = {None: []}  # the line's own language first
    for contact in line.contacts:
        groups.setdefault(contact.lang, []).append(contact_html(contact, words))
    if len(groups) == 1:
        return ", ".join(groups[None])
    spans = [f'<span data-bu-lang="{_e(lang)}">' if lang else "<span>" for lang in groups]
    return ("<span data-bu-crisis-options>"
            + "; ".join(f"{span}{', '.join(found)}</span>" for span, found in zip(spans, groups.values(), strict=True))
            + "</span>")


def lines_for(data: HelplineData, region_id: str, page_topics: Iterable[str] = ()) -> list[Line]:
    """A region's lines in data order: its crisis lines, then topic lines that fit the page."""
    topics = set(page_topics)
    return [line for line in data.lines if region_id in line.regions
            and (line.kind == "crisis" or topics & set(line.fits))]


def topics_shown(data: HelplineData, page_topics: Iterable[str]) -> frozenset[str]:
    """The page's topics and tags that bring in a topic line: all that decides the page's block."""
    return frozenset(page_topics) & data.topics


def hours_text(line: Line, words: Mapping[str, Any]) -> str:
    """A line's hours: `always` and `varies` in the page's language, any other text as the data gives it."""
    key = HOURS_WORDS.get(line.hours)
    return words["crisis"][key] if key else line.hours


def _line_item(line: Line, words: Mapping[str, Any]) -> str:
    coverage = f" ({_e(line.coverage)})" if line.coverage else ""
    topic = ' class="bu-crisis__topic"' if line.kind == "topic" else ""
    return (f"<li{topic}><strong>{_e(line.name)}</strong>{coverage}: {options_html(line, words)}. "
            f'<span class="bu-crisis__hours">{_e(hours_text(line, words))}</span></li>')


def emergency_html(region: Region, words: Mapping[str, Any]) -> str:
    said = words["crisis"]
    if not region.emergency:
        return _e(said["emergency_local"])
    numbers = f" {_e(said['or_also'])} ".join(
        f'<a href="tel:{digits(n)}" aria-label="{_e(said["call"])} {spoken(n)}">{_e(n)}</a>' for n in region.emergency)
    before, after = said["emergency"].split("{numbers}")
    return f"{_e(before)}{numbers}{_e(after)}"


def _option(region: Region, zones: Mapping[str, Iterable[str]]) -> str:
    """A region in the picker, with what region.js guesses it from: its country code, for the browser's
    languages ("en-GB"), and its time zones (data/time-zones.yml)."""
    iso = f' data-iso="{_e(region.iso_code)}"' if region.iso_code else ""
    names = " ".join(zones.get(region.id, ()))
    zoned = f' data-zones="{_e(names)}"' if names else ""
    return f'<option value="{_e(region.id)}"{iso}{zoned}>{_e(region.name)}</option>'


def crisis_block(data: HelplineData, base: str, words: Mapping[str, Any], page_topics: Iterable[str] = (),
                 zones: Mapping[str, Iterable[str]] | None = None) -> str:
    """The crisis block for one page: every region, emergency numbers first, in data order.

    `base` is the relative URL of the site root from the page ("../../"), so the block works on
    any host and from a file on disk. `words`: the page language's strings (data/strings/<lang>.yml).
    `zones`: each region's time zones, for region.js's guess.
    """
    said = words["crisis"]
    topics = tuple(page_topics)
    options = "".join(_option(r, zones or {}) for r in data.regions)
    sections = "".join(
        f'<section class="bu-crisis__region" data-region="{_e(r.id)}" aria-labelledby="bu-crisis-{_e(r.id)}">'
        f'<h3 id="bu-crisis-{_e(r.id)}">{_e(r.name)}</h3>'
        f'<ul><li class="bu-crisis__emergency">{emergency_html(r, words)}</li>'
        + "".join(_line_item(line, words) for line in lines_for(data, r.id, topics))
        + "</ul></section>"
        for r in data.regions
    )
    return (
        f'<aside class="bu-crisis" id="crisis-lines" aria-labelledby="bu-crisis-title" {BLOCK_MARKER}>'
        f'<h2 id="bu-crisis-title" class="bu-crisis__title">{_e(said["title"])}</h2>'
        f'<p class="bu-crisis__lead">{_e(said["lead"])}</p>'
        f'<p class="bu-crisis__picker" hidden><label for="bu-region">{_e(said["picker"])}</label> '
        f'<select id="bu-region" data-bu-region-select><option value="">{_e(said["all_regions"])}</option>'
        f'{options}</select></p>'
        f'<div class="bu-crisis__regions">{sections}</div>'
        f'<p class="bu-crisis__more"><a href="{_e(base)}get-help/">{_e(said["every_line"])}</a></p>'
        "</aside>"
    )


SHORT_LINES = 2  # a region's crisis lines in the short box, after its emergency number


def _region_checked(region: Region, lines: Iterable[Line]) -> dt.date | None:
    """The oldest date on which what the short box shows for a region was checked against its source."""
    dates = [line.verified for line in lines] + ([region.emergency_verified] if region.emergency_verified else [])
    return min(dates, default=None)


def _dialled(line: Line) -> list[Contact]:
    """What paper can use of a line: its numbers to call or text (every contact when it has none)."""
    return [c for c in line.contacts if isinstance(c, Call | Text)] or list(line.contacts)


def short_block(data: HelplineData, get_help: str, words: Mapping[str, Any]) -> str:
    """The short crisis box printed on an article's first page: each region's emergency number, its first
    crisis lines and the date they were checked. region.js puts the reader's region first and marks the
    box, and print.css then prints that region alone; without a region, every region prints.

    `get_help` is the Get help now page's address as paper prints it; `words` the page language's strings
    (data/strings/<lang>.yml). No ids: a pack holds one box per article.
    """
    said = words["crisis_short"]
    rows = []
    for region in data.regions:
        lines = [line for line in lines_for(data, region.id) if line.kind == "crisis"][:SHORT_LINES]
        checked = _region_checked(region, lines)
        parts = [emergency_html(region, words)] + [
            f"<strong>{_e(line.name)}</strong>: {', '.join(contact_html(c, words) for c in _dialled(line))}."
            for line in lines]
        date = (" " + _e(said["checked"].format(date=long_date(checked, words["dates"])))) if checked else ""
        iso = f' data-iso="{_e(region.iso_code)}"' if region.iso_code else ""
        rows.append(f'<p class="bu-crisis-short__region" data-region="{_e(region.id)}"{iso}>'
                    f'<strong>{_e(region.name)}.</strong> {" ".join(parts)}{date}</p>')
    return (f'<aside class="bu-crisis-short" data-bu-crisis-short data-pagefind-ignore>'
            f'<p class="bu-crisis-short__title"><strong>{_e(said["title"])}</strong> {_e(said["more"])} '
            f'<span class="bu-crisis-short__link">{address_html(get_help)}</span></p>'
            f'<div class="bu-crisis-short__regions">{"".join(rows)}</div></aside>')


def region_links_markdown(data: HelplineData, words: Mapping[str, Any]) -> str:
    """For clinics: what to add to a page's address to show a region's lines first (overrides/assets/region.js)."""
    said = words["crisis"]
    rows = "".join(f"| {region.name} | `?region={region.id}` |\n" for region in data.regions)
    return f"| {said['region']} | {said['add_to_address']} |\n|---|---|\n" + rows


def get_help_markdown(data: HelplineData, words: Mapping[str, Any]) -> str:
    """The body of the Get help now page: every region, every line, with hours, languages and source."""
    said = words["crisis"]
    parts = []
    for region in data.regions:
        parts.append(f"## {region.name} {{ #{region.id} }}\n")
        parts.append(f"**{emergency_html(region, words)}**\n")
        for line in lines_for(data, region.id, data.topics):
            coverage = f" ({line.coverage})" if line.coverage else ""
            fits = ", ".join(words["topics"].get(fit, fit).lower() for fit in line.fits)  # a tag by its id
            kind = "" if line.kind == "crisis" else " *" + said["fits"].format(topics=fits) + "*"
            parts.append(f"### {line.name}{coverage}\n")
            # Inline HTML, the same as the crisis block: tel:/sms: links keep their spoken labels.
            parts.append("- " + "\n- ".join(c[0].upper() + c[1:] for c in (contact_html(contact, words)
                                                                            for contact in line.contacts)))
            parts.append("- " + said["open"].format(hours=hours_text(line, words)))
            if line.languages:
                spoken = ", ".join(said["spoken"].get(code, code) for code in line.languages)
                parts.append("- " + said["languages"].format(languages=spoken))
            if line.notes:
                parts.append(f"- {line.notes}")
            checked = said["checked"].format(date=long_date(line.verified, words["dates"]))
            parts.append(f"- {said['source']} [{re.sub(r'^https?://(www.)?', '', str(line.source)).rstrip('/')}]"
                         f"({line.source}), {checked}{kind}\n")
    return "\n".join(parts)


# ---- placing the block in written pages ----------------------------------------------------------

PLACEHOLDER = "<!-- bu:crisis-lines -->"


def inject(page_html: str, block: str) -> str:
    """Put the block where the theme left its placeholder, else just before </body>."""
    if PLACEHOLDER in page_html:
        return page_html.replace(PLACEHOLDER, block, 1)
    index = page_html.lower().rfind("</body>")
    return page_html + block if index < 0 else page_html[:index] + block + page_html[index:]


def relative_root(dest_uri: str) -> str:
    """The relative URL of the site root from a written file: 'a/b/index.html' -> '../../'."""
    depth = dest_uri.count("/")
    return "../" * depth if depth else "./"


def is_redirect_stub(page_html: str) -> bool:
    """mkdocs-redirects writes small pages that send the reader on with a meta refresh."""
    return re.search(r"<meta[^>]+http-equiv=[\"']?refresh", page_html, re.IGNORECASE) is not None


def complete_written_pages(site_dir: Path, block_for: Callable[[str], str],
                           given: Collection[str] = frozenset()) -> list[str]:
    """Give each redirect stub without the block `block_for(its path)`; return the other pages without it.

    Paths are relative to the site folder. mkdocs-redirects writes its stubs after the pages. `given`: the
    pages written with the block already (the rendered ones), not read again (100 MB at N=1000).
    """
    missing = []
    for path in written_elsewhere(site_dir, given):
        text = path.read_text(encoding="utf-8")
        if BLOCK_MARKER in text:
            continue
        rel = path.relative_to(site_dir).as_posix()
        if is_redirect_stub(text):
            path.write_text(inject(text, block_for(rel)), encoding="utf-8")
        else:
            missing.append(rel)
    return missing
