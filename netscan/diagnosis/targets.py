"""Target organisations: who can open the door, strongest tie first, matched strictly.

A target matches a contact's company exactly first; only when nobody matches exactly is the
normalised name compared (casefold, punctuation, legal suffixes; see `company_key`).
There is no fuzzy matching: a wrong door is worse than an honest "nobody there".
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from netscan.companies import company_key
from netscan.diagnosis.types import DoorOpener, TargetResult

CLASS_ORDER = {"strong": 0, "medium": 1, "weak": 2, "dormant": 3, "latent": 4}
# A dormant tie's door is worth its past strength, discounted for the years of silence: a former
# close colleague outranks a recent acquaintance, not a current close tie (Levin et al. 2011;
# the factor is a [design choice]).
DORMANT_ACCESS = 0.6


def _opener(row: dict[str, object]) -> DoorOpener:
    score = float(row["score"] or 0.0)  # type: ignore[arg-type]
    peak = float(row["past_peak"] or 0.0)  # type: ignore[arg-type]
    tie_class = str(row["tie_class"])
    access = max(score, DORMANT_ACCESS * peak) if tie_class == "dormant" else score
    return DoorOpener(
        contact_id=str(row["contact_id"]),
        name=str(row["name"] or ""),
        company=str(row["company"] or ""),
        position=str(row["position"] or ""),
        tie_class=tie_class,
        score=score,
        past_peak=peak,
        access=access,
    )


def find_target(ties: pl.DataFrame, target: str) -> TargetResult:
    """The contacts at `target`, strongest first, and how the company name matched."""
    frame = ties.select(
        "contact_id", "name", "company", "position", "tie_class", "score", "past_peak"
    )
    exact = frame.filter(pl.col("company") == target.strip())
    kind = "exact"
    if exact.height == 0:
        key = company_key(target)
        companies = frame.get_column("company").to_list()
        mask = [bool(key) and company_key(c) == key for c in companies]
        exact = frame.filter(pl.Series(mask, dtype=pl.Boolean))
        kind = "normalised" if exact.height else "none"
    openers = sorted(
        (_opener(row) for row in exact.iter_rows(named=True)),
        key=lambda o: (-o.access, CLASS_ORDER.get(o.tie_class, 9), o.name, o.contact_id),
    )
    return TargetResult(
        target=target,
        match_kind=kind,
        companies=tuple(sorted({o.company for o in openers})),
        openers=tuple(openers),
    )


def find_targets(ties: pl.DataFrame, targets: Sequence[str]) -> tuple[TargetResult, ...]:
    """One `TargetResult` per target, in the order asked."""
    return tuple(find_target(ties, t) for t in targets)
