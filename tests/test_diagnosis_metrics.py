"""Every diagnosis metric on a hand-computed example: taxonomy, diversity, reciprocity, activity,
reconnection and targets."""

from __future__ import annotations

import math
from datetime import date

import pytest

from netscan.companies import company_key
from netscan.diagnosis.activity import activity
from netscan.diagnosis.diversity import (
    blau,
    dimension_diversity,
    ei_index,
    iqv,
    normalised_entropy,
)
from netscan.diagnosis.events import summarise_events
from netscan.diagnosis.reciprocity import reciprocity
from netscan.diagnosis.reconnect import reconnect
from netscan.diagnosis.targets import find_target
from netscan.diagnosis.taxonomy import infer_function, infer_seniority, seniority_rank
from netscan.diagnosis.types import CategoryCount
from tests.diagnosis_builders import (
    AS_OF,
    contacts_for,
    ev,
    events_frame,
    tie,
    ties_frame,
)


@pytest.mark.parametrize(
    ("title", "function", "seniority"),
    [
        ("Senior Software Engineer", "engineering", "senior"),
        ("Medior ontwikkelaar", "engineering", "mid"),
        ("Teamleider Verkoop", "sales", "lead"),
        ("Hoofd Financiën", "finance", "director"),
        ("Stagiair marketing", "marketing", "intern"),
        ("Junior accountmanager", "sales", "junior"),
        ("Verpleegkundige", "healthcare", "mid"),
        ("Hoogleraar", "research", "senior"),
        ("VP Sales", "sales", "executive"),
        ("Head of People", "hr", "director"),
        ("Co-founder & CTO", "founder", "executive"),
        ("Product Owner", "product", "mid"),
        ("Career coach", "education", "mid"),  # "care" must not match inside "career"
        ("Internal auditor", "finance", "mid"),  # "intern" must not match inside "internal"
        ("Gardener", "unknown", "unknown"),
        ("", "unknown", "unknown"),
    ],
)
def test_taxonomy_english_and_dutch(title: str, function: str, seniority: str) -> None:
    assert infer_function(title) == function
    assert infer_seniority(title) == seniority


def test_seniority_rank() -> None:
    assert seniority_rank("intern") == 0
    assert seniority_rank("executive") == 6
    assert seniority_rank("unknown") is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Acme B.V.", "acme"),
        ("ACME", "acme"),
        ("Acme, Inc.", "acme"),
        ("Ernst & Young", "ernst and young"),
        ("De Vries Groep B.V.", "de vries"),
        ("Group", "group"),
        ("  ", ""),
        (None, ""),
    ],
)
def test_normalise_company(name: str | None, key: str) -> None:
    assert company_key(name) == key


def test_diversity_indices_by_hand() -> None:
    # Shares 0.5, 0.25, 0.25: Blau = 1 − (0.25 + 0.0625 + 0.0625) = 0.625.
    assert blau([2, 1, 1]) == pytest.approx(0.625)
    assert iqv([2, 1, 1], 3) == pytest.approx(0.625 * 3 / 2)
    # With a fixed taxonomy of K = 5 the same spread is less diverse.
    assert iqv([2, 1, 1], 5) == pytest.approx(0.625 * 5 / 4)
    h = -(0.5 * math.log(0.5) + 2 * 0.25 * math.log(0.25))
    assert normalised_entropy([2, 1, 1], 3) == pytest.approx(h / math.log(3))
    assert iqv([3], 1) == 0.0
    assert blau([]) == 0.0
    assert ei_index(3, 1) == 0.5
    assert ei_index(0, 0) is None


def test_dimension_diversity_weighted_with_unknowns_and_ei() -> None:
    entry = dimension_diversity(
        "function",
        ["sales", "sales", "engineering", "unknown", "data"],
        [0.5, 0.1, 0.4, 0.9, 0.0],
        owner_category="engineering",
        categories_possible=4,
    )
    assert entry.distribution == (
        CategoryCount("sales", 2, 0.6),
        CategoryCount("data", 1, 0.0),
        CategoryCount("engineering", 1, 0.4),
    )
    assert entry.unknown == 1
    assert entry.categories_possible == 4
    # Weighted shares 0.6 / 0.4: Blau 0.48, IQV 0.48·4/3, E-I (0.6 − 0.4)/1.0.
    assert entry.blau == pytest.approx(0.48)
    assert entry.iqv == pytest.approx(0.64)
    assert entry.ei == pytest.approx(0.2)


