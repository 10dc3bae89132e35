"""The reduce step: members' compact results → the team (`team.json`), never raw exports.

Reads only each member's `ties.parquet` (lazily, the columns it needs) and the small summary
dicts, so it grows with the number of people, not messages. People are matched across members
by the rules one export uses (FORMATS §0.7, `netscan.ingest.identity.make_contact_id`): the
`contact_id` is keyed on the normalised profile URL, else the e-mail, else the normalised name;
a name-only contact is also keyed on its normalised company, so two "Jan de Vries" at different
firms stay two people. Under `--anonymize` the contact_id is a keyed pseudonym of the same id and
URL/e-mail presence is kept, so every count here is identical to a plain run.

Everything is sorted and rounded, so the same members give the same bytes whichever runner
computed them.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from netscan import __version__
from netscan.companies import company_key_expr
from netscan.diagnosis.targets import CLASS_ORDER, DORMANT_ACCESS

# team.json lists at most this many of the long lists; the totals are always given.
MAX_OVERLAP_PAIRS = 5_000
MAX_SHARED_PEOPLE = 1_000
MAX_SINGLE_POINTS = 500
MAX_CONNECTORS = 5
# The team's goal fit runs the member diagnosis on the combined network; beyond this many
# people it would take minutes, so the team report says so instead (docs/team.md).
MAX_FIT_PEOPLE = 150_000
REACHING = ("strong", "medium", "weak")
CLASSES = ("strong", "medium", "weak", "dormant", "latent")
# Summary metrics shown beside the team median (member summary key → metrics key).
COMPARED = (
    "contacts",
    "strong",
    "medium",
    "weak",
    "dormant",
    "effective_size",
    "employer_iqv",
    "employers_reached",
    "reply_share",
)
_COLUMNS = ("contact_id", "name", "company", "profile_url", "email", "score", "tie_class")


@dataclass(frozen=True, slots=True)
class TeamMember:
    """One member as the reduce sees it: who, and (when the map succeeded) its compact result."""

    id: str
    name: str
    slug: str
    input: str
    error: str | None
    summary: Mapping[str, object] | None
    ties_path: Path | None


def identity_key() -> pl.Expr:
    """The cross-member person key (see the module docstring)."""
    name_only = pl.col("profile_url").is_null() & pl.col("email").is_null()
    company = company_key_expr(pl.col("company")).fill_null("")
    return (
        pl.when(name_only)
        .then(pl.col("contact_id") + pl.lit("|") + company)
        .otherwise(pl.col("contact_id"))
        .alias("key")
    )


def member_rows(members: Sequence[TeamMember], extra: Sequence[str] = ()) -> pl.LazyFrame:
    """One row per (member, person): the member's strongest row for each person key."""
    ok = [m for m in members if m.ties_path is not None]
    paths = [m.ties_path for m in members if m.ties_path is not None]
    if not ok:
        return pl.LazyFrame(
            schema={"member": pl.String, "key": pl.String, "name": pl.String,
                    "company": pl.String, "company_key": pl.String, "score": pl.Float64,
                    "tie_class": pl.String, **{c: pl.Float64 for c in extra}}
        )
    files = pl.LazyFrame(
        {"_file": [str(m.ties_path) for m in ok], "member": [m.id for m in ok]}
    )
    scan = pl.scan_parquet(paths, include_file_paths="_file")
    return (
        scan.select(*_COLUMNS, *extra, "_file")
        .join(files, on="_file", how="left")
        .with_columns(identity_key(), company_key_expr(pl.col("company")).alias("company_key"))
        .with_columns(pl.col("score").fill_null(0.0))
        .sort(["member", "key", "score", "contact_id"], descending=[False, False, True, False])
        .unique(subset=["member", "key"], keep="first", maintain_order=True)
        .select("member", "key", "name", "company", "company_key", "score", "tie_class", *extra)
    )


