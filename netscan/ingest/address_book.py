"""The address book uploaded to LinkedIn, under all three names (FORMATS §2.8)."""

from __future__ import annotations

import polars as pl

from netscan.ingest.decode import Table
from netscan.ingest.frames import (
    SKIP,
    FileResult,
    column,
    duplicate_rows,
    empty_events,
    people_frame,
    report,
    with_skips,
)
from netscan.ingest.identity import normalise_email_series
from netscan.model import SkipReason


def _variant(table: Table) -> str:
    if table.has("SOURCE"):
        return "address-book-2022..2024 (Contacts.csv)"
    if table.has("MIDDLENAME"):
        return "address-book-2026 (ImportedContacts.csv)"
    return "address-book-2018 (Imported Contacts.csv)"


def read_address_book(table: Table, name: str) -> FileResult:
    """People from the owner's uploaded phone/mail address book (not connections by themselves)."""
    frame = table.frame
    # The literal word "null" stands for an empty cell in these files.
    frame = frame.with_columns(pl.all().replace("null", None))
    first = column(frame, "FIRST NAME", "FIRSTNAME")
    last = column(frame, "LAST NAME", "LASTNAME")
    people = frame.select(
        first.alias("first_name"),
        last.alias("last_name"),
        pl.coalesce(
            column(frame, "FULL NAME", "FULLNAME"),
            pl.concat_str([first, last], separator=" ", ignore_nulls=True).replace("", None),
        ).alias("full_name"),
        column(frame, "EMAIL ADDRESS", "EMAILS").alias("_email_raw"),
        column(frame, "COMPANIES", "COMPANY").alias("company"),
        column(frame, "TITLE").alias("position"),
        duplicate_rows(table.frame.columns).alias("_dup"),
    )
    people = people.with_columns(
        normalise_email_series(people.get_column("_email_raw")).alias("email")
    )
    people = with_skips(
        people,
        [
            (SkipReason.NOT_A_PERSON, pl.col("full_name").is_null() & pl.col("email").is_null()),
            (SkipReason.DUPLICATE, pl.col("_dup")),
        ],
    )
    used = people.filter(pl.col(SKIP).is_null()).with_columns(
        pl.lit(False).alias("in_network"), pl.lit(name).alias("source")
    )
    return FileResult(
        report(name, _variant(table), people, encoding=table.encoding, dates=None),
        people_frame(used),
        empty_events(),
    )
