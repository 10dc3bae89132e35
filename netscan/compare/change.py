"""Two analyses of one person's exports → what changed (a `Comparison`).

Each side was scored as of its own date, so a score is how the tie looked on the day of that
export. People are matched with the merge's identity rules (`netscan.compare.match`). A tie is
*cooling* when its score fell by at least `MARGIN` and *warming* when it rose by as much
(docs/compare.md says why 0.10).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import polars as pl

from netscan import l10n
from netscan.analysis import Analysis
from netscan.companies import company_key
from netscan.compare.match import Key, match_people
from netscan.compare.types import (
    CategoryShift,
    Comparison,
    GoalChange,
    MetricChange,
    PersonChange,
    Side,
    TermMove,
    Transition,
)
from netscan.diagnosis.actions import tie_class_label
from netscan.diagnosis.catalogue import goal_by_id
from netscan.diagnosis.fit import FLOOR, aggregate, verdict
from netscan.diagnosis.taxonomy import infer_function
from netscan.diagnosis.types import GoalFit, Metrics
from netscan.i18n import active_locale, gettext, ngettext
from netscan.model import TieClass

# A tenth of the score scale: well under the 0.25 between the medium (0.30) and strong (0.55)
# thresholds, and five times the drift of an unchanged tie when the network around it changes
# (percentile terms; < 0.02 on the paired samples, docs/compare.md).
MARGIN = 0.10
CLASS_ORDER = tuple(c.value for c in TieClass)
# The measures the comparison reports, in the order shown (all from `Metrics`).
METRICS = (
    "contacts",
    "strong",
    "medium",
    "weak",
    "dormant",
    "latent",
    "active_ties",
    "effective_size",
    "efficiency",
    "constraint",
    "employers_reached",
    "employer_iqv",
    "function_iqv",
    "seniority_iqv",
    "invitations_received_share",
    "started_by_others_share",
    "reply_share",
    "endorsements_received",
    "recommendations_received",
    "endorsements_given",
    "recommendations_given",
)
# Goal terms measured on tie strength: cooling ties move them directly.
TIE_METRICS = frozenset(
    {"strong", "medium", "active_ties", "strong_recent", "top5_strength_share", "top15_share",
     "median_days_since_two_way_strong", "moderately_weak", "strong_density"}
)
NAMES_PER_ACTION = 3
_COLUMNS = ("contact_id", "name", "profile_url", "email", "company", "position", "score",
            "tie_class", "last_contact")


def _rows(ties: pl.DataFrame) -> list[dict[str, Any]]:
    return ties.select(_COLUMNS).to_dicts()


def _side(analysis: Analysis) -> Side:
    composition = analysis.diagnosis.composition
    return Side(
        paths=tuple(report.path for report in analysis.export.inputs),
        as_of=analysis.as_of,
        contacts=composition.contacts,
        classes=composition.classes,
    )


def _text(value: object) -> str:
    return str(value).strip() if value else ""


def _person(before: dict[str, Any] | None, after: dict[str, Any] | None, how: str
            ) -> PersonChange:
    either = after if after is not None else before
    assert either is not None

    def get(row: dict[str, Any] | None, name: str) -> Any:
        return None if row is None else row[name]

    return PersonChange(
        contact_id=either["contact_id"],
        name=_text(either["name"]),
        profile_url=either["profile_url"] or get(before, "profile_url"),
        matched_by=how,
        company_before=_text(get(before, "company")),
        company_after=_text(get(after, "company")),
        position_before=_text(get(before, "position")),
        position_after=_text(get(after, "position")),
        function_before=infer_function(get(before, "position")) if before else "",
        function_after=infer_function(get(after, "position")) if after else "",
        tie_class_before=get(before, "tie_class"),
        tie_class_after=get(after, "tie_class"),
        score_before=get(before, "score"),
        score_after=get(after, "score"),
        last_contact_before=get(before, "last_contact"),
        last_contact_after=get(after, "last_contact"),
    )


def _key(row: dict[str, Any]) -> Key:
    return Key.of(row["profile_url"], row["email"], row["name"])


def _shifts(gained: Sequence[str], lost: Sequence[str]) -> tuple[CategoryShift, ...]:
    plus, minus = Counter(gained), Counter(lost)
    shifts = [CategoryShift(c, plus[c], minus[c]) for c in set(plus) | set(minus)]
    return tuple(sorted(shifts, key=lambda s: (-(s.gained + s.lost), s.category)))


def _class_shifts(gained: Sequence[PersonChange], lost: Sequence[PersonChange]
                  ) -> tuple[CategoryShift, ...]:
    plus = Counter(p.tie_class_after for p in gained)
    minus = Counter(p.tie_class_before for p in lost)
    return tuple(CategoryShift(c, plus[c], minus[c]) for c in CLASS_ORDER)


def _transitions(people: Sequence[PersonChange]) -> tuple[Transition, ...]:
    cells: dict[tuple[str | None, str | None], list[PersonChange]] = {}
    for person in people:
        cells.setdefault((person.tie_class_before, person.tie_class_after), []).append(person)
    order = {name: rank for rank, name in enumerate(CLASS_ORDER)}

    def rank(value: str | None) -> int:
        return len(CLASS_ORDER) if value is None else order.get(value, len(CLASS_ORDER))

    return tuple(
        Transition(before, after, tuple(sorted(cell, key=_strongest)))
        for (before, after), cell in sorted(cells.items(),
                                            key=lambda kv: (rank(kv[0][0]), rank(kv[0][1])))
    )


def _strongest(person: PersonChange) -> tuple[float, str, str]:
    score = max(person.score_before or 0.0, person.score_after or 0.0)
    return (-score, person.name.casefold(), person.contact_id)


def _fmt(value: float | None, metric: str) -> str:
    """A measure's value in the active locale's notation (42%, 0.83 / 0,83)."""
    if value is None:
        return "–"
    if metric.endswith("_share"):
        return l10n.percent(value)
    if Metrics.__annotations__.get(metric) == "int":
        return l10n.number(int(value))
    return l10n.number(value, 2)


def _terms(goal_id: str, before: Metrics, after: Metrics) -> tuple[TermMove, ...]:
    """Each term's part in the move of the fit.

    Fit is a weighted geometric mean (netscan.diagnosis.fit), so the terms add up in log space:
    ln fit = Σ (w_t / W) · ln max(s_t, FLOOR). Each side's log-contribution is scaled by the
    logarithmic mean of the two fits, which makes the terms' changes sum exactly to the change in
    fit (the standard log-mean decomposition of a change in a product).
    """
    goal = goal_by_id(goal_id)

    def contributions(metrics: Metrics) -> tuple[dict[str, tuple[float | None, float]], float]:
        scored: dict[str, tuple[float | None, float]] = {}
        pairs: list[tuple[float, float]] = []
        for term in goal.rule:
            value = metrics.value(term.metric)
            if value is None:
                scored[term.metric] = (None, 0.0)
                continue
            reach = metrics.value(term.reach.metric) if term.reach is not None else None
            score = term.score(value, reach)
            scored[term.metric] = (value, term.weight * math.log(max(score, FLOOR)))
            pairs.append((term.weight, score))
        total = sum(w for w, _ in pairs)
        shares = {k: (v, c / total if total else 0.0) for k, (v, c) in scored.items()}
        return shares, aggregate(pairs)

    (old, fit_old), (new, fit_new) = contributions(before), contributions(after)
    log_change = math.log(max(fit_new, FLOOR)) - math.log(max(fit_old, FLOOR))
    scale = (fit_new - fit_old) / log_change if abs(log_change) > 1e-12 else fit_new
    moves = [
        TermMove(term.metric, gettext(term.label), old[term.metric][0], new[term.metric][0],
                 scale * old[term.metric][1], scale * new[term.metric][1])
        for term in goal.rule
    ]
    return tuple(sorted(moves, key=lambda m: (-abs(m.change), m.metric)))


def _goal_change(goal_after: GoalFit, goal_before: GoalFit, before: Metrics, after: Metrics
                 ) -> GoalChange:
    terms = _terms(goal_after.id, before, after)
    change = goal_after.fit - goal_before.fit
    top = terms[0] if terms else None
    if round(goal_after.fit * 100) == round(goal_before.fit * 100) or top is None:
        reason = gettext("About the same: the fit moved by less than one percentage point.")
    else:
        values = {
            "label": top.label[:1].upper() + top.label[1:],
            "before": _fmt(top.value_before, top.metric),
            "after": _fmt(top.value_after, top.metric),
            "change": l10n.signed(top.change * 100, 1),
            "total": l10n.signed(change * 100, 1),
        }
        if abs(top.change) >= 0.75 * abs(change):
            reason = gettext(
                "%(label)s went from %(before)s to %(after)s (%(change)s points of fit)."
            ) % values
        else:
            reason = gettext(
                "The fit moved %(total)s points, spread over several measures; the largest: "
                "%(label)s went from %(before)s to %(after)s (%(change)s points)."
            ) % values
    return GoalChange(
        id=goal_after.id,
        kind=goal_after.kind,
        label_en=goal_after.label_en,
        label_nl=goal_after.label_nl,
        fit_before=goal_before.fit,
        fit_after=goal_after.fit,
        verdict_before=verdict(goal_before.fit),
        verdict_after=verdict(goal_after.fit),
        reason=reason,
        terms=terms,
    )


def _names(people: Sequence[PersonChange], limit: int = NAMES_PER_ACTION,
           *, company: bool = False, where: bool = False) -> str:
    """"A, B, C and 2 others": names (with their employer when `where`), or with `company`
    the new employers alone."""

    def one(person: PersonChange) -> str:
        if company:
            return person.company_after
        employer = person.company_after or person.company_before
        return f"{person.name} ({employer})" if where and employer else person.name

    shown = [one(p) for p in people[:limit]]
    rest = len(people) - len(shown)
    if rest > 0:
        shown.append(ngettext("%(num)d other", "%(num)d others", rest) % {"num": rest})
    if len(shown) == 1:
        return shown[0]
    # "Doe, CFA" holds a comma: then the list is joined by semicolons, as the diagnosis does
    sep = "; " if any("," in item for item in shown) else ", "
    return gettext("%(first)s and %(last)s") % {"first": sep.join(shown[:-1]),
                                                 "last": shown[-1]}


def _actions(
    old: Side,
    cooling: Sequence[PersonChange],
    warming: Sequence[PersonChange],
    gained: Sequence[PersonChange],
    lost: Sequence[PersonChange],
    moved: Sequence[PersonChange],
    goals: Sequence[GoalChange],
    targets: Sequence[str],
) -> tuple[str, ...]:
    actions: list[str] = []
    since = l10n.day(old.as_of)
    close = ("strong", "medium")
    if cooling:
        fell = sorted((g for g in goals if g.change <= -0.01 and g.terms
                       and g.terms[0].metric in TIE_METRICS and g.terms[0].change < 0),
                      key=lambda g: (g.change, g.id))[:2]
        text = ngettext(
            "Get back in touch with %(names)s: a tie that was %(cls)s on %(since)s and has "
            "cooled since (score %(before)s → %(after)s).",
            "Get back in touch with %(names)s: ties that were close on %(since)s and have "
            "cooled since (the first went from %(before)s to %(after)s).",
            len(cooling),
        ) % {
            "names": _names(cooling, where=True),
            "cls": tie_class_label(cooling[0].tie_class_before or ""),
            "since": since,
            "before": l10n.number(cooling[0].score_before or 0.0, 2),
            "after": l10n.number(cooling[0].score_after or 0.0, 2),
        }
        if fell:
            text += " " + ngettext(
                "It matters for your goal %(goals)s, whose fit fell mostly through tie "
                "strength.",
                "It matters for your goals %(goals)s, whose fit fell mostly through tie "
                "strength.",
                len(fell),
            ) % {"goals": l10n.join([f"“{gettext(g.label_en)}”" for g in fell])}
        actions.append(text)
    new_close = [p for p in (*gained, *warming) if p.tie_class_after in close]
    new_close.sort(key=lambda p: (-(p.score_after or 0.0), p.name.casefold()))
    if new_close:
        actions.append(
            ngettext(
                "A tie became close since %(since)s: %(names)s. Say thank you and keep it "
                "going.",
                "Ties that became close since %(since)s: %(names)s. Say thank you and keep "
                "them going.",
                len(new_close),
            )
            % {"names": _names(new_close), "since": since}
        )
    wanted = {company_key(t): t for t in targets if company_key(t)}
    doors = [p for p in moved if company_key(p.company_after) in wanted]
    for person in doors:
        actions.append(
            gettext("%(name)s now works at %(company)s, one of your targets: ask how it is "
                    "there and whether they can introduce you.")
            % {"name": person.name, "company": person.company_after}
        )
    others = [p for p in moved if p not in doors]
    if others:
        actions.append(
            ngettext(
                "Congratulate %(names)s on the new job: a new door into %(orgs)s.",
                "Congratulate %(names)s on their new jobs: new doors into %(orgs)s.",
                len(others),
            )
            % {"names": _names(others), "orgs": _names(others, company=True)}
        )
    dropped = [p for p in lost if p.tie_class_before in (*close, "weak")]
    if dropped:
        actions.append(
            ngettext(
                "You are no longer connected to %(names)s, a tie with some contact on "
                "%(since)s; reconnect if that was not your choice.",
                "You are no longer connected to %(names)s, ties with some contact on "
                "%(since)s; reconnect if that was not your choice.",
                len(dropped),
            )
            % {"names": _names(dropped), "since": since}
        )
    if not actions:
        actions.append(gettext("Nothing changed enough between the two exports to act on."))
    return tuple(actions)


def compare_analyses(
    old: Analysis,
    new: Analysis,
    *,
    swapped: bool = False,
    warnings: Sequence[str] = (),
    margin: float = MARGIN,
) -> Comparison:
    """What changed from `old` (the earlier export) to `new`, person by person and overall."""
    old_rows, new_rows = _rows(old.ties), _rows(new.ties)
    matches = match_people([_key(r) for r in old_rows], [_key(r) for r in new_rows])
    matched_old = {o for o, _ in matches.values()}
    both = [_person(old_rows[o], new_rows[n], how) for n, (o, how) in sorted(matches.items())]
    gained = sorted((_person(None, row, "") for n, row in enumerate(new_rows) if n not in matches),
                    key=_strongest)
    lost = sorted((_person(row, None, "") for o, row in enumerate(old_rows)
                   if o not in matched_old), key=_strongest)
    cooling = sorted((p for p in both if (p.score_change or 0.0) <= -margin),
                     key=lambda p: (-(p.score_before or 0.0), p.name.casefold(), p.contact_id))
    warming = sorted((p for p in both if (p.score_change or 0.0) >= margin),
                     key=lambda p: (-(p.score_after or 0.0), p.name.casefold(), p.contact_id))
    moved = sorted((p for p in both if p.company_before and p.company_after
                    and company_key(p.company_before) != company_key(p.company_after)),
                   key=_strongest)
    moved_ids = {p.contact_id for p in moved}
    retitled = sorted((p for p in both if p.contact_id not in moved_ids
                       and p.position_before.casefold() != p.position_after.casefold()),
                      key=_strongest)
    metrics_before, metrics_after = old.diagnosis.metrics, new.diagnosis.metrics
    goals_before = {g.id: g for g in old.diagnosis.goals}
    goals = tuple(
        _goal_change(goal, goals_before[goal.id], metrics_before, metrics_after)
        for goal in new.diagnosis.goals if goal.id in goals_before
    )
    old_side, new_side = _side(old), _side(new)
    return Comparison(
        owner=new.export.owner.name,
        old=old_side,
        new=new_side,
        swapped=swapped,
        anonymized=new.anonymized,
        margin=margin,
        gained=tuple(gained),
        lost=tuple(lost),
        cooling=tuple(cooling),
        warming=tuple(warming),
        moved=tuple(moved),
        retitled=tuple(retitled),
        transitions=_transitions([*both, *gained, *lost]),
        by_class=_class_shifts(gained, lost),
        by_organisation=_shifts([p.company_after or "" for p in gained],
                                [p.company_before or "" for p in lost]),
        by_function=_shifts([p.function_after for p in gained],
                            [p.function_before for p in lost]),
        metrics=tuple(
            MetricChange(name, metrics_before.value(name), metrics_after.value(name))
            for name in METRICS
        ),
        goals=goals,
        targets=new.targets,
        actions=_actions(old_side, cooling, warming, gained, lost, moved, goals, new.targets),
        stayed=len(both),
        warnings=tuple(warnings),
        lang=active_locale(),
    )

