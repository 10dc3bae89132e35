"""Being known and giving value: who starts conversations, who vouches, who introduces.

SPEC: "It matters less how many people you know than that you are known (people come to you,
reply, vouch for you) and what value you give (endorsements, recommendations, introductions)."
Everything here is counted from EVENTS (as `summarise_events` condenses it); a share is None
when the export holds nothing to divide.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

import polars as pl

from netscan.diagnosis.events import EventSummary
from netscan.diagnosis.types import Reciprocity
from netscan.model import Direction, EventKind

_NONE: frozenset[str] = frozenset()


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole > 0 else None


def count_introductions(threads: pl.DataFrame, foci: Mapping[str, frozenset[str]]) -> int:
    """Group threads the owner started that joined at least two contacts not yet linked.

    Two contacts count as linked when they share an imputed focus (employer, tenure) or met
    in an earlier group thread; threads are taken in the order they started.
    """
    met: set[tuple[str, str]] = set()
    introductions = 0
    for first, participants, members in threads.select(
        "first_direction", "participants", "members"
    ).iter_rows():
        if participants is None or participants <= 2 or len(members) < 2:
            continue
        pairs = list(itertools.combinations(members, 2))
        # Only a thread the owner started can be an introduction; any one new pair makes it so.
        if first == Direction.OUT and any(
            (a, b) not in met and not (foci.get(a, _NONE) & foci.get(b, _NONE)) for a, b in pairs
        ):
            introductions += 1
        met.update(pairs)
    return introductions


def reciprocity(events: EventSummary, foci: Mapping[str, frozenset[str]]) -> Reciprocity:
    """Being-known and giving numbers from the summarised EVENTS; `foci` from the imputed ties."""
    threads = events.threads
    by_others = threads.filter(pl.col("first_direction") == Direction.IN)
    answered = by_others.filter(pl.col("owner_wrote")).height
    counts: dict[tuple[str, str], int] = {
        (kind, direction): n
        for kind, direction, n in events.others.group_by("kind", "direction").len().iter_rows()
    }

    def count(kind: str, direction: str) -> int:
        return counts.get((kind, direction), 0)

    inv_in = count(EventKind.INVITATION, Direction.IN)
    inv_out = count(EventKind.INVITATION, Direction.OUT)
    return Reciprocity(
        invitations_received=inv_in,
        invitations_sent=inv_out,
        invitations_received_share=_share(inv_in, inv_in + inv_out),
        conversations=threads.height,
        conversations_started_by_others=by_others.height,
        started_by_others_share=_share(by_others.height, threads.height),
        endorsements_received=count(EventKind.ENDORSEMENT, Direction.IN),
        recommendations_received=count(EventKind.RECOMMENDATION, Direction.IN),
        endorsements_given=count(EventKind.ENDORSEMENT, Direction.OUT),
        recommendations_given=count(EventKind.RECOMMENDATION, Direction.OUT),
        incoming_threads=by_others.height,
        answered_threads=answered,
        reply_share=_share(answered, by_others.height),
        introductions=count_introductions(threads, foci),
    )
