"""Issue 12: real-export shapes and hostile inputs that the edge corpus alone cannot pin down.

Exact counts per edge entry live in edge_expected.py; these tests check what those counts
cannot show: the warning texts, repaired and neutralised names, several inputs at once, and
inputs that cannot be shipped as files (FIFOs, devices, links, caps).
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from netscan.cli import cli
from netscan.errors import EmptyExport, UnreadableFile, UnsafeArchive
from netscan.ingest import load_exports, sources
from netscan.ingest.decode import drop_blank_runs, one_line_end, read_table

EDGE = Path(__file__).resolve().parent.parent / "sample_exports" / "edge"
CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Quill,https://www.linkedin.com/in/ada-quill,,Acme,Engineer,01 Mar 2024\n"
    "Bo,Reed,https://www.linkedin.com/in/bo-reed,,Beta,Analyst,02 Mar 2024\n"
)


def test_broken_side_files_are_skipped_with_their_reason() -> None:
    export = load_exports([EDGE / "side_files_broken"])
    skipped = [w for w in export.warnings if "It was skipped" in w]
    assert len(skipped) == 2
    assert any("Recommendations_Received.csv lacks the columns" in w for w in skipped)
    assert any("Endorsement_Received_Info.csv holds binary data" in w for w in skipped)


def test_damaged_zip_members_are_named_with_the_problem() -> None:
    warnings = load_exports([EDGE / "zip_damaged_side_files.zip"]).warnings
    assert any("messages.csv cannot be unpacked (a bad checksum)" in w for w in warnings)
    assert any(
        "Invitations.csv cannot be unpacked (corrupt compressed data)" in w for w in warnings
    )
    assert any("Endorsement_Received_Info.csv is encrypted" in w for w in warnings)


def test_mixed_encodings_and_mojibake_are_repaired_and_counted() -> None:
    export = load_exports([EDGE / "connections_mixed_encoding.csv"])
    names = sorted(export.contacts.get_column("full_name").to_list())
    assert names == [
        "Ike Ng\ufffd",
        "Jörg Bäcker",
        "Ola Kraków",
        "Søren Ærø",
        "Tom Day",
        "Zoë Müller",
    ]
    assert "Café Nord" in export.contacts.get_column("company").to_list()
    (report,) = export.inputs[0].files
    assert report.encoding == "mixed utf-8 and cp1252"
    assert any("4 values held garbled characters" in w for w in export.warnings)


def test_bidi_and_zero_width_characters_leave_names() -> None:
    contacts = load_exports([EDGE / "connections_bidi_names.csv"]).contacts
    assert sorted(contacts.get_column("full_name").to_list()) == ["Rana Otgnip", "Sem Vos"]
    assert sorted(contacts.get_column("company").to_list()) == ["A", "AB"]


def test_namesakes_in_one_file_stay_apart_but_join_other_sources(tmp_path: Path) -> None:
    contacts = load_exports([EDGE / "connections_2019_namesakes.csv"]).contacts
    names = contacts.get_column("full_name").to_list()
    assert sorted(names).count("Jan Smit") == 3
    assert "Ana Ruiz" in names and "Ana Ruiz, CFA" in names
    assert contacts.get_column("contact_id").n_unique() == contacts.height


def test_the_same_export_twice_counts_once() -> None:
    once = load_exports([EDGE / "modern_folder"])
    twice = load_exports([EDGE / "modern_folder", EDGE / "modern_folder"])
    assert twice.contacts.equals(once.contacts)
    assert twice.events.height == once.events.height
    assert sum("it was read once" in w for w in twice.warnings) == 10


def test_overlapping_archives_count_shared_events_once(tmp_path: Path) -> None:
    """A later download holds the earlier one's messages plus one more: 12 + 1 events."""
    basic = tmp_path / "basic"
    shutil.copytree(EDGE / "modern_folder", basic)
    complete = tmp_path / "complete"
    shutil.copytree(EDGE / "modern_folder", complete)
    messages = complete / "messages.csv"
    lines = messages.read_text(encoding="utf-8").splitlines(keepends=True)
    used = next(line for line in lines[1:] if "Ada Quill" in line and "INBOX" in line)
    messages.write_text("".join(lines) + used.replace("2026-", "2025-", 1), encoding="utf-8")
    alone = load_exports([basic])
    both = load_exports([basic, complete])
    assert both.events.height == alone.events.height + 1
    assert any("interactions appear in more than one" in w for w in both.warnings)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "Connections.csv"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableFile) as caught:
        load_exports([fifo])
    assert "not a regular file" in caught.value.message


def test_a_device_is_refused() -> None:
    with pytest.raises(UnreadableFile):
        load_exports([Path("/dev/zero")])


