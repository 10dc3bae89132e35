"""Calibrate the tie model to one person's own ratings (`--ratings`, SPEC §3 and §5).

The score is linear in eight terms (the four parts of communication, duration, shared context,
services, structure), so it is S = Σ e_k·x_k with non-negative weights e summing to 1. From
ratings y (1 = barely know … 5 = very close) this fits

    minimise  Σ_i (y_i − a − Σ_k w_k x_ik)²  +  λ · Σ_k (w_k − 4·e0_k)²,   w ≥ 0,

a non-negative least-squares fit pulled toward the default weights e0, scaled by 4 because the
ratings span 4 points (1–5) where the score spans 1 (the intercept a is free): with few or
random ratings the defaults win, and a person's ratings move only the weights their ratings
speak to (SCIENCE.md §8.7: NNLS regularised toward the priors). The fitted weights
are renormalised to sum to 1, so scores stay in [0, 1] and the class thresholds keep their
meaning. Agreement is reported held out: each rated contact is scored by weights fitted on the
other ratings (leave-one-out), beside the default model's agreement on the same ratings.

Ratings stay on this machine: only counts, weights and agreement figures leave this module,
never a name or a rating. Reading and matching the sheet is `netscan.ingest.ratings`.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from netscan.model import Owner, TieClass
from netscan.ties.classify import tie_class_expr
from netscan.ties.config import TieConfig
from netscan.ties.features import compute_features
from netscan.ties.score import score_components

# Fewer usable ratings than this and the defaults are kept (SPEC §3).
MIN_RATINGS = 10
# λ above, in rating units² per weight: about five ratings' worth of pull toward the defaults
# [design choice], so ten ratings cannot turn the model upside down but thirty can reshape it.
PENALTY = 5.0
# Ratings run 1–5, the score 0–1: the default weights in rating units are 4·e0.
RATING_SPAN = 4.0
# A rating of 4 or 5 ("close", "very close") counts as strong for strong-vs-rest accuracy.
STRONG_RATING = 4.0
TERMS = ("volume", "two_way", "length", "personal", "dur", "ctx", "serv", "struct")


@dataclass(frozen=True, slots=True)
class Agreement:
    """How well a model's scores agree with the ratings: Spearman ρ, and the share of rated
    contacts whose class is strong exactly when they were rated 4 or 5."""

    spearman: float | None
    strong_accuracy: float | None


@dataclass(frozen=True, slots=True)
class Calibration:
    """The result of `--ratings`: the weights used, and agreement before and after.

    `default` is the default model's agreement with every usable rating (nothing is fitted);
    `calibrated` is held out (each rating predicted by weights fitted on the others), or None
    when the defaults were kept. `weights` are the eight term weights in use (summing to 1).
    """

    usable: int
    fitted: bool
    config: TieConfig
    default: Agreement
    calibrated: Agreement | None
    default_weights: dict[str, float]
    weights: dict[str, float]
    # Why: "fitted", or why the defaults were kept: "too-few", "no-order", "no-fit".
    outcome: str


def effective_weights(config: TieConfig) -> dict[str, float]:
    """The weight e_k of each of the eight terms in S = Σ e_k·x_k (summing to 1)."""
    groups = {
        "comm": config.weight_comm,
        "dur": config.weight_dur,
        "ctx": config.weight_ctx,
        "serv": config.weight_serv,
        "struct": config.weight_struct,
    }
    total = sum(groups.values())
    comm = {
        "volume": config.comm_intensity,
        "two_way": config.comm_two_way,
        "length": config.comm_length,
        "personal": config.comm_personal,
    }
    comm_total = sum(comm.values())
    weights = {k: groups["comm"] * v / (comm_total * total) for k, v in comm.items()}
    weights.update({k: groups[k] / total for k in ("dur", "ctx", "serv", "struct")})
    return weights


def config_with_weights(config: TieConfig, weights: Mapping[str, float]) -> TieConfig:
    """`config` with the eight term weights set (renormalised; comm's split kept if it is 0)."""
    total = sum(weights.values())
    e = {k: weights[k] / total for k in TERMS}
    comm = e["volume"] + e["two_way"] + e["length"] + e["personal"]
    split = {}
    if comm > 0:
        split = {
            "comm_intensity": e["volume"] / comm,
            "comm_two_way": e["two_way"] / comm,
            "comm_length": e["length"] / comm,
            "comm_personal": e["personal"] / comm,
        }
    return dataclasses.replace(
        config,
        weight_comm=comm,
        weight_dur=e["dur"],
        weight_ctx=e["ctx"],
        weight_serv=e["serv"],
        weight_struct=e["struct"],
        **split,  # type: ignore[arg-type]
    )


def fit_weights(
    terms: Sequence[Sequence[float]], ratings: Sequence[float], prior: Mapping[str, float]
) -> dict[str, float] | None:
    """The penalised non-negative fit above, renormalised to sum to 1; None when it has no
    positive weight."""
    import numpy as np
    from scipy.optimize import lsq_linear

    x = np.asarray(terms, dtype=float)
    y = np.asarray(ratings, dtype=float)
    n, k = x.shape
    prior_w = RATING_SPAN * np.array([prior[t] for t in TERMS])
    # Unknowns: a, w_1..w_k. Data rows: y ≈ a + x·w. Penalty rows: √λ·w ≈ √λ·span·e0.
    root = math.sqrt(PENALTY)
    design = np.vstack(
        [np.hstack([np.ones((n, 1)), x]), np.hstack([np.zeros((k, 1)), root * np.eye(k)])]
    )
    target = np.concatenate([y, root * prior_w])
    lower = np.concatenate([[-np.inf], np.zeros(k)])
    upper = np.full(k + 1, np.inf)
    result = lsq_linear(design, target, bounds=(lower, upper), method="bvls")
    weights = result.x[1:]
    if not np.isfinite(weights).all() or weights.sum() <= 1e-9:
        return None
    return {t: float(w) for t, w in zip(TERMS, weights / weights.sum(), strict=True)}


def _agreement(frame: pl.DataFrame, score: str, as_of: date, config: TieConfig) -> Agreement:
    """Spearman ρ of `score` with the ratings, and strong-vs-rest accuracy of its class."""
    classed = frame.with_columns(score=pl.col(score)).with_columns(
        tie_class_expr(as_of=as_of, config=config)
    )
    rho = classed.select(pl.corr("score", "rating", method="spearman")).item()
    hits = classed.select(
        ((pl.col("tie_class") == TieClass.STRONG.value) == (pl.col("rating") >= STRONG_RATING))
        .mean()
    ).item()
    return Agreement(
        None if rho is None or not math.isfinite(rho) else float(rho),
        None if hits is None else float(hits),
    )


def _score(weights: Mapping[str, float]) -> pl.Expr:
    return pl.sum_horizontal(pl.col(f"term_{t}") * weights[t] for t in TERMS)


def calibrate(
    contacts: pl.DataFrame,
    events: pl.DataFrame,
    owner: Owner,
    ratings: Mapping[str, float],
    *,
    as_of: date,
    config: TieConfig,
    merged_order: bool = False,
) -> Calibration:
    """Fit this person's weights from `ratings` (contact_id → 1..5) over the export's ties.

    `merged_order`: `events` are in the merge's order (see `compute_features`)."""
    prior = effective_weights(config)
    features = compute_features(
        contacts, events, owner, as_of=as_of, config=config, merged_order=merged_order
    )
    components = score_components(features, as_of=as_of, config=config)
    rated = components.join(
        pl.DataFrame(
            {"contact_id": list(ratings), "rating": list(ratings.values())},
            schema={"contact_id": pl.String, "rating": pl.Float64},
        ),
        on="contact_id",
        how="inner",
    ).sort("contact_id")
    usable = rated.height
    rated = rated.with_columns(default_score=_score(prior))
    default = _agreement(rated, "default_score", as_of, config)
    if usable < MIN_RATINGS:
        return Calibration(
            usable, False, config, default, None, prior, prior,
            "too-few",
        )
    if rated["rating"].n_unique() < 2:
        return Calibration(
            usable, False, config, default, None, prior, prior,
            "no-order",
        )
    x = rated.select(f"term_{t}" for t in TERMS).rows()
    y = rated["rating"].to_list()
    fitted = fit_weights(x, y, prior)
    if fitted is None:
        return Calibration(
            usable, False, config, default, None, prior, prior,
            "no-fit",
        )
    held_out = []
    for i in range(usable):
        others = fit_weights(x[:i] + x[i + 1 :], y[:i] + y[i + 1 :], prior) or prior
        held_out.append(sum(others[t] * v for t, v in zip(TERMS, x[i], strict=True)))
    rated = rated.with_columns(loo_score=pl.Series(held_out, dtype=pl.Float64))
    calibrated = _agreement(rated, "loo_score", as_of, config)
    return Calibration(
        usable, True, config_with_weights(config, fitted), default, calibrated,
        prior, fitted, "fitted",
    )
