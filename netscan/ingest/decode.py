"""Turn a member's bytes into a polars frame of strings, whatever the encoding and re-save did.

Real exports are UTF-8 without BOM, and UTF-8 bytes go straight to polars' reader (no Python
decode of a 400 MB messages.csv). Some 2018–2022 files are UTF-16LE with BOM and tab-separated;
re-saved files can carry a UTF-8 BOM, be cp1252, or use ``;``. Those are rare and small, so they
are transcoded in Python. The header line is found by scanning (Connections' ``Notes:`` preamble),
never by a fixed skip.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection
from dataclasses import dataclass

import polars as pl

from netscan.errors import EmptyExport, UnreadableFile

_SCAN_LINES = 15
HEAD_BYTES = 64 * 1024
_SEPARATORS = (",", ";", "\t")
# Re-saved exports come from desktop spreadsheet apps: Windows/Mac code pages, plus the common
# East-Asian ones. Without this list charset-normalizer may pick an exotic page (hp_roman8) for a
# short Latin file.
_LEGACY_ENCODINGS = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1257",
    "latin_1",
    "iso8859_15",
    "mac_roman",
    "shift_jis",
    "gb18030",
    "euc_kr",
    "big5",
)
SAVE_AS_CSV = (
    "Open the file in Excel or LibreOffice and save it as CSV (UTF-8), "
    "or use the file LinkedIn sent."
)


# Replaces bulky columns of a freshly parsed frame by what netscan measures of them.
Condenser = Callable[[pl.DataFrame], pl.DataFrame]


@dataclass(frozen=True, slots=True)
class Table:
    """A decoded CSV member: every column a String, named by its header stripped and uppercased.

    `rows` counts data records, not blank lines. `header` keeps the original header names.
    """

    frame: pl.DataFrame
    header: tuple[str, ...]
    encoding: str
    separator: str

    @property
    def rows(self) -> int:
        return self.frame.height

    def has(self, column: str) -> bool:
        """Whether the header holds `column` (compared case-insensitively)."""
        return column.upper() in self.frame.columns


def _bom_encoding(data: bytes) -> tuple[str, int]:
    """The encoding a BOM or a NUL-byte pattern reveals, and the BOM's length."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", 3
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le", 2
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be", 2
    head = data[:1024]
    # ASCII text in UTF-16 without a BOM: every other byte is NUL.
    if len(head) >= 4 and head[1::2].count(0) > len(head) * 0.4 and head[0::2].count(0) == 0:
        return "utf-16-le", 0
    if len(head) >= 4 and head[0::2].count(0) > len(head) * 0.4 and head[1::2].count(0) == 0:
        return "utf-16-be", 0
    return "utf-8", 0


