"""Tiny hand-built CONTACTS / EVENTS frames for the tie-model tests (every person is invented)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import polars as pl

from netscan.model import CONTACTS, EVENTS, Owner, Position

AS_OF = date(2026, 1, 1)

OWNER = Owner(
    name="Ada Example",
    positions=(
        Position("Acme B.V.", "Engineer", date(2015, 1, 1), date(2019, 12, 31)),
        Position("Globex Inc.", "Lead", date(2020, 1, 1), None),
    ),
)


def contact(
    contact_id: str,
    *,
    company: str | None = None,
    connected_on: date | None = date(2018, 6, 1),
    in_network: bool = True,
) -> dict[str, object]:
    """One CONTACTS row; the name is derived from the id."""
    return {
        "contact_id": contact_id,
        "first_name": contact_id.title(),
        "last_name": "Testperson",
        "full_name": f"{contact_id.title()} Testperson",
        "profile_url": f"https://www.linkedin.com/in/{contact_id}",
        "email": None,
        "company": company,
        "position": "Analyst",
        "connected_on": connected_on,
        "in_network": in_network,
        "sources": ["Connections.csv"],
    }


def event(
    contact_id: str,
    day: date,
    *,
    kind: str = "message",
    direction: str = "out",
    thread: str | None = None,
    participants: int | None = 2,
    length: int | None = 120,
    has_note: bool | None = None,
) -> dict[str, object]:
    """One EVENTS row at noon UTC on `day`."""
    return {
        "contact_id": contact_id,
        "kind": kind,
        "direction": direction,
        "at": datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        "thread_id": thread
        if thread is not None
        else (f"t-{contact_id}" if kind == "message" else None),
        "participants": participants if kind == "message" else None,
        "length": length if kind == "message" else None,
        "has_note": has_note,
        "source": "test",
    }


def exchange(contact_id: str, day: date, *, length: int = 120) -> list[dict[str, object]]:
    """A two-way exchange: one message out and one reply in, on the same day."""
    return [
        event(contact_id, day, direction="out", length=length),
        event(contact_id, day, direction="in", length=length),
    ]


def contacts_frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    """A CONTACTS frame from rows built with `contact`."""
    return pl.DataFrame(rows, schema=CONTACTS)


def events_frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    """An EVENTS frame from rows built with `event`."""
    return pl.DataFrame(rows, schema=EVENTS)
