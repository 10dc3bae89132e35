"""The typed core shared by every stage: polars schemas, enums and frozen result types.

Frames cross module boundaries only in one of the schemas below; column names are defined once
here. Data flows one way: ingest → features → scores → diagnosis → report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import polars as pl

UTC_DATETIME = pl.Datetime("us", "UTC")


class EventKind(StrEnum):
    """What kind of interaction an event row records."""

    MESSAGE = "message"
    INVITATION = "invitation"
    ENDORSEMENT = "endorsement"
    RECOMMENDATION = "recommendation"


class Direction(StrEnum):
    """``out`` = from the owner to the contact; ``in`` = from the contact to the owner."""

    OUT = "out"
    IN = "in"


class TieClass(StrEnum):
    """How strong a relationship looks from the export alone (SPEC §5)."""

    STRONG = "strong"
    MEDIUM = "medium"
    WEAK = "weak"
    DORMANT = "dormant"
    LATENT = "latent"


class Confidence(StrEnum):
    """How much evidence stands behind a tie's score (SPEC §5)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class SkipReason(StrEnum):
    """Why an input row was not used. Every skipped row is counted under one of these."""

    BLANK_HIDDEN_MEMBER = "blank-hidden-member"
    SPONSORED = "sponsored"
    LINKEDIN_MEMBER = "linkedin-member"
    DRAFT = "draft"
    SPAM = "spam"
    UNPARSEABLE_DATE = "unparseable-date"
    DUPLICATE = "duplicate"
    NO_COUNTERPART = "no-counterpart"
    REDACTED = "redacted"
    NOT_A_PERSON = "not-a-person"
    # Before LinkedIn existed, or after the export was made (a 9999-12-31 placeholder).
    IMPLAUSIBLE_DATE = "implausible-date"


# One row per person. `in_network` marks who counts in the summary's `contacts` (connections, and
# people from non-LinkedIn address books); the rest are `other_people` (recruiters who wrote,
# pending invitations, endorsers who are not connections).
CONTACTS = pl.Schema(
    {
        "contact_id": pl.String(),
        "first_name": pl.String(),
        "last_name": pl.String(),
        "full_name": pl.String(),
        "profile_url": pl.String(),
        "email": pl.String(),
        "company": pl.String(),
        "position": pl.String(),
        "connected_on": pl.Date(),
        "in_network": pl.Boolean(),
        "sources": pl.List(pl.String()),
    }
)

# One row per interaction with one contact. A message to a group thread yields one `out` event
# per recipient; `participants` counts everyone in the thread including the owner (null when
# the file cannot tell). `length` is the character count of a message body after stripping
# markup; the text itself is never kept.
EVENTS = pl.Schema(
    {
        "contact_id": pl.String(),
        "kind": pl.String(),
        "direction": pl.String(),
        "at": UTC_DATETIME,
        "thread_id": pl.String(),
        "participants": pl.Int32(),
        "length": pl.Int32(),
        "has_note": pl.Boolean(),
        "source": pl.String(),
    }
)
# The order the merge writes EVENTS in (nulls last): rows equal on these keys are equal in every
# column, so it is one order for every ordering of the same events.
EVENT_ORDER = ("at", "contact_id", "kind", "direction", "source", "thread_id", "length")

# The columns the ties table must carry (SPEC §4); scoring may add feature columns after them.
TIES_REQUIRED = pl.Schema(
    {
        "contact_id": pl.String(),
        "name": pl.String(),
        "company": pl.String(),
        "position": pl.String(),
        "connected_on": pl.Date(),
        "score": pl.Float64(),
        "tie_class": pl.String(),
        "confidence": pl.String(),
        "last_contact": pl.Date(),
        "messages_sent": pl.Int64(),
        "messages_received": pl.Int64(),
        "reasons": pl.String(),
    }
)


