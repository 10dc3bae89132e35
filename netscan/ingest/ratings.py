"""Read a `--ratings` sheet (SPEC §3) and resolve each row to a contact of the export.

Columns `contact` (a profile URL, e-mail, contact id or name as in the export) and `strength`
(1 = barely know … 5 = very close, or a class name); other columns (the ones `netscan rate`
writes for the reader) are ignored. Rows are matched by profile URL, then e-mail, contact id or
normalised name; a name shared by two contacts is ambiguous and never guessed. Every row that is
not used is counted under a reason.
"""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl

from netscan.errors import NetscanError
from netscan.ingest.decode import read_table
from netscan.ingest.identity import normalise_email, normalise_name, normalise_url
from netscan.model import RatingSheet, TieClass

CONTACT, STRENGTH = "contact", "strength"
# A class name is accepted in place of a number (SPEC §3).
CLASS_RATING = {
    TieClass.STRONG.value: 5.0,
    TieClass.MEDIUM.value: 3.0,
    TieClass.WEAK.value: 2.0,
    TieClass.DORMANT.value: 2.0,
    TieClass.LATENT.value: 1.0,
}


class RatingsError(NetscanError):
    """A --ratings file that cannot be read as a rating sheet."""


def read_cells(path: Path) -> list[tuple[str, str]]:
    """The (contact, strength) cells of every data row of a rating sheet.

    Read like any export file (`netscan.ingest.decode.read_table`), so a sheet a spreadsheet
    re-saved with `;`, a BOM or a Windows code page reads as well as the one `netscan rate` wrote.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise RatingsError(
            f"Ratings file {path} does not exist.", "Check the --ratings path."
        ) from error
    except IsADirectoryError as error:
        raise RatingsError(
            f"Ratings file {path} is a folder.", "Pass the CSV that `netscan rate` wrote."
        ) from error
    except OSError as error:
        raise RatingsError(
            f"Could not read ratings file {path}: {error.strerror or error}",
            "Check the --ratings path and its permissions.",
        ) from error
    table = read_table(data, str(path))
    if not (table.has(CONTACT) and table.has(STRENGTH)):
        raise RatingsError(
            f"{path}: a rating sheet needs the columns `contact` and `strength`.",
            "Write one with `netscan rate EXPORT -o ratings.csv` and fill in `strength`.",
        )
    frame = table.frame.select(
        pl.col(CONTACT.upper()).fill_null("").str.strip_chars(),
        pl.col(STRENGTH.upper()).fill_null("").str.strip_chars(),
    )
    return [(str(contact), str(strength)) for contact, strength in frame.iter_rows()]


def parse_strength(text: str) -> float | None:
    """1–5 (a whole or decimal number) or a class name; None when it is neither."""
    lowered = text.casefold()
    if lowered in CLASS_RATING:
        return CLASS_RATING[lowered]
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) and 1.0 <= value <= 5.0 else None


def _keys(contact: str) -> list[str]:
    """The lookup keys a `contact` cell may stand for, most specific first."""
    keys = []
    if "linkedin.com/" in contact.casefold():
        keys.append(f"url:{normalise_url(contact)}")
    if "@" in contact:
        keys.append(f"email:{normalise_email(contact)}")
    keys.append(f"id:{contact}")
    name = normalise_name(contact)
    if name:
        keys.append(f"name:{name}")
    return keys


def match_ratings(path: Path, contacts: pl.DataFrame) -> RatingSheet:
    """Resolve every sheet row to one in-network contact of `contacts` (CONTACTS schema)."""
    cells = read_cells(path)
    people = contacts.filter(pl.col("in_network").fill_null(False)).select(
        "contact_id",
        "profile_url",
        "email",
        name=pl.coalesce(
            pl.col("full_name"),
            pl.concat_str(["first_name", "last_name"], separator=" ", ignore_nulls=True),
        ),
    )
    index: dict[str, set[str]] = {}
    for cid, url, email, name in people.iter_rows():
        keys = [f"id:{cid}"]
        if url:
            keys.append(f"url:{normalise_url(url)}")
        if email:
            keys.append(f"email:{normalise_email(email)}")
        if name and (name_key := normalise_name(name)):
            keys.append(f"name:{name_key}")
        for key in keys:
            index.setdefault(key, set()).add(cid)
    found: dict[str, float] = {}
    skipped: dict[str, int] = {}

    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    for contact, strength in cells:
        if not strength:
            skip("blank")
            continue
        value = parse_strength(strength)
        if value is None:
            skip("unparseable")
            continue
        ids = next((index[k] for k in _keys(contact) if k in index), set()) if contact else set()
        if not ids:
            skip("unmatched")
        elif len(ids) > 1:
            skip("ambiguous")
        elif (cid := next(iter(ids))) in found:
            skip("duplicate")
        else:
            found[cid] = value
    return RatingSheet(str(path), len(cells), found, dict(sorted(skipped.items())))
