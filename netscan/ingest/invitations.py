"""Invitations.csv (FORMATS §2.3): who invited whom, and whether a note came with it."""

from __future__ import annotations

import polars as pl

from netscan.errors import MissingColumns
from netscan.i18n import gettext
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


def read_invitations(table: Table, name: str, *, window: DateWindow = PLAUSIBLE) -> FileResult:
    """Invitation events: OUTGOING → ``out`` to the invitee, INCOMING → ``in`` from the inviter."""
    frame = table.frame
    if not ({"FROM", "TO", "SENT AT", "DIRECTION"} <= set(frame.columns)):
        raise MissingColumns(
            f"{name} lacks the From, To, Sent At and Direction columns.",
            "Use the Invitations.csv file from LinkedIn's 'Download your data' export.",
        )
    variant = (
        "invitations-2024+ (profile URLs)"
        if table.has("INVITERPROFILEURL")
        else "invitations-2024 (member URNs)"
        if table.has("INVITERPROFILEURN")
        else "invitations-2018..2023"
    )
    outgoing = pl.col("DIRECTION").str.to_uppercase() == "OUTGOING"
    incoming = pl.col("DIRECTION").str.to_uppercase() == "INCOMING"
    inviter = column(frame, "INVITERPROFILEURL")
    invitee = column(frame, "INVITEEPROFILEURL")
    frame = frame.with_columns(
        parse_datetime(frame.get_column("SENT AT")).alias("at"),
        pl.when(outgoing).then(invitee).otherwise(inviter).alias("_url_raw"),
        pl.when(outgoing).then(pl.col("TO")).otherwise(pl.col("FROM")).alias("name"),
        pl.when(outgoing)
        .then(pl.lit(str(Direction.OUT)))
        .otherwise(pl.lit(str(Direction.IN)))
        .alias("direction"),
        column(frame, "MESSAGE").is_not_null().alias("has_note"),
    )
    frame = frame.with_columns(normalise_url_series(frame.get_column("_url_raw")).alias("url"))
    frame = with_skips(
        frame,
        [
            (SkipReason.NO_COUNTERPART, ~(outgoing | incoming)),
            (SkipReason.NO_COUNTERPART, pl.col("url").is_null() & pl.col("name").is_null()),
            (SkipReason.UNPARSEABLE_DATE, pl.col("at").is_null()),
            (SkipReason.IMPLAUSIBLE_DATE, window.outside(pl.col("at"))),
            (SkipReason.DUPLICATE, duplicate_rows(table.frame.columns)),
        ],
    )
    used = frame.filter(pl.col(SKIP).is_null()).with_columns(
        pl.lit(str(EventKind.INVITATION)).alias("kind"), pl.lit(name).alias("source")
    )
    return FileResult(
        report(name, variant, frame, encoding=table.encoding, dates=window.kept(frame["at"])),
        empty_people(),
        raw_events(used),
        (
            gettext(
                "%(file)s covers only the months before the export (LinkedIn keeps about 10 "
                "months of invitations), so it says who initiated recent ties only."
            )
            % {"file": name},
        ),
    )
