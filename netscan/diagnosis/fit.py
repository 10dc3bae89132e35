"""Fit of the network to a goal, from measured metrics only, with evidence and next steps.

fit = Σ w_t · score_t / Σ w_t over the goal's terms that have a value (a metric the export cannot
give is left out and said so). Verdict: ``fits`` ≥ 0.70, ``partly`` 0.40–0.70, ``does-not-fit``
< 0.40 (SPEC §4). Actions come from the weakest terms and name concrete contacts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from netscan.diagnosis.catalogue import Goal, Term
from netscan.diagnosis.types import GoalFit, Metrics, TargetResult

FITS = 0.70
PARTLY = 0.40
# A term scoring below this is a weak spot worth an action.
WEAK_SPOT = 0.70
MAX_ACTIONS = 3
NAMES_PER_ACTION = 5

Person = tuple[str, str]  # (name, company)


@dataclass(frozen=True, slots=True)
class ActionContext:
    """Named contacts the actions can point to, each list already in priority order."""

    quiet_close: tuple[Person, ...]
    medium: tuple[Person, ...]
    close_other_employers: tuple[Person, ...]
    weak_elsewhere: tuple[Person, ...]
    dormant_elsewhere: tuple[Person, ...]
    bridges_at_risk: tuple[Person, ...]
    bridges: tuple[Person, ...]
    strongest: tuple[Person, ...]
    targets: tuple[TargetResult, ...]


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
    sign = "≥" if term.direction == "higher" else "≤"
    return f"best {sign} {_fmt(term.best, term.metric)}"


def _names(people: Sequence[Person], with_company: bool = True) -> str:
    shown = people[:NAMES_PER_ACTION]
    parts = [f"{n} ({c})" if with_company and c else n for n, c in shown]
    return ", ".join(parts)


def _action_quiet(ctx: ActionContext) -> str | None:
    if ctx.quiet_close:
        n = min(len(ctx.quiet_close), NAMES_PER_ACTION)
        return (
            f"Get back in touch with these {n} close ties you have not had two-way contact "
            f"with for over 90 days: {_names(ctx.quiet_close, False)}."
        )
    return _action_deepen(ctx)


def _action_deepen(ctx: ActionContext) -> str | None:
    if not ctx.medium:
        return None
    n = min(len(ctx.medium), NAMES_PER_ACTION)
    return f"Deepen these {n} medium ties with a personal message or a call: {_names(ctx.medium)}."


def _action_closure(ctx: ActionContext) -> str | None:
    if len(ctx.close_other_employers) < 2:
        return _action_deepen(ctx)
    n = min(len(ctx.close_other_employers), NAMES_PER_ACTION)
    return (
        f"Bring these {n} close ties together in one conversation so they get to know each "
        f"other: {_names(ctx.close_other_employers)}."
    )


def _action_reach(ctx: ActionContext) -> str | None:
    if ctx.dormant_elsewhere:
        n = min(len(ctx.dormant_elsewhere), NAMES_PER_ACTION)
        return (
            f"Reconnect with these {n} dormant ties now at other employers: "
            f"{_names(ctx.dormant_elsewhere)}."
        )
    return _action_weak(ctx)


def _action_weak(ctx: ActionContext) -> str | None:
    if not ctx.weak_elsewhere:
        return None
    n = min(len(ctx.weak_elsewhere), NAMES_PER_ACTION)
    return (
        f"Reach out to these {n} weak ties at other employers with a concrete question: "
        f"{_names(ctx.weak_elsewhere)}."
    )


def _action_bridges(ctx: ActionContext) -> str | None:
    if ctx.bridges_at_risk:
        n = min(len(ctx.bridges_at_risk), NAMES_PER_ACTION)
        return (
            f"These {n} bridges to other circles have had no contact for over 12 months and "
            f"fade fast (Burt 2002); write to them: {_names(ctx.bridges_at_risk)}."
        )
    if ctx.bridges:
        n = min(len(ctx.bridges), NAMES_PER_ACTION)
        return f"Keep these {n} bridges to other circles warm: {_names(ctx.bridges)}."
    return _action_weak(ctx)


def _action_known(ctx: ActionContext) -> str | None:
    if not ctx.strongest:
        return None
    n = min(len(ctx.strongest), 3)
    return (
        f"Ask these {n} strongest ties for a recommendation or to mention you: "
        f"{_names(ctx.strongest[:3], False)}."
    )


def _action_give(ctx: ActionContext) -> str | None:
    if not ctx.strongest:
        return None
    n = min(len(ctx.strongest), NAMES_PER_ACTION)
    return (
        f"Give value first: endorse or write a recommendation for these {n} people you know "
        f"well: {_names(ctx.strongest, False)}."
    )


def _action_introduce(ctx: ActionContext) -> str | None:
    pool = ctx.close_other_employers or ctx.strongest
    if len(pool) < 2:
        return None
    (a, ca), (b, cb) = pool[0], pool[1]
    return f"Introduce 2 people who should meet: {a} ({ca or '?'}) and {b} ({cb or '?'})."


_ACTIONS: dict[str, Callable[[ActionContext], str | None]] = {
    "strong": _action_deepen,
    "strong_recent": _action_quiet,
    "top5_share": _action_quiet,
    "active_ties": _action_deepen,
    "strong_density": _action_closure,
    "moderately_weak": _action_weak,
    "employer_iqv": _action_reach,
    "function_iqv": _action_reach,
    "seniority_iqv": _action_reach,
    "efficiency": _action_reach,
    "clusters": _action_bridges,
    "effective_size": _action_reach,
    "recent_bridges": _action_bridges,
    "reply_share": _action_quiet,
    "started_by_others_share": _action_known,
    "invitations_received_share": _action_known,
    "endorsements_received": _action_known,
    "recommendations_received": _action_known,
    "endorsements_given": _action_give,
    "recommendations_given": _action_give,
    "introductions": _action_introduce,
    "messages_per_month_sent": _action_deepen,
    "messages_per_month_received": _action_deepen,
    "reconnect_candidates": _action_reach,
}


def _action_for(term: Term, ctx: ActionContext) -> str | None:
    if term.metric == "employer_ei":
        return _action_closure(ctx) if term.direction == "lower" else _action_reach(ctx)
    return _ACTIONS.get(term.metric, _action_deepen)(ctx)


def _target_actions(ctx: ActionContext) -> list[str]:
    out = []
    for target in ctx.targets:
        if target.openers:
            people = [(o.name, o.tie_class) for o in target.openers]
            out.append(
                f"For {target.target} ({target.match_kind} match, {len(target.openers)} "
                f"contacts there), start with {_names(people)}."
            )
        elif ctx.bridges or ctx.strongest:
            helpers = ctx.bridges or ctx.strongest
            out.append(
                f"You know 0 people at {target.target}; ask these {min(len(helpers), 3)} "
                f"well-connected ties for an introduction: {_names(helpers[:3])}."
            )
    return out


def fit_goal(goal: Goal, metrics: Metrics, ctx: ActionContext) -> GoalFit:
    """Score `goal` on `metrics`: fit, verdict, evidence sentences and up to three actions."""
    scored: list[tuple[Term, float, float]] = []
    evidence: list[str] = []
    for term in goal.rule:
        value = metrics.value(term.metric)
        if value is None:
            evidence.append(
                f"No data for {term.label} in this export; left out of the fit "
                f"(weight {term.weight:.0%})."
            )
            continue
        score = term.score(value)
        scored.append((term, value, score))
        evidence.append(
            f"{term.label[0].upper()}{term.label[1:]}: {_fmt(value, term.metric)} "
            f"({_rule_text(term)}; scores {score:.2f} at weight {term.weight:.0%})."
        )
    total = sum(t.weight for t, _, _ in scored)
    fit = sum(t.weight * s for t, _, s in scored) / total if total > 0 else 0.0
    fit = round(fit, 4)
    actions: list[str] = []
    weakest = sorted(
        (x for x in scored if x[2] < WEAK_SPOT), key=lambda x: (x[2] - 1) * x[0].weight
    )
    for term, _, _ in weakest:
        action = _action_for(term, ctx)
        if action and action not in actions:
            actions.append(action)
        if len(actions) == MAX_ACTIONS:
            break
    if goal.kind != "expressive":
        actions.extend(_target_actions(ctx))
    if not actions:
        keep = _action_quiet(ctx) or _action_reach(ctx)
        if keep:
            actions.append(keep)
        else:
            actions.append(
                f"This export shows {int(metrics.active_ties)} active ties; add contacts "
                "or exchange messages so netscan has evidence to work with."
            )
    return GoalFit(
        id=goal.id,
        kind=goal.kind,
        label_en=goal.label_en,
        label_nl=goal.label_nl,
        fit=fit,
        verdict=verdict(fit),
        evidence=tuple(evidence),
        actions=tuple(actions),
    )
