"""Build each report section from an analysis: aggregates, tables and chart fragments.

This is the only report module that touches polars; it hands the templates plain strings. Every
list is sorted explicitly so the same analysis renders the same bytes. A chart whose data the
export does not hold gets a sentence naming the missing file instead of an empty frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Protocol
from urllib.parse import urlsplit

import polars as pl

from netscan import __version__
from netscan.diagnosis.taxonomy import SENIORITY_NAMES, category_label, seniority_rank
from netscan.diagnosis.types import (
    Diagnosis,
    DimensionDiversity,
    DoorOpener,
    GoalFit,
    TargetResult,
)
from netscan.i18n import N_, active_locale
from netscan.model import Export, RatingSheet, TieClass
from netscan.report import charts
from netscan.report.display import (
    Cell,
    Chart,
    Decision,
    GoalCard,
    Header,
    Pick,
    ReportContext,
    Section,
    Stat,
    Table,
    TargetCard,
)
from netscan.report.environment import (
    fmt_date,
    fmt_num,
    fmt_pct,
    fmt_years,
    gettext,
    ngettext,
)
from netscan.ties.calibrate import Calibration

_ = gettext

STRONGEST_ROWS = 15
SHOWN_ROWS = 10  # long lists show their top ten; the rest sit behind a no-JS "show all"
TARGET_OPENERS = 10  # the best doors; the JSON summary lists every one
ALL_TIES_ROWS = 500  # the report lists the top ties; --ties writes every row
LIST_ROWS = 100  # reconnect and bridge lists; the JSON summary holds every one
DISTRIBUTION_BARS = 12
NETWORK_CLUSTERS = 10
SCORE_BINS = 20


class AnalysisLike(Protocol):
    """The attributes of ``netscan.analysis.Analysis`` that the report reads."""

    @property
    def export(self) -> Export: ...
    @property
    def as_of(self) -> date: ...
    @property
    def ties(self) -> pl.DataFrame: ...
    @property
    def diagnosis(self) -> Diagnosis: ...
    @property
    def anonymized(self) -> bool: ...
    @property
    def goals_requested(self) -> tuple[str, ...]: ...
    @property
    def ratings(self) -> RatingSheet | None: ...
    @property
    def calibration(self) -> Calibration | None: ...


def _more(total: int) -> str:
    """The note under a list cut at LIST_ROWS rows ("" when nothing was cut)."""
    if total <= LIST_ROWS:
        return ""
    return _("Showing the first %(shown)s of %(total)s; `netscan analyze --json` lists every "
             "one.") % {"shown": fmt_num(LIST_ROWS), "total": fmt_num(total)}


def class_label(tie_class: str) -> str:
    """The display name of a tie class."""
    labels = {
        TieClass.STRONG: _("Strong"),
        TieClass.MEDIUM: _("Medium"),
        TieClass.WEAK: _("Weak"),
        TieClass.DORMANT: _("Dormant"),
        TieClass.LATENT: _("Latent"),
    }
    return labels.get(TieClass(tie_class), tie_class) if tie_class in set(TieClass) else tie_class


def _verdict(verdict: str) -> tuple[str, str]:
    return {
        "fits": (_("Fits"), "good"),
        "partly": (_("Partly fits"), "warn"),
        "does-not-fit": (_("Does not fit"), "bad"),
    }.get(verdict, (verdict, "neutral"))


def _kind(kind: str) -> str:
    return {
        "expressive": _("Expressive goal: keeping a situation going"),
        "instrumental": _("Instrumental goal: changing a situation"),
        "mixed": _("Mixed goal"),
    }.get(kind, kind)


def _safe_href(url: str | None) -> str:
    """A LinkedIn profile URL as a navigation link; anything else stays text.

    An export's URL column is free text: a hand-edited or hostile value could point a click
    anywhere (``https://evil.example``, ``//host``, ``javascript:``), so only member profiles on
    linkedin.com (any country subdomain) become anchors.
    """
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("https", "http") or parts.username or parts.port:
        return ""
    if not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        return ""
    if not parts.path.lower().startswith(("/in/", "/pub/")):
        return ""
    return url.strip()


def _chart(
    chart_id: str, title: str, summary: str, figure: charts.Figure | None, missing: str,
    table: Table | None, legend: tuple[str, ...] = (),
) -> Chart:
    if figure is None:
        return Chart(chart_id, title, summary, "", missing, None)
    return Chart(
        chart_id, title, summary, charts.to_fragment(figure, chart_id), "", table,
        charts.trace_types(figure), legend,
    )


def _num_cell(value: float | int | None, digits: int = 0) -> Cell:
    return Cell(fmt_num(value, digits), numeric=True)


# ---------------------------------------------------------------- header and goals


def _term_value(value: float | None, metric: str) -> str:
    if value is None:
        return "–"
    if metric.endswith("_share") or metric.endswith("_density") or metric == "efficiency":
        return fmt_pct(value)
    if metric.endswith(("_iqv", "_ei")):
        return fmt_num(value, 2)
    return fmt_num(round(value)) if abs(value) >= 10 or value == int(value) else fmt_num(value, 1)


def _computation(goal: GoalFit) -> Table | None:
    if not goal.terms:
        return None
    rows = []
    for term in goal.terms:
        reference = (
            _term_value(term.anchor, term.metric) if term.anchor is not None else "–"
        )
        note = ""
        if term.reach_factor is not None and term.reach_factor < 1:
            note = _("× %(factor)s: only %(num)s behind it") % {
                "factor": fmt_num(term.reach_factor, 2),
                "num": fmt_num(round(term.reach_value or 0)),
            }
        label = gettext(term.label)
        rows.append((
            Cell(label[:1].upper() + label[1:]),
            Cell(_term_value(term.value, term.metric), numeric=True),
            Cell(reference, numeric=True),
            Cell(_term_value(term.best, term.metric), numeric=True),
            Cell(fmt_num(term.score, 2) if term.score is not None else _("left out"),
                 numeric=True),
            Cell(fmt_pct(term.weight), numeric=True),
            Cell(note),
        ))
    return Table(
        f"table-goal-{goal.id}",
        _("How the fit of %(fit)s was computed") % {"fit": fmt_pct(goal.fit)},
        (_("Measure"), _("Value"), _("Reference (scores 0.7)"), _("Best (scores 1)"),
         _("Score"), _("Weight"), _("Note")),
        tuple(rows),
    )


def _goal_card(goal: GoalFit) -> GoalCard:
    verdict, tone = _verdict(goal.verdict)
    return GoalCard(
        id=goal.id,
        label=_goal_label(goal),
        label_nl=goal.label_nl,
        kind=_kind(goal.kind),
        fit=fmt_pct(goal.fit),
        fit_percent=max(0, min(100, round(goal.fit * 100))),
        verdict=verdict,
        tone=tone,
        evidence=goal.evidence,
        actions=goal.actions,
        summary=goal.summary,
        computation=_computation(goal),
    )


def _goal_label(goal: GoalFit) -> str:
    label = gettext(goal.label_en)
    return label[:1].upper() + label[1:]


def _labels(goals: Sequence[GoalFit]) -> str:
    return "; ".join(_goal_label(g) for g in goals)


# One reason per goal for "contact this week": why the first person a goal names is worth a
# message now. The person comes from that goal's first action, so the reason matches it.
_PICK_REASONS = {
    "attention": N_("a close tie: share your news personally"),
    "support": N_("a close tie who can back your cause"),
    "helpfulness": N_("someone you can help or introduce"),
    "collaboration": N_("a trusted tie for confidential work"),
    "fun": N_("a close tie to plan something with"),
    "sounding-board": N_("a trusted tie to test an idea on"),
    "clients": N_("a senior contact elsewhere who could become or refer a client"),
    "job": N_("an acquaintance elsewhere to ask about openings"),
    "hiring": N_("someone who can pass a vacancy on"),
    "ideas": N_("your link into another field, for fresh ideas"),
    "stay-informed": N_("an active tie elsewhere to compare notes with"),
    "visibility": N_("someone who came to you: ask for a mention"),
    "new-worlds": N_("your way into a field you barely know"),
    "risk-spreading": N_("a weak tie worth deepening, away from where most of your ties sit"),
    "influence": N_("someone who already values you and can vouch for you"),
    "advice": N_("an experienced tie to ask for advice"),
    "knowledge-sharing": N_("someone to share what you learn with"),
}
PICKS = 3
STRONG_WEAK = 3
# With the whole catalogue ranked, the most relevant goals show open; the rest sit behind a
# no-JavaScript "show all" expander so the page stays short.
GOALS_OPEN = 5


def _company_of(ties: pl.DataFrame) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, company in ties.select("name", "company").iter_rows():
        if name and name not in out:
            out[str(name)] = str(company or "")
    return out


def _decision(analysis: AnalysisLike) -> Decision | None:
    """Strong for / weak for / three people to contact: the first screen that decides."""
    goals = analysis.diagnosis.goals
    if not goals:
        return None
    ranked = sorted(goals, key=lambda g: (-g.fit, g.id))
    fitting = [g for g in ranked if g.verdict == "fits"]
    if fitting:
        strong_for = _("Strong for: %(goals)s.") % {"goals": _labels(fitting[:STRONG_WEAK])}
    elif analysis.goals_requested:
        strong_for = _("Strong for: none of the goals you asked about yet; closest: "
                       "%(goals)s.") % {"goals": _labels(ranked[:1])}
    else:
        strong_for = _("Strong for: no goal yet; closest: %(goals)s.") % {
            "goals": _labels(ranked[:1])}
    weak = [g for g in reversed(ranked) if g.verdict == "does-not-fit"]
    if weak:
        weak_for = _("Weak for: %(goals)s.") % {"goals": _labels(weak[:STRONG_WEAK])}
    else:
        shaky = [g for g in reversed(ranked) if g.verdict != "fits"]
        weak_for = (_("Weak for: nothing clearly; least served: %(goals)s.") % {
            "goals": _labels(shaky[:STRONG_WEAK])} if shaky
            else _("Weak for: none of these goals."))
    companies = _company_of(analysis.ties)
    picks: list[Pick] = []
    # Page order, most relevant goal first: each goal's first person, then (with fewer than
    # three goals, e.g. one asked with -g) each goal's next person, until three are picked.
    depth = max((len(g.people) for g in goals), default=0)
    for rank in range(depth):
        for goal in goals:
            if len(picks) == PICKS or rank >= len(goal.people):
                continue
            person = goal.people[rank]
            if person in {x.name for x in picks}:
                continue
            reason = _PICK_REASONS.get(goal.id)
            picks.append(Pick(person, companies.get(person, ""),
                              gettext(reason) if reason else "", goal.id, _goal_label(goal)))
    note = "" if picks else _("Nobody stands out to contact yet: the export shows too little "
                              "interaction to name anyone.")
    return Decision(strong_for, weak_for, tuple(picks), note)


def _header(analysis: AnalysisLike, goals: Sequence[GoalCard]) -> Header:
    diagnosis = analysis.diagnosis
    composition = diagnosis.composition
    if not goals:
        headline, tone = _("No goal could be judged from this export."), "neutral"
    elif analysis.goals_requested:
        fitting = sum(1 for goal in goals if goal.tone == "good")
        headline = ngettext(
            "%(fits)d of the %(num)d goal you asked about fits your network.",
            "%(fits)d of the %(num)d goals you asked about fit your network.",
            len(goals),
        ) % {"fits": fitting, "num": len(goals)}
        tone = goals[0].tone if len(goals) == 1 else ("good" if fitting == len(goals) else "warn")
    else:
        fitting = sum(1 for goal in goals if goal.tone == "good")
        headline = ngettext(
            "%(fits)d of %(num)d goal fits your network.",
            "%(fits)d of %(num)d goals fit your network.",
            len(goals),
        ) % {"fits": fitting, "num": len(goals)}
        tone = goals[0].tone
    stats = (
        Stat(_("Contacts"), fmt_num(composition.contacts),
             ngettext("plus %(num)d other person", "plus %(num)d other people",
                      composition.other_people) % {"num": composition.other_people}),
        Stat(_("Strong ties"), fmt_num(composition.count(TieClass.STRONG)),
             _("close, reciprocal, recent"), "good"),
        Stat(_("Active ties"), fmt_num(diagnosis.metrics.active_ties),
             _("strong + medium")),
        Stat(_("Dormant ties"), fmt_num(composition.count(TieClass.DORMANT)),
             _("worth reviving"), "warn"),
    )
    return Header(
        title=(
            _("Network report for %(name)s") % {"name": analysis.export.owner.name}
            if analysis.export.owner.name
            else _("Network report")
        ),
        owner=analysis.export.owner.name,
        as_of=fmt_date(analysis.as_of),
        headline=headline,
        tone=tone,
        stats=stats,
        anonymized=analysis.anonymized,
        decision=_decision(analysis),
    )


def target_note(target: TargetResult) -> str:
    """How a `-t` target matched, in words (also printed by the CLI)."""
    companies = ", ".join(target.companies)
    if target.match_kind == "none":
        if target.suggestions:
            return _("Nobody in your network works or worked at %(target)s. Did you mean: "
                     "%(names)s?") % {"target": target.target,
                                     "names": ", ".join(target.suggestions)}
        return _("Nobody in your network works or worked at %(target)s, and no company name "
                 "in the export is close to it.") % {"target": target.target}
    count = len(target.openers)
    if target.match_kind == "past":
        return ngettext(
            "Nobody works at %(names)s now; %(num)d former colleague worked there with you.",
            "Nobody works at %(names)s now; %(num)d former colleagues worked there with you.",
            count,
        ) % {"names": companies, "num": count}
    now = sum(1 for o in target.openers if o.link == "current")
    former = count - now
    text = ngettext(
        "%(num)d contact works there now",
        "%(num)d contacts work there now",
        now,
    ) % {"num": now}
    if former:
        text += ngettext(
            ", %(num)d more worked there with you",
            ", %(num)d more worked there with you",
            former,
        ) % {"num": former}
    return _("%(count)s (matched: %(names)s).") % {"count": text, "names": companies}


def opener_line(o: DoorOpener) -> str:
    """One door opener with their link to the target, in words."""
    values = {"name": o.name, "position": o.position or _("position unknown"),
              "company": o.company or _("employer unknown"), "via": o.via,
              "tie": class_label(o.tie_class).lower()}
    if o.link == "former":
        return _("%(name)s — worked at %(via)s with you, now %(position)s at %(company)s "
                 "(%(tie)s tie)") % values
    return _("%(name)s — %(position)s at %(via)s (%(tie)s tie)") % values


def _targets(diagnosis: Diagnosis) -> tuple[TargetCard, ...]:
    cards = []
    for target in diagnosis.targets:
        openers = tuple(opener_line(o) for o in target.openers[:TARGET_OPENERS])
        more = max(0, len(target.openers) - TARGET_OPENERS)
        cards.append(TargetCard(target.target, target_note(target), openers, more))
    return tuple(cards)


# ---------------------------------------------------------------- tie strength


def _tie_rows(frame: pl.DataFrame) -> tuple[tuple[Cell, ...], ...]:
    has_url = "profile_url" in frame.columns
    rows = []
    for row in frame.iter_rows(named=True):
        cls = str(row["tie_class"] or "")
        # Key columns first: on a phone the name, class, score and company show before the
        # table has to scroll.
        rows.append((
            Cell(str(row["name"] or ""), href=_safe_href(row["profile_url"]) if has_url else ""),
            Cell(class_label(cls), tone=cls),
            Cell(fmt_num(row["score"], 2), numeric=True),
            Cell(str(row["company"] or "")),
            Cell(str(row["reasons"] or ""), long=True),
            Cell(str(row["position"] or "")),
            Cell(fmt_date(row["last_contact"])),
            _num_cell(row["messages_sent"]),
            _num_cell(row["messages_received"]),
        ))
    return tuple(rows)


def _tie_headers() -> tuple[str, ...]:
    return (_("Name"), _("Class"), _("Score"), _("Company"), _("Why"), _("Position"),
            _("Last contact"), _("Sent"), _("Received"))


def _ranked(ties: pl.DataFrame) -> pl.DataFrame:
    return ties.sort(["score", "contact_id"], descending=[True, False], nulls_last=True)


def _ties_section(analysis: AnalysisLike) -> Section:
    diagnosis = analysis.diagnosis
    composition = diagnosis.composition
    ties = analysis.ties
    total = composition.contacts
    classes = [(cls, class_label(cls), count) for cls, count in composition.classes]
    class_table = Table(
        "table-classes", _("Contacts per tie class"), (_("Class"), _("Contacts"), _("Share")),
        tuple((Cell(label, tone=cls), _num_cell(count),
               Cell(fmt_pct(count / total if total else None), numeric=True))
              for cls, label, count in classes),
    )
    class_fig = charts.class_chart(classes, x_title=_("Contacts")) if total else None
    class_chart = _chart(
        "chart-classes", _("Tie classes"),
        _("How many of your %(num)s contacts fall in each tie class.") % {"num": fmt_num(total)},
        class_fig, _("There are no contacts in this export, so there are no tie classes."),
        class_table,
    )

    layers = [(ngettext("Top %(num)d", "Top %(num)d", layer.size) % {"num": layer.size},
               layer.share_of_strength, layer.filled, layer.size)
              for layer in composition.layers]
    layer_table = Table(
        "table-layers", _("Dunbar layers"),
        (_("Layer"), _("Contacts in it"), _("Share of all tie strength")),
        tuple((Cell(label), _num_cell(filled), Cell(fmt_pct(share), numeric=True))
              for label, share, filled, _size in layers),
    )
    has_strength = not ties.is_empty() and float(ties["score"].fill_null(0).sum()) > 0
    layer_chart = _chart(
        "chart-layers", _("Where your tie strength sits"),
        _("The share of all tie strength held by your 5, 15, 50 and 150 strongest ties "
          "(Dunbar's layers)."),
        charts.layer_chart([(label, share) for label, share, _f, _s in layers],
                           x_title=_("Strongest ties"), y_title=_("Share of tie strength"))
        if has_strength and layers else None,
        _("No tie has any measured strength yet, so the layers cannot be drawn."),
        layer_table,
    )

    score_chart = _score_chart(ties)

    ranked = _ranked(ties.filter(pl.col("tie_class") != TieClass.LATENT))
    strongest = Table(
        "table-strongest", _("Your strongest ties"), _tie_headers(),
        _tie_rows(ranked.head(STRONGEST_ROWS)), shown=SHOWN_ROWS,
        empty=_("No contact shows any sign of interaction in this export."),
    )
    reconnect = Table(
        "table-reconnect", _("Dormant ties worth reviving"),
        (_("Name"), _("Quiet for"), _("Company"), _("Why"), _("Position"),
         _("Past strength")),
        tuple(
            (Cell(r.name),
             Cell(fmt_years(r.years_quiet) if r.years_quiet is not None else "–"),
             Cell(r.company), Cell("; ".join(r.reasons), long=True), Cell(r.position),
             Cell(fmt_num(r.past_peak, 2), numeric=True))
            for r in diagnosis.reconnect[:LIST_ROWS]
        ),
        note=_more(len(diagnosis.reconnect)), shown=SHOWN_ROWS,
        empty=_("No dormant tie stands out: either none went quiet, or the export holds too "
                "little history to tell."),
    )
    all_ties = _ranked(ties).head(ALL_TIES_ROWS)
    everyone = Table(
        "table-all-ties", _("All ties by score"), _tie_headers(), _tie_rows(all_ties),
        note=_("Showing the %(shown)s highest-scoring of %(total)s contacts; "
               "`netscan analyze --ties ties.csv` writes every row.")
        % {"shown": fmt_num(all_ties.height), "total": fmt_num(ties.height)}
        if ties.height > ALL_TIES_ROWS else "",
        collapsible=True,
        empty=_("No contacts."),
    )
    metrics = diagnosis.metrics
    stats = (
        Stat(_("Strong"), fmt_num(metrics.strong), _("the few you could ask for real help"),
             "good"),
        Stat(_("Medium"), fmt_num(metrics.medium), _("active, reciprocal")),
        Stat(_("Weak"), fmt_num(metrics.weak), _("some trace, little depth")),
        Stat(_("Latent"), fmt_num(metrics.latent), _("no evidence at all: unknown strength")),
        Stat(_("Top 5 hold"), fmt_pct(metrics.top5_strength_share), _("of all tie strength")),
    )
    return Section(
        "ties", _("Tie strength"),
        _("How strong each relationship looks from the export alone: who you talk with, both "
          "ways, recently. Latent means no evidence, not a weak tie."),
        stats, (class_chart, layer_chart, score_chart), (strongest, reconnect, everyone),
    )


def _score_chart(ties: pl.DataFrame) -> Chart:
    scored = ties.filter(pl.col("score").is_not_null() & (pl.col("tie_class") != "latent"))
    width = 1 / SCORE_BINS
    bins = [f"{fmt_num(i * width, 2)}–{fmt_num((i + 1) * width, 2)}" for i in range(SCORE_BINS)]
    centres = [round((i + 0.5) * width, 4) for i in range(SCORE_BINS)]
    series: list[tuple[str, str, list[int]]] = []
    if not scored.is_empty():
        binned = scored.select(
            pl.col("tie_class"),
            (pl.col("score") * SCORE_BINS).floor().cast(pl.Int64).clip(0, SCORE_BINS - 1)
            .alias("bin"),
        ).group_by("tie_class", "bin").len()
        for cls in TieClass:
            part = binned.filter(pl.col("tie_class") == cls)
            if part.is_empty():
                continue
            counts = [0] * SCORE_BINS
            for bin_index, count in part.select("bin", "len").iter_rows():
                counts[bin_index] = count
            series.append((cls, class_label(cls), counts))
    table = Table(
        "table-scores", _("Contacts per score band"),
        (_("Score"), *(label for _k, label, _c in series)),
        tuple((Cell(band), *(_num_cell(counts[i]) for _k, _l, counts in series))
              for i, band in enumerate(bins) if any(c[i] for _k, _l, c in series)),
    )
    return _chart(
        "chart-scores", _("Score distribution"),
        _("How tie scores (0 = no evidence, 1 = strongest) spread across contacts with any "
          "evidence, coloured by class."),
        charts.score_chart(centres, bins, series, x_title=_("Tie score"), y_title=_("Contacts"))
        if series else None,
        _("No contact has any evidence of interaction, so every score is unknown (latent) and "
          "there is no distribution to draw."),
        table,
    )


# ---------------------------------------------------------------- structure and diversity


def _category_label(category: str) -> str:
    """Display name of a taxonomy category: "hr" → "HR", "engineering" → "Engineering"."""
    label = category_label(category)
    return label[:1].upper() + label[1:]


def _rank(band: str) -> int:
    rank = seniority_rank(band)
    return len(SENIORITY_NAMES) if rank is None else rank


def _dimension_chart(entry: DimensionDiversity | None, chart_id: str, title: str) -> Chart:
    items: list[tuple[str, int]] = []
    rest = others = 0
    ordered = entry is not None and entry.dimension == "seniority"
    if entry is not None:
        if ordered:
            # Seniority has a natural order; a ladder reads better than a ranking.
            dist = sorted(entry.distribution, key=lambda c: _rank(c.category))
        else:
            dist = sorted(entry.distribution, key=lambda c: (-c.count, c.category))
        label = (lambda c: c) if entry.dimension == "employer" else _category_label
        items = [(label(c.category), c.count) for c in dist[:DISTRIBUTION_BARS]]
        rest = sum(c.count for c in dist[DISTRIBUTION_BARS:])
        others = len(dist) - DISTRIBUTION_BARS
    unknown = entry.unknown if entry is not None else 0
    summary = (
        _("%(title)s: how your contacts spread, from junior to executive.")
        if ordered
        else _("%(title)s: how your contacts spread, largest first.")
    ) % {"title": title}
    if entry is not None and rest:
        # Not a bar: one "all others" bar dwarfs the named ones into slivers.
        summary += " " + ngettext(
            "Not drawn: %(num)s more category with %(people)s contacts in all.",
            "Not drawn: %(num)s more categories with %(people)s contacts in all.",
            others,
        ) % {"num": fmt_num(others), "people": fmt_num(rest)}
    if entry is not None:
        summary += " " + _("Diversity (IQV, 0–1): %(iqv)s.") % {"iqv": fmt_num(entry.iqv, 2)}
    if unknown:
        summary += " " + _("%(num)s contacts could not be placed.") % {"num": fmt_num(unknown)}
    table = Table(
        f"table-{chart_id.removeprefix('chart-')}", title, (_("Category"), _("Contacts")),
        tuple((Cell(label), _num_cell(count)) for label, count in items),
    )
    return _chart(
        chart_id, title, summary,
        charts.distribution_chart(items, x_title=_("Contacts")) if items else None,
        _("No contact in the export names this, so the spread cannot be shown.")
        if entry is None or not items else "",
        table,
    )


def _network_chart(analysis: AnalysisLike) -> Chart:
    ties = analysis.ties.filter(pl.col("tie_class") != TieClass.LATENT)
    company = pl.col("company").fill_null("").str.strip_chars()
    grouped = (
        ties.with_columns(company.alias("_company"), company.str.to_lowercase().alias("_key"))
        .filter(pl.col("_key") != "")
        .group_by("_key")
        .agg(
            pl.col("_company").sort().first().alias("label"),
            pl.len().alias("size"),
            (pl.col("tie_class") == TieClass.STRONG).sum().alias("strong"),
            (pl.col("tie_class") == TieClass.MEDIUM).sum().alias("medium"),
            pl.col("name").filter(pl.col("tie_class") == TieClass.STRONG).sort().alias("names"),
        )
        .sort(["size", "strong", "_key"], descending=[True, True, False])
    )
    # Shared employer is the imputed alter–alter tie: people at one company likely know each
    # other. Single people are bridges; they are pooled so the picture stays readable.
    clusters_df = grouped.filter(pl.col("size") >= 2)
    nodes = [
        charts.ClusterNode(str(r["label"]), int(r["size"]), int(r["strong"]), int(r["medium"]),
                           tuple(str(n) for n in r["names"]))
        for r in clusters_df.head(NETWORK_CLUSTERS).iter_rows(named=True)
    ]
    rest = clusters_df.slice(NETWORK_CLUSTERS)
    singles = grouped.filter(pl.col("size") < 2)
    for label, part in (
        (_("Other groups"), rest),
        (_("Bridges (one person each)"), singles),
    ):
        if not part.is_empty():
            nodes.append(charts.ClusterNode(
                label, int(part["size"].sum()), int(part["strong"].sum()),
                int(part["medium"].sum()),
                tuple(sorted(str(n) for names in part["names"] for n in names))[:8],
            ))
    table = Table(
        "table-network", _("Clusters of your active ties"),
        (_("Cluster"), _("Contacts"), _("Strong"), _("Medium")),
        tuple((Cell(n.label), _num_cell(n.size), _num_cell(n.strong), _num_cell(n.medium))
              for n in nodes),
    )
    hover = _("{label}: {size} contacts, {strong} strong, {medium} medium")
    return _chart(
        "chart-network", _("Your network as clusters"),
        _("Your active ties grouped by shared employer (people at one organisation likely "
          "know each other), biggest first; the numbers are named below the picture. Rings "
          "mark strong ties; bubble size shows how many people are in a group."),
        charts.network_chart(nodes, owner=analysis.export.owner.name, hover=hover)
        if nodes else None,
        _("No active tie names an employer, so no clusters can be drawn; latent connections "
          "are left out because nothing shows how they relate to you."),
        table,
        tuple(ngettext("%(label)s: %(num)s person", "%(label)s: %(num)s people", n.size)
              % {"label": n.label, "num": fmt_num(n.size)} for n in nodes),
    )


def _structure_section(analysis: AnalysisLike) -> Section:
    diagnosis = analysis.diagnosis
    structure = diagnosis.structure
    diversity = diagnosis.diversity
    stats = (
        Stat(_("People reached"), fmt_num(round(structure.effective_size)),
             _("counting people who know each other once (see “effective size”)")),
        Stat(_("Organisations"), fmt_num(diagnosis.metrics.employers_reached),
             _("where the people you are in touch with work")),
        Stat(_("Groups"), fmt_num(structure.clusters),
             _("largest: %(num)s people") % {"num": fmt_num(structure.largest_cluster)}),
        Stat(_("Bridges"), fmt_num(len(structure.bridges)),
             _("your only link into their organisation")),
    )
    bridges = Table(
        "table-bridges", _("Bridges into other worlds"),
        (_("Name"), _("Company"), _("Class"), _("Going quiet"), _("Last contact"),
         _("Score")),
        tuple(
            (Cell(b.name), Cell(b.company), Cell(class_label(b.tie_class), tone=b.tie_class),
             Cell(_("yes") if b.at_risk else _("no")),
             Cell(fmt_date(date.fromisoformat(b.last_contact)) if b.last_contact else "–"),
             Cell(fmt_num(b.score, 2), numeric=True))
            for b in structure.bridges[:LIST_ROWS]
        ),
        note=_more(len(structure.bridges)), shown=SHOWN_ROWS,
        empty=_("No contact stands alone in a cluster of their own."),
    )
    return Section(
        "structure", _("Structure and diversity"),
        _("Instrumental goals need weak ties into many different worlds; expressive goals need "
          "a dense core. Alter–alter ties are not in the export, so clusters are imputed from "
          "shared employers."),
        stats,
        (
            _network_chart(analysis),
            _dimension_chart(diversity.get("employer"), "chart-employers", _("Employers")),
            _dimension_chart(diversity.get("function"), "chart-functions", _("Functions")),
            _dimension_chart(diversity.get("seniority"), "chart-seniority", _("Seniority")),
        ),
        (bridges,),
    )


# ---------------------------------------------------------------- reciprocity


def _files_present(export: Export) -> set[str]:
    return {
        f.name.rsplit("/", 1)[-1].lower()
        for source in export.inputs for f in source.files if f.status != "not-used"
    }


def _reciprocity_section(analysis: AnalysisLike) -> Section:
    rec = analysis.diagnosis.reciprocity
    present = _files_present(analysis.export)
    kinds = (
        (_("Endorsements"), rec.endorsements_given, rec.endorsements_received,
         ("endorsement_given_info.csv", "endorsement_received_info.csv")),
        (_("Recommendations"), rec.recommendations_given, rec.recommendations_received,
         ("recommendations_given.csv", "recommendations_received.csv")),
        (_("Invitations"), rec.invitations_sent, rec.invitations_received,
         ("invitations.csv",)),
        (_("Conversations started"), rec.conversations - rec.conversations_started_by_others,
         rec.conversations_started_by_others, ("messages.csv",)),
    )
    rows: list[tuple[str, int, int]] = []
    missing: list[str] = []
    for label, given, received, files in kinds:
        lacking = [name for name in files if name not in present]
        if lacking:
            missing.append(_("%(kind)s: %(files)s not in the export") % {
                "kind": label, "files": ", ".join(lacking)})
        else:
            rows.append((label, given, received))
    table = Table(
        "table-reciprocity", _("Given and received"),
        (_("Kind"), _("You gave / started"), _("You received")),
        tuple((Cell(label), _num_cell(g), _num_cell(r)) for label, g, r in rows),
    )
    chart = _chart(
        "chart-reciprocity", _("Being known and giving value"),
        _("What you give (endorsements, recommendations, first messages) next to what comes "
          "back to you."),
        charts.reciprocity_chart(rows, given=_("You gave / started"), received=_("You received"),
                                 x_title=_("Count"))
        if rows and any(g or r for _l, g, r in rows) else None,
        _("The export holds none of the files that show giving and receiving (endorsements, "
          "recommendations, invitations, messages), so reciprocity cannot be measured; this "
          "is missing data, not zero.") if not rows else
        _("The files are there but record nothing given or received."),
        table,
    )
    stats = (
        Stat(_("Invitations from others"), fmt_pct(rec.invitations_received_share),
             _("of connections others asked for")),
        Stat(_("Started by others"), fmt_pct(rec.started_by_others_share),
             _("of conversations")),
        Stat(_("Reply rate"), fmt_pct(rec.reply_share), _("of threads others opened")),
        Stat(_("Introductions"), fmt_num(rec.introductions),
             _("group messages connecting people")),
    )
    notes = tuple(missing)
    if notes:
        notes = (_("A dash means the export does not hold the data, not that the count is "
                   "zero."), *notes)
    return Section(
        "reciprocity", _("Reciprocity: being known and giving"),
        _("It matters less how many people you know than whether you are known — people come "
          "to you, reply, vouch for you — and what value you give."),
        stats, (chart,), (), notes,
    )


# ---------------------------------------------------------------- growth and activity


def _quarter_label(key: str) -> str:
    """'2025 Q3' as the reader writes a quarter: unchanged in English, 'K3 2025' in Dutch."""
    year, _sep, quarter = key.partition(" Q")
    return _("%(year)s Q%(quarter)s") % {"year": year, "quarter": quarter}


def _growth_section(analysis: AnalysisLike) -> Section:
    activity = analysis.diagnosis.activity
    has_messages = "messages.csv" in _files_present(analysis.export)
    months = [(m.month, m.sent, m.received) for m in activity.months]
    per_quarter = charts.quarters(months)
    month_table = Table(
        "table-activity", _("Messages per quarter"), (_("Quarter"), _("Sent"), _("Received")),
        tuple((Cell(_quarter_label(q)), _num_cell(s), _num_cell(r)) for q, s, r in per_quarter),
        collapsible=len(per_quarter) > 24,
    )
    if not has_messages:
        why = _("The export has no messages file (messages.csv), so messaging activity cannot "
                "be shown. That is missing data, not a quiet network.")
    else:
        why = _("The messages file holds no message to or from a contact.")
    activity_chart = _chart(
        "chart-activity", _("Messages over time"),
        _("Messages you sent and received each quarter."),
        charts.activity_chart(months, sent=_("Sent"), received=_("Received"),
                              y_title=_("Messages"))
        if months else None,
        why, month_table,
    )
    years = [(y.year, y.connections) for y in activity.years]
    year_table = Table(
        "table-growth", _("New connections per year"), (_("Year"), _("New connections")),
        tuple((Cell(str(y)), _num_cell(c)) for y, c in years),
    )
    growth_chart = _chart(
        "chart-growth", _("Network growth"), _("New connections made each calendar year."),
        charts.growth_chart(years, y_title=_("New connections")) if years else None,
        _("No connection in the export carries a date, so growth over time cannot be shown."),
        year_table,
    )
    stats = (
        Stat(_("New connections a year"), fmt_num(activity.connections_per_year, 1)),
        Stat(_("Messages sent a month"), fmt_num(activity.messages_per_month_sent, 1)
             if has_messages else "–"),
        Stat(_("Messages received a month"), fmt_num(activity.messages_per_month_received, 1)
             if has_messages else "–"),
        Stat(_("Active months, last year"), fmt_num(activity.active_months_last_year)
             if has_messages else "–", _("of 12")),
    )
    return Section(
        "growth", _("Growth and activity"),
        _("How your network grew and how actively you keep it up."),
        stats, (activity_chart, growth_chart), (),
    )


# ---------------------------------------------------------------- method and data quality


def _skip_labels() -> dict[str, str]:
    """Why a rating row was not used, in words (netscan.ingest.ratings' reasons)."""
    return {
        "blank": _("left blank"),
        "unparseable": _("not a rating from 1 to 5"),
        "unmatched": _("no such contact in the export"),
        "ambiguous": _("a name several contacts share"),
        "duplicate": _("rated twice"),
    }


def _calibration_parts(
    sheet: RatingSheet | None, calibration: Calibration | None
) -> tuple[tuple[Table, ...], tuple[str, ...]]:
    """The `--ratings` table and notes: agreement before and after, and what was not used.
    Only counts and agreement figures: no rated name and no rating appears."""
    if sheet is None or calibration is None:
        return (), ()

    def cells(label: str, agreement: object) -> tuple[Cell, ...]:
        spearman = getattr(agreement, "spearman", None)
        accuracy = getattr(agreement, "strong_accuracy", None)
        return (
            Cell(label),
            Cell(fmt_num(spearman, 2) if spearman is not None else "–", numeric=True),
            Cell(fmt_pct(accuracy), numeric=True),
        )

    rows = [cells(_("Default weights"), calibration.default)]
    if calibration.calibrated is not None:
        rows.append(cells(_("Fitted to your ratings (held out)"), calibration.calibrated))
    table = Table(
        "table-calibration", _("Agreement with your own ratings"),
        (_("Model"), _("Rank correlation (Spearman)"), _("Strong-vs-rest accuracy")),
        tuple(rows),
    )
    outcome = {
        "fitted": _("The tie weights were fitted to %(n)s of your ratings, pulled toward the "
                    "defaults; the fitted model's agreement is measured leave-one-out, each "
                    "rating predicted by weights fitted on the others.")
        % {"n": fmt_num(calibration.usable)},
        "too-few": _("Only %(n)s of your ratings could be used; 10 are needed to fit, so the "
                     "default weights were kept.") % {"n": fmt_num(calibration.usable)},
        "no-order": _("Every usable rating was the same, so there was no order to fit; the "
                      "default weights were kept."),
        "no-fit": _("Your ratings follow none of the evidence netscan sees in the export; the "
                    "default weights were kept."),
    }[calibration.outcome]
    skipped = ", ".join(
        f"{_skip_labels().get(reason, reason)}: {fmt_num(count)}"
        for reason, count in sheet.skipped.items()
    )
    used = ngettext(
        "%(num)d row in the rating sheet, %(used)s matched to a contact and used",
        "%(num)d rows in the rating sheet, %(used)s matched to a contact and used",
        sheet.rows,
    ) % {"num": sheet.rows, "used": fmt_num(calibration.usable)}
    notes = (outcome, f"{used}; {_('not used')}: {skipped}." if skipped else f"{used}.")
    return (table,), notes


# The skip reasons in words; the keys (docs/summary.md) stay in the JSON summary.
_SKIP_LABELS = {
    "blank-hidden-member": N_("hidden member (no name)"),
    "sponsored": N_("sponsored message"),
    "linkedin-member": N_("LinkedIn itself"),
    "draft": N_("unsent draft"),
    "spam": N_("spam"),
    "unparseable-date": N_("unreadable date"),
    "implausible-date": N_("implausible date"),
    "duplicate": N_("duplicate"),
    "no-counterpart": N_("nobody on the other side"),
    "redacted": N_("redacted by LinkedIn"),
    "not-a-person": N_("not a person"),
}


def _skip_label(reason: str) -> str:
    label = _SKIP_LABELS.get(reason)
    return gettext(label) if label is not None else reason


def _method_section(analysis: AnalysisLike) -> Section:
    export = analysis.export
    file_rows: list[tuple[Cell, ...]] = []
    unused: list[tuple[Cell, ...]] = []
    for source in export.inputs:
        for f in sorted(source.files, key=lambda f: (f.name.casefold(), f.name)):
            skipped = ", ".join(f"{_skip_label(reason)}: {fmt_num(count)}"
                                for reason, count in sorted(f.skipped.items()))
            if f.status == "not-used":
                unused.append((Cell(f.name), Cell(source.path.rsplit("/", 1)[-1]),
                               _num_cell(f.rows)))
                continue
            file_rows.append((
                Cell(f.name), Cell(f"{source.format} · {f.variant}" if f.variant
                                   else source.format),
                _num_cell(f.rows), _num_cell(f.used), Cell(skipped or "–"),
                Cell(f"{fmt_date(f.date_range[0])} – {fmt_date(f.date_range[1])}"
                     if f.date_range else "–"),
            ))
    files = Table(
        "table-files", _("Files read"),
        (_("File"), _("Format"), _("Rows"), _("Used"), _("Skipped, by reason"),
         _("Dates")),
        tuple(file_rows), collapsible=len(file_rows) > 12,
        empty=_("No file was read."),
    )
    not_used = Table(
        "table-unused", _("Files present but not used"), (_("File"), _("Input"), _("Rows")),
        tuple(unused), collapsible=len(unused) > 12,
        empty=_("Every file in the export was read."),
    )
    rates = export.match_rates
    match = Table(
        "table-matching", _("How interactions were matched to people"),
        (_("Matched by"), _("Interactions"), _("Share")),
        tuple(
            (Cell(label), _num_cell(count),
             Cell(fmt_pct(count / rates.total if rates.total else None), numeric=True))
            for label, count in (
                (_("Profile URL"), rates.by_url), (_("E-mail"), rates.by_email),
                (_("Name"), rates.by_name), (_("Not matched"), rates.unmatched),
            )
        ),
    )
    confidence = (
        analysis.ties.group_by("confidence").len().sort("confidence")
        if not analysis.ties.is_empty() else None
    )
    conf_counts = (dict(confidence.iter_rows()) if confidence is not None else {})
    stats = (
        Stat(_("As of"), fmt_date(analysis.as_of), _("“today” for every recency measure")),
        Stat(_("Oldest record"), fmt_date(export.oldest),
             _("newest: %(date)s") % {"date": fmt_date(export.newest)}),
        Stat(_("High confidence"), fmt_num(int(conf_counts.get("high", 0))),
             _("two-way messages or a recommendation")),
        Stat(_("Low confidence"), fmt_num(int(conf_counts.get("low", 0))),
             _("connection only")),
    )
    notes = (
        *analysis.diagnosis.assumptions,
        *(_("Warning: %(text)s") % {"text": w} for w in export.warnings),
        _("Message text is read only to measure its length; it appears nowhere in this "
          "report."),
    )
    if analysis.anonymized:
        notes = (*notes, _("Anonymised: people and organisations are replaced by pseudonyms "
                           "that are stable within this report, job titles by their function "
                           "and seniority, and file names by numbers."))
    calibration_tables, calibration_notes = _calibration_parts(
        analysis.ratings, analysis.calibration
    )
    return Section(
        "method", _("Method and data quality"),
        _("What was read, what was skipped and why, and what netscan had to assume."),
        stats, (), (files, not_used, match, *calibration_tables),
        (*calibration_notes, *notes), _glossary(),
    )


def _glossary() -> tuple[tuple[str, str], ...]:
    """The terms that must appear (in the "How this was computed" tables), in plain words."""
    return (
        (_("Fit"), _("How well the network serves a goal, from 0 to 100%. Each measure scores 0 "
                     "at its worst value, 0.7 at its reference and 1 at its best; the fit is "
                     "their weighted geometric mean, so a goal needs every ingredient. 70% or "
                     "more fits, 40–70% partly fits.")),
        (_("Reference"), _("A value from research or a stated design choice (for example "
                           "Dunbar's 5 close and 150 active relationships) that makes a network "
                           "good, not perfect, for a measure.")),
        (_("Weight"), _("How much one measure counts in a goal's fit; a goal's weights add up to "
                        "100%.")),
        (_("Strong, medium, weak, dormant, latent"), _("Tie classes: close and recent; active "
                                                       "both ways; some trace of contact; a real "
                                                       "relationship gone quiet for years; no "
                                                       "evidence at all.")),
        (_("Acquaintances (moderately weak ties)"), _("Medium and weak ties: not close, not "
                                                      "strangers. Research on LinkedIn finds "
                                                      "they pass on the most job leads.")),
        (_("Closure (strong-tie density)"), _("The share of pairs among your close and active "
                                              "contacts who probably know each other, guessed "
                                              "from shared employers and group messages.")),
        (_("E-I index"), _("From −1 (all your ties inside your own employer) to +1 (all "
                           "outside), weighted by tie strength.")),
        (_("Diversity (IQV)"), _("How evenly your contacts spread over organisations, kinds of "
                                 "work or levels: 0 all in one, 1 perfectly even.")),
        (_("Effective size"), _("The number of contacts counted as if people who know each "
                                "other were one: how many separate people you really reach.")),
        (_("Efficiency"), _("Effective size divided by the number of contacts: the share that "
                            "brings something the others do not.")),
        (_("Constraint"), _("How much your network hangs on a few people who all know each "
                            "other; lower means more open.")),
        (_("Bridge"), _("A contact who is your only link into their organisation; bridges fade "
                        "fast without contact.")),
        (_("Reach factor"), _("A diversity measure is scaled down when too few people stand "
                              "behind it: eight people in eight organisations is still a small "
                              "network.")),
    )


def address_book_only(analysis: AnalysisLike) -> bool:
    """True when the export holds no interaction at all (an address book or a bare
    Connections.csv): nothing shows how strong a tie is, so no goal can be judged."""
    composition = analysis.diagnosis.composition
    all_latent = composition.count(TieClass.LATENT) == composition.contacts
    return analysis.export.events.is_empty() and all_latent


def _address_book_notice(analysis: AnalysisLike) -> str:
    people = analysis.diagnosis.composition.contacts
    return ngettext(
        "This is a contact list: it names %(num)s person but holds no messages, invitations, "
        "endorsements or recommendations, so netscan cannot tell how strong any relationship "
        "is or judge a goal. It shows what the list can tell: where people work, what they do, "
        "and which source each came from. Add the LinkedIn archive (“Download your data”) for "
        "the full report.",
        "This is a contact list: it names %(num)s people but holds no messages, invitations, "
        "endorsements or recommendations, so netscan cannot tell how strong any relationship "
        "is or judge a goal. It shows what the list can tell: where people work, what they do, "
        "and which source each came from. Add the LinkedIn archive (“Download your data”) for "
        "the full report.",
        people,
    ) % {"num": fmt_num(people)}


def _sources_table(analysis: AnalysisLike) -> Table:
    """How many people each input named, and how many appear in more than one (the overlap)."""
    contacts = analysis.export.contacts
    counts: dict[str, int] = {}
    overlap = 0
    if "sources" in contacts.columns:
        for sources in contacts.get_column("sources").to_list():
            names = sorted(set(sources or ()))
            for name in names:
                counts[name] = counts.get(name, 0) + 1
            overlap += len(names) > 1
    rows = [(Cell(name), _num_cell(count)) for name, count in sorted(counts.items())]
    if len(counts) > 1:
        rows.append((Cell(_("In more than one source (merged)")), _num_cell(overlap)))
    return Table("table-sources", _("Where your contacts come from"),
                 (_("Source"), _("People")), tuple(rows),
                 empty=_("No source named any person."))


def build_sections(analysis: AnalysisLike) -> ReportContext:
    """The whole ReportContext for `analysis`, section by section."""
    diagnosis = analysis.diagnosis
    contact_list = address_book_only(analysis)
    goals = () if contact_list else tuple(_goal_card(goal) for goal in diagnosis.goals)
    goals_intro = (
        _("A contact list alone cannot show how strong a relationship is, so no goal is "
          "judged here.")
        if contact_list
        else _("The goals you asked about, in the order you gave them.")
        if analysis.goals_requested
        else _("No goal was given, so every goal in the catalogue is ranked by how well your "
               "network fits it: what is this network good for?")
    )
    header = _header(analysis, goals)
    if contact_list:
        header = replace(header, decision=None, notice=_address_book_notice(analysis),
                         headline=_("A contact list: no interactions to judge."),
                         tone="neutral")
    structure = _structure_section(analysis)
    if contact_list:
        structure = replace(structure, tables=(_sources_table(analysis), *structure.tables))
    return ReportContext(
        lang=active_locale(),
        header=header,
        goals_intro=goals_intro,
        goals=goals,
        targets=_targets(diagnosis),
        ties=_ties_section(analysis),
        structure=structure,
        reciprocity=_reciprocity_section(analysis),
        growth=_growth_section(analysis),
        method=_method_section(analysis),
        version=__version__,
        goals_shown=len(goals) if analysis.goals_requested else min(len(goals), GOALS_OPEN),
    )
