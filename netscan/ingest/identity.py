"""Person identity: normalised profile URLs, e-mails and names, and the stable ``contact_id``.

People are keyed on the normalised profile URL, else the e-mail, else the normalised name
(FORMATS §0.7). Connections percent-encodes non-ASCII slugs while messages.csv does not, and
endorsement URLs lack a scheme, so every URL goes through `normalise_url` before any join.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import polars as pl

# Words after a comma that mark a credential ("Doe, CFA, CPA", "Roe, PhD", "Poe, MBA (Hons)"):
# acronyms with two or more capitals, or one of these mixed-case degree words.
_CREDENTIAL_WORDS = {
    "phd",
    "ph.d",
    "msc",
    "bsc",
    "ma",
    "ba",
    "jr",
    "sr",
    "esq",
    "dr",
    "hons",
    "meng",
    "beng",
    "llm",
    "llb",
    "eng",
    "p.eng",
    "mphil",
    "dphil",
    "msph",
    "mba",
    "cpa",
    "cfa",
}
_NON_NAME = re.compile(r"[^\w\s'\-.]")
_SPACES = re.compile(r"\s+")
# Zero-width joiners and variation selectors glue emoji together; drop them with the emoji.
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\ufe0e", "\ufe0f"}
_NULL_WORDS = {"", "na", "n/a", "null", "none"}
# A URL already in canonical form: lowercase ASCII slug, no query, no trailing "/", nothing to
# unquote. Nearly every URL in a modern export is one; they skip the general parse.
_CANONICAL_SLUG = r"https://www\.linkedin\.com/in/[a-z0-9_~.\-]+"
_CANONICAL_URL = re.compile(_CANONICAL_SLUG)
# A profile is /in/slug or the pre-2014 /pub/slug/…; a placeholder ("-", "0", "unknown") or any
# other page names nobody, and must never merge the people it is written beside.
_PROFILE_PATH = re.compile(r"/(?:in|pub)/[^/\s?#]*\w[^/\s?#]*(?:/[^/\s?#]+)*")
_EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}")
# Bidirectional controls and zero-width characters: invisible, yet they reorder or disguise
# the text around them (a name that displays as another). Dropped from names at ingest.
DISGUISE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]")


def neutralise(value: str | None) -> str | None:
    """`value` without bidirectional controls and zero-width characters; None stays None."""
    if value is None or value.isascii():
        return value
    return DISGUISE.sub("", value)


def _blank(value: str | None) -> str | None:
    """None for None, empty, whitespace-only and the placeholder words Excel/Power Query write."""
    if value is None:
        return None
    stripped = value.strip()
    return None if stripped.lower() in _NULL_WORDS else stripped


@lru_cache(maxsize=1 << 18)
def normalise_url(url: str | None) -> str | None:
    """The canonical form of a profile URL (``https://www.linkedin.com/in/slug``); None if blank.

    Unquotes percent-encoding, lowercases, adds ``https://`` when the scheme is missing (endorsement
    files write ``www.linkedin.com/in/…``), and drops the query, fragment and trailing ``/``.
    """
    if url is not None and _CANONICAL_URL.fullmatch(url):
        return url
    value = _blank(url)
    if value is None:
        return None
    value = unquote(value).strip().lower()
    if "://" not in value:
        value = "https://" + value.lstrip("/")
    parts = urlsplit(value)
    host = parts.netloc
    # Country subdomains (nl.linkedin.com) and the bare domain name the same profile.
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "www.linkedin.com"
    path = parts.path.rstrip("/")
    if host != "www.linkedin.com" or not _PROFILE_PATH.fullmatch(path):
        return None
    return f"https://{host}{path}"


@lru_cache(maxsize=1 << 18)
def normalise_email(email: str | None) -> str | None:
    """The e-mail lowercased and stripped (first address when several are joined); None if blank."""
    value = _blank(email)
    if value is None:
        return None
    first = re.split(r"[,;\s]+", value)[0].strip().lower()
    if first.startswith("mailto:"):
        first = first[len("mailto:") :]
    return first if _EMAIL.fullmatch(first) else None


def strip_credentials(name: str) -> str:
    """The name without trailing credentials: ``"Jane Doe, CFA, CPA"`` → ``"Jane Doe"``."""
    parts = name.split(",")
    kept = [parts[0]]
    for part in parts[1:]:
        if not part.strip() or _is_credential(part):
            continue
        kept.append(part)
    return ",".join(kept).strip()


def _is_credential(part: str) -> bool:
    words = [word.strip("()[]") for word in part.split()]
    return 0 < len(words) <= 3 and all(
        word.lower().rstrip(".") in _CREDENTIAL_WORDS
        or (len(word) <= 8 and sum(map(str.isupper, word)) >= 2)
        for word in words
    )


def _is_symbol(char: str) -> bool:
    """True for emoji, pictographs and the invisible characters that join them."""
    return char in _INVISIBLE or unicodedata.category(char) in {"So", "Sk", "Cs", "Co"}


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) == "Mn"


def _drop_chars(value: str, drop: Callable[[str], bool]) -> str:
    """`value` without the characters for which `drop` holds, each distinct character judged once.

    Group-chat ``TO`` cells run to thousands of characters; judging each distinct character once
    instead of every occurrence keeps `normalise_name` fast on them.
    """
    for char in {char for char in set(value) if drop(char)}:
        value = value.replace(char, "")
    return value


@lru_cache(maxsize=1 << 18)
def normalise_name(name: str | None) -> str | None:
    """A comparison key for a person's name; None if blank.

    Removes accents (NFKD), credentials after a comma (", PhD"), emoji and punctuation, collapses
    whitespace and casefolds: ``" Zoë  Müller, PhD 🚀"`` → ``"zoe muller"``.
    """
    value = _blank(name)
    if value is None:
        return None
    # Emoji go first so that "Doe, PhD 🚀" still ends in a recognisable credential.
    value = _drop_chars(value, _is_symbol)
    value = strip_credentials(value)
    # NFKD leaves ASCII unchanged and ASCII has no combining marks.
    ascii_only = value.isascii()
    kept = value if ascii_only else _drop_chars(unicodedata.normalize("NFKD", value), _is_mark)
    kept = _NON_NAME.sub(" ", kept).replace(".", " ")
    kept = _SPACES.sub(" ", kept).strip().casefold()
    return kept or None


def namesake_id(contact_id: str, number: int) -> str:
    """The id of the `number`-th distinct person (2, 3, …) whose keys give `contact_id`."""
    digest = hashlib.sha1(f"{contact_id}#{number}".encode()).hexdigest()[:12]
    return f"{contact_id[:2]}{digest}"


def make_contact_id(url: str | None, email: str | None, name: str | None) -> str:
    """A short stable id: ``u:``/``e:``/``n:`` + 12 hex digits of sha1 of the first key present.

    Arguments are normalised here, so raw and normalised inputs give the same id. Raises
    ValueError when all three are blank (such a row names no person).
    """
    for prefix, key in (
        ("u", normalise_url(url)),
        ("e", normalise_email(email)),
        ("n", normalise_name(name)),
    ):
        if key is not None:
            return f"{prefix}:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"
    raise ValueError("a contact needs a profile URL, an e-mail or a name")


def _map_unique(column: pl.Series, function: object) -> pl.Series:
    """Apply a str→str|None function once per distinct value (cheap on million-row columns)."""
    assert callable(function)
    uniques = column.unique().drop_nulls().to_list()
    mapping = {value: function(value) for value in uniques}
    return column.replace_strict(mapping, default=None, return_dtype=pl.String).alias(column.name)


def normalise_url_series(column: pl.Series) -> pl.Series:
    """`normalise_url` over a String series, computed once per distinct non-canonical value."""
    if column.dtype != pl.String:
        return _map_unique(column, normalise_url)
    canonical = column.str.contains(f"^{_CANONICAL_SLUG}$").fill_null(False)
    if (canonical | column.is_null()).all():
        return column
    general = _map_unique(column.filter(~canonical), normalise_url)
    mapping = dict(zip(column.filter(~canonical).to_list(), general.to_list(), strict=True))
    mapped = column.replace_strict(mapping, default=None, return_dtype=pl.String)
    return mapped.zip_with(~canonical, column).alias(column.name)


def normalise_email_series(column: pl.Series) -> pl.Series:
    """`normalise_email` over a String series, computed once per distinct value."""
    return _map_unique(column, normalise_email)


def normalise_name_series(column: pl.Series) -> pl.Series:
    """`normalise_name` over a String series, computed once per distinct value."""
    return _map_unique(column, normalise_name)
