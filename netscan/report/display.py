"""The display types templates receive: frozen dataclasses of strings, numbers and charts.

No polars object reaches a template. Every string here is plain text that the template escapes;
the only trusted markup is `Chart.fragment`, produced by plotly from data it JSON-escapes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell: text, an optional plain navigation link, an optional tone for colour."""

    text: str
    href: str = ""
    tone: str = ""
    numeric: bool = False
    long: bool = False  # running text (a "why"): given room so a row does not grow tall


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a caption; long ones are collapsible and searchable in the page."""

    id: str
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""
    collapsible: bool = False
    empty: str = ""
    shown: int = 0  # > 0: only the first `shown` rows show; the rest behind "show all"

    @property
    def head(self) -> tuple[tuple[Cell, ...], ...]:
        """The rows always shown."""
        return self.rows[: self.shown] if self.shown else self.rows

    @property
    def rest(self) -> tuple[tuple[Cell, ...], ...]:
        """The rows behind the "show all" expander."""
        return self.rows[self.shown :] if self.shown else ()


@dataclass(frozen=True, slots=True)
class Chart:
    """A plotly chart with its text alternative, or the sentence saying why there is none.

    `fragment` is empty exactly when `missing` is set. `summary` is the chart's aria-label and
    visible description; `table` holds the same numbers for screen readers and print.
    """

    id: str
    title: str
    summary: str
    fragment: str
    missing: str
    table: Table | None
    trace_types: tuple[str, ...] = ()
    legend: tuple[str, ...] = ()  # numbered names under a chart that marks points by number


@dataclass(frozen=True, slots=True)
class Stat:
    """A headline number on a card: label, formatted value, a short note and a tone."""

    label: str
    value: str
    note: str = ""
    tone: str = "neutral"


@dataclass(frozen=True, slots=True)
class GoalCard:
    """One goal's verdict: fit, why (evidence) and what to do next (actions naming contacts)."""

    id: str
    label: str
    label_nl: str
    kind: str
    fit: str
    fit_percent: int
    verdict: str
    tone: str
    evidence: tuple[str, ...]
    actions: tuple[str, ...]
    summary: str = ""
    computation: Table | None = None


@dataclass(frozen=True, slots=True)
class Pick:
    """One person to contact this week, with one reason and the goal card it comes from."""

    name: str
    company: str
    reason: str
    goal_id: str
    goal: str


@dataclass(frozen=True, slots=True)
class Decision:
    """The first screen: what the network is strong and weak for, and whom to contact."""

    strong_for: str
    weak_for: str
    picks: tuple[Pick, ...]
    note: str = ""


@dataclass(frozen=True, slots=True)
class TargetCard:
    """Who can open the door to one target organisation, strongest first."""

    target: str
    note: str
    openers: tuple[str, ...]
    more: int = 0


@dataclass(frozen=True, slots=True)
class Section:
    """One report section after the verdicts: intro, headline numbers, charts, tables, notes."""

    id: str
    title: str
    intro: str
    stats: tuple[Stat, ...]
    charts: tuple[Chart, ...]
    tables: tuple[Table, ...]
    notes: tuple[str, ...] = ()
    glossary: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Header:
    """The page header: who, as of when, and the one-line verdict."""

    title: str
    owner: str
    as_of: str
    headline: str
    tone: str
    stats: tuple[Stat, ...]
    anonymized: bool
    decision: Decision | None = None
    notice: str = ""  # said first when the export cannot support the usual report


@dataclass(frozen=True, slots=True)
class ReportContext:
    """Everything a report template renders, in SPEC §4's section order."""

    lang: str
    header: Header
    goals_intro: str
    goals: tuple[GoalCard, ...]
    targets: tuple[TargetCard, ...]
    ties: Section
    structure: Section
    reciprocity: Section
    growth: Section
    method: Section
    version: str
    goals_shown: int = 0

    @property
    def sections(self) -> tuple[Section, ...]:
        """The sections after the verdicts, in order."""
        return (self.ties, self.structure, self.reciprocity, self.growth, self.method)

    @property
    def trace_types(self) -> frozenset[str]:
        """Every plotly trace type the page draws (picks the plotly.js bundle it needs)."""
        return frozenset(
            kind for section in self.sections for chart in section.charts
            for kind in chart.trace_types
        )
