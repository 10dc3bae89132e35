"""messages.csv in all six eras (FORMATS §2.2): one event per counterpart, noise counted.

Everything runs as polars expressions. Whatever depends on one repeated value (a sender, a
recipient cell, a thread) is computed once per distinct value and read back through the
dictionary codes of the Categorical columns `condense` leaves. Recipients come from the URL
column, never from splitting ``TO`` on commas; only files from before mid-2023 without that column
fall back to FORMATS' heuristic on ``TO``.
"""

from __future__ import annotations

import re
from collections.abc import Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import product

import polars as pl

from netscan.errors import MissingColumns
from netscan.i18n import gettext
from netscan.ingest.codes import (
    HALF,
    by_code,
    codes_in_use,
    decode,
    map_distinct,
    packed,
    unique,
)
from netscan.ingest.dates import PLAUSIBLE, DateWindow, parse_datetime
from netscan.ingest.decode import Table
from netscan.ingest.frames import (
    SKIP,
    FileResult,
    column,
    duplicate_flags,
    empty_people,
    raw_events,
    report,
    with_skips,
)
from netscan.ingest.identity import (
    PY_WHITESPACE,
    normalise_name,
    normalise_name_series,
    normalise_url_series,
)
from netscan.model import Direction, EventKind, SkipReason

WANTED = (
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "CONTENT",
    "DIRECTION",
    "FOLDER",
    "IS MESSAGE DRAFT",
)
# Columns stored as Categorical: parsed so when given to the reader as its `dictionary`
# (stripped once per distinct value), else cast by `condense`.
DICTIONARY_ENCODED = (
    "CONVERSATION ID",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
)
HIDDEN_SENDER = "linkedin member"
_BARE_COMMA = re.compile(r",(?! )")
# What is hashed to find candidate duplicate rows: the content's fingerprint and the parsed date
# (a function of DATE; equal rows are equal in both, and a number hashes faster than text).
_ROW_SUMMARY = ("_content_fingerprint", "at")
# What `condense` keeps of CONTENT: the visible length, the promotion markers, a fingerprint.
LENGTH = "_content_length"
PROMOTION = "_content_promotion"
FINGERPRINT = "_content_fingerprint"
# One character per HTML entity: named, decimal and hex entities all unescape to one character.
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_TAG = r"<[^>]*>"
# Either sponsored-mail marker, as one regex: one scan of the text instead of two.
_PROMOTION_MARKERS = "spinmail-quill-editor|%FIRSTNAME%"


def variant(table: Table) -> str:
    """The era of a messages file, named by its columns."""
    if not table.has("CONVERSATION ID"):
        return "messages-2018..2020 (From/To/Direction)"
    width = len(table.header)
    if not table.has("RECIPIENT PROFILE URLS"):
        return f"messages-2021..2023 ({width} columns, no recipient URLs)"
    return f"messages-2023+ ({width} columns)"


