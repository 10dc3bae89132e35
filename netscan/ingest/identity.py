"""Person identity: normalised profile URLs, e-mails and names, and the stable ``contact_id``.

People are keyed on the normalised profile URL, else the e-mail, else the normalised name
(FORMATS §0.7). Connections percent-encodes non-ASCII slugs while messages.csv does not, and
endorsement URLs lack a scheme, so every URL goes through `normalise_url` before any join.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import polars as pl

from netscan.ingest.codes import map_distinct, unique

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


def _char_class(chars: Iterable[str]) -> str:
    """A regex character class body (Rust syntax) of exactly `chars`."""
    return "".join(f"\\x{{{ord(char):x}}}" for char in sorted(set(chars)))


# A canonical URL, or one whose slug adds lowercase accented Latin, Greek or Cyrillic letters
# ("/in/marta-lópez"): `normalise_url` returns either as it is (no "%" to unquote, nothing to
# lowercase, no query or trailing "/", a word character in the slug), so polars can say so.
_SLUG_LETTERS = _char_class(
    char
    for char in map(chr, (*range(0xC0, 0x250), *range(0x370, 0x500)))
    if char.lower() == char and re.fullmatch(r"\w", char)
)
_SETTLED_URL = rf"^https://www\.linkedin\.com/in/[a-z0-9_~.\-{_SLUG_LETTERS}]+$"
# Endorsement files leave out the scheme; `normalise_url` only adds it when the slug holds a word
# character (a canonical-looking "/in/---" is no profile without one).
_SCHEMELESS_URL = (
    rf"^www\.linkedin\.com/in/[a-z0-9_~.\-{_SLUG_LETTERS}]*[a-z0-9_{_SLUG_LETTERS}]"
    rf"[a-z0-9_~.\-{_SLUG_LETTERS}]*$"
)
# A profile is /in/slug or the pre-2014 /pub/slug/…; a placeholder ("-", "0", "unknown") or any
# other page names nobody, and must never merge the people it is written beside.
_PROFILE_PATH = re.compile(r"/(?:in|pub)/[^/\s?#]*\w[^/\s?#]*(?:/[^/\s?#]+)*")
# A profile URL once unquoted and lowercased that the general parse returns unchanged: nothing
# for `urlsplit` to split off or remove (it drops \t\r\n, which are \s), a valid /in/ path.
_PLAIN_PROFILE = re.compile(r"https://www\.linkedin\.com/in/[^/\s?#]*\w[^/\s?#]*")
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
    if _PLAIN_PROFILE.fullmatch(value):
        return value  # what the parse below gives for it, without `urlsplit` (half the time)
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
    return _name_words(value) or None


def _name_words(value: str) -> str:
    """The casefolded words of `value` without accents and punctuation, one space apart."""
    # NFKD leaves ASCII unchanged and ASCII has no combining marks.
    ascii_only = value.isascii()
    kept = value if ascii_only else _drop_chars(unicodedata.normalize("NFKD", value), _is_mark)
    kept = _NON_NAME.sub(" ", kept).replace(".", " ")
    return _SPACES.sub(" ", kept).strip().casefold()


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


def _each(function: Callable[[str], str | None]) -> Callable[[pl.Series], pl.Series]:
    """A Series→Series version of a str→str|None function, value by value."""

    def compute(values: pl.Series) -> pl.Series:
        return pl.Series(values.name, [function(value) for value in values], dtype=pl.String)

    return compute


def _urls(values: pl.Series) -> pl.Series:
    """`normalise_url` of distinct non-null values; settled and scheme-less ones in polars."""
    frame = values.to_frame("url").with_columns(
        pl.col("url").str.contains(_SETTLED_URL).alias("settled"),
        pl.col("url").str.contains(_SCHEMELESS_URL).alias("schemeless"),
    )
    odd = ~(frame.get_column("settled") | frame.get_column("schemeless"))
    fixed = frame.select(
        pl.when(pl.col("schemeless")).then(pl.lit("https://") + pl.col("url")).otherwise("url")
    ).to_series()
    if not odd.any():
        return fixed.alias(values.name)
    return fixed.scatter(odd.arg_true(), _each(normalise_url)(values.filter(odd))).alias(
        values.name
    )


def normalise_url_series(column: pl.Series) -> pl.Series:
    """`normalise_url` over a String or Categorical series, as String."""
    if column.dtype != pl.String:
        return map_distinct(column, _urls)
    # Settled URLs (nearly all) stay as they are; only the others are looked at.
    odd = ~column.str.contains(_SETTLED_URL).fill_null(True)
    if not odd.any():
        return column
    fixed = map_distinct(column.filter(odd), _urls)
    return column.clone().scatter(odd.arg_true(), fixed)


def normalise_email_series(column: pl.Series) -> pl.Series:
    """`normalise_email` over a String series, computed once per distinct value."""
    return map_distinct(column, _each(normalise_email))


def normalise_name_series(column: pl.Series) -> pl.Series:
    """`normalise_name` over a String or Categorical series, computed once per distinct value."""
    return map_distinct(column, normalised_names)


# --- normalise_name over many values at once --------------------------------------------------
# A name's key is the words of its comma-separated parts joined by a space: the first part always,
# each later one unless it is blank or a credential (every step of `normalise_name` but the
# credential test works character by character, and a comma becomes a space). Parts repeat across
# names and across group-chat cells, so each distinct part is judged once, and the ASCII ones
# (nearly all) by polars expressions that spell out Python's ASCII rules.


_ASCII = [chr(code) for code in range(128)]
# Up to this many values, `normalise_name` one by one (~10 µs each) beats the ~20 polars steps.
_FEW = 100
# Python's whitespace (str.isspace, str.strip/split and re's \s): Rust's lacks \x1c-\x1f.
PY_WHITESPACE = "".join(
    char
    for char in map(chr, (*range(0x21), 0x85, 0xA0, 0x1680, *range(0x2000, 0x3001)))
    if char.isspace()
)
_ASCII_SPACE = _char_class(char for char in _ASCII if char.isspace())
_ASCII_SYMBOL = _char_class(char for char in _ASCII if _is_symbol(char))
# What survives `_name_words` of an ASCII part as a letter: \w, "'" and "-" (the rest, "."
# included, turns into a space).
_ASCII_NAME = _char_class(char for char in _ASCII if re.fullmatch(r"\w", char) or char in "'-")


def normalised_names(values: pl.Series) -> pl.Series:
    """`normalise_name` of every value of a String series (nulls stay null)."""
    if values.len() <= _FEW:
        return _each(normalise_name)(values)
    return names_by_parts(values)


def names_by_parts(values: pl.Series) -> pl.Series:
    """`normalised_names` computed part by part, each distinct comma part judged once."""
    frame = values.rename("value").to_frame().with_row_index("_id")
    parts = (
        frame.select("_id", pl.col("value").str.split(",").alias("part"))
        .explode("part")
        .drop_nulls("part")
        .with_columns(pl.col("_id").is_first_distinct().alias("_first"))
    )
    keys = _part_keys(unique(parts.get_column("part")))
    words = (
        parts.join(keys, on="part", how="left", maintain_order="left")
        .filter((pl.col("_first") | ~pl.col("dropped")) & (pl.col("words") != ""))
        .group_by("_id", maintain_order=True)
        .agg(pl.col("words").str.join(" "))
    )
    named = frame.join(words, on="_id", how="left", maintain_order="left").get_column("words")
    return named.zip_with(
        ~_blanks(values), pl.repeat(None, values.len(), dtype=pl.String, eager=True)
    ).alias(values.name)


def _blanks(values: pl.Series) -> pl.Series:
    """`_blank(value) is None` for each value: null, or a placeholder word once stripped."""
    stripped = values.str.strip_chars(PY_WHITESPACE)
    # `str.lower` never shortens text, so only stripped values of up to four characters can be
    # a placeholder word; those few are judged by Python itself.
    short = (stripped.str.len_chars() <= max(map(len, _NULL_WORDS))).fill_null(False)
    judged = [text.lower() in _NULL_WORDS for text in stripped.filter(short)]
    placeholder = pl.repeat(False, values.len(), dtype=pl.Boolean, eager=True)
    if judged:
        placeholder = placeholder.scatter(short.arg_true(), judged)
    return values.is_null() | placeholder


def _part_keys(parts: pl.Series) -> pl.DataFrame:
    """For distinct comma-free name parts: whether each is dropped after a comma, and its words."""
    ascii_only = ~parts.str.contains(r"[^\x00-\x7f]")
    plain = parts.filter(ascii_only).to_frame("part").with_columns(_ascii_part_key())
    other = parts.filter(~ascii_only).to_list()
    keyed = [_part_key(part) for part in other]
    rest = pl.DataFrame(
        {
            "part": other,
            "dropped": [dropped for dropped, _ in keyed],
            "words": [words for _, words in keyed],
        },
        schema={"part": pl.String, "dropped": pl.Boolean, "words": pl.String},
    )
    return pl.concat([plain, rest])


# Cached: the same names come back in every file and in the merge (~20 µs each in Python).
@lru_cache(maxsize=1 << 18)
def _part_key(part: str) -> tuple[bool, str]:
    """(`part` after a comma is blank or a credential, its words) as `normalise_name` sees it."""
    value = _drop_chars(part, _is_symbol)
    return (not value.strip() or _is_credential(value)), _name_words(value)


def _ascii_part_key() -> list[pl.Expr]:
    """`_part_key` of an ASCII ``part`` column as the expressions ``dropped`` and ``words``."""
    value = pl.col("part").str.replace_all(f"[{_ASCII_SYMBOL}]", "")
    split = value.str.extract_all(f"[^{_ASCII_SPACE}]+")  # str.split()
    word = pl.element().str.strip_chars("()[]")
    credential = word.str.to_lowercase().str.strip_chars_end(".").is_in(
        sorted(_CREDENTIAL_WORDS)
    ) | ((word.str.len_chars() <= 8) & (word.str.count_matches("[A-Z]") >= 2))
    dropped = ~value.str.contains(f"[^{_ASCII_SPACE}]") | (
        split.list.len().is_between(1, 3) & split.list.eval(credential).list.all()
    )
    words = value.str.replace_all(f"[^{_ASCII_NAME}]+", " ").str.strip_chars(" ").str.to_lowercase()
    return [dropped.alias("dropped"), words.alias("words")]
