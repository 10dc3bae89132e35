"""The compare report: Comparison → CompareContext → one self-contained HTML page.

Same look and standards as the main report: the shared base layout, stylesheet and macros,
the same CSP (script hashes), the same plotly.js bundle choice and lazily drawn charts, every
chart with a table of its numbers. Verdicts (how each goal's fit moved) come first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from netscan import __version__, l10n
from netscan.compare.types import (
    CategoryShift,
    Comparison,
    GoalChange,
    MetricChange,
    PersonChange,
)
from netscan.diagnosis.taxonomy import UNKNOWN
from netscan.i18n import N_, active_locale, use_locale
from netscan.outputs import write_text_atomically
from netscan.report import charts, compare_charts
from netscan.report.display import Cell, Chart, Header, Section, Stat, Table
from netscan.report.environment import environment, fmt_date, fmt_num, fmt_pct, gettext, ngettext
from netscan.report.plotlyjs import bundle_for, bundle_hash, bundle_text, script_hash
from netscan.report.render import content_security_policy, page_script
from netscan.report.sections import _safe_href, class_label

_ = gettext

PEOPLE_ROWS = 200  # per list in the page; --json lists everyone
CATEGORY_ROWS = 15
CELL_NAMES = 30


@dataclass(frozen=True, slots=True)
class GoalMove:
    """One goal's fit before and after, as the page shows it."""

    id: str
    label: str
    label_nl: str
    fit_before: str
    fit_after: str
    percent_before: int
    percent_after: int
    change: str
    verdict_before: str
    verdict_after: str
    tone_before: str
    tone_after: str
    direction: str  # up | down | same
    reason: str


@dataclass(frozen=True, slots=True)
class TransitionCell:
    """One off-diagonal cell of the class-transition table and the people behind it."""

    id: str
    title: str
    names: tuple[Cell, ...]
    more: int


@dataclass(frozen=True, slots=True)
class CompareContext:
    """Everything the compare template renders, verdicts first."""

    lang: str
    version: str
    header: Header
    span: str
    goals_intro: str
    goals: tuple[GoalMove, ...]
    goals_chart: Chart
    actions: tuple[str, ...]
    sections: tuple[Section, ...]
    transitions: Table
    transition_cells: tuple[TransitionCell, ...]
    method: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def charts(self) -> tuple[Chart, ...]:
        """Every chart on the page."""
        return (self.goals_chart, *(c for s in self.sections for c in s.charts))

    @property
    def trace_types(self) -> frozenset[str]:
        """Every plotly trace type the page draws (picks the plotly.js bundle)."""
        return frozenset(kind for chart in self.charts for kind in chart.trace_types)


def _verdict(verdict: str) -> tuple[str, str]:
    return {
        "fits": (_("Fits"), "good"),
        "partly": (_("Partly fits"), "warn"),
        "does-not-fit": (_("Does not fit"), "bad"),
    }.get(verdict, (verdict, "neutral"))


def _chart(chart_id: str, title: str, summary: str, figure: charts.Figure | None,
           missing: str, table: Table | None) -> Chart:
    if figure is None:
        return Chart(chart_id, title, summary, "", missing, None)
    return Chart(chart_id, title, summary, charts.to_fragment(figure, chart_id), "", table,
                 charts.trace_types(figure))


def _pct_points(change: float) -> str:
    points = round(change * 100)
    if points == 0:
        return _("no change")
    return ngettext("%(num)+d point", "%(num)+d points", abs(points)) % {"num": points}


def _points(goal: GoalChange) -> int:
    """The change in whole percentage points between the two fits as shown (rounded)."""
    return round(goal.fit_after * 100) - round(goal.fit_before * 100)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _goal(goal: GoalChange) -> GoalMove:
    before, tone_before = _verdict(goal.verdict_before)
    after, tone_after = _verdict(goal.verdict_after)
    # the badge is the difference of the two percentages shown, so the card adds up
    points = _points(goal)
    return GoalMove(
        id=goal.id,
        label=_capital(gettext(goal.label_en)),
        label_nl=goal.label_nl,
        fit_before=fmt_pct(goal.fit_before),
        fit_after=fmt_pct(goal.fit_after),
        percent_before=max(0, min(100, round(goal.fit_before * 100))),
        percent_after=max(0, min(100, round(goal.fit_after * 100))),
        change=_pct_points(points / 100),
        verdict_before=before,
        verdict_after=after,
        tone_before=tone_before,
        tone_after=tone_after,
        direction="up" if points > 0 else "down" if points < 0 else "same",
        reason=goal.reason,
    )


