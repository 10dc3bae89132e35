"""The score, its sub-scores, confidence and reasons; property tests for the contract."""

from __future__ import annotations

import itertools
import math
import random
from datetime import date, timedelta

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tie_builders import AS_OF, OWNER, contact, contacts_frame, event, events_frame, exchange

from netscan.ties import build_ties
from netscan.ties.config import TieConfig
from netscan.ties.features import compute_features
from netscan.ties.score import score_ties, volume_expr

CONFIG = TieConfig()


def _scored(
    contacts: list[dict[str, object]], events: list[dict[str, object]], config: TieConfig = CONFIG
) -> dict[str, dict[str, object]]:
    features = compute_features(
        contacts_frame(contacts), events_frame(events), OWNER, as_of=AS_OF, config=config
    )
    frame = score_ties(features, as_of=AS_OF, config=config)
    return {row["contact_id"]: row for row in frame.iter_rows(named=True)}


def test_recommendation_only_score_by_hand() -> None:
    # A recommendation exactly one recency half-life (365 days) ago, connected 2018-06-01.
    row = _scored(
        [contact("ann")],
        [event("ann", date(2025, 1, 1), kind="recommendation", direction="in")],
    )["ann"]
    years = (AS_OF - date(2018, 6, 1)).days / 365.25
    dur = 0.5 * math.log(1 + years) / math.log(11)
    assert row["comm"] == 0.0
    assert row["dur"] == pytest.approx(dur)
    assert row["ctx"] == 0.0
    assert row["serv"] == pytest.approx(0.5)
    assert row["struct"] == 0.0
    assert row["score"] == pytest.approx(0.17 * dur + 0.12 * 0.5)
    assert row["confidence"] == "high"
    assert row["reasons"] == "Recommended you in 2025."


def test_bare_connection_scores_zero_with_low_confidence() -> None:
    row = _scored([contact("bob", connected_on=date(2005, 1, 1))], [])["bob"]
    assert row["score"] == 0.0
    assert row["past_peak"] == 0.0
    assert row["confidence"] == "low"
    assert row["reasons"] == (
        "Connected in 2005; no messages, endorsements or shared employer on record."
    )


def test_current_colleague_context_and_discount() -> None:
    day = date(2025, 12, 1)
    rows = _scored(
        [contact("col", company="Globex"), contact("out", company="Elsewhere")],
        [event("col", day), event("out", day)],
    )
    assert rows["col"]["ctx"] == 0.5
    assert rows["out"]["ctx"] == 0.0
    # Volume 1 − (1 + E)^(−0.5); a current colleague's E is discounted to 0.3·E.
    discount = 1 - (1 + 0.3 * 2 ** (-31 / 180)) ** -0.5
    full = 1 - (1 + 2 ** (-31 / 180)) ** -0.5
    months = math.log(1 + 2 ** (-31 / 180)) / math.log(25)
    assert rows["col"]["comm"] == pytest.approx(0.5 * discount + 0.15 * months)
    assert rows["out"]["comm"] == pytest.approx(0.5 * full + 0.15 * months)
    assert rows["col"]["confidence"] == "medium"
    assert rows["col"]["reasons"] == "1 message sent, no reply; current colleague at Globex Inc."


def test_recent_exchange_outranks_a_larger_old_one() -> None:
    rows = _scored(
        [contact("new"), contact("old")],
        exchange("new", date(2025, 9, 1)) + exchange("old", date(2021, 1, 1)) * 40,
    )
    assert rows["new"]["score"] > rows["old"]["score"]
    assert rows["old"]["past_peak"] > rows["new"]["past_peak"]
    assert rows["new"]["reasons"] == "Two-way messages in 1 of the last 12 months."
    assert rows["old"]["reasons"] == "Last two-way contact in Jan 2021."


def test_weights_are_normalised_by_their_sum() -> None:
    doubled = TieConfig(
        weight_comm=1.04, weight_dur=0.34, weight_ctx=0.28, weight_serv=0.24, weight_struct=0.10
    )
    contacts = [contact("ann", company="Globex")]
    events = exchange("ann", date(2025, 10, 1))
    assert _scored(contacts, events, doubled)["ann"]["score"] == pytest.approx(
        _scored(contacts, events)["ann"]["score"]
    )


