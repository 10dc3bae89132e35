"""Imputed alter–alter ties and Burt's structural-hole measures on the ego network (SCIENCE §4).

A LinkedIn export holds no alter–alter edges, so they are imputed from shared foci (Feld 1981):
co-participants of group threads (weight 1.0), contacts at the same current employer (weight
scaled down as the group grows), and contacts at a former employer of the owner who were
connected during the owner's tenure there (0.75). Each focus becomes a clique.

Effective size and constraint are computed with Burt's weighted formulas exactly as networkx
defines them (``networkx.effective_size`` / ``networkx.constraint`` with ``weight``), but in
O(edges) rather than networkx's O(n · edges), which matters for egos with thousands of alters;
the tests check both against networkx and against the closed forms of SCIENCE §4.3.

The edges are made and measured as polars frames (a self-join of clique membership, group_by
over the arcs): a 30,000-connection export imputes ~300,000 of them. The plain-Python forms over
a {pair: weight} mapping (`burt_measures`, `density`, `clusters`) stay as the reference the
tests hold the frame forms to.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import polars as pl

from netscan.companies import company_key, company_key_expr
from netscan.diagnosis.events import summarise_events
from netscan.model import Owner

if TYPE_CHECKING:
    import networkx as nx

EGO = "__ego__"
GROUP_THREAD_WEIGHT = 1.0
FORMER_COLLEAGUE_WEIGHT = 0.75
# Above this many contacts at one employer, "they all know each other" stops being a useful
# assumption (SCIENCE §4.3: redundancy inside a very large firm is overstated): no ties imputed.
MAX_EMPLOYER_CLIQUE = 1000

Pair = tuple[str, str]
T = TypeVar("T", str, int)


def employer_weight(size: int) -> float:
    """Imputed tie weight for two contacts at one employer with `size` contacts there.

    1.0 for a pair, about 0.46 for 10, 0.24 for 100: a stand-in for SCIENCE §4.3's 1/log(size)
    scaling, since the export does not say how big an employer is.
    """
    if size < 2:
        return 0.0
    return max(0.1, min(1.0, math.log(3) / math.log(size + 1)))


@dataclass(frozen=True, slots=True)
class Alter:
    """One non-latent contact as a node of the imputed ego network."""

    contact_id: str
    company: str
    connected_on: date | None
    score: float
    tie_class: str


def alters_frame(alters: Sequence[Alter]) -> pl.DataFrame:
    """`alters` as the (contact_id, company, connected_on) frame `impute_ties_frame` reads."""
    return pl.DataFrame(
        {
            "contact_id": [a.contact_id for a in alters],
            "company": [a.company for a in alters],
            "connected_on": [a.connected_on for a in alters],
        },
        schema={"contact_id": pl.String, "company": pl.String, "connected_on": pl.Date},
    )


@dataclass(frozen=True, slots=True)
class ImputedTies:
    """Alter–alter edges (weight, evidence) plus the foci each alter belongs to.

    `alters` are the distinct contact ids, sorted; an alter's position there is its node id.
    `edges` holds each imputed pair once as (src, dst, w): node ids with src < dst (so the
    contact ids are in order too) and the heaviest weight any shared focus gave the pair, sorted
    by (src, dst). `foci` maps a contact to its employer/tenure focus keys (only foci that
    produced ties), so other stages can ask "were these two already linked?" without the edges.
    `groups` (per node: the smallest node of its employer clique, or itself) and `threads` (the
    nodes of each group thread) are the cliques the edges came from, for `cluster_of`.
    """

    alters: pl.Series
    edges: pl.DataFrame
    evidence: Mapping[str, int]
    foci: Mapping[str, frozenset[str]]
    skipped_large: tuple[tuple[str, int], ...]
    groups: pl.Series
    threads: tuple[tuple[int, ...], ...]

    def _named(self, edges: pl.DataFrame) -> pl.DataFrame:
        return edges.select(
            src=self.alters.gather(edges["src"]), dst=self.alters.gather(edges["dst"]), w="w"
        )

    def _among(self, ids: Iterable[str]) -> pl.DataFrame:
        nodes = (
            self.alters.to_frame("contact_id")
            .with_row_index("node")
            .filter(pl.col("contact_id").is_in(pl.Series(list(ids), dtype=pl.String).implode()))
            .get_column("node")
            .implode()
        )
        return self.edges.filter(pl.col("src").is_in(nodes) & pl.col("dst").is_in(nodes))

    def pairs(self) -> dict[Pair, float]:
        """Every edge as {(contact id, contact id): weight}, the lower id first."""
        return {(a, b): w for a, b, w in self._named(self.edges).iter_rows()}

    def pairs_among(self, ids: Iterable[str]) -> set[Pair]:
        """The edges between two of `ids`, as (lower id, higher id)."""
        return {(a, b) for a, b, _ in self._named(self._among(ids)).iter_rows()}

    def linked_among(self, ids: Iterable[str]) -> set[str]:
        """The contacts of `ids` with an imputed tie to another of `ids`."""
        among = self._among(ids)
        nodes = pl.concat([among["src"], among["dst"]]).unique()
        return set(self.alters.gather(nodes).to_list())


def _employer_weights(sizes: pl.Series) -> pl.Series:
    """`employer_weight` of each size, computed once per distinct size (same floats as Python)."""
    weights = {n: employer_weight(n) for n in sizes.unique().to_list()}
    return sizes.replace_strict(weights, default=0.0, return_dtype=pl.Float64)


# Each kind of clique numbers its cliques from 0; the kind goes in the high 32 bits of the key.
_KIND_CODE = {"group-thread": 0, "shared-employer": 1, "former-colleagues": 2}
_HIGH = 1 << 32


def _clique_members(kind: str, clique: pl.Expr, weight: pl.Expr) -> list[pl.Expr]:
    """The (kind, clique, node, w) columns of one kind of clique membership; `clique` is unique
    across kinds."""
    return [
        pl.lit(kind).alias("kind"),
        (clique.cast(pl.UInt64) + _KIND_CODE[kind] * _HIGH).alias("clique"),
        pl.col("node"),
        weight.cast(pl.Float64).alias("w"),
    ]


def _clique_edges(members: pl.DataFrame) -> pl.DataFrame:
    """Every pair inside each clique of `members` (clique, node, w), once per pair with the
    heaviest weight: (src, dst, w) with src < dst, sorted. A self-join in polars: the employer
    cliques alone hold ~300,000 pairs on a 30,000-connection export."""
    lazy = members.lazy().select("clique", "node", "w")
    # One 64-bit key per pair: grouping and sorting on it is twice as fast as on two columns.
    pair = pl.col("node").cast(pl.UInt64) * _HIGH + pl.col("dst").cast(pl.UInt64)
    return (
        lazy.join(lazy.select("clique", dst="node"), on="clique", how="inner")
        .filter(pl.col("node") < pl.col("dst"))
        .select(pair.alias("pair"), "w")
        # Sorted first, the groups are runs of one pair (no hashing) and come out in order.
        .sort("pair")
        .group_by("pair", maintain_order=True)
        .agg(pl.col("w").max())
        .select(
            src=(pl.col("pair") // _HIGH).cast(pl.UInt32),
            dst=(pl.col("pair") % _HIGH).cast(pl.UInt32),
            w="w",
        )
        .collect()
    )


def _employer_foci(colleagues: pl.DataFrame) -> dict[str, frozenset[str]]:
    """Each colleague's employer focus, one shared frozenset per employer."""
    keys = colleagues.get_column("key").to_list()
    focus = {key: frozenset({f"employer:{key}"}) for key in set(keys)}
    ids = colleagues.get_column("contact_id").to_list()
    return {cid: focus[key] for cid, key in zip(ids, keys, strict=True)}


