"""The `netscan compare --json` document: plain, JSON-ready dicts with stable keys.

Every key is documented in docs/compare.md; dates are ISO strings, scores rounded to 4 places,
lists in the order of the `Comparison` (itself sorted explicitly), so the same two exports give
the same bytes.
"""

from __future__ import annotations

from datetime import date

from netscan import __version__
from netscan.compare.types import CategoryShift, Comparison, PersonChange, Side

SCHEMA = 1


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _side(side: Side) -> dict[str, object]:
    return {
        "paths": list(side.paths),
        "as_of": side.as_of.isoformat(),
        "contacts": side.contacts,
        "classes": dict(side.classes),
    }


def person_summary(person: PersonChange) -> dict[str, object]:
    """One person's before and after (the same keys in every list)."""
    return {
        "contact_id": person.contact_id,
        "name": person.name,
        "profile_url": person.profile_url,
        "matched_by": person.matched_by or None,
        "before": {
            "tie_class": person.tie_class_before,
            "score": _round(person.score_before),
            "company": person.company_before or None,
            "position": person.position_before or None,
            "last_contact": _day(person.last_contact_before),
        },
        "after": {
            "tie_class": person.tie_class_after,
            "score": _round(person.score_after),
            "company": person.company_after or None,
            "position": person.position_after or None,
            "last_contact": _day(person.last_contact_after),
        },
        "score_change": _round(person.score_change),
    }


def _shifts(shifts: tuple[CategoryShift, ...]) -> list[dict[str, object]]:
    return [
        {"category": s.category, "gained": s.gained, "lost": s.lost, "net": s.net}
        for s in shifts
    ]


def comparison_summary(comparison: Comparison) -> dict[str, object]:
    """The whole `--json` document (docs/compare.md)."""
    c = comparison
    return {
        "netscan_version": __version__,
        "schema": SCHEMA,
        "owner": {"name": c.owner},
        "anonymized": c.anonymized,
        "old": _side(c.old),
        "new": _side(c.new),
        "days_between": (c.new.as_of - c.old.as_of).days,
        "swapped": c.swapped,
        "margin": c.margin,
        "counts": {
            "stayed": c.stayed,
            "gained": len(c.gained),
            "lost": len(c.lost),
            "cooling": len(c.cooling),
            "warming": len(c.warming),
            "moved": len(c.moved),
            "retitled": len(c.retitled),
        },
        "gained": [person_summary(p) for p in c.gained],
        "lost": [person_summary(p) for p in c.lost],
        "cooling": [person_summary(p) for p in c.cooling],
        "warming": [person_summary(p) for p in c.warming],
        "moved": [person_summary(p) for p in c.moved],
        "retitled": [person_summary(p) for p in c.retitled],
        "transitions": [
            {
                "before": t.before,
                "after": t.after,
                "count": len(t.people),
                "contact_ids": [p.contact_id for p in t.people],
            }
            for t in c.transitions
        ],
        "by_class": _shifts(c.by_class),
        "by_organisation": _shifts(c.by_organisation),
        "by_function": _shifts(c.by_function),
        "metrics": {
            m.metric: {"before": _round(m.before), "after": _round(m.after),
                       "change": _round(m.change)}
            for m in c.metrics
        },
        "goals": [
            {
                "id": g.id,
                "kind": g.kind,
                "label": g.label_en,
                "label_nl": g.label_nl,
                "fit_before": round(g.fit_before, 4),
                "fit_after": round(g.fit_after, 4),
                "change": round(g.change, 4),
                "verdict_before": g.verdict_before,
                "verdict_after": g.verdict_after,
                "reason": g.reason,
                "terms": [
                    {
                        "metric": t.metric,
                        "value_before": _round(t.value_before),
                        "value_after": _round(t.value_after),
                        "contribution_before": round(t.contribution_before, 4),
                        "contribution_after": round(t.contribution_after, 4),
                        "change": round(t.change, 4),
                    }
                    for t in g.terms
                ],
            }
            for g in c.goals
        ],
        "targets": list(c.targets),
        "actions": list(c.actions),
        "warnings": list(c.warnings),
    }
