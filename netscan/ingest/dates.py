"""Every date shape seen in LinkedIn exports (FORMATS §2.10), parsed to UTC without guessing.

Formats differ between files of one export and even between eras of one file, so each column is
sampled to find which shapes it uses and only those parsers run over the whole column. All
2-digit years are 20YY (LinkedIn did not exist in the 1900s). A value that fits no shape becomes
null and is counted as ``unparseable-date`` by the caller; it is never replaced by "now".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import polars as pl

from netscan.model import UTC_DATETIME

# Rewrites applied before parsing: 2-digit years → 4 digits, month-only and year-only dates → the
# first day, so that a small set of chrono formats covers every shape.
_REWRITES: tuple[tuple[str, str], ...] = (
    (r"^(\d{1,2})/(\d{1,2})/(\d{2}),", "${1}/${2}/20${3},"),
    (r"^(\d{1,2})/(\d{1,2})/(\d{2})$", "${1}/${2}/20${3}"),
    (r"^(\d{1,2})-([A-Za-z]{3})-(\d{2})$", "${1}-${2}-20${3}"),
    (r"^([A-Za-z]{3})[a-z]* (\d{4})$", "1 ${1} ${2}"),
    (r"^(\d{4})$", "${1}-01-01"),
)

_DATETIME_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d %H:%M:%S UTC",  # messages 2021+
    "%Y-%m-%dT%H:%M:%S",  # messages ~2020
    "%Y-%m-%d %H:%M:%S",  # engagement files, no zone
    "%Y/%m/%d %H:%M:%S UTC",  # endorsements, legacy UTF-16 files
    "%m/%d/%Y, %I:%M %p",  # invitations, recommendations, 2018 files
    "%a %b %d %H:%M:%S UTC %Y",  # Company Follows (Java Date.toString)
)
_DATE_FORMATS: tuple[str, ...] = (
    "%d %b %Y",  # Connections 2018-11 → 2026
    "%d-%b-%Y",  # Excel US re-save
    "%d.%m.%Y",  # Danish Excel re-save
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%b %d, %Y",
)
_SAMPLE = 2000
_ODD_SPACES = "[\u00a0\u202f\u2009]"
# Any value `_prepared` would change: odd spaces, surrounding whitespace (Rust's, as
# `strip_chars` strips), or a shape one of the `_REWRITES` applies to.
_NEEDS_WORK = "|".join([_ODD_SPACES, r"^\s", r"\s$", *(pattern for pattern, _ in _REWRITES)])


def _prepared(column: pl.Series) -> pl.Series:
    """Whitespace-normalised text with the `_REWRITES` applied."""
    # Nearly every column needs none of it: one regex pass says so (each step below is a pass
    # of its own, and a replace copies every one of 1,000,000 message dates).
    if not column.str.contains(_NEEDS_WORK).any():
        return column
    text = column
    if text.str.contains(_ODD_SPACES).any():
        text = text.str.replace_all(_ODD_SPACES, " ")
    text = text.str.strip_chars()
    for pattern, replacement in _REWRITES:
        if text.str.contains(pattern).any():
            text = text.str.replace(pattern, replacement)
    return text


def _parse_one(text: pl.Series, fmt: str) -> pl.Series:
    # No cache of distinct values: dates are nearly all distinct, and it costs more than it saves.
    if fmt in _DATE_FORMATS:
        return text.str.strptime(pl.Date, fmt, strict=False, cache=False).cast(pl.Datetime("us"))
    return text.str.strptime(pl.Datetime("us"), fmt, strict=False, cache=False)


def first_distinct(values: pl.Series, n: int) -> pl.Series:
    """The first `n` distinct non-null values in order of first appearance.

    Equal to ``values.drop_nulls().unique(maintain_order=True).head(n)``, but read from a prefix
    that grows until it holds `n` distinct values: message dates are nearly all distinct, so a
    few thousand rows answer instead of a hash of all 1,000,000 (0.17 s).
    """
    present = values.drop_nulls()
    rows = 4 * max(n, 1)
    while True:
        distinct = present.head(rows).unique(maintain_order=True)
        if distinct.len() >= n or rows >= present.len():
            return distinct.head(n)
        rows *= 4


def parse_datetime(column: pl.Series) -> pl.Series:
    """The column parsed to UTC datetimes; null where blank or no known shape fits."""
    text = _prepared(column)
    sample = first_distinct(text, _SAMPLE)
    formats = [
        fmt
        for fmt in (*_DATETIME_FORMATS, *_DATE_FORMATS)
        if sample.len() and _parse_one(sample, fmt).null_count() < sample.len()
    ]
    if len(formats) < 1:
        return pl.Series(column.name, [None] * column.len(), dtype=UTC_DATETIME)
    parsed = [_parse_one(text, fmt) for fmt in formats]
    result = parsed[0] if len(parsed) == 1 else pl.select(pl.coalesce(parsed)).to_series()
    return result.dt.replace_time_zone("UTC").alias(column.name)


def parse_date(column: pl.Series) -> pl.Series:
    """The column parsed to dates (UTC day); null where blank or no known shape fits."""
    return parse_datetime(column).dt.date()


@dataclass(frozen=True, slots=True)
class DateWindow:
    """The days an export's events can fall on: from LinkedIn's launch to the export's making.

    A date outside it (a 9999-12-31 placeholder, a 1970 epoch default) is skipped with a reason
    rather than trusted: one far-future date would otherwise become the analysis date.
    """

    earliest: date = date(2003, 1, 1)
    # Without the export's creation date, only dates no export can hold are refused.
    latest: date = date(2099, 12, 31)

    @classmethod
    def made_on(cls, created: date | None) -> DateWindow:
        """The window of an export made on `created` (a day's slack for time zones)."""
        if created is None:
            return cls()
        return cls(latest=created + timedelta(days=1))

    def outside(self, at: pl.Expr) -> pl.Expr:
        """True where the Date/Datetime expression falls outside the window (null stays null)."""
        day = at.dt.date()
        return (day < self.earliest) | (day > self.latest)

    def outside_utc(self, at: pl.Expr) -> pl.Expr:
        """`outside` for a UTC Datetime expression, compared as instants (no day per row)."""
        start = datetime.combine(self.earliest, time(), UTC)
        if self.latest >= date.max:
            return at < start
        end = datetime.combine(self.latest + timedelta(days=1), time(), UTC)
        return (at < start) | (at >= end)

    def kept(self, values: pl.Series) -> pl.Series:
        """`values` with every date outside the window nulled."""
        utc = isinstance(values.dtype, pl.Datetime) and values.dtype.time_zone == "UTC"
        outside = self.outside_utc if utc else self.outside
        return (
            values.to_frame()
            .select(pl.when(~outside(pl.col(values.name))).then(pl.col(values.name)))
            .to_series()
        )


PLAUSIBLE = DateWindow()


def parse_month_year(value: str | None) -> date | None:
    """A Positions/Education date: ``Jun 2018`` → 2018-06-01, ``2019`` → 2019-01-01.

    Blank gives None.
    """
    return parse_month_years([value])[0]


def parse_month_years(values: Sequence[str | None]) -> list[date | None]:
    """`parse_month_year` of each value, parsed together (one parse per file, not per value).

    A column parse agrees with value-by-value parses while every distinct value is in the
    sample the formats are chosen from: each value then gets the first format that reads it.
    """
    present = sorted({value for value in values if value is not None and value.strip()})
    if len(present) > _SAMPLE:
        return [parse_month_years([value])[0] for value in values]
    parsed = parse_date(pl.Series("d", present, dtype=pl.String)).to_list()
    found = dict(zip(present, parsed, strict=True))
    return [found.get(value) if value is not None else None for value in values]
