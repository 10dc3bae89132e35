"""Fit of the network to a goal, from measured metrics only, with evidence and next steps.

fit = Σ w_t · score_t / Σ w_t over the goal's terms that have a value (a metric the export cannot
give is left out and said so). Verdict: ``fits`` ≥ 0.70, ``partly`` 0.40–0.70, ``does-not-fit``
< 0.40 (SPEC §4). Actions come from the goal's own recipes (netscan.diagnosis.actions), each
naming contacts, plus one per `-t` target for instrumental and mixed goals.
"""

from __future__ import annotations

from netscan.diagnosis.actions import RECIPES, ActionContext, singular, target_actions
from netscan.diagnosis.catalogue import Goal, Term
from netscan.diagnosis.types import GoalFit, Metrics

FITS = 0.70
PARTLY = 0.40
MAX_ACTIONS = 3


def verdict(fit: float) -> str:
    """``fits``, ``partly`` or ``does-not-fit`` for a fit in [0, 1]."""
    return "fits" if fit >= FITS else "partly" if fit >= PARTLY else "does-not-fit"


def _fmt(value: float, metric: str) -> str:
    if metric.endswith("_share"):
        return f"{value:.0%}"
    if Metrics.__annotations__.get(metric) == "int":
        return f"{int(value)}"
    return f"{value:.2f}"


def _rule_text(term: Term) -> str:
    if term.band is not None:
        low, high = term.band
        return f"best between {_fmt(low, term.metric)} and {_fmt(high, term.metric)}"
    if term.anchor is None:
        sign = "≥" if term.direction == "higher" else "≤"
        return f"best {sign} {_fmt(term.best, term.metric)}"
    return (
        f"reference {_fmt(term.anchor, term.metric)} scores 0.80, "
        f"{_fmt(term.best, term.metric)} scores 1"
    )


def actions_for(goal: Goal, metrics: Metrics, ctx: ActionContext) -> list[str]:
    """Up to MAX_ACTIONS sentences from the goal's recipes that have people to name, then one
    per `-t` target for instrumental and mixed goals."""
    actions: list[str] = []
    for name in goal.recipes:
        text = RECIPES[name](ctx, metrics)
        text = singular(text) if text else None
        if text and text not in actions:
            actions.append(text)
        if len(actions) == MAX_ACTIONS:
            break
    if goal.kind != "expressive":
        actions.extend(singular(t) for t in target_actions(ctx))
    if not actions:
        actions.append(
            f"This export shows {int(metrics.active_ties)} active ties and nobody this goal's "
            "recipes could name; add contacts or exchange messages so netscan has evidence."
        )
    return actions


def fit_goal(goal: Goal, metrics: Metrics, ctx: ActionContext) -> GoalFit:
    """Score `goal` on `metrics`: fit, verdict, evidence sentences and its own actions."""
    scored: list[tuple[Term, float]] = []
    evidence: list[str] = []
    for term in goal.rule:
        value = metrics.value(term.metric)
        if value is None:
            evidence.append(
                f"No data for {term.label} in this export; left out of the fit "
                f"(weight {term.weight:.0%})."
            )
            continue
        reach = metrics.value(term.reach.metric) if term.reach is not None else None
        score = term.score(value, reach)
        scored.append((term, score))
        scale = ""
        if term.reach is not None and reach is not None:
            factor = term.reach.factor(reach)
            if factor < 1:
                scale = (
                    f", scaled by {factor:.2f} for only {int(reach)} {term.reach.label} "
                    f"(reference {int(term.reach.anchor)})"
                )
        evidence.append(
            f"{term.label[0].upper()}{term.label[1:]}: {_fmt(value, term.metric)} "
            f"({_rule_text(term)}; scores {score:.2f}{scale} at weight {term.weight:.0%})."
        )
    total = sum(t.weight for t, _ in scored)
    fit = round(sum(t.weight * s for t, s in scored) / total, 4) if total > 0 else 0.0
    return GoalFit(
        id=goal.id,
        kind=goal.kind,
        label_en=goal.label_en,
        label_nl=goal.label_nl,
        fit=fit,
        verdict=verdict(fit),
        evidence=tuple(evidence),
        actions=tuple(actions_for(goal, metrics, ctx)),
    )
