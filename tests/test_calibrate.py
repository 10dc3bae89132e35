"""Calibration from the user's own ratings: the fit, the sheet, the rate → --ratings round trip."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner
from tie_builders import AS_OF, OWNER, contact, contacts_frame, event, events_frame, exchange

from netscan.cli import cli
from netscan.ingest.ratings import RatingsError, match_ratings, parse_strength
from netscan.ties import build_ties
from netscan.ties.calibrate import MIN_RATINGS, calibrate, effective_weights
from netscan.ties.config import TieConfig
from netscan.ties.rating_sheet import pick_contacts

SAMPLES = Path(__file__).resolve().parents[1] / "sample_exports"
CONFIG = TieConfig()


def _network() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Two groups the default model orders one way: `talk*` (recent two-way messages, default
    higher) and `col*` (current colleagues with endorsements both ways, no messages)."""
    people, events = [], []
    for i in range(8):
        people.append(contact(f"talk{i}", connected_on=date(2017, 1, 1)))
        for k in range(1 + i % 3):
            events += exchange(f"talk{i}", date(2025, 9 + k, 1 + i))
        people.append(contact(f"col{i}", company="Globex"))
        for direction in ("in", "out"):
            events.append(
                event(f"col{i}", date(2025, 6, 1 + i), kind="endorsement", direction=direction)
            )
    return contacts_frame(people), events_frame(events)


def _ratings_file(tmp_path: Path, rows: list[tuple[str, str]], name: str = "r.csv") -> Path:
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["contact", "name", "strength"])
        for key, strength in rows:
            writer.writerow([key, "whoever", strength])
    return path


def test_ratings_that_reverse_two_groups_reverse_them_after_calibration() -> None:
    contacts, events = _network()
    default = build_ties(contacts, events, OWNER, as_of=AS_OF, config=CONFIG)
    by_id = dict(zip(default["contact_id"], default["score"], strict=True))
    talk = [f"talk{i}" for i in range(8)]
    col = [f"col{i}" for i in range(8)]
    assert min(by_id[c] for c in talk) > max(by_id[c] for c in col)

    # The person says the opposite: the colleagues are close, the message partners are not.
    ratings = {c: 5.0 for c in col} | {c: 1.0 for c in talk}
    result = calibrate(contacts, events, OWNER, ratings, as_of=AS_OF, config=CONFIG)
    assert result.fitted and result.outcome == "fitted"
    refit = build_ties(contacts, events, OWNER, as_of=AS_OF, config=result.config)
    after = dict(zip(refit["contact_id"], refit["score"], strict=True))
    assert min(after[c] for c in col) > max(after[c] for c in talk)
    # Held out, the fitted model agrees with the ratings; the default disagrees.
    assert result.default.spearman is not None and result.default.spearman < 0
    assert result.calibrated is not None and result.calibrated.spearman is not None
    assert result.calibrated.spearman > 0.5
    assert sum(result.weights.values()) == pytest.approx(1.0)
    assert min(result.weights.values()) >= 0.0


def test_ratings_that_agree_with_the_defaults_keep_the_weights_near_them() -> None:
    contacts, events = _network()
    ratings = {f"talk{i}": 4.0 + (i % 2) for i in range(8)} | {f"col{i}": 2.0 for i in range(8)}
    result = calibrate(contacts, events, OWNER, ratings, as_of=AS_OF, config=CONFIG)
    prior = effective_weights(CONFIG)
    # Pulled toward the defaults: no weight moves by more than a third of the total.
    assert all(abs(result.weights[k] - prior[k]) < 0.34 for k in prior)
    assert result.calibrated is not None and result.calibrated.spearman is not None
    assert result.calibrated.spearman > 0.5


def test_fewer_than_ten_ratings_keep_the_defaults() -> None:
    contacts, events = _network()
    ratings = {f"col{i}": 5.0 for i in range(MIN_RATINGS - 1)}
    result = calibrate(contacts, events, OWNER, ratings, as_of=AS_OF, config=CONFIG)
    assert not result.fitted and result.outcome == "too-few"
    assert result.config == CONFIG and result.calibrated is None


