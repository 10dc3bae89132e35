"""The vectorised readers give exactly what their one-by-one statements give.

Names, URLs, recipients, dates and skip rules are computed over whole columns (once per distinct
value, in polars where Python's own rules can be restated); each is checked here against the
scalar function it replaces, on arbitrary text and on the cases that make the rules subtle.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote, unquote, urlsplit

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.ingest.codes import map_distinct
from netscan.ingest.dates import _ODD_SPACES, _REWRITES, _prepared, parse_date, parse_month_years
from netscan.ingest.decode import Table
from netscan.ingest.frames import duplicate_flags, duplicate_rows
from netscan.ingest.identity import (
    _CANONICAL_URL,
    PY_WHITESPACE,
    names_by_parts,
    normalise_name,
    normalise_name_series,
    normalise_url,
    normalise_url_series,
)
from netscan.ingest.messages import (
    _SPAM_SPELLINGS,
    HIDDEN_SENDER,
    SPAM_FOLDER,
    SPONSORED_TITLE,
    _pair_key,
    _recipients,
    read_messages,
    split_to,
)
from netscan.ingest.owner import _url_by_conversations


def test_duplicates_found_by_hashing_a_derived_or_partial_column() -> None:
    frame = pl.DataFrame(
        {
            "a": ["x", "x", None, None, "y", "x", "x"],
            "b": [1, 1, None, None, 2, 2, 1],
            "c": ["p", "p", "q", "q", "r", "p", "p"],
        }
    ).with_columns(pl.col("c").cast(pl.Categorical))
    expected = frame.select(duplicate_rows(frame.columns)).to_series().to_list()
    # Equal rows are equal in anything computed from them: hashing only that finds them all.
    derived = frame.with_columns(pl.col("b").fill_null(-1).alias("d"))
    assert duplicate_flags(derived, ["a", "b", "c"], hashed=["d"]).to_list() == expected
    assert duplicate_flags(derived, ["a", "b", "c"], hashed=["c"]).to_list() == expected


# --- normalise_name over whole columns -------------------------------------------------------

_NAME_PIECES = st.sampled_from(
    [",", ", ", " ", "\x1c", "\t", "\u00a0", "\u3000", "\x85", "\u2028", "PhD", "Ph.D.",
     "(Hons)", "[MBA]", "CFA", "cpa", "Jr.", "MSc", "p.eng", "ABCDEFGHI", "Zoë", "e\u0301",
     "\u0300", "ß", "İ", "ﬁ", "Ａｄａ", "🚀", "\u200d", "\ufe0f", "^", "`", ".", "-", "'", "_",
     "na", "N/A", "null", "None", "ǅ", "\ufdfa", "²", "¼", "Ⅻ", "ŉ", "ΣΑΣ", "Ω", "A", "b",
     "O'Neil", "van der", "\x00", "\U0001f9d1\u200d\U0001f4bb"]
)  # fmt: skip
_NAMES = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.text(alphabet=st.characters(codec="ascii"), max_size=30),
    st.lists(_NAME_PIECES, max_size=12).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAMES, max_size=20))
def test_name_series_equals_the_scalar_normaliser(values: list[str | None]) -> None:
    column = pl.Series("n", values, dtype=pl.String)
    expected = [normalise_name(value) for value in values]
    assert names_by_parts(column).to_list() == expected  # what long columns go through
    assert normalise_name_series(column).to_list() == expected
    assert normalise_name_series(column.cast(pl.Categorical)).to_list() == expected


def test_name_series_equals_the_scalar_normaliser_on_short_ascii() -> None:
    # The ASCII parts are normalised by polars expressions that restate Python's rules: every
    # ASCII character, alone and in pairs, in a name and in the credential after a comma.
    chars = [chr(code) for code in range(128)]
    values = [*chars, *(a + b for a in chars for b in chars[::3])]
    values += [f"X,{value}" for value in values] + [f"X, P{a}h{a}D" for a in chars]
    values += [f"X,({a}MBA{b})" for a in chars[::2] for b in chars[::5]]
    got = normalise_name_series(pl.Series(values)).to_list()
    assert got == [normalise_name(value) for value in values]


def test_python_whitespace_is_spelled_out() -> None:
    assert set(PY_WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


def test_values_mapped_through_codes_match_a_plain_mapping() -> None:
    def length(values: pl.Series) -> pl.Series:
        return values.str.len_chars()

    column = pl.Series("c", ["ab", None, "c", "ab"])
    assert map_distinct(column.cast(pl.Categorical), length).to_list() == [2, None, 1, 2]
    assert map_distinct(column, length).to_list() == [2, None, 1, 2]
    empty = pl.Series("c", [None, None], dtype=pl.String).cast(pl.Categorical)
    assert map_distinct(empty, length).to_list() == [None, None]
    assert map_distinct(empty.clear(), length).to_list() == []
    # Codes are numbered process-wide; a column using few, high codes is hashed instead.
    pl.Series([f"filler-{i}" for i in range(70_000)]).cast(pl.Categorical)
    sparse = pl.Series("c", ["zz-late", None]).cast(pl.Categorical)
    assert map_distinct(sparse, length).to_list() == [7, None]


# --- recipients of the owner's messages, per distinct (TO, RECIPIENT PROFILE URLS) pair -------


def _recipients_one_by_one(
    to: str | None,
    urls: str | None,
    owner_url: str | None,
    owner_names: set[str],
    known_names: set[str],
) -> list[tuple[str | None, str | None]]:
    """The plain statement of what `_recipients` computes for all pairs at once."""
    names = [n for n in split_to(to, known_names) if normalise_name(n) not in owner_names]
    names = [n for n in names if normalise_name(n) != HIDDEN_SENDER]
    if urls is not None and urls.strip():
        found = [normalise_url(piece) for piece in re.split(r"[,;]", urls)]
        url_list = [url for url in dict.fromkeys(found) if url is not None and url != owner_url]
        if len(url_list) == 1 and len(names) >= 1:
            whole = [to.strip()] if to and len(names) > 1 else names
            return [(url_list[0], whole[0])]
        paired = names if len(names) == len(url_list) else [None] * len(url_list)
        return list(zip(url_list, paired, strict=True))
    return [(None, name) for name in names]


_TO_PIECES = st.sampled_from(
    ["Ada Quill", "Bo Reed", "Mo Vint", "Mo Vint, PhD", "LinkedIn Member", ",", ", ", ",,", " ",
     "\x1c", "\u3000", "Zoë", "PhD", "CFA", "🚀", "Kim Sol,Lea Tull"]
)  # fmt: skip
_URL_PIECES = st.sampled_from(
    ["https://www.linkedin.com/in/ada", "https://www.linkedin.com/in/bo/",
     "HTTPS://NL.linkedin.com/in/Ada", "https://www.linkedin.com/in/mo-vint",
     "https://www.linkedin.com/in/zo%C3%AB", "-", "", " ", ",", ";", "www.linkedin.com/in/cy"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.lists(_TO_PIECES, max_size=6).map("".join)),
            st.one_of(st.none(), st.lists(_URL_PIECES, max_size=5).map("".join)),
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([None, "https://www.linkedin.com/in/mo-vint"]),
    st.sampled_from([set(), {"mo vint"}]),
    st.sampled_from([set(), {"kim sol lea tull", "ada quill bo reed"}]),
)
def test_recipients_of_all_pairs_equal_the_one_by_one_split(
    rows: list[tuple[str | None, str | None]],
    owner_url: str | None,
    owner_names: set[str],
    known_names: set[str],
) -> None:
    frame = pl.DataFrame(
        rows, schema={"TO": pl.String, "RECIPIENT PROFILE URLS": pl.String}, orient="row"
    ).cast(pl.Categorical)
    frame = frame.with_columns(_pair_key(frame).alias("_pair"))
    found = _recipients(frame, owner_url, owner_names, known_names).by_pair
    by_pair: dict[int, list[tuple[str | None, str | None]]] = {}
    for pair, url, name in found.iter_rows():
        by_pair.setdefault(pair, []).append((url, name))
    for (to, urls), pair in zip(rows, frame.get_column("_pair"), strict=True):
        expected = _recipients_one_by_one(to, urls, owner_url, owner_names, known_names)
        assert by_pair.get(pair, []) == expected, (to, urls)


@pytest.mark.parametrize(
    ("pattern", "target", "case"),
    [(SPAM_FOLDER, "SPAM", "upper"), (SPONSORED_TITLE, "sponsored conversation", "lower")],
)
def test_case_blind_regexes_equal_a_case_change(pattern: str, target: str, case: str) -> None:
    # A case change maps each character on its own; so the regex matches exactly the texts
    # whose case change is `target` when each class holds every character that maps to its
    # letter, and no character maps to several characters found in `target`.
    chars = pl.Series([chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000])
    changed = chars.str.to_uppercase() if case == "upper" else chars.str.to_lowercase()
    classes = re.findall(r"\[([^\]]+)\]|(.)", pattern.strip("^$"))
    assert len(classes) == len(target)
    for (members, literal), letter in zip(classes, target, strict=True):
        onto = chars.filter(changed == letter).to_list()
        assert sorted(members or literal) == sorted(onto), letter
    longer = chars.filter((changed.str.len_chars() > 1) & changed.str.contains(f"^[{target}]+$"))
    assert all(changed_text not in target for changed_text in longer.to_list())
    texts: list[str | None] = ["SPAM", "spam", "ſpam", "SPAMS", " spam", "SPONSORED", None]
    texts += ["Sponsored Conversation", "sponsored  conversation", "ſponsored conversation"]
    column = pl.Series(texts, dtype=pl.String)
    cased = column.str.to_uppercase() if case == "upper" else column.str.to_lowercase()
    assert column.str.contains(pattern).to_list() == (cased == target).to_list()
    if case == "upper":
        assert (
            column.is_in(_SPAM_SPELLINGS).fill_null(False).to_list()
            == (cased == target).fill_null(False).to_list()
        )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.lists(
                st.sampled_from(
                    ["1", "12", "2023", "/", "-", ",", " ", "\u00a0", "\u202f", "\t", "Jan",
                     "June", "UTC", ":", "T", "a", "\x1c"]
                ),
                max_size=8,
            ).map("".join),
        ),
        max_size=12,
    )
)  # fmt: skip
def test_date_preparation_skipped_only_when_it_changes_nothing(values: list[str | None]) -> None:
    column = pl.Series("d", values, dtype=pl.String)
    text = column.str.replace_all(_ODD_SPACES, " ").str.strip_chars()
    for pattern, replacement in _REWRITES:
        text = text.str.replace(pattern, replacement)
    assert _prepared(column).to_list() == text.to_list()


def test_settled_url_fast_path_agrees_with_the_general_parse() -> None:
    # Every character of the ranges the fast paths draw their accented slug letters from,
    # alone, after ASCII, upper and lower case, with a trailing "/" and percent-encoded, with
    # and without the scheme.
    chars = [chr(c) for c in (*range(0x80, 0x600), 0x1E9E, 0x2126, 0x212A, 0x212B)]
    values: list[str] = []
    for base in ("https://www.linkedin.com/in/", "www.linkedin.com/in/"):
        values += [base + c for c in chars] + [f"{base}a-{c}-1" for c in chars]
        values += [f"{base}{c.upper()}x" for c in chars] + [f"{base}é{c}/" for c in chars]
        values += [f"{base}{quote(c)}" for c in chars] + [f"{base}--{c}?trk=1" for c in chars]
        values += [f"{base}-.{c}~" for c in chars] + [base + "-", base + "a", base]
    series = pl.Series("u", values, dtype=pl.String)
    expected = [normalise_url(value) for value in values]
    assert normalise_url_series(series).to_list() == expected
    assert normalise_url_series(series.cast(pl.Categorical)).to_list() == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.text(max_size=12).map(lambda slug: "https://www.linkedin.com/in/" + slug),
            st.text(max_size=40),
        ),
        max_size=10,
    )
)
def test_url_series_equals_the_scalar_normaliser(values: list[str | None]) -> None:
    def parses(value: str | None) -> bool:
        try:
            normalise_url(value)
        except ValueError:  # urlsplit refuses some ("[": an unclosed IPv6 host), both ways
            return False
        return True

    values = [value for value in values if parses(value)]
    series = pl.Series("u", values, dtype=pl.String)
    assert normalise_url_series(series).to_list() == [normalise_url(v) for v in values]


def _month_year_alone(value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    parsed = parse_date(pl.Series("d", [value], dtype=pl.String))[0]
    assert parsed is None or isinstance(parsed, date)
    return parsed


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.sampled_from(
                ["Jun 2018", "June 2018", "2019", "Mar 2020", "03/2020", "2020-05-01", " ", "",
                 "1/2/23", "12 Jan 2021", "Jan 5, 2021", "x", "31.12.2020", "7-Feb-21"]
            ),
            st.text(max_size=8),
        ),
        max_size=10,
    )
)  # fmt: skip
def test_month_years_parsed_together_equal_one_by_one(values: list[str | None]) -> None:
    assert parse_month_years(values) == [_month_year_alone(value) for value in values]


def _url_by_the_general_parse(url: str | None) -> str | None:
    """`normalise_url` without its fast paths: the parse they must agree with."""
    if url is None or url.strip().lower() in {"", "na", "n/a", "null", "none"}:
        return None
    value = unquote(url.strip()).strip().lower()
    if "://" not in value:
        value = "https://" + value.lstrip("/")
    parts = urlsplit(value)
    host = parts.netloc
    if host == "linkedin.com" or host.endswith(".linkedin.com"):
        host = "www.linkedin.com"
    path = parts.path.rstrip("/")
    if host != "www.linkedin.com" or not re.fullmatch(
        r"/(?:in|pub)/[^/\s?#]*\w[^/\s?#]*(?:/[^/\s?#]+)*", path
    ):
        return None
    return f"https://{host}{path}"


_SLUGS = st.lists(
    st.sampled_from(
        ["a", "Z", "-", ".", "~", "_", "1", "ł", "é", "Σ", "%C5%82", "%2F", "%3F", "%23", "%20",
         "%", "%zz", "/", "?x=1", "#f", " ", "\t", "\x1c", "\u00a0", "ß", "İ"]
    ),
    max_size=8,
).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(
        ["https://www.linkedin.com/in/", "www.linkedin.com/in/", "HTTPS://NL.linkedin.com/in/",
         "https://www.linkedin.com/pub/", " https://www.linkedin.com/in/", "http://x.com/in/"]
    ),
    _SLUGS,
)  # fmt: skip
def test_url_fast_paths_agree_with_the_general_parse(base: str, slug: str) -> None:
    url = base + slug
    if not (_CANONICAL_URL.fullmatch(url)):  # the canonical shortcut predates this work
        assert normalise_url.__wrapped__(url) == _url_by_the_general_parse(url)


# --- the owner's URL and name, from distinct (thread, cell) code pairs ------------------------

_RUST_WHITESPACE = "".join(char for char in PY_WHITESPACE if char not in "\x1c\x1d\x1e\x1f")


def _owner_one_by_one(rows: list[tuple[str | None, ...]]) -> tuple[str | None, str | None]:
    """The owner's URL and name as stated before: distinct (thread, URL) pairs counted per
    normalised URL, the name most often beside a distinct raw URL cell that is the owner's."""
    seen: set[tuple[str, str]] = set()
    for thread, sender, cell, _ in rows:
        if thread is None:
            continue
        urls = [sender] if sender is not None else []
        if cell is not None:
            urls += [piece.strip(_RUST_WHITESPACE) for piece in cell.replace(";", ",").split(",")]
        seen |= {(thread, url) for url in map(normalise_url, urls) if url is not None}
    threads: dict[str, set[str]] = {}
    for thread, url in seen:
        threads.setdefault(url, set()).add(thread)
    if not threads:
        return None, None
    url = min(threads, key=lambda key: (-len(threads[key]), key))
    pairs = {(sender, name) for _, sender, _, name in rows if sender and name is not None}
    counts: dict[str, int] = {}
    for sender, name in pairs:
        if normalise_url(sender) == url:
            counts[name] = counts.get(name, 0) + 1
    name = min(counts, key=lambda key: (-counts[key], key)) if counts else None
    return url, name


