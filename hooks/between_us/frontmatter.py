"""Front matter schemas for articles, topic hubs and site pages, with errors that name the line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal, Union

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    HttpUrl,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .findings import Finding
from .plain_text import markup_in

TOPICS = ("intimacy", "stigma", "communication", "recovery")
Topic = Literal["intimacy", "stigma", "communication", "recovery"]
PageKind = Literal["article", "hub", "page"]
_A = {"article": "an article", "hub": "a topic hub", "page": "a site page"}

RULE = "front-matter"
SUMMARY_POINTS = (3, 5)
SUMMARY_POINT_WORDS = 20

# What to do, per field, added to the schema's own message.
_HINTS = {
    "title": "Give the page a short, plain title.",
    "description": "Write one plain sentence of at most 160 characters: search results and link previews show it.",
    "topic": "Use one of: " + ", ".join(TOPICS) + " (the folder the article is in).",
    "tags": "Use tags listed in data/tags.yml; to add one, add it there in the same pull request.",
    "date": "Write the first publication date as YYYY-MM-DD, for example 2026-12-06.",
    "updated": "Write the date of the last real change as YYYY-MM-DD (for example 2026-12-06), not earlier "
               "than `date`.",
    "review": "Write `review: pending` until a reviewer listed in data/reviewers.yml has really reviewed the "
              "article; then record it with `make review ARTICLE=docs/TOPIC/NAME.md BY=REVIEWER-ID`, which writes "
              "`review: {by: REVIEWER-ID, on: YYYY-MM-DD, version: HASH}` (`next: YYYY-MM-DD` is optional).",
    "id": "Give the article its permanent number (its short link is /a/ID/): a whole number, never changed "
          "and never used by another article; the build names the next free one.",
    "references": "List at least 3 sources (title, publisher, url) from reputable health services, "
                  "universities, journals or government agencies.",
    "translation_of": "Write the `id` of the English article this translates (the file at the same path in docs/).",
    "translated": "Write the date the translation last matched the English article, as YYYY-MM-DD.",
    "warnings": "List short content warnings, for example [\"mentions suicide\"].",
    "summary": f"List {SUMMARY_POINTS[0]} to {SUMMARY_POINTS[1]} short points, each {SUMMARY_POINT_WORDS} words or "
               "fewer, in the plainest words the article allows: the page shows them as \"In short\".",
    "keywords": "List words readers type that the article itself does not use, for example [libido, ssri].",
    "changes": "List what changed since the article was first published, one line each, as "
               "`- {date: YYYY-MM-DD, note: \"What changed, in a few words.\"}`, dated between `date` and `updated`.",
    "order": "Give the article's place on its hub: 1 is \"Start here\"; articles without `order` follow by title.",
}


def _plain(text: str) -> str:
    """Front-matter text is printed on pages, in feeds and in search: words only, never markup."""
    found = markup_in(text)
    if found:
        raise ValueError(f"contains {found!r}: this text is plain text (pages, feeds and search show it). "
                         "Remove angle brackets and character references such as &amp; "
                         "(write \"and\", \"under\", \"over\" instead)")
    return text


def _short_point(text: str) -> str:
    words = len(text.split())
    if words > SUMMARY_POINT_WORDS:
        raise ValueError(f"has {words} words; keep each point to {SUMMARY_POINT_WORDS} words or fewer")
    return text


def _plain_text(max_length: int | None = None) -> Any:
    # Length first: a limit placed after the validator would count "items after validation".
    return Annotated[str, Field(min_length=1, max_length=max_length), AfterValidator(_plain)]


PlainText = _plain_text()
SummaryPoint = Annotated[PlainText, AfterValidator(_short_point)]


class Reference(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: PlainText
    publisher: PlainText
    url: HttpUrl
    # The source's language when it is not the page's (a Spanish page citing an English-only source: `en`).
    lang: str | None = Field(None, pattern=r"^[a-z]{2,3}$")


VERSION_LENGTH = 12  # hex digits of the SHA-256 of the article's text (reviews.text_version)


class ReviewRecord(BaseModel):
    """A clinical review that happened: who (an id in data/reviewers.yml), when, the version of the text
    reviewed (a hash the build computes, written by `make review`), and when the next is due."""

    model_config = ConfigDict(extra="forbid")

    by: str = Field(min_length=1)
    on: dt.date
    version: str
    next: dt.date | None = None

    @field_validator("version")
    @classmethod
    def _a_version(cls, version: str) -> str:
        if len(version) != VERSION_LENGTH or any(c not in "0123456789abcdef" for c in version):
            raise ValueError(f"'{version}' is not the version of a text: run `make review ARTICLE=... BY=...`, "
                             "which writes the hash of the text the reviewer read")
        return version

    @model_validator(mode="before")
    @classmethod
    def _yaml_on(cls, data: Any) -> Any:
        # YAML 1.1 (PyYAML, MkDocs) reads a bare `on:` key as the boolean true.
        if isinstance(data, dict) and any(key is True for key in data):
            return {("on" if key is True else key): value for key, value in data.items()}
        return data

    @field_validator("by")
    @classmethod
    def _known_reviewer(cls, by: str, info: ValidationInfo) -> str:
        known = (info.context or {}).get("reviewers")
        if known is not None and by not in known:
            listed = ", ".join(sorted(known)) if known else "none yet"
            raise ValueError(f"unknown reviewer '{by}'; reviewers are listed in data/reviewers.yml ({listed})")
        return by

    @field_validator("on")
    @classmethod
    def _not_in_the_future(cls, on: dt.date, info: ValidationInfo) -> dt.date:
        today = (info.context or {}).get("today")
        if today is not None and on > today:
            raise ValueError(f"{on} is in the future: write the date the review was done")
        return on

    @field_validator("next")
    @classmethod
    def _not_before_on(cls, next_due: dt.date | None, info: ValidationInfo) -> dt.date | None:
        on = info.data.get("on")
        if next_due is not None and on is not None and next_due < on:
            raise ValueError(f"`next` ({next_due}) is before `on` ({on})")
        return next_due


class Change(BaseModel):
    """A line of an article's "What changed": the day of a real change, and a one-line note of it."""

    model_config = ConfigDict(extra="forbid")

    date: dt.date
    note: _plain_text(160)


