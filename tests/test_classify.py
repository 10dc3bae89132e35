"""The class rules, at their edges, and the latent guarantee."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tie_builders import AS_OF, OWNER, contact, contacts_frame, event, events_frame

from netscan.ties import build_ties
from netscan.ties.classify import classify_ties
from netscan.ties.config import TieConfig

CONFIG = TieConfig()


def _days(n: int) -> date:
    return AS_OF - timedelta(days=n)


def _row(**values: object) -> dict[str, object]:
    row: dict[str, object] = {
        "score": 0.0,
        "two_way": False,
        "last_two_way": None,
        "last_recommendation": None,
        "last_trace": None,
        "recommendations_received": 0,
        "recommendations_given": 0,
        "tenure_overlap": False,
        "current_colleague": False,
        "messages_sent": 0,
        "messages_received": 0,
        "endorsements_received": 0,
        "endorsements_given": 0,
        "invitation_note": False,
        "shared_employer": None,
    }
    row.update(values)
    if row["last_two_way"] is not None:
        row["two_way"] = True
    return row


SCHEMA = {
    "score": pl.Float64,
    "two_way": pl.Boolean,
    "last_two_way": pl.Date,
    "last_recommendation": pl.Date,
    "last_trace": pl.Date,
    "recommendations_received": pl.Int64,
    "recommendations_given": pl.Int64,
    "tenure_overlap": pl.Boolean,
    "current_colleague": pl.Boolean,
    "messages_sent": pl.Int64,
    "messages_received": pl.Int64,
    "endorsements_received": pl.Int64,
    "endorsements_given": pl.Int64,
    "invitation_note": pl.Boolean,
    "shared_employer": pl.String,
}


def _classify(row: dict[str, object]) -> str:
    frame = pl.DataFrame([row], schema=SCHEMA)
    return str(classify_ties(frame, as_of=AS_OF, config=CONFIG)["tie_class"].item())


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # strong: S ≥ 0.55 and two-way within 12 months (365 days is within 365.25)
        (_row(score=0.55, last_two_way=_days(365), last_trace=_days(365)), "strong"),
        (_row(score=0.5499, last_two_way=_days(365), last_trace=_days(365)), "medium"),
        (_row(score=0.70, last_two_way=_days(366), last_trace=_days(366)), "medium"),
        # ... or a recommendation within 36 months
        (
            _row(
                score=0.65,
                last_recommendation=_days(1095),
                recommendations_received=1,
                last_trace=_days(1095),
            ),
            "strong",
        ),
        # medium: 0.30 ≤ S with a trace within 36 months, or two-way within 36 months
        (_row(score=0.30, last_trace=_days(300), messages_sent=1), "medium"),
        (_row(score=0.2999, last_trace=_days(300), messages_sent=1), "weak"),
        (_row(score=0.05, last_two_way=_days(1095), last_trace=_days(1095)), "medium"),
        # dormant: a past relationship, nothing for 36+ months
        (_row(score=0.05, last_two_way=_days(1100), last_trace=_days(1100)), "dormant"),
        (_row(score=0.45, last_two_way=_days(2000), last_trace=_days(2000)), "dormant"),
        (
            _row(score=0.0, tenure_overlap=True, shared_employer="Acme", last_trace=_days(1500)),
            "dormant",
        ),
        (
            _row(
                score=0.0,
                recommendations_given=1,
                last_recommendation=_days(1500),
                last_trace=_days(1500),
            ),
            "dormant",
        ),
        # ... and a one-way note or an endorsement does not end dormancy: no two-way contact for
        # 36+ months is what counts (Levin et al. 2011)
        (
            _row(score=0.1, last_two_way=_days(2000), messages_sent=1, last_trace=_days(20)),
            "dormant",
        ),
        (
            _row(
                score=0.1,
                tenure_overlap=True,
                shared_employer="Oldco",
                endorsements_received=1,
                last_trace=_days(200),
            ),
            "dormant",
        ),
        # ... but a colleague you still work with is not a tie that went quiet
        (
            _row(
                score=0.1,
                tenure_overlap=True,
                current_colleague=True,
                shared_employer="Acme",
                endorsements_received=1,
                last_trace=_days(200),
            ),
            "weak",
        ),
        # weak: a trace within 36 months, or old evidence that is not a past relationship
        (_row(score=0.1, endorsements_received=1, last_trace=_days(100)), "weak"),
        (_row(score=0.0, messages_received=1, last_trace=_days(2000)), "weak"),
        (_row(score=0.0, shared_employer="Acme", last_trace=_days(2000)), "weak"),
        (_row(score=0.0, invitation_note=True, last_trace=_days(30)), "weak"),
        # latent: nothing at all
        (_row(), "latent"),
    ],
)
def test_class_rules(row: dict[str, object], expected: str) -> None:
    assert _classify(row) == expected


def test_bare_connections_are_latent_whatever_their_age() -> None:
    contacts = contacts_frame(
        [contact("new", connected_on=AS_OF), contact("old", connected_on=date(2004, 1, 1))]
    )
    invitation = event("new", AS_OF, kind="invitation", direction="in", has_note=False)
    ties = build_ties(contacts, events_frame([invitation]), OWNER, as_of=AS_OF, config=CONFIG)
    assert ties["tie_class"].to_list() == ["latent", "latent"]
    assert ties["confidence"].to_list() == ["low", "low"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 8000), min_size=1, max_size=6),
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 3000), st.sampled_from(("in", "out"))),
        max_size=15,
    ),
    st.sampled_from(("Initech", "Umbrella", None)),
)
def test_no_events_and_no_shared_employer_is_always_latent(
    ages: list[int], raw: list[tuple[int, int, str]], company: str | None
) -> None:
    ids = [f"p{i}" for i in range(len(ages))]
    contacts = contacts_frame(
        [
            contact(cid, company=company, connected_on=AS_OF - timedelta(days=age))
            for cid, age in zip(ids, ages, strict=True)
        ]
    )
    # events only for the first half of the contacts (and never for the others)
    active = set(ids[: len(ids) // 2])
    events = events_frame(
        [
            event(ids[i % len(ids)], AS_OF - timedelta(days=ago), direction=direction)
            for i, ago, direction in raw
            if ids[i % len(ids)] in active
        ]
    )
    ties = build_ties(contacts, events, OWNER, as_of=AS_OF, config=CONFIG)
    silent = ties.filter(~pl.col("contact_id").is_in(sorted(active)))
    assert silent["tie_class"].to_list() == ["latent"] * silent.height