def _tenures(owner: Owner, as_of: date) -> list[tuple[str, date | None, date]]:
    return [
        (company_key(p.company), p.started, p.finished or as_of)
        for p in owner.positions
        if company_key(p.company)
    ]


def impute_ties(
    alters: Sequence[Alter], events: pl.DataFrame, owner: Owner, *, as_of: date
) -> ImputedTies:
    """Impute alter–alter edges from group threads, shared employers and the owner's tenures."""
    return impute_ties_frame(
        alters_frame(alters), summarise_events(events).threads, owner, as_of=as_of
    )


def impute_ties_frame(
    alters: pl.DataFrame, threads: pl.DataFrame, owner: Owner, *, as_of: date
) -> ImputedTies:
    """`impute_ties` over an `alters_frame` (distinct contact ids) and the THREADS table.

    An `employer_key` column (`company_key` of the company, "" for none), as diagnose's ties
    carry, is used instead of normalising the companies again."""
    node, key, size = pl.col("node"), pl.col("key"), pl.col("size")
    normalised: pl.Expr = company_key_expr(pl.col("company"))
    if "employer_key" in alters.columns:
        normalised = pl.when(pl.col("employer_key") != "").then(pl.col("employer_key"))
    frame = (
        alters.with_columns(key=normalised)
        .select("contact_id", "company", "connected_on", "key")
        .with_row_index("given")
        .sort("contact_id")
        .with_row_index("node")
        .with_columns(size=pl.when(key.is_not_null()).then(pl.len().over("key")).cast(pl.Int64))
        # Each employer with 2..MAX contacts is a clique, named by its smallest node; everyone
        # else is a group of one.
        .with_columns(
            colleagues=size.is_between(2, MAX_EMPLOYER_CLIQUE).fill_null(False),
        )
        .with_columns(group=pl.when("colleagues").then(node.min().over("key")).otherwise(node))
    )
    skipped = (
        frame.filter(size > MAX_EMPLOYER_CLIQUE)
        .group_by("key")
        # Named as spelt by its first contact in the order given.
        .agg(pl.col("company").sort_by("given").first(), size.first())
        .sort("key")
    )
    colleagues = frame.filter("colleagues")
    weights = _employer_weights(colleagues["size"])
    parts = [
        colleagues.select(_clique_members("shared-employer", pl.col("group"), pl.lit(weights)))
    ]
    # Former colleagues: connected while the owner worked there, so their colleague context
    # overlapped the owner's in time.
    connected = pl.col("connected_on")
    for number, (company, started, finished) in enumerate(_tenures(owner, as_of)):
        during = colleagues.filter(
            (key == company)
            & connected.is_not_null()
            & (connected >= started if started is not None else pl.lit(True))
            & (connected <= finished)
        )
        if during.height >= 2:
            parts.append(
                during.select(
                    _clique_members(
                        "former-colleagues", pl.lit(number), pl.lit(FORMER_COLLEAGUE_WEIGHT)
                    )
                )
            )
    in_threads = (
        threads.select("group_members")
        .with_row_index("clique")
        .explode("group_members")
        .join(frame.select("node", group_members="contact_id"), on="group_members", how="inner")
        .filter(pl.len().over("clique") >= 2)
        .sort("clique", "node")
    )
    parts.append(
        in_threads.select(
            _clique_members("group-thread", pl.col("clique"), pl.lit(GROUP_THREAD_WEIGHT))
        )
    )
    members = pl.concat(parts)
    evidence = {"group-thread": 0, "shared-employer": 0, "former-colleagues": 0}
    for kind, n in members.group_by("kind", "clique").len().select("kind", "len").iter_rows():
        evidence[kind] += n * (n - 1) // 2
    return ImputedTies(
        alters=frame["contact_id"],
        edges=_clique_edges(members),
        evidence=evidence,
        foci=_employer_foci(colleagues),
        skipped_large=tuple(skipped.select("company", "size").iter_rows()),
        groups=frame["group"],
        threads=tuple(
            tuple(nodes)
            for nodes in in_threads.group_by("clique", maintain_order=True)
            .agg("node")
            .get_column("node")
            .to_list()
        ),
    )


