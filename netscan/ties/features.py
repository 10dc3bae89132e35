"""Per-contact tie features from the CONTACTS and EVENTS tables (SCIENCE.md §8.2).

Everything is polars expressions over whole columns (group_by/agg over events, joins onto
contacts); there are no Python loops over rows, so a 30,000-connection export costs the same
handful of passes as a small one. The connection date is *not* an interaction: it only feeds
``connection_years`` and the first-trace date that duration is measured from.
"""

from __future__ import annotations

import math
from datetime import date

import polars as pl

from netscan.companies import company_key_expr
from netscan.model import EVENT_ORDER, Direction, EventKind, Owner
from netscan.ties.config import TieConfig

DAYS_PER_YEAR = 365.25
DAYS_PER_MONTH = DAYS_PER_YEAR / 12

# The frame compute_features returns and score_ties reads: TIES' identity and feature columns
# plus the internal terms scoring needs (percentiles, decayed sums, dates for the reasons).
FEATURES = pl.Schema(
    {
        "contact_id": pl.String,
        "name": pl.String,
        "company": pl.String,
        "position": pl.String,
        "connected_on": pl.Date,
        "profile_url": pl.String,
        "email": pl.String,
        "messages_sent": pl.Int64,
        "messages_received": pl.Int64,
        "last_contact": pl.Date,
        "first_contact": pl.Date,
        "last_two_way": pl.Date,
        "two_way": pl.Boolean,
        "reciprocity": pl.Float64,
        "decayed_intensity": pl.Float64,
        "peak_intensity": pl.Float64,
        "active_months": pl.Int64,
        "months_decayed": pl.Float64,
        "recent_months": pl.Int64,
        "threads_1to1": pl.Int64,
        "threads_group": pl.Int64,
        "group_only": pl.Boolean,
        "mean_length": pl.Float64,
        "length_pct": pl.Float64,
        "invitation_direction": pl.String,
        "invitation_note": pl.Boolean,
        "endorsements_received": pl.Int64,
        "endorsements_given": pl.Int64,
        "endorsements_decayed": pl.Float64,
        "recommendations_received": pl.Int64,
        "recommendations_given": pl.Int64,
        "last_recommendation": pl.Date,
        "last_recommended_you": pl.Date,
        "last_you_recommended": pl.Date,
        "shared_employer": pl.String,
        "current_colleague": pl.Boolean,
        "tenure_overlap": pl.Boolean,
        "shared_until": pl.Date,
        "connection_years": pl.Float64,
        "trace_years": pl.Float64,
        "focus_peers": pl.Int64,
        "struct_pct": pl.Float64,
        "last_trace": pl.Date,
    }
)

_MESSAGE = EventKind.MESSAGE.value
_OUT = Direction.OUT.value
_IN = Direction.IN.value


def decay_weight(days: pl.Expr, config: TieConfig) -> pl.Expr:
    """Weight of an event `days` old: 2^(−Δt/h), or the power-law arm (1 + Δt/τ)^(−d)."""
    if config.decay == "power":
        return (1.0 + days / config.power_tau_days).pow(-config.power_exponent)
    return (-days * (math.log(2.0) / config.half_life_days)).exp()


def _group_weight() -> pl.Expr:
    """1:1 threads weigh 1, group threads 1/(participants − 1) (participants includes the owner)."""
    participants = pl.col("participants")
    return (
        pl.when(participants.is_null() | (participants <= 2))
        .then(pl.lit(1.0))
        .otherwise(1.0 / (participants.cast(pl.Float64) - 1.0))
    )


def days_before(as_of: date, column: str | pl.Expr) -> pl.Expr:
    """Days from the date `column` (a name or an expression) to `as_of`, as a float."""
    if isinstance(column, str):
        column = pl.col(column)
    return (pl.lit(as_of) - column).dt.total_days().cast(pl.Float64)


