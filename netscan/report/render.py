"""Render an analysis to one self-contained HTML page, or write it to a file."""

from __future__ import annotations

import functools
from pathlib import Path

import plotly.offline

from netscan.report.context import AnalysisLike, ReportContext, build_context
from netscan.report.environment import environment


@functools.cache
def plotly_js() -> str:
    """The plotly.js bundle that ships with plotly.py (about 4.8 MB), read once per process."""
    return str(plotly.offline.get_plotlyjs())


def render_context(context: ReportContext, *, embed_plotlyjs: bool = True) -> str:
    """The report page for an already built context (tests render hand-built contexts)."""
    template = environment().get_template("report.html")
    return template.render(ctx=context, plotlyjs=plotly_js() if embed_plotlyjs else "")


def render_report(analysis: AnalysisLike, *, embed_plotlyjs: bool = True) -> str:
    """The self-contained HTML report for `analysis`: inline CSS, plotly.js, no other host."""
    return render_context(build_context(analysis), embed_plotlyjs=embed_plotlyjs)


def write_report(analysis: AnalysisLike, path: Path) -> Path:
    """Write the report for `analysis` to `path` (UTF-8) and return the path written."""
    path.write_text(render_report(analysis), encoding="utf-8", newline="\n")
    return path
