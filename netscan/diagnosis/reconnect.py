"""Dormant ties worth reviving, ranked by past strength and novelty.

Levin, Walter & Murnighan (2011): reconnected dormant ties give both trust and novelty.
Walter et al. (2015): the most valuable reconnections are to people who now offer novelty
(a different employer, higher status), not the old close colleagues people prefer by instinct.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from netscan.companies import company_key
from netscan.diagnosis.taxonomy import (
    UNKNOWN,
    category_label,
    infer_function,
    infer_seniority,
    seniority_rank,
)
from netscan.diagnosis.types import ReconnectSuggestion
from netscan.i18n import gettext, ngettext

# Novelty = 0.5 · different employer + 0.3 · more senior + 0.2 · different function.
NOVELTY_EMPLOYER = 0.5
NOVELTY_SENIORITY = 0.3
NOVELTY_FUNCTION = 0.2
# A past peak at or above this reads as "one of your close ties" (the strong threshold, 0.55).
CLOSE_PAST = 0.55
# Priority weighs the trust a past tie carries equally with the novelty it offers now.
PRIORITY_PAST = 0.5


def quiet_for(days: int) -> str:
    """A quiet spell in words, rounded as people say it: "quiet for 11 years", "for 8 months"."""
    if days < 60:
        return ngettext("quiet for %(num)d day", "quiet for %(num)d days", days) % {"num": days}
    if days < 730:
        months = round(days / 30.44)
        return ngettext(
            "quiet for %(num)d month", "quiet for %(num)d months", months
        ) % {"num": months}
    years = round(days / 365.25)
    return ngettext("quiet for %(num)d year", "quiet for %(num)d years", years) % {"num": years}


def reconnect(
    ties: pl.DataFrame,
    *,
    as_of: date,
    owner_employer: str,
    owner_function: str,
    owner_seniority: str,
) -> tuple[ReconnectSuggestion, ...]:
    """Every dormant tie, most worth reviving first (priority, then name, then contact id)."""
    dormant = ties.filter(pl.col("tie_class") == "dormant")
    owner_rank = seniority_rank(owner_seniority)
    out: list[ReconnectSuggestion] = []
    for row in dormant.iter_rows(named=True):
        peak = row.get("past_peak")
        past = float(peak if peak is not None else row["score"] or 0.0)
        company = row["company"] or ""
        position = row["position"] or ""
        reasons = [
            gettext("was one of your close ties") if past >= CLOSE_PAST
            else gettext("was a real relationship once")
        ]
        novelty = 0.0
        employer = company_key(company)
        if employer and employer != owner_employer:
            novelty += NOVELTY_EMPLOYER
            reasons.append(gettext("now at %(company)s, not your employer") % {"company": company})
        band = infer_seniority(position)
        rank = seniority_rank(band)
        if rank is not None and owner_rank is not None and rank > owner_rank:
            novelty += NOVELTY_SENIORITY
            reasons.append(
                gettext("more senior than you now (%(band)s)") % {"band": category_label(band)}
            )
        function = infer_function(position)
        if function != UNKNOWN and owner_function != UNKNOWN and function != owner_function:
            novelty += NOVELTY_FUNCTION
            reasons.append(
                gettext("works in %(function)s, a different field from yours")
                % {"function": category_label(function)}
            )
        last = row.get("last_two_way") or row.get("last_contact")
        quiet = None
        if last is not None:
            quiet = round((as_of - last).days / 365.25, 1)
            reasons.append(quiet_for((as_of - last).days))
        out.append(
            ReconnectSuggestion(
                contact_id=row["contact_id"],
                name=row["name"] or "",
                company=company,
                position=position,
                past_peak=round(past, 4),
                novelty=round(novelty, 4),
                priority=round(PRIORITY_PAST * past + (1 - PRIORITY_PAST) * novelty, 4),
                years_quiet=quiet,
                reasons=tuple(reasons),
            )
        )
    return tuple(sorted(out, key=lambda s: (-s.priority, s.name, s.contact_id)))