def _class(value: str | None, missing: str) -> Cell:
    if value is None:
        return Cell(missing)
    return Cell(class_label(value), tone=value)


def _score(value: float | None) -> Cell:
    return Cell(fmt_num(value, 2), numeric=True)


def _name(person: PersonChange) -> Cell:
    return Cell(person.name, href=_safe_href(person.profile_url))


def _more_note(total: int) -> str:
    if total <= PEOPLE_ROWS:
        return ""
    return _("Showing the first %(shown)s of %(total)s; `netscan compare --json` lists every "
             "one.") % {"shown": fmt_num(PEOPLE_ROWS), "total": fmt_num(total)}


def _people_table(
    table_id: str,
    caption: str,
    people: Sequence[PersonChange],
    columns: Sequence[str],
    empty: str,
) -> Table:
    headers = {
        "name": _("Name"),
        "company_after": _("Organisation"),
        "company_before": _("Organisation then"),
        "position_after": _("Position"),
        "from": _("From"),
        "to": _("To"),
        "title_before": _("Title then"),
        "title_after": _("Title now"),
        "class_before": _("Class then"),
        "class_after": _("Class now"),
        "score_before": _("Score then"),
        "score_after": _("Score now"),
        "change": _("Change"),
        "last_after": _("Last contact"),
        "last_before": _("Last contact"),
    }

    def cell(person: PersonChange, column: str) -> Cell:
        values: dict[str, Cell] = {
            "name": _name(person),
            "company_after": Cell(person.company_after),
            "company_before": Cell(person.company_before),
            "position_after": Cell(person.position_after),
            "from": Cell(person.company_before),
            "to": Cell(person.company_after),
            "title_before": Cell(person.position_before),
            "title_after": Cell(person.position_after),
            "class_before": _class(person.tie_class_before, _("not connected")),
            "class_after": _class(person.tie_class_after, _("not connected")),
            "score_before": _score(person.score_before),
            "score_after": _score(person.score_after),
            "change": Cell(l10n.signed(person.score_change, 2), numeric=True),
            "last_after": Cell(fmt_date(person.last_contact_after)),
            "last_before": Cell(fmt_date(person.last_contact_before)),
        }
        return values[column]

    shown = people[:PEOPLE_ROWS]
    return Table(
        id=table_id,
        caption=caption,
        headers=tuple(headers[c] for c in columns),
        rows=tuple(tuple(cell(p, c) for c in columns) for p in shown),
        note=_more_note(len(people)),
        collapsible=len(shown) > 12,
        empty=empty,
    )


def _shift_table(table_id: str, caption: str, first: str, shifts: Sequence[CategoryShift],
                 label: dict[str, str] | None = None) -> Table:
    shown = [s for s in shifts if s.gained or s.lost][:CATEGORY_ROWS]
    rows = tuple(
        (
            Cell((label or {}).get(s.category, s.category) or _("(none given)")),
            Cell(fmt_num(s.gained), numeric=True),
            Cell(fmt_num(s.lost), numeric=True),
            Cell(f"{s.net:+d}", numeric=True),
        )
        for s in shown
    )
    hidden = len([s for s in shifts if s.gained or s.lost]) - len(shown)
    return Table(
        id=table_id,
        caption=caption,
        headers=(first, _("Gained"), _("Lost"), _("Net")),
        rows=rows,
        note=(ngettext("%(num)d more category not shown.", "%(num)d more categories not shown.",
                       hidden) % {"num": hidden}) if hidden > 0 else "",
        empty=_("no connection gained or lost"),
    )


def _function_label(category: str) -> str:
    if category == UNKNOWN:
        return _("Unknown (title not recognised)")
    text = category.replace("_", " ")
    return text[:1].upper() + text[1:]


