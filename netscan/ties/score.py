"""A transparent tie-strength score in [0, 1], its confidence, and a reason sentence.

S = Σ_g w_g · dim_g / Σ_g w_g over five groups (SCIENCE.md §8.3): communication, duration,
shared context, services and structure, each already in [0, 1]. Dividing by the weight sum keeps
S in [0, 1] whatever weights a config file sets. Every term is written out below so that the
model card (docs/tie-strength.md) and the code say the same thing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date

import polars as pl

from netscan.i18n import active_locale, gettext, ngettext
from netscan.l10n import month_names
from netscan.model import Confidence
from netscan.ties.config import TieConfig
from netscan.ties.features import (
    DAYS_PER_MONTH,
    DAYS_PER_YEAR,
    any_evidence_expr,
    days_before,
    recommended_expr,
)

# Reasons: phrases in order of weight in the model (recent two-way contact first, after Gilbert &
# Karahalios' top predictors); the first three that apply are joined. Only counts, dates and the
# shared employer's name appear; message text never does.
_MAX_PHRASES = 3


_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _sentence(template: str, **values: pl.Expr) -> pl.Expr:
    """A translated template with named placeholders filled from expressions, in the order the
    template puts them (so a translation may reorder them); null when any value is null."""
    parts: list[pl.Expr] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > position:
            parts.append(pl.lit(template[position : match.start()].replace("%%", "%")))
        parts.append(values[match.group(1)].cast(pl.String))
        position = match.end()
    if position < len(template) or not parts:
        parts.append(pl.lit(template[position:].replace("%%", "%")))
    return pl.concat_str(parts)


def _counted(count: pl.Expr, forms: Callable[[int], str], **values: pl.Expr) -> pl.Expr:
    """`_sentence` of the ngettext form `forms(n)` for each row's `count` (placeholder ``num``).

    `forms` is a lambda around a literal ngettext call, so pybabel extracts both forms. The
    catalogue's forms for 1 and for 2 are enough for English and Dutch; a language with more
    plural forms would need a per-count table here.
    """
    return (
        pl.when(count == 1)
        .then(_sentence(forms(1), num=count, **values))
        .otherwise(_sentence(forms(2), num=count, **values))
    )


def _month_year(day: pl.Expr) -> pl.Expr:
    """'Mar 2024' / 'mrt 2024': the month named for the active locale (strftime knows only C)."""
    names = month_names(active_locale())
    month = day.dt.month().replace_strict(
        list(range(1, 13)), list(names), return_dtype=pl.String
    )
    return pl.concat_str(month, pl.lit(" "), day.dt.year().cast(pl.String))


def reasons_expr() -> pl.Expr:
    """A `reasons` sentence from FEATURES columns plus `_two_way_age_days`."""
    return _joined_reasons(_reason_phrases())


def _reason_phrases() -> list[pl.Expr]:
    """Each phrase a `reasons` sentence may use, in order of weight; null where it does not
    apply."""
    sent = pl.col("messages_sent")
    received = pl.col("messages_received")
    recent_two_way = pl.col("two_way") & (pl.col("_two_way_age_days") < DAYS_PER_YEAR)
    messages = (
        pl.when(recent_two_way & (pl.col("recent_months") > 0))
        .then(
            _sentence(
                gettext("two-way messages in %(months)s of the last 12 months"),
                months=pl.col("recent_months"),
            )
        )
        .when(pl.col("two_way"))
        .then(
            _sentence(
                gettext("last two-way contact in %(month)s"),
                month=_month_year(pl.col("last_two_way")),
            )
        )
        .when((sent > 0) & (received == 0))
        .then(
            _counted(
                sent,
                lambda n: ngettext(
                    "%(num)d message sent, no reply", "%(num)d messages sent, no reply", n
                ),
            )
        )
        .when((received > 0) & (sent == 0))
        .then(
            _counted(
                received,
                lambda n: ngettext(
                    "%(num)d message received, no reply", "%(num)d messages received, no reply", n
                ),
            )
        )
    )
    recommended_you = pl.when(pl.col("last_recommended_you").is_not_null()).then(
        _sentence(
            gettext("recommended you in %(year)s"), year=pl.col("last_recommended_you").dt.year()
        )
    )
    you_recommended = pl.when(pl.col("last_you_recommended").is_not_null()).then(
        _sentence(
            gettext("you recommended them in %(year)s"),
            year=pl.col("last_you_recommended").dt.year(),
        )
    )
    company = pl.col("shared_employer")
    employer = (
        pl.when(pl.col("current_colleague"))
        .then(_sentence(gettext("current colleague at %(company)s"), company=company))
        .when(pl.col("tenure_overlap"))
        .then(_sentence(gettext("worked together at %(company)s"), company=company))
        .when(company.is_not_null())
        .then(_sentence(gettext("now at your former employer %(company)s"), company=company))
    )
    given = pl.col("endorsements_given")
    got = pl.col("endorsements_received")
    endorsements = (
        pl.when((given > 0) & (got > 0))
        .then(
            _counted(
                given + got,
                lambda n: ngettext(
                    "%(num)d endorsement exchanged", "%(num)d endorsements exchanged", n
                ),
            )
        )
        .when(got > 0)
        .then(
            _counted(
                got,
                lambda n: ngettext("endorsed you %(num)d time", "endorsed you %(num)d times", n),
            )
        )
        .when(given > 0)
        .then(
            _counted(
                given,
                lambda n: ngettext(
                    "you endorsed them %(num)d time", "you endorsed them %(num)d times", n
                ),
            )
        )
    )
    note = pl.when(pl.col("invitation_note")).then(
        pl.lit(gettext("invitation with a personal note"))
    )
    group = pl.when(pl.col("group_only")).then(pl.lit(gettext("only in group threads")))
    return [messages, recommended_you, you_recommended, employer, endorsements, note, group]


def _joined_reasons(candidates: list[pl.Expr]) -> pl.Expr:
    """The first `_MAX_PHRASES` non-null `candidates` joined into one sentence."""
    # Keep a phrase only while fewer than _MAX_PHRASES came before it; plain column arithmetic,
    # because list operations cost far more per row in polars.
    kept: list[pl.Expr] = []
    before: pl.Expr = pl.lit(0)
    for phrase in candidates:
        kept.append(pl.when(before < _MAX_PHRASES).then(phrase))
        before = before + phrase.is_not_null().cast(pl.Int32)
    nothing = (
        pl.when(pl.col("connected_on").is_not_null())
        .then(
            _sentence(
                gettext(
                    "connected in %(year)s; no messages, endorsements or shared employer on record"
                ),
                year=pl.col("connected_on").dt.year(),
            )
        )
        .otherwise(pl.lit(gettext("no messages, endorsements or shared employer on record")))
    )
    text = (
        pl.when(before > 0)
        .then(pl.concat_str(kept, separator="; ", ignore_nulls=True))
        .otherwise(nothing)
    )
    # One full stop, even when the sentence ends in a company name like "Globex Inc.".
    text = text.str.strip_chars_end(".")
    return (text.str.slice(0, 1).str.to_uppercase() + text.str.slice(1) + ".").alias("reasons")


def volume_expr(intensity: pl.Expr, config: TieConfig) -> pl.Expr:
    """f_int = 1 − (1 + E/scale)^(−a): exponential saturation on a log scale, 1 − e^(−a·ln(1+E)).

    Volume per tie is heavy-tailed (Onnela et al. 2007; Saramäki et al. 2014) and Gilbert &
    Karahalios log-transform their counts, so the term follows log volume: strictly increasing
    and still ranking a 200-message tie above a 15-message one, where 1 − e^(−E/3) was flat.
    """
    return 1.0 - (1.0 + intensity.clip(0.0) / config.intensity_scale).pow(
        -config.intensity_exponent
    )


def _saturate(intensity: pl.Expr, config: TieConfig) -> pl.Expr:
    """The volume term with current colleagues' volume discounted (Marsden & Campbell)."""
    discount = pl.when(pl.col("current_colleague")).then(config.colleague_discount).otherwise(1.0)
    return volume_expr(intensity * discount, config)


