"""Read a member into a Table, a slice at a time when it is large (messages.csv: 100s of MB).

A 1,000,000-message export holds a ~650 MB messages.csv. Reading it whole would keep the raw
bytes, the parsed text of every message and the final frame in memory together (over 2 GB).
Instead the member is streamed in slices cut at record ends, each slice is parsed by polars and
condensed (message text → its length) at once, and only the condensed slices are kept. While
polars parses one slice, a helper thread inflates and cuts the next: inflating (ISA-L, see
`inflate`) and parsing release the GIL, and the helper's byte scans run in short steps.

A record ends at a newline outside quotes, i.e. after an even number of ``"`` since the start of
the slice (every slice starts at a record end). Anything unusual in the first bytes (a BOM, UTF-16,
a legacy code page, a multi-line header) falls back to the whole-file reader in `decode`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import IO, TypeVar

import numpy as np
import polars as pl

from netscan.ingest.decode import (
    HEAD_BYTES,
    Condenser,
    Layout,
    Table,
    drop_blank_runs,
    find_layout,
    header_end,
    is_utf8_head,
    one_line_end,
    parse_records,
    read_table,
    repair_mojibake,
    unparseable,
)
from netscan.ingest.sources import Member

# Large members are streamed in slices of about this size. Well under 32 MB, glibc's largest mmap
# threshold: a freed slice's memory is reused for the next, where each 32 MB block is a fresh
# mapping whose 8,192 pages all fault in (16 ms a slice here). A member of up to two slices is
# read whole: one parse, and at most one slice more in memory than streaming it would hold.
SLICE_BYTES = 16 * 1024**2
# Inflated bytes taken from the stream at a time; a slice is assembled from several. Pieces this
# size are what ISA-L's output buffers serve best from the heap (no page faults).
_PIECE_BYTES = 2 * 1024**2
# Records shorter than this on average (a slice of blank lines) have their blank runs cut before
# parsing; longer ones cannot make enough rows to matter (16 MB of them: at most 262,144 rows).
_SHORT_RECORD_BYTES = 64
_QUOTE = ord('"')
_NEWLINE = ord("\n")
# Bytes compared at a time when counting quotes and newlines: the comparison's temporary stays
# in cache, and both counts read the block from cache (3.8 ms a 16 MB slice, 4.9 ms apart).
_COUNT_BLOCK = 256 * 1024

T = TypeVar("T")


def read_member(
    member: Member,
    label: str,
    wanted: Collection[str] | None = None,
    condense: Condenser | None = None,
    *,
    dictionary: Collection[str] = (),
    slice_bytes: int = SLICE_BYTES,
) -> Table:
    """The member as a Table (see `decode.read_table`), streamed when over two `slice_bytes`."""
    if member.size <= 2 * slice_bytes:
        return read_table(member.read(), label, wanted, condense, dictionary=dictionary)
    with member.open() as stream:
        head = stream.read(HEAD_BYTES)
        if not _plain(head):
            return read_table(head + stream.read(), label, wanted, condense, dictionary=dictionary)
        layout = find_layout(head.decode("utf-8", errors="ignore"), "utf-8", label, wanted)
        lines = head.split(b"\n")
        header_line = lines[layout.skip] + b"\n" if layout.skip < len(lines) - 1 else b""
        if header_line.count(b'"') % 2 or not header_line:
            # A header spanning lines (quoted newline): leave it to the whole-file reader.
            return read_table(head + stream.read(), label, wanted, condense, dictionary=dictionary)
        pieces: list[pl.DataFrame] = []
        legacy = False
        slices = _ready(_record_slices(stream, head, slice_bytes, header_line), layout)
        # Left before the stream closes: the helper is done with it by then.
        with ThreadPoolExecutor(max_workers=1) as helper:
            for number, (records, start) in enumerate(_ahead(helper, slices)):
                try:
                    frame = parse_records(
                        records, layout, skip=None if number == 0 else 0, dictionary=dictionary
                    )
                    pieces.append(condense(frame) if condense is not None else frame)
                except pl.exceptions.PolarsError as error:
                    if isinstance(error, pl.exceptions.ComputeError) and (
                        "utf-8" in str(error).lower()
                    ):
                        legacy = True
                        break
                    # Named by the slice's own lines, blank runs dropped as the whole-file
                    # reader counts them: polars' message quotes the row, content and all.
                    raise unparseable(
                        f"{label} (part {number + 1})", drop_blank_runs(records, start), layout
                    ) from error
        if legacy:
            # Invalid UTF-8 deep inside the file: a legacy re-save after all (rare, whole read).
            return read_table(member.read(), label, wanted, condense, dictionary=dictionary)
    if not pieces:
        pieces.append(parse_records(header_line, layout, skip=0, dictionary=dictionary))
    frame = pl.concat(pieces, rechunk=False) if len(pieces) > 1 else pieces[0]
    return repair_mojibake(Table(frame, layout.header, "utf-8", layout.separator))


def _plain(head: bytes) -> bool:
    """Whether the file's first bytes are plain UTF-8 CSV with ``\\n`` or ``\\r\\n`` line ends."""
    return not (
        head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04"))
        or b"\x00" in head
        or head.count(b"\r") != head.count(b"\r\n")
        or not is_utf8_head(head)
    )