def _pairs(rows: pl.DataFrame, order: Sequence[str]) -> list[dict[str, object]]:
    """Shared people and Jaccard for every member pair that shares anyone."""
    import numpy as np
    from scipy import sparse

    index = {member: i for i, member in enumerate(order)}
    sizes = rows.group_by("member").len()
    size_of = dict(zip(sizes["member"].to_list(), sizes["len"].to_list(), strict=True))
    shared = rows.filter(pl.len().over("key") > 1)
    if shared.height == 0:
        return []
    keys = shared.get_column("key").rank("dense").cast(pl.Int64).to_numpy() - 1
    who = shared.get_column("member").replace_strict(index, return_dtype=pl.Int64).to_numpy()
    matrix = sparse.csr_matrix(
        (np.ones(len(keys), dtype=np.int32), (who, keys)), shape=(len(order), int(keys.max()) + 1)
    )
    counts = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    out = []
    for i, j, count in zip(counts.row.tolist(), counts.col.tolist(), counts.data.tolist(),
                           strict=True):
        a, b = order[i], order[j]
        union = size_of[a] + size_of[b] - count
        out.append({"a": a, "b": b, "shared": int(count),
                    "jaccard": round(count / union, 4) if union else 0.0})
    out.sort(key=lambda p: (-int(p["shared"]), -float(p["jaccard"]), index[str(p["a"])],
                            index[str(p["b"])]))
    return out


def _connectors(rows: pl.DataFrame, target: str, order: Mapping[str, int]) -> dict[str, object]:
    """Who across the team can open the door to `target`, best tie first (as one member's
    report ranks its openers: exact company name first, else the normalised name)."""
    from netscan.companies import company_key

    exact = rows.filter(pl.col("company") == target.strip())
    match = "exact"
    if exact.height == 0:
        key = company_key(target)
        exact = rows.filter((pl.col("company_key") == key) & pl.lit(bool(key)))
        match = "normalised" if exact.height else "none"
    people = []
    for row in exact.iter_rows(named=True):
        score = float(row["score"] or 0.0)
        peak = float(row["past_peak"] or 0.0)
        access = max(score, DORMANT_ACCESS * peak) if row["tie_class"] == "dormant" else score
        people.append((access, row))
    people.sort(key=lambda item: (-item[0], CLASS_ORDER.get(str(item[1]["tie_class"]), 9),
                                  str(item[1]["name"]), order[str(item[1]["member"])]))
    return {
        "company": target,
        "match": match,
        "connectors_total": len(people),
        "members_total": len({row["member"] for _, row in people}),
        "connectors": [
            {"member": row["member"], "contact": row["name"] or "", "company": row["company"] or "",
             "tie_class": row["tie_class"], "score": round(float(row["score"] or 0.0), 4)}
            for _, row in people[:MAX_CONNECTORS]
        ],
    }


def _median(values: Sequence[float]) -> float | None:
    return round(float(statistics.median(values)), 4) if values else None


def _metric(summary: Mapping[str, object], name: str) -> float | None:
    if name == "contacts":
        value = summary.get("contacts")
    elif name in CLASSES:
        classes = summary.get("classes")
        value = classes.get(name) if isinstance(classes, Mapping) else None
    else:
        metrics = summary.get("metrics")
        value = metrics.get(name) if isinstance(metrics, Mapping) else None
    return float(value) if isinstance(value, int | float) else None


def _team_fit(
    members: Sequence[TeamMember], as_of: date, goals: Sequence[str], people: int
) -> tuple[list[dict[str, object]], str]:
    """The goal catalogue on the combined network: each person once, at the team's strongest
    tie to them, diagnosed as one ego network (no message events travel in compact results,
    so what only messages show — replies, who started, activity — reads as unknown there)."""
    if people > MAX_FIT_PEOPLE:
        return [], (
            f"The combined network holds {people:,} people, more than the {MAX_FIT_PEOPLE:,} "
            "the team's goal fit is computed for; each member's report has its own."
        )
    if people == 0:
        return [], "No member's export could be read, so no goal can be judged."
    from netscan.diagnosis import diagnose
    from netscan.model import EVENTS, TIES, Owner

    scan = pl.scan_parquet([m.ties_path for m in members if m.ties_path is not None])
    combined = (
        scan.with_columns(identity_key(), pl.col("score").fill_null(0.0))
        .sort(["key", "score", "contact_id"], descending=[False, True, False])
        .unique(subset=["key"], keep="first", maintain_order=True)
        .with_columns(pl.col("key").alias("contact_id"))
        .select([name for name in TIES if name in scan.collect_schema()])
        .collect()
    )
    contacts = combined.select("contact_id", "connected_on", in_network=pl.lit(True))
    diagnosis = diagnose(
        combined, contacts, pl.DataFrame(schema=EVENTS), Owner(name=""), as_of=as_of,
        goals=goals,
    )
    return [
        {"id": g.id, "kind": g.kind, "label": g.label_en, "label_nl": g.label_nl,
         "fit": round(g.fit, 4), "verdict": g.verdict, "evidence": list(g.evidence)}
        for g in diagnosis.goals
    ], ""


