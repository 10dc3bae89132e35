"""The command-line contract: help everywhere, exit codes 0/1/2, errors on stderr without traces."""

from __future__ import annotations

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