# Seven raw cells of one profile: the owner's name is then read over all their rows at once.
_ME = [
    "https://www.linkedin.com/in/me",
    "https://www.linkedin.com/in/me/",
    "www.linkedin.com/in/me",
    "HTTPS://NL.linkedin.com/in/ME",
    "https://www.linkedin.com/in/me?x=1",
    "https://linkedin.com/in/me#a",
    " https://www.linkedin.com/in/me",
]
_OTHERS = ["https://www.linkedin.com/in/ann", "https://www.linkedin.com/in/bo%C5%82", "-", ""]
_CELLS = st.tuples(
    st.sampled_from([",", ";", ", "]), st.lists(st.sampled_from(_ME + _OTHERS), max_size=3)
).map(lambda cell: cell[0].join(cell[1]))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["t1", "t2", "t3", None]),
            st.one_of(st.none(), st.sampled_from(_ME + _OTHERS)),
            st.one_of(st.none(), _CELLS),
            st.sampled_from(["Me", "Me Too", "Ann", "Bo", None]),
        ),
        max_size=25,
    )
)  # fmt: skip
def test_owner_url_and_name_equal_the_one_by_one_count(rows: list[tuple[str | None, ...]]) -> None:
    frame = pl.DataFrame(
        rows,
        schema=["CONVERSATION ID", "SENDER PROFILE URL", "RECIPIENT PROFILE URLS", "FROM"],
        orient="row",
    ).cast(pl.Categorical)
    table = Table(frame, tuple(frame.columns), "utf-8", ",")
    assert _url_by_conversations(table) == _owner_one_by_one(rows)


