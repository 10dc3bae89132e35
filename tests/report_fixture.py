"""A hand-built analysis for the report tests: invented people, every diagnosis field filled.

`make_analysis()` stands in for ``netscan.analysis.Analysis`` (same attribute names). Variants:
`hostile` puts markup into names and companies, `basic` drops the files a Basic LinkedIn archive
lacks (no messages, endorsements, recommendations), `tiny` is a network of three latent contacts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from netscan.diagnosis.types import (
    Activity,
    Bridge,
    CategoryCount,
    Composition,
    Diagnosis,
    DimensionDiversity,
    Diversity,
    DoorOpener,
    GoalFit,
    Layer,
    Metrics,
    MonthActivity,
    Reciprocity,
    ReconnectSuggestion,
    Structure,
    TargetResult,
    YearGrowth,
)
from netscan.model import (
    TIES_REQUIRED,
    Export,
    FileReport,
    InputReport,
    MatchRates,
    Owner,
    RatingSheet,
)
from netscan.ties.calibrate import Calibration

AS_OF = date(2026, 11, 27)
HOSTILE = ('<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "</script><b>x")

FIRST = ("Ada", "Bram", "Chidi", "Daan", "Eva", "Femke", "Gert", "Hana", "Ivo", "Jet", "Kees",
         "Lotte", "Maud", "Noor", "Olaf", "Pim", "Quinn", "Rosa", "Sem", "Tess")
LAST = ("Achterberg", "Bosma", "Claes", "Dekker", "Eelman", "Fokkema", "Groen", "Hoekstra",
        "Israel", "Jansma", "Kuipers", "Lammers", "Mulder", "Nijland", "Oosting")
COMPANIES = ("Northwind Logistics", "Tulip Analytics", "Harbour Health", "Polder Energy",
             "Dune Software", "Gemeente Zandvoort", "Canal Bank", "Lighthouse Labs", "")
CLASSES = ("strong", "medium", "weak", "dormant", "latent")


@dataclass(frozen=True)
class FixtureAnalysis:
    """The attributes the report reads, as ``netscan.analysis.Analysis`` has them."""

    export: Export
    as_of: date
    ties: pl.DataFrame
    diagnosis: Diagnosis
    anonymized: bool = False
    goals_requested: tuple[str, ...] = ()
    ratings: RatingSheet | None = None
    calibration: Calibration | None = None


def _ties(n: int, hostile: bool, tiny: bool) -> pl.DataFrame:
    rows = []
    for i in range(n):
        cls = "latent" if tiny else CLASSES[min(4, (i * 7) % 23 // 4)]
        score = {"strong": 0.8, "medium": 0.55, "weak": 0.25, "dormant": 0.35, "latent": 0.0}[cls]
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 3) % len(LAST)]}"
        company = COMPANIES[(i * 5) % len(COMPANIES)]
        if hostile and i < len(HOSTILE):
            name, company = HOSTILE[i], HOSTILE[-1 - i]
        rows.append({
            "contact_id": f"c{i:05d}",
            "name": name,
            "company": company,
            "position": ("Data Engineer", "Product Lead", "Director of Sales", "")[i % 4],
            "connected_on": AS_OF - timedelta(days=40 + 37 * i),
            "score": round(score + (i % 10) / 100, 4) if cls != "latent" else 0.0,
            "tie_class": cls,
            "confidence": {"strong": "high", "medium": "high", "weak": "medium",
                           "dormant": "medium", "latent": "low"}[cls],
            "last_contact": None if cls == "latent" else AS_OF - timedelta(days=3 + 11 * i),
            "messages_sent": 0 if cls == "latent" else 12 - i % 12,
            "messages_received": 0 if cls == "latent" else 9 - i % 9,
            "reasons": "connection only" if cls == "latent" else "two-way messages, recent",
            "profile_url": "javascript:alert(3)" if hostile and i == 0
            else f"https://www.linkedin.com/in/example-{i}",
        })
    schema = {**TIES_REQUIRED, "profile_url": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)


def _dimension(name: str, cats: tuple[str, ...], n: int) -> DimensionDiversity:
    dist = tuple(CategoryCount(c, max(1, n // (k + 2)), 1.0) for k, c in enumerate(cats))
    return DimensionDiversity(name, dist, len(cats), 0.8, 0.85, 0.8, 0.2, cats[0], 3, True)


def make_analysis(*, hostile: bool = False, basic: bool = False, tiny: bool = False,
                  n: int = 60, goals_requested: tuple[str, ...] = ()) -> FixtureAnalysis:
    """A complete fixture analysis (see module docstring for the variants)."""
    n = 3 if tiny else n
    ties = _ties(n, hostile, tiny)
    counts = {cls: int((ties["tie_class"] == cls).sum()) for cls in CLASSES}
    first = ties.row(0, named=True)
    label = HOSTILE[0] if hostile else "Northwind Logistics"
    files = [
        FileReport("Connections.csv", "2024+", n + 4, n, {"blank-hidden-member": 4},
                   date_range=(AS_OF - timedelta(days=3000), AS_OF)),
        FileReport("Invitations.csv", "", 20, 18, {"duplicate": 2}),
        FileReport("Profile.csv", "", 1, 1),
        FileReport("Ad_Targeting.csv", "", 12, 0, status="not-used"),
    ]
    if not basic:
        files += [
            FileReport("messages.csv", "", 400, 380, {"draft": 5, "sponsored": 15}),
            FileReport("Endorsement_Received_Info.csv", "", 30, 30),
            FileReport("Endorsement_Given_Info.csv", "", 12, 12),
            FileReport("Recommendations_Received.csv", "", 2, 2),
            FileReport("Recommendations_Given.csv", "", 1, 1),
        ]
    owner_name = "Iris van Dam" if not hostile else "<i>Iris</i> & co"
    export = Export(
        contacts=pl.DataFrame(),
        events=pl.DataFrame(),
        owner=Owner(owner_name, "https://www.linkedin.com/in/iris-example"),
        inputs=(InputReport("/home/iris/Basic_LinkedInDataExport_11-27-2026.zip", "linkedin",
                            tuple(files)),),
        match_rates=MatchRates(300, 20, 40, 15),
        warnings=("Connections.csv began with a 'Notes:' preamble; it was skipped.",),
        newest=AS_OF,
        oldest=AS_OF - timedelta(days=3000),
    )
    months = () if basic or tiny else tuple(
        MonthActivity(f"2025-{m:02d}", (m * 7) % 13, (m * 5) % 11) for m in range(1, 13))
    years = () if tiny else tuple(YearGrowth(2019 + k, 5 + 3 * k) for k in range(8))
    goal_ids = goals_requested or ("job", "support", "ideas")
    goals = tuple(
        GoalFit(gid, "instrumental" if gid != "support" else "expressive",
                {"job": "finding a new job", "support": "support for a shared cause",
                 "ideas": "new ideas and solutions", "clients": "finding clients"}.get(gid, gid),
                "een nieuwe baan vinden", fit, verdict,
                (f"Employer diversity IQV 0.85 across {n} contacts.",
                 f"{label} holds 12% of your contacts."),
                (f"Ask {first['name']} at {first['company']} about openings.",))
        for gid, fit, verdict in zip(goal_ids, (0.78, 0.52, 0.31), ("fits", "partly",
                                                                     "does-not-fit"),
                                     strict=False)
    )
    metrics = Metrics(
        contacts=n, strong=counts["strong"], medium=counts["medium"], weak=counts["weak"],
        dormant=counts["dormant"], latent=counts["latent"],
        active_ties=counts["strong"] + counts["medium"] + counts["weak"],
        top5_strength_share=0.31, top15_share=0.6, strong_recent=counts["strong"],
        median_days_since_two_way_strong=40.0, moderately_weak=5, effective_size=21.4,
        efficiency=0.71, constraint=0.05, constraint_active=0.21, density=0.08,
        strong_density=0.2, clusters=6, bridges=2, recent_bridges=1, employer_iqv=0.85,
        employer_entropy=0.8, employer_ei=0.6, function_iqv=0.7, function_entropy=0.66,
        function_known_share=0.8, seniority_iqv=0.5, seniority_entropy=0.45, seniority_ei=None,
        invitations_received_share=0.6, started_by_others_share=None if basic else 0.4,
        endorsements_received=30, recommendations_received=2, endorsements_given=12,
        recommendations_given=1, reply_share=None if basic else 0.8, introductions=2,
        connections_per_year=9.5, messages_per_month_sent=0.0 if basic else 7.5,
        messages_per_month_received=0.0 if basic else 6.1, reconnect_candidates=2,
    )
    diagnosis = Diagnosis(
        metrics=metrics,
        goals=goals,
        targets=(
            TargetResult("Tulip Analytics", "exact", ("Tulip Analytics",), (
                DoorOpener("c00001", str(ties["name"][1]), "Tulip Analytics", "Product Lead",
                           "strong", 0.81),)),
            TargetResult("Acme", "none", (), ()),
        ) if not tiny else (),
        reconnect=(ReconnectSuggestion("c00004", str(ties["name"][min(2, n - 1)]),
                                       label, "Director of Sales", 0.7, 0.8, 0.75, 3.5,
                                       ("recommended you in 2021", "different employer now")),)
        if not tiny else (),
        composition=Composition(n, 14, tuple((c, counts[c]) for c in CLASSES),
                                tuple(Layer(s, min(s, n), sh)
                                      for s, sh in ((5, 0.31), (15, 0.6), (50, 0.92),
                                                    (150, 1.0)))),
        diversity=Diversity((
            _dimension("employer", tuple(c for c in COMPANIES if c) + ((label,) if hostile
                                                                      else ()), n),
            _dimension("function", ("Engineering", "Sales", "Product", "Research"), n),
            _dimension("seniority", ("Senior", "Entry", "Director", "VP"), n),
        )) if not tiny else Diversity(()),
        structure=Structure(n, 40, (("shared-employer", 40),), 0.08, 0.2, 21.4, 0.71, 0.05,
                            0.21, 6, 9, (Bridge("c00007", str(ties["name"][n - 1]), label,
                                                "weak", 0.3, "2026-01-03", True),)),
        reciprocity=Reciprocity(
            invitations_received=12, invitations_sent=6, invitations_received_share=0.6,
            conversations=0 if basic else 40, conversations_started_by_others=0 if basic else 16,
            started_by_others_share=None if basic else 0.4, endorsements_received=30,
            recommendations_received=2, endorsements_given=12, recommendations_given=1,
            incoming_threads=0 if basic else 16, answered_threads=0 if basic else 13,
            reply_share=None if basic else 0.8, introductions=2),
        activity=Activity(months, years, 9.5, 0.0 if basic else 7.5, 0.0 if basic else 6.1,
                          0 if basic else 11),
        assumptions=("Colleagues at one employer are assumed to know each other.",
                     "Functions are inferred from job titles."),
    )
    return FixtureAnalysis(export, AS_OF, ties, diagnosis, goals_requested=goals_requested)