def condense(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with CONTENT replaced by the three things netscan needs of it (idempotent).

    Message text never reaches any output and is the bulk of messages.csv, so it is measured as
    soon as it is parsed and dropped: its length without HTML tags (an entity counts as one
    character), whether it carries a sponsored-mail marker, and a 64-bit hash so that exact
    duplicate rows are still recognised.
    """
    # Recipient cells repeat in every message of a thread and are long in group chats, and
    # thread ids, senders and their URLs repeat in every message too: all kept
    # dictionary-encoded (a few hundred MB less for 1,000,000 messages). Readers cast a column
    # back to String only where they need its text. Read with DICTIONARY_ENCODED as the
    # reader's `dictionary`, they arrive encoded and nothing is cast here.
    repeated = [
        pl.col(name).cast(pl.Categorical)
        for name in DICTIONARY_ENCODED
        if name in frame.columns and frame.schema[name] == pl.String
    ]
    if repeated:
        frame = frame.with_columns(repeated)
    if "CONTENT" not in frame.columns:
        return frame
    content = pl.col("CONTENT")
    measured = frame.select(
        _visible_length(content).alias(LENGTH),
        content.str.contains(_PROMOTION_MARKERS).alias(PROMOTION),
        pl.when(content.is_not_null()).then(content.hash()).alias(FINGERPRINT),
        content.str.contains("<", literal=True).alias("tagged"),
    )
    # Few messages hold a tag: only theirs are measured again with tags dropped first (a tag
    # removed can join an entity: "&am<b>p;").
    tagged = measured.get_column("tagged").arg_true()
    if len(tagged):
        text = frame.get_column("CONTENT").gather(tagged).to_frame()
        lengths = text.select(_visible_length(content.str.replace_all(_TAG, ""))).to_series()
        measured = measured.with_columns(measured.get_column(LENGTH).scatter(tagged, lengths))
    return pl.concat([frame.drop("CONTENT"), measured.drop("tagged")], how="horizontal")


def _visible_length(text: pl.Expr) -> pl.Expr:
    """Characters of `text`, an HTML entity counted as one (0 for null)."""
    return text.str.replace_all(_ENTITY, "_").str.len_chars().fill_null(0).cast(pl.Int32)


def split_to(to: str | None, known_names: Set[str]) -> list[str]:
    """Recipient names from a ``TO`` cell when no URL column exists (FORMATS §2.2 heuristic).

    A whole cell that is a known connection's name stays whole (``Jane Doe, PhD``); otherwise it
    is split on commas not followed by a space, since LinkedIn joins names with a bare ``,``.
    """
    if to is None or not to.strip():
        return []
    # A bare comma exists when not every comma is followed by a space: two C-level counts
    # instead of a regex scan of every (often long, group-chat) cell.
    if to.count(",") == to.count(", "):
        # Nothing to split: the whole cell either way (spares normalising long cells).
        return [to.strip()]
    if normalise_name(to) in known_names:
        return [to.strip()]
    return [piece.strip() for piece in _BARE_COMMA.split(to) if piece.strip()]


# `split_to` as expressions over distinct TO cells. Rust's regex has no look-ahead: a bare
# comma is one followed by anything but a space (or by nothing), and a piece between bare commas
# is a run of characters other than a comma, or of commas followed by a space.
_BARE = ",(?:[^ ]|$)"
_PIECE = "(?:[^,]|, )+"
# FOLDER "SPAM" and the title "Sponsored Conversation" in any case, without changing the case of
# a million strings: FOLDER is one of the 24 spellings, the title matches an anchored regex
# (mostly null, it fails at once). A class holds every character whose upper (lower) case is its
# letter; tests check them over all of Unicode.
SPAM_FOLDER = "^[sSſ][pP][aA][mM]$"
_SPAM_SPELLINGS = ["".join(letters) for letters in product("sSſ", "pP", "aA", "mM")]
SPONSORED_TITLE = (
    "^[sS][pP][oO][nN][sS][oO][rR][eE][dD] [cC][oO][nN][vV][eE][rR][sS][aA][tT][iI][oO][nN]$"
)
# A pair key holds the TO and RECIPIENT PROFILE URLS codes, each plus one (0: null).


def read_messages(
    table: Table,
    name: str,
    *,
    owner_url: str | None,
    owner_names: Set[str],
    known_names: Set[str],
    window: DateWindow = PLAUSIBLE,
) -> FileResult:
    """Message events from one messages file, with every row used or skipped for a reason."""
    # One chunk per column: a file read in slices has hundreds, and every expression mixing
    # such a column with a computed one realigns them (~17 ms each on 1,000,000 rows; the
    # copy costs about one of those).
    frame = condense(table.frame).rechunk()
    if not ({"FROM", "DATE"} <= set(frame.columns)):
        raise MissingColumns(
            f"{name} lacks the FROM and DATE columns every messages.csv has.",
            "Use the messages.csv file from LinkedIn's 'Download your data' export.",
        )
    modern = table.has("CONVERSATION ID")
    row_columns = list(frame.columns)
    with ThreadPoolExecutor(max_workers=1) as helper:
        # The dates and the exact repeats (~0.1 s of polars work per 1,000,000 rows) depend on
        # nothing else: a helper thread computes them while this one resolves senders and
        # recipients (polars releases the GIL, so both cores work).
        dated = helper.submit(_dates_and_repeats, frame.select(row_columns))
        frame, addressed = _counterparts(
            frame, table, owner_url, owner_names, known_names, modern=modern
        )
        at, repeated = dated.result()
        frame = frame.with_columns(at)
        recipients = addressed.by_pair
        frame = with_skips(frame, _skip_rules(frame, table, repeated, window, recipients))
        # The people in each thread and the events both need only the skips: counted on the
        # helper while this thread builds the events, then looked up by thread code.
        counted = helper.submit(_participants, frame, addressed, owner_url) if modern else None
        parts = _events(frame, recipients, name)
        if counted is not None:
            counts = counted.result()
            # Part by part: a column added to the concatenated parts would not share their
            # chunks, and the casts below would copy every column to realign them.
            parts = [
                part.with_columns(
                    by_code(
                        part.get_column("thread_id").to_physical(),
                        counts.get_column("thread_id"),
                        counts.get_column("participants"),
                    ).alias("participants")
                )
                for part in parts
            ]
    events = raw_events(pl.concat(parts))
    frame = frame.select(SKIP, "at")
    warnings: list[str] = []
    if not table.has("RECIPIENT PROFILE URLS"):
        warnings.append(
            gettext(
                "%(file)s has no RECIPIENT PROFILE URLS column (exports before mid-2023): "
                "recipients of messages the owner sent were inferred from names (ambiguous in "
                "group chats)."
            )
            % {"file": name}
        )
    return FileResult(
        report(
            name, variant(table), frame, encoding=table.encoding, dates=window.kept(frame["at"])
        ),
        empty_people(),
        events,
        tuple(warnings),
    )


def _dates_and_repeats(rows: pl.DataFrame) -> tuple[pl.Series, pl.Series]:
    """(``at``: DATE parsed, each row's exact-repeat flag) of the file's own columns."""
    at = parse_datetime(rows.get_column("DATE")).alias("at")
    repeated = duplicate_flags(rows.with_columns(at), rows.columns, hashed=_ROW_SUMMARY)
    return at, repeated


def _counterparts(
    frame: pl.DataFrame,
    table: Table,
    owner_url: str | None,
    owner_names: Set[str],
    known_names: Set[str],
    *,
    modern: bool,
) -> tuple[pl.DataFrame, _Addressed]:
    """`frame` with each row's sender, direction and recipient pair, and whom the pairs name."""
    # Whatever depends on the sender alone is computed once per distinct FROM / URL value.
    sender = _encoded(frame, "FROM")
    frame = frame.with_columns(
        *([_encoded(frame, "CONVERSATION ID")] if modern else []),
        sender,
        (
            map_distinct(
                _encoded(frame, "SENDER PROFILE URL"),
                lambda urls: normalise_url_series(urls).cast(pl.Categorical),
            )
            if table.has("SENDER PROFILE URL")
            else pl.lit(None, pl.Categorical)
        ).alias("_sender_url"),
        map_distinct(sender, lambda names: _lower(names) == HIDDEN_SENDER).alias("_hidden"),
        (pl.col(LENGTH) if LENGTH in frame.columns else pl.lit(0, pl.Int32)).alias("length"),
        _pair_key(frame).alias("_pair"),
    )
    if modern or table.has("SENDER PROFILE URL"):
        outgoing = (
            pl.col("_sender_url") == owner_url
            if owner_url is not None
            else map_distinct(sender, lambda names: _lower(names).is_in(sorted(owner_names)))
        )
        if owner_url is not None and owner_names:
            # Rows whose sender URL is blank but whose name is the owner's (rare, hidden URL).
            outgoing = outgoing.fill_null(False) | (
                pl.col("_sender_url").is_null() & _owner_named(frame, owner_names)
            )
    else:
        outgoing = column(frame, "DIRECTION").str.to_uppercase() == "OUTGOING"
    frame = frame.with_columns(outgoing.fill_null(False).alias("_out"))
    # Recipients of every distinct (TO, RECIPIENT PROFILE URLS) pair, as a flat (pair, url,
    # name) frame joined to the owner's rows only when events are built (a list per row would
    # copy every group chat's names a million times).
    return frame, _recipients(frame, owner_url, owner_names, known_names)


def _skip_rules(
    frame: pl.DataFrame,
    table: Table,
    repeated: pl.Series,
    window: DateWindow,
    recipients: pl.DataFrame,
) -> list[tuple[SkipReason, pl.Expr]]:
    """Why a row is skipped, first reason first."""
    title = column(frame, "CONVERSATION TITLE")
    draft = column(frame, "IS MESSAGE DRAFT").str.to_lowercase() == "yes"
    if table.has("CONVERSATION ID"):
        draft = draft.fill_null(False) | (
            pl.col("CONVERSATION ID").is_null() & column(frame, "FOLDER").is_null()
        )
    sponsored = column(frame, PROMOTION).cast(pl.Boolean) | title.str.contains(SPONSORED_TITLE)
    if table.has("SENDER PROFILE URL"):
        sponsored = sponsored.fill_null(False) | (
            pl.col("_sender_url").is_null() & title.is_not_null() & ~pl.col("_hidden")
        )
    # The owner's message needs a recipient, anyone else's a sender. Pairs only skipped rows
    # use have recipients too; their rows are skipped by an earlier rule all the same.
    addressed = pl.col("_pair").is_in(recipients.get_column("_pair").unique().implode())
    in_counterpart = pl.col("_sender_url").is_not_null() | pl.col("FROM").is_not_null()
    return [
        (SkipReason.DRAFT, draft),
        (SkipReason.SPAM, column(frame, "FOLDER").is_in(_SPAM_SPELLINGS)),
        (SkipReason.SPONSORED, sponsored),
        (SkipReason.LINKEDIN_MEMBER, pl.col("_hidden")),
        (SkipReason.UNPARSEABLE_DATE, pl.col("at").is_null()),
        (SkipReason.IMPLAUSIBLE_DATE, window.outside_utc(pl.col("at"))),
        (SkipReason.DUPLICATE, pl.lit(repeated)),
        (
            SkipReason.NO_COUNTERPART,
            ~pl.when(pl.col("_out")).then(addressed).otherwise(in_counterpart),
        ),
    ]


def _events(frame: pl.DataFrame, recipients: pl.DataFrame, name: str) -> list[pl.DataFrame]:
    """One event per used row and counterpart: each recipient of the owner's, or the sender
    (``participants`` still to add), as the owner's events and the others'."""
    used = pl.col(SKIP).is_null()
    shared: list[pl.Expr] = [
        _thread(frame),
        pl.col("at"),
        pl.col("length"),
        pl.lit(str(EventKind.MESSAGE)).alias("kind"),
        pl.lit(name).alias("source"),
    ]
    # Columns are chosen before filtering: a filter copies every column it carries.
    out_events = (
        frame.select(*shared, "_pair", pl.lit(str(Direction.OUT)).alias("direction"), "_out", SKIP)
        .filter(used & pl.col("_out"))
        .join(recipients, on="_pair", how="inner", maintain_order="left_right")
        .drop("_pair", "_out", SKIP)
    )
    in_events = (
        frame.select(
            *shared,
            pl.col("_sender_url").alias("url"),
            pl.col("FROM").alias("name"),
            pl.lit(str(Direction.IN)).alias("direction"),
            "_out",
            SKIP,
        )
        .filter(used & ~pl.col("_out"))
        .drop("_out", SKIP)
    )
    return [out_events.select(in_events.columns), in_events]


def _thread(frame: pl.DataFrame) -> pl.Expr:
    return column(frame, "CONVERSATION ID").cast(pl.Categorical).alias("thread_id")


def _lower(names: pl.Series) -> pl.Series:
    return names.to_frame().select(_lower_expr(pl.col(names.name))).to_series()


def _encoded(frame: pl.DataFrame, name: str) -> pl.Series:
    """A column as Categorical (as `condense` leaves it), or a null one when the file lacks it."""
    if name not in frame.columns:
        return pl.Series(name, [None] * frame.height, dtype=pl.Categorical)
    series = frame.get_column(name)
    return series if series.dtype == pl.Categorical else series.cast(pl.String).cast(pl.Categorical)


def _owner_named(frame: pl.DataFrame, owner_names: Set[str]) -> pl.Expr:
    """Whether each row's FROM normalises to one of the owner's names (asked only of senders
    without a URL, so only theirs are normalised)."""
    senders = frame.get_column("FROM")
    codes = codes_in_use(senders.filter(frame.get_column("_sender_url").is_null()))
    names = decode(codes, senders.dtype).cast(pl.String)
    owner = codes.filter(normalise_name_series(names).is_in(sorted(owner_names)).fill_null(False))
    if owner.len() == 0:
        return pl.lit(False)  # the usual case: no pass over the rows
    return pl.col("FROM").to_physical().is_in(owner.implode())


def _pair_key(frame: pl.DataFrame) -> pl.Expr:
    """One number per distinct (TO, RECIPIENT PROFILE URLS) pair, from the two columns' codes."""
    code = [
        (_codes(frame, name).cast(pl.UInt64) + 1).fill_null(0)
        for name in ("TO", "RECIPIENT PROFILE URLS")
    ]
    return packed(code[0], code[1])


def _code(half: pl.Expr) -> pl.Expr:
    """A column's code back from its half of a pair key (null for 0)."""
    return pl.when(half > 0).then(half - 1).cast(pl.UInt32)


def _cells(frame: pl.DataFrame, name: str, alias: str) -> pl.DataFrame:
    """(`alias`: code, ``text``): every distinct non-null value of a Categorical column."""
    if name not in frame.columns:
        return pl.DataFrame(schema={alias: pl.UInt32, "text": pl.String})
    values = _encoded(frame, name)
    codes = codes_in_use(values)
    return pl.DataFrame({alias: codes, "text": decode(codes, values.dtype).cast(pl.String)})


@dataclass(frozen=True, slots=True)
class _Addressed:
    """Whom the distinct recipient cells name (URL column first), the owner left out."""

    # (_pair, url, name): each distinct (TO, RECIPIENT PROFILE URLS) pair's people, in order.
    by_pair: pl.DataFrame
    # (_to, _at, name): `split_to` of each TO cell, without LinkedIn's hidden sender.
    names: pl.DataFrame
    # (_urls, _at, url): the distinct profile URLs of each RECIPIENT PROFILE URLS cell.
    urls: pl.DataFrame
    # Codes of the RECIPIENT PROFILE URLS cells holding nothing but whitespace.
    blank: pl.Series


def _recipients(
    frame: pl.DataFrame,
    owner_url: str | None,
    owner_names: Set[str],
    known_names: Set[str],
) -> _Addressed:
    """The non-owner people each distinct (TO, RECIPIENT PROFILE URLS) pair was addressed to.

    Names are split from TO as `split_to` does. With one recipient URL, TO is that person's
    name, commas and all; with several, names pair with URLs only when the counts agree.
    """
    tos = _cells(frame, "TO", "_to")
    cells = _cells(frame, "RECIPIENT PROFILE URLS", "_urls")
    names = _addressees(tos, owner_names, known_names)
    urls = _addressed_urls(cells, owner_url)
    pairs = (
        unique(frame.get_column("_pair"))
        .to_frame()
        .with_columns(
            _code(pl.col("_pair") // HALF).alias("_to"),
            _code(pl.col("_pair") % HALF).alias("_urls"),
        )
    )
    counts = (
        pairs.join(names.group_by("_to").len("_names"), on="_to", how="left")
        .join(urls.group_by("_urls").len("_n_urls"), on="_urls", how="left")
        .join(
            cells.select("_urls", (_strip(pl.col("text")) != "").alias("_has_urls")),
            on="_urls",
            how="left",
        )
        .with_columns(
            pl.col("_names").fill_null(0),
            pl.col("_n_urls").fill_null(0),
            pl.col("_has_urls").fill_null(False),
        )
    )
    single = (pl.col("_n_urls") == 1) & (pl.col("_names") >= 1)
    one = (
        counts.filter(pl.col("_has_urls") & single)
        .join(urls, on="_urls", how="inner")
        .join(names.filter(pl.col("_at") == 0).drop("_at"), on="_to", how="inner")
        .join(tos, on="_to", how="inner")
        .select(
            "_pair",
            "_at",
            "url",
            pl.when(pl.col("_names") > 1)
            .then(_strip(pl.col("text")))
            .otherwise("name")
            .alias("name"),
        )
    )
    # Names pair with URLs by place, only when the counts agree: joined on (cell, place) codes
    # packed in one number, null (no match) where the counts differ.
    by_url = (
        counts.filter(pl.col("_has_urls") & ~single)
        .join(urls, on="_urls", how="inner")
        .with_columns(
            pl.when(pl.col("_names") == pl.col("_n_urls"))
            .then(packed(pl.col("_to"), pl.col("_at")))
            .alias("_place")
        )
        .join(
            names.select(packed(pl.col("_to"), pl.col("_at")).alias("_place"), "name"),
            on="_place",
            how="left",
        )
        .select("_pair", "_at", "url", "name")
    )
    by_name = (
        counts.filter(~pl.col("_has_urls"))
        .join(names, on="_to", how="inner")
        .select("_pair", "_at", pl.lit(None, pl.String).alias("url"), "name")
    )
    by_pair = (
        pl.concat([one, by_url, by_name])
        .sort("_pair", "_at")
        .select("_pair", pl.col("url").cast(pl.Categorical), pl.col("name").cast(pl.Categorical))
    )
    blank = cells.filter(_strip(pl.col("text")) == "").get_column("_urls")
    return _Addressed(by_pair, names, urls, blank)


def _strip(text: pl.Expr) -> pl.Expr:
    """Python's ``str.strip()`` (whose whitespace includes \\x1c-\\x1f, unlike Rust's)."""
    return text.str.strip_chars(PY_WHITESPACE)


def _addressees(tos: pl.DataFrame, owner_names: Set[str], known_names: Set[str]) -> pl.DataFrame:
    """(``_to``, ``_at``, ``name``): `split_to` of each distinct TO cell (code, text), in
    order, without the owner's names and LinkedIn's hidden sender."""
    frame = tos.with_columns(
        _strip(pl.col("text")).alias("_whole"), pl.col("text").str.contains(_BARE).alias("_split")
    )
    # A cell with a bare comma stays whole when it is a connection's name (``Doe,PhD``).
    bare = frame.filter(pl.col("_split"))
    known_keys = pl.Series(list(known_names), dtype=pl.String).implode()
    known = bare.filter(
        normalise_name_series(bare.get_column("text")).is_in(known_keys).fill_null(False)
    )
    frame = frame.with_columns(
        pl.col("_split") & ~pl.col("_to").is_in(known.get_column("_to").implode())
    )
    names = pl.concat(
        [
            frame.filter(~pl.col("_split") & (pl.col("_whole") != "")).select(
                "_to", pl.col("_whole").alias("name")
            ),
            frame.filter(pl.col("_split"))
            .select("_to", pl.col("text").str.extract_all(_PIECE).alias("name"))
            .explode("name")
            .with_columns(_strip(pl.col("name")))
            .filter(pl.col("name") != ""),
        ]
    )
    key = normalise_name_series(names.get_column("name"))
    dropped = (key.is_in(sorted(owner_names)) | (key == HIDDEN_SENDER)).fill_null(False)
    return names.filter(~dropped).with_columns(_place("_to"))


def _addressed_urls(cells: pl.DataFrame, owner_url: str | None) -> pl.DataFrame:
    """(``_urls``, ``_at``, ``url``): the distinct profile URLs of each RECIPIENT PROFILE URLS
    cell (code, text), in order, without the owner's."""
    pieces = cells.select(
        "_urls", pl.col("text").str.replace_all(";", ",", literal=True).str.split(",").alias("url")
    ).explode("url")
    pieces = pieces.with_columns(normalise_url_series(pieces.get_column("url")))
    kept = pl.col("url").is_not_null()
    if owner_url is not None:
        kept &= pl.col("url") != owner_url
    pieces = pieces.filter(kept)
    # A URL listed twice in a cell counts once: (cell, URL) codes packed in one number.
    url = pl.col("url").cast(pl.Categorical).to_physical()
    return pieces.filter(packed(pl.col("_urls"), url).is_first_distinct()).with_columns(
        _place("_urls")
    )


def _place(group: str) -> pl.Expr:
    """``_at``: each row's place in its run of equal `group` values (rows of one group are
    contiguous here, so no group-by is needed)."""
    row = pl.int_range(pl.len(), dtype=pl.UInt32)
    start = pl.when(pl.col(group).is_first_distinct()).then(row).forward_fill()
    return (row - start).alias("_at")


def _participants(
    frame: pl.DataFrame, addressed: _Addressed, owner_url: str | None
) -> pl.DataFrame:
    """Distinct people per thread (by code), the owner included (senders plus every
    addressee)."""
    # A pair's people are its URL cell's URLs, or (a blank or missing URL cell) its TO cell's
    # names: so the distinct (thread, sender URL), (thread, sender name), (thread, URL cell) and
    # (thread, TO cell) of the used rows, on codes packed two in a number, in one pass.
    used = frame.lazy().filter(pl.col(SKIP).is_null())
    thread = pl.col("CONVERSATION ID").to_physical()
    url, sender = pl.col("_sender_url").to_physical(), pl.col("FROM").to_physical()
    cell = _codes(frame, "RECIPIENT PROFILE URLS")
    named = cell.is_null() | cell.is_in(addressed.blank.implode())
    by_url, by_name, by_cell, by_to = pl.collect_all(
        [
            used.select(packed(thread, url).alias("key")).drop_nulls().unique(),
            used.filter(url.is_null())
            .select(packed(thread, sender).alias("key"))
            .drop_nulls()
            .unique(),
            used.select(packed(thread, cell).alias("key")).drop_nulls().unique(),
            used.filter(named)
            .select(packed(thread, _codes(frame, "TO")).alias("key"))
            .drop_nulls()
            .unique(),
        ]
    )
    dtypes = frame.schema
    keys = pl.concat(
        [
            _unpacked(by_url, dtypes["_sender_url"]).select(
                "thread_id", pl.col("value").cast(pl.String).alias("key")
            ),
            _unpacked(by_name, dtypes["FROM"]).select(
                "thread_id", (pl.lit("n:") + _lower_expr(pl.col("value"))).alias("key")
            ),
            _unpacked(by_cell)
            .join(addressed.urls, left_on="value", right_on="_urls")
            .select("thread_id", pl.col("url").alias("key")),
            _unpacked(by_to)
            .join(addressed.names, left_on="value", right_on="_to")
            .select("thread_id", (pl.lit("n:") + pl.col("name").str.to_lowercase()).alias("key")),
        ]
    ).drop_nulls()
    if owner_url is not None:
        keys = keys.filter(pl.col("key") != owner_url)
    return keys.group_by("thread_id").agg(
        (pl.col("key").n_unique() + 1).cast(pl.Int32).alias("participants")
    )


def _codes(frame: pl.DataFrame, name: str) -> pl.Expr:
    """A Categorical column's codes, or null codes when the file lacks the column."""
    return pl.col(name).to_physical() if name in frame.columns else pl.lit(None, pl.UInt32)


def _unpacked(packed: pl.DataFrame, dtype: pl.DataType | None = None) -> pl.DataFrame:
    """(``thread_id``, ``value``) from `packed` keys: codes, the value decoded to `dtype`."""
    key = packed.get_column("key")
    value = (key % HALF).cast(pl.UInt32)
    return pl.DataFrame(
        {
            "thread_id": (key // HALF).cast(pl.UInt32),
            "value": value if dtype is None else decode(value, dtype),
        }
    )


def _lower_expr(names: pl.Expr) -> pl.Expr:
    return names.cast(pl.String).str.strip_chars().str.to_lowercase()
