"""Goal catalogue, fit rules, diagnose() on a hand-built network, `netscan goals`, personas."""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from netscan.cli import cli
from netscan.diagnosis import diagnose
from netscan.diagnosis.catalogue import GOAL_IDS, GOALS, Term, goal_by_id
from netscan.diagnosis.fit import verdict
from netscan.errors import UnknownGoal
from netscan.model import Owner, Position
from tests.diagnosis_builders import AS_OF, contacts_for, ev, events_frame, tie, ties_frame

SPEC_GOALS = [
    (
        "attention",
        "expressive",
        "personal attention, sharing experiences",
        "aandacht, persoonlijke belevenissen delen",
    ),
    ("support", "expressive", "support for a shared cause", "draagvlak en steun vinden"),
    (
        "helpfulness",
        "expressive",
        "helping others, connecting people",
        "behulpzaamheid, mensen met elkaar in contact brengen",
    ),
    ("collaboration", "expressive", "complex, confidential collaboration", "complexe samenwerking"),
    ("fun", "expressive", "fun and sociability", "plezier hebben, gezelligheid"),
    (
        "sounding-board",
        "expressive",
        "a sounding board for ideas",
        "een klankbord vinden voor ideeën",
    ),
    ("clients", "instrumental", "finding clients", "klanten vinden"),
    ("job", "instrumental", "finding a new job", "een nieuwe baan vinden"),
    ("hiring", "instrumental", "finding new staff", "nieuwe medewerkers vinden"),
    ("ideas", "instrumental", "new ideas and solutions", "oplossingen en ideeën vinden"),
    (
        "stay-informed",
        "instrumental",
        "staying informed about the field",
        "op de hoogte blijven van wat er speelt",
    ),
    (
        "visibility",
        "instrumental",
        "visibility and image",
        "zichtbaar en vindbaar zijn, imago versterken",
    ),
    ("new-worlds", "instrumental", "access to new worlds", "toegang tot nieuwe werelden"),
    ("risk-spreading", "instrumental", "spreading risk", "risico spreiden"),
    ("influence", "mixed", "exerting influence", "invloed uitoefenen"),
    ("advice", "mixed", "getting advice", "advies krijgen"),
    (
        "knowledge-sharing",
        "mixed",
        "sharing information and knowledge",
        "informatie en kennis delen",
    ),
]


def test_catalogue_matches_spec_section_6() -> None:
    assert [(g.id, g.kind, g.label_en, g.label_nl) for g in GOALS] == SPEC_GOALS


@pytest.mark.parametrize("goal", GOALS, ids=GOAL_IDS)
def test_every_goal_has_a_complete_rule(goal: object) -> None:
    from netscan.diagnosis.types import Metrics

    assert goal.serves and goal.source  # type: ignore[attr-defined]
    rule = goal.rule  # type: ignore[attr-defined]
    assert sum(t.weight for t in rule) == pytest.approx(1.0)
    for term in rule:
        assert term.metric in Metrics.__annotations__


def test_goal_by_id_and_unknown_goal_hint() -> None:
    assert goal_by_id("JOB").id == "job"
    with pytest.raises(UnknownGoal) as info:
        goal_by_id("fame")
    assert "fame" in info.value.message
    assert "new-worlds" in info.value.hint and "knowledge-sharing" in info.value.hint


def test_term_scores_higher_lower_and_band() -> None:
    higher = Term("strong", 1, 0, 5, "x")
    assert (higher.direction, higher.score(-1), higher.score(2), higher.score(9)) == (
        "higher",
        0.0,
        0.4,
        1.0,
    )
    lower = Term("top5_share", 1, 0.6, 0.2, "x")
    assert lower.direction == "lower"
    assert lower.score(0.4) == pytest.approx(0.5)
    assert lower.score(0.1) == 1.0
    band = Term("top5_share", 1, 0.1, 0.9, "x", (0.3, 0.6))
    assert band.direction == "band"
    assert band.score(0.45) == 1.0
    assert band.score(0.2) == pytest.approx(0.5)
    assert band.score(0.75) == pytest.approx(0.5)
    assert band.score(0.95) == 0.0


