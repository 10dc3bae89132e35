"""Burt measures on imputed ego networks: closed forms (SCIENCE §4.3), networkx, imputation."""

from __future__ import annotations

import math
import random
from datetime import date

import networkx as nx
import pytest

from netscan.diagnosis import structure
from netscan.diagnosis.diversity import blau, iqv, normalised_entropy
from netscan.diagnosis.structure import (
    EGO,
    Alter,
    burt_measures,
    clusters,
    density,
    ego_graph,
    employer_weight,
    impute_ties,
)
from netscan.model import Owner, Position
from tests.diagnosis_builders import AS_OF, ev, events_frame


def _cliques(sizes: list[int]) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    weights: dict[str, float] = {}
    edges: dict[tuple[str, str], float] = {}
    for g, size in enumerate(sizes):
        members = [f"g{g:03d}m{i:03d}" for i in range(size)]
        for m in members:
            weights[m] = 1.0
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                edges[(a, b)] = 1.0
    return weights, edges


# SCIENCE §4.3 table: groups, ES, efficiency, constraint, Blau, IQV, Shannon H (nats).
TABLE = [
    ([1] * 10, 10.00, 1.000, 0.1000, 0.900, 1.000, 2.303),
    ([10], 1.00, 0.100, 0.3610, 0.000, 0.000, 0.000),
    ([5, 5], 6.00, 0.600, 0.3240, 0.500, 1.000, 0.693),
    ([1] * 100, 100.00, 1.000, 0.0100, 0.990, 1.000, 4.605),
    ([100], 1.00, 0.010, 0.0396, 0.000, 0.000, 0.000),
    ([10] * 10, 91.00, 0.910, 0.0361, 0.900, 1.000, 2.303),
    ([60] + [1] * 40, 64.60, 0.646, 0.0276, 0.636, 0.652, 2.149),
    ([50, 30, 20] + [1] * 50, 125.33, 0.836, 0.0195, 0.829, 0.845, 2.627),
]


@pytest.mark.parametrize(("sizes", "es", "eff", "con", "b", "q", "h"), TABLE)
def test_burt_measures_match_science_table_and_closed_forms(
    sizes: list[int], es: float, eff: float, con: float, b: float, q: float, h: float
) -> None:
    weights, edges = _cliques(sizes)
    n = len(weights)
    measures = burt_measures(weights, edges)
    closed_es = n - sum(s * (s - 1) for s in sizes) / n
    closed_con = sum(s * (2 - 1 / s) ** 2 for s in sizes) / n**2
    assert measures.effective_size == pytest.approx(closed_es, abs=1e-9)
    assert measures.constraint == pytest.approx(closed_con, abs=1e-9)
    assert measures.effective_size == pytest.approx(es, abs=0.005)
    assert measures.efficiency == pytest.approx(eff, abs=0.0005)
    assert measures.constraint == pytest.approx(con, abs=0.00005)
    # The diversity columns: each group is one employer, each singleton its own employer.
    k = len(sizes)
    assert blau(sizes) == pytest.approx(b, abs=0.0005)
    assert iqv(sizes, k) == pytest.approx(q, abs=0.0005)
    assert normalised_entropy(sizes, k) * (math.log(k) if k > 1 else 0) == pytest.approx(
        h, abs=0.0005
    )


@pytest.mark.parametrize("sizes", [[1] * 10, [10], [5, 5], [4, 3, 1, 1]])
def test_burt_measures_match_networkx_on_equal_weights(sizes: list[int]) -> None:
    weights, edges = _cliques(sizes)
    graph = ego_graph(weights, edges)
    measures = burt_measures(weights, edges)
    assert measures.effective_size == pytest.approx(
        nx.effective_size(graph, [EGO], weight="weight")[EGO], abs=1e-9
    )
    assert measures.constraint == pytest.approx(
        nx.constraint(graph, [EGO], weight="weight")[EGO], abs=1e-9
    )


def test_burt_measures_match_networkx_with_unequal_weights() -> None:
    # Ego ties of differing strength and imputed ties of differing weight, by hand.
    weights = {"a": 0.9, "b": 0.5, "c": 0.3, "d": 0.2, "e": 0.1}
    edges = {("a", "b"): 1.0, ("b", "c"): 0.46, ("a", "c"): 0.75, ("d", "e"): 0.2}
    graph = ego_graph(weights, edges)
    measures = burt_measures(weights, edges)
    assert measures.effective_size == pytest.approx(
        nx.effective_size(graph, [EGO], weight="weight")[EGO], abs=1e-9
    )
    assert measures.constraint == pytest.approx(
        nx.constraint(graph, [EGO], weight="weight")[EGO], abs=1e-9
    )
    assert measures.efficiency == pytest.approx(measures.effective_size / 5)