def team_summary(
    members: Sequence[TeamMember],
    *,
    as_of: date,
    goals: Sequence[str] = (),
    targets: Sequence[str] = (),
    anonymized: bool = False,
) -> dict[str, object]:
    """The whole `team.json` (keys in docs/team.md) from the members' compact results."""
    order = [m.id for m in members]
    position = {member: i for i, member in enumerate(order)}
    rows = member_rows(members, extra=("past_peak",)).collect()
    per_key = rows.group_by("key").agg(
        pl.len().alias("n"),
        pl.col("member").sort_by(pl.col("member").replace_strict(position,
                                                                 return_dtype=pl.Int64)),
        pl.col("name").sort_by("score", descending=True).first(),
        pl.col("company").sort_by("score", descending=True).first(),
    )
    sizes = dict(rows.group_by("member").len().iter_rows())
    people = per_key.height
    organisations = rows.filter(pl.col("company_key").fill_null("") != "")[
        "company_key"
    ].n_unique()
    largest = max(sizes.items(), key=lambda kv: (kv[1], -position[kv[0]]), default=(None, 0))

    unique_rows = rows.join(per_key.filter(pl.col("n") == 1).select("key"), on="key")
    unique = dict(unique_rows.group_by("member").len().iter_rows())
    unique_classes: dict[str, dict[str, int]] = {}
    for member, tie_class, count in unique_rows.group_by("member", "tie_class").len().iter_rows():
        unique_classes.setdefault(member, {})[tie_class] = count

    shared = per_key.filter(pl.col("n") > 1).sort(
        ["n", "name", "key"], descending=[True, False, False], nulls_last=True
    )
    reaching = rows.filter(
        pl.col("tie_class").is_in(list(REACHING)) & (pl.col("company_key").fill_null("") != "")
    )
    lone = reaching.filter(pl.len().over("company_key") == 1).sort(
        ["score", "company_key", "member"], descending=[True, False, False]
    )

    fits, fit_note = _team_fit(members, as_of, goals, people)
    summaries = {m.id: m.summary for m in members if m.summary is not None}
    medians = {
        name: _median([v for s in summaries.values() if (v := _metric(s, name)) is not None])
        for name in COMPARED
    }
    pairs = _pairs(rows, order)
    return {
        "netscan_version": __version__,
        "as_of": as_of.isoformat(),
        "anonymized": anonymized,
        "members": [_member_entry(m, sizes, unique, unique_classes) for m in members],
        "failed": sum(1 for m in members if m.error is not None),
        "reach": {
            "people": people,
            "organisations": organisations,
            "largest_member": largest[0],
            "largest_member_people": largest[1],
            "more_than_largest": people - largest[1],
        },
        "overlap": pairs[:MAX_OVERLAP_PAIRS],
        "overlap_pairs": len(pairs),
        "shared_people": [
            {"contact": name or "", "company": company or "", "members": list(who)}
            for _key, _n, who, name, company in shared.head(MAX_SHARED_PEOPLE)
            .select("key", "n", "member", "name", "company").iter_rows()
        ],
        "shared_people_total": shared.height,
        "targets": [_connectors(rows, target, position) for target in targets],
        "single_points": [
            {"organisation": company or "", "member": member, "contact": name or "",
             "tie_class": tie_class, "score": round(float(score), 4)}
            for member, name, company, tie_class, score in lone.head(MAX_SINGLE_POINTS)
            .select("member", "name", "company", "tie_class", "score").iter_rows()
        ],
        "single_points_total": lone.height,
        "goals": fits,
        "goals_note": fit_note,
        "median": medians,
    }


def _member_entry(
    member: TeamMember,
    sizes: Mapping[str, int],
    unique: Mapping[str, int],
    unique_classes: Mapping[str, Mapping[str, int]],
) -> dict[str, object]:
    summary = member.summary or {}
    ok = member.error is None
    return {
        "id": member.id,
        "name": member.name,
        "slug": member.slug,
        "input": member.input,
        "status": "ok" if ok else "failed",
        "error": member.error,
        "report": f"members/{member.slug}/report.html" if ok else None,
        "as_of": summary.get("as_of") if ok else None,
        "contacts": summary.get("contacts") if ok else None,
        "classes": summary.get("classes") if ok else None,
        "people": sizes.get(member.id, 0) if ok else None,
        "unique_people": unique.get(member.id, 0) if ok else None,
        "unique_by_class": (
            {c: int(unique_classes.get(member.id, {}).get(c, 0)) for c in CLASSES}
            if ok else None
        ),
        "metrics": {name: _metric(summary, name) for name in COMPARED} if ok else None,
    }
