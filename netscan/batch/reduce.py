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

from netscan import __version__, l10n
from netscan.companies import company_key_expr
from netscan.diagnosis.targets import CLASS_ORDER, DORMANT_ACCESS
from netscan.i18n import gettext, use_locale

# team.json lists at most this many of the long lists; the totals are always given.
MAX_OVERLAP_PAIRS = 5_000
MAX_SHARED_PEOPLE = 1_000
MAX_SINGLE_POINTS = 500
MAX_CONNECTORS = 5
# The team's goal fit runs the member diagnosis on the combined network; beyond this many
# people it would take minutes, so the team report says so instead (docs/team.md).
MAX_FIT_PEOPLE = 150_000
# A goal whose rule rests mostly on events (absent at team level) gets no team verdict.
MIN_MEASURED = 0.5
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
# What only message, invitation, endorsement and recommendation events show: compact results
# carry none, so at team level these are "no data", never zero.
EVENT_METRICS = (
    "invitations_received_share",
    "started_by_others_share",
    "endorsements_received",
    "recommendations_received",
    "endorsements_given",
    "recommendations_given",
    "reply_share",
    "introductions",
    "messages_per_month_sent",
    "messages_per_month_received",
    "approached_by",
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
    """The cross-member person key (see the module docstring); needs a `company_key` column."""
    name_only = pl.col("profile_url").is_null() & pl.col("email").is_null()
    return (
        pl.when(name_only)
        .then(pl.col("contact_id") + pl.lit("|") + pl.col("company_key").fill_null(""))
        .otherwise(pl.col("contact_id"))
        .alias("key")
    )


def _strongest_first(frame: pl.LazyFrame, by: Sequence[str]) -> pl.LazyFrame:
    """One row per `by` group: the strongest (then smallest contact_id)."""
    return (
        frame.sort([*by, "score", "contact_id"], descending=[False] * len(by) + [True, False])
        .unique(subset=list(by), keep="first", maintain_order=True)
    )


def member_rows(members: Sequence[TeamMember], extra: Sequence[str] = ()) -> pl.LazyFrame:
    """One row per (member, person): the member's strongest row for each person key.

    `m` is the member's position (members are sorted by it everywhere).
    """
    paths = [m.ties_path for m in members if m.ties_path is not None]
    ids = [m.id for m in members if m.ties_path is not None]
    position = {m.id: i for i, m in enumerate(members)}
    columns = ("m", "member", "key", "contact_id", "name", "company", "company_key", "score",
               "tie_class", *extra)
    if not paths:
        return pl.LazyFrame(
            schema={"m": pl.Int64, "member": pl.String, "key": pl.String,
                    "contact_id": pl.String, "name": pl.String, "company": pl.String,
                    "company_key": pl.String, "score": pl.Float64, "tie_class": pl.String,
                    **{c: pl.Float64 for c in extra}}
        )
    files = pl.LazyFrame({"_file": [str(p) for p in paths], "member": ids,
                          "m": [position[i] for i in ids]})
    scan = pl.scan_parquet(paths, include_file_paths="_file")
    rows = (
        scan.select(*_COLUMNS, *extra, "_file")
        .join(files, on="_file", how="left")
        .with_columns(company_key_expr(pl.col("company")).alias("company_key"),
                      pl.col("score").fill_null(0.0))
        .with_columns(identity_key())
    )
    # A member's ties hold one row per contact_id, so only name-only rows (keyed on name and
    # company) can meet twice within a member; only they need the strongest-first pass.
    name_only = pl.col("profile_url").is_null() & pl.col("email").is_null()
    return pl.concat([
        rows.filter(~name_only).select(columns),
        _strongest_first(rows.filter(name_only), ("m", "key")).select(columns),
    ])


def _pairs(shared: pl.DataFrame, sizes: Mapping[int, int], order: Sequence[str]
           ) -> tuple[list[dict[str, object]], int]:
    """Shared people and Jaccard for the member pairs that share anyone (the top
    MAX_OVERLAP_PAIRS, most shared first), and how many such pairs there are.

    A sparse member × person matrix times its transpose counts every pair at once: it grows with
    the shared people, never with the square of the members.
    """
    import numpy as np
    from scipy import sparse

    if shared.height == 0:
        return [], 0
    people = shared.get_column("kid").to_numpy()
    who = shared.get_column("m").to_numpy()
    matrix = sparse.csr_matrix(
        (np.ones(len(people), dtype=np.int32), (who, people)),
        shape=(len(order), int(people.max()) + 1),
    )
    counts = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    first, second = counts.row.astype(np.int64), counts.col.astype(np.int64)
    common = counts.data.astype(np.int64)
    size = np.array([sizes.get(i, 0) for i in range(len(order))], dtype=np.int64)
    jaccard = np.round(common / (size[first] + size[second] - common), 4)
    total = len(common)
    chosen = np.arange(total)
    if total > MAX_OVERLAP_PAIRS:
        # Only pairs sharing at least as many as the k-th most shared can make the list.
        cut = np.partition(common, total - MAX_OVERLAP_PAIRS)[total - MAX_OVERLAP_PAIRS]
        chosen = np.nonzero(common >= cut)[0]
    ranked = chosen[np.lexsort((second[chosen], first[chosen], -jaccard[chosen],
                                -common[chosen]))][:MAX_OVERLAP_PAIRS]
    top: list[dict[str, object]] = [
        {"a": order[int(first[k])], "b": order[int(second[k])], "shared": int(common[k]),
         "jaccard": float(jaccard[k])}
        for k in ranked
    ]
    return top, total


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
    so what only events show — replies, who started, endorsements, activity — is "no data")."""
    if people > MAX_FIT_PEOPLE:
        return [], gettext(
            "The combined network holds %(people)s people, more than the %(max)s the team's "
            "goal fit is computed for; each member's report has its own."
        ) % {"people": l10n.number(people), "max": l10n.number(MAX_FIT_PEOPLE)}
    if people == 0:
        return [], gettext("No member's export could be read, so no goal can be judged.")
    from netscan.diagnosis import diagnose
    from netscan.model import EVENTS, TIES, Owner

    scan = pl.scan_parquet([m.ties_path for m in members if m.ties_path is not None])
    keyed = scan.with_columns(company_key_expr(pl.col("company")).alias("company_key"),
                              pl.col("score").fill_null(0.0)).with_columns(identity_key())
    combined = (
        _strongest_first(keyed, ("key",))
        .sort("key")
        .with_columns(pl.col("key").alias("contact_id"))
        .select([name for name in TIES if name in scan.collect_schema()])
        .collect()
    )
    contacts = combined.select("contact_id", "connected_on", in_network=pl.lit(True))
    diagnosis = diagnose(
        combined, contacts, pl.DataFrame(schema=EVENTS), Owner(name=""), as_of=as_of,
        goals=goals, unmeasured=EVENT_METRICS,
    )
    from netscan.diagnosis.catalogue import goal_by_id

    def measured(goal_id: str) -> float:
        # The share of the goal's rule weight the combined ties can show at all.
        rule = goal_by_id(goal_id).rule
        total = sum(term.weight for term in rule)
        known = sum(term.weight for term in rule
                    if diagnosis.metrics.value(term.metric) is not None)
        return round(known / total, 4) if total else 0.0

    fits = [
        {"id": g.id, "kind": g.kind, "label": g.label_en, "label_nl": g.label_nl,
         "fit": round(g.fit, 4),
         "verdict": g.verdict if measured(g.id) >= MIN_MEASURED else "not-judged",
         "measured_weight": measured(g.id), "evidence": list(g.evidence)}
        for g in diagnosis.goals
    ]
    if not goals:  # ranked: judged goals first, each group by fit as a member report ranks
        fits.sort(key=lambda f: f["verdict"] == "not-judged")
    return fits, ""


def team_summary(
    members: Sequence[TeamMember],
    *,
    as_of: date,
    goals: Sequence[str] = (),
    targets: Sequence[str] = (),
    anonymized: bool = False,
    lang: str = "en",
) -> dict[str, object]:
    """The whole `team.json` (keys in docs/team.md) from the members' compact results.

    The sentences it holds (goal evidence, the goals note) are written in `lang`, recorded as
    the `lang` key so the page rendered from it speaks the same language.
    """
    order = [m.id for m in members]
    position = {member: i for i, member in enumerate(order)}
    rows = (
        member_rows(members, extra=("past_peak",))
        .with_columns(n=pl.len().over("key"))
        .collect()
    )
    sizes: dict[int, int] = dict(rows.group_by("m").len().iter_rows())
    organisations = int(rows.select(
        pl.col("company_key").filter(pl.col("company_key").fill_null("") != "").n_unique()
    ).item())
    largest_m, largest_people = max(sizes.items(), key=lambda kv: (kv[1], -kv[0]),
                                    default=(None, 0))

    unique: dict[str, int] = {}
    unique_classes: dict[str, dict[str, int]] = {}
    only = rows.group_by("m", "tie_class").agg((pl.col("n") == 1).sum().alias("only"))
    for m, tie_class, count in only.iter_rows():
        unique_classes.setdefault(order[m], {})[tie_class] = int(count)
        unique[order[m]] = unique.get(order[m], 0) + int(count)
    known_by_one = sum(unique.values())

    shared_rows = rows.filter(pl.col("n") > 1).with_columns(
        kid=pl.col("key").rank("dense").cast(pl.Int64) - 1
    )
    shared = (
        shared_rows.group_by("kid")
        .agg(
            pl.len().alias("n"),
            pl.col("key").first(),
            pl.col("member").sort_by("m"),
            pl.col("name").sort_by(["score", "m"], descending=[True, False]).first(),
            pl.col("company").sort_by(["score", "m"], descending=[True, False]).first(),
        )
        .sort(["n", "name", "key"], descending=[True, False, False], nulls_last=True)
    )
    # Everyone known by one member, plus each person several members know, once.
    people = known_by_one + shared.height
    lone = (
        rows.lazy()
        .select("m", "member", "name", "company", "company_key", "tie_class", "score")
        .filter(pl.col("tie_class").is_in(list(REACHING))
                & (pl.col("company_key").fill_null("") != ""))
        .filter(pl.len().over("company_key") == 1)
        .sort(["score", "company_key", "m"], descending=[True, False, False])
        .collect()
    )
    pairs, pair_count = _pairs(shared_rows, sizes, order)
    size_by_id = {order[m]: count for m, count in sizes.items()}
    largest = (order[largest_m] if largest_m is not None else None, largest_people)

    with use_locale(lang):
        fits, fit_note = _team_fit(members, as_of, goals, people)
    summaries = {m.id: m.summary for m in members if m.summary is not None}
    medians = {
        name: _median([v for s in summaries.values() if (v := _metric(s, name)) is not None])
        for name in COMPARED
    }
    return {
        "netscan_version": __version__,
        "lang": lang,
        "as_of": as_of.isoformat(),
        "anonymized": anonymized,
        "members": [_member_entry(m, size_by_id, unique, unique_classes) for m in members],
        "failed": sum(1 for m in members if m.error is not None),
        "reach": {
            "people": people,
            "organisations": organisations,
            "largest_member": largest[0],
            "largest_member_people": largest[1],
            "more_than_largest": people - largest[1],
        },
        "overlap": pairs,
        "overlap_pairs": pair_count,
        "shared_people": [
            {"contact": name or "", "company": company or "", "members": list(who)}
            for who, name, company in shared.head(MAX_SHARED_PEOPLE)
            .select("member", "name", "company").iter_rows()
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
        "goals_requested": list(goals),
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
