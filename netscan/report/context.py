"""Analysis → ReportContext: the display-ready values the report templates render.

No polars object reaches a template; see ``netscan.report.display`` for the types and
``netscan.report.sections`` for how each section is built.
"""

from __future__ import annotations

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
]


def build_context(analysis: AnalysisLike) -> ReportContext:
    """Turn an analysis into the display-ready context the report templates render."""
    return build_sections(analysis)
