"""The JSON summary (SPEC §4): plain, JSON-ready dicts built from the typed results.

`inspect_summary` gives the keys `netscan inspect --json` writes (SPEC §3): `owner`,
`contacts`, `other_people`, `inputs` and `warnings`. Dates are ISO strings and every mapping is
sorted, so the same export always gives the same JSON.
"""

from __future__ import annotations

from netscan.model import Export, FileReport, InputReport


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