def _goals_chart(comparison: Comparison, goals: Sequence[GoalMove]) -> Chart:
    old, new = fmt_date(comparison.old.as_of), fmt_date(comparison.new.as_of)
    title = _("Goal fit, then and now")
    if not goals:
        return _chart("chart-goal-fit", title, "", None,
                      _("No goal was judged on both exports."), None)
    changes = comparison.goals
    rising = sum(1 for g in changes if _points(g) > 0)
    falling = sum(1 for g in changes if _points(g) < 0)
    summary = _("Fit of each goal on %(old)s and on %(new)s: %(up)d rose, %(down)d fell, the "
                "rest moved by less than a point.") % {
        "old": old, "new": new, "up": rising, "down": falling}
    figure = compare_charts.paired_bars(
        [g.label for g in goals],
        (old, [g.fit_before for g in changes]),
        (new, [g.fit_after for g in changes]),
        x_title=_("Fit"),
        percent=True,
    )
    table = Table(
        id="table-goal-fit",
        caption=title,
        headers=(_("Goal"), old, new, _("Change")),
        rows=tuple((Cell(g.label), Cell(g.fit_before, numeric=True),
                    Cell(g.fit_after, numeric=True), Cell(g.change, numeric=True))
                   for g in goals),
    )
    return _chart("chart-goal-fit", title, summary, figure, "", table)


def _header(comparison: Comparison, goals: Sequence[GoalChange]) -> Header:
    c = comparison
    net = c.new.contacts - c.old.contacts
    parts = [
        ngettext("%(num)d connection gained", "%(num)d connections gained", len(c.gained))
        % {"num": len(c.gained)},
        ngettext("%(num)d lost", "%(num)d lost", len(c.lost)) % {"num": len(c.lost)},
        ngettext("%(num)d tie cooled", "%(num)d ties cooled", len(c.cooling))
        % {"num": len(c.cooling)},
        ngettext("%(num)d warmed", "%(num)d warmed", len(c.warming)) % {"num": len(c.warming)},
    ]
    headline = _("Since %(old)s: %(parts)s.") % {"old": fmt_date(c.old.as_of),
                                                   "parts": ", ".join(parts)}
    rising = [g for g in goals if _points(g) > 0]
    falling = [g for g in goals if _points(g) < 0]
    if goals:
        headline += " " + ngettext(
            "%(up)d goal fits better, %(down)d worse.",
            "%(up)d goals fit better, %(down)d worse.",
            len(rising),
        ) % {"up": len(rising), "down": len(falling)}
    tone = "good" if len(rising) > len(falling) else "warn" if falling else "neutral"
    stats = (
        Stat(_("Contacts"), f"{fmt_num(c.old.contacts)} → {fmt_num(c.new.contacts)}",
             _("net %(net)+d") % {"net": net}),
        Stat(_("Gained"), fmt_num(len(c.gained)), _("new connections"), "good"),
        Stat(_("Lost"), fmt_num(len(c.lost)), _("no longer connected"),
             "warn" if c.lost else "neutral"),
        Stat(_("Cooling"), fmt_num(len(c.cooling)),
             _("score fell by %(margin)s or more") % {"margin": fmt_num(c.margin, 2)},
             "warn" if c.cooling else "neutral"),
        Stat(_("Warming"), fmt_num(len(c.warming)),
             _("score rose by %(margin)s or more") % {"margin": fmt_num(c.margin, 2)}, "good"),
        Stat(_("Moved employer"), fmt_num(len(c.moved)), _("new doors")),
    )
    return Header(
        title=(_("What changed for %(name)s") % {"name": c.owner}) if c.owner
        else _("What changed"),
        owner=c.owner,
        as_of=f"{fmt_date(c.old.as_of)} → {fmt_date(c.new.as_of)}",
        headline=headline,
        tone=tone,
        stats=stats,
        anonymized=c.anonymized,
    )


def _span(comparison: Comparison) -> str:
    days = (comparison.new.as_of - comparison.old.as_of).days
    if days < 60:
        return ngettext("%(num)d day apart", "%(num)d days apart", days) % {"num": days}
    months = round(days / 30.44)
    return ngettext("%(num)d month apart", "%(num)d months apart", months) % {"num": months}