def cluster_of(imputed: ImputedTies) -> pl.DataFrame:
    """Each alter's connected component of the imputed graph (node order): `cluster`, its
    smallest node, and `size`, how many alters it holds.

    The employer cliques are disjoint (one employer per contact), so each starts as one node,
    its smallest; only the group threads, few beside them, are joined by union-find.
    """
    groups = imputed.groups
    group_of = groups.to_list()
    roots = _roots(
        (group_of[a], group_of[b])
        for nodes in imputed.threads
        for a, b in itertools.pairwise(nodes)
    )
    cluster = groups.replace(roots) if roots else groups
    return cluster.to_frame("cluster").with_columns(size=pl.len().over("cluster"))


@dataclass(frozen=True, slots=True)
class BurtMeasures:
    """Effective size, efficiency and constraint of the ego, and the alter count n."""

    alters: int
    effective_size: float
    efficiency: float
    constraint: float


def burt_measures(ego_weights: Mapping[str, float], edges: Mapping[Pair, float]) -> BurtMeasures:
    """Burt's weighted effective size and constraint of the ego, as networkx defines them.

    `ego_weights` is the ego–alter tie strength (> 0) per alter; `edges` the alter–alter weights.
    Edges touching a node outside `ego_weights` are ignored.
    """
    return burt_measures_frame(ego_weights, edge_frame(edges))