def test_verdict_thresholds() -> None:
    assert [verdict(x) for x in (0.0, 0.3999, 0.4, 0.6999, 0.7, 1.0)] == [
        "does-not-fit",
        "does-not-fit",
        "partly",
        "partly",
        "fits",
        "fits",
    ]


OWNER = Owner(
    name="Owner Example",
    positions=(Position("Acme", "Senior Engineer", date(2019, 1, 1), None),),
)


def _small_network() -> tuple[object, object, object]:
    rows = [
        tie(
            "s1",
            company="Acme",
            score=0.8,
            tie_class="strong",
            last_two_way=date(2025, 12, 1),
            last_contact=date(2025, 12, 1),
        ),
        tie(
            "s2",
            company="Acme",
            score=0.7,
            tie_class="strong",
            last_two_way=date(2025, 3, 1),
            last_contact=date(2025, 3, 1),
        ),
        tie(
            "m1",
            company="Globex",
            position="Sales Manager",
            score=0.4,
            tie_class="medium",
            last_two_way=date(2025, 6, 1),
            last_contact=date(2025, 6, 1),
        ),
        tie(
            "w1",
            company="Initech",
            position="Data Analyst",
            score=0.2,
            last_contact=date(2025, 10, 1),
        ),
        tie(
            "w2",
            company="Umbrella",
            position="Recruiter",
            score=0.15,
            last_contact=date(2023, 1, 1),
        ),
        tie(
            "d1",
            company="Hooli",
            position="VP Engineering",
            score=0.05,
            tie_class="dormant",
            past_peak=0.6,
            last_two_way=date(2020, 5, 1),
        ),
        tie("l1", company="Acme", position=None, score=0.0, tie_class="latent"),
    ]
    ties = ties_frame(rows)
    contacts = contacts_for(ties, others=3)
    events = events_frame(
        [
            ev("s1", date(2025, 12, 1), direction="in", thread="t1"),
            ev("s1", date(2025, 12, 1), direction="out", thread="t1", hour=13),
            ev("m1", date(2025, 6, 1), direction="out", thread="t2"),
            ev("w1", date(2025, 10, 1), direction="in", thread="t3"),
            ev("w1", date(2025, 1, 1), kind="invitation", direction="in"),
            ev("s2", date(2025, 1, 1), kind="endorsement", direction="out"),
        ]
    )
    return ties, contacts, events


def test_diagnose_small_network_every_goal_has_numeric_evidence_and_named_actions() -> None:
    ties, contacts, events = _small_network()
    result = diagnose(ties, contacts, events, OWNER, as_of=AS_OF, targets=["ACME b.v.", "Nowhere"])
    assert len(result.goals) == 17
    fits = [(g.fit, g.id) for g in result.goals]
    assert fits == sorted(fits, key=lambda x: (-x[0], x[1]))
    names = {
        "S1 Testperson",
        "S2 Testperson",
        "M1 Testperson",
        "W1 Testperson",
        "W2 Testperson",
        "D1 Testperson",
    }
    named_by: dict[str, str] = {}
    for goal in result.goals:
        assert goal.evidence and goal.actions and goal.summary
        assert len(goal.terms) == len(goal.evidence)
        assert all(t.value is not None or t.score is None for t in goal.terms)
        text = " ".join(goal.actions)
        # Either the goal names people nobody named before, or it says where they were named.
        assert any(name in text for name in names) or "already named under" in text, goal.id
        for name in names:
            if name in text:
                assert name not in named_by, (name, goal.id, named_by.get(name))
                named_by[name] = goal.id
        assert set(goal.people) <= names
        assert 0.0 <= goal.fit <= 1.0
    assert named_by
    m = result.metrics
    assert (m.contacts, m.strong, m.medium, m.weak, m.dormant, m.latent) == (7, 2, 1, 2, 1, 1)
    assert m.strong_recent == 1  # s2 last spoke 306 days ago
    assert m.median_days_since_two_way_strong == pytest.approx((31 + 306) / 2)
    assert result.composition.other_people == 3
    assert m.invitations_received_share == 1.0
    assert m.reply_share == 0.5  # s1's thread answered, w1's not
    assert [r.contact_id for r in result.reconnect] == ["d1"]
    assert result.targets[0].match_kind == "normalised"
    assert [o.contact_id for o in result.targets[0].openers] == ["s1", "s2", "l1"]
    assert result.targets[1].match_kind == "none"
    # s1 and s2 share Acme (a clique of 2, weight 1.0); the others are alone: 4 bridges are
    # the weak-or-stronger singletons m1, w1, w2 (d1 is dormant).
    assert result.structure.alters == 6
    assert result.structure.imputed_ties == 1
    assert [b.contact_id for b in result.structure.bridges] == ["m1", "w1", "w2"]
    assert [b.at_risk for b in result.structure.bridges] == [False, False, True]
    flat = m.as_dict()
    assert flat["strong"] == 2 and isinstance(flat["efficiency"], float)
    assert json.loads(json.dumps(flat)) == flat
    assert any("imputed" in a for a in result.assumptions)


