"""Diagnosis: what the network is good for, judged against the goals the person states.

`diagnose` composes the small metric modules (composition, diversity, structure, reciprocity,
activity, reconnection, targets) into `Metrics`, then scores goals from those metrics only.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Collection, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import polars as pl

from netscan.companies import company_key_expr
from netscan.diagnosis.activity import activity
from netscan.diagnosis.catalogue import GOALS, goal_by_id
from netscan.diagnosis.diversity import dimension_diversity_frame
from netscan.diagnosis.ego import owner_employer, owner_function, owner_seniority
from netscan.diagnosis.events import summarise_events
from netscan.diagnosis.fit import assign_actions, fit_goal
from netscan.diagnosis.pools import approached, build_context
from netscan.diagnosis.reciprocity import reciprocity
from netscan.diagnosis.reconnect import reconnect
from netscan.diagnosis.structure import (
    MAX_EMPLOYER_CLIQUE,
    ImputedTies,
    burt_measures_nodes,
    cluster_of,
    density_nodes,
    impute_ties_frame,
)
from netscan.diagnosis.targets import find_targets
from netscan.diagnosis.taxonomy import (
    FUNCTION_NAMES,
    SENIORITY_NAMES,
    functions,
    seniorities,
)
from netscan.diagnosis.types import (
    Bridge,
    Composition,
    Diagnosis,
    Diversity,
    GoalFit,
    Layer,
    Metrics,
    Structure,
)
from netscan.i18n import N_, gettext
from netscan.l10n import number
from netscan.model import Owner

__all__ = ["Diagnosis", "diagnose"]

CLASSES = ("strong", "medium", "weak", "dormant", "latent")
LAYER_SIZES = (5, 15, 50, 150)
RECENT_DAYS = 90
BRIDGE_AT_RISK_DAYS = 365
# Latent contacts count in diversity like weak ties (SCIENCE §8.5) but carry no measured strength;
# this small weight keeps them visible without letting 500 unknowns drown the real ties.
LATENT_DIVERSITY_WEIGHT = 0.1
MIN_EGO_WEIGHT = 0.01
# From this many events on, they are condensed on a helper thread (see `diagnose`); a small
# export's summary takes less than the thread's GIL hand-overs cost.
OVERLAP_EVENTS = 100_000

# Columns diagnose reads beyond TIES_REQUIRED; a frame without them (an older ties table) gets
# nulls, and the numbers that need them say so instead of failing.
_OPTIONAL = {
    "last_two_way": pl.Date,
    "past_peak": pl.Float64,
    "tenure_overlap": pl.Boolean,
    "shared_employer": pl.String,
}


def _prepare(ties: pl.DataFrame) -> pl.DataFrame:
    missing = [pl.lit(None, dtype=t).alias(c) for c, t in _OPTIONAL.items() if c not in ties]
    frame = ties.with_columns(missing) if missing else ties
    return (
        frame.with_columns(
            pl.col("score").fill_null(0.0),
            pl.col("company").fill_null(""),
            pl.col("position").fill_null(""),
            pl.col("name").fill_null(""),
        )
        # What several metrics and pools read per contact, inferred once per distinct value.
        .with_columns(
            employer_key=company_key_expr(pl.col("company")).fill_null(""),
            function=pl.col("position").map_batches(functions, return_dtype=pl.String),
            seniority=pl.col("position").map_batches(seniorities, return_dtype=pl.String),
        )
        .sort("contact_id")
    )


def _by_strength(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(["score", "name", "contact_id"], descending=[True, False, False])


def _days_since(day: date | None, as_of: date) -> int | None:
    return None if day is None else (as_of - day).days


def _composition(ties: pl.DataFrame, contacts: pl.DataFrame) -> Composition:
    counts = dict(ties.group_by("tie_class").len().iter_rows())
    scores = sorted(ties.get_column("score").to_list(), reverse=True)
    total = sum(scores)
    positive = int((ties.get_column("score") > 0).sum())
    layers = tuple(
        Layer(
            size=size,
            filled=min(size, positive),
            share_of_strength=round(sum(scores[:size]) / total, 4) if total > 0 else 0.0,
        )
        for size in LAYER_SIZES
    )
    other = contacts.filter(~pl.col("in_network")).height if "in_network" in contacts else 0
    return Composition(
        contacts=ties.height,
        other_people=other,
        classes=tuple((c, int(counts.get(c, 0))) for c in CLASSES),
        layers=layers,
    )


def _diversity(ties: pl.DataFrame, employer: str, function: str, seniority: str) -> Diversity:
    key = pl.col("employer_key")
    alters = ties.select(
        "company",
        "employer_key",
        "function",
        "seniority",
        weight=pl.when(pl.col("tie_class") == "latent")
        .then(pl.lit(LATENT_DIVERSITY_WEIGHT))
        .otherwise(pl.max_horizontal(pl.col("score"), pl.lit(MIN_EGO_WEIGHT))),
    )
    # Each employer is labelled with its most common spelling (ties: the first in sort order),
    # shared by all spellings of one normalised name.
    labels = (
        alters.filter(key != "")
        .group_by("employer_key", "company")
        .len()
        .group_by("employer_key")
        .agg(
            pl.col("company")
            .sort_by([pl.col("len"), pl.col("company")], descending=[True, False])
            .first()
            .alias("label")
        )
    )
    alters = alters.join(labels, on="employer_key", how="left", maintain_order="left")
    # With nobody at the owner's employer the E-I index is +1 (all external), not unknown.
    mine = alters.filter(key == employer).get_column("label").fill_null("")
    owner_label = mine[0] if mine.len() else (employer or None)
    return Diversity(
        dimensions=(
            dimension_diversity_frame(
                "employer",
                alters.select(category=pl.col("label").fill_null(""), weight="weight"),
                owner_category=owner_label,
            ),
            dimension_diversity_frame(
                "function",
                alters.select(category="function", weight="weight"),
                owner_category=function,
                categories_possible=len(FUNCTION_NAMES),
            ),
            dimension_diversity_frame(
                "seniority",
                alters.select(category="seniority", weight="weight"),
                owner_category=seniority,
                categories_possible=len(SENIORITY_NAMES),
            ),
        )
    )


def _structure(
    ties: pl.DataFrame, threads: pl.DataFrame, owner: Owner, *, as_of: date
) -> tuple[Structure, ImputedTies, pl.DataFrame]:
    """Burt's measures, density and clusters of the imputed ego network of the non-latent ties,
    the imputed ties themselves, and each alter's cluster size (contact_id, size)."""
    alters = (
        ties.filter(pl.col("tie_class") != "latent")
        .sort("contact_id")
        .with_row_index("node")
        .with_columns(ego=pl.max_horizontal(pl.col("score"), pl.lit(MIN_EGO_WEIGHT)))
    )
    # impute_ties_frame numbers the alters in contact-id order too, so `node` matches its edges.
    imputed = impute_ties_frame(alters, threads, owner, as_of=as_of)
    edges = imputed.edges
    active = pl.col("tie_class").is_in(["strong", "medium"])
    whole = burt_measures_nodes(alters.select("node", "ego"), edges)
    inner = burt_measures_nodes(alters.filter(active).select("node", "ego"), edges)
    alters = pl.concat([alters, cluster_of(imputed)], how="horizontal")
    # Someone whose employer the export does not show is alone in the imputed graph for lack of
    # evidence, not because they lead into another world: no company, no bridge.
    bridge_rows = _by_strength(
        alters.filter(
            (pl.col("size") == 1)
            & pl.col("tie_class").is_in(["strong", "medium", "weak"])
            & (pl.col("company").str.strip_chars().str.len_chars() > 0)
        )
    )
    bridges = []
    for cid, name, company, cls, score, last in bridge_rows.select(
        "contact_id", "name", "company", "tie_class", "score", "last_contact"
    ).iter_rows():
        days = _days_since(last, as_of)
        bridges.append(
            Bridge(
                contact_id=cid,
                name=name,
                company=company,
                tie_class=cls,
                score=float(score),
                last_contact=None if last is None else str(last),
                at_risk=days is None or days > BRIDGE_AT_RISK_DAYS,
            )
        )
    structure = Structure(
        alters=whole.alters,
        imputed_ties=edges.height,
        imputed_by_evidence=tuple(sorted(imputed.evidence.items())),
        density=density_nodes(alters.get_column("node"), edges),
        strong_density=density_nodes(alters.filter(active).get_column("node"), edges),
        effective_size=whole.effective_size,
        efficiency=whole.efficiency,
        constraint=whole.constraint,
        constraint_active=inner.constraint,
        clusters=alters.get_column("cluster").n_unique(),
        largest_cluster=int(alters.select(pl.col("size").max().fill_null(0)).item()),
        bridges=tuple(bridges),
    )
    return structure, imputed, alters.select("contact_id", "size")


