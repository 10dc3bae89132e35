"""Diagnosis fast paths equal the plain computations they replace (same values, same order).

- clusters from the imputed cliques = clusters from every edge;
- densities and Burt measures over one edge frame = over the edge mapping;
- threads aggregated per thread = the old global sort by (thread, time, direction, contact).
"""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from netscan.diagnosis import structure
from netscan.diagnosis.reciprocity import _threads
from netscan.ingest.dates import first_distinct
from netscan.model import EVENTS

Edges = dict[tuple[str, str], float]


def _clique_graph(seed: int) -> tuple[list[str], list[tuple[str, ...]], Edges]:
    rng = random.Random(seed)
    nodes = [f"c{i:03d}" for i in range(rng.randint(1, 70))]
    cliques: list[tuple[str, ...]] = []
    edges: dict[tuple[str, str], float] = {}
    for _ in range(rng.randint(0, 12)):
        members = sorted(rng.sample(nodes, rng.randint(1, min(8, len(nodes)))))
        weight = rng.choice([1.0, 0.75, 0.46, 0.24])
        structure._add_clique(edges, members, weight)
        cliques.append(tuple(members))
    return nodes, cliques, edges


def _plain_edges(members: list[str], weight: float, edges: dict[tuple[str, str], float]) -> int:
    added = 0
    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            key = (a, b) if a < b else (b, a)
            if edges.get(key, 0.0) < weight:
                edges[key] = weight
            added += 1
    return added


def test_add_clique_equals_the_nested_loop_in_count_order_and_weights() -> None:
    rng = random.Random(7)
    fast: dict[tuple[str, str], float] = {}
    plain: dict[tuple[str, str], float] = {}
    nodes = [f"n{i:02d}" for i in range(30)]
    for _ in range(40):
        members = sorted(rng.sample(nodes, rng.randint(0, 9)))
        weight = rng.choice([1.0, 0.75, 0.3])
        assert structure._add_clique(fast, members, weight) == _plain_edges(members, weight, plain)
    assert list(fast.items()) == list(plain.items())


def test_clique_clusters_density_and_burt_equal_the_edge_versions() -> None:
    for seed in range(40):
        nodes, cliques, edges = _clique_graph(seed)
        assert structure.clique_clusters(nodes, cliques) == structure.clusters(nodes, edges)
        rng = random.Random(seed)
        weights = {n: rng.choice([0.05, 0.3, 0.8, 1.0]) for n in nodes}
        subset = {n: w for n, w in weights.items() if w >= 0.3}
        frame = structure.edge_frame(edges)
        for chosen in (weights, subset):
            assert structure.density_frame(chosen, frame) == structure.density(chosen, edges)
            assert structure.burt_measures_frame(chosen, frame) == structure.burt_measures(
                chosen, edges
            )


def test_clique_clusters_ignore_members_outside_the_nodes() -> None:
    cliques = [("a", "x", "b"), ("c", "d")]
    assert structure.clique_clusters(["a", "b", "c"], cliques) == [["a", "b"], ["c"]]


def _old_threads(events: pl.DataFrame) -> pl.DataFrame:
    messages = events.filter((pl.col("kind") == "message") & pl.col("thread_id").is_not_null())
    return (
        messages.sort(["thread_id", "at", "direction", "contact_id"])
        .group_by("thread_id", maintain_order=True)
        .agg(
            pl.col("direction").first().alias("first_direction"),
            (pl.col("direction") == "out").any().alias("owner_wrote"),
            pl.col("participants").max().alias("participants"),
            pl.col("at").min().alias("started"),
            pl.col("contact_id").drop_nulls().unique().sort().alias("members"),
        )
        .sort(["started", "thread_id"])
    )


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
    assert _threads(events).equals(_old_threads(events))


def test_combinations_give_pairs_low_then_high_for_sorted_members() -> None:
    members = sorted(["b", "a", "d", "c"])
    assert all(a < b for a, b in itertools.combinations(members, 2))


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
