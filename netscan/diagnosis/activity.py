"""Growth (connections per year) and messaging activity (per month, in and out) over time."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from netscan.diagnosis.events import EventSummary
from netscan.diagnosis.types import Activity, MonthActivity, YearGrowth
from netscan.model import Direction

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


def _active_months(daily: pl.DataFrame, as_of: date) -> int:
    """Calendar months with a message among the 12 ending with `as_of`'s month (at most 12).

    A 365-day window touches 13 calendar months when it starts mid-month, so the count runs
    over whole months instead.
    """
    last = as_of.year * 12 + as_of.month
    window = daily.filter((pl.col("month") > last - 12) & (pl.col("month") <= last))
    return window.get_column("month").n_unique() if window.height else 0


def activity(contacts: pl.DataFrame, events: EventSummary, *, as_of: date) -> Activity:
    """Per-month message series, per-year connection growth and recent rates up to `as_of`."""
    # `month` is a sortable integer (year * 12 + month), formatted only once per month.
    day = pl.col("day")
    daily = events.daily.filter(day <= as_of).with_columns(
        (day.dt.year() * 12 + day.dt.month()).alias("month")
    )
    months: tuple[MonthActivity, ...] = ()
    if daily.height:
        counts = daily.group_by("month", "direction").agg(
            pl.col("day").min().dt.strftime("%Y-%m").alias("label"), pl.col("messages").sum()
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
    per_year: dict[int, int] = dict(connected.dt.year().value_counts().iter_rows())
    years: tuple[YearGrowth, ...] = ()
    if per_year:
        years = tuple(
            YearGrowth(year=y, connections=per_year.get(y, 0))
            for y in range(min(per_year), max(per_year) + 1)
        )
    growth_start = as_of - timedelta(days=round(365.25 * GROWTH_WINDOW_YEARS))
    recent_connections = int((connected > growth_start).sum())
    window_start = as_of - timedelta(days=ACTIVITY_WINDOW_DAYS)
    recent = dict(
        daily.filter(pl.col("day") > window_start)
        .group_by("direction")
        .agg(pl.col("messages").sum())
        .iter_rows()
    )
    sent = recent.get(Direction.OUT.value, 0)
    received = recent.get(Direction.IN.value, 0)
    return Activity(
        months=months,
        years=years,
        connections_per_year=recent_connections / GROWTH_WINDOW_YEARS,
        messages_per_month_sent=sent / 12,
        messages_per_month_received=received / 12,
        active_months_last_year=_active_months(daily, as_of),
    )
