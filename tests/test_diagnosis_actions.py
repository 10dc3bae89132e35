"""Anchored, size-aware term scoring and the goal-specific action recipes (all people invented)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from netscan.diagnosis import diagnose
from netscan.diagnosis.actions import (
    RECIPES,
    ActionContext,
    Contact,
    ThinFunction,
    bridges_new_worlds,
    dormant_colleagues_job,
    inner_circle,
    names,
    thin_functions,
)
from netscan.diagnosis.catalogue import ANCHOR_SCORE, GOALS, Reach, Term
from netscan.diagnosis.fit import fit_goal
from netscan.diagnosis.types import TargetResult
from netscan.model import Owner, Position
from tests.diagnosis_builders import AS_OF, contacts_for, events_frame, tie, ties_frame


def test_anchored_log_term_scores_the_anchor_score_at_the_anchor_and_one_only_at_best() -> None:
    term = Term("strong", 1, 0, 15, "x", anchor=5, log=True)
    assert term.score(0) == 0.0
    assert term.score(5) == pytest.approx(ANCHOR_SCORE)
    a = ANCHOR_SCORE
    assert term.score(2) == pytest.approx(a * math.log(3) / math.log(6))
    assert term.score(10) == pytest.approx(
        a + (1 - a) * (math.log(11) - math.log(6)) / math.log(16 / 6)
    )
    assert term.score(15) == 1.0
    assert term.score(400) == 1.0


def test_anchored_lower_is_better_term() -> None:
    term = Term("median_days_since_two_way_strong", 1, 365, 14, "x", anchor=90)
    assert term.direction == "lower"
    assert term.score(400) == 0.0
    a = ANCHOR_SCORE
    assert term.score(227.5) == pytest.approx(a / 2)
    assert term.score(90) == pytest.approx(a)
    assert term.score(52) == pytest.approx(a + (1 - a) / 2)
    assert term.score(3) == 1.0


def test_reach_factor_scales_a_ratio_down_for_a_small_network() -> None:
    reach = Reach("moderately_weak", 150, "moderately weak ties")
    assert reach.factor(150) == 1.0
    assert reach.factor(900) == 1.0
    assert reach.factor(8) == pytest.approx((math.log(9) / math.log(151)) ** 2)
    assert reach.factor(0) == 0.0
    term = Term("function_iqv", 1, 0.3, 1.0, "x", anchor=0.85, reach=reach)
    assert term.score(0.85, 150) == pytest.approx(ANCHOR_SCORE)
    assert term.score(0.85, 8) == pytest.approx(ANCHOR_SCORE * reach.factor(8))
    assert term.score(0.85) == pytest.approx(ANCHOR_SCORE)  # no reach value known: ratio alone


def test_every_goal_has_at_least_two_known_recipes() -> None:
    for goal in GOALS:
        assert len(goal.recipes) >= 2, goal.id
        assert all(r in RECIPES for r in goal.recipes), goal.id
    firsts = [g.recipes[0] for g in GOALS]
    assert len(set(firsts)) == len(firsts)


def test_recipes_stay_silent_without_people() -> None:
    empty = ActionContext()
    from netscan.diagnosis.types import Metrics

    metrics = Metrics(**{name: 0 for name in Metrics.__annotations__})
    assert {name: recipe(empty, metrics) for name, recipe in RECIPES.items()} == dict.fromkeys(
        RECIPES
    )


def test_names_use_semicolons_when_a_name_holds_a_comma() -> None:
    plain = [Contact("Ada Visser", "Acme", "Recruiter"), Contact("Bo Li", "")]
    assert names(plain) == "Ada Visser (Acme, Recruiter), Bo Li"
    credentials = [Contact("Fleur Dekker, CFA, CPA", "Globex"), Contact("Bo Li", "Initech")]
    assert names(credentials) == "Fleur Dekker, CFA, CPA (Globex); Bo Li (Initech)"
    assert names(plain, detail=False) == "Ada Visser (Acme), Bo Li"


def test_recipes_pick_the_singular_or_plural_sentence_by_count() -> None:
    from netscan.diagnosis.types import Metrics

    metrics = Metrics(**{name: 0 for name in Metrics.__annotations__})
    one = ActionContext(bridges=(Contact("Eva Bos", "Globex", "weak"),))
    two = ActionContext(bridges=(*one.bridges, Contact("Bo Li", "Initech", "medium")))
    assert bridges_new_worlds(one, metrics) == (
        "Ask this bridge, your only tie into their circles, to introduce you to one person "
        "there: Eva Bos (Globex, weak)."
    )
    assert bridges_new_worlds(two, metrics) == (
        "Ask these 2 bridges, your only tie into their circles, to introduce you to one person "
        "there: Eva Bos (Globex, weak), Bo Li (Initech, medium)."
    )
    inner = ActionContext(inner=(Contact("Eva Bos", "Globex", "5 days ago", 5),))
    assert inner_circle(inner, metrics) == (
        "Your inner circle is 1 strong tie; share news with them personally first and keep "
        "contact at least monthly: Eva Bos (Globex, 5 days ago)."
    )


def test_inner_circle_never_asks_for_monthly_contact_without_naming_a_long_silence() -> None:
    from netscan.diagnosis.types import Metrics

    metrics = Metrics(**{name: 0 for name in Metrics.__annotations__})
    ctx = ActionContext(inner=(
        Contact("Eva Bos", "Globex", "last two-way contact 5 days ago", 5),
        Contact("Bo Li", "Initech", "last two-way contact 231 days ago", 231),
    ))
    text = inner_circle(ctx, metrics)
    assert text is not None
    monthly, overdue = text.split("overdue for a call:")
    assert "Eva Bos" in monthly and "Bo Li" not in monthly
    assert "Bo Li (Initech, last two-way contact 231 days ago)" in overdue
    only_old = inner_circle(ActionContext(inner=ctx.inner[1:]), metrics)
    assert only_old is not None and "not reached in the last month" in only_old


def test_recipe_sentences_name_people_with_company_and_note() -> None:
    ctx = ActionContext(
        dormant_colleagues=(Contact("Ada Visser", "Hooli", "quiet 4 years"),),
        thin_functions=(
            ThinFunction("legal", (Contact("Bo Li", "Initech"),)),
            ThinFunction(
                "sales", (Contact("Cas Jansen", "Acme"), Contact("Dirk Smit", "Umbrella"))
            ),
        ),
    )
    from netscan.diagnosis.types import Metrics

    metrics = Metrics(**{name: 0 for name in Metrics.__annotations__})
    assert dormant_colleagues_job(ctx, metrics) == (
        "Reconnect with this former colleague from outside your current employer; old trust "
        "plus new information (Levin et al. 2011): Ada Visser (Hooli, quiet 4 years)."
    )
    assert thin_functions(ctx, metrics) == (
        "You barely know anyone in these functions; let these people show you around — "
        "legal: Bo Li (Initech) | sales: Cas Jansen (Acme), Dirk Smit (Umbrella)."
    )
    job = next(g for g in GOALS if g.id == "job")
    target = TargetResult("Nowhere", "none", (), ())
    with_target = ActionContext(
        dormant_colleagues=ctx.dormant_colleagues,
        bridges=(Contact("Eva Bos", "Globex", "weak"),),
        targets=(target,),
    )
    # Door openers for a `-t` target live in the target card, not in every goal's actions.
    assert fit_goal(job, metrics, with_target).actions == (
        "Reconnect with this former colleague from outside your current employer; old trust "
        "plus new information (Levin et al. 2011): Ada Visser (Hooli, quiet 4 years).",
    )


OWNER = Owner(
    name="Owner Example",
    positions=(Position("Acme", "Data Analyst", date(2019, 1, 1), None),),
)


def test_a_tiny_perfectly_diverse_network_does_not_fit_instrumental_goals() -> None:
    # Eight ties, each at a different employer and in a different function: every ratio
    # (E-I, IQV, efficiency) is near its best, yet 8 people is no reach for a job search.
    titles = [
        "Sales Manager",
        "Software Engineer",
        "Recruiter",
        "Product Manager",
        "UX Designer",
        "Legal Counsel",
        "Marketing Lead",
        "Financial Controller",
    ]
    rows = [
        tie(
            f"p{i}",
            company=f"Firm {chr(65 + i)}",
            position=title,
            score=0.45,
            tie_class="medium",
            last_two_way=date(2025, 11, 1),
            last_contact=date(2025, 11, 1),
        )
        for i, title in enumerate(titles)
    ]
    ties = ties_frame(rows)
    result = diagnose(ties, contacts_for(ties), events_frame([]), OWNER, as_of=AS_OF)
    m = result.metrics
    assert (m.employer_ei, m.efficiency) == (1.0, 1.0)
    assert m.function_iqv > 0.5
    fits = {g.id: g for g in result.goals}
    for goal in ("job", "clients", "hiring", "new-worlds", "ideas", "risk-spreading"):
        assert fits[goal].verdict != "fits", (goal, fits[goal].fit)
    outward = next(t for t in fits["job"].terms if t.metric == "employer_ei")
    assert outward.reach_value == 8 and outward.reach_factor is not None
    assert outward.reach_factor < 0.25


def test_hr_business_partner_is_not_a_partner_in_the_firm() -> None:
    from netscan.diagnosis.taxonomy import infer_seniority

    assert infer_seniority("Junior HR Business Partner") == "junior"
    assert infer_seniority("HR Business Partner") == "mid"
    assert infer_seniority("Partner") == "executive"