def recommended_expr() -> pl.Expr:
    """True where a recommendation went either way between the owner and the contact."""
    return pl.col("recommendations_received") + pl.col("recommendations_given") > 0


def any_evidence_expr() -> pl.Expr:
    """True where any interaction is on record; the connection date alone is not one."""
    return (
        (pl.col("messages_sent") + pl.col("messages_received") > 0)
        | (pl.col("endorsements_received") + pl.col("endorsements_given") > 0)
        | recommended_expr()
        | pl.col("invitation_note")
        | pl.col("shared_employer").is_not_null()
    )


class _Days:
    """The per-message terms that depend on the day alone, computed once per calendar day from
    the first event's day to the last (or `as_of`) and looked up by day: a few thousand days
    instead of a million messages. The same expressions on the same days, so the same floats."""

    def __init__(self, events: pl.DataFrame, as_of: date, config: TieConfig) -> None:
        first, last = events.select(
            first=pl.col("at").min().dt.date().fill_null(as_of),
            last=pl.col("at").max().dt.date().fill_null(as_of),
        ).row(0)
        lam = math.log(2.0) / config.half_life_days
        t = -pl.col("age_days")
        self.first = (first - date(1970, 1, 1)).days
        self.table = (
            pl.date_range(first, max(last, as_of), eager=True)
            .to_frame("day")
            .with_columns(age_days=days_before(as_of, "day"))
            .select(
                # Evidence older than the dormancy horizon (Levin et al.: 3 years out of touch)
                # no longer counts towards today's strength; it still sets `peak_intensity` and
                # `past_peak`.
                decay=pl.when(pl.col("age_days") <= config.dormant_months * DAYS_PER_MONTH)
                .then(decay_weight(pl.col("age_days"), config))
                .otherwise(0.0),
                month=pl.col("day").dt.year().cast(pl.Int32) * 12 + pl.col("day").dt.month(),
                # The two factors of the peak intensity (see `_message_features`); the clips
                # only matter for half-lives of a few days over decades.
                grow=(-lam * t).clip(upper_bound=700.0).exp(),
                rise=(lam * t).clip(lower_bound=-700.0).exp(),
            )
        )

    def of(self, column: str) -> pl.Expr:
        """`column` of the table for each row's `day`."""
        return pl.lit(self.table.get_column(column)).gather(
            pl.col("day").cast(pl.Int32) - self.first
        )


def _dated(events: pl.LazyFrame, contact: pl.Expr, as_of: date, days: _Days) -> pl.LazyFrame:
    """`events` of in-network contacts (`contact`: their integer key) on or before `as_of`, with
    the day and the decay weight of its age."""
    return (
        events.with_columns(contact)
        .filter(pl.col("at").is_not_null() & pl.col("contact_id").is_not_null())
        .with_columns(day=pl.col("at").dt.date())
        .filter(pl.col("day") <= as_of)
        .with_columns(decay=days.of("decay"))
    )


def _one_to_one() -> pl.Expr:
    """True for a message of a 1:1 thread (2 participants, or a count the export lacks)."""
    return pl.col("participants").is_null() | (pl.col("participants") <= 2)


def _by_thread_month(messages: pl.LazyFrame) -> pl.LazyFrame:
    """The messages per (contact, thread, 1:1 or group, month): what every message feature but
    the float sums is read from (counts, days, maxima: the same however they are regrouped), a
    few rows per contact where the messages are a million."""
    is_out = pl.col("out")
    is_in = pl.col("incoming")
    return messages.group_by(
        "contact_id", "thread_id", _one_to_one().alias("one_to_one"), "month"
    ).agg(
        out=is_out.any(),
        incoming=is_in.any(),
        first=pl.col("day").min(),
        last=pl.col("day").max(),
        sent=is_out.sum(),
        received=is_in.sum(),
        decay=pl.col("decay").max(),
    )