def _ahead(helper: Executor, items: Iterator[T]) -> Iterator[T]:
    """`items`, each made on `helper` while the caller works on the one before."""
    pending = helper.submit(next, items, None)
    while (item := pending.result()) is not None:
        pending = helper.submit(next, items, None)
        yield item


def _ready(slices: Iterator[tuple[bytes, int]], layout: Layout) -> Iterator[tuple[bytes, int]]:
    """Each slice as polars is given it (one kind of line end), and where its records start.

    Blank lines make blank rows, dropped after parsing; only a slice of many short records
    can hold enough of them to cost real memory, and only there are runs of them cut first
    (`drop_blank_runs` scans the slice with a regex; polars counts its records 4× faster, off
    the GIL). A slice has no more records than lines, so its newlines (counted with its quotes)
    rule most slices out before polars is asked.
    """
    for number, (records, newlines) in enumerate(slices):
        ended = one_line_end(records)
        if ended is not records:
            records, newlines = ended, ended.count(b"\n")  # bare CRs became line ends
        start = header_end(records, layout.lines if number == 0 else 1)
        if not _long_lines(records, newlines) and _short_records(records, layout.separator):
            records = drop_blank_runs(records, start)
        yield records, start


def _long_lines(records: bytes, newlines: int) -> bool:
    """Whether `records`' lines (at most `newlines` + 1) are too long on average to be short."""
    return len(records) >= _SHORT_RECORD_BYTES * (newlines + 1)


def _short_records(records: bytes, separator: str) -> bool:
    """Whether `records` holds more records (blank lines included) than its size explains."""
    try:
        found = pl.scan_csv(
            records,
            has_header=False,
            separator=separator,
            infer_schema=False,
            truncate_ragged_lines=True,
            raise_if_empty=False,
        )
        count = int(found.select(pl.len()).collect().item())
    except pl.exceptions.PolarsError:
        return True  # polars cannot count them: assume the worst
    return len(records) < _SHORT_RECORD_BYTES * count


def _record_slices(
    stream: IO[bytes], head: bytes, slice_bytes: int, header_line: bytes
) -> Iterator[tuple[bytes, int]]:
    """The stream's bytes from the start, in slices that each end at a record end, each with
    the number of newlines it holds.

    Every slice after the first starts with `header_line`, so that each parses on its own. The
    stream is read a piece at a time and each piece's quotes and newlines are counted once; a
    slice is assembled with one copy (header, the previous slice's unfinished record, the
    pieces up to the last record end).
    """
    prefix = b""
    # The bytes after the last record end so far; they always start at a record start.
    parts = [head]
    size = len(head)
    quotes, newlines = _counts(head)
    while piece := stream.read(min(_PIECE_BYTES, slice_bytes)):
        parts.append(piece)
        size += len(piece)
        piece_quotes, piece_newlines = _counts(piece)
        quotes += piece_quotes
        newlines += piece_newlines
        if size < slice_bytes:
            continue
        cut = _last_record_end(piece, quotes)
        if cut is None:
            # One field longer than a piece (a huge message): keep reading until it ends.
            continue
        tail = piece[cut:]
        tail_quotes, tail_newlines = _counts(tail)
        yield (
            b"".join((prefix, *parts[:-1], memoryview(piece)[:cut])),
            newlines - tail_newlines + prefix.count(b"\n"),
        )
        prefix = header_line
        parts, size, quotes, newlines = [tail], len(tail), tail_quotes, tail_newlines
    rest = b"".join(parts)
    if rest.strip():
        yield prefix + rest, newlines + prefix.count(b"\n")


def _counts(data: bytes) -> tuple[int, int]:
    """How many ``"`` and newlines `data` holds: numpy counts 3× faster than bytes.count, off
    the GIL, and both in one pass over the cache."""
    values = np.frombuffer(data, np.uint8)
    quotes = newlines = 0
    for start in range(0, len(values), _COUNT_BLOCK):
        block = values[start : start + _COUNT_BLOCK]
        quotes += int(np.count_nonzero(block == _QUOTE))
        newlines += int(np.count_nonzero(block == _NEWLINE))
    return quotes, newlines


def _last_record_end(chunk: bytes, quotes: int) -> int | None:
    """Index just past the last newline of `chunk` that ends a record, or None when none does.

    `quotes` counts the ``"`` from the last record end before `chunk` to the end of `chunk`; a
    newline ends a record when an even number of them precede it.
    """
    end = len(chunk)
    while True:
        newline = chunk.rfind(b"\n", 0, end)
        if newline < 0:
            return None
        quotes -= chunk.count(b'"', newline, end)
        end = newline
        if quotes % 2 == 0:
            return newline + 1