def test_unmatched_and_unusable_rating_rows_are_counted(tmp_path: Path) -> None:
    contacts = contacts_frame(
        [contact("ann"), contact("bob"), contact("twin1"), contact("twin2")]
    ).with_columns(full_name=pl.when(pl.col("contact_id").str.starts_with("twin"))
                   .then(pl.lit("Sam Twin")).otherwise(pl.col("full_name")))
    path = _ratings_file(
        tmp_path,
        [
            ("https://www.linkedin.com/in/ann/", "4"),  # URL, trailing slash
            ("Bob Testperson", "strong"),  # name, class name
            ("https://www.linkedin.com/in/nobody", "3"),  # unmatched URL
            ("Nobody At All", "2"),  # unmatched name
            ("Sam Twin", "5"),  # two contacts share the name
            ("ann", "5"),  # contact id: ann again
            ("bob", "seven"),  # unparseable
            ("bob", "9"),  # out of range
            ("bob", ""),  # not rated
        ],
    )
    sheet = match_ratings(path, contacts)
    assert sheet.by_contact == {"ann": 4.0, "bob": 5.0}
    assert sheet.skipped == {
        "ambiguous": 1, "blank": 1, "duplicate": 1, "unmatched": 2, "unparseable": 2,
    }
    assert sheet.rows == len(sheet.by_contact) + sum(sheet.skipped.values())


def test_parse_strength() -> None:
    assert parse_strength("1") == 1.0
    assert parse_strength("4,5") == 4.5
    assert parse_strength("Weak") == 2.0
    assert parse_strength("0") is None
    assert parse_strength("nan") is None


def test_a_sheet_without_the_columns_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("who,score\nann,3\n", encoding="utf-8")
    with pytest.raises(RatingsError, match=r"contact.*strength"):
        match_ratings(path, contacts_frame([contact("ann")]))


def test_pick_contacts_spans_classes_and_companies() -> None:
    rows = []
    for i, cls in enumerate(["strong"] * 3 + ["medium"] * 20 + ["weak"] * 40 + ["latent"] * 50):
        rows.append({"contact_id": f"c{i:03d}", "tie_class": cls, "score": 1.0 - i / 200,
                     "company": "BigCo" if i % 2 else f"Co{i % 7}"})
    picked = pick_contacts(pl.DataFrame(rows), 30)
    counts = dict(picked.group_by("tie_class").len().iter_rows())
    assert picked.height == 30
    assert counts["strong"] == 3  # all there are; their places go to the others
    assert {counts["medium"], counts["weak"], counts["latent"]} <= {9, 9 + 1}
    # Round-robin over companies: BigCo does not take the first places of the weak class.
    weak = picked.filter(pl.col("tie_class") == "weak")
    assert weak.filter(pl.col("company") == "BigCo").height <= weak.height // 2 + 1