def test_a_folder_never_follows_links_out_of_it(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "messages.csv").write_text("secret", encoding="utf-8")
    export = tmp_path / "export"
    export.mkdir()
    (export / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    (export / "messages.csv").symlink_to(outside / "messages.csv")
    (export / "Data").symlink_to(outside, target_is_directory=True)
    os.mkfifo(export / "Invitations.csv")
    found = load_exports([export])
    assert [f.name for f in found.inputs[0].files] == ["Connections.csv"]
    left_out = [w for w in found.warnings if "was left out" in w]
    assert len(left_out) == 3
    assert any("messages.csv (a link to outside the folder)" in w for w in left_out)
    assert any("Invitations.csv (not a regular file)" in w for w in left_out)


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    path_like = __import__("io").BytesIO()
    with zipfile.ZipFile(path_like, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path_like.getvalue()


def test_nested_zips_share_the_total_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inner = _zip_bytes({"Connections.csv": CONNECTIONS.encode() * 50})
    outer = tmp_path / "outer.zip"
    outer.write_bytes(_zip_bytes({"inner.zip": inner}))
    monkeypatch.setattr(sources, "MAX_TOTAL_BYTES", len(inner) + 1000)
    with pytest.raises(UnsafeArchive) as caught:
        load_exports([outer])
    assert "nested archives included" in caught.value.message


def test_the_ratio_cap_applies_at_every_depth(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inner = _zip_bytes({"Connections.csv": CONNECTIONS.encode() + b"\n" * 300_000})
    outer = tmp_path / "outer.zip"
    outer.write_bytes(_zip_bytes({"inner.zip": inner}))
    monkeypatch.setattr(sources, "_RATIO_FLOOR", 1000)
    with pytest.raises(UnsafeArchive) as caught:
        load_exports([outer])
    assert "zip bomb" in caught.value.message


def test_the_entry_count_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"Connections.csv": CONNECTIONS.encode()} | {f"junk/{n}.txt": b"" for n in range(20)}
    path = tmp_path / "many.zip"
    path.write_bytes(_zip_bytes(files))
    monkeypatch.setattr(sources, "MAX_ENTRIES", 10)
    with pytest.raises(UnsafeArchive) as caught:
        load_exports([path])
    assert "more than 10 files" in caught.value.message


def test_many_empty_entries_are_listed_not_read_twice(tmp_path: Path) -> None:
    files = {"Connections.csv": CONNECTIONS.encode()} | {f"junk/{n}.txt": b"" for n in range(300)}
    path = tmp_path / "many.zip"
    path.write_bytes(_zip_bytes(files))
    export = load_exports([path])
    assert export.contacts.height == 2
    assert len(export.inputs[0].files) == 301


def test_a_damaged_file_netscan_does_not_read_is_only_listed(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
        archive.writestr("Skills.csv", "Name\nPython\n")
    path.write_bytes(path.read_bytes().replace(b"Python", b"Pithon"))  # a bad checksum
    export = load_exports([path])
    assert export.contacts.height == 2
    statuses = {f.name: (f.status, f.variant) for f in export.inputs[0].files}
    assert statuses["Skills.csv"] == ("not-used", "unreadable")


def test_blank_lines_are_dropped_but_blank_lines_in_quotes_kept() -> None:
    body = b'A,B\n1,"x\n\n\n\ny"\n\n\n\n\n2,z\n'
    assert drop_blank_runs(body, 4) == b'A,B\n1,"x\n\n\n\ny"\n2,z\n'
    table = read_table(
        CONNECTIONS.encode() + b"\n" * 200_000 + b"Cy,Rus,,,Co,Po,01 Mar 2024\n", "c"
    )
    assert table.rows == 3


def test_every_line_ending_is_one_line_end() -> None:
    assert one_line_end(b"a\rb\r\nc\nd\r") == b"a\nb\nc\nd\n"
    assert one_line_end(b"a\r\nb\r\n") == b"a\r\nb\r\n"  # CRLF throughout: left to polars


def test_an_export_of_only_empty_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "Connections.csv").write_text(CONNECTIONS.splitlines()[0] + "\n", "utf-8")
    (tmp_path / "messages.csv").write_text("FROM,TO,DATE,CONTENT\n", encoding="utf-8")
    with pytest.raises(EmptyExport):
        load_exports([tmp_path])


def test_parse_errors_name_the_line_never_the_content(tmp_path: Path) -> None:
    secret = "TOP-SECRET-MESSAGE-BODY"
    path = tmp_path / "Connections.csv"
    path.write_text(
        CONNECTIONS + f'Cy,"Rus" {secret} "x,,,{secret},01 Mar 2024\n' * 3, encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["inspect", str(path)])
    assert result.exit_code == 1
    assert secret not in result.output
    assert "text after a closing quote at line 4, column 2." in result.stderr


def test_duplicate_suffix_headers_read_each_column() -> None:
    table = read_table(b"First Name,First Name_2,First Name,Last Name\nA,B,C,D\n", "dup.csv")
    assert table.frame.columns == ["FIRST NAME", "FIRST NAME_2", "FIRST NAME_3", "LAST NAME"]
    assert table.frame.row(0) == ("A", "B", "C", "D")
