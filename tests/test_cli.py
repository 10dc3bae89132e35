"""The command-line contract: help everywhere, exit codes 0/1/2, errors on stderr without traces."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from netscan.cli import cli


def _command_names() -> list[str]:
    return sorted(cli.list_commands(None))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", _command_names())
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Example" in result.output, f"`netscan {name} --help` lacks an Example block"


def test_group_help_lists_every_command() -> None:
    result = CliRunner().invoke(cli, ["--help"], catch_exceptions=False)
    assert result.exit_code == 0
    for name in _command_names():
        assert f"  {name} " in result.output


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "0.1.0" in result.output


def test_usage_mistake_exits_2() -> None:
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def test_inspect_prints_export_values_literally(tmp_path: Path) -> None:
    """A name that looks like rich markup is shown as typed, not interpreted."""
    (tmp_path / "Profile.csv").write_text(
        "First Name,Last Name,Headline\n[bold]Mal,[/bold]Loy,Tester\n", encoding="utf-8"
    )
    (tmp_path / "Connections.csv").write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Bee,https://www.linkedin.com/in/ann-bee,,Acme,Engineer,01 Feb 2024",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["inspect", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "[bold]Mal [/bold]Loy" in result.output


def test_inspect_json_into_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    export = Path(__file__).resolve().parents[1] / "sample_exports" / "newcomer.zip"
    result = CliRunner().invoke(cli, ["inspect", str(export), "--json", str(tmp_path / "no" / "x")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Cannot write")
    assert "Traceback" not in result.output
