"""Plain files and files in an extracted folder are capped in size like zip members."""

from __future__ import annotations

from pathlib import Path

import pytest

from netscan.errors import UnsafeArchive
from netscan.ingest import load_exports, sources

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Quill,https://www.linkedin.com/in/ada-quill,,Acme,Engineer,01 Mar 2024\n"
    "Bo,Reed,https://www.linkedin.com/in/bo-reed,,Beta,Analyst,02 Mar 2024\n"
)


def test_too_large_single_file_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(UnsafeArchive) as caught:
        load_exports([path])
    assert str(path) in caught.value.message
    assert f"{len(CONNECTIONS.encode()):,} bytes" in caught.value.message
    assert caught.value.hint


def test_too_large_file_in_a_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 100)
    with pytest.raises(UnsafeArchive) as caught:
        load_exports([tmp_path])
    assert str(tmp_path / "Connections.csv") in caught.value.message


def test_large_unrelated_file_in_a_folder_is_only_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    (tmp_path / "holiday.mov").write_bytes(b"\x00" * 70_000)
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 1_000)
    export = load_exports([tmp_path])
    assert export.contacts.height == 2
    statuses = {report.name: report.status for report in export.inputs[0].files}
    assert statuses == {"Connections.csv": "used", "holiday.mov": "not-used"}


def test_file_at_the_cap_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(CONNECTIONS, encoding="utf-8")
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", len(CONNECTIONS.encode()))
    assert load_exports([path]).contacts.height == 2
