"""Analysis → ReportContext: the display-ready values the report templates render.

No polars object reaches a template; see ``netscan.report.display`` for the types and
``netscan.report.sections`` for how each section is built.
"""

from __future__ import annotations

import dataclasses
import functools
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
    # Returns `value` itself when nothing in it changes: a report has tens of thousands of
    # strings and almost all are clean, so rebuilding every tuple and dataclass would be waste.
    if isinstance(value, str):
        return visible_text(value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        items = tuple(_visible(item) for item in value)
        same = all(new is old for new, old in zip(items, value, strict=True))
        return value if same else items  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for name in _field_names(type(value)):
            old = getattr(value, name)
            new = _visible(old)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(kind))


def visible_context(context: ReportContext) -> ReportContext:
    """`context` with every string — names, companies, chart labels in the chart specs — cleared
    of bidi, zero-width and control characters (netscan.invisible), so nothing from an export can
    reorder or hide what the page shows."""
    return _visible(context)


def build_context(analysis: AnalysisLike) -> ReportContext:
    """Turn an analysis into the display-ready context the report templates render."""
    return build_sections(analysis)