def test_reasons_are_capped_at_three_phrases() -> None:
    row = _scored(
        [contact("max", company="Acme", connected_on=date(2016, 1, 1))],
        [
            *exchange("max", date(2025, 10, 1)),
            event("max", date(2025, 2, 1), kind="recommendation", direction="in"),
            event("max", date(2025, 3, 1), kind="recommendation", direction="out"),
            event("max", date(2025, 4, 1), kind="endorsement", direction="in"),
        ],
    )["max"]
    assert row["reasons"] == (
        "Two-way messages in 1 of the last 12 months; recommended you in 2025; "
        "you recommended them in 2025."
    )


# -- properties ------------------------------------------------------------------------------

_IDS = ("c0", "c1", "c2", "c3", "c4")
_event = st.tuples(
    st.sampled_from(_IDS),
    st.integers(0, 3000),  # days before AS_OF
    st.sampled_from(("out", "in")),
    st.sampled_from(("message", "message", "message", "endorsement", "recommendation")),
    st.sampled_from((2, 2, 4)),
)
_contact = st.tuples(
    st.sampled_from((None, "Acme", "Globex", "Initech")),
    st.integers(0, 6000),
)


def _frames(
    people: list[tuple[str | None, int]], raw: list[tuple[str, int, str, str, int]]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    contacts = [
        contact(cid, company=company, connected_on=AS_OF - timedelta(days=age))
        for cid, (company, age) in zip(_IDS, people, strict=True)
    ]
    events = [
        event(
            cid,
            AS_OF - timedelta(days=ago),
            direction=direction,
            kind=kind,
            thread=None if participants == 2 else "g",
            participants=participants,
            length=120,
        )
        for cid, ago, direction, kind, participants in raw
    ]
    return contacts_frame(contacts), events_frame(events)


@settings(max_examples=40, deadline=None)
@given(st.lists(_contact, min_size=5, max_size=5), st.lists(_event, max_size=25))
def test_scores_stay_in_unit_interval(
    people: list[tuple[str | None, int]], raw: list[tuple[str, int, str, str, int]]
) -> None:
    contacts, events = _frames(people, raw)
    ties = build_ties(contacts, events, OWNER, as_of=AS_OF, config=CONFIG)
    for column in ("score", "past_peak", "comm", "dur", "ctx", "serv", "struct"):
        assert ties[column].is_between(0.0, 1.0).all(), column
    assert (ties["past_peak"] >= ties["score"]).all()
    assert ties["percentile"].is_between(0.0, 100.0, closed="right").all()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(_contact, min_size=5, max_size=5),
    st.lists(_event, max_size=25),
    st.sampled_from(_IDS),
    st.integers(0, 3000),
)
def test_more_recent_two_way_contact_never_lowers_a_score(
    people: list[tuple[str | None, int]],
    raw: list[tuple[str, int, str, str, int]],
    who: str,
    ago: int,
) -> None:
    contacts, events = _frames(people, raw)
    newest = events.filter(pl.col("contact_id") == who)["at"].max()
    latest_ago = 3000 if newest is None else (AS_OF - newest.date()).days  # type: ignore[union-attr]
    ago = min(ago, latest_ago)  # the new exchange is at least as recent as anything before
    before = build_ties(contacts, events, OWNER, as_of=AS_OF, config=CONFIG)
    extra = events_frame(exchange(who, AS_OF - timedelta(days=ago)))
    after = build_ties(contacts, pl.concat([events, extra]), OWNER, as_of=AS_OF, config=CONFIG)
    score = {r["contact_id"]: r["score"] for r in before.iter_rows(named=True)}
    new_score = {r["contact_id"]: r["score"] for r in after.iter_rows(named=True)}
    assert new_score[who] >= score[who] - 1e-12


