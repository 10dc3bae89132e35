"""messages.csv in all six eras (FORMATS §2.2): one event per counterpart, noise counted.

Everything runs as polars expressions over the whole file; only the distinct ``TO`` /
``RECIPIENT PROFILE URLS`` pairs (a few per thread) go through Python, to split recipients.
Recipients come from the URL column, never from splitting ``TO`` on commas; only files from before
mid-2023 without that column fall back to FORMATS' heuristic on ``TO``.
"""

from __future__ import annotations

import re
from collections.abc import Set

import polars as pl

from netscan.errors import MissingColumns
from netscan.i18n import gettext
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
    normalise_name,
    normalise_name_series,
    normalise_url,
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
# Columns `condense` stores as Categorical.
DICTIONARY_ENCODED = (
    "CONVERSATION ID",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
)
HIDDEN_SENDER = "linkedin member"
_BARE_COMMA = re.compile(r",(?! )")
# What `condense` keeps of CONTENT: the visible length, the promotion markers, a fingerprint.
LENGTH = "_content_length"
PROMOTION = "_content_promotion"
FINGERPRINT = "_content_fingerprint"
# One character per HTML entity: named, decimal and hex entities all unescape to one character.
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"


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
    # back to String only where they need its text.
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
    return frame.with_columns(
        content.str.replace_all(r"<[^>]*>", "")
        .str.replace_all(_ENTITY, "_")
        .str.len_chars()
        .fill_null(0)
        .cast(pl.Int32)
        .alias(LENGTH),
        (
            content.str.contains("spinmail-quill-editor", literal=True)
            | content.str.contains("%FIRSTNAME%", literal=True)
        ).alias(PROMOTION),
        pl.when(content.is_not_null()).then(content.hash()).alias(FINGERPRINT),
    ).drop("CONTENT")


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


