"""End to end through the CLI on a bundled persona: outputs, determinism, as_of, anonymity."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from netscan.cli import cli

SAMPLES = Path(__file__).resolve().parents[1] / "sample_exports"
NEWCOMER = SAMPLES / "newcomer.zip"


def _analyze(tmp_path: Path, *extra: str, name: str = "run") -> tuple[Path, dict[str, object]]:
    out = tmp_path / name
    out.mkdir()
    result = CliRunner().invoke(
        cli,
        ["analyze", str(NEWCOMER), "-o", str(out / "report.html"), "--json",
         str(out / "summary.json"), "--ties", str(out / "ties.csv"), *extra],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return out, json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_summary_has_spec_keys_and_classes_sum_to_contacts(tmp_path: Path) -> None:
    out, summary = _analyze(tmp_path)
    for key in ("netscan_version", "as_of", "owner", "inputs", "contacts", "other_people",
                "classes", "metrics", "goals", "warnings"):
        assert key in summary
    classes = summary["classes"]
    assert isinstance(classes, dict)
    assert sum(classes.values()) == summary["contacts"] == 148
    assert summary["as_of_source"] == "export"
    goals = summary["goals"]
    assert isinstance(goals, list) and len(goals) == 17
    for goal in goals:
        assert goal["verdict"] == (
            "fits" if goal["fit"] >= 0.7 else "partly" if goal["fit"] >= 0.4 else "does-not-fit"
        )
    with (out / "ties.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == summary["contacts"]
    assert list(rows[0])[:12] == ["contact_id", "name", "company", "position", "connected_on",
                                  "score", "tie_class", "confidence", "last_contact",
                                  "messages_sent", "messages_received", "reasons"]


def test_same_input_same_bytes(tmp_path: Path) -> None:
    first, _ = _analyze(tmp_path, name="a")
    second, _ = _analyze(tmp_path, name="b")
    for name in ("report.html", "summary.json", "ties.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_as_of_option_moves_recency(tmp_path: Path) -> None:
    _, default = _analyze(tmp_path, name="default")
    _, later = _analyze(tmp_path, "--as-of", "2030-01-01", name="later")
    assert later["as_of"] == "2030-01-01" and later["as_of_source"] == "option"
    assert default["as_of"] != "2030-01-01"
    # Three more quiet years turn recent ties dormant or weak: fewer strong + medium.
    def active(summary: dict[str, object]) -> int:
        classes = summary["classes"]
        assert isinstance(classes, dict)
        return int(classes["strong"]) + int(classes["medium"])
    assert active(later) < active(default)


def test_anonymize_leaves_no_name_url_or_email(tmp_path: Path) -> None:
    plain, summary = _analyze(tmp_path, name="plain")
    anon, anonymous = _analyze(tmp_path, "--anonymize", name="anon")
    assert anonymous["anonymized"] is True
    with (plain / "ties.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {row["name"] for row in rows if row["name"]}
    urls = {row["profile_url"] for row in rows if row["profile_url"]}
    assert len(names) > 100 and len(urls) > 100
    for file in ("report.html", "summary.json", "ties.csv"):
        text = (anon / file).read_text(encoding="utf-8")
        leaked = sorted(n for n in names | urls if n in text)
        assert leaked == [], f"{file} leaks {leaked[:3]}"
    # Keyed with a fresh random key per run: a second run's pseudonyms differ, so nobody can
    # recompute a pseudonym from a public profile URL.
    again, _ = _analyze(tmp_path, "--anonymize", name="again")
    with (anon / "ties.csv").open(encoding="utf-8", newline="") as first, (
        again / "ties.csv"
    ).open(encoding="utf-8", newline="") as second:
        ids_first = {row["contact_id"] for row in csv.DictReader(first)}
        ids_second = {row["contact_id"] for row in csv.DictReader(second)}
    assert len(ids_first) > 100 and not ids_first & ids_second
    assert summary["classes"] == anonymous["classes"]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--config", "/nonexistent/netscan.toml"], "netscan.toml"),
        (["--json", "/nonexistent/folder/summary.json"], "/nonexistent/folder"),
        (["--ties", "/nonexistent/folder/ties.csv"], "/nonexistent/folder"),
    ],
)
def test_user_mistakes_exit_1_with_one_line_error(
    tmp_path: Path, args: list[str], needle: str
) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(NEWCOMER), "-o", str(tmp_path / "r.html"),
                                      *args])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert needle in result.stderr.splitlines()[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "r.html").exists()


def test_missing_export_path_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "nope.zip")])
    assert result.exit_code == 1
    assert "nope.zip" in result.stderr
    assert "Traceback" not in result.output


def test_linkedin_folder_plus_google_csv_merge_end_to_end(tmp_path: Path) -> None:
    """Two sources of one person through the whole pipeline; with pytest's filterwarnings=error
    this also guards against polars deprecations on the merged path (pola-rs/polars#22149)."""
    edge = SAMPLES / "edge"
    result = CliRunner().invoke(
        cli,
        ["analyze", str(edge / "modern_folder"), str(edge / "google_merge_modern.csv"),
         "-o", str(tmp_path / "r.html")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert "5 contacts" in result.output


def test_no_polars_deprecation_on_the_merged_path(tmp_path: Path) -> None:
    """polars reports some deprecations from inside a query, where they are printed rather than
    raised, so pytest's filterwarnings=error cannot see them: run a real process with the
    warnings turned on and read its stderr."""
    import subprocess
    import sys

    edge = SAMPLES / "edge"
    result = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-m", "netscan", "analyze",
         str(edge / "modern_folder"), str(edge / "google_merge_modern.csv"),
         "-o", str(tmp_path / "r.html")],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Deprecation" not in result.stderr


def test_an_address_book_alone_needs_no_as_of(tmp_path: Path) -> None:
    """No date anywhere: every contact is latent, and the run's day stands in for as_of."""
    out = tmp_path / "summary.json"
    result = CliRunner().invoke(
        cli,
        ["analyze", str(SAMPLES / "edge" / "google_current.csv"), "-o", str(tmp_path / "r.html"),
         "--json", str(out)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    summary = json.loads(out.read_text(encoding="utf-8"))
    assert summary["as_of_source"] == "today"
    assert summary["classes"]["latent"] == summary["contacts"] == 4
