"""A large deflated zip member is inflated by ISA-L and checked exactly as zipfile checks it.

Members over a slice are streamed (netscan.ingest.inflate); smaller ones and stored ones are read
by zipfile. Both must give the same bytes, and the same one-line errors for a bad checksum,
corrupt data and a password.
"""

from __future__ import annotations

import io
import struct
import zipfile
from functools import partial
from pathlib import Path

import pytest
from polars.testing import assert_frame_equal

import netscan.ingest as ingest
from netscan.errors import UnreadableFile
from netscan.ingest import load_exports
from netscan.ingest.messages import WANTED, condense
from netscan.ingest.sources import Member, open_export
from netscan.ingest.stream import read_member

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ada,Quill,https://www.linkedin.com/in/ada-quill,,Acme,Engineer,01 Mar 2024\n"
)
_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
)
SLICE = 8192


def _messages(rows: int = 3000) -> bytes:
    lines = [
        f"2-t{index % 11},,Ann Example,https://www.linkedin.com/in/ann-example,Bo Sample,"
        f"https://www.linkedin.com/in/bo-sample,2024-01-0{1 + index % 9} 10:00:00 UTC,,"
        f'"line {index}\nsaid ""hi"" <b>{index * 7919 % 1000}</b>",INBOX\n'
        for index in range(rows)
    ]
    return (_HEADER + "".join(lines)).encode()


def _export(path: Path, method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
        archive.writestr("messages.csv", _messages())
    return path


def _patch(path: Path, name: str, change: str) -> None:
    """Damage member `name` of the archive at `path` the way a bad download would."""
    data = bytearray(path.read_bytes())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name)
    local = info.header_offset
    name_length, extra_length = struct.unpack_from("<HH", data, local + 26)
    start = local + 30 + name_length + extra_length
    central = next(
        at
        for at in range(len(data) - 46)
        if data[at : at + 4] == b"PK\x01\x02"
        and struct.unpack_from("<I", data, at + 42)[0] == local
    )
    if change == "crc":
        for at in (local + 14, central + 16):
            struct.pack_into("<I", data, at, info.CRC ^ 0x5A5A)
    elif change == "block":
        data[start] = 0x07  # the last block, of the reserved (invalid) type 3
    elif change == "password":
        for at in (local + 6, central + 8):
            struct.pack_into("<H", data, at, struct.unpack_from("<H", data, at)[0] | 0x1)
    path.write_bytes(bytes(data))


def _messages_member(path: Path) -> Member:
    return next(m for m in open_export(path).members if m.name == "messages.csv")


def _streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make load_exports stream every member over SLICE bytes (the default slice is 24 MB)."""
    monkeypatch.setattr(ingest, "read_member", partial(read_member, slice_bytes=SLICE))


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_a_streamed_member_gives_what_zipfile_reads(tmp_path: Path, method: int) -> None:
    member = _messages_member(_export(tmp_path / "export.zip", method))
    assert member.size > 20 * SLICE
    whole = member.read()
    with member.open() as stream:
        pieces = [stream.read(size) for size in (1, 7, 4096, 100_000)]
        pieces.append(stream.read())
        assert stream.read(10) == b""
    assert b"".join(pieces) == whole
    streamed = read_member(member, "messages.csv", WANTED, condense, slice_bytes=SLICE)
    read_whole = read_member(member, "messages.csv", WANTED, condense, slice_bytes=len(whole))
    assert_frame_equal(streamed.frame, read_whole.frame)
    assert streamed.rows == 3000


@pytest.mark.parametrize(
    ("change", "problem"),
    [("crc", "a bad checksum"), ("block", "corrupt compressed data")],
)
def test_a_damaged_streamed_member_gives_the_one_line_error_zipfile_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str, problem: str
) -> None:
    path = _export(tmp_path / "export.zip")
    _patch(path, "messages.csv", change)
    member = _messages_member(path)
    expected = f"{path}:messages.csv cannot be unpacked ({problem})."
    for read in (
        member.read,
        lambda: read_member(member, "messages.csv", WANTED, condense, slice_bytes=SLICE),
    ):
        with pytest.raises(UnreadableFile) as caught:
            read()
        assert caught.value.message == expected
    _streamed(monkeypatch)
    warnings = load_exports([path]).warnings
    assert any(w.startswith(expected + " It was skipped") for w in warnings)


def test_a_streamed_member_with_a_password_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _export(tmp_path / "export.zip")
    _patch(path, "messages.csv", "password")
    member = _messages_member(path)
    with pytest.raises(UnreadableFile) as caught:
        read_member(member, "messages.csv", WANTED, condense, slice_bytes=SLICE)
    assert caught.value.message == f"{path}:messages.csv is encrypted (the archive has a password)."
    _streamed(monkeypatch)
    assert any("messages.csv is encrypted" in w for w in load_exports([path]).warnings)


def test_a_nested_archive_streams_from_memory(tmp_path: Path) -> None:
    inner = _export(tmp_path / "inner.zip")
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_STORED) as archive:
        archive.write(inner, "Basic_LinkedInDataExport_01-02-2025.zip")
    member = _messages_member(outer)
    with member.open() as stream:
        assert stream.read() == _messages()