def test_reciprocity_by_hand() -> None:
    d = date(2025, 3, 1)
    events = events_frame(
        [
            # t1: started by a, answered by the owner.
            ev("a", d, direction="in", thread="t1", hour=9),
            ev("a", d, direction="out", thread="t1", hour=10),
            # t2: started by b, never answered.
            ev("b", d, direction="in", thread="t2"),
            # t3: started by the owner.
            ev("c", d, direction="out", thread="t3"),
            # g1: owner starts a group with a and c, who share no focus: an introduction.
            ev("a", date(2025, 4, 1), thread="g1", participants=3),
            ev("c", date(2025, 4, 1), thread="g1", participants=3),
            # g2: the same pair again: no longer new.
            ev("a", date(2025, 5, 1), thread="g2", participants=3),
            ev("c", date(2025, 5, 1), thread="g2", participants=3),
            # g3: owner groups d and e, colleagues already linked by an employer focus.
            ev("d", date(2025, 6, 1), thread="g3", participants=3),
            ev("e", date(2025, 6, 1), thread="g3", participants=3),
            ev("a", d, kind="invitation", direction="in"),
            ev("b", d, kind="invitation", direction="in"),
            ev("c", d, kind="invitation", direction="in"),
            ev("d", d, kind="invitation", direction="out"),
            ev("a", d, kind="endorsement", direction="in"),
            ev("a", d, kind="endorsement", direction="out"),
            ev("b", d, kind="endorsement", direction="out"),
            ev("c", d, kind="recommendation", direction="in"),
        ]
    )
    foci = {"d": frozenset({"employer:acme"}), "e": frozenset({"employer:acme"})}
    result = reciprocity(summarise_events(events), foci)
    assert result.conversations == 6
    assert result.conversations_started_by_others == 2
    assert result.started_by_others_share == pytest.approx(2 / 6)
    assert result.incoming_threads == 2
    assert result.answered_threads == 1
    assert result.reply_share == 0.5
    assert result.invitations_received == 3
    assert result.invitations_sent == 1
    assert result.invitations_received_share == 0.75
    assert result.endorsements_received == 1
    assert result.endorsements_given == 2
    assert result.recommendations_received == 1
    assert result.recommendations_given == 0
    assert result.introductions == 1


def test_reciprocity_without_data_gives_none_not_zero() -> None:
    result = reciprocity(summarise_events(events_frame([])), {})
    assert result.invitations_received_share is None
    assert result.reply_share is None
    assert result.started_by_others_share is None


def test_activity_by_hand() -> None:
    ties = ties_frame(
        [
            tie("a", connected_on=date(2021, 5, 1)),
            tie("b", connected_on=date(2023, 2, 1)),
            tie("c", connected_on=date(2025, 7, 1)),
            tie("d", connected_on=date(2025, 8, 1)),
        ]
    )
    contacts = contacts_for(ties, others=2)
    events = events_frame(
        [
            # One group message to two people counts once.
            ev("a", date(2025, 3, 5), thread="g", participants=3),
            ev("b", date(2025, 3, 5), thread="g", participants=3),
            ev("a", date(2025, 3, 9), direction="in", thread="g", participants=3),
            ev("c", date(2025, 5, 1), direction="in", thread="t"),
            ev("c", date(2024, 11, 1), direction="in", thread="t"),  # before the window
        ]
    )
    result = activity(contacts, summarise_events(events), as_of=AS_OF)
    assert [(m.month, m.sent, m.received) for m in result.months] == [
        ("2024-11", 0, 1),
        ("2024-12", 0, 0),
        ("2025-01", 0, 0),
        ("2025-02", 0, 0),
        ("2025-03", 1, 1),
        ("2025-04", 0, 0),
        ("2025-05", 0, 1),
    ]
    assert [(y.year, y.connections) for y in result.years] == [
        (2021, 1),
        (2022, 0),
        (2023, 1),
        (2024, 0),
        (2025, 2),
    ]
    assert result.connections_per_year == pytest.approx(3 / 3)
    assert result.messages_per_month_sent == pytest.approx(1 / 12)
    assert result.messages_per_month_received == pytest.approx(2 / 12)
    assert result.active_months_last_year == 2


def test_reconnect_ranks_by_past_strength_and_novelty() -> None:
    ties = ties_frame(
        [
            # Old close colleague, still at the owner's employer: trust, no novelty.
            tie(
                "same",
                company="Acme",
                position="Engineer",
                tie_class="dormant",
                score=0.1,
                past_peak=0.8,
                last_two_way=date(2021, 1, 1),
            ),
            # Moderate past, now elsewhere, more senior, another function: most valuable.
            tie(
                "novel",
                company="Globex",
                position="Director of Sales",
                tie_class="dormant",
                score=0.1,
                past_peak=0.5,
                last_two_way=date(2022, 1, 1),
            ),
            tie("active", company="Globex", tie_class="strong", score=0.9),
        ]
    )
    result = reconnect(
        ties,
        as_of=AS_OF,
        owner_employer="acme",
        owner_function="engineering",
        owner_seniority="senior",
    )
    assert [s.contact_id for s in result] == ["novel", "same"]
    novel, same = result
    assert novel.novelty == pytest.approx(1.0)
    assert novel.priority == pytest.approx(0.5 * 0.5 + 0.5 * 1.0)
    assert novel.years_quiet == pytest.approx(4.0)
    assert same.novelty == 0.0
    assert same.priority == pytest.approx(0.4)
    assert "now at Globex, not your employer" in novel.reasons


