"""Goal fit must tell goals apart for one person and people apart for one goal (issue 14).

Checked on the four bundled personas and on two synthetic shapes built with the test builders:
a dense, inward network (close colleagues who all know each other) and a broad, outward one
(acquaintances at hundreds of organisations). docs/goals.md describes the calibration.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netscan.diagnosis import diagnose
from netscan.diagnosis.types import Diagnosis
from netscan.model import Owner, Position
from tests.diagnosis_builders import AS_OF, contacts_for, events_frame, tie, ties_frame
from tests.test_diagnosis_goals import PERSONAS, _persona

EXPRESSIVE = ("attention", "support", "collaboration")
INSTRUMENTAL = ("job", "new-worlds", "risk-spreading")
OWNER = Owner(name="Owner Example", positions=(Position("Acme", "Data Analyst", date(2019, 1, 1),
                                                       None),))
TITLES = ("Sales Manager", "Software Engineer", "Recruiter", "Product Manager", "UX Designer",
          "Legal Counsel", "Marketing Lead", "Financial Controller", "Director of Operations",
          "Junior Analyst", "Chief Executive Officer", "HR Business Partner")


def _verdicts(result: Diagnosis) -> dict[str, str]:
    return {g.id: g.verdict for g in result.goals}


@pytest.mark.parametrize("name", PERSONAS)
def test_at_most_half_of_the_goals_fit_any_persona(name: str) -> None:
    goals = _persona(name).goals  # type: ignore[attr-defined]
    assert len(goals) == 17
    assert sum(1 for g in goals if g.verdict == "fits") <= 17 // 2


def test_every_persona_has_its_own_top_three() -> None:
    tops = {name: frozenset(g.id for g in _persona(name).goals[:3])  # type: ignore[attr-defined]
            for name in PERSONAS}
    assert len(set(tops.values())) == len(PERSONAS), tops


def test_bundled_inward_and_outward_personas_get_opposite_verdicts() -> None:
    insider = _verdicts(_persona("insider"))  # type: ignore[arg-type]
    bridger = _verdicts(_persona("bridger"))  # type: ignore[arg-type]
    for goal in EXPRESSIVE:
        assert insider[goal] == "fits" and bridger[goal] != "fits", goal
    for goal in INSTRUMENTAL:
        assert bridger[goal] == "fits" and insider[goal] == "does-not-fit", goal


def _dense_inward() -> Diagnosis:
    recent = AS_OF - timedelta(days=10)
    rows = [tie(f"s{i}", company="Acme", position=TITLES[i % len(TITLES)], score=0.8,
                tie_class="strong", last_contact=recent, last_two_way=recent)
            for i in range(12)]
    rows += [tie(f"m{i}", company="Acme", position=TITLES[i % len(TITLES)], score=0.45,
                 tie_class="medium", last_contact=recent, last_two_way=recent)
             for i in range(50)]
    ties = ties_frame(rows)
    return diagnose(ties, contacts_for(ties), events_frame([]), OWNER, as_of=AS_OF)


def _broad_outward() -> Diagnosis:
    recent = AS_OF - timedelta(days=30)
    rows = [tie(f"s{i}", company=f"Firm {i}", position=TITLES[i % len(TITLES)], score=0.7,
                tie_class="strong", last_contact=recent, last_two_way=recent)
            for i in range(3)]
    rows += [tie(f"w{i}", company=f"Org {i}", position=TITLES[i % len(TITLES)],
                 score=0.35 if i % 4 == 0 else 0.2, tie_class="medium" if i % 4 == 0 else "weak",
                 last_contact=recent)
             for i in range(400)]
    rows += [tie(f"d{i}", company=f"Past {i}", position=TITLES[i % len(TITLES)], score=0.05,
                 tie_class="dormant", past_peak=0.6, last_contact=date(2021, 1, 1),
                 last_two_way=date(2021, 1, 1))
             for i in range(20)]
    ties = ties_frame(rows)
    return diagnose(ties, contacts_for(ties), events_frame([]), OWNER, as_of=AS_OF)


def test_synthetic_dense_inward_and_broad_outward_shapes_get_opposite_verdicts() -> None:
    inward, outward = _verdicts(_dense_inward()), _verdicts(_broad_outward())
    for goal in EXPRESSIVE:
        assert inward[goal] == "fits", (goal, inward)
        assert outward[goal] != "fits", (goal, outward)
    for goal in INSTRUMENTAL:
        assert outward[goal] == "fits", (goal, outward)
        assert inward[goal] == "does-not-fit", (goal, inward)