def _assumptions(
    structure: Structure, diversity: Diversity, skipped: tuple[tuple[str, int], ...]
) -> tuple[str, ...]:
    evidence = dict(structure.imputed_by_evidence)
    out = [
        gettext(
            "The export holds no ties between your contacts, so they were imputed from shared "
            "contexts: %(group)d pairs from group conversations (weight 1.0), %(employer)d pairs "
            "from a shared current employer (weight falling from 1.0 for two people to about "
            "0.24 for 100), and %(former)d pairs of former colleagues connected during your "
            "tenure there (0.75). This overstates closure inside big employers and misses ties "
            "across employers."
        )
        % {
            "group": evidence.get("group-thread", 0),
            "employer": evidence.get("shared-employer", 0),
            "former": evidence.get("former-colleagues", 0),
        },
        gettext(
            "Structure (effective size, constraint, clusters, bridges) is computed over the "
            "%(alters)d contacts with some evidence of a tie; contacts with no evidence (latent) "
            "are left out. A contact whose employer the export does not show is not counted as "
            "a bridge: being alone in the picture is then a gap in the data."
        )
        % {"alters": structure.alters},
    ]
    for company, size in skipped:
        out.append(
            gettext(
                "%(size)d contacts work at %(company)s: more than %(max)d, too many to assume "
                "they all know each other, so no ties were imputed there."
            )
            % {"size": size, "company": company, "max": MAX_EMPLOYER_CLIQUE}
        )
    inferred = {
        "function": N_(
            "Function is inferred from job titles with an English and Dutch keyword list; "
            "%(unknown)d of %(total)d titles matched no keyword and stay 'unknown'."
        ),
        "seniority": N_(
            "Seniority is inferred from job titles with an English and Dutch keyword list; "
            "%(unknown)d of %(total)d titles matched no keyword and stay 'unknown'."
        ),
    }
    for name, template in inferred.items():
        entry = diversity.get(name)
        if entry is not None:
            known = sum(c.count for c in entry.distribution)
            out.append(
                gettext(template) % {"unknown": entry.unknown, "total": known + entry.unknown}
            )
    out.append(
        gettext(
            "Diversity counts latent contacts (no evidence of a tie) with a small weight of "
            "%(weight)s and every other contact by tie strength."
        )
        % {"weight": number(LATENT_DIVERSITY_WEIGHT, 1)}
    )
    return tuple(out)


