"""Endorsement_Received_Info.csv, Endorsement_Given_Info.csv and the legacy UTF-16 TSV
``Endorsement Received Info.csv`` (FORMATS §2.4), de-duplicated against each other."""

from __future__ import annotations

from collections.abc import Set

import polars as pl

from netscan.errors import MissingColumns
from netscan.ingest.dates import PLAUSIBLE, DateWindow, parse_datetime
from netscan.ingest.decode import Table
from netscan.ingest.frames import (
    SKIP,
    FileResult,
    column,
    duplicate_rows,
    empty_people,
    raw_events,
    report,
    with_skips,
)
from netscan.ingest.identity import normalise_url_series
from netscan.model import Direction, EventKind, SkipReason


def endorsement_keys(result: FileResult) -> frozenset[str]:
    """Keys (time, lowercased name) of a file's used endorsements, to drop the legacy copies."""
    rows = result.events.select(
        pl.col("at").cast(pl.String), pl.col("name").cast(pl.String).str.to_lowercase()
    )
    return frozenset(f"{at}|{name}" for at, name in rows.iter_rows())


def read_endorsements(
    table: Table,
    name: str,
    *,
    given: bool,
    already: Set[str] = frozenset(),
    window: DateWindow = PLAUSIBLE,
) -> FileResult:
    """Endorsement events (received → ``in``, given → ``out``); `already` marks legacy repeats."""
    role = "ENDORSEE" if given else "ENDORSER"
    frame = table.frame
    needed = {"ENDORSEMENT DATE", f"{role} FIRST NAME", f"{role} LAST NAME"}
    if not needed <= set(frame.columns):
        raise MissingColumns(
            f"{name} lacks the columns {', '.join(sorted(needed))}.",
            "Use the endorsement file from LinkedIn's 'Download your data' export.",
        )
    legacy = table.has("DISPLAY STATUS")
    variant = (
        "endorsements-legacy (UTF-16 TSV)"
        if legacy
        else f"endorsements-{'given' if given else 'received'}"
        + (" (public URL)" if table.has(f"{role} PUBLIC URL") else " (no URL)")
    )
    url_raw = column(frame, f"{role} PUBLIC URL").alias("_url_raw")
    frame = frame.with_columns(
        url_raw,
        parse_datetime(frame.get_column("ENDORSEMENT DATE")).alias("at"),
        pl.concat_str(
            [pl.col(f"{role} FIRST NAME"), pl.col(f"{role} LAST NAME")],
            separator=" ",
            ignore_nulls=True,
        )
        .replace("", None)
        .alias("name"),
    )
    frame = frame.with_columns(normalise_url_series(frame.get_column("_url_raw")).alias("url"))
    key = pl.concat_str(
        [pl.col("at").cast(pl.String), pl.col("name").str.to_lowercase()], separator="|"
    )
    frame = with_skips(
        frame,
        [
            (
                SkipReason.REDACTED,
                column(frame, "ENDORSEMENT STATUS").str.to_lowercase() == "redacted",
            ),
            (SkipReason.NO_COUNTERPART, pl.col("url").is_null() & pl.col("name").is_null()),
            (SkipReason.UNPARSEABLE_DATE, pl.col("at").is_null()),
            (SkipReason.IMPLAUSIBLE_DATE, window.outside(pl.col("at"))),
            (
                SkipReason.DUPLICATE,
                duplicate_rows(table.frame.columns) | key.is_in(sorted(already)),
            ),
        ],
    )
    used = frame.filter(pl.col(SKIP).is_null()).with_columns(
        pl.lit(str(EventKind.ENDORSEMENT)).alias("kind"),
        pl.lit(str(Direction.OUT if given else Direction.IN)).alias("direction"),
        pl.lit(name).alias("source"),
    )
    return FileResult(
        report(name, variant, frame, encoding=table.encoding, dates=window.kept(frame["at"])),
        empty_people(),
        raw_events(used),
    )