# The full ties table written by `netscan.ties.build_ties`: TIES_REQUIRED, then the features
# behind each score, the ego percentile and the five dimension sub-scores (docs/tie-strength.md).
TIES = pl.Schema(
    {
        **TIES_REQUIRED,
        "profile_url": pl.String(),
        "email": pl.String(),
        "first_contact": pl.Date(),
        "last_two_way": pl.Date(),
        "two_way": pl.Boolean(),
        "reciprocity": pl.Float64(),
        "decayed_intensity": pl.Float64(),
        "active_months": pl.Int64(),
        "threads_1to1": pl.Int64(),
        "threads_group": pl.Int64(),
        "group_only": pl.Boolean(),
        "mean_length": pl.Float64(),
        "invitation_direction": pl.String(),
        "invitation_note": pl.Boolean(),
        "endorsements_received": pl.Int64(),
        "endorsements_given": pl.Int64(),
        "recommendations_received": pl.Int64(),
        "recommendations_given": pl.Int64(),
        "shared_employer": pl.String(),
        "current_colleague": pl.Boolean(),
        "tenure_overlap": pl.Boolean(),
        "past_peak": pl.Float64(),
        "connection_years": pl.Float64(),
        "percentile": pl.Float64(),
        "comm": pl.Float64(),
        "dur": pl.Float64(),
        "ctx": pl.Float64(),
        "serv": pl.Float64(),
        "struct": pl.Float64(),
    }
)


@dataclass(frozen=True, slots=True)
class Position:
    """One of the owner's jobs from Positions.csv; `finished` is None for a current job."""

    company: str
    title: str
    started: date | None
    finished: date | None


@dataclass(frozen=True, slots=True)
class Education:
    """One of the owner's schools from Education.csv."""

    school: str
    degree: str
    started: date | None
    finished: date | None


@dataclass(frozen=True, slots=True)
class Owner:
    """The person whose export it is. `inferred_from` says how netscan knows (e.g. Profile.csv)."""

    name: str
    profile_url: str | None = None
    headline: str = ""
    positions: tuple[Position, ...] = ()
    education: tuple[Education, ...] = ()
    inferred_from: str = "unknown"


@dataclass(frozen=True, slots=True)
class FileReport:
    """What happened to one file of an export: its format variant and every row's fate.

    `rows == used + sum(skipped.values())` always holds. `status` is ``used``, ``not-used``
    (a file netscan does not read, listed so nothing is dropped silently) or ``empty``.
    """

    name: str
    variant: str
    rows: int
    used: int
    skipped: dict[str, int] = field(default_factory=dict)
    status: str = "used"
    encoding: str = ""
    date_range: tuple[date, date] | None = None


@dataclass(frozen=True, slots=True)
class InputReport:
    """One EXPORT argument: its path, format (``linkedin``, ``google``, ``outlook``, ``vcard``,
    ``generic``) and the files read from it."""

    path: str
    format: str
    files: tuple[FileReport, ...]


@dataclass(frozen=True, slots=True)
class MatchRates:
    """How counterparts in messages, invitations, endorsements and recommendations were
    resolved to people: by profile URL, by e-mail, by normalised name, or not at all."""

    by_url: int = 0
    by_email: int = 0
    by_name: int = 0
    unmatched: int = 0

    @property
    def total(self) -> int:
        return self.by_url + self.by_email + self.by_name + self.unmatched


@dataclass(frozen=True, slots=True)
class Export:
    """Everything ingest read from one person's EXPORT arguments, merged.

    `contacts` conforms to CONTACTS and `events` to EVENTS. `newest` is the newest timestamp
    found anywhere in the export: the default `as_of`.
    """

    contacts: pl.DataFrame
    events: pl.DataFrame
    owner: Owner
    inputs: tuple[InputReport, ...]
    match_rates: MatchRates
    warnings: tuple[str, ...]
    newest: date | None
    oldest: date | None


@dataclass(frozen=True, slots=True)
class RatingSheet:
    """A `--ratings` sheet resolved to contacts (``netscan.ingest.ratings``).

    `by_contact` maps contact_id to a rating from 1 (barely know) to 5 (very close). Every other
    row is counted in `skipped` under a reason: ``blank`` (not rated), ``unparseable``,
    ``unmatched``, ``ambiguous`` (a name shared by several contacts), ``duplicate``.
    `rows == len(by_contact) + sum(skipped.values())` always holds.
    """

    path: str
    rows: int
    by_contact: dict[str, float]
    skipped: dict[str, int] = field(default_factory=dict)
