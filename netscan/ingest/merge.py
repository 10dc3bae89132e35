"""Resolve every person mention to one contact and build the CONTACTS and EVENTS tables.

People are de-duplicated by normalised profile URL, then e-mail, then normalised name. A name
match is accepted only when it is unambiguous and the candidate has no different URL, so two
namesakes with their own profiles never merge; and never between two rows of one file, since a
Connections file lists each connection once (old exports have no URL to tell namesakes apart).
Connections are resolved first, so counterparts attach to them; whoever is left becomes an
`in_network=False` person ("other people").

The rules read one mention at a time (`merge_directory.Directory`); `merge_bulk` gives the same
people with joins, replaying only the mentions that could interact through those rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import polars as pl

from netscan.ingest.frames import FileResult
from netscan.ingest.identity import (
    normalise_email_series,
    normalise_name_series,
    normalise_url_series,
)
from netscan.ingest.merge_bulk import FIELDS, NO_CONTACT, ROWS, resolve
from netscan.ingest.merge_events import (
    MENTION,
    TimeOrder,
    category_text,
    event_mentions,
    event_ranks,
    sort_order,
    time_order,
)
from netscan.ingest.owner import OwnerKeys
from netscan.model import EVENTS, MatchRates


def merge(
    results: Sequence[FileResult], owner: OwnerKeys
) -> tuple[pl.DataFrame, pl.DataFrame, MatchRates]:
    """CONTACTS, EVENTS and the match rates of event counterparts against the owner's network."""
    frames = [r.events for r in results if r.events.height]
    if not frames:
        mentions = pl.DataFrame(schema=dict.fromkeys(MENTION, pl.String))
        resolved = resolve(pl.concat([_people_rows(results), _mention_rows(mentions)]), owner)
        return resolved.contacts, pl.DataFrame(schema=EVENTS), resolved.rates
    with ThreadPoolExecutor(max_workers=1) as helper:
        # The people rows, and the events in one frame with their order by time, need no
        # mention resolved: a helper thread makes them (~0.1 s per million events) while this
        # one numbers and resolves the mentions (polars and numpy release the GIL).
        listed = helper.submit(_people_rows, results)
        timed = helper.submit(_by_time, frames)
        mentions, keyed = event_mentions(frames)
        people = listed.result()
        resolved = resolve(pl.concat([people, _mention_rows(mentions)]), owner)
        ranks = event_ranks(keyed, resolved.ranks[people.height :])
        events, by_time = timed.result()
        someone = ranks != NO_CONTACT
        rows = None if someone.all() else pl.Series(np.flatnonzero(someone))
        order = sort_order(events.with_columns(pl.Series("contact_id", ranks)), rows, by_time)
        # The contact ids are gathered on the helper while this thread gathers the rest.
        ids = resolved.contacts.get_column("contact_id")
        gathered = helper.submit(ids.gather, ranks[order.to_numpy()])
        ordered = events[order]
        contact = gathered.result()
    events = ordered.select(
        (
            contact
            if name == "contact_id"
            else pl.col(name)
            if name in ordered.columns
            else pl.lit(None)
        )
        .cast(dtype)
        .alias(name)
        for name, dtype in EVENTS.items()
    )
    return resolved.contacts, events, resolved.rates


def _by_time(frames: Sequence[pl.DataFrame]) -> tuple[pl.DataFrame, TimeOrder]:
    """The events' EVENTS columns in one chunk (a gather across chunks is several times
    slower), thread ids as text, and their order by time."""
    events = pl.concat(
        [frame.select(name for name in EVENTS.names() if name in frame.columns) for frame in frames]
    ).rechunk()
    events = events.with_columns(category_text(events.get_column("thread_id")))
    return events, time_order(events.get_column("at"))


def _people_rows(results: Sequence[FileResult]) -> pl.DataFrame:
    """ROWS of the files that list people, connections first (address-book entries attach)."""
    frames = [
        r.people.with_columns(pl.lit(number, pl.Int32).alias("file"))
        for number, r in enumerate(results)
        if r.people.height
    ]
    if not frames:
        return pl.DataFrame(schema=ROWS)
    people = pl.concat(frames).sort("in_network", descending=True, maintain_order=True)
    return people.select(
        "url",
        normalise_email_series(people.get_column("email")).alias("email"),
        normalise_name_series(people.get_column("full_name")).alias("name"),
        "file",
        pl.col("in_network").fill_null(False),
        "source",
        *FIELDS,
        pl.lit(None, pl.UInt32).alias("mention"),
    ).cast(ROWS)


def _mention_rows(mentions: pl.DataFrame) -> pl.DataFrame:
    """ROWS of the distinct event mentions: people outside the network, named as written."""
    return mentions.select(
        normalise_url_series(mentions.get_column("url")).alias("url"),
        normalise_email_series(mentions.get_column("email")).alias("email"),
        normalise_name_series(mentions.get_column("name")).alias("name"),
        pl.lit(None, pl.Int32).alias("file"),
        pl.lit(False).alias("in_network"),
        "source",
        *(
            (pl.col("name") if field == "full_name" else pl.lit(None)).alias(field)
            for field in FIELDS
        ),
        pl.int_range(pl.len(), dtype=pl.UInt32).alias("mention"),
    ).cast(ROWS)