def diagnose(
    ties: pl.DataFrame,
    contacts: pl.DataFrame,
    events: pl.DataFrame,
    owner: Owner,
    *,
    as_of: date,
    goals: Sequence[str] = (),
    targets: Sequence[str] = (),
    unmeasured: Collection[str] = (),
) -> Diagnosis:
    """Diagnose the ego network: metrics, every (or each asked) goal's fit, targets, reconnects.

    With no `goals`, every goal in the catalogue is scored and ranked by fit (ties by id);
    otherwise the asked goals come back in the order asked. Raises UnknownGoal for a bad id.
    `unmeasured` names metrics the caller knows its data cannot show (a team's combined ties
    carry no message events): they read as "no data" in every goal, never as zero.
    """
    asked = list(dict.fromkeys(goal_by_id(g).id for g in goals))
    # A large EVENTS is condensed on a helper thread while the metrics of the ties alone are
    # computed here: summarise_events is mostly polars (which releases the GIL), those are
    # largely Python, so on two cores they overlap instead of taking turns.
    with ThreadPoolExecutor(max_workers=1) as helper:
        pending = (
            helper.submit(summarise_events, events) if events.height >= OVERLAP_EVENTS else None
        )
        ties = _prepare(ties)
        employer = owner_employer(owner)
        function = owner_function(owner)
        seniority = owner_seniority(owner)
        composition = _composition(ties, contacts)
        diversity = _diversity(ties, employer, function, seniority)
        suggestions = reconnect(
            ties,
            as_of=as_of,
            owner_employer=employer,
            owner_function=function,
            owner_seniority=seniority,
        )
        target_results = find_targets(ties, targets)
        summary = summarise_events(events) if pending is None else pending.result()
    structure, imputed, cluster_size = _structure(ties, summary.threads, owner, as_of=as_of)
    giving = reciprocity(summary, imputed.foci)
    growth = activity(contacts, summary, as_of=as_of)

    strong = ties.filter(pl.col("tie_class") == "strong")
    strong_days = [
        d
        for d in (_days_since(x, as_of) for x in strong.get_column("last_two_way"))
        if d is not None
    ]
    layer = {lay.size: lay.share_of_strength for lay in composition.layers}
    emp = diversity.get("employer")
    fun = diversity.get("function")
    sen = diversity.get("seniority")
    assert emp is not None and fun is not None and sen is not None
    known = sum(c.count for c in fun.distribution)
    came = approached(summary)
    outside = ties.filter(
        pl.col("tie_class").is_in(["strong", "medium", "weak"])
        & (pl.col("employer_key") != "")
        & (pl.col("employer_key") != employer)
    ).get_column("employer_key")
    metrics = Metrics(
        contacts=composition.contacts,
        strong=composition.count("strong"),
        medium=composition.count("medium"),
        weak=composition.count("weak"),
        dormant=composition.count("dormant"),
        latent=composition.count("latent"),
        active_ties=composition.count("strong") + composition.count("medium"),
        top5_strength_share=layer[5],
        top15_share=layer[15],
        strong_recent=sum(1 for d in strong_days if d <= RECENT_DAYS),
        median_days_since_two_way_strong=(
            float(statistics.median(strong_days)) if strong_days else None
        ),
        moderately_weak=composition.count("medium") + composition.count("weak"),
        effective_size=structure.effective_size,
        efficiency=structure.efficiency,
        constraint=structure.constraint,
        constraint_active=structure.constraint_active,
        density=structure.density,
        strong_density=structure.strong_density,
        clusters=structure.clusters,
        bridges=len(structure.bridges),
        recent_bridges=sum(1 for b in structure.bridges if not b.at_risk),
        employer_iqv=emp.iqv,
        employer_entropy=emp.entropy,
        employer_ei=emp.ei,
        function_iqv=fun.iqv,
        function_entropy=fun.entropy,
        function_known_share=known / (known + fun.unknown) if known + fun.unknown else 0.0,
        seniority_iqv=sen.iqv,
        seniority_entropy=sen.entropy,
        seniority_ei=sen.ei,
        invitations_received_share=giving.invitations_received_share,
        started_by_others_share=giving.started_by_others_share,
        endorsements_received=giving.endorsements_received,
        recommendations_received=giving.recommendations_received,
        endorsements_given=giving.endorsements_given,
        recommendations_given=giving.recommendations_given,
        reply_share=giving.reply_share,
        introductions=giving.introductions,
        connections_per_year=growth.connections_per_year,
        messages_per_month_sent=growth.messages_per_month_sent,
        messages_per_month_received=growth.messages_per_month_received,
        reconnect_candidates=len(suggestions),
        outside_ties=len(outside),
        employers_reached=outside.n_unique(),
        approached_by=len(set(came) & set(ties.get_column("contact_id").to_list())),
    )
    if unmeasured:
        # None is what `Metrics.value` and the goal rules already read as "no data".
        blank: dict[str, Any] = dict.fromkeys(unmeasured)
        metrics = dataclasses.replace(metrics, **blank)

    context = build_context(
        ties,
        summary,
        as_of=as_of,
        employer=employer,
        owner_function=function,
        owner_seniority=seniority,
        imputed=imputed,
        cluster_size=cluster_size,
        bridges=structure.bridges,
        suggestions=suggestions,
        targets=target_results,
        came=came,
    )
    chosen = [goal_by_id(g) for g in asked] if asked else list(GOALS)
    fits: list[GoalFit] = [fit_goal(goal, metrics) for goal in chosen]
    if not asked:
        fits.sort(key=lambda f: (-f.fit, f.id))
    fits = list(assign_actions(fits, metrics, context))
    return Diagnosis(
        metrics=metrics,
        goals=tuple(fits),
        targets=target_results,
        reconnect=suggestions,
        composition=composition,
        diversity=diversity,
        structure=structure,
        reciprocity=giving,
        activity=growth,
        assumptions=_assumptions(structure, diversity, imputed.skipped_large),
    )
