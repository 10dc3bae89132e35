"""Usage mistakes on the command line exit 2 with a message that says how to fix them."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from netscan.cli import cli

NEWCOMER = Path(__file__).resolve().parents[1] / "sample_exports" / "newcomer.zip"


def _run(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli, ["analyze", str(NEWCOMER), "-o", str(tmp_path / "r.html"), *args]
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "r.html").exists(), "a usage mistake must stop before any output"
    return result.exit_code, result.stderr


@pytest.mark.parametrize(("typo", "meant"), [("jbo", "job"), ("Clinets", "clients"),
                                             ("sounding board", "sounding-board")])
def test_misspelt_goal_exits_2_with_did_you_mean(tmp_path: Path, typo: str, meant: str) -> None:
    code, stderr = _run(tmp_path, "-g", typo)
    assert code == 2
    assert f"did you mean '{meant}'?" in stderr


def test_unknown_goal_with_no_close_match_lists_the_goals(tmp_path: Path) -> None:
    code, stderr = _run(tmp_path, "-g", "world-domination")
    assert code == 2
    assert "did you mean" not in stderr
    assert "world-domination" in stderr and "job" in stderr and "knowledge-sharing" in stderr


@pytest.mark.parametrize("value", ["2026-13-01", "31-03-2026", "2026-3-1", "20260301", "soon", ""])
def test_bad_as_of_says_the_format_in_words(tmp_path: Path, value: str) -> None:
    code, stderr = _run(tmp_path, "--as-of", value)
    assert code == 2
    assert "use YYYY-MM-DD, e.g. 2026-03-31" in stderr
    assert "%Y" not in stderr


@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_implausible_as_of_is_a_usage_error(tmp_path: Path, value: str) -> None:
    code, stderr = _run(tmp_path, "--as-of", value)
    assert code == 2
    assert "between 1990-01-01 and 2100-12-31" in stderr


def test_plausible_edges_are_accepted(tmp_path: Path) -> None:
    for value in ("1990-01-01", "2100-12-31"):
        result = CliRunner().invoke(
            cli, ["analyze", str(NEWCOMER), "-o", str(tmp_path / "r.html"), "--as-of", value],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.output


def test_unsupported_ties_extension_exits_2_before_any_work(tmp_path: Path) -> None:
    code, stderr = _run(tmp_path, "--ties", str(tmp_path / "ties.xls"))
    assert code == 2
    assert ".csv, .parquet, .xlsx" in stderr
    assert not (tmp_path / "ties.xls").exists()


@pytest.mark.parametrize("where", ["export", "-o", "--config"])
def test_a_nul_in_a_path_is_a_usage_error(tmp_path: Path, where: str) -> None:
    """Only reachable through the Python API (argv cannot hold NUL), but still no traceback."""
    bad = str(tmp_path / "a\x00b")
    args = {"export": ["analyze", bad],
            "-o": ["analyze", str(NEWCOMER), "-o", bad],
            "--config": ["analyze", str(NEWCOMER), "--config", bad]}[where]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "NUL character" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_misspelt_command_gets_a_suggestion() -> None:
    result = CliRunner().invoke(cli, ["analyse", str(NEWCOMER)])
    assert result.exit_code == 2
    assert "Did you mean 'analyze'?" in result.stderr