def _gained_lost(comparison: Comparison) -> Section:
    c = comparison
    classes = [s for s in c.by_class]
    labels = [class_label(s.category) for s in classes]
    figure = compare_charts.paired_bars(
        labels,
        (_("Gained"), [s.gained for s in classes]),
        (_("Lost"), [s.lost for s in classes]),
        x_title=_("Connections"),
        colours=(compare_charts.GAINED, compare_charts.LOST),
    )
    title = _("Gained and lost, by tie class")
    summary = _("%(gained)d connections gained (class now) and %(lost)d lost (class then).") % {
        "gained": len(c.gained), "lost": len(c.lost)}
    chart = _chart(
        "chart-gained-lost", title, summary,
        figure if (c.gained or c.lost) else None,
        _("No connection was gained or lost between the two exports."),
        _shift_table("table-gained-lost-class", title, _("Tie class"), classes,
                     {s.category: class_label(s.category) for s in classes}),
    )
    functions = {s.category: _function_label(s.category) for s in c.by_function}
    return Section(
        id="gained-lost",
        title=_("Connections gained and lost"),
        intro=_("People who are connections in one export and not in the other, matched by "
                "profile URL, e-mail or name. A contact who changed jobs is not gained or lost: "
                "see “Moved employer”."),
        stats=(),
        charts=(chart,),
        tables=(
            _shift_table("table-by-organisation", _("Gained and lost, by organisation"),
                         _("Organisation"), c.by_organisation),
            _shift_table("table-by-function", _("Gained and lost, by function"),
                         _("Function"), c.by_function, functions),
            _people_table("table-gained", _("Connections gained"), c.gained,
                          ("name", "company_after", "position_after", "class_after",
                           "score_after"), _("nobody")),
            _people_table("table-lost", _("Connections lost"), c.lost,
                          ("name", "company_before", "class_before", "score_before",
                           "last_before"), _("nobody")),
        ),
    )


def _transitions(comparison: Comparison) -> tuple[Table, tuple[TransitionCell, ...]]:
    classes = [name for name, _count in comparison.new.classes]
    rows_keys: list[str | None] = [*classes, None]
    cols_keys: list[str | None] = [*classes, None]
    counts = {(t.before, t.after): len(t.people) for t in comparison.transitions}
    not_then, not_now = _("Not connected then"), _("No longer connected")
    rows = []
    for before in rows_keys:
        if before is None and not any(counts.get((None, a)) for a in cols_keys):
            continue
        label = class_label(before) if before else not_then
        row = [Cell(label)]
        for after in cols_keys:
            if before is None and after is None:
                row.append(Cell("", numeric=True))
                continue
            count = counts.get((before, after), 0)
            row.append(Cell(fmt_num(count) if count else "·", numeric=True))
        rows.append(tuple(row))
    table = Table(
        id="table-transitions",
        caption=_("Tie class then (rows) and now (columns)"),
        headers=(_("Then \\ now"), *(class_label(c) for c in classes), not_now),
        rows=tuple(rows),
        note=_("Numbers on the diagonal stayed in their class; every other cell is listed "
               "below with the people behind it."),
    )
    cells = []
    for transition in comparison.transitions:
        if transition.before == transition.after:
            continue
        before = class_label(transition.before) if transition.before else not_then
        after = class_label(transition.after) if transition.after else not_now
        people = transition.people
        cells.append(TransitionCell(
            id=f"cell-{transition.before or 'none'}-{transition.after or 'none'}",
            title=f"{before} → {after} ({len(people)})",
            names=tuple(_name(p) for p in people[:CELL_NAMES]),
            more=max(0, len(people) - CELL_NAMES),
        ))
    return table, tuple(cells)


def _cooling(comparison: Comparison) -> Section:
    c = comparison
    columns = ("name", "company_after", "class_before", "class_after", "score_before",
               "score_after", "change", "last_after")
    return Section(
        id="cooling",
        title=_("Cooling and warming"),
        intro=_("A tie is cooling when its score fell by %(margin)s or more between the two "
                "exports (each scored as of its own date), and warming when it rose as much. "
                "Cooling ties are listed strongest first: those are the ones to revive.")
        % {"margin": fmt_num(c.margin, 2)},
        stats=(),
        charts=(),
        tables=(
            _people_table("table-cooling", _("Cooling ties"), c.cooling, columns,
                          _("no tie cooled by that much")),
            _people_table("table-warming", _("Warming ties"), c.warming, columns,
                          _("no tie warmed by that much")),
        ),
    )