def _recency_columns(as_of: date, config: TieConfig) -> list[pl.Expr]:
    """How fresh each kind of relational evidence is: 2^(−Δt/h_r), 0 beyond the dormancy
    horizon or when there is none. A current colleague's shared employer is fresh today."""
    horizon = config.dormant_months * DAYS_PER_MONTH
    rate = math.log(2.0) / config.recency_half_life_days

    def fresh(column: str) -> pl.Expr:
        age = days_before(as_of, column).clip(0.0)
        return pl.when(age <= horizon).then((-age * rate).exp()).otherwise(0.0).fill_null(0.0)

    return [
        fresh("last_two_way").alias("_r_two_way"),
        fresh("last_recommendation").alias("_r_recommendation"),
        pl.when(pl.col("current_colleague"))
        .then(1.0)
        .otherwise(fresh("shared_until"))
        .alias("_r_employer"),
        (days_before(as_of, "last_trace") <= horizon).fill_null(False).alias("_alive"),
        days_before(as_of, "last_two_way").alias("_two_way_age_days"),
    ]


def _terms(config: TieConfig, *, peak: bool) -> dict[str, pl.Expr]:
    """The eight terms the score is linear in, each in [0, 1]: the four parts of communication
    (volume, two-way, length, personal) and dur, ctx, serv, struct.

    With `peak`, every recency factor is 1 and intensity is at its historical peak: the tie's
    strength at its best, as if its newest evidence were today (`past_peak`).
    """

    def fresh(column: str) -> pl.Expr:
        return pl.lit(1.0) if peak else pl.col(column)

    recommended = recommended_expr()
    two_way = pl.col("two_way").cast(pl.Float64)
    r_two_way = two_way * fresh("_r_two_way")
    r_rec = recommended.cast(pl.Float64) * fresh("_r_recommendation")
    r_employer = pl.col("shared_employer").is_not_null().cast(pl.Float64) * fresh("_r_employer")

    cap = config.active_months_cap
    months_value = pl.col("active_months").cast(pl.Float64) if peak else pl.col("months_decayed")
    months = (months_value.clip(0.0, cap) + 1.0).log() / math.log(1.0 + cap)
    note = pl.col("invitation_note").cast(pl.Float64)
    intensity = pl.col("peak_intensity" if peak else "decayed_intensity")

    # Duration counts only on top of a live relationship (Marsden & Campbell: duration alone is
    # contaminated); the first trace sets how long, the gate whether it counts at all.
    past_colleague = (pl.col("tenure_overlap") & ~pl.col("current_colleague")).cast(pl.Float64)
    gate = pl.max_horizontal(r_two_way, r_rec, past_colleague * r_employer)
    years = pl.col("trace_years").clip(0.0, config.duration_cap_years)
    dur = gate * (years + 1.0).log() / math.log(1.0 + config.duration_cap_years)

    ctx = (
        pl.when(pl.col("current_colleague"))
        .then(pl.lit(config.ctx_current))
        .when(pl.col("tenure_overlap"))
        .then(config.ctx_past_overlap * r_employer)
        .otherwise(config.ctx_past_no_overlap * r_employer)
    )

    endorsements = pl.col("endorsements_decayed")
    if peak:
        endorsements = (pl.col("endorsements_received") + pl.col("endorsements_given")).cast(
            pl.Float64
        )
    both = (
        (pl.col("endorsements_received") > 0)
        & (pl.col("endorsements_given") > 0)
        & (endorsements > 0)
    )
    endorsed = (endorsements + 1.0).log() / math.log(config.endorsement_base) + pl.when(both).then(
        config.endorsement_both_bonus
    ).otherwise(0.0)
    serv = r_rec + endorsed

    # Shared foci strengthen a tie that exists; they do not create one (Gilbert's strongest
    # interaction is Intimacy × Structural) [design choice].
    alive = pl.lit(True) if peak else pl.col("_alive")
    struct = pl.col("struct_pct") * alive.cast(pl.Float64)

    terms = {
        "volume": _saturate(intensity, config),
        # Two-way contact says the tie exists; how even it is says little about how strong it is,
        # so balance never re-ranks two contacts (reciprocity stays in the table, unscored).
        "two_way": r_two_way,
        "length": pl.col("length_pct") * r_two_way,
        "personal": pl.max_horizontal(note, months),
        "dur": dur,
        "ctx": ctx.cast(pl.Float64),
        "serv": serv,
        "struct": struct,
    }
    return {name: term.clip(0.0, 1.0).alias(name) for name, term in terms.items()}


