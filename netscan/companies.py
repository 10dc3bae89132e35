"""Company names compared strictly: equal after one fixed normalisation, never fuzzy.

One rule for every stage — shared employer in the tie model, the owner's employer, imputed
colleague ties, target organisations — so "Acme B.V." is the same firm everywhere.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import polars as pl

# Legal-form and group words dropped at the end of a name ("Acme B.V." = "Acme"); Dutch and
# English first. "and" is dropped only inside such a trailing run ("GmbH & Co. KG").
LEGAL_SUFFIXES = frozenset(
    {
        "bv", "nv", "vof", "cv", "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc",
        "gmbh", "kg", "ag", "sa", "sas", "sarl", "srl", "spa", "ab", "as", "oy", "corp",
        "corporation", "co", "company", "holding", "holdings", "group", "groep",
    }
)
_TRAILING = LEGAL_SUFFIXES | {"and"}


@functools.lru_cache(maxsize=65536)
def company_key(name: str | None) -> str:
    """Casefolded, punctuation dropped, trailing legal suffixes removed; "" for no name.

    "Acme B.V." → "acme"; "Initech GmbH & Co. KG" → "initech"; "Ernst & Young" → "ernst and
    young"; a name that is only a suffix keeps it ("Group" → "group").
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"[.'’]", "", text)  # "B.V." → "bv", "O'Neil" → "oneil"
    text = text.replace("&", " and ")
    words = re.sub(r"[\W_]+", " ", text).split()
    while len(words) > 1 and words[-1] in _TRAILING:
        words.pop()
    return " ".join(words)


def company_keys(names: pl.Series) -> pl.Series:
    """`company_key` of every value (each distinct name computed once); null for no name."""
    mapping = {name: company_key(name) or None for name in names.drop_nulls().unique()}
    return names.replace_strict(mapping, default=None, return_dtype=pl.String)


def company_key_expr(column: pl.Expr) -> pl.Expr:
    """`company_keys` as an expression, for use inside a polars query."""
    return column.map_batches(company_keys, return_dtype=pl.String)
