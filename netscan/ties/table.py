"""Write the ties table to disk: spreadsheet-safe CSV or Excel workbook, or Parquet."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from netscan.errors import UsageMistake
from netscan.model import TIES
from netscan.outputs import write_atomically

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


# The formats `write_ties` writes, chosen by the file name's extension.
TIES_FORMATS = (".csv", ".parquet", ".xlsx")


def check_ties_path(path: Path) -> None:
    """Refuse a --ties name whose extension netscan cannot write, before any work is done."""
    if path.suffix.lower() not in TIES_FORMATS:
        raise UsageMistake(
            f"--ties {path}: netscan cannot write a {path.suffix or 'name without an extension'}"
            " file.",
            f"End the name in one of {', '.join(TIES_FORMATS)} (CSV and Excel are "
            "spreadsheet-safe; Parquet keeps full precision).",
        )


def _write_xlsx(frame: pl.DataFrame, path: Path) -> None:
    # xlsxwriter (through polars' write_excel): a real workbook, not CSV text Excel refuses. Its
    # automatic conversions are off so a cell that looks like a formula, a URL or a number stays
    # the text it is; the leading ' of neutralise_formulas stays too, as in the CSV, so a sheet
    # re-saved as CSV is still safe.
    from xlsxwriter import Workbook

    workbook = Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    try:
        neutralise_formulas(frame).write_excel(
            workbook, worksheet="ties", float_precision=4, dtype_formats={pl.Date: "yyyy-mm-dd"},
            autofit=False, freeze_panes=(1, 0),
        )
    finally:
        workbook.close()


def write_ties(ties: pl.DataFrame, path: Path) -> Path:
    """Write `ties` to `path` as CSV, Parquet or an Excel workbook, by its extension.

    The file appears whole or not at all (written to a temporary file, then renamed).
    """
    check_ties_path(path)
    frame = _ordered(ties)
    kind = path.suffix.lower()

    def write(temporary: Path) -> None:
        if kind == ".parquet":
            frame.write_parquet(temporary)
        elif kind == ".xlsx":
            _write_xlsx(frame, temporary)
        else:
            # Dates are written ISO (YYYY-MM-DD) by polars; the CSV is UTF-8 without a BOM. Four
            # decimals keep scores readable in a spreadsheet; Parquet keeps full precision.
            neutralise_formulas(frame).write_csv(temporary, float_precision=4)

    return write_atomically(path, write, "--ties")
