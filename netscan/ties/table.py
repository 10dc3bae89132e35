"""Write the ties table to disk: spreadsheet-safe CSV, or Parquet for a `.parquet` name."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from netscan.errors import NetscanError
from netscan.model import TIES

# A spreadsheet treats a cell starting with one of these as a formula (OWASP "CSV injection");
# tab and carriage return are included because some spreadsheets strip them and then evaluate.
_FORMULA_START = r"^[=+\-@\t\r]"


def neutralise_formulas(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix every string cell that a spreadsheet would run as a formula with a `'`."""
    text_columns = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_FORMULA_START))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in text_columns
    )


def _ordered(ties: pl.DataFrame) -> pl.DataFrame:
    """TIES columns first, in contract order, then any extra columns in their own order."""
    known = [name for name in TIES if name in ties.columns]
    extra = [name for name in ties.columns if name not in TIES]
    return ties.select(known + extra)


def write_ties(ties: pl.DataFrame, path: Path) -> Path:
    """Write `ties` to `path` (Parquet if it ends in .parquet, else CSV) and return the path."""
    frame = _ordered(ties)
    try:
        if path.suffix.lower() == ".parquet":
            frame.write_parquet(path)
        else:
            # Dates are written ISO (YYYY-MM-DD) by polars; the CSV is UTF-8 without a BOM. Four
            # decimals keep scores readable in a spreadsheet; Parquet keeps full precision.
            neutralise_formulas(frame).write_csv(path, float_precision=4)
    except OSError as error:
        raise NetscanError(
            f"Could not write the ties table to {path}: {error.strerror or error}",
            "Check that the folder exists and is writable, or pass another --ties path.",
        ) from error
    return path
