"""Tiny hand-built TIES / CONTACTS / EVENTS frames for the diagnosis tests (all people invented)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import polars as pl

from netscan.model import CONTACTS, EVENTS, TIES

AS_OF = date(2026, 1, 1)


def tie(
    contact_id: str,
    *,
    company: str | None = "Acme",
    position: str | None = "Analyst",
    score: float = 0.2,
    tie_class: str = "weak",
    connected_on: date | None = date(2020, 1, 1),
    last_contact: date | None = None,
    last_two_way: date | None = None,
    past_peak: float | None = None,
    name: str | None = None,
) -> dict[str, object]:
    """One TIES row with every other column at a neutral default."""
    row: dict[str, object] = {column: None for column in TIES}
    row.update(
        contact_id=contact_id,
        name=name if name is not None else f"{contact_id.title()} Testperson",
        company=company,
        position=position,
        connected_on=connected_on,
        score=score,
        tie_class=tie_class,
        confidence="low",
        last_contact=last_contact,
        messages_sent=0,
        messages_received=0,
        reasons="",
        last_two_way=last_two_way,
        past_peak=past_peak if past_peak is not None else score,
    )
    return row


def ties_frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    """A TIES frame from rows built with `tie`."""
    return pl.DataFrame(rows, schema=TIES)


def contacts_for(ties: pl.DataFrame, *, others: int = 0) -> pl.DataFrame:
    """CONTACTS rows matching `ties`, plus `others` out-of-network people."""
    rows = [
        {
            "contact_id": r["contact_id"],
            "first_name": None,
            "last_name": None,
            "full_name": r["name"],
            "profile_url": None,
            "email": None,
            "company": r["company"],
            "position": r["position"],
            "connected_on": r["connected_on"],
            "in_network": True,
            "sources": ["Connections.csv"],
        }
        for r in ties.iter_rows(named=True)
    ]
    rows += [
        {
            "contact_id": f"other-{i}",
            "first_name": None,
            "last_name": None,
            "full_name": f"Other {i}",
            "profile_url": None,
            "email": None,
            "company": None,
            "position": None,
            "connected_on": None,
            "in_network": False,
            "sources": ["messages.csv"],
        }
        for i in range(others)
    ]
    return pl.DataFrame(rows, schema=CONTACTS)


def ev(
    contact_id: str,
    day: date,
    *,
    kind: str = "message",
    direction: str = "out",
    thread: str | None = None,
    participants: int | None = 2,
    hour: int = 12,
) -> dict[str, object]:
    """One EVENTS row at `hour` UTC on `day`."""
    return {
        "contact_id": contact_id,
        "kind": kind,
        "direction": direction,
        "at": datetime(day.year, day.month, day.day, hour, tzinfo=UTC),
        "thread_id": thread if kind == "message" else None,
        "participants": participants if kind == "message" else None,
        "length": 100 if kind == "message" else None,
        "has_note": None,
        "source": "test",
    }


def events_frame(rows: list[dict[str, object]]) -> pl.DataFrame:
    """An EVENTS frame (possibly empty)."""
    return pl.DataFrame(rows, schema=EVENTS)
