"""Fit of the network to a goal, from measured metrics only, with evidence and next steps.

fit = Σ w_t · score_t / Σ w_t over the goal's terms that have a value (a metric the export cannot
give is left out and said so). Verdict: ``fits`` ≥ 0.70, ``partly`` 0.40–0.70, ``does-not-fit``
< 0.40 (SPEC §4). Actions come from the goal's own recipes (netscan.diagnosis.actions), each
naming contacts, plus one per `-t` target for instrumental and mixed goals.
"""

from __future__ import annotations

from netscan.diagnosis.actions import RECIPES, ActionContext, target_actions
from netscan.diagnosis.catalogue import Goal, Term
from netscan.diagnosis.types import GoalFit, Metrics
from netscan.i18n import gettext, ngettext
from netscan.l10n import number, percent

FITS = 0.70
PARTLY = 0.40
MAX_ACTIONS = 3


def verdict(fit: float) -> str:
    """``fits``, ``partly`` or ``does-not-fit`` for a fit in [0, 1]."""
    return "fits" if fit >= FITS else "partly" if fit >= PARTLY else "does-not-fit"


def _fmt(value: float, metric: str) -> str:
    if metric.endswith("_share"):
        return percent(value)
    if Metrics.__annotations__.get(metric) == "int":
        return number(int(value), grouping=False)
    return number(float(value), 2, grouping=False)


def _rule_text(term: Term) -> str:
    if term.band is not None:
        low, high = term.band
        return gettext("best between %(low)s and %(high)s") % {
            "low": _fmt(low, term.metric),
            "high": _fmt(high, term.metric),
        }
    if term.anchor is None:
        best = {"best": _fmt(term.best, term.metric)}
        if term.direction == "higher":
            return gettext("best ≥ %(best)s") % best
        return gettext("best ≤ %(best)s") % best
    return gettext("reference %(anchor)s scores 0.80, %(best)s scores 1") % {
        "anchor": _fmt(term.anchor, term.metric),
        "best": _fmt(term.best, term.metric),
    }


def actions_for(goal: Goal, metrics: Metrics, ctx: ActionContext) -> list[str]:
    """Up to MAX_ACTIONS sentences from the goal's recipes that have people to name, then one
    per `-t` target for instrumental and mixed goals."""
    actions: list[str] = []
    for name in goal.recipes:
        text = RECIPES[name](ctx, metrics)
        if text and text not in actions:
            actions.append(text)
        if len(actions) == MAX_ACTIONS:
            break
    if goal.kind != "expressive":
        actions.extend(target_actions(ctx))
    if not actions:
        active = int(metrics.active_ties)
        actions.append(
            ngettext(
                "This export shows %(num)d active tie and nobody this goal's recipes could "
                "name; add contacts or exchange messages so netscan has evidence.",
                "This export shows %(num)d active ties and nobody this goal's recipes could "
                "name; add contacts or exchange messages so netscan has evidence.",
                active,
            )
            % {"num": active}
        )
    return actions


def fit_goal(goal: Goal, metrics: Metrics, ctx: ActionContext) -> GoalFit:
    """Score `goal` on `metrics`: fit, verdict, evidence sentences and its own actions."""
    scored: list[tuple[Term, float]] = []
    evidence: list[str] = []
    for term in goal.rule:
        label = gettext(term.label)
        weight = percent(term.weight)
        value = metrics.value(term.metric)
        if value is None:
            evidence.append(
                gettext(
                    "No data for %(label)s in this export; left out of the fit (weight %(weight)s)."
                )
                % {"label": label, "weight": weight}
            )
            continue
        reach = metrics.value(term.reach.metric) if term.reach is not None else None
        score = term.score(value, reach)
        scored.append((term, score))
        values: dict[str, object] = {
            "label": label[:1].upper() + label[1:],
            "value": _fmt(value, term.metric),
            "rule": _rule_text(term),
            "score": number(score, 2),
            "weight": weight,
        }
        factor = term.reach.factor(reach) if term.reach is not None and reach is not None else 1
        if term.reach is not None and reach is not None and factor < 1:
            values.update(
                factor=number(factor, 2),
                reach=int(reach),
                reach_label=gettext(term.reach.label),
                anchor=int(term.reach.anchor),
            )
            template = gettext(
                "%(label)s: %(value)s (%(rule)s; scores %(score)s, scaled by %(factor)s for "
                "only %(reach)d %(reach_label)s (reference %(anchor)d) at weight %(weight)s)."
            )
        else:
            template = gettext(
                "%(label)s: %(value)s (%(rule)s; scores %(score)s at weight %(weight)s)."
            )
        evidence.append(template % values)
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