def _dimensions(config: TieConfig, *, peak: bool) -> list[pl.Expr]:
    """comm, dur, ctx, serv and struct, each in [0, 1]; comm is the weighted mean of its parts."""
    terms = _terms(config, peak=peak)
    parts = (
        (config.comm_intensity, terms["volume"]),
        (config.comm_two_way, terms["two_way"]),
        (config.comm_length, terms["length"]),
        (config.comm_personal, terms["personal"]),
    )
    comm_total = sum(weight for weight, _ in parts)
    comm = pl.sum_horizontal(weight * term for weight, term in parts) / comm_total
    return [
        comm.clip(0.0, 1.0).alias("comm"),
        terms["dur"].alias("dur"),
        terms["ctx"].alias("ctx"),
        terms["serv"].alias("serv"),
        terms["struct"].alias("struct"),
    ]


def _weighted(config: TieConfig, dims: list[pl.Expr]) -> pl.Expr:
    """S = Σ w_g·dim_g / Σ w_g, in [0, 1]."""
    weights = (
        config.weight_comm,
        config.weight_dur,
        config.weight_ctx,
        config.weight_serv,
        config.weight_struct,
    )
    total = sum(weights)
    return (pl.sum_horizontal(w * d for w, d in zip(weights, dims, strict=True)) / total).clip(
        0.0, 1.0
    )