def test_rate_fill_ratings_round_trip(tmp_path: Path) -> None:
    export = SAMPLES / "newcomer.zip"
    sheet_path = tmp_path / "ratings.csv"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["rate", str(export), "-o", str(sheet_path)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "--ratings" in result.output and "5 = very close" in result.output
    sheet = pl.read_csv(sheet_path, infer_schema=False)
    assert sheet.columns == ["contact", "name", "company", "last_contact", "strength"]
    assert 20 <= sheet.height <= 30 and sheet["strength"].null_count() == sheet.height

    # Fill it from the planted truth, as a person who knows their ties would; add a row for
    # someone not in the export, with a name that must not appear in any output.
    truth = pl.read_csv(SAMPLES / "newcomer.truth.csv", infer_schema=False)
    level = {"strong": "5", "medium": "4", "weak": "2", "dormant": "3", "latent": "1"}
    filled = sheet.join(
        truth.select(pl.col("profile_url").alias("contact"), "level"), on="contact", how="left"
    ).with_columns(strength=pl.col("level").replace_strict(level, default=""))
    secret = "Quintessa Unlisted-Person"
    filled = pl.concat(
        [filled.drop("level"), pl.DataFrame({"contact": [secret], "strength": ["5"]})],
        how="diagonal",
    )
    filled.write_csv(sheet_path)

    report, summary = tmp_path / "r.html", tmp_path / "s.json"
    result = runner.invoke(
        cli,
        ["analyze", str(export), "--ratings", str(sheet_path), "-o", str(report),
         "--json", str(summary)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    calibration = json.loads(summary.read_text(encoding="utf-8"))["calibration"]
    assert calibration["rows"] == sheet.height + 1
    assert calibration["skipped"] == {"unmatched": 1}
    assert calibration["usable"] == sheet.height
    assert calibration["fitted"] is True
    for model in ("default", "calibrated_held_out"):
        agreement = calibration["agreement"][model]
        assert -1.0 <= agreement["spearman"] <= 1.0
        assert 0.0 <= agreement["strong_accuracy"] <= 1.0
    html = report.read_text(encoding="utf-8")
    assert "Agreement with your own ratings" in html
    assert "no such contact in the export: 1" in html
    for output in (html, summary.read_text(encoding="utf-8")):
        assert secret not in output


def test_ratings_with_anonymize_still_match(tmp_path: Path) -> None:
    export = SAMPLES / "newcomer.zip"
    sheet_path = tmp_path / "ratings.csv"
    runner = CliRunner()
    runner.invoke(cli, ["rate", str(export), "-o", str(sheet_path)], catch_exceptions=False)
    sheet = pl.read_csv(sheet_path, infer_schema=False)
    values = [str(1 + i % 5) for i in range(sheet.height)]
    sheet.with_columns(strength=pl.Series(values)).write_csv(sheet_path)
    summary = tmp_path / "s.json"
    result = runner.invoke(
        cli,
        ["analyze", str(export), "--anonymize", "--ratings", str(sheet_path),
         "-o", str(tmp_path / "r.html"), "--json", str(summary)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    calibration = json.loads(summary.read_text(encoding="utf-8"))["calibration"]
    assert calibration["usable"] == sheet.height and calibration["skipped"] == {}


def test_missing_ratings_file_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["analyze", str(SAMPLES / "newcomer.zip"), "--ratings", str(tmp_path / "nope.csv"),
         "-o", str(tmp_path / "r.html")],
    )
    assert result.exit_code == 1
    assert "Error:" in result.output and "nope.csv" in result.output
    assert "Traceback" not in result.output


def test_ten_arbitrary_ratings_cannot_turn_the_weights_upside_down() -> None:
    contacts, events = _network()
    ids = [f"talk{i}" for i in range(5)] + [f"col{i}" for i in range(5)]
    ratings = {cid: float(1 + (7 * n) % 5) for n, cid in enumerate(ids)}  # no pattern
    result = calibrate(contacts, events, OWNER, ratings, as_of=AS_OF, config=CONFIG)
    prior = effective_weights(CONFIG)
    assert result.fitted
    assert max(abs(result.weights[k] - prior[k]) for k in prior) < 0.15


def test_a_sheet_resaved_by_a_spreadsheet_still_reads(tmp_path: Path) -> None:
    # Dutch Excel: semicolons, Windows-1252, a name with an accent.
    path = tmp_path / "r.csv"
    path.write_bytes(
        "contact;name;strength\r\nhttps://www.linkedin.com/in/ann;Ann Testperson;4\r\n"
        "José Testperson;José;2\r\n".encode("cp1252")
    )
    contacts = contacts_frame([contact("ann"), contact("jose")]).with_columns(
        full_name=pl.when(pl.col("contact_id") == "jose")
        .then(pl.lit("José Testperson"))
        .otherwise(pl.col("full_name"))
    )
    sheet = match_ratings(path, contacts)
    assert sheet.by_contact == {"ann": 4.0, "jose": 2.0}
    assert sheet.skipped == {}


def test_pick_contacts_of_an_empty_network_is_empty() -> None:
    empty = pl.DataFrame(
        schema={"contact_id": pl.String, "tie_class": pl.String, "score": pl.Float64,
                "company": pl.String}
    )
    assert pick_contacts(empty, 30).is_empty()
