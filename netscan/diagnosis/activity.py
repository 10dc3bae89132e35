"""Growth (connections per year) and messaging activity (per month, in and out) over time."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from netscan.diagnosis.types import Activity, MonthActivity, YearGrowth
from netscan.model import Direction, EventKind

# Rates look at a fixed recent window so an old burst does not read as current activity.
GROWTH_WINDOW_YEARS = 3
ACTIVITY_WINDOW_DAYS = 365


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _messages(events: pl.DataFrame) -> pl.DataFrame:
    """One row per message: a group message sent by the owner yields one event per recipient,
    so outgoing events are de-duplicated on (thread, time).

    `month` is a sortable integer (year * 12 + month); it is formatted only once per month
    group, since formatting a timestamp per message costs more than everything else here.
    """
    messages = events.filter(pl.col("kind") == EventKind.MESSAGE).select(
        "direction", "at", "thread_id"
    )
    # The duplicates differ in no kept column, so which one stays does not matter.
    sent = messages.filter(pl.col("direction") == Direction.OUT).unique(
        subset=["thread_id", "at"], keep="any"
    )
    received = messages.filter(pl.col("direction") == Direction.IN)
    # Year and month of the UTC day: on a Date they cost a fraction of the zoned timestamp's.
    return (
        pl.concat([sent, received])
        .with_columns(pl.col("at").dt.date().alias("day"))
        .with_columns((pl.col("day").dt.year() * 12 + pl.col("day").dt.month()).alias("month"))
    )


def _active_months(messages: pl.DataFrame, as_of: date) -> int:
    """Calendar months with a message among the 12 ending with `as_of`'s month (at most 12).

    A 365-day window touches 13 calendar months when it starts mid-month, so the count runs
    over whole months instead.
    """
    last = as_of.year * 12 + as_of.month
    window = messages.filter((pl.col("month") > last - 12) & (pl.col("month") <= last))
    return window.get_column("month").n_unique() if window.height else 0


def activity(contacts: pl.DataFrame, events: pl.DataFrame, *, as_of: date) -> Activity:
    """Per-month message series, per-year connection growth and recent rates up to `as_of`."""
    messages = _messages(events).filter(pl.col("day") <= as_of)
    months: tuple[MonthActivity, ...] = ()
    if messages.height:
        counts = messages.group_by("month", "direction").agg(
            pl.col("at").min().dt.strftime("%Y-%m").alias("label"), pl.len()
        )
        table = {(m, d): n for _, d, m, n in counts.iter_rows()}
        observed = sorted({m for m, _ in table})
        months = tuple(
            MonthActivity(
                month=m,
                sent=table.get((m, Direction.OUT.value), 0),
                received=table.get((m, Direction.IN.value), 0),
            )
            for m in _month_range(observed[0], observed[-1])
        )
    connected = (
        contacts.filter(pl.col("in_network") & pl.col("connected_on").is_not_null())
        .filter(pl.col("connected_on") <= as_of)
        .get_column("connected_on")
    )
    per_year: dict[int, int] = {}
    for day in connected.to_list():
        per_year[day.year] = per_year.get(day.year, 0) + 1
    years: tuple[YearGrowth, ...] = ()
    if per_year:
        years = tuple(
            YearGrowth(year=y, connections=per_year.get(y, 0))
            for y in range(min(per_year), max(per_year) + 1)
        )
    growth_start = as_of - timedelta(days=round(365.25 * GROWTH_WINDOW_YEARS))
    recent_connections = sum(1 for day in connected.to_list() if day > growth_start)
    window_start = as_of - timedelta(days=ACTIVITY_WINDOW_DAYS)
    recent = messages.filter(pl.col("day") > window_start)
    sent = recent.filter(pl.col("direction") == Direction.OUT).height
    received = recent.filter(pl.col("direction") == Direction.IN).height
    return Activity(
        months=months,
        years=years,
        connections_per_year=recent_connections / GROWTH_WINDOW_YEARS,
        messages_per_month_sent=sent / 12,
        messages_per_month_received=received / 12,
        active_months_last_year=_active_months(messages, as_of),
    )
