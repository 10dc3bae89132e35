"""Render an analysis to one self-contained HTML page, or write it to a file."""

from __future__ import annotations

import functools
from pathlib import Path

from netscan.i18n import DEFAULT_LOCALE, use_locale
from netscan.outputs import write_text_atomically
from netscan.report.context import AnalysisLike, ReportContext, build_context, visible_context
from netscan.report.environment import environment, template_source
from netscan.report.plotlyjs import Bundle, bundle_for, bundle_hash, bundle_text, script_hash


@functools.cache
def page_script() -> str:
    """The page's own script (chart drawing, table search, print), inlined and allowed by hash."""
    return template_source("_page.js")


def content_security_policy(*script_sources: str) -> str:
    """The page's CSP: nothing from any host; scripts only those named (hashes or 'self')."""
    return (
        "default-src 'none'; "
        f"script-src {' '.join(script_sources)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def page_bundle(context: ReportContext) -> Bundle:
    """The plotly.js bundle this page needs (the smallest that draws every chart on it)."""
    return bundle_for(context.trace_types)


def render_context(
    context: ReportContext,
    *,
    embed_plotlyjs: bool = True,
    plotlyjs_src: str | None = None,
) -> str:
    """The report page for an already built context (tests render hand-built contexts).

    By default plotly.js is inlined (one self-contained file). With `plotlyjs_src` the page
    loads it from that relative URL instead (a team batch writes it once beside the reports) and
    the CSP allows `'self'` scripts; `embed_plotlyjs=False` leaves it out (fast tests).
    """
    context = visible_context(context)
    script = page_script()
    sources = [script_hash(script)]
    plotlyjs = ""
    if plotlyjs_src is not None:
        sources.insert(0, "'self'")
    elif embed_plotlyjs:
        bundle = page_bundle(context)
        plotlyjs = bundle_text(bundle)
        sources.insert(0, bundle_hash(bundle))
    template = environment().get_template("report.html")
    return template.render(
        ctx=context,
        plotlyjs=plotlyjs,
        plotlyjs_src=plotlyjs_src or "",
        page_js=script,
        csp=content_security_policy(*sources),
    )


def report_locale(analysis: AnalysisLike, lang: str | None = None) -> str:
    """The language to render in: `lang` if given, else the one the analysis was written in."""
    return lang or str(getattr(analysis, "lang", DEFAULT_LOCALE))


def render_report(
    analysis: AnalysisLike,
    *,
    embed_plotlyjs: bool = True,
    plotlyjs_src: str | None = None,
    lang: str | None = None,
) -> str:
    """The self-contained HTML report for `analysis`: inline CSS, plotly.js, no other host.

    Rendered in `lang`, by default the language the analysis was written in (``Analysis.lang``):
    its catalogue and number and date formats hold only inside this call.
    """
    with use_locale(report_locale(analysis, lang)):
        return render_context(
            build_context(analysis), embed_plotlyjs=embed_plotlyjs, plotlyjs_src=plotlyjs_src
        )


def write_report(analysis: AnalysisLike, path: Path, *, lang: str | None = None) -> Path:
    """Write the report for `analysis` to `path` (UTF-8, whole or not at all); return the path."""
    return write_text_atomically(path, render_report(analysis, lang=lang), "-o")
