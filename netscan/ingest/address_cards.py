"""Turn address-book entries from any non-LinkedIn format into a people FileResult.

Google, Outlook, CRM and vCard readers each reduce a row (or card) to a `Card`; this module
applies the accounting they share (FORMATS §4): a card with neither name nor e-mail is
`not-a-person`, an exact repeat of an earlier row is a `duplicate`, and everyone else becomes an
in-network person (SPEC §4 counts address-book people as contacts) with no connection date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from netscan.ingest.frames import SKIP, FileResult, empty_events, people_frame, report
from netscan.ingest.identity import normalise_email, normalise_url
from netscan.model import SkipReason

# A LinkedIn member profile inside a website / URL / social-profile value.
_LINKEDIN_PROFILE = re.compile(
    r"(?:https?://)?(?:[a-z]{2,3}\.|www\.)?linkedin\.com/in/[^\s,;]+", re.IGNORECASE
)
# Google joins several values of one field in one cell with this separator.
MULTI_VALUE = " ::: "


@dataclass(frozen=True, slots=True)
class Card:
    """One person as an address book describes them; `raw` is the row's text, for duplicates.

    `full_name` is the display name when the format has one (vCard ``FN``); otherwise the name
    is the first, middle and last parts joined.
    """

    raw: tuple[str | None, ...]
    first_name: str | None = None
    last_name: str | None = None
    middle_name: str | None = None
    full_name: str | None = None
    emails: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    company: str | None = None
    position: str | None = None


def clean(value: str | None) -> str | None:
    """The value stripped, with None for blanks."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def split_values(value: str | None) -> list[str]:
    """The values of a cell that may hold several joined by `` ::: ``, blanks dropped."""
    if value is None:
        return []
    return [part.strip() for part in value.split(MULTI_VALUE.strip()) if part.strip()]


def linkedin_url(values: Sequence[str]) -> str | None:
    """The normalised first LinkedIn profile URL among `values`, or None."""
    for value in values:
        found = _LINKEDIN_PROFILE.search(value)
        if found:
            return normalise_url(found.group(0))
    return None


def _full_name(card: Card) -> str | None:
    """The display name the card gives, else its name parts joined."""
    if clean(card.full_name):
        return clean(card.full_name)
    parts = [clean(p) for p in (card.first_name, card.middle_name, card.last_name)]
    return " ".join(p for p in parts if p) or None


def cards_result(name: str, variant: str, encoding: str, cards: Sequence[Card]) -> FileResult:
    """The FileResult for `cards` read from the file `name` (one row per card, in file order)."""
    seen: set[tuple[str | None, ...]] = set()
    rows: list[dict[str, object]] = []
    for card in cards:
        full = _full_name(card)
        email = next((e for e in map(normalise_email, card.emails) if e is not None), None)
        skip: str | None = None
        if full is None and email is None:
            skip = str(SkipReason.NOT_A_PERSON)
        elif card.raw in seen:
            skip = str(SkipReason.DUPLICATE)
        seen.add(card.raw)
        rows.append(
            {
                "url": linkedin_url(card.urls),
                "email": email,
                "first_name": clean(card.first_name),
                "last_name": clean(card.last_name),
                "full_name": full,
                "company": clean(card.company),
                "position": clean(card.position),
                SKIP: skip,
            }
        )
    schema = {
        key: pl.String
        for key in ("url", "email", "first_name", "last_name", "full_name", "company", "position")
    }
    frame = pl.DataFrame(rows, schema={**schema, SKIP: pl.String})
    used = frame.filter(pl.col(SKIP).is_null()).with_columns(
        pl.lit(True).alias("in_network"), pl.lit(name).alias("source")
    )
    return FileResult(
        report(name, variant, frame, encoding=encoding, dates=None),
        people_frame(used),
        empty_events(),
    )
