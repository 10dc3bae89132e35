"""The fast paths of the reader give exactly what the plain computations give."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal, assert_series_equal

from netscan.ingest.frames import duplicate_flags, duplicate_rows
from netscan.ingest.identity import normalise_name, normalise_url, normalise_url_series
from netscan.ingest.merge_events import sort_order, sorted_events, time_order
from netscan.ingest.messages import split_to
from netscan.model import EVENT_ORDER, EVENTS


def test_duplicate_flags_match_whole_row_comparison() -> None:
    frame = pl.DataFrame(
        {
            "a": ["x", "x", None, None, "y", "x", "x"],
            "b": [1, 1, None, None, 2, 2, 1],
            "c": ["p", "p", "q", "q", "r", "p", "p"],
        }
    ).with_columns(pl.col("c").cast(pl.Categorical))
    flags = duplicate_flags(frame)
    assert flags.to_list() == [False, True, False, True, False, False, True]
    assert flags.to_list() == frame.select(duplicate_rows(frame.columns)).to_series().to_list()
    assert duplicate_flags(frame.clear()).to_list() == []


def _event(minute: int | None, contact: str, thread: str | None, length: int | None) -> dict:
    at = None if minute is None else datetime(2025, 1, 1, 12, minute, tzinfo=UTC)
    return {
        "contact_id": contact,
        "kind": "message",
        "direction": "out",
        "at": at,
        "thread_id": thread,
        "participants": 3,
        "length": length,
        "has_note": None,
        "source": "messages.csv",
    }


def test_sorted_events_equal_a_full_sort_with_ties_and_nulls() -> None:
    rows = [
        _event(5, "u:b", "t1", 10),
        _event(1, "u:z", "t2", None),
        _event(5, "u:a", "t1", 10),
        _event(None, "u:c", None, 3),
        _event(5, "u:a", "t0", 7),
        _event(3, "u:a", "t1", 1),
        _event(None, "u:a", "t9", None),
        _event(5, "u:a", "t0", None),
    ]
    events = pl.DataFrame(rows, schema=EVENTS)
    expected = events.sort(list(EVENT_ORDER), nulls_last=True)
    assert_frame_equal(sorted_events(events), expected)
    assert sorted_events(events).get_column("contact_id").to_list() == [
        "u:z", "u:a", "u:a", "u:a", "u:a", "u:b", "u:a", "u:c",
    ]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(0, 4)),
            st.sampled_from(["u:a", "u:b", "u:c"]),
            st.one_of(st.none(), st.sampled_from(["t1", "t2"])),
            st.one_of(st.none(), st.integers(0, 3)),
        ),
        max_size=40,
    )
)
def test_sorted_events_property(rows: list[tuple[int | None, str, str | None, int | None]]) -> None:
    events = pl.DataFrame([_event(*row) for row in rows], schema=EVENTS)
    assert_frame_equal(sorted_events(events), events.sort(list(EVENT_ORDER), nulls_last=True))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.integers(0, 4)),
            st.sampled_from(["u:a", "u:b", "u:c"]),
            st.one_of(st.none(), st.sampled_from(["t1", "t10", "t2"])),
            st.one_of(st.none(), st.integers(0, 3)),
        ),
        max_size=40,
    ),
    st.data(),
)
def test_sort_order_on_contact_ranks_and_a_subset(
    rows: list[tuple[int | None, str, str | None, int | None]], data: st.DataObject
) -> None:
    """As merge calls it: contacts as their rank among the sorted ids, thread ids dictionary-
    encoded, and only some rows (the owner's own mentions left out)."""
    events = pl.DataFrame([_event(*row) for row in rows], schema=EVENTS)
    keep = data.draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    subset = pl.Series([number for number, kept in enumerate(keep) if kept], dtype=pl.UInt32)
    ranked = events.with_columns(
        pl.col("contact_id").rank("dense").cast(pl.UInt32), pl.col("thread_id").cast(pl.Categorical)
    )
    expected = events[subset].sort(list(EVENT_ORDER), nulls_last=True)
    assert_frame_equal(events[sort_order(ranked, subset)], expected)
    # As merge calls it: the time order of every event made beforehand (on a helper thread).
    timed = time_order(ranked.get_column("at"))
    assert_frame_equal(events[sort_order(ranked, subset, timed)], expected)
    assert_frame_equal(events[sort_order(ranked, timed=timed)], sorted_events(events))


def test_canonical_url_fast_path_agrees_with_the_general_parse() -> None:
    values = [
        "https://www.linkedin.com/in/ada-quill",
        "https://www.linkedin.com/in/ada-quill/",
        "HTTPS://NL.linkedin.com/in/Ada-Quill?trk=x",
        "www.linkedin.com/in/zo%C3%AB-m",
        "https://www.linkedin.com/in/zoë-m",
        " https://www.linkedin.com/in/bo ",
        "N/A",
        None,
    ]
    series = pl.Series("u", values, dtype=pl.String)
    assert_series_equal(
        normalise_url_series(series),
        pl.Series("u", [normalise_url(v) for v in values], dtype=pl.String),
    )
    assert normalise_url("https://www.linkedin.com/in/ada-quill") == (
        "https://www.linkedin.com/in/ada-quill"
    )
    assert normalise_url("HTTPS://NL.linkedin.com/in/Ada-Quill?trk=x") == (
        "https://www.linkedin.com/in/ada-quill"
    )


def test_names_with_symbols_marks_and_credentials() -> None:
    assert normalise_name(" Zoë  Müller, PhD 🚀") == "zoe muller"
    assert normalise_name("Ada^Quill`, CFA, CPA") == "adaquill"
    assert normalise_name("Ａｄａ Ｑｕｉｌｌ") == "ada quill"


def test_to_cell_without_bare_comma_is_one_name() -> None:
    assert split_to("  Jane Doe, PhD ", set()) == ["Jane Doe, PhD"]
    assert split_to("Ada Quill,Bo Reed", set()) == ["Ada Quill", "Bo Reed"]
    assert split_to("Ada Quill,Bo Reed", {"ada quill bo reed"}) == ["Ada Quill,Bo Reed"]