def test_targets_exact_then_normalised_then_none() -> None:
    ties = ties_frame(
        [
            tie("a", company="Acme B.V.", score=0.3, tie_class="weak"),
            tie("b", company="acme", score=0.7, tie_class="strong"),
            tie("c", company="Acme B.V.", score=0.5, tie_class="medium"),
            tie("d", company="Acme Robotics", score=0.9, tie_class="strong"),
        ]
    )
    exact = find_target(ties, "Acme B.V.")
    assert exact.match_kind == "exact"
    assert [o.contact_id for o in exact.openers] == ["c", "a"]
    normalised = find_target(ties, "ACME, Inc.")
    assert normalised.match_kind == "normalised"
    assert [o.contact_id for o in normalised.openers] == ["b", "c", "a"]
    assert normalised.companies == ("Acme B.V.", "acme")
    none = find_target(ties, "Initech")
    assert (none.match_kind, none.openers) == ("none", ())


def test_target_openers_rank_a_former_close_tie_by_its_past_strength() -> None:
    """A dormant former close colleague opens a door better than an acquaintance (Levin 2011),
    but not better than a current close tie; latent connections come last."""
    ties = ties_frame(
        [
            tie("acq", company="Acme", score=0.2, tie_class="weak"),
            tie("old", company="Acme", score=0.0, tie_class="dormant", past_peak=0.9),
            tie("cur", company="Acme", score=0.7, tie_class="strong"),
            tie("lat", company="Acme", score=0.0, tie_class="latent"),
            tie("faded", company="Acme", score=0.0, tie_class="dormant", past_peak=0.2),
        ]
    )
    openers = find_target(ties, "Acme").openers
    assert [o.contact_id for o in openers] == ["cur", "old", "acq", "faded", "lat"]
    assert openers[1].access == pytest.approx(0.54)


def test_active_months_never_exceed_twelve_in_a_year_that_starts_mid_month() -> None:
    # A message in every calendar month from 2024-12 to 2025-12 (13 months) with as_of
    # 2025-12-20: a 365-day window touches 13 calendar months, but a year has 12.
    ties = ties_frame([tie("a", connected_on=date(2021, 5, 1))])
    as_of = date(2025, 12, 20)
    days = [date(2024, 12, 25)] + [date(2025, m, 10) for m in range(1, 13)]
    events = events_frame([ev("a", d, direction="in", thread="t") for d in days])
    result = activity(contacts_for(ties), summarise_events(events), as_of=as_of)
    assert result.active_months_last_year == 12
    quiet = events_frame([ev("a", date(2025, m, 10), direction="in", thread="t")
                          for m in (1, 5, 12)])
    assert activity(
        contacts_for(ties), summarise_events(quiet), as_of=as_of
    ).active_months_last_year == 3


def test_approached_labels_each_contact_by_the_first_way_they_came_in_id_order() -> None:
    from netscan.diagnosis.pools import approached

    events = events_frame(
        [
            # b: invited and endorsed the owner, and wrote first: endorsed wins.
            ev("b", date(2025, 1, 1), kind="invitation", direction="in"),
            ev("b", date(2025, 1, 2), kind="endorsement", direction="in"),
            ev("b", date(2025, 1, 3), direction="in", thread="t1"),
            # a: wrote first in one thread, was invited: wrote first wins.
            ev("a", date(2025, 1, 4), direction="in", thread="t2"),
            ev("a", date(2025, 1, 5), kind="invitation", direction="in"),
            # c: recommended the owner, and was invited by the owner (out: not counted).
            ev("c", date(2025, 1, 6), kind="recommendation", direction="in"),
            ev("c", date(2025, 1, 7), kind="invitation", direction="out"),
            # d: the owner wrote first; e: only invited by the owner.
            ev("d", date(2025, 1, 8), direction="out", thread="t3"),
            ev("d", date(2025, 1, 9), direction="in", thread="t3"),
            ev("e", date(2025, 1, 10), kind="invitation", direction="out"),
            ev("f", date(2025, 1, 11), kind="invitation", direction="in"),
        ]
    )
    came = approached(summarise_events(events))
    assert list(came.items()) == [
        ("a", "wrote to you first"),
        ("b", "endorsed you"),
        ("c", "recommended you"),
        ("f", "invited you"),
    ]
    assert approached(summarise_events(events_frame([]))) == {}