def _recipients(
    to: str | None,
    urls: str | None,
    owner_url: str | None,
    owner_names: Set[str],
    known_names: Set[str],
) -> list[dict[str, str | None]]:
    """The non-owner people a row was addressed to, as {url, name} (URL column first)."""
    names = [n for n in split_to(to, known_names) if normalise_name(n) not in owner_names]
    names = [n for n in names if normalise_name(n) != HIDDEN_SENDER]
    if urls is not None and urls.strip():
        found = [normalise_url(piece) for piece in re.split(r"[,;]", urls)]
        url_list = [url for url in dict.fromkeys(found) if url is not None and url != owner_url]
        if len(url_list) == 1 and len(names) >= 1:
            # One recipient: TO is that person's name, commas and all.
            whole = [to.strip()] if to and len(names) > 1 else names
            return [{"url": url_list[0], "name": whole[0]}]
        paired = names if len(names) == len(url_list) else [None] * len(url_list)
        return [{"url": url, "name": name} for url, name in zip(url_list, paired, strict=True)]
    return [{"url": None, "name": name} for name in names]


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
    frame = condense(table.frame)
    if not ({"FROM", "DATE"} <= set(frame.columns)):
        raise MissingColumns(
            f"{name} lacks the FROM and DATE columns every messages.csv has.",
            "Use the messages.csv file from LinkedIn's 'Download your data' export.",
        )
    modern = table.has("CONVERSATION ID")
    row_columns = list(frame.columns)
    title = column(frame, "CONVERSATION TITLE")
    folder = column(frame, "FOLDER").str.to_uppercase()
    sender = frame.get_column("FROM").cast(pl.String)
    frame = frame.with_columns(
        parse_datetime(frame.get_column("DATE")).alias("at"),
        (
            # Dictionary-encoded: each distinct URL is normalised once (0.25 s → 0.04 s).
            normalise_url_series(frame.get_column("SENDER PROFILE URL"))
            if table.has("SENDER PROFILE URL")
            else pl.lit(None, pl.String)
        ).alias("_sender_url"),
        sender.str.strip_chars().str.to_lowercase().alias("_from_lower"),
        (pl.col(LENGTH) if LENGTH in frame.columns else pl.lit(0, pl.Int32)).alias("length"),
    )
    draft = column(frame, "IS MESSAGE DRAFT").str.to_lowercase() == "yes"
    if modern:
        draft = draft.fill_null(False) | (
            pl.col("CONVERSATION ID").is_null() & column(frame, "FOLDER").is_null()
        )
    sponsored = column(frame, PROMOTION).cast(pl.Boolean) | (
        title.str.to_lowercase() == "sponsored conversation"
    )
    if table.has("SENDER PROFILE URL"):
        sponsored = sponsored.fill_null(False) | (
            pl.col("_sender_url").is_null()
            & title.is_not_null()
            & (pl.col("_from_lower") != HIDDEN_SENDER)
        )
    frame = with_skips(
        frame,
        [
            (SkipReason.DRAFT, draft),
            (SkipReason.SPAM, folder == "SPAM"),
            (SkipReason.SPONSORED, sponsored),
            (SkipReason.LINKEDIN_MEMBER, pl.col("_from_lower") == HIDDEN_SENDER),
            (SkipReason.UNPARSEABLE_DATE, pl.col("at").is_null()),
            (SkipReason.IMPLAUSIBLE_DATE, window.outside(pl.col("at"))),
            (SkipReason.DUPLICATE, pl.lit(duplicate_flags(frame.select(row_columns)))),
        ],
    )
    if modern or table.has("SENDER PROFILE URL"):
        outgoing = (
            pl.col("_sender_url") == owner_url
            if owner_url is not None
            else pl.col("_from_lower").is_in(sorted(owner_names))
        )
        if owner_url is not None and owner_names:
            # Rows whose sender URL is blank but whose name is the owner's (rare, hidden URL).
            outgoing = outgoing.fill_null(False) | (
                pl.col("_sender_url").is_null()
                # From the dictionary-encoded column: each distinct sender normalised once.
                & pl.Series(_normalised_names(frame.get_column("FROM"))).is_in(sorted(owner_names))
            )
    else:
        outgoing = column(frame, "DIRECTION").str.to_uppercase() == "OUTGOING"
    frame = frame.with_columns(outgoing.fill_null(False).alias("_out"))

    # Distinct (TO, URLS) pairs → recipients, computed once each in Python. Rows carry only the
    # pair's number and recipient count; the recipients stay in a flat (pair, url, name) frame
    # until events are built (a list per row would copy every group chat's names a million times).
    to_col = column(frame, "TO").alias("_to")
    urls_col = column(frame, "RECIPIENT PROFILE URLS").alias("_urls")
    frame = frame.with_columns(to_col, urls_col)
    pairs = frame.filter(pl.col(SKIP).is_null()).select("_to", "_urls").unique()
    counts: list[int] = []
    flat_pair: list[int] = []
    flat_url: list[str | None] = []
    flat_name: list[str | None] = []
    for number, (to, urls) in enumerate(pairs.iter_rows()):
        found = _recipients(to, urls, owner_url, owner_names, known_names)
        counts.append(len(found))
        flat_pair.extend([number] * len(found))
        flat_url.extend(person["url"] for person in found)
        flat_name.extend(person["name"] for person in found)
    pairs = pairs.with_columns(
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("_pair"),
        pl.Series("_count", counts, dtype=pl.UInt32),
    )
    # Joined on the two key columns alone: a join copies every column it carries.
    numbered = frame.select("_to", "_urls").join(
        pairs, on=["_to", "_urls"], how="left", nulls_equal=True, maintain_order="left"
    )
    frame = frame.drop("_to", "_urls").with_columns(
        numbered.get_column("_pair"), numbered.get_column("_count")
    )
    del numbered
    recipients = pl.DataFrame(
        {"_pair": flat_pair, "url": flat_url, "name": flat_name},
        schema={"_pair": pl.UInt32, "url": pl.String, "name": pl.String},
    )

    in_counterpart = pl.col("_sender_url").is_not_null() | pl.col("FROM").is_not_null()
    has_counterpart = (
        pl.when(pl.col("_out")).then(pl.col("_count").fill_null(0) > 0).otherwise(in_counterpart)
    )
    frame = frame.with_columns(
        pl.when(pl.col(SKIP).is_null() & ~has_counterpart)
        .then(pl.lit(str(SkipReason.NO_COUNTERPART)))
        .otherwise(pl.col(SKIP))
        .alias(SKIP)
    )
    # Only the columns events need are filtered (a filter copies what it carries).
    used = frame.select(
        column(frame, "CONVERSATION ID").alias("thread_id"),
        "at",
        "length",
        "_sender_url",
        "FROM",
        "_from_lower",
        "_out",
        "_pair",
        SKIP,
    ).filter(pl.col(SKIP).is_null())
    frame = frame.select(SKIP, "at")

    participants = _participants(used, recipients, owner_url) if modern else None
    out_events = (
        used.filter(pl.col("_out"))
        .select("thread_id", "at", "length", "_pair")
        .join(recipients, on="_pair", how="inner", maintain_order="left")
        .drop("_pair")
        .with_columns(pl.lit(str(Direction.OUT)).alias("direction"))
    )
    in_events = used.filter(~pl.col("_out")).select(
        "thread_id",
        "at",
        "length",
        pl.col("_sender_url").alias("url"),
        pl.col("FROM").cast(pl.String).alias("name"),
        pl.lit(str(Direction.IN)).alias("direction"),
    )
    events = pl.concat([out_events.select(in_events.columns), in_events])
    if participants is not None:
        events = events.join(participants, on="thread_id", how="left")
    events = raw_events(
        events.with_columns(
            pl.lit(str(EventKind.MESSAGE)).alias("kind"), pl.lit(name).alias("source")
        )
    )
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


def _normalised_names(names: pl.Series) -> pl.Series:
    return normalise_name_series(names)


def _participants(
    used: pl.DataFrame, recipients: pl.DataFrame, owner_url: str | None
) -> pl.DataFrame:
    """Distinct people per thread, the owner included (senders plus every addressee)."""
    keys = pl.concat(
        [
            used.select(
                "thread_id",
                pl.coalesce(pl.col("_sender_url"), pl.lit("n:") + pl.col("_from_lower")).alias(
                    "key"
                ),
            ),
            used.select("thread_id", "_pair")
            .unique()
            .join(recipients, on="_pair", how="inner")
            .select(
                "thread_id",
                pl.coalesce(pl.col("url"), pl.lit("n:") + pl.col("name").str.to_lowercase()).alias(
                    "key"
                ),
            ),
        ]
    ).drop_nulls()
    if owner_url is not None:
        keys = keys.filter(pl.col("key") != owner_url)
    return keys.group_by("thread_id").agg(
        (pl.col("key").n_unique() + 1).cast(pl.Int32).alias("participants")
    )