def edge_frame(edges: Mapping[Pair, float]) -> pl.DataFrame:
    """The alter–alter edges with weight > 0 as a (src, dst, w) frame, in `edges` order."""
    kept = [(pair, w) for pair, w in edges.items() if w > 0]
    return pl.DataFrame(
        {
            "src": [a for (a, _), _ in kept],
            "dst": [b for (_, b), _ in kept],
            "w": [float(w) for _, w in kept],
        },
        schema={"src": pl.String, "dst": pl.String, "w": pl.Float64},
    )


def burt_measures_frame(ego_weights: Mapping[str, float], edges: pl.DataFrame) -> BurtMeasures:
    """`burt_measures` over an `edge_frame`."""
    nodes = pl.DataFrame(
        {"node": list(ego_weights), "ego": [float(w) for w in ego_weights.values()]},
        schema={"node": pl.String, "ego": pl.Float64},
    )
    return burt_measures_nodes(nodes, edges)


def burt_measures_nodes(nodes: pl.DataFrame, edges: pl.DataFrame) -> BurtMeasures:
    """`burt_measures` of the ego with alters `nodes` (node, ego: the ego–alter weight > 0) over
    (src, dst, w) `edges` that name nodes the same way (contact ids or node numbers)."""
    n = nodes.height
    if n == 0:
        return BurtMeasures(0, 0.0, 0.0, 0.0)
    # Summed in Python, in node order, like the plain formula (polars' sum may differ in the
    # last bit).
    ego = nodes.get_column("ego")
    total = sum(ego.to_list())
    p = ego / total
    # Each node becomes its row number, and an edge with an end outside `nodes` drops out of the
    # joins; every per-node value below is then read by position (gather), not joined.
    node = nodes.get_column("node")
    if node.dtype.is_integer() and node.equals(pl.int_range(n, eager=True)):
        # Nodes already numbered by their row (every alter of `_structure`): the joins would
        # map each node to itself, so only the edges leaving `nodes` are dropped.
        one_way = edges.filter(
            pl.col("src").is_between(0, n - 1) & pl.col("dst").is_between(0, n - 1)
        ).select(
            s=pl.col("src").cast(pl.UInt32), d=pl.col("dst").cast(pl.UInt32), w="w"
        )
    else:
        position = nodes.select("node").with_row_index("at")
        one_way = (
            edges.join(position.select(src="node", s="at"), on="src")
            .join(position.select(dst="node", d="at"), on="dst")
            .select("s", "d", "w")
        )
    # Both directions of every edge: O(edges), no Python loop per pair.
    arcs = pl.concat([one_way, one_way.select(s="d", d="s", w="w")])
    s, d, w = arcs.get_column("s"), arcs.get_column("d"), arcs.get_column("w")
    out = arcs.group_by("s").agg(pl.col("w").sum().alias("wsum"), pl.col("w").max().alias("wmax"))

    def per_node(frame: pl.DataFrame, column: str) -> pl.Series:
        # 0.0 for a node without arcs (scatter writes in place, so a new series each time).
        zeros = pl.zeros(n, pl.Float64, eager=True)
        return zeros.scatter(frame.get_column("s"), frame.get_column(column))

    strength = ego + per_node(out, "wsum")
    largest = pl.select(pl.max_horizontal(ego, per_node(out, "wmax"))).to_series()
    p_dst = p.gather(d)
    terms = (
        pl.DataFrame(
            {"s": s, "red": p_dst * w / largest.gather(s), "ind": p_dst * w / strength.gather(d)}
        )
        .group_by("s")
        .agg(pl.col("red").sum(), pl.col("ind").sum())
    )
    effective = float((1.0 - per_node(terms, "red")).sum())
    constraint = float(((p + per_node(terms, "ind")) ** 2).sum())
    return BurtMeasures(n, effective, effective / n, constraint)


