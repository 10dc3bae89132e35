"""Diagnosis fast paths equal the plain computations they replace (same values, same order).

- imputed ties made by a polars self-join = the pair-by-pair dictionary they replaced;
- clusters from the employer groups and thread cliques = clusters from every edge;
- densities and Burt measures over one edge frame (contact ids or node numbers) = over the
  edge mapping;
- threads aggregated per thread = the old global sort by (thread, time, direction, contact).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.companies import company_key
from netscan.diagnosis import events as event_summary
from netscan.diagnosis import structure
from netscan.diagnosis.events import summarise_events
from netscan.ingest.dates import first_distinct
from netscan.model import EVENTS, Owner, Position
from tests.diagnosis_builders import ev, events_frame

Edges = dict[tuple[str, str], float]


def _plain_edges(members: list[str], weight: float, edges: dict[tuple[str, str], float]) -> int:
    added = 0
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            key = (a, b) if a < b else (b, a)
            if edges.get(key, 0.0) < weight:
                edges[key] = weight
            added += 1
    return added


def _plain_impute(
    alters: Sequence[structure.Alter], events: pl.DataFrame, owner: Owner, as_of: date
) -> tuple[Edges, dict[str, int], dict[str, frozenset[str]], list[tuple[str, int]],
           list[list[str]]]:
    """The imputation as it was written before polars made it: one dictionary entry per pair."""
    edges: Edges = {}
    evidence = {"group-thread": 0, "shared-employer": 0, "former-colleagues": 0}
    foci: dict[str, set[str]] = {}
    skipped: list[tuple[str, int]] = []
    cliques: list[list[str]] = []
    keep = {a.contact_id for a in alters}
    threads = (
        events.filter(
            (pl.col("kind") == "message")
            & (pl.col("participants") > 2)
            & pl.col("thread_id").is_not_null()
        )
        .group_by("thread_id")
        .agg(pl.col("contact_id").unique().sort())
        .sort("thread_id")
    )
    for _thread, members in threads.iter_rows():
        inside = [m for m in members if m in keep]
        if len(inside) >= 2:
            evidence["group-thread"] += _plain_edges(inside, 1.0, edges)
            cliques.append(inside)
    by_employer: dict[str, list[structure.Alter]] = {}
    for alter in alters:
        key = company_key(alter.company)
        if key:
            by_employer.setdefault(key, []).append(alter)
    tenures = [
        (company_key(p.company), p.started, p.finished or as_of)
        for p in owner.positions
        if company_key(p.company)
    ]
    for key in sorted(by_employer):
        group = by_employer[key]
        if len(group) < 2:
            continue
        if len(group) > structure.MAX_EMPLOYER_CLIQUE:
            skipped.append((group[0].company, len(group)))
            continue
        ids = sorted(a.contact_id for a in group)
        evidence["shared-employer"] += _plain_edges(
            ids, structure.employer_weight(len(ids)), edges
        )
        cliques.append(ids)
        for contact_id in ids:
            foci.setdefault(contact_id, set()).add(f"employer:{key}")
        for company, started, finished in tenures:
            if company != key:
                continue
            during = sorted(
                a.contact_id
                for a in group
                if a.connected_on is not None
                and (started is None or a.connected_on >= started)
                and a.connected_on <= finished
            )
            if len(during) >= 2:
                evidence["former-colleagues"] += _plain_edges(during, 0.75, edges)
    return edges, evidence, {k: frozenset(v) for k, v in foci.items()}, skipped, cliques


def _random_network(
    seed: int,
) -> tuple[list[structure.Alter], pl.DataFrame, Owner]:
    rng = random.Random(seed)
    n = rng.randint(0, 60)
    ids = [f"c{i:03d}" for i in rng.sample(range(200), n)]
    companies = ["Acme B.V.", "acme", "Initech", "Hooli", "Umbrella", "", "Globex Inc."]
    alters = [
        structure.Alter(
            cid,
            rng.choice(companies),
            rng.choice([None, date(2012, 5, 1), date(2016, 3, 1), date(2021, 8, 1)]),
            0.3,
            "weak",
        )
        for cid in ids
    ]
    rows = []
    people = [*ids, "x-latent", "y-latent"]
    for t in range(rng.randint(0, 8)):
        size = rng.randint(1, 6)
        for cid in rng.sample(people, min(size, len(people))):
            rows.append(
                ev(cid, date(2024, 1, 1 + t), thread=f"g{t}", participants=rng.choice([2, 3, 5]))
            )
    owner = Owner(
        name="O",
        positions=(
            Position("Acme", "Engineer", date(2011, 1, 1), date(2017, 1, 1)),
            Position("ACME B.V.", "Lead", None, date(2013, 1, 1)),
            Position("Hooli", "Lead", date(2020, 1, 1), None),
        ),
    )
    return alters, events_frame(rows), owner


def test_imputed_ties_equal_the_pair_by_pair_dictionary() -> None:
    as_of = date(2026, 1, 1)
    for seed in range(60):
        alters, events, owner = _random_network(seed)
        edges, evidence, foci, skipped, cliques = _plain_impute(alters, events, owner, as_of)
        imputed = structure.impute_ties(alters, events, owner, as_of=as_of)
        assert imputed.pairs() == edges
        assert list(imputed.pairs()) == sorted(edges)
        assert dict(imputed.evidence) == evidence
        assert dict(imputed.foci) == foci
        assert list(imputed.skipped_large) == skipped
        nodes = sorted(a.contact_id for a in alters)
        expected = structure.clusters(nodes, edges)
        # The clusters again, from the cliques alone (every clique is connected).
        assert structure.clusters(nodes, {pair: 1.0 for c in cliques
                                          for pair in itertools.pairwise(c)}) == expected
        clusters = structure.cluster_of(imputed).with_columns(contact_id=imputed.alters)
        size = dict(clusters.select("contact_id", "size").iter_rows())
        assert size == {cid: len(part) for part in expected for cid in part}
        assert clusters.get_column("cluster").n_unique() == len(expected)


def test_imputed_ties_skip_large_employers_like_the_dictionary(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(structure, "MAX_EMPLOYER_CLIQUE", 3)
    for seed in range(20):
        alters, events, owner = _random_network(seed)
        edges, evidence, _foci, skipped, _ = _plain_impute(alters, events, owner, date(2026, 1, 1))
        imputed = structure.impute_ties(alters, events, owner, as_of=date(2026, 1, 1))
        assert imputed.pairs() == edges
        assert dict(imputed.evidence) == evidence
        assert list(imputed.skipped_large) == skipped


def test_imputed_ties_from_a_given_employer_key_equal_those_from_the_companies(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # diagnose passes its ties with `employer_key` (company_key, "" for none) already made.
    monkeypatch.setattr(structure, "MAX_EMPLOYER_CLIQUE", 4)
    as_of = date(2026, 1, 1)
    for seed in range(30):
        alters, events, owner = _random_network(seed)
        threads = summarise_events(events).threads
        frame = structure.alters_frame(alters)
        keyed = frame.with_columns(
            employer_key=pl.col("company").map_elements(company_key, return_dtype=pl.String)
        )
        plain = structure.impute_ties_frame(frame, threads, owner, as_of=as_of)
        given = structure.impute_ties_frame(keyed, threads, owner, as_of=as_of)
        assert given.edges.equals(plain.edges)
        assert given.groups.equals(plain.groups)
        assert (given.evidence, given.foci, given.skipped_large, given.threads) == (
            plain.evidence, plain.foci, plain.skipped_large, plain.threads
        )


def test_links_among_a_subset() -> None:
    alters, events, owner = _random_network(3)
    imputed = structure.impute_ties(alters, events, owner, as_of=date(2026, 1, 1))
    pairs = imputed.pairs()
    chosen = sorted(a.contact_id for a in alters)[::2]
    inside = {(a, b) for a, b in pairs if a in chosen and b in chosen}
    assert imputed.pairs_among(chosen) == inside
    assert imputed.linked_among(chosen) == {x for pair in inside for x in pair}


def _clique_graph(seed: int) -> tuple[list[str], Edges]:
    rng = random.Random(seed)
    nodes = [f"c{i:03d}" for i in range(rng.randint(1, 70))]
    edges: dict[tuple[str, str], float] = {}
    for _ in range(rng.randint(0, 12)):
        members = sorted(rng.sample(nodes, rng.randint(1, min(8, len(nodes)))))
        _plain_edges(members, rng.choice([1.0, 0.75, 0.46, 0.24]), edges)
    return nodes, edges


def test_density_and_burt_over_frames_equal_the_edge_versions() -> None:
    for seed in range(40):
        nodes, edges = _clique_graph(seed)
        rng = random.Random(seed)
        weights = {n: rng.choice([0.05, 0.3, 0.8, 1.0]) for n in nodes}
        subset = {n: w for n, w in weights.items() if w >= 0.3}
        frame = structure.edge_frame(edges)
        # The same graph with nodes numbered in id order, as diagnose measures it.
        number = {n: i for i, n in enumerate(sorted(nodes))}
        numbered = frame.select(
            src=pl.col("src").replace_strict(number, return_dtype=pl.UInt32),
            dst=pl.col("dst").replace_strict(number, return_dtype=pl.UInt32),
            w="w",
        )
        for chosen in (weights, subset):
            assert structure.density_frame(chosen, frame) == structure.density(chosen, edges)
            measures = structure.burt_measures(chosen, edges)
            assert structure.burt_measures_frame(chosen, frame) == measures
            ids = pl.Series([number[n] for n in chosen], dtype=pl.UInt32)
            assert structure.density_nodes(ids, numbered) == structure.density(chosen, edges)
            by_number = pl.DataFrame(
                {"node": ids, "ego": list(chosen.values())},
                schema={"node": pl.UInt32, "ego": pl.Float64},
            )
            numbered_measures = structure.burt_measures_nodes(by_number, numbered)
            assert numbered_measures.alters == measures.alters
            assert numbered_measures.effective_size == pytest.approx(measures.effective_size)
            assert numbered_measures.constraint == pytest.approx(measures.constraint)


def _old_threads(events: pl.DataFrame) -> pl.DataFrame:
    messages = events.filter((pl.col("kind") == "message") & pl.col("thread_id").is_not_null())
    return (
        messages.sort(["thread_id", "at", "direction", "contact_id"])
        .group_by("thread_id", maintain_order=True)
        .agg(
            pl.col("direction").first().alias("first_direction"),
            pl.col("contact_id").first().alias("first_contact"),
            (pl.col("direction") == "out").any().alias("owner_wrote"),
            pl.col("participants").max().alias("participants"),
            pl.col("at").min().alias("started"),
            pl.col("contact_id").drop_nulls().unique().sort().alias("members"),
            pl.col("contact_id")
            .filter(pl.col("participants") > 2)
            .drop_nulls()
            .unique()
            .sort()
            .alias("group_members"),
        )
        # Member lists are kept for group threads only (all that reads them).
        .with_columns(
            members=pl.when(pl.col("participants") > 2)
            .then("members")
            .otherwise(pl.lit([], dtype=pl.List(pl.String)))
        )
        .sort(["started", "thread_id"])
    )


def test_a_thread_merged_from_two_exports_lists_every_member() -> None:
    # The newer export counts 3 participants; the older one could not tell (null).
    events = events_frame(
        [
            ev("a", date(2025, 1, 1), thread="g", participants=3),
            ev("b", date(2025, 1, 2), thread="g", participants=None),
            ev("c", date(2025, 1, 3), thread="t", participants=2),
        ]
    )
    threads = summarise_events(events).threads
    assert threads.select("thread_id", "members", "group_members").rows() == [
        ("g", ["a", "b"], ["a"]),
        ("t", [], []),
    ]
    assert threads.equals(_old_threads(events))


START = datetime(2025, 1, 1, tzinfo=UTC)
ROW = st.tuples(
    st.sampled_from(["a", "b", "c", None]),
    st.sampled_from(["message", "message", "invitation"]),
    st.sampled_from(["in", "out"]),
    st.one_of(st.none(), st.integers(0, 4)),  # hours: few values, so times tie often
    st.sampled_from(["t1", "t2", "t3", None]),
    st.one_of(st.none(), st.integers(2, 5)),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(ROW, max_size=25))
def test_threads_per_thread_equal_the_global_sort(rows: list[tuple[object, ...]]) -> None:
    events = pl.DataFrame(
        {
            "contact_id": [r[0] for r in rows],
            "kind": [r[1] for r in rows],
            "direction": [r[2] for r in rows],
            "at": [None if r[3] is None else START + timedelta(hours=int(str(r[3]))) for r in rows],
            "thread_id": [r[4] for r in rows],
            "participants": [r[5] for r in rows],
            "length": [1] * len(rows),
            "has_note": [None] * len(rows),
            "source": ["messages.csv"] * len(rows),
        },
        schema=EVENTS,
    )
    assert summarise_events(events).threads.equals(_old_threads(events))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "c", "d", "e", "f", "g"])),
             max_size=120),
    st.integers(0, 9),
)
def test_first_distinct_equals_unique_of_the_whole_column(values: list[str | None], n: int) -> None:
    column = pl.Series("d", values, dtype=pl.String)
    expected = column.drop_nulls().unique(maintain_order=True).head(n)
    assert first_distinct(column, n).to_list() == expected.to_list()


def test_daily_counts_keyed_by_thread_hash_equal_those_keyed_by_thread_id() -> None:
    rng = random.Random(5)
    rows = [
        ev(
            rng.choice(["a", "b", "c"]),
            date(2025, 1, rng.randint(1, 3)),
            direction=rng.choice(["in", "out"]),
            thread=rng.choice(["t1", "t2", "g", None]),
            participants=rng.choice([2, 4]),
            hour=rng.randint(0, 2),
        )
        for _ in range(200)
    ]
    events = events_frame(rows)
    threads = summarise_events(events).threads.get_column("thread_id")
    key = event_summary._thread_key(threads)
    hashed = event_summary._daily(events, key).sort("day", "direction")
    plain = event_summary._daily(events, pl.col("thread_id")).sort("day", "direction")
    assert hashed.equals(plain)
    # Two ids with one hash (forced here by repeating an id) fall back to the ids themselves.
    assert str(event_summary._thread_key(pl.Series(["t1", "t1"]))) == str(pl.col("thread_id"))


def test_burt_over_nodes_numbered_by_row_equals_the_joined_path() -> None:
    # Nodes 0..n-1 in row order skip the joins that map a node to its row; the same graph with
    # every node shifted by one (so the joins run) must give the same floats, and an edge to a
    # node outside `nodes` is dropped on both paths.
    for seed in range(20):
        nodes, edges = _clique_graph(seed)
        rng = random.Random(seed)
        number = {n: i for i, n in enumerate(sorted(nodes))}
        frame = structure.edge_frame(edges).select(
            src=pl.col("src").replace_strict(number, return_dtype=pl.UInt32),
            dst=pl.col("dst").replace_strict(number, return_dtype=pl.UInt32),
            w="w",
        )
        outside = pl.DataFrame(
            {"src": [0], "dst": [len(nodes)], "w": [1.0]},
            schema={"src": pl.UInt32, "dst": pl.UInt32, "w": pl.Float64},
        )
        frame = pl.concat([frame, outside])
        ego = [rng.choice([0.05, 0.3, 0.8, 1.0]) for _ in nodes]
        by_row = pl.DataFrame(
            {"node": range(len(nodes)), "ego": ego}, schema={"node": pl.UInt32, "ego": pl.Float64}
        )
        shifted = structure.burt_measures_nodes(
            by_row.with_columns(pl.col("node") + 1),
            frame.with_columns(pl.col("src") + 1, pl.col("dst") + 1),
        )
        assert structure.burt_measures_nodes(by_row, frame) == shifted


def _plain_daily(events: pl.DataFrame) -> pl.DataFrame:
    messages = events.filter(pl.col("kind") == "message")
    sent = messages.filter(pl.col("direction") == "out").unique(["thread_id", "at"])
    received = messages.filter(pl.col("direction") == "in")
    return pl.concat(
        frame.group_by(day=pl.col("at").dt.date())
        .len("messages")
        .with_columns(direction=pl.lit(direction))
        .select("day", "direction", "messages")
        for frame, direction in ((sent, "out"), (received, "in"))
    ).sort("day", "direction")


@settings(max_examples=150, deadline=None)
@given(st.lists(ROW, max_size=30))
def test_daily_counts_in_and_out_of_time_order(rows: list[tuple[object, ...]]) -> None:
    # Events in time order (no undated one) de-duplicate only the runs of equal times; others
    # every outgoing (thread, time) pair; both count what a plain de-duplication counts.
    events = pl.DataFrame(
        {
            "contact_id": [r[0] for r in rows],
            "kind": [r[1] for r in rows],
            "direction": [r[2] for r in rows],
            "at": [None if r[3] is None else START + timedelta(hours=int(str(r[3]))) for r in rows],
            "thread_id": [r[4] for r in rows],
            "participants": [r[5] for r in rows],
            "length": [1] * len(rows),
            "has_note": [None] * len(rows),
            "source": ["messages.csv"] * len(rows),
        },
        schema=EVENTS,
    )
    thread = pl.col("thread_id")
    for frame in (events, events.sort("at", maintain_order=True), events.drop_nulls("at")):
        for ordered in (frame, frame.sort("at", maintain_order=True)):
            daily = event_summary._daily(ordered, thread).sort("day", "direction")
            assert daily.equals(_plain_daily(ordered))
