"""Who the export belongs to: Profile.csv, the most frequent sender, outgoing invitations.

The owner is never named in messages.csv, and their URL never appears in Connections.csv, so the
URL comes from the messages: the owner takes part in every conversation, which makes the URL seen
in the most distinct conversations (as sender or recipient) theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from netscan.ingest.codes import codes_in_use, decode, distinct_pairs, encoded
from netscan.ingest.dates import parse_month_years
from netscan.ingest.decode import Table
from netscan.ingest.identity import normalise_name, normalise_url, normalise_url_series
from netscan.model import Education, Owner, Position

# Up to this many raw URL cells that normalise to the owner's URL, their names are read cell by
# cell (one pass each); more, and all at once.
_FEW_CELLS = 4


@dataclass(frozen=True, slots=True)
class OwnerKeys:
    """The owner as ingest matches them: normalised URL and every normalised name seen."""

    url: str | None
    names: frozenset[str]


def _first(table: Table, column: str) -> str | None:
    if not table.has(column) or table.rows == 0:
        return None
    value = table.frame.get_column(column.upper())[0]
    return value if isinstance(value, str) else None


def _url_by_conversations(messages: Table) -> tuple[str | None, str | None]:
    """(URL in the most conversations, the display name it sends under) in one messages file."""
    frame = messages.frame
    if not messages.has("SENDER PROFILE URL"):
        return None, None
    # Only distinct (thread, URL cell) pairs matter for counting conversations, and a thread
    # repeats the same cells in every message: the pairs are found on the columns' codes, and
    # each distinct cell is split and normalised once, then joined to them.
    thread = (
        encoded(frame.get_column("CONVERSATION ID"))
        if messages.has("CONVERSATION ID")
        else pl.repeat("", frame.height, dtype=pl.Categorical, eager=True)
    ).alias("t")
    sender = encoded(frame.get_column("SENDER PROFILE URL")).alias("cell")
    sender_urls = _cell_text(sender)
    sender_urls = sender_urls.with_columns(normalise_url_series(sender_urls.get_column("u")))
    if not messages.has("RECIPIENT PROFILE URLS"):
        (sent,) = distinct_pairs(thread, sender)
        parts = [sent.join(sender_urls, on="cell")]
    else:
        cells = encoded(frame.get_column("RECIPIENT PROFILE URLS")).alias("to_cell")
        pieces = (
            _cell_text(cells)
            .rename({"cell": "to_cell"})
            .with_columns(pl.col("u").str.replace_all(";", ",").str.split(","))
            .explode("u")
            .with_columns(pl.col("u").str.strip_chars())
        )
        pieces = pieces.with_columns(normalise_url_series(pieces.get_column("u")))
        sent, received = distinct_pairs(thread, sender, cells)
        parts = [
            sent.join(sender_urls, on="cell").select("t", "u"),
            received.join(pieces, on="to_cell").select("t", "u"),
        ]
    counts = (
        pl.concat(parts)
        .drop_nulls()
        .group_by("u")
        .agg(pl.col("t").n_unique().alias("n"))
        .sort(["n", "u"], descending=[True, False])
    )
    if counts.height == 0:
        return None, None
    url = counts.get_column("u")[0]
    if not messages.has("FROM"):
        return url, None
    # The name: the FROM written beside the most distinct URL cells that are the owner's.
    mine = sender_urls.filter(pl.col("u") == url).get_column("cell")
    names = encoded(frame.get_column("FROM")).alias("name")
    if mine.len() <= _FEW_CELLS:
        # Nearly always one cell: the distinct names of its rows, found on codes.
        codes = sender.to_physical()
        found = [codes_in_use(names.filter(codes == cell)) for cell in mine]
    else:
        rows = pl.DataFrame([sender, names]).filter(
            pl.col("cell").to_physical().is_in(mine.implode())
        )
        (pairs,) = distinct_pairs(rows.get_column("cell"), rows.get_column("name"))
        found = [pairs.get_column("name")]
    seen = pl.concat([pl.Series("name", [], dtype=pl.UInt32), *found])
    if seen.len() == 0:
        return url, None
    top = (
        decode(seen, names.dtype)
        .cast(pl.String)
        .to_frame("name")
        .group_by("name")
        .len()
        .sort(["len", "name"], descending=[True, False])
    )
    return url, top.get_column("name")[0]


def _cell_text(cells: pl.Series) -> pl.DataFrame:
    """(``cell``: code, ``u``: text) for each distinct value of a Categorical column."""
    codes = codes_in_use(cells)
    return pl.DataFrame({"cell": codes, "u": decode(codes, cells.dtype).cast(pl.String)})


def _outgoing_invitations(invitations: Table) -> tuple[str | None, str | None]:
    frame = invitations.frame
    if not {"FROM", "DIRECTION"} <= set(frame.columns):
        return None, None
    rows = frame.filter(pl.col("DIRECTION").str.to_uppercase() == "OUTGOING")
    if rows.height == 0:
        return None, None
    name = rows.get_column("FROM").drop_nulls().mode().sort()
    url: str | None = None
    if invitations.has("INVITERPROFILEURL"):
        urls = rows.get_column("INVITERPROFILEURL").drop_nulls().mode().sort()
        url = normalise_url(urls[0]) if urls.len() else None
    return url, (name[0] if name.len() else None)


def _old_outgoing_sender(messages: Table) -> str | None:
    """The FROM of OUTGOING rows in 2018–2020 files that still had a DIRECTION column."""
    if not (messages.has("DIRECTION") and messages.has("FROM")):
        return None
    rows = messages.frame.filter(pl.col("DIRECTION").str.to_uppercase() == "OUTGOING")
    names = rows.get_column("FROM").cast(pl.String).drop_nulls().mode().sort()
    return names[0] if names.len() else None


def _optional(table: Table, name: str) -> pl.Expr:
    """The column, or a null column of the same name when the file lacks it."""
    return pl.col(name) if table.has(name) else pl.lit(None, pl.String).alias(name)


def _positions(table: Table | None) -> tuple[Position, ...]:
    if table is None or not table.has("COMPANY NAME"):
        return ()
    rows = table.frame.select(
        pl.col("COMPANY NAME"),
        _optional(table, "TITLE"),
        _optional(table, "STARTED ON"),
        _optional(table, "FINISHED ON"),
    )
    starts, ends = _month_years(rows, "STARTED ON", "FINISHED ON")
    return tuple(
        Position(company or "", title or "", start, end)
        for (company, title, _, _), start, end in zip(rows.iter_rows(), starts, ends, strict=True)
    )


def _education(table: Table | None) -> tuple[Education, ...]:
    if table is None or not table.has("SCHOOL NAME"):
        return ()
    rows = table.frame.select(
        pl.col("SCHOOL NAME"),
        _optional(table, "DEGREE NAME"),
        _optional(table, "START DATE"),
        _optional(table, "END DATE"),
    )
    starts, ends = _month_years(rows, "START DATE", "END DATE")
    return tuple(
        Education(school or "", degree or "", start, end)
        for (school, degree, _, _), start, end in zip(rows.iter_rows(), starts, ends, strict=True)
    )


def _month_years(rows: pl.DataFrame, *columns: str) -> list[list[date | None]]:
    """Each column's month/year dates, all parsed together (a parse costs the same for one)."""
    values = [rows.get_column(name).to_list() for name in columns]
    parsed = parse_month_years([value for column in values for value in column])
    return [parsed[i * rows.height : (i + 1) * rows.height] for i in range(len(columns))]