def ego_graph(ego_weights: Mapping[str, float], edges: Mapping[Pair, float]) -> nx.Graph:
    """The imputed ego network as a networkx graph (ego node ``__ego__``), for checks and plots."""
    # Imported here: networkx costs ~80 ms of start-up and only this helper needs it.
    import networkx as nx

    graph = nx.Graph()
    for alter, weight in sorted(ego_weights.items()):
        graph.add_edge(EGO, alter, weight=weight)
    for (a, b), weight in sorted(edges.items()):
        if a in ego_weights and b in ego_weights:
            graph.add_edge(a, b, weight=weight)
    return graph


def density(nodes: Iterable[str], edges: Mapping[Pair, float]) -> float:
    """Share of alter pairs among `nodes` with an imputed tie (unweighted), 0 for < 2 nodes."""
    keep = set(nodes)
    n = len(keep)
    if n < 2:
        return 0.0
    t = sum(1 for a, b in edges if a in keep and b in keep)
    return 2.0 * t / (n * (n - 1))


def density_frame(nodes: Iterable[str], edges: pl.DataFrame) -> float:
    """`density` over an `edge_frame` (the same count, made by polars)."""
    return density_nodes(pl.Series(sorted(set(nodes)), dtype=pl.String), edges)


def density_nodes(nodes: pl.Series, edges: pl.DataFrame) -> float:
    """`density` of the distinct `nodes` over (src, dst, w) `edges` naming nodes the same way."""
    n = nodes.len()
    if n < 2:
        return 0.0
    members = nodes.implode()
    t = edges.filter(pl.col("src").is_in(members) & pl.col("dst").is_in(members)).height
    return 2.0 * t / (n * (n - 1))


def clusters(nodes: Iterable[str], edges: Mapping[Pair, float]) -> list[list[str]]:
    """Connected components of the imputed alter graph, each sorted, largest first."""
    order = list(nodes)
    root = _roots(edges, set(order))
    groups: dict[str, list[str]] = {}
    for node in order:
        groups.setdefault(root.get(node, node), []).append(node)
    parts = [sorted(c) for c in groups.values()]
    return sorted(parts, key=lambda c: (-len(c), c[0]))


def _roots(edges: Iterable[tuple[T, T]], keep: Collection[T] | None = None) -> dict[T, T]:
    """The root (smallest member) of the component of every node that `edges` touch.

    A plain union-find: measured on 30k alters and 285k edges it took 0.17 s where
    networkx.connected_components took 1.1 s (graph construction dominates); the tests check it
    against networkx. With `keep`, edges touching a node outside it are ignored.
    """
    parent: dict[T, T] = {}

    def find(x: T) -> T:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        if keep is not None and (a not in keep or b not in keep):
            continue
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {node: find(node) for node in parent}
