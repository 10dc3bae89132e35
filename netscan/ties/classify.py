"""The five tie classes (SPEC §5), by rules evaluated in order (SCIENCE.md §8.5).

Thresholds and horizons come from `TieConfig`; the defaults are shown.

1. strong  — S ≥ 0.55 and (two-way contact within 12 months or a recommendation within 36).
2. medium  — (S ≥ 0.30 and some trace within 36 months) or two-way contact within 36 months.
3. dormant — a past bond (two-way contact, a recommendation, or overlapping time at an employer
             the owner no longer shares) with neither two-way contact nor a recommendation for
             ≥ 36 months (Levin et al. 2011): a one-way trace does not end dormancy.
4. weak    — some trace (message, endorsement, invitation note, shared employer) within 36 months.
5. dormant — any past relationship (two-way contact, a recommendation or overlapping tenure)
             with no trace at all for ≥ 36 months.
6. weak    — any older evidence that is not a past relationship (an unanswered message years ago,
             an old endorsement, a shared employer without overlap) [design choice].
7. latent  — no evidence at all: unknown strength, never guessed. The connection date alone is
             not evidence, whatever its age.

The "S ≥ 0.30" arm of medium needs a trace within 36 months so that duration, context and an
old recommendation cannot keep a long-silent tie out of `dormant` [design choice].
"""

from __future__ import annotations

from datetime import date

import polars as pl

from netscan.model import TieClass
from netscan.ties.config import TieConfig
from netscan.ties.features import DAYS_PER_MONTH, any_evidence_expr, days_before, recommended_expr


def _within(as_of: date, column: str, months: float) -> pl.Expr:
    """True where `column` is a date no more than `months` before `as_of` (False for null)."""
    return (days_before(as_of, column) <= months * DAYS_PER_MONTH).fill_null(False)


def tie_class_expr(*, as_of: date, config: TieConfig) -> pl.Expr:
    """The `tie_class` of each scored row."""
    score = pl.col("score")
    recommended = recommended_expr()
    past_relationship = pl.col("two_way") | recommended | pl.col("tenure_overlap")
    # A colleague you still work with has not "gone quiet" in the Levin sense.
    past_bond = (
        pl.col("two_way")
        | recommended
        | (pl.col("tenure_overlap") & ~pl.col("current_colleague").fill_null(False))
    )
    return (
        pl.when(
            (score >= config.strong_threshold)
            & (
                _within(as_of, "last_two_way", config.strong_two_way_months)
                | _within(as_of, "last_recommendation", config.strong_recommendation_months)
            )
        )
        .then(pl.lit(TieClass.STRONG.value))
        .when(
            (
                (score >= config.medium_threshold)
                & _within(as_of, "last_trace", config.weak_trace_months)
            )
            | _within(as_of, "last_two_way", config.medium_two_way_months)
        )
        .then(pl.lit(TieClass.MEDIUM.value))
        # Dormancy is about two-way contact (Levin et al. 2011): a one-way birthday note or an
        # endorsement does not revive a former close tie, so it stays on the reconnect list.
        .when(
            past_bond
            & ~_within(as_of, "last_two_way", config.dormant_months)
            & ~_within(as_of, "last_recommendation", config.dormant_months)
        )
        .then(pl.lit(TieClass.DORMANT.value))
        .when(_within(as_of, "last_trace", config.weak_trace_months))
        .then(pl.lit(TieClass.WEAK.value))
        .when(past_relationship & ~_within(as_of, "last_trace", config.dormant_months))
        .then(pl.lit(TieClass.DORMANT.value))
        .when(any_evidence_expr())
        .then(pl.lit(TieClass.WEAK.value))
        .otherwise(pl.lit(TieClass.LATENT.value))
        .alias("tie_class")
    )


def classify_ties(scored: pl.DataFrame, *, as_of: date, config: TieConfig) -> pl.DataFrame:
    """Add `tie_class` to a frame from `score_ties`."""
    return scored.with_columns(tie_class_expr(as_of=as_of, config=config))
