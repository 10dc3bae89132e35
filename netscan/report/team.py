"""The team report (`index.html` of a batch): team.json → display values → one HTML page.

Same look and rules as the member report: verdicts first, every chart with its numbers as a table,
every value escaped, plotly.js loaded from the batch folder by a relative path (CSP `'self'`).
It reads only the plain team dict (docs/team.md), so a saved team.json renders the same page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from netscan import __version__
from netscan.i18n import DEFAULT_LOCALE, N_, active_locale, use_locale
from netscan.report import charts
from netscan.report.display import Cell, Chart, GoalCard, Header, Section, Stat, Table, TargetCard
from netscan.report.environment import (
    environment,
    fmt_date,
    fmt_num,
    fmt_pct,
    gettext,
    ngettext,
)
from netscan.report.plotlyjs import script_hash
from netscan.report.render import content_security_policy, page_script
from netscan.report.sections import GOALS_OPEN, class_label

_ = gettext
HEATMAP_MAX = 40
TOP_GOALS = 3
TOP_PAIRS = 30
LIST_ROWS = 50
CLASSES = ("strong", "medium", "weak", "dormant", "latent")


@dataclass(frozen=True, slots=True)
class TeamContext:
    """Everything team.html renders; the field names match the member report's where shared."""

    lang: str
    version: str
    header: Header
    goals_title: str
    goals_intro: str
    goals: tuple[GoalCard, ...]
    goals_shown: int
    targets: tuple[TargetCard, ...]
    sections: tuple[Section, ...]
    failed: tuple[tuple[str, str, str], ...]  # (name, input, error)


def _verdict(verdict: str) -> tuple[str, str]:
    return {
        "fits": (_("Fits"), "good"),
        "partly": (_("Partly fits"), "warn"),
        "does-not-fit": (_("Does not fit"), "bad"),
        "not-judged": (_("Too little evidence"), "neutral"),
    }.get(verdict, (verdict, "neutral"))


def _num(value: Any, digits: int = 0) -> Cell:
    return Cell(fmt_num(value, digits) if isinstance(value, int | float) else "–", numeric=True)


def _chart(chart_id: str, title: str, summary: str, figure: charts.Figure | None,
           missing: str, table: Table | None) -> Chart:
    if figure is None:
        return Chart(chart_id, title, summary, "", missing, None)
    return Chart(chart_id, title, summary, charts.to_fragment(figure, chart_id), "", table,
                 charts.trace_types(figure))


def _layout(height: int, x_title: str, y_title: str = "", **extra: Any) -> dict[str, Any]:
    axis = {"automargin": True, "gridcolor": "#e3e8ee", "zerolinecolor": "#c9d2dc"}
    return {
        "template": {"data": {"scatter": [{"type": "scatter"}]}},
        "margin": {"l": 8, "r": 16, "t": 8, "b": 8},
        "font": {"size": 13, "color": "#1d2733"},
        "height": height,
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "xaxis": {**axis, "title": {"text": x_title}},
        "yaxis": {**axis, "title": {"text": y_title}, "autorange": "reversed"},
        **extra,
    }