def _moved(comparison: Comparison) -> Section:
    c = comparison
    return Section(
        id="moved",
        title=_("Moved employer"),
        intro=_("Contacts whose employer differs between the two exports: the same person, now "
                "a door into another organisation."),
        stats=(),
        charts=(),
        tables=(
            _people_table("table-moved", _("Contacts who moved employer"), c.moved,
                          ("name", "from", "to", "title_after", "class_after"),
                          _("nobody changed employer")),
            _people_table("table-retitled", _("New title, same employer"), c.retitled,
                          ("name", "company_after", "title_before", "title_after"),
                          _("nobody changed title")),
        ),
    )


_METRIC_LABELS = {
    "contacts": N_("Contacts"),
    "strong": N_("Strong ties"),
    "medium": N_("Medium ties"),
    "weak": N_("Weak ties"),
    "dormant": N_("Dormant ties"),
    "latent": N_("Latent connections"),
    "active_ties": N_("Active ties (strong + medium)"),
    "effective_size": N_("Effective size (non-redundant contacts)"),
    "efficiency": N_("Efficiency (effective size per contact)"),
    "constraint": N_("Constraint (lower: more brokerage)"),
    "employers_reached": N_("Employers reached by active ties"),
    "employer_iqv": N_("Employer diversity (IQV)"),
    "function_iqv": N_("Function diversity (IQV)"),
    "seniority_iqv": N_("Seniority diversity (IQV)"),
    "invitations_received_share": N_("Share of invitations received"),
    "started_by_others_share": N_("Conversations others started"),
    "reply_share": N_("Messages to you that got a reply"),
    "endorsements_received": N_("Endorsements received"),
    "recommendations_received": N_("Recommendations received"),
    "endorsements_given": N_("Endorsements given"),
    "recommendations_given": N_("Recommendations given"),
}


def _metric_value(metric: str, value: float | None) -> str:
    if value is None:
        return "–"
    if metric.endswith("_share"):
        return fmt_pct(value)
    if metric.endswith("_iqv") or metric in ("efficiency", "constraint"):
        return fmt_num(value, 2)
    if metric == "effective_size":
        return fmt_num(value, 1)
    return fmt_num(int(value))


def _metric_change(metric: str, change: float | None) -> str:
    if change is None:
        return "–"
    if metric.endswith("_share"):
        return _pct_points(change)
    if metric.endswith("_iqv") or metric in ("efficiency", "constraint"):
        return l10n.signed(change, 2)
    if metric == "effective_size":
        return l10n.signed(change, 1)
    return f"{int(change):+d}" if int(change) else _("no change")


def _measures(comparison: Comparison) -> Section:
    c = comparison
    old, new = fmt_date(c.old.as_of), fmt_date(c.new.as_of)

    def row(m: MetricChange) -> tuple[Cell, ...]:
        return (
            Cell(gettext(_METRIC_LABELS.get(m.metric, m.metric))),
            Cell(_metric_value(m.metric, m.before), numeric=True),
            Cell(_metric_value(m.metric, m.after), numeric=True),
            Cell(_metric_change(m.metric, m.change), numeric=True),
        )

    by_name = {m.metric: m for m in c.metrics}
    classes = [name for name, _count in c.new.classes]
    figure = compare_charts.paired_bars(
        [class_label(k) for k in classes],
        (old, [by_name[k].before or 0 for k in classes]),
        (new, [by_name[k].after or 0 for k in classes]),
        x_title=_("Contacts"),
    )
    title = _("Contacts per tie class, then and now")
    summary = "; ".join(
        f"{class_label(k)} {_metric_value(k, by_name[k].before)} → "
        f"{_metric_value(k, by_name[k].after)}" for k in classes)
    class_table = Table(
        id="table-classes", caption=title,
        headers=(_("Tie class"), old, new, _("Change")),
        rows=tuple(row(by_name[k]) for k in classes),
    )
    groups = (
        ("table-structure", _("Size and brokerage"),
         ("contacts", "active_ties", "effective_size", "efficiency", "constraint",
          "employers_reached")),
        ("table-diversity", _("Diversity"), ("employer_iqv", "function_iqv", "seniority_iqv")),
        ("table-reciprocity", _("Being known and giving value"),
         ("invitations_received_share", "started_by_others_share", "reply_share",
          "endorsements_received", "recommendations_received", "endorsements_given",
          "recommendations_given")),
    )
    tables = tuple(
        Table(id=table_id, caption=caption,
              headers=(_("Measure"), old, new, _("Change")),
              rows=tuple(row(by_name[name]) for name in names))
        for table_id, caption, names in groups
    )
    return Section(
        id="measures",
        title=_("Network measures, then and now"),
        intro=_("The same measures as in the main report, on each export as of its own date. "
                "Diversity is 0 when everyone is alike and 1 when contacts spread evenly; "
                "effective size counts contacts who are not redundant with each other."),
        stats=(),
        charts=(_chart("chart-classes", title, summary, figure, "", class_table),),
        tables=tables,
    )