def infer_owner(
    *,
    profiles: Sequence[Table],
    positions: Sequence[Table],
    education: Sequence[Table],
    messages: Sequence[Table],
    invitations: Sequence[Table],
) -> tuple[Owner, OwnerKeys]:
    """The owner, and the keys that recognise them in every file.

    `inferred_from` lists the evidence used.
    """
    evidence: list[str] = []
    names: list[str] = []
    headline = ""
    profile_name: str | None = None
    for profile in profiles:
        first, last = _first(profile, "FIRST NAME"), _first(profile, "LAST NAME")
        full = " ".join(part for part in (first, last) if part)
        if full:
            profile_name = profile_name or full
            names.append(full)
            headline = headline or (_first(profile, "HEADLINE") or "")
    if profile_name:
        evidence.append("Profile.csv")
    url: str | None = None
    for table in messages:
        found, sender_name = _url_by_conversations(table)
        if found and url is None:
            url = found
            evidence.append("messages.csv sender URL")
        if sender_name and found == url:
            names.append(sender_name)
        old = _old_outgoing_sender(table)
        if old:
            names.append(old)
            if "messages.csv outgoing rows" not in evidence:
                evidence.append("messages.csv outgoing rows")
    for table in invitations:
        invite_url, invite_name = _outgoing_invitations(table)
        if invite_url and url is None:
            url = invite_url
        if invite_name:
            names.append(invite_name)
        if invite_url or invite_name:
            evidence.append("Invitations.csv outgoing rows")
    display = profile_name or (names[0] if names else "")
    keys = OwnerKeys(url, frozenset(n for n in (normalise_name(name) for name in names) if n))
    owner = Owner(
        name=display,
        profile_url=url,
        headline=headline,
        positions=tuple(p for table in positions for p in _positions(table)),
        education=tuple(e for table in education for e in _education(table)),
        inferred_from=", ".join(dict.fromkeys(evidence)) or "unknown",
    )
    return owner, keys