def _label(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def _names(team: Mapping[str, Any]) -> dict[str, str]:
    return {str(m["id"]): str(m["name"]) for m in team["members"]}


def _header(team: Mapping[str, Any]) -> Header:
    members = team["members"]
    ok = [m for m in members if m["status"] == "ok"]
    reach = team["reach"]
    names = _names(team)
    if ok:
        headline = _(
            "Together the %(members)s members reach %(people)s people at %(orgs)s "
            "organisations: %(more)s more people than %(largest)s, the largest network, alone."
        ) % {
            "members": fmt_num(len(ok)),
            "people": fmt_num(reach["people"]),
            "orgs": fmt_num(reach["organisations"]),
            "more": fmt_num(reach["more_than_largest"]),
            "largest": names.get(str(reach["largest_member"]), "–"),
        }
        tone = "neutral"
    else:
        headline = _("No member's export could be read; each one's error is listed below.")
        tone = "bad"
    stats = (
        Stat(_("Members analysed"), fmt_num(len(ok)),
             ngettext("%(num)d failed", "%(num)d failed", int(team["failed"]))
             % {"num": int(team["failed"])} if team["failed"] else "",
             "bad" if team["failed"] else "neutral"),
        Stat(_("People reached"), fmt_num(reach["people"])),
        Stat(_("Organisations"), fmt_num(reach["organisations"])),
        Stat(_("Known by several members"), fmt_num(team["shared_people_total"])),
    )
    return Header(
        title=_("Team network"),
        owner="",
        as_of=fmt_date(date.fromisoformat(str(team["as_of"])) if team["as_of"] else None),
        headline=headline,
        tone=tone,
        stats=stats,
        anonymized=bool(team["anonymized"]),
    )


def _measured(goal: Mapping[str, Any]) -> tuple[str, ...]:
    """How much of the goal the combined ties can show; nothing to say when all of it."""
    if float(goal["measured_weight"]) >= 1:
        return ()
    return (_("Judged on %(share)s of this goal's evidence; the rest needs messages or "
             "endorsements, which only each member's own report has.") % {
        "share": fmt_pct(float(goal["measured_weight"]))},)


def _goals(team: Mapping[str, Any]) -> tuple[GoalCard, ...]:
    cards = []
    # Asked goals all get a card; otherwise the best few do and a table ranks every goal.
    shown = team["goals"] if team["goals_requested"] else team["goals"][:TOP_GOALS]
    for goal in shown:
        verdict, tone = _verdict(str(goal["verdict"]))
        label = gettext(str(goal["label"]))
        cards.append(GoalCard(
            id=str(goal["id"]), label=label[:1].upper() + label[1:], label_nl=str(goal["label_nl"]),
            kind=str(goal["kind"]), fit=fmt_pct(float(goal["fit"])),
            fit_percent=max(0, min(100, round(float(goal["fit"]) * 100))), verdict=verdict,
            tone=tone, evidence=(*_measured(goal), *goal["evidence"]), actions=(),
        ))
    return tuple(cards)


def _targets(team: Mapping[str, Any]) -> tuple[TargetCard, ...]:
    names = _names(team)
    cards = []
    for target in team["targets"]:
        lines = tuple(
            _("%(contact)s (%(tie_class)s tie, score %(score)s), through %(member)s") % {
                "contact": c["contact"], "tie_class": class_label(str(c["tie_class"])).lower(),
                "score": fmt_num(float(c["score"]), 2), "member": names.get(str(c["member"]), ""),
            }
            for c in target["connectors"]
        )
        total = int(target["connectors_total"])
        if total:
            note = ngettext(
                "%(num)d contact there across %(members)d member; the best door first.",
                "%(num)d contacts there across %(members)d members; the best door first.",
                total,
            ) % {"num": total, "members": int(target["members_total"])}
        else:
            note = _("Nobody in the team's networks works there.")
        cards.append(TargetCard(str(target["company"]), note, lines,
                                max(0, total - len(lines))))
    return tuple(cards)


def _reach_section(team: Mapping[str, Any]) -> Section:
    ok = [m for m in team["members"] if m["status"] == "ok"]
    rows = tuple(
        (Cell(str(m["name"])), _num(m["people"]), _num(m["unique_people"]))
        for m in sorted(ok, key=lambda m: (-int(m["people"]), str(m["id"])))
    )
    table = Table("reach-table", _("People each member knows"),
                  (_("Member"), _("People"), _("Known only to them")), rows,
                  collapsible=len(rows) > 15, empty=_("no member analysed"))
    figure = None
    if ok:
        shown = sorted(ok, key=lambda m: (-int(m["people"]), str(m["id"])))[:LIST_ROWS]
        labels = [_label(str(m["name"])) for m in shown]
        figure = {
            "data": [
                {"name": _("Also known to others"), "orientation": "h",
                 "x": [int(m["people"]) - int(m["unique_people"]) for m in shown], "y": labels,
                 "marker": {"color": "#5b7f99"}, "type": "bar"},
                {"name": _("Known only to them"), "orientation": "h",
                 "x": [int(m["unique_people"]) for m in shown], "y": labels,
                 "marker": {"color": "#0b6e4f"}, "type": "bar"},
            ],
            "layout": _layout(80 + 26 * len(shown), _("People"), barmode="stack",
                              showlegend=True, legend={"orientation": "h", "y": -0.15}),
        }
    reach = team["reach"]
    chart = _chart(
        "chart-reach", _("Who brings whom"),
        _("Each member's people, split into those only they know and those others know too."),
        figure, _("No member's export could be read."), table,
    )
    return Section(
        "reach", _("Combined reach"),
        _("People are counted once however many members know them (matched by profile URL, "
          "then e-mail, then name with company)."),
        (Stat(_("People"), fmt_num(reach["people"])),
         Stat(_("Largest member alone"), fmt_num(reach["largest_member_people"])),
         Stat(_("Added by the rest of the team"), fmt_num(reach["more_than_largest"]))),
        (chart,), (),
    )


def _overlap_section(team: Mapping[str, Any]) -> Section:
    names = _names(team)
    ok = [m for m in team["members"] if m["status"] == "ok"]
    pairs = team["overlap"]
    rows = tuple(
        (Cell(names[str(p["a"])]), Cell(names[str(p["b"])]), _num(p["shared"]),
         Cell(fmt_pct(float(p["jaccard"]), 1), numeric=True))
        for p in pairs[:TOP_PAIRS]
    )
    table = Table("overlap-table", _("Pairs of members who know the most people in common"),
                  (_("Member"), _("Member"), _("People in common"), _("Overlap (Jaccard)")),
                  rows, empty=_("no two members know anyone in common"))
    charts_out: tuple[Chart, ...] = ()
    if 2 <= len(ok) <= HEATMAP_MAX:
        lookup = {(str(p["a"]), str(p["b"])): float(p["jaccard"]) for p in pairs}
        ids = [str(m["id"]) for m in ok]
        z = [[None if a == b else round(lookup.get((a, b), lookup.get((b, a), 0.0)) * 100, 1)
              for b in ids] for a in ids]
        labels = [_label(names[i]) for i in ids]
        figure = {
            "data": [{"x": labels, "y": labels, "z": z, "colorscale": "Blues", "zmin": 0,
                      "hovertemplate": "%{y} · %{x}: %{z}%<extra></extra>",
                      "colorbar": {"title": {"text": "%"}}, "type": "heatmap"}],
            "layout": _layout(160 + 24 * len(ids), "", ""),
        }
        heat_rows = tuple(
            (Cell(names[str(p["a"])]), Cell(names[str(p["b"])]), _num(p["shared"]),
             Cell(fmt_pct(float(p["jaccard"]), 1), numeric=True))
            for p in pairs
        )
        charts_out = (_chart(
            "chart-overlap", _("Overlap between members"),
            _("The share of two members' combined people that both know (Jaccard), for every "
              "pair; darker is more overlap."),
            figure, "",
            Table("overlap-all", _("Every pair that shares anyone"),
                  (_("Member"), _("Member"), _("People in common"), _("Overlap (Jaccard)")),
                  heat_rows, collapsible=len(heat_rows) > 15,
                  empty=_("no two members know anyone in common")),
        ),)
    intro = _("How much the members' networks overlap: many shared people mean the team hears "
              "the same news twice; little overlap means each member adds reach.")
    if len(ok) > HEATMAP_MAX:
        intro += " " + _("With more than %(max)d members a heatmap is unreadable, so the pairs "
                         "with the most people in common are listed.") % {"max": HEATMAP_MAX}
    return Section("overlap", _("Overlap between members"), intro,
                   (Stat(_("Pairs sharing anyone"), fmt_num(team["overlap_pairs"])),),
                   charts_out, (table,))


def _shared_section(team: Mapping[str, Any]) -> Section:
    names = _names(team)
    people = team["shared_people"]
    rows = tuple(
        (Cell(str(p["contact"])), Cell(str(p["company"])), _num(len(p["members"])),
         Cell(", ".join(names[str(m)] for m in p["members"])))
        for p in people[:LIST_ROWS * 4]
    )
    total = int(team["shared_people_total"])
    note = _("Showing %(shown)s of %(total)s; team.json lists more.") % {
        "shown": fmt_num(len(rows)), "total": fmt_num(total)} if total > len(rows) else ""
    table = Table("shared-table", _("Each shared person and the members who know them"),
                  (_("Person"), _("Organisation"), _("Members"), _("Known by")), rows, note=note,
                  collapsible=len(rows) > 15, empty=_("nobody is known by two members"))
    return Section("shared", _("People known by several members"),
                   _("These people hear from more than one member; agree who speaks to them."),
                   (Stat(_("Known by several members"), fmt_num(total)),), (), (table,))


def _unique_section(team: Mapping[str, Any]) -> Section:
    ok = [m for m in team["members"] if m["status"] == "ok"]
    shown = sorted(ok, key=lambda m: (-int(m["unique_people"]), str(m["id"])))
    rows = tuple(
        (Cell(str(m["name"])), *(_num(m["unique_by_class"][c]) for c in CLASSES),
         _num(m["unique_people"]))
        for m in shown
    )
    table = Table("unique-table", _("People only one member knows, by tie class"),
                  (_("Member"), *(class_label(c) for c in CLASSES), _("Total")), rows,
                  collapsible=len(rows) > 15, empty=_("no member analysed"))
    figure = None
    if shown:
        top = shown[:LIST_ROWS]
        labels = [_label(str(m["name"])) for m in top]
        colours = charts.CLASS_COLOURS
        figure = {
            "data": [
                {"name": class_label(c), "orientation": "h",
                 "x": [int(m["unique_by_class"][c]) for m in top], "y": labels,
                 "marker": {"color": colours[c]}, "type": "bar"}
                for c in CLASSES
            ],
            "layout": _layout(80 + 26 * len(top), _("People only they know"), barmode="stack",
                              showlegend=True, legend={"orientation": "h", "y": -0.15}),
        }
    chart = _chart("chart-unique", _("Each member's unique contribution"),
                   _("How many people only this member knows, by how strong their tie is."),
                   figure, _("No member's export could be read."), table)
    return Section("unique", _("Each member's unique contribution"),
                   _("If a member left, the team would lose these people; strong and medium "
                     "ties are the ones that cannot be rebuilt quickly."), (), (chart,), ())


def _risk_section(team: Mapping[str, Any]) -> Section:
    names = _names(team)
    points = team["single_points"]
    rows = tuple(
        (Cell(str(p["organisation"])), Cell(names[str(p["member"])]), Cell(str(p["contact"])),
         Cell(class_label(str(p["tie_class"])), tone=str(p["tie_class"])),
         _num(float(p["score"]), 2))
        for p in points[:LIST_ROWS * 2]
    )
    total = int(team["single_points_total"])
    note = _("Showing %(shown)s of %(total)s; team.json lists more.") % {
        "shown": fmt_num(len(rows)), "total": fmt_num(total)} if total > len(rows) else ""
    table = Table("risk-table", _("Organisations reached through one tie only"),
                  (_("Organisation"), _("Member"), _("Contact"), _("Tie"), _("Score")), rows,
                  note=note, collapsible=len(rows) > 15,
                  empty=_("every organisation the team reaches has at least two ties"))
    return Section("risk", _("Single points of failure"),
                   _("Organisations the team reaches (by a strong, medium or weak tie) only "
                     "through one member's one contact: if that tie goes quiet, the door closes."),
                   (Stat(_("Organisations behind one tie"), fmt_num(total)),), (), (table,))


_METRIC_LABELS = {
    "contacts": N_("Contacts"),
    "strong": N_("Strong ties"),
    "medium": N_("Medium ties"),
    "weak": N_("Weak ties"),
    "dormant": N_("Dormant ties"),
    "effective_size": N_("Effective size"),
    "employer_iqv": N_("Employer diversity (IQV)"),
    "employers_reached": N_("Employers reached"),
    "reply_share": N_("Reply share"),
}


def _median_section(team: Mapping[str, Any]) -> Section:
    ok = [m for m in team["members"] if m["status"] == "ok"]
    metrics = list(team["median"])
    rows = [
        (Cell(_("Team median")), *(_num(team["median"][k], 2) for k in metrics))
    ]
    rows += [
        (Cell(str(m["name"]), href=str(m["report"])),
         *(_num(m["metrics"][k], 2) for k in metrics))
        for m in ok
    ]
    table = Table("median-table", _("Each member beside the team median"),
                  (_("Member"), *(_(_METRIC_LABELS.get(k, k)) for k in metrics)), tuple(rows),
                  collapsible=len(rows) > 15, empty=_("no member analysed"))
    return Section("members", _("Members"),
                   _("Each member's own report holds the full diagnosis; the name links to it."),
                   (), (), (table,))


def _all_goals_section(team: Mapping[str, Any]) -> Section | None:
    if team["goals_requested"] or len(team["goals"]) <= TOP_GOALS:
        return None
    rows = []
    for goal in team["goals"]:
        verdict, tone = _verdict(str(goal["verdict"]))
        label = gettext(str(goal["label"]))
        rows.append((Cell(label[:1].upper() + label[1:]), Cell(fmt_pct(float(goal["fit"])),
                     numeric=True), Cell(verdict, tone=tone),
                     Cell(fmt_pct(float(goal["measured_weight"])), numeric=True)))
    table = Table("goals-table", _("Every goal, best fit first"),
                  (_("Goal"), _("Fit"), _("Verdict"), _("Evidence measured")), tuple(rows))
    return Section("all-goals", _("What the team's network is good for"),
                   _("Every goal in the catalogue judged on the combined network; pass -g to "
                     "see the evidence for the goals you care about."), (), (), (table,))


def build_team_context(team: Mapping[str, Any]) -> TeamContext:
    """The display values of the team page, from the team dict (team.json)."""
    goals = _goals(team)
    note = str(team.get("goals_note") or "")
    intro = note or _(
        "The goals judged on the team's combined network: each person once, at the team's "
        "strongest tie to them. What only messages, invitations and endorsements show has no "
        "data at team level and is left out of the fit; each member's own report has it."
    )
    failed = tuple(
        (str(m["name"]), str(m["input"]), str(m["error"]))
        for m in team["members"] if m["status"] != "ok"
    )
    return TeamContext(
        lang=active_locale(),
        version=__version__,
        header=_header(team),
        goals_title=_("The team's goals"),
        goals_intro=intro,
        goals=goals,
        # The goals the team asked for, else the best few; the rest behind "show the other…".
        goals_shown=len(goals) if team.get("goals_requested") else min(len(goals), GOALS_OPEN),
        targets=_targets(team),
        sections=tuple(section for section in (
            _all_goals_section(team), _reach_section(team), _overlap_section(team),
            _shared_section(team), _unique_section(team), _risk_section(team),
            _median_section(team)) if section is not None),
        failed=failed,
    )


def render_team(team: Mapping[str, Any], *, plotlyjs_src: str) -> str:
    """The team page; plotly.js is loaded from `plotlyjs_src` (relative, allowed as 'self').

    Rendered in the language team.json was written in (its `lang` key; English when absent).
    """
    with use_locale(str(team.get("lang") or DEFAULT_LOCALE)):
        context = build_team_context(team)
        script = page_script()
        return environment().get_template("team.html").render(
            ctx=context,
            plotlyjs="",
            plotlyjs_src=plotlyjs_src,
            page_js=script,
            csp=content_security_policy("'self'", script_hash(script)),
        )