def test_owner_name_read_over_many_raw_cells_of_one_url() -> None:
    rows: list[tuple[str | None, ...]] = [
        ("t1", url, None, "Me" if number % 3 else "Me Too") for number, url in enumerate(_ME)
    ]
    rows.append(("t2", _OTHERS[0], _ME[0], "Ann"))
    frame = pl.DataFrame(
        rows,
        schema=["CONVERSATION ID", "SENDER PROFILE URL", "RECIPIENT PROFILE URLS", "FROM"],
        orient="row",
    ).cast(pl.Categorical)
    table = Table(frame, tuple(frame.columns), "utf-8", ",")
    assert _url_by_conversations(table) == _owner_one_by_one(rows)
    assert _url_by_conversations(table) == ("https://www.linkedin.com/in/me", "Me")


# --- participants per thread ------------------------------------------------------------------

_OWNER = "https://www.linkedin.com/in/mo-vint"


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["t1", "t2", "t3"]),
            st.sampled_from([(_OWNER, "Mo Vint"), (None, "Ann Lee "), (None, "ann lee"),
                             ("https://www.linkedin.com/in/ann", "Ann Lee"), (None, "Bo"),
                             (None, "Mo Vint, PhD")]),
            st.one_of(st.none(), st.lists(_TO_PIECES, max_size=4).map("".join)),
            st.one_of(st.none(), st.lists(_URL_PIECES, max_size=3).map("".join)),
        ),
        min_size=1,
        max_size=15,
    ),
    st.booleans(),
)  # fmt: skip
def test_participants_count_senders_and_every_addressee(
    rows: list[tuple[str, tuple[str | None, str], str | None, str | None]], url_column: bool
) -> None:
    if not url_column:  # the 2021..2023 files: recipients from TO alone
        rows = [(thread, sender, to, None) for thread, sender, to, _ in rows]
    csv = pl.DataFrame(
        [
            {
                "CONVERSATION ID": thread,
                "FROM": sender,
                "SENDER PROFILE URL": url,
                "TO": to,
                "RECIPIENT PROFILE URLS": urls,
                "DATE": f"2024-01-01 10:{number:02d}:00 UTC",
                "CONTENT": f"message {number}",
                "FOLDER": "INBOX",
            }
            for number, (thread, (url, sender), to, urls) in enumerate(rows)
        ],
        schema={name: pl.String for name in (
            "CONVERSATION ID", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS",
            "DATE", "CONTENT", "FOLDER")},
    )  # fmt: skip
    if not url_column:
        csv = csv.drop("RECIPIENT PROFILE URLS")
    table = Table(csv, tuple(csv.columns), "utf-8", ",")
    result = read_messages(
        table, "messages.csv", owner_url=_OWNER, owner_names={"mo vint"}, known_names=set()
    )
    found = dict(result.events.select("thread_id", "participants").unique().iter_rows())
    keys: dict[str, set[str]] = {}
    for thread, (url, sender), to, urls in rows:
        people = _recipients_one_by_one(to, urls, _OWNER, {"mo vint"}, set())
        mine = url == _OWNER or (url is None and normalise_name(sender) == "mo vint")
        if mine and not people:
            continue  # the owner's message to nobody is skipped
        seen = keys.setdefault(thread, set())
        seen.add(normalise_url(url) or "n:" + sender.strip(_RUST_WHITESPACE).lower())
        seen |= {address or "n:" + (name or "").lower() for address, name in people}
    expected = {thread: len(seen - {_OWNER}) + 1 for thread, seen in keys.items()}
    assert found == expected
