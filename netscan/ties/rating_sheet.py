"""Choose the contacts for a rating sheet (`netscan rate`, SPEC §3): about 30 that span the classes
and the companies, so that a person's ratings can calibrate every part of the model.

Each class with contacts gets an equal share (a class with too few gives its share to the
others); within a class, contacts are taken one company at a time (the strongest of each company
first, then the second of each …), so one employer cannot fill the sheet. The sheet lists them
by name, without netscan's class or score, so the ratings are the person's own judgement.
"""

from __future__ import annotations

import polars as pl

from netscan.model import TieClass


def pick_contacts(ties: pl.DataFrame, n: int) -> pl.DataFrame:
    """Up to `n` rows of `ties` (TIES schema) spanning the classes and companies."""
    ranked = ties.with_columns(
        _company=pl.col("company").fill_null("").str.to_lowercase(),
    ).with_columns(
        _turn=pl.col("score").rank("ordinal", descending=True).over("tie_class", "_company"),
    )
    pools = {
        cls.value: ranked.filter(pl.col("tie_class") == cls.value).sort(
            ["_turn", "score", "contact_id"], descending=[False, True, False]
        )
        for cls in TieClass
    }
    quota = dict.fromkeys(pools, 0)
    left = min(n, ties.height)
    # Deal the places out one class at a time until they run out or every pool is used up.
    while left > 0:
        open_classes = [c for c in pools if quota[c] < pools[c].height]
        if not open_classes:
            break
        for cls in open_classes:
            if left == 0:
                break
            quota[cls] += 1
            left -= 1
    parts = [pools[c].head(quota[c]) for c in pools if quota[c]]
    chosen = pl.concat(parts, how="vertical") if parts else ranked.head(0)
    return chosen.drop("_company", "_turn")


def rating_sheet(ties: pl.DataFrame, n: int) -> pl.DataFrame:
    """The sheet to fill in: contact (profile URL, else e-mail, else name, as `--ratings`
    matches it), name, company, last contact, and an empty `strength` column; sorted by name."""
    chosen = pick_contacts(ties, n)
    return chosen.select(
        contact=pl.coalesce("profile_url", "email", "name", "contact_id"),
        name=pl.col("name"),
        company=pl.col("company"),
        last_contact=pl.col("last_contact").cast(pl.String),
        strength=pl.lit(None, dtype=pl.String),
    ).sort(["name", "contact"], nulls_last=True)