def _looks_binary(text: str) -> bool:
    """Control characters other than tab/CR/LF in more than 1% of the text: not a CSV."""
    sample = text[:HEAD_BYTES]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\r\n")
    return controls > max(1, len(sample) // 100)


def _transcode(data: bytes, label: str) -> tuple[bytes, str]:
    """UTF-8 bytes for a file that is not UTF-8, with the encoding charset-normalizer found."""
    # Imported here: it costs ~0.4 s at start-up and real exports are UTF-8 (SPEC §7).
    import charset_normalizer

    results = charset_normalizer.from_bytes(data, cp_isolation=list(_LEGACY_ENCODINGS))
    best = results.best()
    # On short files several code pages decode equally well; Western Excel re-saves (cp1252)
    # are by far the most common, so cp1252 wins whenever it is a plausible reading.
    for match in results:
        if match.encoding == "cp1252":
            best = match
            break
    if best is None or best.encoding is None:
        raise UnreadableFile(f"{label} is not a text file netscan can decode.", SAVE_AS_CSV)
    text, encoding = str(best), best.encoding
    if encoding != "cp1252":
        # charset-normalizer may rank a sibling code page (cp1250) first when both give the same
        # characters; then the file is the common Western re-save, and is reported as such.
        try:
            if data.decode("cp1252") == text:
                encoding = "cp1252"
        except UnicodeDecodeError:
            pass
    if _looks_binary(text):
        raise UnreadableFile(f"{label} holds binary data, not CSV text.", SAVE_AS_CSV)
    return text.encode("utf-8"), encoding


def _find_header(
    head: str, separators: tuple[str, ...] = _SEPARATORS
) -> tuple[str, int, list[str]] | None:
    """(separator, lines before the header, header cells) for the first real header line.

    The header is the first record, within the first lines, with at least two non-empty cells:
    that skips ``Notes:`` / ``Notes:,,`` / ``,,`` / blank lines and the quoted notice. The
    separator giving the widest such header wins, so ``;`` re-saves are recognised.
    """
    best: tuple[str, int, list[str]] | None = None
    best_key = (0, 0)
    for separator in separators:
        reader = csv.reader(io.StringIO(head, newline=""), delimiter=separator)
        consumed = 0
        try:
            for _ in range(_SCAN_LINES):
                cells = next(reader)
                filled = [cell for cell in cells if cell.strip()]
                if len(filled) >= 2:
                    # Widest header wins; on a tie, the one found first in the file.
                    key = (len(filled), -consumed)
                    if best is None or key > best_key:
                        best, best_key = (separator, consumed, cells), key
                    break
                consumed = reader.line_num
        except (StopIteration, csv.Error):
            continue
    return best


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the records of a CSV start and how they are split, found from its first bytes."""

    separator: str
    skip: int
    header: tuple[str, ...]
    columns: list[str] | None


def find_layout(head: str, encoding: str, label: str, wanted: Collection[str] | None) -> Layout:
    """The Layout of a decoded head; raises UnreadableFile (binary) or EmptyExport (no header)."""
    if _looks_binary(head):
        raise UnreadableFile(f"{label} holds binary data, not CSV text.", SAVE_AS_CSV)
    # UTF-16 exports are tab-separated (FORMATS §2.9); try that reading first.
    found = (_find_header(head, ("\t",)) if encoding.startswith("utf-16") else None) or (
        _find_header(head)
    )
    if found is None:
        raise EmptyExport(
            f"{label} has no header line with column names.",
            "Use the file exactly as LinkedIn exported it.",
        )
    separator, skip, cells = found
    header = tuple(cell.strip().lstrip("\ufeff") for cell in cells)
    columns: list[str] | None = None
    if wanted is not None:
        upper = {name.upper(): name for name in header}
        columns = sorted({upper[name] for name in wanted if name in upper}, key=header.index)
    return Layout(separator, skip, header, columns)


def read_table(
    data: bytes,
    label: str,
    wanted: Collection[str] | None = None,
    condense: Condenser | None = None,
) -> Table:
    """The member as a Table; only `wanted` columns (uppercase names) are read when given.

    `condense`, when given, replaces bulky columns by what is measured of them (message text by
    its length) right after parsing. Raises UnreadableFile for spreadsheets, binary data and
    undecodable text, and EmptyExport for files with no header line.
    """
    if data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(
            f"{label} is an Excel workbook (.xlsx) or a zip, not a CSV file.", SAVE_AS_CSV
        )
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise EmptyExport(f"{label} is empty.", "Download the export again from LinkedIn.")
    encoding, bom = _bom_encoding(data)
    if encoding.startswith("utf-16"):
        try:
            body = data[bom:].decode(encoding).encode("utf-8")
        except UnicodeDecodeError as error:
            raise UnreadableFile(f"{label} is not valid {encoding} text.", SAVE_AS_CSV) from error
    else:
        body = data[bom:] if bom else data
        head_bytes = body[:HEAD_BYTES]
        if b"\x00" in head_bytes:
            raise UnreadableFile(f"{label} holds binary data, not CSV text.", SAVE_AS_CSV)
        if not is_utf8_head(head_bytes):
            body, encoding = _transcode(body, label)
    head = body[:HEAD_BYTES].decode("utf-8", errors="ignore")
    layout = find_layout(head, encoding, label, wanted)
    try:
        frame = parse_records(body, layout)
    except pl.exceptions.ComputeError as error:
        if "utf-8" not in str(error).lower() or encoding != "utf-8":
            raise UnreadableFile(
                f"{label} could not be parsed as CSV ({error}).", SAVE_AS_CSV
            ) from error
        # Invalid UTF-8 past the sniffed head: a cp1252 re-save after all.
        body, encoding = _transcode(body, label)
        frame = parse_records(body, layout)
    if condense is not None:
        frame = condense(frame)
    return Table(frame, layout.header, encoding, layout.separator)


def is_utf8_head(head: bytes) -> bool:
    """Whether the first bytes of a file are UTF-8 (a character cut at the end is allowed)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # Cutting at HEAD_BYTES can split one character; only the cut may be invalid.
        return error.start >= len(head) - 4
    return True


def parse_records(body: bytes, layout: Layout, *, skip: int | None = None) -> pl.DataFrame:
    """All-String frame of the records after the header (UTF-8 `body`); blank lines dropped.

    `skip` overrides the layout's count of lines before the header (0 for a later slice of a
    large file, which starts with a copy of the header line).
    """
    return _polars_read(
        body,
        layout.skip if skip is None else skip,
        layout.separator,
        layout.header,
        layout.columns,
    )


def _polars_read(
    body: bytes, skip: int, separator: str, header: tuple[str, ...], columns: list[str] | None
) -> pl.DataFrame:
    """All-String frame of the records after the header; blank lines dropped."""
    # Give the header names ourselves: duplicates and stray spaces would otherwise differ.
    names = _unique_upper(header)
    indices = (
        [header.index(name) for name in columns] if columns is not None else list(range(len(names)))
    )
    frame = pl.read_csv(
        body,
        skip_lines=skip,
        has_header=True,
        separator=separator,
        infer_schema=False,
        truncate_ragged_lines=True,
        raise_if_empty=False,
        columns=indices,
    )
    if frame.width != len(indices):
        return pl.DataFrame(schema={names[index]: pl.String for index in indices})
    frame.columns = [names[index] for index in indices]
    frame = frame.with_columns(pl.all().str.strip_chars().replace("", None))
    return frame.filter(~pl.all_horizontal(pl.all().is_null()))


def _unique_upper(header: tuple[str, ...]) -> list[str]:
    """Uppercased header names, suffixed ``_2``, ``_3`` where a name repeats."""
    seen: dict[str, int] = {}
    names: list[str] = []
    for cell in header:
        name = cell.upper() or "COLUMN"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return names
