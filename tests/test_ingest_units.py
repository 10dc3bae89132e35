"""Identity normalisation, date shapes, decoding, message recipients, owner inference."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pytest

from netscan.ingest import load_exports
from netscan.ingest.dates import parse_datetime, parse_month_year
from netscan.ingest.decode import read_table
from netscan.ingest.identity import (
    make_contact_id,
    normalise_email,
    normalise_name,
    normalise_url,
)
from netscan.ingest.messages import split_to
from netscan.model import CONTACTS, EVENTS

EDGE = Path(__file__).resolve().parent.parent / "sample_exports" / "edge"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "https://www.linkedin.com/in/c%C3%A9lia-varga/",
            "https://www.linkedin.com/in/célia-varga",
        ),
        ("www.linkedin.com/in/Bram-Osterholt", "https://www.linkedin.com/in/bram-osterholt"),
        ("http://nl.linkedin.com/in/abc?trk=x", "https://www.linkedin.com/in/abc"),
        ("", None),
        (None, None),
        ("  ", None),
    ],
)
def test_normalise_url(raw: str | None, expected: str | None) -> None:
    assert normalise_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" Zoë  Müller, PhD 🚀", "zoe muller"),
        ("Jane Doe, CFA, CPA", "jane doe"),
        ("Ann Hwang, MSPH", "ann hwang"),
        ("Kim Sol,Lea Tull", "kim sol lea tull"),
        ("🌟", None),
        (None, None),
    ],
)
def test_normalise_name(raw: str | None, expected: str | None) -> None:
    assert normalise_name(raw) == expected


def test_normalise_email_and_ids() -> None:
    assert normalise_email(" Ulf@Example.COM ") == "ulf@example.com"
    assert normalise_email("NA") is None
    url_id = make_contact_id("www.linkedin.com/in/A/", "x@y.zz", "A")
    assert url_id == make_contact_id("https://www.linkedin.com/in/a", None, None)
    assert url_id.startswith("u:") and len(url_id) == 14
    assert make_contact_id(None, "X@y.zz", "A").startswith("e:")
    assert make_contact_id(None, None, "Jane Doe, PhD") == make_contact_id(None, None, "jane doe")
    with pytest.raises(ValueError):
        make_contact_id(None, "", " ")


@pytest.mark.parametrize("placeholder", ["-", "0", "x", "unknown", "n/a", "a@b", "@x.org", "x@"])
def test_placeholders_identify_nobody(placeholder: str) -> None:
    """Issue 12 §19: only well-formed profile URLs and e-mail addresses identify people."""
    assert normalise_url(placeholder) is None
    assert normalise_email(placeholder) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/company/acme",
        "https://evil.example/in/ada",
        "https://www.linkedin.com/in/",
        "https://www.linkedin.com/",
    ],
)
def test_only_profile_urls_are_identities(url: str) -> None:
    assert normalise_url(url) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("9-Sep-22", datetime(2022, 9, 9, tzinfo=UTC)),
        ("27.11.2020", datetime(2020, 11, 27, tzinfo=UTC)),
        ("1/8/18, 6:14 PM", datetime(2018, 1, 8, 18, 14, tzinfo=UTC)),
        ("2019-11-06T02:08:20", datetime(2019, 11, 6, 2, 8, 20, tzinfo=UTC)),
        ("2022-09-08 18:08:14 UTC", datetime(2022, 9, 8, 18, 8, 14, tzinfo=UTC)),
        ("2020/06/09 00:53:47 UTC", datetime(2020, 6, 9, 0, 53, 47, tzinfo=UTC)),
        ("09 Sep 2022", datetime(2022, 9, 9, tzinfo=UTC)),
        ("04/15/24, 09:25 PM", datetime(2024, 4, 15, 21, 25, tzinfo=UTC)),
        ("Tue Aug 30 14:33:11 UTC 2022", datetime(2022, 8, 30, 14, 33, 11, tzinfo=UTC)),
        ("Jun 2018", datetime(2018, 6, 1, tzinfo=UTC)),
        ("2019", datetime(2019, 1, 1, tzinfo=UTC)),
        ("yesterday", None),
        (None, None),
    ],
)
def test_every_date_shape(raw: str | None, expected: datetime | None) -> None:
    assert parse_datetime(pl.Series("d", [raw], dtype=pl.String))[0] == expected


def test_mixed_shapes_in_one_column_and_month_year() -> None:
    parsed = parse_datetime(pl.Series("d", ["9-Sep-22", "20 Nov 2018", "junk"]))
    assert parsed.to_list() == [
        datetime(2022, 9, 9, tzinfo=UTC),
        datetime(2018, 11, 20, tzinfo=UTC),
        None,
    ]
    assert parse_month_year("Jun 2018") == date(2018, 6, 1)
    assert parse_month_year("") is None


def test_decode_utf16_tab_and_cp1252_semicolon() -> None:
    utf16 = '"A"\t"B"\r\n"ü"\t"x, y"\r\n'.encode("utf-16")
    table = read_table(utf16, "t.csv")
    assert (table.separator, table.encoding) == ("\t", "utf-16-le")
    assert table.frame.rows() == [("ü", "x, y")]
    cp = "First Name;Connected on\r\nSøren;27.11.2020\r\n".encode("cp1252")
    table = read_table(cp, "c.csv")
    assert table.separator == ";"
    assert table.frame.rows() == [("Søren", "27.11.2020")]


def test_quoted_newlines_in_content_are_one_row() -> None:
    data = b'"A","CONTENT"\n"1","line one\nline two"\n"2",""\n'
    table = read_table(data, "m.csv")
    assert table.frame.rows() == [("1", "line one\nline two"), ("2", None)]


def test_split_to_heuristic() -> None:
    known = {"bram osterholt"}
    assert split_to("Bram Osterholt, CFA, CPA", known) == ["Bram Osterholt, CFA, CPA"]
    assert split_to("Kim Sol,Lea Tull", set()) == ["Kim Sol", "Lea Tull"]
    assert split_to("", known) == []


def test_modern_export_events_and_owner() -> None:
    export = load_exports([EDGE / "modern_folder"])
    assert export.contacts.schema == CONTACTS
    assert export.events.schema == EVENTS
    assert export.owner.name == "Mira Testa"
    assert export.owner.profile_url == "https://www.linkedin.com/in/mira-testa"
    assert export.owner.positions[0].started == date(2018, 6, 1)
    assert export.owner.positions[1].finished == date(2018, 5, 1)
    assert export.newest == date(2026, 3, 5)
    assert export.oldest == date(2023, 1, 2)
    owner_ids = export.contacts.filter(pl.col("full_name") == "Mira Testa")
    assert owner_ids.height == 0
    messages = export.events.filter(pl.col("kind") == "message")
    group = messages.filter(pl.col("thread_id") == "2-BBB=")
    # The owner's group message goes to two recipients from the URL column, although TO has
    # five comma-separated pieces ("Bram Osterholt, CFA, CPA,Célia Varga").
    assert group.filter(pl.col("direction") == "out").height == 2
    assert set(group.get_column("participants").to_list()) == {3}
    welcome = messages.filter(pl.col("at") == datetime(2026, 3, 5, 10, tzinfo=UTC))
    assert welcome.get_column("length").to_list() == [len("Hi & welcome")]
    invites = export.events.filter(pl.col("kind") == "invitation").sort("at")
    assert invites.select("direction", "has_note").rows() == [("in", False), ("out", True)]
    rates = export.match_rates
    assert (rates.by_url, rates.by_email, rates.by_name, rates.unmatched) == (3, 0, 2, 2)


def test_nine_column_era_recipients_and_owner_with_credential() -> None:
    export = load_exports([EDGE / "messages_9col"])
    assert export.owner.name == "Mo Vint, PhD"
    names = dict(export.contacts.select("contact_id", "full_name").iter_rows())
    out = export.events.filter(pl.col("direction") == "out")
    assert sorted(names[cid] for cid in out.get_column("contact_id")) == [
        "Jon Rask, MBA",
        "Kim Sol",
        "Lea Tull",
    ]


def test_hostile_values_are_kept_as_text_and_duplicates_merge() -> None:
    export = load_exports([EDGE / "connections_duplicates_hostile.csv"])
    cai = export.contacts.filter(pl.col("first_name") == "Cai")
    assert cai.select("company", "position").rows() == [
        ('=HYPERLINK("http://x")', "<script>alert(1)</script>")
    ]
    emil = export.contacts.filter(pl.col("first_name") == "Emil")
    assert emil.get_column("connected_on").to_list() == [None]
    assert any("could not read" in warning for warning in export.warnings)


def test_two_exports_of_one_person_merge() -> None:
    one = load_exports([EDGE / "connections_2018_us_dates.csv"])
    both = load_exports([EDGE / "connections_2018_us_dates.csv", EDGE / "address_book_2018"])
    assert one.contacts.height == 2
    assert both.contacts.filter(pl.col("in_network")).height == 3
    assert len(both.inputs) == 2