def _method(comparison: Comparison) -> tuple[str, ...]:
    c = comparison
    matched: dict[str, int] = {}
    for transition in c.transitions:
        for person in transition.people:
            if person.matched_by:
                matched[person.matched_by] = matched.get(person.matched_by, 0) + 1
    lines = [
        _("OLD: %(paths)s, scored as of %(date)s (%(num)s contacts).") % {
            "paths": ", ".join(c.old.paths), "date": fmt_date(c.old.as_of),
            "num": fmt_num(c.old.contacts)},
        _("NEW: %(paths)s, scored as of %(date)s (%(num)s contacts).") % {
            "paths": ", ".join(c.new.paths), "date": fmt_date(c.new.as_of),
            "num": fmt_num(c.new.contacts)},
        _("%(num)s people are connections in both; matched by profile URL: %(url)s, by "
          "e-mail: %(email)s, by name: %(name)s.") % {
            "num": fmt_num(c.stayed), "url": fmt_num(matched.get("url", 0)),
            "email": fmt_num(matched.get("email", 0)), "name": fmt_num(matched.get("name", 0))},
        _("Each export is scored as of its own date (its newest timestamp), so an old export "
          "is not judged as if every tie had gone quiet since."),
        _("Cooling and warming use a margin of %(margin)s on the 0–1 tie score: a tenth of the "
          "scale, well above the drift of an unchanged tie.") % {"margin": fmt_num(c.margin, 2)},
    ]
    if c.swapped:
        lines.append(_("The exports were given newest first; they were compared the other way "
                       "round."))
    if c.anonymized:
        lines.append(_("Names, profile URLs and e-mails are pseudonyms, the same in both "
                       "exports."))
    return tuple(lines)


def build_compare_context(comparison: Comparison) -> CompareContext:
    """The display-ready values of the compare page."""
    goals = tuple(_goal(g) for g in comparison.goals)
    table, cells = _transitions(comparison)
    goals_intro = _(
        "How well your network fits each goal on %(old)s and on %(new)s, and the measured "
        "reason the fit moved (the measure behind the goal that moved it most)."
    ) % {"old": fmt_date(comparison.old.as_of), "new": fmt_date(comparison.new.as_of)}
    return CompareContext(
        lang=active_locale(),
        version=__version__,
        header=_header(comparison, comparison.goals),
        span=_span(comparison),
        goals_intro=goals_intro,
        goals=goals,
        goals_chart=_goals_chart(comparison, goals),
        actions=comparison.actions,
        sections=(_gained_lost(comparison), _cooling(comparison), _moved(comparison),
                  _measures(comparison)),
        transitions=table,
        transition_cells=cells,
        method=_method(comparison),
        warnings=comparison.warnings,
    )


def render_compare(comparison: Comparison, *, embed_plotlyjs: bool = True,
                   lang: str | None = None) -> str:
    """The self-contained compare page (plotly.js inlined unless `embed_plotlyjs` is False).

    Rendered in `lang`, by default the language the comparison was written in.
    """
    with use_locale(lang or comparison.lang):
        context = build_compare_context(comparison)
        script = page_script()
        sources = [script_hash(script)]
        plotlyjs = ""
        if embed_plotlyjs:
            bundle = bundle_for(context.trace_types)
            plotlyjs = bundle_text(bundle)
            sources.insert(0, bundle_hash(bundle))
        return environment().get_template("compare.html").render(
            ctx=context,
            plotlyjs=plotlyjs,
            plotlyjs_src="",
            page_js=script,
            csp=content_security_policy(*sources),
        )


def write_compare_report(comparison: Comparison, path: Path, *, lang: str | None = None
                         ) -> Path:
    """Write the compare page to `path` (UTF-8, whole or not at all); return the path."""
    return write_text_atomically(path, render_compare(comparison, lang=lang), "-o")


__all__ = ["CompareContext", "build_compare_context", "render_compare", "write_compare_report"]
