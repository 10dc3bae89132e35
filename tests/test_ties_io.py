"""build_ties' output contract and the ties-table writer (CSV, Excel and Parquet)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from tie_builders import AS_OF, OWNER, contact, contacts_frame, event, events_frame, exchange

from netscan.errors import NetscanError, UsageMistake
from netscan.model import TIES, TIES_REQUIRED
from netscan.ties import build_ties
from netscan.ties.config import TieConfig
from netscan.ties.table import write_ties


def _ties() -> pl.DataFrame:
    contacts = contacts_frame(
        [
            contact("ann", company='=HYPERLINK("http://x")'),
            contact("bob", company="Globex"),
            contact("cat", company="-minus"),
            contact("dan"),
        ]
    )
    events = events_frame(
        [*exchange("ann", date(2025, 12, 1)), event("bob", date(2025, 6, 1), direction="in")]
    )
    return build_ties(contacts, events, OWNER, as_of=AS_OF, config=TieConfig())


def test_build_ties_conforms_to_ties_schema_and_sorts() -> None:
    ties = _ties()
    assert ties.schema == TIES
    assert list(ties.columns[: len(TIES_REQUIRED)]) == list(TIES_REQUIRED)
    assert ties["contact_id"].to_list() == ["ann", "bob", "cat", "dan"]
    assert ties["score"].to_list() == sorted(ties["score"].to_list(), reverse=True)
    # cat and dan both score 0: contact_id breaks the tie
    assert ties.filter(pl.col("score") == 0)["contact_id"].to_list() == ["cat", "dan"]


def test_empty_inputs_give_an_empty_ties_frame() -> None:
    ties = build_ties(contacts_frame([]), events_frame([]), OWNER, as_of=AS_OF, config=TieConfig())
    assert ties.schema == TIES
    assert ties.height == 0


def test_csv_is_spreadsheet_safe_with_iso_dates(tmp_path: Path) -> None:
    path = write_ties(_ties(), tmp_path / "ties.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(TIES)
    by_id = {row["contact_id"]: row for row in rows}
    assert by_id["ann"]["company"] == '\'=HYPERLINK("http://x")'
    assert by_id["cat"]["company"] == "'-minus"
    assert by_id["bob"]["company"] == "Globex"
    assert by_id["ann"]["connected_on"] == "2018-06-01"
    assert by_id["ann"]["last_contact"] == "2025-12-01"
    assert by_id["ann"]["score"] == f"{_ties()['score'][0]:.4f}"  # four decimals in CSV


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(tmp_path: Path, start: str) -> None:
    ties = _ties().with_columns(reasons=pl.lit(f"{start}1+1"))
    path = write_ties(ties, tmp_path / "ties.csv")
    frame = pl.read_csv(path, infer_schema=False)
    assert frame["reasons"].to_list() == [f"'{start}1+1"] * 4


def test_parquet_round_trips_unchanged(tmp_path: Path) -> None:
    ties = _ties()
    path = write_ties(ties, tmp_path / "ties.PARQUET")
    assert pl.read_parquet(path).equals(ties)


def test_columns_keep_contract_order_with_extras_last(tmp_path: Path) -> None:
    ties = _ties()
    shuffled = ties.with_columns(extra_note=pl.lit("x")).select(
        ["extra_note", *reversed(ties.columns)]
    )
    path = write_ties(shuffled, tmp_path / "ties.csv")
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == [*TIES, "extra_note"]


def test_unwritable_path_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(NetscanError) as raised:
        write_ties(_ties(), tmp_path / "missing" / "ties.csv")
    assert "missing" in raised.value.message
    assert "--ties" in raised.value.hint


def test_xlsx_is_a_real_workbook_with_formulas_neutralised(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    ties = _ties().with_columns(reasons=pl.lit("=1+1"))
    path = write_ties(ties, tmp_path / "ties.xlsx")
    sheet = openpyxl.load_workbook(path)["ties"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(TIES)
    assert len(rows) == 1 + ties.height
    by_id = {row[0]: dict(zip(TIES, row, strict=True)) for row in rows[1:]}
    assert by_id["ann"]["company"] == '\'=HYPERLINK("http://x")'
    assert by_id["cat"]["company"] == "'-minus"
    assert by_id["bob"]["company"] == "Globex"
    assert by_id["ann"]["score"] == pytest.approx(ties["score"][0])
    assert by_id["ann"]["connected_on"].date() == date(2018, 6, 1)
    # No cell of the workbook is a formula: every text stays text.
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    assert by_id["ann"]["reasons"] == "'=1+1"


@pytest.mark.parametrize("name", ["ties.xls", "ties.json", "ties.txt", "ties"])
def test_unsupported_extensions_are_refused_with_the_list(tmp_path: Path, name: str) -> None:
    with pytest.raises(UsageMistake) as raised:
        write_ties(_ties(), tmp_path / name)
    assert ".csv, .parquet, .xlsx" in raised.value.hint
    assert not (tmp_path / name).exists()
