"""Every entry of sample_exports/edge/ gives exactly the expected rows, skips, people or error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from edge_expected import ERRORS, EXPECTED

from netscan import errors
from netscan.cli import cli
from netscan.ingest import load_exports

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


def test_inspect_json_has_exactly_the_summary_keys(tmp_path: Path) -> None:
    out = tmp_path / "found.json"
    result = CliRunner().invoke(
        cli, ["inspect", str(EDGE / "modern_folder"), "--json", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert "Mira Testa" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(data) == ["contacts", "inputs", "other_people", "owner", "warnings"]
    assert (data["owner"], data["contacts"], data["other_people"]) == ({"name": "Mira Testa"}, 4, 2)
    files = {f["name"]: f for f in data["inputs"][0]["files"]}
    assert files["messages.csv"]["skipped"] == {
        "draft": 1,
        "duplicate": 1,
        "linkedin-member": 1,
        "spam": 1,
        "sponsored": 1,
        "unparseable-date": 1,
    }
    assert files["Skills.csv"]["status"] == "not-used"


@pytest.mark.parametrize(
    ("name", "file", "status", "encoding"),
    [
        ("zip_nested_debris.zip", "Complete_LinkedInDataExport_08-26-2025.zip.zip", "not-used", ""),
        ("zip_nested_debris.zip", "Reactions.csv", "not-used", ""),
        ("recommendations_cp1252_resaved", "Recommendations_Received.csv", "used", "cp1252"),
        ("connections_utf16_tsv.csv", "connections_utf16_tsv.csv", "used", "utf-16-le"),
    ],
)
def test_edge_file_status_and_encoding(name: str, file: str, status: str, encoding: str) -> None:
    export = load_exports([EDGE / name])
    (report,) = [r for source in export.inputs for r in source.files if r.name == file]
    assert (report.status, report.encoding) == (status, encoding)


def test_a_zip_holding_only_another_zip_is_opened(tmp_path: Path) -> None:
    """Users zip LinkedIn's zip again; with nothing else beside it, the inner zip is the export."""
    import zipfile

    outer = tmp_path / "for-my-coach.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(EDGE / "export_in_subfolder.zip", "Basic_LinkedInDataExport_11-27-2026.zip")
    direct = load_exports([EDGE / "export_in_subfolder.zip"])
    wrapped = load_exports([outer])
    assert wrapped.contacts.equals(direct.contacts)
    assert wrapped.events.equals(direct.events)


def test_the_owner_comes_from_a_2018_profile() -> None:
    export = load_exports([EDGE / "profile_2018"])
    assert (export.owner.name, export.owner.inferred_from) == ("Ilse Ravenhorst", "Profile.csv")
    assert [p.company for p in export.owner.positions] == ["Tulpdak Media", "Grachtwerk"]


def test_every_skip_reason_is_exercised_by_the_corpus() -> None:
    """Each reason a row can be skipped for has an edge file with an exact expected count."""
    from netscan.model import SkipReason

    seen = {
        reason
        for _contacts, _others, _events, files in EXPECTED.values()
        for _rows, _used, skipped in files.values()
        for reason in skipped
    }
    assert sorted(r.value for r in SkipReason) == sorted(seen)