def _message_features(messages: pl.LazyFrame, fine: pl.LazyFrame, as_of: date) -> pl.LazyFrame:
    """Counts, decayed intensity, its past peak, months, threads and length per contact, from
    the messages (in time order) for the float sums that must add message by message, and from
    `fine` (`_by_thread_month`) for the rest."""
    one_to_one = _one_to_one()
    # Peak of the exponentially decayed sum, evaluated at each message: S_k = e^{-λt_k}·Σ w e^{λt},
    # with t ≤ 0 measured from as_of: `grow` and `rise` are the two exponentials (per day, see
    # `_Days`). A cumulative sum over each contact's messages, in time order (the frame's order).
    # The 1:1 lengths and the products are plain column arithmetic, done before grouping:
    # inside an aggregation they would be evaluated group by group.
    per_contact = (
        messages.with_columns(
            shrunk=pl.col("weight") * pl.col("rise"),
            length_1to1=pl.when(one_to_one).then(pl.col("length")).cast(pl.Float64),
            weighted_decay=pl.col("weight") * pl.col("decay"),
        )
        .group_by("contact_id")
        .agg(
            decayed_intensity=pl.col("weighted_decay").sum(),
            peak_intensity=(pl.col("grow") * pl.col("shrunk").cum_sum()).max(),
            mean_length=pl.col("length_1to1").mean(),
        )
    )
    # Two-way contact is judged per 1:1 conversation: a thread where both sides wrote is an
    # exchange, and its last message is the last two-way contact. Group threads do not count
    # (everyone in a large group "hears" the owner) [design choice].
    one = pl.col("one_to_one")
    thread = pl.col("thread_id").is_not_null()
    threads = (
        fine.group_by("contact_id", "thread_id", "one_to_one")
        .agg(
            both=pl.col("out").any() & pl.col("incoming").any(),
            first=pl.col("first").min(),
            last=pl.col("last").max(),
            sent=pl.col("sent").sum(),
            received=pl.col("received").sum(),
        )
        .group_by("contact_id")
        .agg(
            messages_sent=pl.col("sent").sum().cast(pl.Int64),
            messages_received=pl.col("received").sum().cast(pl.Int64),
            first_message=pl.col("first").min(),
            last_message=pl.col("last").max(),
            any_1to1=one.any(),
            last_two_way=pl.col("last").filter(one & pl.col("both")).max(),
            sent_1to1=pl.col("sent").filter(one).sum().cast(pl.Int64),
            received_1to1=pl.col("received").filter(one).sum().cast(pl.Int64),
            threads_1to1=(one & thread).sum().cast(pl.Int64),
            threads_group=(~one & thread).sum().cast(pl.Int64),
        )
    )
    # Each distinct active month counts with the decay of its newest message, so a burst of
    # months years ago does not look like a current habit.
    months = (
        fine.group_by("contact_id", "month")
        .agg(pl.col("decay").max())
        .group_by("contact_id")
        .agg(
            # Summed sequentially in value order: polars' grouped float sum differs in the last
            # bit between runs (seen on the bundled exports), and the ties Parquet must be the
            # same bytes.
            months_decayed=pl.col("decay").sort().cum_sum().last(),
            active_months=pl.len().cast(pl.Int64),
            # the current calendar month and the 11 before it: "n of the last 12 months"
            recent_months=(pl.col("month") > as_of.year * 12 + as_of.month - 12)
            .sum()
            .cast(pl.Int64),
        )
    )
    return threads.join(per_contact, on="contact_id", how="left").join(
        months, on="contact_id", how="left"
    )


