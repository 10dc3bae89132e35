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
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from functools import partial
from itertools import accumulate

import polars as pl

from netscan.errors import EmptyExport, UnreadableFile
from netscan.ingest.codes import codes_in_use
from netscan.ingest.codes import decode as decode_codes

_SCAN_LINES = 15
HEAD_BYTES = 64 * 1024
_SEPARATORS = (",", ";", "\t")
# Column names of the files netscan reads (LinkedIn in every era, Google, Outlook, CRMs). A header
# is recognised by them before any width rule: message bodies full of "&rsquo;" split into more
# ";" cells than the real comma header has.
KNOWN_COLUMNS = frozenset(
    name.strip()
    for name in """
    ACCOUNT NAME, ADDITIONAL NAME, ADDRESSES, BUSINESS PHONE, COMPANIES, COMPANY, COMPANY NAME,
    CONNECTED ON, CONTACT OWNER, CONTENT, CONVERSATION ID, CONVERSATION TITLE, CREATED AT,
    CREATION DATE, DATE, DEGREE NAME, DESCRIPTION, DIRECTION, DISPLAY STATUS, E-MAIL 1 - TYPE,
    E-MAIL 1 - VALUE, E-MAIL 2 ADDRESS, E-MAIL ADDRESS, EMAIL, EMAIL ADDRESS, EMAILS, END DATE,
    ENDORSEE FIRST NAME, ENDORSEE LAST NAME, ENDORSEE PUBLIC URL, ENDORSEMENT DATE,
    ENDORSEMENT STATUS, ENDORSER FIRST NAME, ENDORSER LAST NAME, ENDORSER PUBLIC URL,
    FAMILY NAME, FINISHED ON, FIRST NAME, FIRSTNAME, FOLDER, FROM, FULL NAME, GEO LOCATION,
    GIVEN NAME, GROUP MEMBERSHIP, HEADLINE, INDUSTRY, INSTANT MESSAGE HANDLES, INVITEEPROFILEURL,
    INVITEEPROFILEURN, INVITERPROFILEURL, INVITERPROFILEURN, IS MESSAGE DRAFT, JOB TITLE,
    LAST NAME, LASTNAME, LINKEDIN URL, LOCATION, MESSAGE, MIDDLE NAME, MOBILE PHONE, NAME,
    NICKNAME, NOTES, ORGANIZATION 1 - NAME, ORGANIZATION 1 - TITLE, PHONE NUMBER, PHONE NUMBERS,
    POSITION, RECIPIENT PROFILE URLS, SCHOOL NAME, SENDER PROFILE URL, SENT AT, SITES,
    SKILL NAME, SOURCE, START DATE, STARTED ON, STATUS, SUBJECT, SUMMARY, TEXT, TITLE, TO, URL,
    WEBSITES, ZIP CODE
""".replace("\n", " ").split(",")
)
# UTF-8 text decoded as a legacy code page and saved again ("Ã¤" for "ä", "â€™" for "'",
# "ï¿½" for a replacement character): what a value must contain to be looked at by ftfy.
_MOJIBAKE_HINT = "[ÃÂÅÄâï][\u0080-\u00bf\u0152-\u2122]"
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
    # Values whose mojibake ftfy repaired (counted for the data-quality notes).
    repairs: int = 0

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


# A byte that is not blank, NUL or part of a BOM: found at once in any real file, where
# stripping those bytes copied the whole file to see whether anything was left.
_CONTENT_BYTE = re.compile(rb"[^ \t\r\n\x00\xef\xbb\xbf\xff\xfe]")
_NOT_CONTROLS = bytes(code for code in range(256) if code >= 32 or chr(code) in "\t\r\n")


