"""Result types of a comparison of two exports: frozen dataclasses of plain values.

The compare report and the compare JSON read these and nothing else; every sequence is a tuple
in an explicit order, so the same two exports always give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Side:
    """One of the two exports: where it came from, its date and its headline counts."""

    paths: tuple[str, ...]
    as_of: date
    contacts: int
    classes: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class PersonChange:
    """One person as seen in OLD (``*_before``) and NEW (``*_after``).

    A side where the person is not a connection has ``tie_class_* = None`` and no score.
    `matched_by` says how the two were found to be one person (``url``, ``email``, ``name``)
    and is empty for a person on one side only.
    """

    contact_id: str
    name: str
    profile_url: str | None
    matched_by: str
    company_before: str
    company_after: str
    position_before: str
    position_after: str
    function_before: str
    function_after: str
    tie_class_before: str | None
    tie_class_after: str | None
    score_before: float | None
    score_after: float | None
    last_contact_before: date | None
    last_contact_after: date | None

    @property
    def score_change(self) -> float | None:
        """NEW score minus OLD score, or None when the person is on one side only."""
        if self.score_before is None or self.score_after is None:
            return None
        return self.score_after - self.score_before


@dataclass(frozen=True, slots=True)
class Transition:
    """The people whose tie class went from `before` to `after` (None: not a connection)."""

    before: str | None
    after: str | None
    people: tuple[PersonChange, ...]


@dataclass(frozen=True, slots=True)
class CategoryShift:
    """Connections gained and lost in one category of a dimension (class, organisation,
    function), with the net change."""

    category: str
    gained: int
    lost: int

    @property
    def net(self) -> int:
        """Gained minus lost."""
        return self.gained - self.lost


@dataclass(frozen=True, slots=True)
class MetricChange:
    """One network measure before and after; None where an export cannot give it."""

    metric: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        """After minus before, or None when either is missing."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class TermMove:
    """One term of a goal's rule: its metric's value and its contribution to the fit on each
    side (its weighted log-score, scaled so the terms' changes add up to the fit's change; see
    `netscan.compare.change._terms`)."""

    metric: str
    label: str
    value_before: float | None
    value_after: float | None
    contribution_before: float
    contribution_after: float

    @property
    def change(self) -> float:
        """How much this term moved the fit."""
        return self.contribution_after - self.contribution_before


@dataclass(frozen=True, slots=True)
class GoalChange:
    """A goal's fit before and after, and the measured reason it moved: `terms` sorted by how
    far each moved the fit (largest first); `reason` is a sentence about the first."""

    id: str
    kind: str
    label_en: str
    label_nl: str
    fit_before: float
    fit_after: float
    verdict_before: str
    verdict_after: str
    reason: str
    terms: tuple[TermMove, ...]

    @property
    def change(self) -> float:
        """Fit after minus fit before."""
        return self.fit_after - self.fit_before


@dataclass(frozen=True, slots=True)
class Comparison:
    """What changed between two exports of one person.

    `old` is the earlier export (after any swap: `swapped` says OLD and NEW were given the other
    way round). `cooling` and `warming` hold people whose score moved by at least
    `margin`; cooling is sorted strongest-before first, warming strongest-after first.
    """

    owner: str
    old: Side
    new: Side
    swapped: bool
    anonymized: bool
    margin: float
    gained: tuple[PersonChange, ...]
    lost: tuple[PersonChange, ...]
    cooling: tuple[PersonChange, ...]
    warming: tuple[PersonChange, ...]
    moved: tuple[PersonChange, ...]
    retitled: tuple[PersonChange, ...]
    transitions: tuple[Transition, ...]
    by_class: tuple[CategoryShift, ...]
    by_organisation: tuple[CategoryShift, ...]
    by_function: tuple[CategoryShift, ...]
    metrics: tuple[MetricChange, ...]
    goals: tuple[GoalChange, ...]
    targets: tuple[str, ...]
    actions: tuple[str, ...]
    stayed: int
    warnings: tuple[str, ...]
    lang: str = "en"  # the language every sentence in it (reasons, actions) is written in
