"""Large members are streamed in record-aligned slices and give the same Table as a whole read."""

from __future__ import annotations

import io
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from netscan.errors import UnreadableFile
from netscan.ingest import stream
from netscan.ingest.decode import drop_blank_runs, read_table
from netscan.ingest.messages import DICTIONARY_ENCODED, LENGTH, WANTED, condense
from netscan.ingest.sources import Member
from netscan.ingest.stream import read_member

_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
)


def _messages(huge: int) -> bytes:
    """A messages.csv whose rows have quoted multi-line text, one cell of `huge` characters."""
    rows = []
    for index in range(400):
        text = "x" * huge if index == 200 else f'line one\nsaid ""hi"" {index}\n<p>a &amp; b</p>'
        rows.append(
            f"2-t{index % 7},,Ann Example,https://www.linkedin.com/in/ann-example,Bo Sample,"
            f"https://www.linkedin.com/in/bo-sample,2024-01-0{1 + index % 9} 10:00:00 UTC,,"
            f'"{text}",INBOX\n'
        )
    return (_HEADER + "".join(rows)).encode("utf-8")


def _member(data: bytes) -> Member:
    return Member("messages.csv", "messages.csv", len(data), lambda: data)


def test_slices_give_the_whole_file_table_even_with_a_cell_longer_than_a_slice() -> None:
    data = _messages(huge=300_000)
    whole = read_table(data, "messages.csv", WANTED, condense)
    streamed = read_member(_member(data), "messages.csv", WANTED, condense, slice_bytes=4096)
    assert streamed.header == whole.header
    assert_frame_equal(streamed.frame, whole.frame)
    assert streamed.frame.height == 400
    assert streamed.frame.get_column(LENGTH)[200] == 300_000
    # "line one\nsaid \"hi\" 0\na & b": tags dropped, the entity counts as one character.
    assert streamed.frame.get_column(LENGTH)[0] == len('line one\nsaid "hi" 0\na _ b')
    assert "CONTENT" not in streamed.frame.columns


def test_dictionary_columns_are_stripped_per_distinct_value_to_the_same_frame() -> None:
    rows = (
        '2-a, ,Ann ,"  https://x/in/a ",Bo,"",2024-01-01 10:00:00 UTC,,"hi ",INBOX\n'
        "2-a,,Ann,https://x/in/a,Bo,,2024-01-02 10:00:00 UTC,,<b>x</b>,INBOX\n"
        ",,,,,,,,,\n"
        '" 2-b ",,\u00a0Ann,,Bo,,2024-01-03 10:00:00 UTC,,"",INBOX\n'
        '2-c,,"\t",,Bo,,2024-01-04 10:00:00 UTC,,x,INBOX\n'
    )
    for data in (_HEADER + rows, _HEADER + rows.replace('"",2024', ",2024")):
        plain = read_table(data.encode(), "messages.csv", WANTED, condense)
        coded = read_table(
            data.encode(), "messages.csv", WANTED, condense, dictionary=DICTIONARY_ENCODED
        )
        assert coded.frame.schema["FROM"] == plain.frame.schema["FROM"]
        assert_frame_equal(coded.frame, plain.frame)
        assert coded.frame.get_column("FROM").to_list() == ["Ann", "Ann", "Ann", None]
    data = _messages(huge=10)
    whole = read_table(data, "messages.csv", WANTED, condense)
    streamed = read_member(
        _member(data), "messages.csv", WANTED, condense, dictionary=DICTIONARY_ENCODED,
        slice_bytes=4096,
    )
    assert_frame_equal(streamed.frame, whole.frame)


def test_garbled_values_are_repaired_in_dictionary_and_text_columns() -> None:
    rows = (
        "2-a,Caf\u00c3\u00a9,M\u00c3\u00bcller,,Bo,,2024-01-01 10:00:00 UTC,,hi,INBOX\n"
        "2-a,,Ann,,Bo,,2024-01-02 10:00:00 UTC,,hi,INBOX\n"
        "2-a,Caf\u00e9,M\u00c3\u00bcller,,Bo,,2024-01-03 10:00:00 UTC,,hi,INBOX\n"
    )
    data = (_HEADER + rows).encode()
    for dictionary in ((), DICTIONARY_ENCODED):
        table = read_table(data, "messages.csv", WANTED, condense, dictionary=dictionary)
        assert table.frame.get_column("FROM").to_list() == ["M\u00fcller", "Ann", "M\u00fcller"]
        titles = table.frame.get_column("CONVERSATION TITLE").to_list()
        assert titles == ["Caf\u00e9", None, "Caf\u00e9"]
        assert table.repairs == 3