def _other_event_features(others: pl.LazyFrame) -> pl.LazyFrame:
    """Invitations, endorsements and recommendations per contact (the events that are not
    messages: few, so sorting them is cheap)."""
    kind = pl.col("kind")
    is_in = pl.col("direction") == _IN
    is_out = pl.col("direction") == _OUT
    invitation = kind == EventKind.INVITATION.value
    endorsement = kind == EventKind.ENDORSEMENT.value
    recommendation = kind == EventKind.RECOMMENDATION.value
    return (
        others.sort("contact_id", "at", "kind", "direction")
        .group_by("contact_id")
        .agg(
            first_other=pl.col("day").min(),
            last_other=pl.col("day").max(),
            invitation_direction=pl.col("direction").filter(invitation).last().cast(pl.String),
            invitation_note=(invitation & pl.col("has_note").fill_null(False)).any(),
            last_note=pl.col("day").filter(invitation & pl.col("has_note").fill_null(False)).max(),
            endorsements_received=(endorsement & is_in).sum().cast(pl.Int64),
            endorsements_given=(endorsement & is_out).sum().cast(pl.Int64),
            endorsements_decayed=pl.col("decay").filter(endorsement).sum(),
            last_endorsement=pl.col("day").filter(endorsement).max(),
            recommendations_received=(recommendation & is_in).sum().cast(pl.Int64),
            recommendations_given=(recommendation & is_out).sum().cast(pl.Int64),
            last_recommendation=pl.col("day").filter(recommendation).max(),
            last_recommended_you=pl.col("day").filter(recommendation & is_in).max(),
            last_you_recommended=pl.col("day").filter(recommendation & is_out).max(),
        )
    )


def _employer_features(contacts: pl.DataFrame, owner: Owner, as_of: date) -> pl.DataFrame:
    """Shared employer with the owner, current colleague, and whether tenures overlapped."""
    positions = pl.DataFrame(
        {
            "owner_company": [p.company for p in owner.positions],
            "started": [p.started for p in owner.positions],
            "finished": [p.finished for p in owner.positions],
        },
        schema={"owner_company": pl.String, "started": pl.Date, "finished": pl.Date},
    ).with_columns(company_norm=company_key_expr(pl.col("owner_company")))
    positions = positions.filter(
        pl.col("company_norm").is_not_null()
        & (pl.col("started").is_null() | (pl.col("started") <= as_of))
    ).with_columns(
        until=pl.min_horizontal(pl.col("finished").fill_null(as_of), pl.lit(as_of)),
        current=pl.col("finished").is_null() | (pl.col("finished") >= as_of),
    )
    in_tenure = [
        column.is_not_null()
        & (pl.col("started").is_null() | (column >= pl.col("started")))
        & (column <= pl.col("until"))
        for column in (pl.col("connected_on"), pl.col("first_contact"))
    ]
    return (
        contacts.select("contact_id", "company_norm", "connected_on", "first_contact")
        .join(positions, on="company_norm", how="inner")
        .sort("contact_id", "until", "owner_company")
        .group_by("contact_id")
        .agg(
            shared_employer=pl.col("owner_company").last(),
            current_colleague=pl.col("current").any(),
            tenure_overlap=(in_tenure[0] | in_tenure[1]).any(),
            shared_until=pl.col("until").max(),
        )
    )


def _thread_peers(fine: pl.LazyFrame) -> pl.LazyFrame:
    """How many other contacts share a group thread with each contact (`fine`:
    `_by_thread_month`)."""
    memberships = (
        fine.filter(~pl.col("one_to_one") & pl.col("thread_id").is_not_null())
        .select("thread_id", "contact_id")
        .unique()
    )
    return (
        memberships.join(memberships, on="thread_id", suffix="_peer")
        .filter(pl.col("contact_id") != pl.col("contact_id_peer"))
        .group_by("contact_id")
        .agg(thread_peers=pl.col("contact_id_peer").n_unique().cast(pl.Int64))
    )


def _focus_peers(contacts: pl.DataFrame, thread_peers: pl.DataFrame) -> pl.DataFrame:
    """How many of the owner's other contacts share a focus with each contact.

    Foci are the same current employer and co-membership of a group thread (SCIENCE.md §4.3);
    the two counts are added, so a colleague met in a group thread counts twice [design choice].
    """
    company_peers = contacts.filter(pl.col("company_norm").is_not_null()).select(
        "contact_id", company_peers=(pl.len().over("company_norm") - 1).cast(pl.Int64)
    )
    return (
        contacts.select("contact_id")
        .join(company_peers, on="contact_id", how="left")
        .join(thread_peers, on="contact_id", how="left")
        .select(
            "contact_id",
            focus_peers=pl.col("company_peers").fill_null(0) + pl.col("thread_peers").fill_null(0),
        )
    )


