"""Recommendations_Received.csv and Recommendations_Given.csv (FORMATS §2.5)."""

from __future__ import annotations

import polars as pl

from netscan.errors import MissingColumns
from netscan.ingest.dates import PLAUSIBLE, DateWindow, parse_datetime
from netscan.ingest.decode import Table
from netscan.ingest.frames import (
    SKIP,
    FileResult,
    duplicate_rows,
    empty_people,
    raw_events,
    report,
    with_skips,
)
from netscan.model import Direction, EventKind, SkipReason


def read_recommendations(
    table: Table, name: str, *, given: bool, window: DateWindow = PLAUSIBLE
) -> FileResult:
    """Recommendation events (received → ``in``, given → ``out``), keyed on the person's name."""
    frame = table.frame
    needed = {"FIRST NAME", "LAST NAME", "CREATION DATE"}
    if not needed <= set(frame.columns):
        raise MissingColumns(
            f"{name} lacks the columns First Name, Last Name, Creation Date.",
            "Use the recommendations file from LinkedIn's 'Download your data' export.",
        )
    frame = frame.with_columns(
        parse_datetime(frame.get_column("CREATION DATE")).alias("at"),
        pl.concat_str([pl.col("FIRST NAME"), pl.col("LAST NAME")], separator=" ", ignore_nulls=True)
        .replace("", None)
        .alias("name"),
    )
    frame = with_skips(
        frame,
        [
            (SkipReason.NO_COUNTERPART, pl.col("name").is_null()),
            (SkipReason.UNPARSEABLE_DATE, pl.col("at").is_null()),
            (SkipReason.IMPLAUSIBLE_DATE, window.outside(pl.col("at"))),
            (SkipReason.DUPLICATE, duplicate_rows(table.frame.columns)),
        ],
    )
    used = frame.filter(pl.col(SKIP).is_null()).with_columns(
        pl.lit(str(EventKind.RECOMMENDATION)).alias("kind"),
        pl.lit(str(Direction.OUT if given else Direction.IN)).alias("direction"),
        pl.lit(name).alias("source"),
    )
    variant = f"recommendations-{'given' if given else 'received'}"
    return FileResult(
        report(name, variant, frame, encoding=table.encoding, dates=window.kept(frame["at"])),
        empty_people(),
        raw_events(used),
    )
