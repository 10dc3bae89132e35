"""Per-row values computed once per distinct value, read back through dictionary codes.

Columns that repeat a few thousand values a million times (senders, recipient cells, thread ids)
are dictionary-encoded, and a Categorical's codes are numbered process-wide. A table indexed by
code and one gather map a million rows in a few milliseconds, where hashing the values again
(`unique`, `replace_strict`, a join) costs several times that.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

# A code-indexed table is used while it has at most this many slots per row, plus a constant:
# in a long-lived process (batch, serve) the codes in use may be sparse, and hashing wins.
_SLOTS_PER_ROW = 4
_SLOTS_EXTRA = 1 << 16
HALF = 1 << 32  # codes are UInt32: two fit in a UInt64
_LONG = 100_000


def map_distinct(column: pl.Series, compute: Callable[[pl.Series], pl.Series]) -> pl.Series:
    """`compute` applied once to the distinct non-null values of `column`, mapped back per row.

    `compute` takes the distinct values as a String series and returns one value for each (any
    dtype); null rows stay null.
    """
    if column.dtype == pl.Categorical:
        codes = codes_in_use(column)
        values = compute(decode(codes, column.dtype).cast(pl.String))
        return by_code(column.to_physical(), codes, values).alias(column.name)
    distinct = unique(column).drop_nulls()
    values = compute(distinct.cast(pl.String))
    # A left join looks the values up about twice as fast as `replace_strict`.
    table = pl.DataFrame({"key": distinct, "value": values})
    found = column.to_frame("key").join(table, on="key", how="left", maintain_order="left")
    return found.get_column("value").alias(column.name)


def codes_in_use(column: pl.Series) -> pl.Series:
    """The distinct codes (UInt32, ascending unless sparse) of a Categorical column's values."""
    codes = column.to_physical().drop_nulls()
    size = _size(codes)
    if not _dense(size, codes.len()):
        return unique(codes)
    seen = pl.repeat(False, size, dtype=pl.Boolean, eager=True)
    return seen.scatter(codes, True).arg_true().cast(pl.UInt32) if codes.len() else codes


def decode(codes: pl.Series, dtype: pl.DataType) -> pl.Series:
    """The Categorical (of `dtype`) values whose codes are `codes`."""
    return codes.cat.to(dtype)


def by_code(codes: pl.Series, keys: pl.Series, values: pl.Series) -> pl.Series:
    """`values[i]` where `codes` equals `keys[i]` (distinct UInt32 codes), null elsewhere."""
    size = max(_size(codes), _size(keys))
    if not _dense(size, codes.len()):
        return codes.replace_strict(keys, values, default=None, return_dtype=values.dtype)
    table = pl.repeat(None, size, dtype=values.dtype, eager=True)
    if keys.len():
        table = table.scatter(keys, values)
    return table.gather(codes)


def _size(codes: pl.Series) -> int:
    top = codes.max() if codes.len() else None
    return 0 if top is None else int(top) + 1  # type: ignore[arg-type]


def _dense(size: int, rows: int) -> bool:
    return size <= _SLOTS_PER_ROW * rows + _SLOTS_EXTRA


def encoded(column: pl.Series) -> pl.Series:
    """`column` as Categorical (as `condense` leaves repeated message columns)."""
    if column.dtype == pl.Categorical:
        return column
    return column.cast(pl.String).cast(pl.Categorical)


def distinct_pairs(left: pl.Series, *rights: pl.Series) -> list[pl.DataFrame]:
    """For each of `rights`, the distinct (left, right) code pairs of two Categorical columns,
    rows with a null left out, as a frame of two UInt32 columns named after them.

    Both codes packed in one 64-bit number: one hash of a million numbers instead of two
    columns' (about half the time), all in one parallel pass.
    """
    frame = pl.LazyFrame([left, *rights])
    found = pl.collect_all(
        [
            frame.select(packed(_physical(left.name), _physical(right.name)).alias("packed"))
            .drop_nulls()
            .unique()
            for right in rights
        ]
    )
    return [
        pl.DataFrame(
            {
                left.name: (pairs.get_column("packed") // HALF).cast(pl.UInt32),
                right.name: (pairs.get_column("packed") % HALF).cast(pl.UInt32),
            }
        )
        for right, pairs in zip(rights, found, strict=True)
    ]


def packed(high: pl.Expr, low: pl.Expr) -> pl.Expr:
    """Two UInt32 codes as one UInt64 key (`high` × 2³² + `low`): one hash instead of two."""
    return high.cast(pl.UInt64) * HALF + low.cast(pl.UInt64)


def _physical(name: str) -> pl.Expr:
    return pl.col(name).to_physical()


def unique(column: pl.Series) -> pl.Series:
    """The distinct values of `column` (any order): through the lazy engine on long columns
    (about twice as fast as `Series.unique` on a million rows, slower on short ones)."""
    if column.len() < _LONG:
        return column.unique()
    return column.to_frame().lazy().unique().collect().to_series()
