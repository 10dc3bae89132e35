"""Fit of the network to a goal, from measured metrics only, with evidence and next steps.

fit = exp(Σ w_t · ln max(score_t, FLOOR) / Σ w_t), the weighted geometric mean over the goal's
terms that have a value (a metric the export cannot give is left out and said so). The geometric
mean is non-compensatory: every ingredient a goal needs must be there, so a huge network cannot
"fit" a goal whose defining property (closure for expressive goals, outward reach for
instrumental ones) it lacks. Verdict: ``fits`` ≥ 0.70, ``partly`` 0.40–0.70, ``does-not-fit``
< 0.40 (SPEC §4). docs/goals.md documents the calibration.

Actions come from each goal's own recipes (netscan.diagnosis.actions). `assign_actions` is the
one place that decides who is recommended for what: goals are served in page order and a person
named for one goal is not named again for a later one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from netscan.diagnosis.actions import RECIPES, ActionContext, recording, without
from netscan.diagnosis.catalogue import Goal, goal_by_id
from netscan.diagnosis.explain import GOOD, WEAK, missing_sentence, sentence, verdict_sentence
from netscan.diagnosis.types import GoalFit, Metrics, TermResult
from netscan.i18n import gettext, ngettext

FITS = 0.70
PARTLY = 0.40
MAX_ACTIONS = 3
# A term at 0 would zero the whole geometric mean; a floor keeps one missing ingredient from
# erasing everything else while still pulling the fit well down.
FLOOR = 0.05


def verdict(fit: float) -> str:
    """``fits``, ``partly`` or ``does-not-fit`` for a fit in [0, 1]."""
    return "fits" if fit >= FITS else "partly" if fit >= PARTLY else "does-not-fit"


def aggregate(scored: Sequence[tuple[float, float]]) -> float:
    """The weighted geometric mean of (weight, score) pairs, scores floored at FLOOR."""
    total = sum(w for w, _ in scored)
    if total <= 0:
        return 0.0
    return math.exp(sum(w * math.log(max(s, FLOOR)) for w, s in scored) / total)


def fit_goal(goal: Goal, metrics: Metrics, ctx: ActionContext | None = None) -> GoalFit:
    """Score `goal` on `metrics`: fit, verdict, plain evidence and the numbers behind it.

    With `ctx`, the goal's own actions are added as if no other goal had named anyone; a whole
    report assigns them with `assign_actions` instead.
    """
    results: list[TermResult] = []
    evidence: list[str] = []
    scored: list[tuple[float, float]] = []
    for term in goal.rule:
        value = metrics.value(term.metric)
        reach = metrics.value(term.reach.metric) if term.reach is not None else None
        if value is None:
            evidence.append(missing_sentence(term.metric))
            results.append(TermResult(
                term.metric, term.label, None, term.worst, term.anchor, term.best, term.log,
                None, term.weight,
                reach_metric=term.reach.metric if term.reach is not None else None,
            ))
            continue
        score = term.score(value, reach)
        scored.append((term.weight, score))
        evidence.append(sentence(term.metric, value, score, metrics))
        factor = term.reach.factor(reach) if term.reach is not None and reach is not None else None
        results.append(TermResult(
            term.metric, term.label, round(value, 4), term.worst, term.anchor, term.best,
            term.log, round(score, 4), term.weight,
            reach_metric=term.reach.metric if term.reach is not None else None,
            reach_value=None if reach is None else round(reach, 4),
            reach_factor=None if factor is None else round(factor, 4),
        ))
    fit = round(aggregate(scored), 4)
    judged = [r for r in results if r.score is not None]
    # The strongest and weakest ingredient, by how much each adds to or takes from the fit.
    best = max(judged, key=lambda r: (r.score or 0.0, r.weight), default=None)
    worst = min(judged, key=lambda r: (r.score or 0.0, -r.weight), default=None)
    if worst is not None and (worst.score or 0.0) >= GOOD:
        worst = None  # every ingredient is a strength: nothing to watch
    if best is not None and (best.score or 0.0) < WEAK:
        best = None  # nothing to build from
    result = GoalFit(
        id=goal.id,
        kind=goal.kind,
        label_en=goal.label_en,
        label_nl=goal.label_nl,
        fit=fit,
        verdict=verdict(fit),
        evidence=tuple(evidence),
        actions=(),
        summary=verdict_sentence(
            verdict(fit),
            best.metric if best else None,
            worst.metric if worst else None,
        ),
        terms=tuple(results),
    )
    if ctx is None:
        return result
    return assign_actions([result], metrics, ctx)[0]


def _run(goal: Goal, metrics: Metrics, ctx: ActionContext) -> tuple[list[str], list[str]]:
    """The goal's first MAX_ACTIONS recipe sentences and the people they name, in order."""
    actions: list[str] = []
    people: list[str] = []
    for name in goal.recipes:
        # Within a goal too, a later recipe does not repeat a person an earlier one named.
        with recording() as named:
            text = RECIPES[name](without(ctx, set(people)), metrics)
        if text and text not in actions:
            actions.append(text)
            people.extend(c.name for c in named if c.name not in people)
        if len(actions) == MAX_ACTIONS:
            break
    return actions, people


def assign_actions(
    fits: Sequence[GoalFit], metrics: Metrics, ctx: ActionContext
) -> tuple[GoalFit, ...]:
    """Each goal's actions, in page order, naming nobody an earlier goal already named.

    A goal whose people were all named earlier says where to find them instead of repeating
    them, so no person is recommended twice on a page without a reason.
    """
    taken: dict[str, str] = {}  # person → label of the goal that named them first
    out: list[GoalFit] = []
    for fit in fits:
        goal = goal_by_id(fit.id)
        actions, people = _run(goal, metrics, without(ctx, set(taken)))
        if not actions:
            _unused, wanted = _run(goal, metrics, ctx)
            earlier = list(dict.fromkeys(taken[p] for p in wanted if p in taken))
            if earlier:
                actions = [
                    ngettext(
                        "The people who can help with this goal are already named under "
                        "“%(goals)s” above; start there.",
                        "The people who can help with this goal are already named under "
                        "“%(goals)s” above; start there.",
                        len(earlier),
                    )
                    % {"goals": "”, “".join(e[:1].upper() + e[1:] for e in earlier[:3])}
                ]
            else:
                active = int(metrics.active_ties)
                actions = [
                    ngettext(
                        "This export shows %(num)d active relationship and nobody this goal's "
                        "suggestions could name; add contacts or exchange messages so netscan "
                        "has evidence.",
                        "This export shows %(num)d active relationships and nobody this goal's "
                        "suggestions could name; add contacts or exchange messages so netscan "
                        "has evidence.",
                        active,
                    )
                    % {"num": active}
                ]
        for person in people:
            taken.setdefault(person, gettext(goal.label_en))
        out.append(replace(fit, actions=tuple(actions), people=tuple(people)))
    return tuple(out)
