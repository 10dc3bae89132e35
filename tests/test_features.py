"""Per-contact features on hand-built frames, with exact expected values."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from tie_builders import AS_OF, OWNER, contact, contacts_frame, event, events_frame, exchange

from netscan.companies import company_key_expr
from netscan.ingest import load_exports
from netscan.model import Owner, Position
from netscan.ties.config import TieConfig
from netscan.ties.features import FEATURES, compute_features, decay_weight

CONFIG = TieConfig()


def _features(
    contacts: list[dict[str, object]],
    events: list[dict[str, object]],
    owner: Owner = OWNER,
    config: TieConfig = CONFIG,
) -> dict[str, dict[str, object]]:
    frame = compute_features(
        contacts_frame(contacts), events_frame(events), owner, as_of=AS_OF, config=config
    )
    assert frame.schema == FEATURES
    return {row["contact_id"]: row for row in frame.iter_rows(named=True)}


def _decay(day: date, half_life: float = 180.0) -> float:
    return float(2.0 ** (-(AS_OF - day).days / half_life))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme B.V.", "acme"),
        ("ACME bv", "acme"),
        ("Globex, Inc.", "globex"),
        ("Initech GmbH & Co. KG", "initech"),
        ("Kestrel Analytics Holding B.V.", "kestrel analytics"),
        ("Group", "group"),
        ("  ", None),
        (None, None),
    ],
)
def test_normalise_company(name: str | None, expected: str | None) -> None:
    frame = pl.DataFrame({"c": [name]}, schema={"c": pl.String})
    assert frame.select(company_key_expr(pl.col("c"))).item() == expected


def test_decay_weights_match_science_table() -> None:
    days = pl.DataFrame({"d": [90.0, 180.0, 365.0]})
    exponential = days.select(decay_weight(pl.col("d"), CONFIG)).to_series().to_list()
    assert [round(w, 3) for w in exponential] == [0.707, 0.5, 0.245]
    power = TieConfig(decay="power")
    weights = days.select(decay_weight(pl.col("d"), power)).to_series().to_list()
    assert [round(w, 3) for w in weights] == [0.5, 0.378, 0.276]


def test_message_counts_intensity_and_two_way() -> None:
    rows = _features(
        [contact("ann")],
        exchange("ann", date(2025, 11, 1), length=100)
        + exchange("ann", date(2025, 6, 1), length=300)
        + [event("ann", date(2025, 12, 1), direction="out", length=200)],
    )
    ann = rows["ann"]
    assert ann["messages_sent"] == 3
    assert ann["messages_received"] == 2
    assert ann["two_way"] is True
    assert ann["last_two_way"] == date(2025, 12, 1)  # the exchange's thread ends then
    assert ann["reciprocity"] == pytest.approx(2 / 3)
    expected = 2 * _decay(date(2025, 11, 1)) + 2 * _decay(date(2025, 6, 1))
    expected += _decay(date(2025, 12, 1))
    assert ann["decayed_intensity"] == pytest.approx(expected)
    assert ann["active_months"] == 3
    assert ann["recent_months"] == 3
    assert ann["threads_1to1"] == 1
    assert ann["threads_group"] == 0
    assert ann["mean_length"] == pytest.approx(1000 / 5)
    assert ann["first_contact"] == date(2025, 6, 1)
    assert ann["last_contact"] == date(2025, 12, 1)


def test_one_way_messages_are_not_two_way() -> None:
    rows = _features(
        [contact("bob"), contact("cat")],
        [
            event("bob", date(2025, 3, 1), direction="out"),
            event("cat", date(2025, 3, 1), direction="in"),
        ],
    )
    for cid in ("bob", "cat"):
        assert rows[cid]["two_way"] is False
        assert rows[cid]["last_two_way"] is None
        assert rows[cid]["reciprocity"] == 0.0


def test_separate_one_way_threads_are_not_an_exchange() -> None:
    rows = _features(
        [contact("bob")],
        [
            event("bob", date(2025, 3, 1), direction="out", thread="a"),
            event("bob", date(2025, 4, 1), direction="in", thread="b"),
        ],
    )
    assert rows["bob"]["two_way"] is False
    assert rows["bob"]["reciprocity"] == 1.0  # counts balance, but nobody answered anybody


def test_group_messages_weigh_one_over_participants_minus_one() -> None:
    day = date(2025, 12, 1)
    rows = _features(
        [contact("dan"), contact("eve")],
        [
            event("dan", day, thread="g", participants=5),
            event("eve", day, thread="g", participants=5),
            event("dan", day, thread="g", participants=5, direction="in"),
        ],
    )
    assert rows["dan"]["decayed_intensity"] == pytest.approx(2 * _decay(day) / 4)
    assert rows["dan"]["two_way"] is False  # group threads never make a tie two-way
    assert rows["dan"]["group_only"] is True
    assert rows["dan"]["threads_group"] == 1
    assert rows["dan"]["mean_length"] is None
    assert rows["dan"]["focus_peers"] == 1
    assert rows["eve"]["focus_peers"] == 1


def test_events_after_as_of_and_outside_network_are_ignored() -> None:
    rows = _features(
        [contact("ann"), contact("zed", in_network=False)],
        [event("ann", date(2026, 2, 1)), event("zed", date(2025, 2, 1))],
    )
    assert set(rows) == {"ann"}
    assert rows["ann"]["messages_sent"] == 0
    assert rows["ann"]["last_contact"] is None


def test_day_terms_looked_up_per_day_equal_those_of_each_message() -> None:
    # The decay, month and peak factors come from a table of days (the first event's day to the
    # last, or as_of); an undated event, a day after as_of and one decades back all fit it.
    undated = {**event("ann", date(2025, 3, 1)), "at": None}
    days = [date(1999, 12, 31), date(2024, 2, 29), date(2025, 12, 31), AS_OF]
    dated = [event("ann", d) for d in days] + [event("ann", date(2027, 1, 1))]
    rows = _features([contact("ann")], [*dated, undated])
    ann = rows["ann"]
    assert ann["messages_sent"] == len(days)
    assert ann["decayed_intensity"] == pytest.approx(sum(_decay(d) for d in days[1:]))
    assert ann["active_months"] == len(days)
    assert ann["first_contact"] == days[0]
    assert ann["last_contact"] == AS_OF
    # Only an undated event: no day to look up at all.
    assert _features([contact("bob")], [{**event("bob", AS_OF), "at": None}])["bob"][
        "messages_sent"
    ] == 0


def test_evidence_beyond_the_dormancy_horizon_has_no_current_intensity() -> None:
    old = date(2022, 6, 1)  # more than 36 months before AS_OF
    rows = _features([contact("ann")], exchange("ann", old) * 3)
    ann = rows["ann"]
    assert ann["decayed_intensity"] == 0.0
    assert ann["months_decayed"] == 0.0
    assert ann["peak_intensity"] == pytest.approx(6.0)
    assert ann["two_way"] is True


def test_peak_intensity_is_the_best_decayed_sum() -> None:
    rows = _features(
        [contact("ann")],
        [
            event("ann", date(2020, 1, 1)),
            event("ann", date(2020, 6, 29)),
            event("ann", date(2025, 1, 1)),
        ],
    )
    # at 2020-06-29 (180 days later) the first message weighs 0.5: peak 1.5
    assert rows["ann"]["peak_intensity"] == pytest.approx(1.5)


def test_invitations_endorsements_and_recommendations() -> None:
    rows = _features(
        [contact("fay")],
        [
            event("fay", date(2025, 3, 1), kind="invitation", direction="in", has_note=True),
            event("fay", date(2025, 5, 1), kind="endorsement", direction="in"),
            event("fay", date(2025, 6, 1), kind="endorsement", direction="in"),
            event("fay", date(2025, 7, 1), kind="endorsement", direction="out"),
            event("fay", date(2024, 4, 2), kind="recommendation", direction="in"),
            event("fay", date(2023, 4, 2), kind="recommendation", direction="out"),
        ],
    )
    fay = rows["fay"]
    assert fay["invitation_direction"] == "in"
    assert fay["invitation_note"] is True
    assert (fay["endorsements_received"], fay["endorsements_given"]) == (2, 1)
    expected = sum(_decay(d) for d in (date(2025, 5, 1), date(2025, 6, 1), date(2025, 7, 1)))
    assert fay["endorsements_decayed"] == pytest.approx(expected)
    assert (fay["recommendations_received"], fay["recommendations_given"]) == (1, 1)
    assert fay["last_recommended_you"] == date(2024, 4, 2)
    assert fay["last_you_recommended"] == date(2023, 4, 2)
    assert fay["last_trace"] == date(2025, 7, 1)
    assert fay["messages_sent"] == 0


def test_shared_employer_current_and_past() -> None:
    rows = _features(
        [
            contact("gus", company="ACME bv", connected_on=date(2016, 3, 1)),
            contact("hal", company="Acme", connected_on=date(2021, 3, 1)),
            contact("ida", company="Globex Inc", connected_on=date(2021, 3, 1)),
            contact("jon", company="Initech"),
        ],
        [],
    )
    assert rows["gus"]["shared_employer"] == "Acme B.V."
    assert rows["gus"]["tenure_overlap"] is True
    assert rows["gus"]["current_colleague"] is False
    assert rows["gus"]["shared_until"] == date(2019, 12, 31)
    assert rows["gus"]["last_trace"] == date(2019, 12, 31)
    assert rows["hal"]["tenure_overlap"] is False  # connected after the owner left Acme
    assert rows["ida"]["shared_employer"] == "Globex Inc."
    assert rows["ida"]["current_colleague"] is True
    assert rows["ida"]["tenure_overlap"] is True
    assert rows["ida"]["last_trace"] == AS_OF
    assert rows["jon"]["shared_employer"] is None
    assert rows["jon"]["last_trace"] is None
    assert rows["gus"]["focus_peers"] == 1  # gus and hal are both at Acme
    assert rows["jon"]["focus_peers"] == 0
    assert rows["jon"]["struct_pct"] == 0.0


def test_owner_without_positions_shares_nothing() -> None:
    rows = _features([contact("gus", company="Acme")], [], owner=Owner(name="Nobody"))
    assert rows["gus"]["shared_employer"] is None
    assert rows["gus"]["current_colleague"] is False


def test_connection_years_and_trace_years() -> None:
    rows = _features(
        [contact("kim", connected_on=date(2024, 1, 1)), contact("lee", connected_on=None)],
        [event("kim", date(2023, 1, 1))],
    )
    assert rows["kim"]["connection_years"] == pytest.approx(731 / 365.25)
    assert rows["kim"]["trace_years"] == pytest.approx(1096 / 365.25)  # first trace: the message
    assert rows["lee"]["connection_years"] is None
    assert rows["lee"]["trace_years"] == 0.0


def test_length_percentile_within_the_ego() -> None:
    rows = _features(
        [contact("a1"), contact("a2"), contact("a3")],
        [
            event("a1", date(2025, 1, 1), length=10),
            event("a2", date(2025, 1, 1), length=50),
            event("a3", date(2025, 1, 1), thread="g", participants=3),
        ],
    )
    assert rows["a1"]["length_pct"] == 0.5
    assert rows["a2"]["length_pct"] == 1.0
    assert rows["a3"]["length_pct"] == 0.0


def test_positions_starting_after_as_of_are_ignored() -> None:
    owner = Owner(name="Ada", positions=(Position("Future Co", "CEO", date(2027, 1, 1), None),))
    rows = _features([contact("mo", company="Future Co")], [], owner=owner)
    assert rows["mo"]["shared_employer"] is None


def test_recent_months_are_the_last_twelve_calendar_months() -> None:
    # 2025-01-15 is within 365 days of AS_OF but in the 13th calendar month back
    days = [date(2025, 1, 15), date(2025, 2, 1), date(2025, 12, 31), date(2026, 1, 1)]
    rows = _features([contact("ann")], [event("ann", d) for d in days])
    assert rows["ann"]["recent_months"] == 3
    assert rows["ann"]["active_months"] == 4


def test_events_out_of_time_order_give_the_same_features() -> None:
    # EVENTS from the merge come sorted by time, and the features then sum each contact's
    # messages in frame order; any other order is sorted first, to the same bits.
    export = load_exports([Path(__file__).resolve().parents[1] / "sample_exports" / "bridger.zip"])
    assert export.events.get_column("at").is_sorted()
    as_of = export.newest
    assert as_of is not None
    sorted_in_time = compute_features(
        export.contacts, export.events, export.owner, as_of=as_of, config=CONFIG
    )
    shuffled = export.events.sample(fraction=1.0, shuffle=True, seed=16)
    assert not shuffled.get_column("at").is_sorted()
    assert compute_features(
        export.contacts, shuffled, export.owner, as_of=as_of, config=CONFIG
    ).equals(sorted_in_time)
