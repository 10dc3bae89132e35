"""Diversity and homophily of the alters on one dimension: Blau, IQV, entropy, E-I (SCIENCE §6).

All indices take weights (tie strength), so "whom do I actually reach?" is answered rather than
"whom did I once click on?". Unknown categories are counted but left out of the indices.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import polars as pl

from netscan.diagnosis.taxonomy import UNKNOWN
from netscan.diagnosis.types import CategoryCount, DimensionDiversity


def _shares(weights: Sequence[float]) -> list[float]:
    total = sum(weights)
    return [w / total for w in weights if w > 0] if total > 0 else []


def blau(weights: Sequence[float]) -> float:
    """Blau's index 1 − Σ p_k² over category weights (0 when there is nothing to compare)."""
    shares = _shares(weights)
    return 1.0 - sum(p * p for p in shares) if shares else 0.0


def iqv(weights: Sequence[float], k: int) -> float:
    """Agresti's IQV: Blau × K/(K−1), in [0, 1]; 0 when K < 2."""
    if k < 2:
        return 0.0
    return min(1.0, blau(weights) * k / (k - 1))


def normalised_entropy(weights: Sequence[float], k: int) -> float:
    """Shannon entropy −Σ p ln p divided by ln K, in [0, 1]; 0 when K < 2."""
    if k < 2:
        return 0.0
    h = -sum(p * math.log(p) for p in _shares(weights))
    return min(1.0, max(0.0, h / math.log(k)))


def ei_index(external: float, internal: float) -> float | None:
    """Krackhardt & Stern's (E − I)/(E + I), −1 all inside … +1 all outside; None if empty."""
    total = external + internal
    return None if total <= 0 else (external - internal) / total


def dimension_diversity(
    dimension: str,
    categories: Sequence[str],
    weights: Sequence[float],
    *,
    owner_category: str | None,
    categories_possible: int | None = None,
    weighted: bool = True,
) -> DimensionDiversity:
    """Diversity of one dimension from each alter's category and weight.

    `categories_possible` fixes K for a fixed taxonomy (functions, seniority bands); without it
    K is the number of categories observed (employers, which have no closed list).
    """
    counts: dict[str, int] = {}
    sums: dict[str, float] = {}
    unknown = 0
    for category, weight in zip(categories, weights, strict=True):
        if not category or category == UNKNOWN:
            unknown += 1
            continue
        counts[category] = counts.get(category, 0) + 1
        sums[category] = sums.get(category, 0.0) + weight
    return _indices(
        dimension, counts, sums, unknown, owner_category, categories_possible, weighted
    )


def dimension_diversity_frame(
    dimension: str,
    alters: pl.DataFrame,
    *,
    owner_category: str | None,
    categories_possible: int | None = None,
    weighted: bool = True,
) -> DimensionDiversity:
    """`dimension_diversity` over a (category, weight) frame, one row per alter in order."""
    category = pl.col("category")
    known = category.is_not_null() & (category != "") & (category != UNKNOWN)
    per = (
        alters.filter(known)
        .group_by("category")
        # Summed one after another in row order, as the loop above does, so the floats are the
        # same to the last bit (polars' own sum adds in another order).
        .agg(pl.len().alias("count"), pl.col("weight").cum_sum().last().alias("sum"))
    )
    counts = dict(zip(per["category"].to_list(), per["count"].to_list(), strict=True))
    sums = dict(zip(per["category"].to_list(), per["sum"].to_list(), strict=True))
    unknown = alters.height - sum(counts.values())
    return _indices(
        dimension, counts, sums, unknown, owner_category, categories_possible, weighted
    )


def _indices(
    dimension: str,
    counts: Mapping[str, int],
    sums: Mapping[str, float],
    unknown: int,
    owner_category: str | None,
    categories_possible: int | None,
    weighted: bool,
) -> DimensionDiversity:
    distribution = tuple(
        CategoryCount(category=c, count=counts[c], weight=round(sums[c], 6))
        for c in sorted(counts, key=lambda c: (-counts[c], c))
    )
    k = categories_possible if categories_possible is not None else len(counts)
    category_weights = [sums[c] for c in sorted(sums)]
    ei: float | None = None
    if owner_category and owner_category != UNKNOWN:
        internal = sums.get(owner_category, 0.0)
        ei = ei_index(sum(category_weights) - internal, internal)
    return DimensionDiversity(
        dimension=dimension,
        distribution=distribution,
        categories_possible=k,
        blau=blau(category_weights),
        iqv=iqv(category_weights, k),
        entropy=normalised_entropy(category_weights, k),
        ei=ei,
        owner_category=owner_category if owner_category != UNKNOWN else None,
        unknown=unknown,
        weighted=weighted,
    )