def _looks_binary(text: str) -> bool:
    """Control characters other than tab/CR/LF in more than 1% of the text: not a CSV."""
    sample = text[:HEAD_BYTES]
    # Counted as the bytes left when all others are deleted (a character's UTF-8 bytes are
    # below 32 only for these): a loop over 64 K characters in Python took 5 ms a file.
    controls = len(sample.encode("utf-8", "surrogatepass").translate(None, _NOT_CONTROLS))
    return controls > max(1, len(sample) // 100)


def _transcode(data: bytes, label: str) -> tuple[bytes, str]:
    """UTF-8 bytes for a file that is not UTF-8, with the encoding found.

    An Excel re-save can hold UTF-8 lines beside legacy ones; such a file is decoded line by
    line, each line as UTF-8 when it is, else in the legacy code page found for the others.
    """
    lines = data.split(b"\n")
    failed: list[int] = []
    wide = 0
    for number, line in enumerate(lines):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            failed.append(number)
            continue
        wide += not line.isascii()
    if wide and failed:
        legacy, encoding = _transcode_whole(b"\n".join(lines[n] for n in failed), label)
        decoded = legacy.split(b"\n")
        if len(decoded) == len(failed):
            for number, text in zip(failed, decoded, strict=True):
                lines[number] = text
            return b"\n".join(lines), f"mixed utf-8 and {encoding}"
    return _transcode_whole(data, label)


def _transcode_whole(data: bytes, label: str) -> tuple[bytes, str]:
    """UTF-8 bytes for text in one legacy encoding, with the encoding charset-normalizer found."""
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


def _known_header(head: str, separators: tuple[str, ...]) -> tuple[str, int, list[str]] | None:
    """The first record naming two or more KNOWN_COLUMNS, under the separator naming most."""
    best: tuple[str, int, list[str]] | None = None
    best_key = (0, 0)
    for separator in separators:
        reader = csv.reader(io.StringIO(head, newline=""), delimiter=separator)
        consumed = 0
        try:
            for _ in range(_SCAN_LINES):
                cells = next(reader)
                known = {cell.strip().lstrip("\ufeff").upper() for cell in cells} & KNOWN_COLUMNS
                if len(known) >= 2:
                    key = (len(known), -consumed)
                    if best is None or key > best_key:
                        best, best_key = (separator, consumed, cells), key
                    break
                consumed = reader.line_num
        except (StopIteration, csv.Error):
            continue
    return best


def _find_header(
    head: str, separators: tuple[str, ...] = _SEPARATORS
) -> tuple[str, int, list[str]] | None:
    """(separator, lines before the header, header cells) for the first real header line.

    A record naming known columns wins under whichever separator names most of them. Otherwise
    the header is the first record, within the first lines, with at least two non-empty cells:
    that skips ``Notes:`` / ``Notes:,,`` / ``,,`` / blank lines and the quoted notice. The
    separator giving the widest such header wins, so ``;`` re-saves are recognised.
    """
    known = _known_header(head, separators)
    if known is not None:
        return known
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
    # Physical lines up to and including the header record.
    lines: int = 1


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
        upper: dict[str, str] = {}
        for name in header:
            upper.setdefault(name.upper(), name)
        columns = sorted({upper[name] for name in wanted if name in upper}, key=header.index)
    # Lines up to the end of the header record (a quoted header cell may hold a line break).
    lines = skip + 1 + sum(cell.count("\n") for cell in cells)
    return Layout(separator, skip, header, columns, lines)


def read_table(
    data: bytes,
    label: str,
    wanted: Collection[str] | None = None,
    condense: Condenser | None = None,
    *,
    dictionary: Collection[str] = (),
) -> Table:
    """The member as a Table; only `wanted` columns (uppercase names) are read when given.

    `condense`, when given, replaces bulky columns by what is measured of them (message text by
    its length) right after parsing. Columns named in `dictionary` are read as Categorical (see
    `parse_records`). Raises UnreadableFile for spreadsheets, binary data and
    undecodable text, and EmptyExport for files with no header line.
    """
    if data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(
            f"{label} is an Excel workbook (.xlsx) or a zip, not a CSV file.", SAVE_AS_CSV
        )
    if _CONTENT_BYTE.search(data) is None:
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
    body = one_line_end(body)
    head = body[:HEAD_BYTES].decode("utf-8", errors="ignore")
    layout = find_layout(head, encoding, label, wanted)
    body = drop_blank_runs(body, header_end(body, layout.lines))
    try:
        frame = parse_records(body, layout, dictionary=dictionary)
    except pl.exceptions.ComputeError as error:
        if "utf-8" not in str(error).lower() or encoding != "utf-8":
            raise unparseable(label, body, layout) from error
        # Invalid UTF-8 past the sniffed head: a cp1252 re-save (or a mixed one) after all.
        body, encoding = _transcode(body, label)
        try:
            frame = parse_records(body, layout, dictionary=dictionary)
        except pl.exceptions.PolarsError as again:
            raise unparseable(label, body, layout) from again
    except pl.exceptions.PolarsError as error:
        # polars read the header differently from netscan (a stray quote in it, say).
        raise unparseable(label, body, layout) from error
    if condense is not None:
        frame = condense(frame)
    return repair_mojibake(Table(frame, layout.header, encoding, layout.separator))


def unparseable(label: str, body: bytes, layout: Layout) -> UnreadableFile:
    """The error for a CSV polars cannot parse, naming line and column (never the content).

    polars' own message quotes the offending rows, message text included, so it is never
    shown; the first quoting problem is located here instead.
    """
    where = ""
    problem = _first_quote_problem(body[:_LOCATE_BYTES], layout.separator)
    if problem is not None:
        line, field, what = problem
        # Not the column's name: in a file this broken, the "header" may be a message's text.
        where = f": {what} at line {line}, column {field}"
    return UnreadableFile(f"{label} could not be parsed as CSV{where}.", SAVE_AS_CSV)


_LOCATE_BYTES = 64 * 1024**2


def _first_quote_problem(body: bytes, separator: str) -> tuple[int, int, str] | None:
    """(line, field, what) of the first stray or unclosed quote in CSV text, 1-based."""
    text = body.decode("utf-8", errors="replace")
    sep = separator
    line, field = 1, 1
    state = "start"  # start of a field, unquoted, quoted, or just after a quote in a quoted field
    opened = (1, 1)
    for char in text:
        if state == "quoted":
            if char == '"':
                state = "after"
            elif char == "\n":
                line += 1
            continue
        if char == "\n" or char == sep:
            if char == "\n":
                line, field = line + 1, 1
            else:
                field += 1
            state = "start"
        elif char == '"':
            if state == "start":
                state, opened = "quoted", (line, field)
            elif state == "after":
                state = "quoted"  # a doubled quote inside a quoted field
            else:
                return line, field, "a quote inside an unquoted value"
        elif state == "after":
            return line, field, "text after a closing quote"
        elif state == "start":
            state = "plain"
    if state == "quoted":
        return opened[0], opened[1], "a quote that is never closed"
    return None


def one_line_end(body: bytes) -> bytes:
    """`body` with every line ending (CR, LF, CRLF, mixed) written as LF.

    Old Mac and some re-saved files end lines with a bare CR, which polars does not take for a
    line end: the header finder and the row reader must agree on what a line is.
    """
    if b"\r" not in body:
        return body
    crlf = body.count(b"\r\n")
    if crlf == body.count(b"\r"):
        return body  # CRLF throughout: polars reads it as is
    return body.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


def header_end(body: bytes, lines: int) -> int:
    """The offset just past the first `lines` line ends of `body` (its length if fewer)."""
    offset = 0
    for _ in range(lines):
        found = body.find(b"\n", offset)
        if found < 0:
            return len(body)
        offset = found + 1
    return offset


# Two or more blank lines. Only single-character repeats: a repeated group would make the regex
# engine keep a backtracking frame per line (gigabytes for millions of blank lines).
_BLANK_RUN = re.compile(rb"\n[ \t\r]*\n[ \t\r]*\n(?:[\n \t\r]*\n)?")


def drop_blank_runs(body: bytes, start: int) -> bytes:
    """`body` without runs of blank lines after `start` (a record start), outside quotes.

    Polars makes a row of each blank line before netscan drops it (~120 bytes a line for a
    7-column file), so a small file of millions of blank lines would take gigabytes. Runs of
    two or more are cut at once; a blank line inside a quoted message is content, and kept.
    """
    # One regex search rules out nearly every file (3× faster than two bytes.find of "\n\n\n").
    first = _BLANK_RUN.search(body, start)
    if first is None:
        return body
    pieces: list[bytes] = []
    kept = counted = start
    quotes = 0
    for run in _BLANK_RUN.finditer(body, first.start()):
        # A run holds no quote, so the count up to its start is the count up to its end.
        quotes += body.count(b'"', counted, run.start())
        counted = run.end()
        if quotes % 2:
            continue  # inside a quoted field
        pieces.append(body[kept : run.start()])
        pieces.append(b"\n")
        kept = run.end()
    if not pieces:
        return body
    pieces.insert(0, body[:start])
    pieces.append(body[kept:])
    return b"".join(pieces)


def repair_mojibake(table: Table) -> Table:
    """`table` with values garbled by a wrong decode ("MÃ¼ller") repaired by ftfy, counted.

    Only values that hold a telltale pair of characters are given to ftfy, once per distinct
    value; a clean export costs about one regex test per column, on its non-ASCII values.
    """
    frame = table.frame
    repaired = 0
    fixed: list[pl.Series] = []
    for name, dtype in frame.schema.items():
        if dtype not in (pl.String, pl.Categorical):
            continue
        values = frame.get_column(name)
        if dtype == pl.String:
            # The telltale pairs are not ASCII: values of one byte a character are left out.
            text = values.filter(values.str.len_bytes() != values.str.len_chars())
        else:
            # The values in use, each once through its code (hashing a million rows costs more).
            text = decode_codes(codes_in_use(values), dtype).cast(pl.String)
        if not text.str.contains(_MOJIBAKE_HINT).any():
            continue
        import ftfy  # imported here: only garbled files need it

        suspects = text.filter(text.str.contains(_MOJIBAKE_HINT)).unique().to_list()
        mapping = {value: ftfy.fix_encoding(value) for value in suspects}
        mapping = {old: new for old, new in mapping.items() if new != old}
        if not mapping:
            continue
        as_text = values.cast(pl.String)
        repaired += int(as_text.is_in(list(mapping)).sum())
        column = as_text.replace(mapping)
        fixed.append(column.cast(dtype) if dtype != pl.String else column)
    if not fixed:
        return table
    return replace(table, frame=frame.with_columns(fixed), repairs=table.repairs + repaired)


def is_utf8_head(head: bytes) -> bool:
    """Whether the first bytes of a file are UTF-8 (a character cut at the end is allowed)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # Cutting at HEAD_BYTES can split one character; only the cut may be invalid.
        return error.start >= len(head) - 4
    return True


def parse_records(
    body: bytes, layout: Layout, *, skip: int | None = None, dictionary: Collection[str] = ()
) -> pl.DataFrame:
    """All-String frame of the records after the header (UTF-8 `body`); blank lines dropped.

    `skip` overrides the layout's count of lines before the header (0 for a later slice of a
    large file, which starts with a copy of the header line). Columns named in `dictionary`
    (uppercase) are Categorical instead: the same values, for columns that repeat a few
    thousand values over a million rows.
    """
    return _polars_read(
        body,
        layout.skip if skip is None else skip,
        layout.separator,
        layout.header,
        layout.columns,
        dictionary,
    )


def _polars_read(
    body: bytes,
    skip: int,
    separator: str,
    header: tuple[str, ...],
    columns: list[str] | None,
    dictionary: Collection[str] = (),
) -> pl.DataFrame:
    """All-String frame of the records after the header, `dictionary` columns Categorical;
    blank lines dropped."""
    # Give the header names ourselves: duplicates and stray spaces would otherwise differ.
    names = _unique_upper(header)
    indices = (
        [header.index(name) for name in columns] if columns is not None else list(range(len(names)))
    )
    # Repeated columns are parsed straight into a dictionary of their own (no text copied).
    own = {names[index]: pl.Categories.random() for index in indices if names[index] in dictionary}
    read = partial(
        pl.read_csv,
        body,
        skip_lines=skip,
        has_header=True,
        separator=separator,
        infer_schema=False,
        truncate_ragged_lines=True,
        raise_if_empty=False,
        columns=indices,
    )
    try:
        frame = (
            read(
                schema_overrides=[
                    pl.Categorical(own[name]) if name in own else pl.String for name in names
                ]
            )
            if own
            else read()
        )
    except pl.exceptions.SchemaError:
        # polars splits the header into another number of fields than netscan (a stray quote):
        # all text then, and `condense` encodes the columns.
        own = {}
        frame = read()
    if frame.width != len(indices):
        return pl.DataFrame(schema={names[index]: pl.String for index in indices})
    frame.columns = [names[index] for index in indices]
    frame = frame.with_columns(pl.exclude(list(own)).str.strip_chars().replace("", None))
    if own:
        frame = frame.with_columns(_dictionary_encoded(frame, own))
    blank = pl.all_horizontal(pl.all().is_null())
    # Most slices hold no blank row: testing for one is far cheaper than a filter's copy.
    if not frame.select(blank.any()).item():
        return frame
    return frame.filter(~blank)


def _dictionary_encoded(frame: pl.DataFrame, own: dict[str, pl.Categories]) -> list[pl.Series]:
    """Columns of `frame` read into dictionaries of their own (`own`), stripped (empty as
    null) and in the shared dictionary, as `condense` would cast the stripped text.

    Only each dictionary's distinct values are stripped, and the shared one is given the clean
    ones; the rows are mapped through their codes. Stripping every row copied its text, and
    the shared dictionary never sees a value netscan does not keep.
    """
    # Indexed by code; each column holds its dictionary until its codes are read.
    distinct = [categories.to_series() for categories in own.values()]
    # All columns' few thousand values cleaned in one go: each call costs more than the work.
    clean = pl.concat(distinct).str.strip_chars().replace("", None).cast(pl.Categorical)
    starts = accumulate((len(values) for values in distinct), initial=0)
    return frame.select(
        pl.lit(clean.slice(start, len(values))).gather(pl.col(name).to_physical()).alias(name)
        for name, values, start in zip(own, distinct, starts, strict=False)
    ).get_columns()


def _unique_upper(header: tuple[str, ...]) -> list[str]:
    """Uppercased header names, suffixed ``_2``, ``_3`` where a name repeats.

    A suffix is never one the header already uses (``First Name,First Name_2,First Name``).
    """
    seen: set[str] = set()
    names: list[str] = []
    for cell in header:
        name = cell.upper() or "COLUMN"
        unique, number = name, 1
        while unique in seen:
            number += 1
            unique = f"{name}_{number}"
        seen.add(unique)
        names.append(unique)
    return names