def test_diagnose_asked_goals_keep_their_order_and_unknown_goal_fails() -> None:
    ties, contacts, events = _small_network()
    result = diagnose(ties, contacts, events, OWNER, as_of=AS_OF, goals=["job", "support", "job"])
    assert [g.id for g in result.goals] == ["job", "support"]
    with pytest.raises(UnknownGoal):
        diagnose(ties, contacts, events, OWNER, as_of=AS_OF, goals=["fame"])


def test_diagnose_is_deterministic() -> None:
    ties, contacts, events = _small_network()
    first = diagnose(ties, contacts, events, OWNER, as_of=AS_OF)
    again = diagnose(ties.reverse(), contacts, events.reverse(), OWNER, as_of=AS_OF)
    assert first == again


def test_goals_command_table_and_json() -> None:
    result = CliRunner().invoke(cli, ["goals"], catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["id", "kind", "English", "Dutch"]
    assert len(lines) == 2 + 17
    assert "knowledge-sharing" in lines[-1] and "informatie en kennis delen" in lines[-1]
    data = json.loads(CliRunner().invoke(cli, ["goals", "--json"]).output)
    assert [(d["id"], d["kind"], d["label_en"], d["label_nl"]) for d in data] == SPEC_GOALS


SAMPLES = Path(__file__).resolve().parent.parent / "sample_exports"


@functools.cache
def _persona_with_ties(name: str) -> tuple[object, object]:
    ingest = pytest.importorskip("netscan.ingest")
    ties_module = pytest.importorskip("netscan.ties")
    from netscan.ties.config import NetscanConfig

    export = ingest.load_exports([SAMPLES / f"{name}.zip"])
    as_of = export.newest
    ties = ties_module.build_ties(
        export.contacts, export.events, export.owner, as_of=as_of, config=NetscanConfig().ties
    )
    return ties, diagnose(ties, export.contacts, export.events, export.owner, as_of=as_of)


def _persona(name: str) -> object:
    return _persona_with_ties(name)[1]


def _fit(result: object, goal: str) -> float:
    return next(g.fit for g in result.goals if g.id == goal)  # type: ignore[attr-defined]


PERSONAS = ["insider", "bridger", "switcher", "newcomer"]
EXPRESSIVE_CORE = ["collaboration", "support", "attention", "fun"]
INSTRUMENTAL_CORE = ["job", "new-worlds", "ideas", "risk-spreading"]


def test_persona_insider_fits_expressive_better_than_instrumental() -> None:
    insider = _persona("insider")
    worst_expressive = min(_fit(insider, g) for g in EXPRESSIVE_CORE)
    best_instrumental = max(_fit(insider, g) for g in INSTRUMENTAL_CORE)
    assert worst_expressive > best_instrumental


def test_persona_bridger_fits_instrumental_better_than_expressive() -> None:
    bridger = _persona("bridger")
    worst_instrumental = min(_fit(bridger, g) for g in INSTRUMENTAL_CORE)
    best_expressive = max(_fit(bridger, g) for g in EXPRESSIVE_CORE)
    assert worst_instrumental > best_expressive


def test_persona_switcher_gets_a_reconnection_list_and_job_names_dormant_colleagues() -> None:
    ties, switcher = _persona_with_ties("switcher")
    assert len(switcher.reconnect) >= 5  # type: ignore[attr-defined]
    top = switcher.reconnect[0]  # type: ignore[attr-defined]
    assert top.novelty > 0 and top.years_quiet is not None and top.years_quiet >= 3
    job = next(g for g in switcher.goals if g.id == "job")  # type: ignore[attr-defined]
    action = next(a for a in job.actions if "former colleagues from outside your" in a)
    colleagues = ties.filter(  # type: ignore[attr-defined]
        (pl.col("tie_class") == "dormant") & pl.col("tenure_overlap")
    )
    # a set: two dormant colleagues may share a name (the switcher sample has two Jeroen
    # Kuipers), and the action names each person once
    named = {n for n in colleagues.get_column("name").to_list() if f"{n} (" in action}
    assert len(named) == 3


def test_persona_newcomer_fits_no_goal() -> None:
    newcomer = _persona("newcomer")
    verdicts = {g.id: g.verdict for g in newcomer.goals}  # type: ignore[attr-defined]
    assert "fits" not in verdicts.values()
    # 58 acquaintances at 22 organisations: something for growth goals, not enough.
    assert verdicts["visibility"] == "partly" and verdicts["job"] != "fits"


@pytest.mark.parametrize("name", PERSONAS)
def test_persona_verdicts_do_not_saturate(name: str) -> None:
    result = _persona(name)
    assert sum(1 for g in result.goals if g.fit >= 0.99) <= 2  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", PERSONAS)
def test_persona_actions_are_goal_specific_and_name_real_contacts(name: str) -> None:
    ties, result = _persona_with_ties(name)
    goals = result.goals  # type: ignore[attr-defined]
    assert len({g.actions[0] for g in goals}) >= 12
    people = set(ties.get_column("name").to_list())  # type: ignore[attr-defined]
    for goal in goals:
        assert goal.actions
        for action in goal.actions:
            assert any(f"{n} (" in action or f"{n}." in action for n in people) or (
                "already named under" in action
            ), action


def test_quiet_close_ties_are_never_an_instrumental_action() -> None:
    for name in PERSONAS:
        for goal in _persona(name).goals:  # type: ignore[attr-defined]
            if goal.kind == "instrumental":
                assert not any("quiet for over 90 days" in a for a in goal.actions)


DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_docs_name_every_goal_rule_and_every_metric() -> None:
    from netscan.diagnosis.types import Metrics

    goals_doc = (DOCS / "goals.md").read_text(encoding="utf-8")
    for goal in GOALS:
        assert f"## `{goal.id}`" in goals_doc
        for term in goal.rule:
            assert f"| `{term.metric}` | {term.label} | {term.weight:.0%} |" in goals_doc
    metrics_doc = (DOCS / "metrics.md").read_text(encoding="utf-8")
    assert [f for f in Metrics.__annotations__ if f"`{f}`" not in metrics_doc] == []


def test_a_contact_without_a_company_is_not_a_bridge() -> None:
    """Alone in the imputed graph for lack of data is not the same as leading somewhere new."""
    ties = ties_frame(
        [
            tie("known", company="Globex", score=0.3, tie_class="medium"),
            tie("blank", company=None, score=0.3, tie_class="medium"),
            tie("space", company="  ", score=0.3, tie_class="weak"),
        ]
    )
    result = diagnose(ties, contacts_for(ties), events_frame([]), OWNER, as_of=AS_OF)
    assert [b.contact_id for b in result.structure.bridges] == ["known"]
    assert result.structure.clusters == 3


def test_events_condensed_on_the_helper_thread_give_the_same_diagnosis(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Large exports summarise EVENTS on a helper thread; a persona forced onto that path
    # (and the one it takes by its size) must say exactly the same.
    import netscan.diagnosis as diagnosis_module

    ingest = pytest.importorskip("netscan.ingest")
    export = ingest.load_exports([SAMPLES / "bridger.zip"])
    ties, inline = _persona_with_ties("bridger")
    monkeypatch.setattr(diagnosis_module, "OVERLAP_EVENTS", 0)
    threaded = diagnose(ties, export.contacts, export.events, export.owner, as_of=export.newest)
    assert threaded == inline
