"""Analysis → ReportContext: the display-ready values the report templates render.

No polars object reaches a template; see ``netscan.report.display`` for the types and
``netscan.report.sections`` for how each section is built.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from netscan.invisible import visible_text
from netscan.report.display import (
    Cell,
    Chart,
    GoalCard,
    Header,
    ReportContext,
    Section,
    Stat,
    Table,
    TargetCard,
)
from netscan.report.sections import AnalysisLike, build_sections

__all__ = [
    "AnalysisLike",
    "Cell",
    "Chart",
    "GoalCard",
    "Header",
    "ReportContext",
    "Section",
    "Stat",
    "Table",
    "TargetCard",
    "build_context",
    "visible_context",
]

T = TypeVar("T")


def _visible(value: T) -> T:
    if isinstance(value, str):
        return visible_text(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_visible(item) for item in value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _visible(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def visible_context(context: ReportContext) -> ReportContext:
    """`context` with every string — names, companies, chart labels in the chart specs — cleared
    of bidi, zero-width and control characters (netscan.invisible), so nothing from an export can
    reorder or hide what the page shows."""
    return _visible(context)


def build_context(analysis: AnalysisLike) -> ReportContext:
    """Turn an analysis into the display-ready context the report templates render."""
    return build_sections(analysis)