def score_components(
    features: pl.DataFrame, *, as_of: date, config: TieConfig
) -> pl.DataFrame:
    """FEATURES plus the eight terms of `_terms` as `term_<name>` columns (the score is linear in
    them; calibration fits their weights)."""
    return (
        features.with_columns(_recency_columns(as_of, config))
        .with_columns(
            term.alias(f"term_{name}") for name, term in _terms(config, peak=False).items()
        )
        .drop("_r_two_way", "_r_recommendation", "_r_employer", "_alive", "_two_way_age_days")
    )


def score_ties(features: pl.DataFrame, *, as_of: date, config: TieConfig) -> pl.DataFrame:
    """Add score, confidence, reasons, percentile, past_peak and the five sub-scores to FEATURES."""
    recommended = recommended_expr()
    phrases = [f"_phrase_{i}" for i in range(len(_reason_phrases()))]
    # Eager, one with_columns after another as before: the lazy engine may order a horizontal
    # float sum differently, and a score one bit off can reorder equal-scored ties.
    scored = (
        features.with_columns(_recency_columns(as_of, config))
        .with_columns(_dimensions(config, peak=False))
        .with_columns(
            score=_weighted(
                config, [pl.col(name) for name in ("comm", "dur", "ctx", "serv", "struct")]
            )
        )
        .with_columns(
            past_peak=pl.max_horizontal(
                pl.col("score"), _weighted(config, _dimensions(config, peak=True))
            ),
            percentile=(100.0 * pl.col("score").rank("max") / pl.len()).cast(pl.Float64),
            confidence=pl.when(pl.col("two_way") | recommended)
            .then(pl.lit(Confidence.HIGH.value))
            # Recommended rows took HIGH above, so this is the other evidence.
            .when(any_evidence_expr())
            .then(pl.lit(Confidence.MEDIUM.value))
            .otherwise(pl.lit(Confidence.LOW.value)),
        )
        # The reason phrases as columns first: each is then read, not re-evaluated, by the test
        # that keeps it and by the count of the phrases before the next.
        .with_columns(
            phrase.alias(name) for phrase, name in zip(_reason_phrases(), phrases, strict=True)
        )
        .with_columns(reasons=_joined_reasons([pl.col(name) for name in phrases]))
        .drop(*phrases)
    )
    return scored.drop(
        "_r_two_way", "_r_recommendation", "_r_employer", "_alive", "_two_way_age_days"
    )
