"""The people pools the action recipes name, each in a fixed priority order.

Built once per diagnosis from the ties table, EVENTS and the imputed structure. Only contacts in
the ties table are ever named; every pool is sorted explicitly (score, then name, then id) so the
same input gives the same sentences.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import polars as pl

from netscan.companies import company_key
from netscan.diagnosis.actions import (
    ActionContext,
    Contact,
    ThinFunction,
    TopEmployer,
    tie_class_label,
)
from netscan.diagnosis.events import EventSummary
from netscan.diagnosis.structure import ImputedTies
from netscan.diagnosis.taxonomy import (
    SENIORITY_NAMES,
    UNKNOWN,
    category_label,
    infer_seniority,
    seniority_rank,
)
from netscan.diagnosis.types import Bridge, ReconnectSuggestion, TargetResult
from netscan.i18n import N_, gettext, ngettext
from netscan.l10n import day
from netscan.model import Direction, EventKind

QUIET_DAYS = 90
DIRECTOR_RANK = 5  # "director" in SENIORITY_NAMES
SENIOR_RANK = 3  # "senior"
THIN_FUNCTION_MAX = 2
# Pools longer than this are never shown; capping keeps the context small on 30k contacts.
POOL_CAP = 25


@dataclass(frozen=True, slots=True)
class _Row:
    cid: str
    name: str
    company: str
    position: str
    cls: str
    score: float
    key: str
    function: str
    rank: int
    last_contact: date | None
    days_two_way: int | None
    past_peak: float
    colleague_history: bool


def _c(row: _Row, detail: str = "") -> Contact:
    return Contact(row.name, row.company, detail)


def _two_way(row: _Row) -> str:
    if row.days_two_way is None:
        return gettext("no two-way contact on record")
    days = row.days_two_way
    if days == 0:
        return gettext("last two-way contact today")
    return ngettext(
        "last two-way contact %(num)d day ago", "last two-way contact %(num)d days ago", days
    ) % {"num": days}


def _quiet_years(days: int | None) -> str:
    if not days:
        return ""
    years = round(days / 365.25)
    return ngettext("quiet %(num)d year", "quiet %(num)d years", years) % {"num": years}


def _distinct_employers(rows: Sequence[_Row]) -> list[_Row]:
    seen: set[str] = set()
    out = []
    for row in rows:
        if row.key and row.key not in seen:
            seen.add(row.key)
            out.append(row)
    return out


def approached(events: EventSummary) -> dict[str, str]:
    """Contact id → how they came to the owner (recommended, endorsed, wrote first, invited)."""
    # English labels (compared below); translated where they are shown, in `_came`. A contact
    # who came several ways is labelled by the first way in this order.
    label = (
        (EventKind.RECOMMENDATION.value, N_("recommended you")),
        (EventKind.ENDORSEMENT.value, N_("endorsed you")),
        ("first", N_("wrote to you first")),
        (EventKind.INVITATION.value, N_("invited you")),
    )
    kinds = events.others.filter(
        (pl.col("direction") == Direction.IN)
        & pl.col("kind").is_in([kind for kind, _ in label])
        & pl.col("contact_id").is_not_null()
    ).select("contact_id", "kind")
    # The first message of each thread (ties on the timestamp broken by direction, contact id).
    first = events.threads.filter(
        (pl.col("first_direction") == Direction.IN) & pl.col("first_contact").is_not_null()
    ).select(contact_id="first_contact", kind=pl.lit("first"))
    ranks = {kind: rank for rank, (kind, _) in enumerate(label)}
    texts = [text for _, text in label]
    # One row per contact, in id order (polars orders strings by code point, as Python does).
    came = (
        pl.concat([kinds, first])
        .group_by("contact_id")
        .agg(
            pl.col("kind").replace_strict(ranks, return_dtype=pl.Int8).min().alias("rank")
        )
        .sort("contact_id")
    )
    return dict(
        zip(
            came.get_column("contact_id").to_list(),
            (texts[rank] for rank in came.get_column("rank").to_list()),
            strict=True,
        )
    )


def _given(events: EventSummary, kind: str) -> set[str]:
    return set(
        events.others.filter((pl.col("kind") == kind) & (pl.col("direction") == Direction.OUT))
        .get_column("contact_id")
        .drop_nulls()
        .to_list()
    )


_ROW_COLUMNS = (
    "contact_id",
    "name",
    "company",
    "position",
    "tie_class",
    "score",
    "employer_key",
    "function",
    "rank",
    "last_contact",
    "days_two_way",
    "past_peak",
    "colleague_history",
)


def _people(
    ties: pl.DataFrame, as_of: date, employer: str, cluster_size: pl.DataFrame
) -> pl.DataFrame:
    """The non-latent contacts, strongest first (score, then name, then id), with what the pools
    filter on; from `ties` with the `employer_key`, `function` and `seniority` columns diagnose
    adds, and `cluster_size` (contact_id, size) from the imputed structure."""
    key = pl.col("employer_key")
    return (
        ties.filter(pl.col("tie_class") != "latent")
        .join(cluster_size, on="contact_id", how="left", maintain_order="left")
        .with_columns(
            rank=pl.col("seniority").replace_strict(
                {band: seniority_rank(band) for band in SENIORITY_NAMES},
                default=-1,
                return_dtype=pl.Int64,
            ),
            days_two_way=(pl.lit(as_of) - pl.col("last_two_way")).dt.total_days(),
            past_peak=pl.coalesce("past_peak", "score").cast(pl.Float64),
            colleague_history=pl.col("tenure_overlap").fill_null(False)
            | (pl.col("shared_employer").is_not_null() & (pl.col("shared_employer") != "")),
            other=(key != "") & (key != employer),
            clustered=pl.col("size").fill_null(1) > 1,
        )
        # Only what the pools read: every filter and sort below copies each column it carries.
        .select(*_ROW_COLUMNS, "other", "clustered")
        .sort(["score", "name", "contact_id"], descending=[True, False, False])
    )


def _rows(frame: pl.DataFrame, n: int | None = POOL_CAP) -> list[_Row]:
    """The first `n` (all with None) rows of a `_people` frame as `_Row`s."""
    head = frame if n is None else frame.head(n)
    return [_Row(*row) for row in head.select(_ROW_COLUMNS).iter_rows()]


def _first_per_employer(frame: pl.DataFrame) -> pl.DataFrame:
    """`_distinct_employers` of a `_people` frame."""
    return frame.filter(pl.col("employer_key") != "").unique(
        "employer_key", keep="first", maintain_order=True
    )


def build_context(
    ties: pl.DataFrame,
    events: EventSummary,
    *,
    as_of: date,
    employer: str,
    owner_function: str,
    owner_seniority: str,
    imputed: ImputedTies,
    cluster_size: pl.DataFrame,
    bridges: Sequence[Bridge],
    suggestions: Sequence[ReconnectSuggestion],
    targets: Sequence[TargetResult],
    came: Mapping[str, str],
) -> ActionContext:
    """Every pool of `ActionContext` from the prepared ties table and the imputed structure.

    `came` is `approached(events)`: who came to the owner, and how; `imputed` the imputed
    alter–alter ties and `cluster_size` (contact_id, size) each alter's cluster in them.
    The pools over all contacts are polars filters and sorts, cut to `POOL_CAP` before any
    row becomes a Python object; the close ties (a few thousand at most) are kept as rows.
    """
    people = _people(ties, as_of, employer, cluster_size)
    cls = pl.col("tie_class")
    key = pl.col("employer_key")
    other = pl.col("other")
    owner_rank = seniority_rank(owner_seniority)
    endorsed_by_owner = _given(events, EventKind.ENDORSEMENT)
    recommended_by_owner = _given(events, EventKind.RECOMMENDATION)

    def cap(items: Iterable[Contact]) -> tuple[Contact, ...]:
        # Lazily: only the shown contacts get their (translated) detail built.
        return tuple(itertools.islice(items, POOL_CAP))

    strong = _rows(people.filter(cls == "strong"))
    close = _rows(people.filter(cls.is_in(["strong", "medium"])), None)
    linked = imputed.linked_among(r.cid for r in close)
    quiet = [r for r in close if r.days_two_way is None or r.days_two_way > QUIET_DAYS]
    quiet_detail = (
        _c(
            r,
            gettext("no two-way contact on record")
            if r.days_two_way is None
            else ngettext("quiet %(num)d day", "quiet %(num)d days", r.days_two_way)
            % {"num": r.days_two_way},
        )
        for r in quiet
    )
    unlinked = _distinct_employers([r for r in close if r.cid not in linked])
    shared_context = (cls == "medium") | (
        (cls == "weak") & (pl.col("clustered") | pl.col("colleague_history"))
    )
    mod_weak = _rows(
        people.filter(shared_context & other).sort(
            ["rank", "last_contact", "score", "name", "contact_id"],
            descending=[True, True, True, False, False],
            nulls_last=True,
        )
    )
    dormant_colleagues = _rows(
        people.filter((cls == "dormant") & pl.col("colleague_history") & other).sort(
            ["past_peak", "name", "contact_id"], descending=[True, False, False]
        )
    )
    dormant_elsewhere = [
        s for s in suggestions if company_key(s.company) and company_key(s.company) != employer
    ]
    mentors = [
        s
        for s in suggestions
        if owner_rank is not None
        and (rank := seniority_rank(infer_seniority(s.position))) is not None
        and rank > owner_rank
    ]
    came_people = people.join(
        pl.DataFrame(
            {"contact_id": list(came), "came": list(came.values())},
            schema={"contact_id": pl.String, "came": pl.String},
        ),
        on="contact_id",
        how="inner",
        maintain_order="left",
    )
    endorsed_back = pl.Series(sorted(endorsed_by_owner), dtype=pl.String).implode()
    bridge_order = pl.DataFrame(
        {
            "contact_id": [b.contact_id for b in bridges],
            "at_risk": [b.at_risk for b in bridges],
        },
        schema={"contact_id": pl.String, "at_risk": pl.Boolean},
    )
    bridge_people = bridge_order.join(people, on="contact_id", how="inner", maintain_order="left")
    known = set(people.get_column("contact_id").to_list()) if bridges else set()
    at_risk = [b for b in bridges if b.at_risk and b.contact_id in known]
    recent_bridges = _rows(_first_per_employer(bridge_people.filter(~pl.col("at_risk"))))
    function_bridges = _rows(
        bridge_people.filter(~pl.col("function").is_in([UNKNOWN, owner_function]))
    )
    high_bandwidth = [r for r in close if r.key and r.key != employer]
    # Sorted stably: equal entries keep the strongest-first order.
    former = _rows(
        people.filter(pl.col("colleague_history") & other)
        .with_columns(
            order=cls.replace_strict(
                {c: i for i, c in enumerate(("strong", "medium", "weak", "dormant"))},
                return_dtype=pl.Int64,
            )
        )
        .sort(["order", "past_peak", "name"], descending=[False, True, False], maintain_order=True)
    )
    floor = SENIOR_RANK if owner_rank is None else max(SENIOR_RANK, owner_rank)
    senior_close = sorted(
        (r for r in close if r.rank >= floor), key=lambda r: (-r.rank, -r.score, r.name, r.cid)
    )
    single_employers = (
        people.filter((key != "") & (cls != "dormant"))
        .group_by("employer_key")
        .len()
        .filter(pl.col("len") == 1)
        .get_column("employer_key")
        .implode()
    )
    weak_new = _rows(people.filter((cls == "weak") & other & key.is_in(single_employers)))
    active_by_employer = Counter(r.key for r in close if r.key)
    top: TopEmployer | None = None
    outside_top: list[_Row] = []
    if active_by_employer:
        top_key, count = min(active_by_employer.items(), key=lambda kv: (-kv[1], kv[0]))
        members = [r for r in close if r.key == top_key]
        top = TopEmployer(
            members[0].company,
            count,
            count / len(close),
            tuple(Contact(r.name, "") for r in members[:3]),
        )
        outside_top = _rows(_first_per_employer(people.filter((cls == "weak") & (key != top_key))))
    seen_functions: set[str] = set()
    angles = []
    for r in close:
        if r.function != UNKNOWN and r.function not in seen_functions:
            seen_functions.add(r.function)
            angles.append(r)
    function = pl.col("function")
    reached = people.filter(cls.is_in(["strong", "medium", "weak"]) & (function != UNKNOWN))
    few = (
        reached.group_by("function")
        .len()
        .filter((pl.col("len") <= THIN_FUNCTION_MAX) & (function != owner_function))
        .get_column("function")
        .implode()
    )
    by_function: dict[str, list[_Row]] = {}
    for r in _rows(reached.filter(function.is_in(few)), None):
        by_function.setdefault(r.function, []).append(r)
    thin = sorted(
        (ThinFunction(f, tuple(_c(r) for r in rows)) for f, rows in by_function.items()),
        key=lambda t: (len(t.people), t.function),
    )
    return ActionContext(
        inner=cap(
            Contact(r.name, r.company, _two_way(r), r.days_two_way) for r in strong
        ),
        quiet_close=cap(quiet_detail),
        close_linked=cap(_c(r) for r in close if r.cid in linked),
        close_unlinked=cap(_c(r) for r in unlinked),
        close_colleagues=cap(_c(r) for r in close if r.key and r.key == employer),
        moderately_weak_elsewhere=cap(_c(r, r.position) for r in mod_weak),
        dormant_colleagues=cap(_c(r, _quiet_years(r.days_two_way)) for r in dormant_colleagues),
        dormant_elsewhere=cap(Contact(s.name, s.company, s.position) for s in dormant_elsewhere),
        senior_outside=cap(
            _c(r, r.position)
            for r in _rows(
                people.filter(
                    cls.is_in(["medium", "weak"]) & other & (pl.col("rank") >= DIRECTOR_RANK)
                )
            )
        ),
        came_to_you=_came(came_people, came),
        came_to_you_outside=_came(came_people.filter(other), came),
        endorse_back=cap(
            _c(r)
            for r in _rows(
                came_people.filter(
                    (pl.col("came") == "endorsed you")
                    & ~pl.col("contact_id").is_in(endorsed_back)
                )
            )
        ),
        recommend=cap(_c(r, r.position) for r in close if r.cid not in recommended_by_owner),
        bridges=cap(_c(r, tie_class_label(r.cls)) for r in recent_bridges),
        bridges_at_risk=cap(
            Contact(
                b.name,
                b.company,
                gettext("last contact %(date)s") % {"date": day(date.fromisoformat(b.last_contact))}
                if b.last_contact
                else gettext("no contact on record"),
            )
            for b in at_risk
        ),
        function_bridges=cap(_c(r, category_label(r.function)) for r in function_bridges),
        high_bandwidth=cap(_c(r, _two_way(r)) for r in high_bandwidth),
        former_colleagues=cap(_c(r, tie_class_label(r.cls)) for r in former),
        senior_close=cap(_c(r, r.position) for r in senior_close),
        dormant_mentors=cap(Contact(s.name, s.company, s.position) for s in mentors),
        weak_new_employers=cap(_c(r, r.position) for r in weak_new),
        weak_outside_top=cap(_c(r, tie_class_label(r.cls)) for r in outside_top),
        angles=cap(_c(r, r.function) for r in angles),
        thin_functions=tuple(thin[:POOL_CAP]),
        intro_pair=_intro_pair(close, imputed),
        top_employer=top,
        targets=tuple(targets),
    )


def _came(came_people: pl.DataFrame, came: Mapping[str, str]) -> tuple[Contact, ...]:
    return tuple(_c(r, gettext(came[r.cid])) for r in _rows(came_people))


def _intro_pair(close: Sequence[_Row], imputed: ImputedTies) -> tuple[Contact, ...]:
    """Two close ties in the same function at different employers with no imputed tie,
    strongest pair first; else the two strongest close ties at different employers."""
    pool = list(close[:60])
    edges = imputed.pairs_among(r.cid for r in pool)
    best: tuple[float, str, str] | None = None
    pair: tuple[_Row, _Row] | None = None
    for i, a in enumerate(pool):
        for b in pool[i + 1 :]:
            if a.function == UNKNOWN or a.function != b.function or not a.key or a.key == b.key:
                continue
            if ((a.cid, b.cid) if a.cid < b.cid else (b.cid, a.cid)) in edges:
                continue
            rank = (-(a.score + b.score), a.name, b.name)
            if best is None or rank < best:
                best, pair = rank, (a, b)
    if pair is None:
        spread = _distinct_employers(pool)
        if len(spread) < 2:
            return ()
        pair = (spread[0], spread[1])
    return tuple(_c(r, r.position) for r in pair)
