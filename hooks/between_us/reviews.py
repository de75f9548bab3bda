"""Clinical reviews: the reviewers' data file, an article's review state, and the findings on coming reviews.

An article's `review:` is `pending`, or a record of a review that happened (frontmatter.ReviewRecord):
who (an id in data/reviewers.yml), on which date, and when the next review is due. Everything a page,
a handout, search and the editor's report say about a review comes from `status_of` and the
sentences of its result: computed once, in the same place as the checks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, HttpUrl, ValidationError, ValidationInfo, field_validator

from .dates import long_date
from .external_domains import host_allowed
from .findings import Finding, Level
from .frontmatter import VERSION_LENGTH, PlainText, ReviewRecord, load_model

RULE = "review"
DATA_RULE = "reviewers"
SHOWN_PATH = "data/reviewers.yml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Registration(_Strict):
    """Where a reviewer is registered to practise: the body's name and the number it gave them."""

    body: PlainText
    number: PlainText


_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class Reviewer(_Strict):
    id: str
    name: PlainText
    # What qualifies them, in words a reader knows: "Licensed marriage and family therapist".
    credentials: PlainText
    registration: Registration | None = None
    # A page about them on a reviewed site (data/allowed-domains.yml): a register, a university, a health service.
    profile: HttpUrl | None = None

    @field_validator("id")
    @classmethod
    def _plain_id(cls, id: str) -> str:
        if not _ID.fullmatch(id):
            raise ValueError(f"'{id}' is not a valid id: write the reviewer's name in lower-case letters and digits, "
                             "with a single hyphen between words, such as jane-doe or sam-lee-2")
        return id

    @field_validator("profile")
    @classmethod
    def _allowed_domain(cls, profile: HttpUrl | None, info: ValidationInfo) -> HttpUrl | None:
        allowed = (info.context or {}).get("allowed_domains")
        if profile is not None and allowed is not None and not host_allowed(profile.host or "", allowed):
            raise ValueError(f"'{profile.host}' is not in data/allowed-domains.yml: link a profile on a reviewed "
                             "site (a professional register, university or health service), or leave it out")
        return profile


class ReviewerData(_Strict):
    reviewers: list[Reviewer] = []

    @field_validator("reviewers")
    @classmethod
    def _unique_ids(cls, reviewers: list[Reviewer]) -> list[Reviewer]:
        seen: set[str] = set()
        for reviewer in reviewers:
            if reviewer.id in seen:
                raise ValueError(f"the id '{reviewer.id}' is used twice: give each reviewer their own")
            seen.add(reviewer.id)
        return reviewers


def load_reviewers(path: Path, allowed_domains: Collection[str] | None = None,
                   shown_path: str = SHOWN_PATH) -> tuple[dict[str, Reviewer], list[Finding]]:
    """The reviewers by id, and findings naming the file, line and field of each problem (then: none)."""
    data, found = load_model(path, ReviewerData, shown_path, DATA_RULE, {"allowed_domains": allowed_domains})
    if data is None:
        return {}, found
    return {reviewer.id: reviewer for reviewer in data.reviewers}, []


@dataclass(frozen=True)
class ReviewPolicy:
    """What the review checks need, sent with each batch of files to the checks' worker."""

    reviewers: Mapping[str, Reviewer] = field(default_factory=dict)
    today: dt.date = field(default_factory=dt.date.today)
    interval_days: int = 730
    warn_days: int = 60
    strict: bool = False  # STRICT_REVIEWS=1: an overdue review is an error


