"""The tie-strength pipeline in one call: features → score → classify → the TIES table."""

from __future__ import annotations

from datetime import date

import polars as pl

from netscan.model import TIES, Owner
from netscan.ties.classify import classify_ties
from netscan.ties.config import TieConfig
from netscan.ties.features import compute_features
from netscan.ties.score import score_ties


def build_ties(
    contacts: pl.DataFrame,
    events: pl.DataFrame,
    owner: Owner,
    *,
    as_of: date,
    config: TieConfig,
    merged_order: bool = False,
) -> pl.DataFrame:
    """The TIES frame for every in-network contact, sorted by score (desc) then contact_id.

    `merged_order`: `events` are in the merge's order (see `compute_features`)."""
    features = compute_features(
        contacts, events, owner, as_of=as_of, config=config, merged_order=merged_order
    )
    scored = score_ties(features, as_of=as_of, config=config)
    classified = classify_ties(scored, as_of=as_of, config=config)
    return classified.select([pl.col(name).cast(dtype) for name, dtype in TIES.items()]).sort(
        ["score", "contact_id"], descending=[True, False]
    )