def _percentile_of_positive(column: str) -> pl.Expr:
    """Share of contacts at or below this value (0 where the value is missing or zero)."""
    value = pl.col(column)
    pct = value.rank("max") / value.count()
    return pl.when(value.is_not_null() & (value > 0)).then(pct).otherwise(0.0).cast(pl.Float64)


def compute_features(
    contacts: pl.DataFrame,
    events: pl.DataFrame,
    owner: Owner,
    *,
    as_of: date,
    config: TieConfig,
    merged_order: bool = False,
) -> pl.DataFrame:
    """One FEATURES row per in-network contact, from interactions on or before `as_of`.

    Say `merged_order` when `events` are in the order the merge wrote them (`EVENT_ORDER`;
    anonymising rewrites ids but keeps it); any other frame is put in `EVENT_ORDER` first. The
    float sums add in the frame's order, so the same events then give the same bits in
    whatever order they come.
    """
    if not merged_order:
        events = events.sort(list(EVENT_ORDER), nulls_last=True, maintain_order=True)
    people = (
        contacts.filter(pl.col("in_network").fill_null(False))
        .unique("contact_id", keep="first", maintain_order=False)
        .sort("contact_id")
        .select(
            "contact_id",
            name=pl.coalesce(
                pl.col("full_name"),
                pl.concat_str(["first_name", "last_name"], separator=" ", ignore_nulls=True),
            ),
            company=pl.col("company"),
            position=pl.col("position"),
            connected_on=pl.col("connected_on"),
            profile_url=pl.col("profile_url"),
            email=pl.col("email"),
            company_norm=company_key_expr(pl.col("company")),
        )
    )
    # Work on a dense integer key instead of the contact_id strings: grouping a million message
    # rows by an integer is several times faster. Thread ids are hashed for the same reason.
    people = people.with_columns(
        _id=pl.col("contact_id"), contact_id=pl.int_range(pl.len(), dtype=pl.UInt32)
    )
    # Messages and the other events are two queries over EVENTS, each reading only its columns
    # (`source` would cost a copy of a string column per event): the integer key, the date
    # filter and the derived columns are one pass over the million message rows, and the few
    # thousand other events keep their kind and direction text. The kind filter runs first, so
    # the message query never materialises a row of the others.
    contact = pl.col("contact_id").replace_strict(
        # A lookup rather than a join: it keeps the events' order, which the sums rely on.
        people.get_column("_id"), people.get_column("contact_id"), default=None
    )
    is_message = pl.col("kind") == _MESSAGE
    days = _Days(events, as_of, config)
    messages = (
        _dated(events.lazy().filter(is_message), contact, as_of, days)
        .select(
            "contact_id",
            "at",
            "day",
            "decay",
            month=days.of("month"),
            grow=days.of("grow"),
            rise=days.of("rise"),
            weight=_group_weight(),
            # Direction as two booleans: a comparison per row, where the features only ask
            # "out?" and "in?" (a null direction is neither, as before).
            out=pl.col("direction") == _OUT,
            incoming=pl.col("direction") == _IN,
            # Hashed like the contact ids are numbered: grouping on an integer is cheaper.
            thread_id=pl.when(pl.col("thread_id").is_not_null()).then(pl.col("thread_id").hash()),
            participants="participants",
            length="length",
        )
        .collect()
    )
    # Each contact's messages are summed and accumulated in EVENT_ORDER, time first (a
    # group_by keeps the frame's order inside each group), so a float sum is the same on every
    # run and for every order of the input.
    fine = _by_thread_month(messages.lazy()).collect().lazy()
    others = _dated(
        events.lazy().filter(~is_message.fill_null(False)), contact, as_of, days
    ).select("contact_id", "kind", "direction", "at", "day", "decay", "has_note")
    # In memory, like the eager frame operations these replaced: the streaming engine marks
    # columns of a tiny result sorted, and polars then takes other float kernels for them (the
    # services term moved by one bit on a two-contact export).
    by_message, by_other, thread_peers = pl.collect_all(
        [
            _message_features(messages.lazy(), fine, as_of),
            _other_event_features(others),
            _thread_peers(fine),
        ],
        engine="in-memory",
    )
    frame = (
        people.join(by_message, on="contact_id", how="left")
        .join(by_other, on="contact_id", how="left")
        .with_columns(
            first_contact=pl.min_horizontal("first_message", "first_other"),
            last_contact=pl.max_horizontal("last_message", "last_other"),
        )
    )
    frame = frame.join(_employer_features(frame, owner, as_of), on="contact_id", how="left").join(
        _focus_peers(people, thread_peers), on="contact_id", how="left"
    )

    sent = pl.col("messages_sent").fill_null(0)
    received = pl.col("messages_received").fill_null(0)
    first_trace = pl.min_horizontal("connected_on", "first_contact")
    return (
        frame.with_columns(
            messages_sent=sent,
            messages_received=received,
            two_way=pl.col("last_two_way").is_not_null(),
            # Reciprocity over 1:1 messages: min(out, in) / max(out, in).
            reciprocity=pl.when(pl.max_horizontal("sent_1to1", "received_1to1") > 0)
            .then(
                pl.min_horizontal("sent_1to1", "received_1to1")
                / pl.max_horizontal("sent_1to1", "received_1to1")
            )
            .otherwise(0.0)
            .cast(pl.Float64),
            decayed_intensity=pl.col("decayed_intensity").fill_null(0.0),
            peak_intensity=pl.col("peak_intensity").fill_null(0.0),
            active_months=pl.col("active_months").fill_null(0),
            months_decayed=pl.col("months_decayed").fill_null(0.0),
            recent_months=pl.col("recent_months").fill_null(0),
            threads_1to1=pl.col("threads_1to1").fill_null(0),
            threads_group=pl.col("threads_group").fill_null(0),
            group_only=(sent + received > 0) & ~pl.col("any_1to1").fill_null(False),
            length_pct=_percentile_of_positive("mean_length"),
            invitation_note=pl.col("invitation_note").fill_null(False),
            endorsements_received=pl.col("endorsements_received").fill_null(0),
            endorsements_given=pl.col("endorsements_given").fill_null(0),
            endorsements_decayed=pl.col("endorsements_decayed").fill_null(0.0),
            recommendations_received=pl.col("recommendations_received").fill_null(0),
            recommendations_given=pl.col("recommendations_given").fill_null(0),
            current_colleague=pl.col("current_colleague").fill_null(False),
            tenure_overlap=pl.col("tenure_overlap").fill_null(False),
            connection_years=(days_before(as_of, "connected_on") / DAYS_PER_YEAR).clip(0.0),
            trace_years=(days_before(as_of, first_trace) / DAYS_PER_YEAR).clip(0.0).fill_null(0.0),
            focus_peers=pl.col("focus_peers").fill_null(0),
            struct_pct=_percentile_of_positive("focus_peers"),
            # The newest evidence of any kind; a current colleague is evidence up to today, a
            # former one up to the day the owner left.
            last_trace=pl.max_horizontal(
                "last_message",
                "last_endorsement",
                "last_note",
                "last_recommendation",
                pl.when(pl.col("current_colleague").fill_null(False))
                .then(pl.lit(as_of))
                .otherwise(pl.col("shared_until")),
            ),
        )
        .with_columns(contact_id=pl.col("_id"))
        .select(list(FEATURES.keys()))
        .sort("contact_id")
    )
