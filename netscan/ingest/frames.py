"""Frames passed between the per-file readers and the merge, and the row accounting they share.

Readers turn one file into people (connections, address book) and raw events that still name
their counterpart by URL / e-mail / display name; `merge` resolves those to contact ids. Every row
of every file ends with exactly one fate: used, or skipped under one `SkipReason`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from netscan.model import UTC_DATETIME, FileReport, SkipReason

SKIP = "_skip"

# People named by a file that lists people (Connections, address books).
PEOPLE = pl.Schema(
    {
        "url": pl.String,
        "email": pl.String,
        "first_name": pl.String,
        "last_name": pl.String,
        "full_name": pl.String,
        "company": pl.String,
        "position": pl.String,
        "connected_on": pl.Date,
        "in_network": pl.Boolean,
        "source": pl.String,
    }
)

# Interactions whose counterpart is still a raw mention (normalised URL / e-mail, display name).
RAW_EVENTS = pl.Schema(
    {  # type: ignore[arg-type]
        # Counterparts repeat in every message too: dictionary-encoded like thread ids (merge
        # maps each distinct mention once and never needs the text per row).
        "url": pl.Categorical(),
        "email": pl.String,
        "name": pl.Categorical(),
        "kind": pl.String,
        "direction": pl.String,
        "at": UTC_DATETIME,
        # Dictionary-encoded until `merge` has sorted the events: a thread id repeats in every
        # message of its thread, and each copy of a million 36-character ids costs ~70 MB.
        "thread_id": pl.Categorical(),
        "participants": pl.Int32,
        "length": pl.Int32,
        "has_note": pl.Boolean,
        "source": pl.String,
    }
)


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one reader made of one file."""

    report: FileReport
    people: pl.DataFrame
    events: pl.DataFrame
    warnings: tuple[str, ...] = ()


def column(frame: pl.DataFrame, *names: str) -> pl.Expr:
    """The first of `names` present in the frame, else a null String literal."""
    for name in names:
        if name in frame.columns:
            return pl.col(name)
    return pl.lit(None, pl.String)


def with_skips(frame: pl.DataFrame, rules: Sequence[tuple[SkipReason, pl.Expr]]) -> pl.DataFrame:
    """Add the `_skip` column: the first rule that holds for a row names why it is skipped."""
    skip = pl.repeat(None, frame.height, dtype=pl.String, eager=True).alias(SKIP)
    if not rules:
        return frame.with_columns(skip)
    # Every rule evaluated once, then the first that holds picked only for the rows some rule
    # holds for (few): a chain of rules over every row costs as much as the rules themselves.
    flags = frame.select(
        condition.fill_null(False).alias(f"_{number}")
        for number, (_, condition) in enumerate(rules)
    )
    hit = flags.select(pl.any_horizontal(pl.all())).to_series()
    if not hit.any():
        return frame.with_columns(skip)
    # Built from the last rule backwards so that the first matching rule wins.
    chain: pl.Expr = pl.lit(None, pl.String)
    for number, (reason, _) in reversed(list(enumerate(rules))):
        chain = pl.when(pl.col(f"_{number}")).then(pl.lit(str(reason))).otherwise(chain)
    first = flags.filter(hit).select(chain).to_series()
    return frame.with_columns(skip.scatter(hit.arg_true(), first))


def duplicate_rows(columns: Sequence[str]) -> pl.Expr:
    """True for every repeat of an exact duplicate row (the first copy is kept)."""
    return ~pl.struct([pl.col(name) for name in columns]).is_first_distinct()


def duplicate_flags(
    frame: pl.DataFrame, columns: Sequence[str] | None = None, hashed: Sequence[str] = ()
) -> pl.Series:
    """`duplicate_rows` over `columns` (every column by default), for a million rows.

    Comparing whole rows row-encodes every column (~400 MB for 1,000,000 messages). Exact
    duplicates share a row hash, so only rows whose hash repeats are compared exactly. Equal rows
    are equal in anything computed from them too: `hashed` names such columns (those present)
    worth hashing to find the candidates, all of `columns` by default.
    """
    columns = list(frame.columns if columns is None else columns)
    keys = [name for name in hashed if name in frame.columns] or columns
    # One hash per column, summed (wrapping): equal rows give equal sums, which is all the
    # exact check below needs, without building a struct of every column.
    hashes = frame.select(
        pl.sum_horizontal(pl.col(name).hash(seed=i) for i, name in enumerate(keys))
    ).to_series()
    # A repeated hash is found by sorting: `is_duplicated` hashes a million distinct values
    # again (several times slower). One thread: the sort is short and its threads contend.
    ordered = hashes.sort(multithreaded=False)
    candidates = hashes.is_in(ordered.filter(ordered == ordered.shift(1)).implode())
    flags = pl.repeat(False, frame.height, dtype=pl.Boolean, eager=True)
    if candidates.any():
        exact = frame.select(columns).filter(candidates).select(duplicate_rows(columns))
        flags = flags.scatter(candidates.arg_true(), exact.to_series())
    return flags.alias("_duplicate")


def skip_counts(frame: pl.DataFrame) -> dict[str, int]:
    """Skipped rows per reason, sorted by reason."""
    counts = frame.get_column(SKIP).drop_nulls().value_counts()
    pairs = {str(row[0]): int(row[1]) for row in counts.iter_rows()}
    return dict(sorted(pairs.items()))


def date_range(values: pl.Series) -> tuple[date, date] | None:
    """(oldest, newest) day of a Date or Datetime series, or None when it holds no value."""
    # The day of the extremes, not the extremes of a day per row (a million conversions).
    oldest, newest = pl.col(values.name).min(), pl.col(values.name).max()
    if values.dtype != pl.Date:
        oldest, newest = oldest.dt.date(), newest.dt.date()
    low, high = values.to_frame().select(oldest.alias("low"), newest.alias("high")).row(0)
    if low is None:
        return None
    assert isinstance(low, date) and isinstance(high, date)
    return (low, high)


def report(
    name: str,
    variant: str,
    frame: pl.DataFrame,
    *,
    encoding: str,
    dates: pl.Series | None,
    used: int | None = None,
) -> FileReport:
    """The FileReport for a frame carrying `_skip`; `used` defaults to the unskipped rows."""
    skipped = skip_counts(frame)
    rows = frame.height
    used_rows = rows - sum(skipped.values()) if used is None else used
    assert rows == used_rows + sum(skipped.values()), (name, rows, used_rows, skipped)
    return FileReport(
        name=name,
        variant=variant,
        rows=rows,
        used=used_rows,
        skipped=skipped,
        status="used" if rows else "empty",
        encoding=encoding,
        date_range=date_range(dates) if dates is not None else None,
    )


def empty_people() -> pl.DataFrame:
    """A PEOPLE frame with no rows."""
    return pl.DataFrame(schema=PEOPLE)


def empty_events() -> pl.DataFrame:
    """A RAW_EVENTS frame with no rows."""
    return pl.DataFrame(schema=RAW_EVENTS)


def raw_events(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` cast and ordered to RAW_EVENTS (missing columns become null)."""
    return frame.select(
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in RAW_EVENTS.items()
    )


def people_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` cast and ordered to PEOPLE (missing columns become null)."""
    return frame.select(
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in PEOPLE.items()
    )
