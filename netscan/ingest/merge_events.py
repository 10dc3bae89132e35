"""The events side of the merge: each event's counterpart mention, and the final event order.

A million messages name a few thousand distinct counterparts. Each distinct mention is resolved
once; events only carry the mention's number and, after resolution, the contact's rank among the
sorted contact ids (an integer sorts as the id does, and gathers for far less than the text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl

from netscan.ingest.codes import HALF, packed
from netscan.model import EVENT_ORDER

Ranks = npt.NDArray[np.uint32]

MENTION = ("url", "email", "name", "source")
_KEY = "\x1f"
# Dictionary codes are below 2**32 - 1, which stands for a null in a packed pair.
_NULL_CODE = 2**32 - 1
# In a URL's table entry: not a rank (ranks stay below 2**32 - 1, "no contact"): the URL's
# events need their name to tell their contact.
_MIXED = np.uint32(2**32 - 2)


@dataclass(frozen=True, slots=True)
class Keyed:
    """One events frame's mentions: each event's key, and the distinct keys with their mention.

    The key of a frame from one file (one source, no e-mails: every reader's) is its (URL, name)
    pair of dictionary codes packed in one integer, far cheaper to group than four columns.
    """

    frame: pl.DataFrame
    keys: pl.DataFrame
    distinct: pl.DataFrame
    packed: bool


def event_mentions(frames: Sequence[pl.DataFrame]) -> tuple[pl.DataFrame, list[Keyed]]:
    """The distinct mentions (MENTION as text, in the order the merge resolves them: by their
    joined text), and each frame's events keyed to their mention's number."""
    keyed = [_keyed(frame) for frame in frames]
    every = pl.concat([text for _, text in keyed]).with_columns(
        pl.concat_str([pl.col(c).fill_null("") for c in MENTION], separator=_KEY).alias("_key")
    )
    # Mentions whose texts join alike (a null beside an empty string) are one mention.
    mentions = every.unique("_key", keep="first", maintain_order=True).sort("_key")
    numbered = mentions.select("_key", pl.int_range(pl.len(), dtype=pl.UInt32).alias("mention"))
    mention = every.join(numbered, on="_key", how="left", maintain_order="left")["mention"]
    result: list[Keyed] = []
    offset = 0
    for one, _ in keyed:
        height = one.distinct.height
        distinct = one.distinct.with_columns(mention.slice(offset, height))
        offset += height
        result.append(Keyed(one.frame, one.keys, distinct, one.packed))
    return mentions.select(MENTION), result


def _keyed(frame: pl.DataFrame) -> tuple[Keyed, pl.DataFrame]:
    """(the frame keyed, mention still unnumbered; its distinct mentions as text)."""
    source = frame.get_column("source")
    by_codes = (
        frame.get_column("email").null_count() == frame.height
        and source.null_count() == 0
        and bool((source == source[0]).all())
        and all(frame.schema[c] == pl.Categorical for c in ("url", "name"))
    )
    if by_codes:
        code = [
            pl.col(c).to_physical().cast(pl.UInt64).fill_null(_NULL_CODE) for c in ("url", "name")
        ]
        keys = frame.select(packed(code[0], code[1]).alias("_k"))
        first = keys.get_column("_k").is_first_distinct()
        text = frame.select("url", "name").filter(first)
        text = text.select(
            pl.col("url").cast(pl.String),
            pl.lit(None, pl.String).alias("email"),
            pl.col("name").cast(pl.String),
            pl.lit(source[0], pl.String).alias("source"),
        )
        distinct = keys.filter(first)
    else:
        keys = frame.select(MENTION)
        distinct = keys.unique(maintain_order=True)
        text = distinct.select(pl.col(c).cast(pl.String) for c in MENTION)
    return Keyed(frame, keys, distinct, by_codes), text


def event_ranks(keyed: Sequence[Keyed], rank_of_mention: Ranks) -> Ranks:
    """Each event's contact rank (that of its mention), frames concatenated."""
    ranks = pl.Series(rank_of_mention)
    return np.concatenate([_ranks(one, ranks) for one in keyed])


def _ranks(keyed: Keyed, ranks: pl.Series) -> Ranks:
    """One frame's event ranks, given each mention's."""
    distinct = keyed.distinct.with_columns(ranks.gather(keyed.distinct["mention"]).alias("_r"))
    if not keyed.packed:
        on = list(MENTION)
        joined = keyed.keys.join(
            distinct, on=on, how="left", nulls_equal=True, maintain_order="left"
        )
        return joined["_r"].to_numpy().astype(np.uint32)
    # Nearly every URL names one contact whatever the name beside it: a table indexed by the
    # URL's dictionary code gives those; the rest (no URL, or a URL whose name decides) join on
    # the packed pair.
    codes = keyed.frame.get_column("url").to_physical()
    highest = codes.max()
    null_code = (highest if isinstance(highest, int) else 0) + 1
    urls = (
        distinct.select((pl.col("_k") // HALF).alias("_u"), "_r")
        .group_by("_u")
        .agg(pl.col("_r").first(), pl.col("_r").n_unique().alias("_n"))
    )
    named = urls.filter((pl.col("_n") == 1) & (pl.col("_u") != _NULL_CODE))
    table = np.full(null_code + 1, _MIXED, dtype=np.uint32)
    table[named["_u"].to_numpy()] = named["_r"].to_numpy()
    found: Ranks = table[(codes.fill_null(null_code) if codes.null_count() else codes).to_numpy()]
    if named.height < urls.height:
        mixed = np.flatnonzero(found == _MIXED)
        rest = keyed.keys.select(pl.col("_k").gather(pl.Series(mixed, dtype=pl.UInt32)))
        joined = rest.join(distinct, on="_k", how="left", maintain_order="left")
        found[mixed] = joined["_r"].to_numpy()
    return found


@dataclass(frozen=True, slots=True)
class TimeOrder:
    """Row numbers of events by time alone (nulls last) and their timestamps in that order."""

    rows: npt.NDArray[np.int64]
    stamps: npt.NDArray[np.int64]
    nulls: int


def time_order(at: pl.Series) -> TimeOrder:
    """The rows of `at` by time, the first key of `EVENT_ORDER` (numpy's argsort is several
    times faster than polars' on one integer key)."""
    stamps = at.to_physical().fill_null(0).to_numpy()
    order = np.argsort(stamps)
    nulls = at.null_count()
    if nulls:
        present = at.is_not_null().to_numpy()
        order = np.concatenate([order[present[order]], np.flatnonzero(~present)])
    return TimeOrder(order, stamps[order], nulls)


def sort_order(
    events: pl.DataFrame, rows: pl.Series | None = None, timed: TimeOrder | None = None
) -> pl.Series:
    """Row numbers of `events` (of those in `rows` when given) in `EVENT_ORDER`, nulls last.

    Sorting 1.4M rows on seven keys, five of them strings, is slow. Most timestamps are unique,
    so rows are ordered by time alone (`timed`, the `time_order` of all the events, when it is
    already known); rows sharing a timestamp (a message to a group: one event per recipient) by
    time and contact packed in one integer; and only rows sharing both by every key. Rows equal
    on every key are equal in every column, so the result is a full sort's.
    """
    if timed is None:
        timed = time_order(events.get_column("at"))
    found, stamps, nulls = timed.rows, timed.stamps, timed.nulls
    if rows is not None:
        wanted = np.zeros(events.height, dtype=bool)
        wanted[rows.to_numpy()] = True
        kept = wanted[found]
        found, stamps = found[kept], stamps[kept]
        nulls = int(kept[kept.size - nulls :].sum()) if nulls else 0
    # A copy of its own (`timed` may be shared), changed in place below.
    found = found.astype(np.uint32)
    if found.size < 2:
        return pl.Series(found)
    # Where a run of equal timestamps starts; the nulls, last, are one run.
    new = np.empty(found.size, dtype=bool)
    new[0] = True
    new[1:] = stamps[1:] != stamps[:-1]
    if nulls:
        new[found.size - nulls] = True
    tied = ~new
    tied[:-1] |= ~new[1:]
    if tied.any():
        tied_rows = found[tied]
        group = np.cumsum(new[tied], dtype=np.uint64)
        contact = _codes(events.get_column("contact_id").gather(tied_rows)).to_numpy()
        pair_keys = (group << np.uint64(32)) | contact
        within = np.argsort(pair_keys)
        tied_rows, pair_keys = tied_rows[within], pair_keys[within]
        same = np.zeros(pair_keys.size, dtype=bool)
        same[1:] = pair_keys[1:] == pair_keys[:-1]
        same[:-1] |= same[1:]
        if same.any():
            # Same time, same contact: every key decides (a handful of rows).
            rest = tied_rows[same]
            keys = events.select(
                pl.col(EVENT_ORDER[2:]).gather(pl.Series(rest, dtype=pl.UInt32)),
                pl.Series("_p", pair_keys[same]),
            )
            by_all = keys.select(pl.arg_sort_by("_p", *EVENT_ORDER[2:], nulls_last=True))
            tied_rows[same] = rest[by_all.to_series().to_numpy()]
        found[tied] = tied_rows
    return pl.Series(found)


def _codes(contact: pl.Series) -> pl.Series:
    """Contact keys as UInt64 codes below 2**32 in their sort order, nulls last."""
    if not contact.dtype.is_unsigned_integer():
        contact = contact.rank("dense")
    return contact.cast(pl.UInt64).fill_null(_NULL_CODE)


def category_text(column: pl.Series) -> pl.Series:
    """A Categorical column as String, each distinct value's text made once and shared.

    Casting writes every row's text anew (1.4M thread ids of ~40 bytes); gathering from the
    distinct texts copies only the 16-byte views.
    """
    codes = column.to_physical()
    first = codes.is_first_distinct()
    highest = codes.max()
    null_code = (highest if isinstance(highest, int) else 0) + 1
    distinct = codes.filter(first).fill_null(null_code).to_numpy()
    position = np.zeros(null_code + 1, dtype=np.uint32)
    position[distinct] = np.arange(distinct.size, dtype=np.uint32)
    texts = column.filter(first).cast(pl.String)
    return texts.gather(pl.Series(position[codes.fill_null(null_code).to_numpy()]))


def sorted_events(events: pl.DataFrame) -> pl.DataFrame:
    """`events` sorted by `EVENT_ORDER` (nulls last)."""
    return events[sort_order(events)]