def test_dictionary_columns_fall_back_to_text_when_polars_counts_other_fields(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _messages(huge=10)
    plain = read_table(data, "messages.csv", WANTED, condense)
    read_csv = pl.read_csv

    def refusing(*args: Any, **kwargs: Any) -> pl.DataFrame:
        if kwargs.get("schema_overrides") is not None:
            raise pl.exceptions.SchemaError("2 != 4")
        return read_csv(*args, **kwargs)

    monkeypatch.setattr(pl, "read_csv", refusing)
    coded = read_table(data, "messages.csv", WANTED, condense, dictionary=DICTIONARY_ENCODED)
    assert_frame_equal(coded.frame, plain.frame)


def test_small_members_are_read_whole() -> None:
    data = _messages(huge=10)
    table = read_member(_member(data), "messages.csv", WANTED, condense)
    assert_frame_equal(table.frame, read_table(data, "messages.csv", WANTED, condense).frame)


def _with_blank_runs(data: bytes, every: int, lines: int) -> bytes:
    """`data` with a run of `lines` blank lines (some holding blanks) after every `every` rows."""
    run = b" \n" + b"\n" * (lines - 2) + b"\t\r\n"
    out = []
    for number, row in enumerate(data.split(b'",INBOX\n')[:-1]):
        out.append(row + b'",INBOX\n')
        if number % every == every - 1:
            out.append(run)
    return b"".join(out)


def test_blank_runs_between_long_records_are_left_to_the_row_filter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _with_blank_runs(_messages(huge=10), every=40, lines=5)
    dropped: list[int] = []
    monkeypatch.setattr(
        stream,
        "drop_blank_runs",
        lambda body, start: dropped.append(1) or drop_blank_runs(body, start),
    )
    streamed = read_member(_member(data), "messages.csv", WANTED, condense, slice_bytes=4096)
    assert not dropped  # records of ~200 bytes: a slice cannot hold enough blank lines to matter
    assert_frame_equal(streamed.frame, read_table(data, "messages.csv", WANTED, condense).frame)
    assert streamed.rows == 400


def test_slices_of_long_lines_are_not_counted_by_polars(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _messages(huge=10).replace(b"line one\n", b"line one ")  # lines of ~85 bytes
    monkeypatch.setattr(stream, "_short_records", lambda records, separator: pytest.fail())
    streamed = read_member(_member(data), "messages.csv", WANTED, condense, slice_bytes=4096)
    assert_frame_equal(streamed.frame, read_table(data, "messages.csv", WANTED, condense).frame)


def test_a_slice_of_many_blank_lines_has_them_cut_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _with_blank_runs(_messages(huge=10), every=100, lines=20_000)
    shrunk: list[int] = []

    def spy(body: bytes, start: int) -> bytes:
        kept = drop_blank_runs(body, start)
        shrunk.append(len(body) - len(kept))
        return kept

    monkeypatch.setattr(stream, "drop_blank_runs", spy)
    streamed = read_member(_member(data), "messages.csv", WANTED, condense, slice_bytes=4096)
    assert sum(shrunk) >= 3 * 20_000
    assert_frame_equal(streamed.frame, read_table(data, "messages.csv", WANTED, condense).frame)


def test_a_parse_error_after_blank_runs_names_the_same_line_either_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _with_blank_runs(_messages(huge=10), every=3, lines=4)
    data = data.replace(b'said ""hi"" 20\n', b'said "hi"" 20\n')  # a quote left unescaped
    messages = []
    for short in (False, True):  # blank runs left to polars, or cut first as before
        monkeypatch.setattr(stream, "_short_records", lambda records, separator, short=short: short)
        with pytest.raises(UnreadableFile) as caught:
            read_member(_member(data), "messages.csv", WANTED, condense, slice_bytes=4096)
        messages.append(caught.value.message)
    assert messages[0] == messages[1]
    assert "at line" in messages[0]


def test_a_member_of_up_to_two_slices_is_read_whole() -> None:
    data = _messages(huge=10)
    opened: list[int] = []

    def stream() -> io.BytesIO:
        opened.append(1)
        return io.BytesIO(data)

    member = Member("messages.csv", "messages.csv", len(data), lambda: data, stream)
    read_member(member, "messages.csv", WANTED, condense, slice_bytes=len(data) // 2)
    assert not opened
    read_member(member, "messages.csv", WANTED, condense, slice_bytes=len(data) // 2 - 1)
    assert opened
