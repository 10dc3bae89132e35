"""Every entry of sample_exports/edge/ gives exactly the expected rows, skips, people or error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from netscan import errors
from netscan.cli import cli
from netscan.ingest import load_exports

sys.path.insert(0, str(Path(__file__).parent))
from edge_expected import ERRORS, EXPECTED

EDGE = Path(__file__).resolve().parent.parent / "sample_exports" / "edge"
ENTRIES = sorted(path.name for path in EDGE.iterdir() if not path.name.startswith("."))


def test_every_edge_entry_has_an_expectation() -> None:
    assert sorted(set(EXPECTED) | set(ERRORS)) == ENTRIES


@pytest.mark.parametrize("name", [n for n in ENTRIES if n in EXPECTED])
def test_edge_entry_counts(name: str) -> None:
    contacts, others, events, files = EXPECTED[name]
    export = load_exports([EDGE / name])
    in_network = int(export.contacts.get_column("in_network").sum())
    assert (in_network, export.contacts.height - in_network, export.events.height) == (
        contacts,
        others,
        events,
    )
    found = {
        report.name: (report.rows, report.used, report.skipped)
        for source in export.inputs
        for report in source.files
    }
    assert found == files
    for source in export.inputs:
        for report in source.files:
            assert report.rows == report.used + sum(report.skipped.values())


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_bad_input_raises_named_error(name: str) -> None:
    expected = getattr(errors, ERRORS[name])
    with pytest.raises(expected) as caught:
        load_exports([EDGE / name])
    assert name in caught.value.message
    assert caught.value.hint


@pytest.mark.parametrize("name", [*sorted(ERRORS), "does_not_exist.zip"])
def test_bad_input_exits_1_without_traceback(name: str) -> None:
    result = CliRunner().invoke(cli, ["inspect", str(EDGE / name)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert name in result.stderr
    assert result.stderr.startswith("Error: ")
