"""Large members are streamed in record-aligned slices and give the same Table as a whole read."""

from __future__ import annotations

from polars.testing import assert_frame_equal

from netscan.ingest.decode import read_table
from netscan.ingest.messages import LENGTH, WANTED, condense
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
            f'2-t{index % 7},,Ann Example,https://www.linkedin.com/in/ann-example,Bo Sample,'
            f'https://www.linkedin.com/in/bo-sample,2024-01-0{1 + index % 9} 10:00:00 UTC,,'
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


def test_small_members_are_read_whole() -> None:
    data = _messages(huge=10)
    table = read_member(_member(data), "messages.csv", WANTED, condense)
    assert_frame_equal(table.frame, read_table(data, "messages.csv", WANTED, condense).frame)