@dataclass(frozen=True)
class ReviewStatus:
    """An article's review, as pages, handouts, search and the editor's report show it."""

    state: Literal["pending", "reviewed"]
    reviewer: Reviewer | None = None
    on: dt.date | None = None
    next: dt.date | None = None
    updated: dt.date | None = None
    today: dt.date | None = None
    version: str | None = None  # of the text reviewed (`review.version`)
    current: str | None = None  # of the text now (text_version)

    @property
    def changed_since(self) -> bool:
        """The article's text is not the version that was reviewed."""
        return self.version is not None and self.current is not None and self.version != self.current

    @property
    def days_left(self) -> int | None:
        return (self.next - self.today).days if self.next and self.today else None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    def due_within(self, days: int) -> bool:
        """Due in `days` days or fewer, and not overdue yet."""
        return self.days_left is not None and 0 <= self.days_left <= days

    def sentences(self, words: Mapping[str, Any]) -> list[str]:
        """What the page and the handout say about the review, sentence by sentence (plain text), in the
        language of `words` (its data/strings/<lang>.yml)."""
        said_as = words["review"]
        if self.state == "pending" or self.reviewer is None or self.on is None or self.next is None:
            return [said_as["pending"]]
        reviewer = self.reviewer

        def date(day: dt.date) -> str:
            return long_date(day, words["dates"])

        said = [said_as["reviewed"].format(name=reviewer.name, credentials=reviewer.credentials, date=date(self.on))]
        if reviewer.registration:
            said.append(said_as["registered"].format(body=reviewer.registration.body,
                                                     number=reviewer.registration.number))
        said.append(said_as["next"].format(date=date(self.next)))
        if self.changed_since:
            said.append(said_as["changed_updated"].format(date=date(self.updated)) if self.updated
                        else said_as["changed"])
        if self.overdue:
            said.append(said_as["overdue"])
        return said

    def summary(self, words: Mapping[str, Any]) -> str:
        """One line, for a search result: 'Reviewed by NAME on DATE' (and what has happened since)."""
        said_as = words["review"]
        if self.state == "pending" or self.reviewer is None or self.on is None:
            return said_as["summary_pending"]
        line = said_as["summary"].format(name=self.reviewer.name, date=long_date(self.on, words["dates"]))
        if self.changed_since:
            line += said_as["summary_changed"]
        if self.overdue:
            line += said_as["summary_overdue"]
        return line

    def label(self, warn_days: int) -> str:
        """The state in a word or three, for the editor's report."""
        if self.state == "pending":
            return "pending"
        if self.overdue:
            return "overdue"
        parts = ["reviewed"]
        if self.changed_since:
            parts.append("changed since")
        if self.due_within(warn_days):
            parts.append(f"due in {self.days_left} days")
        return ", ".join(parts)


def text_version(body: str) -> str:
    """The version of an article's text (front matter aside): the start of its SHA-256. A review records it;
    any change to the words after that makes the article "changed since that review"."""
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()[:VERSION_LENGTH]


def status_of(meta: Mapping[str, Any], policy: ReviewPolicy, current: str | None = None) -> ReviewStatus | None:
    """The review state of an article's front matter, its text now at version `current`; None when `review`
    is not usable (its check says why)."""
    review, updated = meta.get("review"), meta.get("updated")
    updated = updated if isinstance(updated, dt.date) else None
    if review == "pending":
        return ReviewStatus("pending", updated=updated, today=policy.today)
    try:
        record = ReviewRecord.model_validate(review)
    except ValidationError:
        return None
    reviewer = policy.reviewers.get(record.by)
    if reviewer is None:
        return None
    next_due = record.next or record.on + dt.timedelta(days=policy.interval_days)
    return ReviewStatus("reviewed", reviewer, record.on, next_due, updated, policy.today, record.version, current)


def review_findings(status: ReviewStatus | None, shown_path: str, line: int | None,
                    policy: ReviewPolicy) -> list[Finding]:
    """A warning for a review due within `warn_days`; for an overdue one a warning, or an error when strict."""
    if status is None or status.state != "reviewed" or status.reviewer is None or status.days_left is None:
        return []
    who = f"{status.reviewer.name} ({status.reviewer.id})"
    due = f"{status.next}"
    if status.overdue:
        return [Finding(shown_path, line, None, RULE,
                        f"the review by {who} was due on {due}, {-status.days_left} days ago: the page says it is "
                        "overdue. Ask for a new review, then record it in `review:` (by, on, next).",
                        Level.ERROR if policy.strict else Level.WARNING)]
    if status.due_within(policy.warn_days):
        return [Finding(shown_path, line, None, RULE,
                        f"the review by {who} is due on {due}, in {status.days_left} days: plan the next review.",
                        Level.WARNING)]
    return []
