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


def _order(row: _Row) -> tuple[float, str, str]:
    return (-row.score, row.name, row.cid)


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
    kinds = (
        events.others.filter(
            (pl.col("direction") == Direction.IN)
            & pl.col("kind").is_in(
                [EventKind.INVITATION, EventKind.ENDORSEMENT, EventKind.RECOMMENDATION]
            )
            & pl.col("contact_id").is_not_null()
        )
        .select("contact_id", "kind")
        .unique()
        .rows()
    )
    # The first message of each thread (ties on the timestamp broken by direction, contact id).
    first = (
        events.threads.filter(
            (pl.col("first_direction") == Direction.IN) & pl.col("first_contact").is_not_null()
        )
        .get_column("first_contact")
        .unique()
        .to_list()
    )
    found: dict[str, set[str]] = {}
    for cid, kind in kinds:
        found.setdefault(cid, set()).add(kind)
    for cid in first:
        found.setdefault(cid, set()).add("first")
    # English keys (compared below); translated where they are shown, in `_came`.
    label = (
        (EventKind.RECOMMENDATION, N_("recommended you")),
        (EventKind.ENDORSEMENT, N_("endorsed you")),
        ("first", N_("wrote to you first")),
        (EventKind.INVITATION, N_("invited you")),
    )
    return {cid: next(text for k, text in label if k in ks) for cid, ks in sorted(found.items())}


def _given(events: EventSummary, kind: str) -> set[str]:
    return set(
        events.others.filter((pl.col("kind") == kind) & (pl.col("direction") == Direction.OUT))
        .get_column("contact_id")
        .drop_nulls()
        .to_list()
    )


def _rows(ties: pl.DataFrame, as_of: date) -> list[_Row]:
    """The non-latent contacts, strongest first, from `ties` with the `employer_key`, `function`
    and `seniority` columns diagnose adds."""
    frame = (
        ties.filter(pl.col("tie_class") != "latent")
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
        )
        .sort(["score", "name", "contact_id"], descending=[True, False, False])
    )
    cols = (
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
    return [_Row(*row) for row in frame.select(cols).iter_rows()]


def build_context(
    ties: pl.DataFrame,
    events: EventSummary,
    *,
    as_of: date,
    employer: str,
    owner_function: str,
    owner_seniority: str,
    imputed: ImputedTies,
    cluster_size: Mapping[str, int],
    bridges: Sequence[Bridge],
    suggestions: Sequence[ReconnectSuggestion],
    targets: Sequence[TargetResult],
    came: Mapping[str, str],
) -> ActionContext:
    """Every pool of `ActionContext` from the prepared ties table and the imputed structure.

    `came` is `approached(events)`: who came to the owner, and how; `imputed` the imputed
    alter–alter ties (`cluster_size`: each alter's cluster, from them).
    """
    rows = _rows(ties, as_of)
    by_id = {r.cid: r for r in rows}
    owner_rank = seniority_rank(owner_seniority)
    endorsed_by_owner = _given(events, EventKind.ENDORSEMENT)
    recommended_by_owner = _given(events, EventKind.RECOMMENDATION)

    def other(r: _Row) -> bool:
        return bool(r.key) and r.key != employer

    def cap(items: Iterable[Contact]) -> tuple[Contact, ...]:
        # Lazily: only the shown contacts get their (translated) detail built.
        return tuple(itertools.islice(items, POOL_CAP))

    strong = [r for r in rows if r.cls == "strong"]
    close = [r for r in rows if r.cls in ("strong", "medium")]
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

    def shared_context(r: _Row) -> bool:
        return r.cls == "medium" or (
            r.cls == "weak" and (cluster_size.get(r.cid, 1) > 1 or r.colleague_history)
        )

    mod_weak = sorted(
        (r for r in rows if shared_context(r) and other(r)),
        key=lambda r: (
            -r.rank,
            -(r.last_contact.toordinal() if r.last_contact else 0),
            -r.score,
            r.name,
            r.cid,
        ),
    )
    dormant_colleagues = sorted(
        (r for r in rows if r.cls == "dormant" and r.colleague_history and other(r)),
        key=lambda r: (-r.past_peak, r.name, r.cid),
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
    came_rows = [r for r in rows if r.cid in came]
    bridge_rows = [by_id[b.contact_id] for b in bridges if b.contact_id in by_id]
    recent_bridges = _distinct_employers(
        [by_id[b.contact_id] for b in bridges if not b.at_risk and b.contact_id in by_id]
    )
    at_risk = [b for b in bridges if b.at_risk and b.contact_id in by_id]
    function_bridges = [r for r in bridge_rows if r.function not in (UNKNOWN, owner_function)]
    high_bandwidth = [r for r in close if other(r)]
    former = sorted(
        (r for r in rows if r.colleague_history and other(r)),
        key=lambda r: (("strong", "medium", "weak", "dormant").index(r.cls), -r.past_peak, r.name),
    )
    floor = SENIOR_RANK if owner_rank is None else max(SENIOR_RANK, owner_rank)
    senior_close = sorted(
        (r for r in close if r.rank >= floor), key=lambda r: (-r.rank, -r.score, r.name, r.cid)
    )
    employer_counts = Counter(r.key for r in rows if r.key and r.cls != "dormant")
    weak_new = [r for r in rows if r.cls == "weak" and other(r) and employer_counts[r.key] == 1]
    active_by_employer = Counter(r.key for r in close if r.key)
    top: TopEmployer | None = None
    outside_top: list[_Row] = []
    if active_by_employer:
        key, count = min(active_by_employer.items(), key=lambda kv: (-kv[1], kv[0]))
        members = [r for r in close if r.key == key]
        top = TopEmployer(
            members[0].company,
            count,
            count / len(close),
            tuple(Contact(r.name, "") for r in members[:3]),
        )
        outside_top = _distinct_employers(
            [r for r in rows if r.cls == "weak" and r.key and r.key != key]
        )
    seen_functions: set[str] = set()
    angles = []
    for r in close:
        if r.function != UNKNOWN and r.function not in seen_functions:
            seen_functions.add(r.function)
            angles.append(r)
    by_function: dict[str, list[_Row]] = {}
    for r in rows:
        if r.cls in ("strong", "medium", "weak") and r.function != UNKNOWN:
            by_function.setdefault(r.function, []).append(r)
    thin = sorted(
        (
            ThinFunction(f, tuple(_c(r) for r in people))
            for f, people in by_function.items()
            if f != owner_function and len(people) <= THIN_FUNCTION_MAX
        ),
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
            for r in rows
            if r.cls in ("medium", "weak") and other(r) and r.rank >= DIRECTOR_RANK
        ),
        came_to_you=cap(_c(r, gettext(came[r.cid])) for r in came_rows),
        came_to_you_outside=cap(_c(r, gettext(came[r.cid])) for r in came_rows if other(r)),
        endorse_back=cap(
            _c(r)
            for r in came_rows
            if came[r.cid] == "endorsed you" and r.cid not in endorsed_by_owner
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