@settings(max_examples=30, deadline=None)
@given(
    st.lists(_contact, min_size=5, max_size=5),
    st.lists(_event, max_size=25),
    st.randoms(use_true_random=False),
)
def test_results_do_not_depend_on_row_order(
    people: list[tuple[str | None, int]],
    raw: list[tuple[str, int, str, str, int]],
    rnd: object,
) -> None:
    contacts, events = _frames(people, raw)
    shuffle = getattr(rnd, "shuffle")  # noqa: B009 - hypothesis' Random
    contact_order, event_order = list(range(contacts.height)), list(range(events.height))
    shuffle(contact_order)
    shuffle(event_order)
    first = build_ties(contacts, events, OWNER, as_of=AS_OF, config=CONFIG)
    second = build_ties(
        contacts[contact_order], events[event_order], OWNER, as_of=AS_OF, config=CONFIG
    )
    assert first.equals(second)


def test_messages_at_one_time_sum_the_same_in_any_order() -> None:
    """Found by the property above: messages sharing a timestamp but of different weight were
    summed in input order, and decayed_intensity moved by one bit when they came swapped."""
    people = [(None, 0)] * 5
    raw = [("c0", 0, "out", "message", 2)] * 10 + [
        ("c1", 0, "out", "message", 2),
        ("c1", 0, "out", "message", 4),
        ("c1", 4, "out", "message", 2),
        ("c1", 173, "out", "message", 2),
    ]
    contacts, events = _frames(people, raw)
    first = build_ties(contacts, events, OWNER, as_of=AS_OF, config=CONFIG)
    for seed in range(40):
        order = list(range(events.height))
        random.Random(seed).shuffle(order)
        assert first.equals(build_ties(contacts, events[order], OWNER, as_of=AS_OF, config=CONFIG))


# -- volume and balance (issue 13) -----------------------------------------------------------


def test_volume_term_strictly_increases_from_1_to_500_messages() -> None:
    counts = pl.Series("E", [float(n) for n in range(1, 501)])
    values = pl.DataFrame([counts]).select(volume_expr(pl.col("E"), CONFIG).alias("f"))["f"]
    values = values.to_list()
    steps = [b - a for a, b in itertools.pairwise(values)]
    assert min(steps) > 0
    assert all(0.0 < v < 1.0 for v in values)
    # Not flat past 15 messages, as 1 − e^(−E/3) was: 500 messages still score clearly higher.
    by_count = dict(zip(range(1, 501), values, strict=True))
    assert by_count[500] - by_count[15] > 0.15
    assert by_count[200] - by_count[15] > 0.1


def test_volume_keeps_ranking_real_message_counts() -> None:
    # 15 and 200 messages, both two-way and otherwise alike: the heavier tie scores higher.
    day = date(2025, 12, 1)
    rows = _scored(
        [contact("light"), contact("heavy")],
        exchange("light", day) * 8 + exchange("heavy", day) * 100,
    )
    assert rows["heavy"]["score"] > rows["light"]["score"]


@settings(max_examples=60, deadline=None)
@given(
    low_out=st.integers(1, 19),
    high_out=st.integers(1, 199),
)
def test_balance_cannot_reorder_two_way_contacts_tenfold_apart(low_out: int, high_out: int) -> None:
    # "small": 20 messages, "big": 200, both two-way in the same thread shape; only the balance
    # (how many of them the owner sent) varies. The tenfold-heavier tie stays above.
    day = date(2025, 11, 1)
    events = [
        *(event("small", day, direction="out") for _ in range(low_out)),
        *(event("small", day, direction="in") for _ in range(20 - low_out)),
        *(event("big", day, direction="out") for _ in range(high_out)),
        *(event("big", day, direction="in") for _ in range(200 - high_out)),
    ]
    rows = _scored([contact("small"), contact("big")], events)
    assert rows["small"]["two_way"] and rows["big"]["two_way"]
    assert rows["big"]["score"] > rows["small"]["score"]
    # And the balance itself moves nothing: a 50/50 and a 95/5 exchange of 20 score the same.
    even = _scored(
        [contact("small")],
        [event("small", day, direction=d) for d in ("out", "in") for _ in range(10)],
    )["small"]["score"]
    lopsided = _scored(
        [contact("small")],
        [event("small", day, direction="out") for _ in range(19)]
        + [event("small", day, direction="in")],
    )["small"]["score"]
    assert even == pytest.approx(lopsided)