def test_burt_measures_of_empty_network_are_zero() -> None:
    assert burt_measures({}, {}) == structure.BurtMeasures(0, 0.0, 0.0, 0.0)


def test_employer_weight_falls_with_group_size() -> None:
    assert employer_weight(1) == 0.0
    assert employer_weight(2) == 1.0
    assert employer_weight(10) == pytest.approx(math.log(3) / math.log(11))
    assert employer_weight(100) == pytest.approx(math.log(3) / math.log(101))
    assert employer_weight(10**9) == 0.1


def test_density_and_clusters() -> None:
    edges = {("a", "b"): 1.0, ("b", "c"): 0.5}
    assert density(["a", "b", "c", "d"], edges) == pytest.approx(2 * 2 / (4 * 3))
    assert density(["a"], edges) == 0.0
    assert clusters(["d", "a", "b", "c", "e"], edges) == [["a", "b", "c"], ["d"], ["e"]]


def _alter(cid: str, company: str, connected: date | None = date(2021, 1, 1)) -> Alter:
    return Alter(cid, company, connected, 0.3, "weak")


def test_impute_ties_from_threads_employers_and_tenure() -> None:
    owner = Owner(
        name="Owner Example",
        positions=(
            Position("Initech B.V.", "Engineer", date(2018, 1, 1), date(2020, 12, 31)),
            Position("Acme", "Lead", date(2021, 1, 1), None),
        ),
    )
    alters = [
        _alter("a", "Initech", date(2019, 5, 1)),  # connected during tenure
        _alter("b", "initech bv", date(2020, 6, 1)),  # same, other spelling
        _alter("c", "Initech", date(2023, 1, 1)),  # connected after the owner left
        _alter("f", "INITECH", None),  # no connection date: not a known former colleague
        _alter("d", "Umbrella"),
        _alter("e", "Hooli"),
    ]
    events = events_frame(
        [
            ev("d", date(2024, 1, 1), thread="g1", participants=4),
            ev("e", date(2024, 1, 1), thread="g1", participants=4, direction="in"),
            ev("x-latent", date(2024, 1, 1), thread="g1", participants=4),
            ev("a", date(2024, 2, 1), thread="one", participants=2),
        ]
    )
    imputed = impute_ties(alters, events, owner, as_of=AS_OF)
    w4 = employer_weight(4)
    assert w4 < 0.75
    assert imputed.pairs() == {
        ("d", "e"): 1.0,
        ("a", "b"): 0.75,  # former colleagues lift the shared-employer weight
        ("a", "c"): w4,
        ("a", "f"): w4,
        ("b", "c"): w4,
        ("b", "f"): w4,
        ("c", "f"): w4,
    }
    assert dict(imputed.evidence) == {
        "group-thread": 1,
        "shared-employer": 6,
        "former-colleagues": 1,
    }
    assert imputed.foci["a"] == frozenset({"employer:initech"})
    assert "d" not in imputed.foci


def test_impute_ties_skips_very_large_employers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(structure, "MAX_EMPLOYER_CLIQUE", 2)
    alters = [_alter("a", "Mega"), _alter("b", "Mega"), _alter("c", "Mega")]
    imputed = impute_ties(alters, events_frame([]), Owner(name="O"), as_of=AS_OF)
    assert imputed.pairs() == {}
    assert imputed.skipped_large == (("Mega", 3),)


def test_clusters_equal_networkx_connected_components() -> None:
    """The hand-written union-find (kept for speed) agrees with networkx on random graphs."""
    rng = random.Random(4)
    for _ in range(20):
        nodes = [f"a{i:03d}" for i in range(rng.randint(1, 60))]
        edges = {}
        for _ in range(rng.randint(0, 80)):
            a, b = rng.sample(nodes, 2) if len(nodes) > 1 else (nodes[0], nodes[0])
            if a != b:
                edges[(min(a, b), max(a, b))] = 1.0
        graph = nx.Graph()
        graph.add_nodes_from(nodes)
        graph.add_edges_from(edges)
        expected = sorted(
            (sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0])
        )
        assert clusters(nodes, edges) == expected
