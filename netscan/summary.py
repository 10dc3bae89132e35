"""The JSON summary (SPEC §4): plain, JSON-ready dicts built from the typed results.

`inspect_summary` gives the keys `netscan inspect --json` writes (SPEC §3): `owner`,
`contacts`, `other_people`, `inputs` and `warnings`; `analysis_summary` gives the whole summary
that `netscan analyze --json` writes. Dates are ISO strings and every mapping is
sorted, so the same export always gives the same JSON.
"""

from __future__ import annotations

from netscan import __version__
from netscan.analysis import Analysis
from netscan.diagnosis.types import GoalFit, ReconnectSuggestion, TargetResult, TermResult
from netscan.model import Export, FileReport, InputReport
from netscan.ties.calibrate import Agreement


def _file_summary(report: FileReport) -> dict[str, object]:
    summary: dict[str, object] = {
        "name": report.name,
        "status": report.status,
        "variant": report.variant,
        "encoding": report.encoding,
        "rows": report.rows,
        "used": report.used,
        "skipped": dict(sorted(report.skipped.items())),
    }
    if report.date_range is not None:
        summary["date_range"] = [report.date_range[0].isoformat(), report.date_range[1].isoformat()]
    return summary


def _input_summary(report: InputReport) -> dict[str, object]:
    return {
        "path": report.path,
        "format": report.format,
        "files": [_file_summary(file) for file in report.files],
    }


def inspect_summary(export: Export) -> dict[str, object]:
    """The `owner`, `contacts`, `other_people`, `inputs` and `warnings` keys of the summary."""
    in_network = int(export.contacts.get_column("in_network").sum())
    owner = export.owner
    return {
        "owner": {"name": owner.name},
        "contacts": in_network,
        "other_people": export.contacts.height - in_network,
        "inputs": [_input_summary(report) for report in export.inputs],
        "warnings": list(export.warnings),
    }


def _goal_summary(goal: GoalFit) -> dict[str, object]:
    return {
        "id": goal.id,
        "kind": goal.kind,
        "label": goal.label_en,
        "label_nl": goal.label_nl,
        "fit": round(goal.fit, 4),
        "verdict": goal.verdict,
        "summary": goal.summary,
        "evidence": list(goal.evidence),
        "terms": [_term_summary(term) for term in goal.terms],
        "actions": list(goal.actions),
        "people": list(goal.people),
    }


def _term_summary(term: TermResult) -> dict[str, object]:
    return {
        "metric": term.metric,
        "label": term.label,
        "value": term.value,
        "worst": term.worst,
        "reference": term.anchor,
        "best": term.best,
        "scale": "log" if term.log else "linear",
        "score": term.score,
        "weight": term.weight,
        "reach": None if term.reach_metric is None else {
            "metric": term.reach_metric,
            "value": term.reach_value,
            "factor": term.reach_factor,
        },
    }


def _target_summary(target: TargetResult) -> dict[str, object]:
    return {
        "target": target.target,
        "match": target.match_kind,
        "companies": list(target.companies),
        "openers": [
            {
                "contact_id": opener.contact_id,
                "name": opener.name,
                "company": opener.company,
                "position": opener.position,
                "tie_class": opener.tie_class,
                "score": round(opener.score, 4),
                "link": opener.link,
                "via": opener.via,
            }
            for opener in target.openers
        ],
        "suggestions": list(target.suggestions),
    }


def _reconnect_summary(item: ReconnectSuggestion) -> dict[str, object]:
    return {
        "contact_id": item.contact_id,
        "name": item.name,
        "company": item.company,
        "position": item.position,
        "past_peak": round(item.past_peak, 4),
        "novelty": round(item.novelty, 4),
        "priority": round(item.priority, 4),
        "years_quiet": None if item.years_quiet is None else round(item.years_quiet, 1),
        "reasons": list(item.reasons),
    }


def analysis_summary(analysis: Analysis) -> dict[str, object]:
    """The whole JSON summary of SPEC §4 (keys documented in docs/summary.md)."""
    facts = inspect_summary(analysis.export)
    diagnosis = analysis.diagnosis
    layers = analysis.layers
    return {
        "netscan_version": __version__,
        "as_of": analysis.as_of.isoformat(),
        "as_of_source": analysis.as_of_source,
        "anonymized": analysis.anonymized,
        "owner": facts["owner"],
        "inputs": facts["inputs"],
        "date_range": _date_range(analysis.export),
        "match_rates": {
            "by_url": analysis.export.match_rates.by_url,
            "by_email": analysis.export.match_rates.by_email,
            "by_name": analysis.export.match_rates.by_name,
            "unmatched": analysis.export.match_rates.unmatched,
        },
        "contacts": diagnosis.composition.contacts,
        "other_people": diagnosis.composition.other_people,
        "classes": dict(diagnosis.composition.classes),
        "layers": {
            "sizes": {str(layer.nominal): layer.filled for layer in layers.layers},
            "strong": layers.strong,
            "strong_medium": layers.strong_medium,
            "top5_share": _rounded(layers.top5_share),
            "top15_share": _rounded(layers.top15_share),
            "flags": list(layers.flags),
        },
        "metrics": diagnosis.metrics.as_dict(),
        "goals": [_goal_summary(goal) for goal in diagnosis.goals],
        "targets": [_target_summary(target) for target in diagnosis.targets],
        "reconnect": [_reconnect_summary(item) for item in diagnosis.reconnect],
        "bridges": [
            {
                "contact_id": bridge.contact_id,
                "name": bridge.name,
                "company": bridge.company,
                "tie_class": bridge.tie_class,
                "score": round(bridge.score, 4),
                "last_contact": bridge.last_contact,
                "at_risk": bridge.at_risk,
            }
            for bridge in diagnosis.structure.bridges
        ],
        "assumptions": list(diagnosis.assumptions),
        "warnings": facts["warnings"],
        "calibration": _calibration_summary(analysis),
    }


def _agreement(agreement: Agreement | None) -> dict[str, float | None] | None:
    if agreement is None:
        return None
    return {
        "spearman": _rounded(agreement.spearman),
        "strong_accuracy": _rounded(agreement.strong_accuracy),
    }


def _calibration_summary(analysis: Analysis) -> dict[str, object] | None:
    """`--ratings`: counts, the fitted weights and agreement; never a name or a rating."""
    sheet, calibration = analysis.ratings, analysis.calibration
    if sheet is None or calibration is None:
        return None
    return {
        "rows": sheet.rows,
        "matched": len(sheet.by_contact),
        "usable": calibration.usable,
        "skipped": dict(sheet.skipped),
        "fitted": calibration.fitted,
        "outcome": calibration.outcome,
        "agreement": {
            "default": _agreement(calibration.default),
            "calibrated_held_out": _agreement(calibration.calibrated),
        },
        "weights": {
            "default": {k: round(v, 4) for k, v in sorted(calibration.default_weights.items())},
            "used": {k: round(v, 4) for k, v in sorted(calibration.weights.items())},
        },
    }


def _date_range(export: Export) -> list[str] | None:
    if export.oldest is None or export.newest is None:
        return None
    return [export.oldest.isoformat(), export.newest.isoformat()]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
