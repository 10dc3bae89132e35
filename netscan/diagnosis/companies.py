"""Company names compared strictly: exact, or equal after a fixed normalisation; never fuzzy."""

from __future__ import annotations

import functools
import re
import unicodedata

# Legal-form suffixes dropped at the end of a name ("Acme B.V." = "Acme"); Dutch and English first.
_LEGAL_SUFFIXES = frozenset(
    {
        "bv",
        "nv",
        "vof",
        "cv",
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sarl",
        "srl",
        "spa",
        "ab",
        "as",
        "oy",
        "corp",
        "corporation",
        "co",
        "company",
        "holding",
        "holdings",
        "group",
        "groep",
    }
)


@functools.lru_cache(maxsize=65536)
def normalise_company(name: str | None) -> str:
    """Casefolded, accents kept, punctuation dropped, legal suffixes removed; "" for no name."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).casefold()
    # "B.V." and "N.V." lose their dots before splitting, so they become the tokens "bv"/"nv".
    text = re.sub(r"\b(\w)\.(\w)\.?", r"\1\2", text)
    text = text.replace("&", " and ")
    words = re.sub(r"[^\w]+", " ", text).split()
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)
