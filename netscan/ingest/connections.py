"""Connections.csv in every era (FORMATS §2.1): the owner's first-degree network."""

from __future__ import annotations

import polars as pl

from netscan.errors import MissingColumns
from netscan.i18n import gettext, ngettext
from netscan.ingest.dates import PLAUSIBLE, DateWindow, parse_date
from netscan.ingest.decode import Table
from netscan.ingest.frames import (
    SKIP,
    FileResult,
    column,
    empty_events,
    people_frame,
    report,
    with_skips,
)
from netscan.ingest.identity import (
    normalise_email_series,
    normalise_name_series,
    normalise_url_series,
)
from netscan.model import SkipReason


def _variant(table: Table) -> str:
    if table.has("E-MAIL ADDRESS") and not table.has("CONNECTED ON"):
        return "connections-outlook-pre2015"
    if not table.has("FIRST NAME"):
        return "connections-names-removed"
    if table.has("URL"):
        return "connections-2023+ (URL column)"
    return "connections-2018..2023 (no URL)"


def read_connections(table: Table, name: str, *, window: DateWindow = PLAUSIBLE) -> FileResult:
    """People from a Connections file; blank hidden-member rows and repeats are counted.

    Every row is its own connection: only a repeated profile URL or e-mail address marks a
    repeat (an e-mail only between rows without a URL). Two rows sharing a name (or differing by
    ", CFA") are two people; names join people only across files, in `merge`.
    """
    if not ({"FIRST NAME", "COMPANY", "POSITION", "E-MAIL ADDRESS"} & set(table.frame.columns)):
        raise MissingColumns(
            f"{name} has none of the columns First Name, Company, Position.",
            "Use the Connections.csv file from LinkedIn's 'Download your data' export.",
        )
    frame = table.frame
    first = column(frame, "FIRST NAME")
    last = column(frame, "LAST NAME")
    middle = column(frame, "MIDDLE NAME")
    people = frame.select(
        normalise_url_series(frame.get_column("URL"))
        if table.has("URL")
        else pl.lit(None, pl.String).alias("URL"),
        column(frame, "EMAIL ADDRESS", "E-MAIL ADDRESS").alias("_email_raw"),
        first.alias("first_name"),
        last.alias("last_name"),
        pl.concat_str([first, middle, last], separator=" ", ignore_nulls=True)
        .replace("", None)
        .alias("full_name"),
        column(frame, "COMPANY").alias("company"),
        column(frame, "POSITION", "JOB TITLE").alias("position"),
        column(frame, "CONNECTED ON").alias("_date_raw"),
    ).rename({"URL": "url"})
    people = people.with_columns(
        normalise_email_series(people.get_column("_email_raw")).alias("email"),
        parse_date(people.get_column("_date_raw")).alias("connected_on"),
    )
    people = people.with_columns(
        window.outside(pl.col("connected_on")).fill_null(False).alias("_odd")
    ).with_columns(window.kept(people.get_column("connected_on")))
    people = people.with_columns(_identified(people).alias("_identified"))
    identity = ["url", "email", "full_name"]
    people = with_skips(
        people,
        [
            (
                SkipReason.BLANK_HIDDEN_MEMBER,
                pl.all_horizontal(pl.col([*identity, "company", "position"]).is_null()),
            ),
            (SkipReason.NOT_A_PERSON, ~pl.col("_identified")),
            (
                SkipReason.DUPLICATE,
                # Two profiles may share an address (an assistant's, a team's): an e-mail marks
                # a repeat only between rows without a profile URL.
                _repeated(pl.col("url")) | (pl.col("url").is_null() & _repeated(pl.col("email"))),
            ),
        ],
    )
    used = people.filter(pl.col(SKIP).is_null())
    warnings: list[str] = []
    bad_dates = used.filter(
        pl.col("_date_raw").is_not_null() & pl.col("connected_on").is_null() & ~pl.col("_odd")
    )
    if bad_dates.height:
        warnings.append(
            ngettext(
                "%(file)s: %(num)d connection has a 'Connected On' date netscan could not read; "
                "it is kept without a date.",
                "%(file)s: %(num)d connections have a 'Connected On' date netscan could not "
                "read; they are kept without a date.",
                bad_dates.height,
            )
            % {"file": name, "num": bad_dates.height}
        )
    odd = int(used.get_column("_odd").sum())
    if odd:
        warnings.append(
            f"{name}: {odd} connections have a 'Connected On' date before LinkedIn existed or "
            "after the export was made; they are kept without a date."
        )
    if not table.has("FIRST NAME"):
        warnings.append(
            gettext("%(file)s: the name columns were removed, so no person can be identified.")
            % {"file": name}
        )
    result = people_frame(
        used.with_columns(pl.lit(True).alias("in_network"), pl.lit(name).alias("source"))
    )
    return FileResult(
        report(
            name, _variant(table), people, encoding=table.encoding, dates=people["connected_on"]
        ),
        result,
        empty_events(),
        tuple(warnings),
    )


def _repeated(key: pl.Expr) -> pl.Expr:
    return key.is_not_null() & ~key.is_first_distinct()


def _identified(people: pl.DataFrame) -> pl.Series:
    """Whether `make_contact_id` finds a key in each row's URL, e-mail or full name (the id
    itself is made in `merge`). The URL and e-mail are normalised once more, as it would."""
    url = normalise_url_series(people.get_column("url"))
    email = normalise_email_series(people.get_column("email"))
    keyless = url.is_null() & email.is_null()
    # Names are normalised only where neither of the first two keys is present.
    name = people.get_column("full_name").zip_with(
        keyless, pl.repeat(None, people.height, dtype=pl.String, eager=True)
    )
    return ~keyless | normalise_name_series(name).is_not_null()