def _review_kind(value: Any) -> str:
    return "pending" if isinstance(value, str) else "record"


# `pending`, or a review record; the tag picks the schema, so an error names one of them, not both.
ReviewField = Annotated[
    Union[Annotated[Literal["pending"], Tag("pending")], Annotated[ReviewRecord, Tag("record")]],  # noqa: UP007
    Discriminator(_review_kind),
]
_UNION_TAGS = ("pending", "record")


class _Described(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: _plain_text(80)
    description: _plain_text(160)
    keywords: list[PlainText] = []
    # Material's own page settings, allowed where a page needs them.
    search: dict[str, Any] | None = None
    hide: list[Literal["navigation", "toc", "footer", "tags"]] | None = None


class Article(_Described):
    topic: Topic
    tags: list[str] = Field(min_length=1, max_length=6)
    date: dt.date
    updated: dt.date
    review: ReviewField
    # The permanent number of its short link, /a/<id>/ (checked against data/urls.txt by the build).
    id: Annotated[int, Field(ge=1, strict=True)] | None = None
    # A translation (docs/<lang>/): its English twin's `id` instead of its own (its short link is
    # /<lang>/a/<id>/), and the date its text last matched the English (hooks/editions.py checks both).
    translation_of: Annotated[int, Field(ge=1, strict=True)] | None = None
    translated: dt.date | None = None
    warnings: list[PlainText] = []
    references: list[Reference] = Field(min_length=3)
    changes: list[Change] = []
    summary: list[SummaryPoint] = Field(min_length=SUMMARY_POINTS[0], max_length=SUMMARY_POINTS[1])
    order: int | None = Field(None, ge=1)
    search: None = None
    hide: None = None

    @field_validator("tags")
    @classmethod
    def _known_tags(cls, tags: list[str], info: ValidationInfo) -> list[str]:
        known = (info.context or {}).get("tags")
        unknown = [t for t in tags if known is not None and t not in known]
        if unknown:
            raise ValueError(f"unknown tag(s): {', '.join(unknown)}")
        return tags

    @field_validator("review")
    @classmethod
    def _not_before_the_article(cls, review: Any, info: ValidationInfo) -> Any:
        written = info.data.get("date")
        if isinstance(review, ReviewRecord) and written is not None and review.on < written:
            raise ValueError(f"the review is dated {review.on}, before the article was written ({written}): "
                             "a review reads the article as it is; write the date the reviewer read it")
        return review

    @model_validator(mode="after")
    def _updated_not_before_date(self) -> Article:
        if self.updated < self.date:
            raise ValueError(f"`updated` ({self.updated}) is earlier than `date` ({self.date})")
        return self

    @model_validator(mode="after")
    def _a_translation_or_its_own_number(self) -> Article:
        if self.translation_of is not None and self.id is not None:
            raise ValueError("a translation has `translation_of` (its English article's id) instead of `id`: "
                             "remove `id`")
        if (self.translation_of is None) != (self.translated is None):
            raise ValueError("a translation has both `translation_of: <the English article's id>` and "
                             "`translated: YYYY-MM-DD` (the date it matched the English text)")
        return self

    @model_validator(mode="after")
    def _changes_between_date_and_updated(self) -> Article:
        for change in self.changes:
            if not self.date <= change.date <= self.updated:
                raise ValueError(f"`changes`: {change.date} is not between `date` ({self.date}) and `updated` "
                                 f"({self.updated}): a change happens after first publication, and moves `updated`")
        return self


class Hub(_Described):
    pass


class Page(_Described):
    updated: dt.date | None = None


SCHEMAS: dict[PageKind, type[_Described]] = {"article": Article, "hub": Hub, "page": Page}


def tags_of(meta: dict[str, Any]) -> list[str]:
    """A page's tags as strings; none when the field is missing or not a list (its check reports that)."""
    tags = meta.get("tags")
    return [str(tag) for tag in tags] if isinstance(tags, list) else []


DATE_FIELDS = ("date", "updated")


def drop_unusable_dates(meta: dict[str, Any]) -> None:
    """Pages print `date` and `updated` as dates. One that is not a date (the check names it) is left out,
    so the page still renders: `mkdocs serve` keeps serving and lists the error, with no traceback."""
    for name in DATE_FIELDS:
        if name in meta and not isinstance(meta[name], dt.date):
            del meta[name]


def page_kind(src_path: str) -> PageKind:
    """Articles live in a topic folder; a topic folder's index.md is its hub; the rest are site pages."""
    parts = PurePosixPath(src_path).parts
    if len(parts) == 2 and parts[0] in TOPICS:
        return "hub" if parts[1] == "index.md" else "article"
    return "page"


def line_of(node: yaml.Node | None, loc: Iterable[Any]) -> int | None:
    """0-based line of the YAML node at a pydantic error location (the deepest one that exists)."""
    line = node.start_mark.line if node else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
            if node is None:
                break
            line = node.start_mark.line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line
        else:
            break
    return line


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: many times faster


def parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """The YAML node tree (for line numbers) and the data built from it, parsing the text once."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        return root, loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()


def check_front_matter(
    front_matter: str | None, src_path: str, shown_path: str, known_tags: set[str],
    reviewers: Collection[str] | None = None, today: dt.date | None = None,
) -> tuple[dict[str, Any], list[Finding]]:
    """Parse and validate a page's front matter. Returns the data (empty when unusable) and findings.

    `src_path` is relative to docs/ (it decides the page kind); `shown_path` is what findings print.
    `reviewers` are the ids in data/reviewers.yml (None: not checked); a review may not be dated
    after `today`. Line numbers count the opening `---` as line 1.
    """
    kind = page_kind(src_path)
    if front_matter is None:
        return {}, [Finding(shown_path, 1, 1, RULE, f"no front matter: {_A[kind]} starts with a `---` block "
                            f"with at least title and description (see docs/_template.md).")]
    try:
        root, data = parse_yaml(front_matter)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else None
        column = mark.column + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error)
        return {}, [Finding(shown_path, line, column, RULE, f"front matter is not valid YAML: {problem}. "
                            "Check indentation and quote values that contain a colon.")]
    if not isinstance(data, dict):
        return {}, [Finding(shown_path, 2, 1, RULE, "front matter must be `key: value` lines.")]

    try:
        SCHEMAS[kind].model_validate(data, context={"tags": known_tags, "reviewers": reviewers,
                                                    "today": today or dt.date.today()})
    except ValidationError as error:
        return data, [_finding(shown_path, root, kind, e) for e in error.errors()]
    findings = []
    topic_folder = PurePosixPath(src_path).parts[0]
    if kind == "article" and data.get("topic") != topic_folder:
        findings.append(Finding(shown_path, (line_of(root, ["topic"]) or 0) + 2, 1, RULE,
                                f"field 'topic' is '{data.get('topic')}' but the file is in {topic_folder}/. "
                                f"Move the file or change the topic."))
    return data, findings


def _finding(shown_path: str, root: yaml.Node | None, kind: PageKind, error: Any) -> Finding:
    # The tag of the review's union is not a field: `review.record.by` is written `review.by`.
    loc = [part for index, part in enumerate(error["loc"])
           if not (index == 1 and error["loc"][0] == "review" and part in _UNION_TAGS)]
    field = ".".join(str(part) for part in loc) or "(page)"
    line = line_of(root, loc)
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "missing":
        message = f"{_A[kind]} needs the field '{field}'"
        line = None
    elif loc and loc[0] in DATE_FIELDS and len(loc) == 1 and error["type"].startswith("date"):
        message = f"field '{field}': {error['input']!r} is not a date written YYYY-MM-DD"
    elif error["type"] == "extra_forbidden":
        message = f"unknown field '{field}' for {_A[kind]}; remove it or check its spelling"
    else:
        message = f"field '{field}': {message}"
    hint = _HINTS.get(str(loc[0])) if loc else None
    return Finding(shown_path, line + 2 if line is not None else 1, None, RULE,
                   f"{message}. {hint}" if hint and error["type"] != "extra_forbidden" else message + ".")


def load_model(path: Path, model: type[BaseModel], shown_path: str, rule: str,
               context: dict[str, Any] | None = None) -> tuple[Any, list[Finding]]:
    """A reviewed data file, validated by `model`; or None and findings naming the file, line and field."""
    try:
        root, raw = parse_yaml(path.read_text(encoding="utf-8"))
    except OSError as error:
        return None, [Finding(shown_path, None, None, rule, f"cannot read the file: {error}")]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [Finding(shown_path, mark.line + 1 if mark else None, None, rule,
                              f"not valid YAML: {getattr(error, 'problem', error)}")]
    try:
        return model.model_validate(raw, context=context), []
    except ValidationError as error:
        return None, [Finding(shown_path, _plus_one(line_of(root, problem["loc"])), None, rule,
                              f"field '{'.'.join(map(str, problem['loc'])) or '(file)'}': "
                              f"{problem['msg'].removeprefix('Value error, ')}.") for problem in error.errors()]


def _plus_one(line: int | None) -> int | None:
    return line + 1 if line is not None else None
