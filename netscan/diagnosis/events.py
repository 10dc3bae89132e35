"""EVENTS condensed once per diagnosis: one row per message thread, messages per day, and the
few events that are not messages.

Reciprocity (who wrote first, was it answered), introductions, the imputed group-thread ties and
`approached` all read the same per-thread facts, and activity only counts per day; grouping a
million message rows once here instead of once in each of those modules is most of what they
cost.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from netscan.model import Direction, EventKind

# One row per message thread, ordered by (started, thread_id).
THREADS = pl.Schema(
    {
        "thread_id": pl.String(),
        # The first message, ties on the timestamp broken by direction, then contact id.
        "first_direction": pl.String(),
        "first_contact": pl.String(),
        "owner_wrote": pl.Boolean(),
        "participants": pl.Int32(),  # the most any message of the thread says
        "started": pl.Datetime("us", "UTC"),
        # Every contact of a thread with more than 2 participants (sorted); empty otherwise.
        "members": pl.List(pl.String()),
        # The contacts on its messages that themselves say more than 2 participants (sorted).
        "group_members": pl.List(pl.String()),
    }
)


# Messages per UTC day and direction; an owner's message to a group counts once.
DAILY = pl.Schema({"day": pl.Date(), "direction": pl.String(), "messages": pl.UInt32()})


@dataclass(frozen=True, slots=True)
class EventSummary:
    """`threads` (THREADS), `daily` (DAILY) and `others`: the EVENTS rows that are not messages
    (invitations, endorsements, recommendations — a few thousand rows beside a million)."""

    threads: pl.DataFrame
    daily: pl.DataFrame
    others: pl.DataFrame


def _sorted_lists(pairs: pl.LazyFrame, name: str) -> pl.LazyFrame:
    """(thread_id, contact_id) pairs as one sorted list of distinct contacts per thread."""
    return (
        pairs.filter(pl.col("contact_id").is_not_null())
        .unique()
        .group_by("thread_id")
        .agg(pl.col("contact_id").sort().alias(name))
    )


def summarise_events(events: pl.DataFrame) -> EventSummary:
    """The per-thread table and the non-message rows of `events`."""
    messages = events.lazy().filter(
        (pl.col("kind") == EventKind.MESSAGE) & pl.col("thread_id").is_not_null()
    )
    at = pl.col("at")
    threads = messages.group_by("thread_id").agg(
        (pl.col("direction") == Direction.OUT).any().alias("owner_wrote"),
        pl.col("participants").max().alias("participants"),
        at.min().alias("started"),
        (
            (pl.col("participants").min() < pl.col("participants").max())
            | (pl.col("participants").null_count() > 0)
        ).alias("_mixed"),
    )
    # Member lists only for group threads, from the distinct (thread, contact) pairs: listing
    # every thread's members costs more than all the rest of this table.
    is_group = pl.col("participants") > 2
    group = _sorted_lists(
        messages.filter(is_group).select("thread_id", "contact_id"), "group_members"
    )
    table = threads.join(group, on="thread_id", how="left").collect()
    # A thread whose messages disagree on the participant count (two exports merged) lists its
    # members from every message, not only those saying "group".
    mixed = table.filter(pl.col("_mixed") & is_group).select("thread_id")
    members = pl.col("group_members")
    if mixed.height:
        every = _sorted_lists(
            messages.join(mixed.lazy(), on="thread_id", how="semi").select(
                "thread_id", "contact_id"
            ),
            "every",
        ).collect()
        table = table.join(every, on="thread_id", how="left")
        members = pl.coalesce("every", "group_members")
    empty = pl.lit([], dtype=pl.List(pl.String))
    table = table.with_columns(
        members=pl.when(is_group).then(members.fill_null(empty)).otherwise(empty),
        group_members=pl.col("group_members").fill_null(empty),
    )
    table = table.join(
        _first_messages(messages, table.select("thread_id", "started")), on="thread_id", how="left"
    )
    others = events.filter(pl.col("kind") != EventKind.MESSAGE)
    return EventSummary(
        threads=table.select(list(THREADS)).sort("started", "thread_id"),
        daily=_daily(events, _thread_key(table.get_column("thread_id"))),
        others=others,
    )


def _first_messages(messages: pl.LazyFrame, starts: pl.DataFrame) -> pl.DataFrame:
    """Direction and contact of each thread's first message: the earliest, ties on the time
    broken by direction, then contact id (nulls first, as a sort puts them).

    Only a message at its thread's start (`starts`: thread_id, started) or with no time (which
    sorts before it) can come first: a few per thread, found by their time, and only those are
    sorted, instead of every thread's messages.
    """
    at = pl.col("at")
    times = starts.get_column("started").unique().implode()
    return (
        messages.filter(at.is_null() | at.is_in(times))
        .select("thread_id", "at", "direction", "contact_id")
        .join(starts.lazy(), on="thread_id")
        .filter(at.is_null() | (at == pl.col("started")))
        .group_by("thread_id")
        .agg(
            pl.col(column).sort_by([at, pl.col("direction"), pl.col("contact_id")]).first()
            .alias(name)
            for column, name in (("direction", "first_direction"), ("contact_id", "first_contact"))
        )
        .collect()
    )


def _thread_key(thread_ids: pl.Series) -> pl.Expr:
    """The thread id's 64-bit hash when no two of `thread_ids` (every message thread) share one,
    else the id itself: grouping on the hash is twice as fast and, checked so, the same."""
    if thread_ids.hash().n_unique() == thread_ids.len():
        return pl.when(pl.col("thread_id").is_not_null()).then(pl.col("thread_id").hash())
    return pl.col("thread_id")


def _daily(events: pl.DataFrame, thread: pl.Expr) -> pl.DataFrame:
    """DAILY: a group message sent by the owner yields one event per recipient, so outgoing
    events are de-duplicated on (`thread`, time) first."""
    messages = events.lazy().filter(pl.col("kind") == EventKind.MESSAGE)
    day = pl.col("at").dt.date().alias("day")
    at = pl.col("at")
    sent = messages.filter(pl.col("direction") == Direction.OUT).select(
        thread.alias("thread"), "at"
    )
    times = events.get_column("at")
    if times.null_count() == 0 and times.is_sorted():
        # In time order, two events can share (thread, time) only inside a run of equal times:
        # the events alone at their time are counted as they are, only the runs de-duplicated.
        tied = ((at == at.shift(1)) | (at == at.shift(-1))).fill_null(False)
        sent = sent.with_columns(tied=tied)
        sent = pl.concat(
            [
                sent.filter(~pl.col("tied")).select("at"),
                sent.filter(pl.col("tied")).select("thread", "at").unique(keep="any").select("at"),
            ]
        )
    else:
        sent = sent.unique(keep="any")
    per_day = [
        frame.group_by(day).len("messages").with_columns(direction=pl.lit(direction.value))
        for frame, direction in (
            (sent, Direction.OUT),
            (messages.filter(pl.col("direction") == Direction.IN), Direction.IN),
        )
    ]
    return pl.concat(pl.collect_all(per_day)).select(list(DAILY))
