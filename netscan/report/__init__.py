"""The self-contained HTML report: Analysis → ReportContext → one HTML page."""

from __future__ import annotations

from netscan.report.context import ReportContext, build_context
from netscan.report.render import render_context, render_report, write_report

__all__ = ["ReportContext", "build_context", "render_context", "render_report", "write_report"]
