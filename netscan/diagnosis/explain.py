"""Plain-language wording of a goal's terms: one sentence a non-specialist understands.

The numbers behind a sentence (metric, value, reference, score, weight) travel separately in
`TermResult` and are shown behind a "how this was computed" toggle; these sentences never name
an index ("E-I", "IQV", "constraint") or a scoring rule. Each sentence states the fact in the
person's own terms and then what it means for the goal, chosen by the term's score.
"""

from __future__ import annotations

from collections.abc import Callable

from netscan.diagnosis.types import Metrics
from netscan.i18n import N_, gettext, ngettext

# A term scoring at least GOOD is a strength for the goal; below WEAK it holds the goal back.
GOOD = 0.7
WEAK = 0.4

Fact = Callable[[float, Metrics], str]


def _pct(value: float) -> str:
    return f"{max(0.0, min(1.0, value)):.0%}"


def _count(value: float) -> int:
    return round(value)


def _spread(value: float) -> str:
    if value >= 0.9:
        return gettext("evenly, with no single one dominating")
    if value >= 0.7:
        return gettext("fairly evenly")
    return gettext("unevenly: a few of them hold most of your ties")


def _strong(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "%(num)d person is close to you: you are in touch both ways, often and recently",
        "%(num)d people are close to you: you are in touch both ways, often and recently",
        n,
    ) % {"num": n}


def _strong_recent(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "You had a two-way conversation with %(num)d of your close ties in the last three months",
        "You had a two-way conversation with %(num)d of your close ties in the last three months",
        n,
    ) % {"num": n}


def _strong_days(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "Your typical close tie last exchanged messages with you %(num)d day ago",
        "Your typical close tie last exchanged messages with you %(num)d days ago",
        n,
    ) % {"num": n}


def _closure(v: float, m: Metrics) -> str:
    return gettext(
        "About %(pct)s of the pairs among your closest and active contacts probably know each "
        "other"
    ) % {"pct": _pct(v)}


def _active(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "You keep %(num)d relationship active, with regular contact both ways",
        "You keep %(num)d relationships active, with regular contact both ways",
        n,
    ) % {"num": n}


def _outside(v: float, m: Metrics) -> str:
    # E-I in [-1, 1] is (external - internal) / total, so the external share is (1 + E-I) / 2.
    if (1 + v) / 2 >= 0.995:
        return gettext("All of your relationships are with people outside your own employer")
    return gettext(
        "About %(pct)s of your relationships, counted by how strong they are, are with people "
        "outside your own employer"
    ) % {"pct": _pct((1 + v) / 2)}


def _employers(v: float, m: Metrics) -> str:
    n = int(m.employers_reached)
    return ngettext(
        "The people you are in touch with work at %(num)d other organisation, spread %(spread)s",
        "The people you are in touch with work at %(num)d other organisations, spread %(spread)s",
        n,
    ) % {"num": n, "spread": _spread(v)}


def _functions(v: float, m: Metrics) -> str:
    return gettext(
        "Your contacts' kinds of work (sales, engineering, HR …) are spread %(spread)s"
    ) % {"spread": _spread(v)}


def _seniority(v: float, m: Metrics) -> str:
    return gettext("Your contacts' levels, from junior to executive, are spread %(spread)s") % {
        "spread": _spread(v)
    }


def _efficiency(v: float, m: Metrics) -> str:
    return gettext(
        "About %(pct)s of your contacts bring you something the others do not, because they do "
        "not all know each other"
    ) % {"pct": _pct(v)}


def _effective(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "Counting people who know each other only once, your network reaches about %(num)d "
        "separate person",
        "Counting people who know each other only once, your network reaches about %(num)d "
        "separate people",
        n,
    ) % {"num": n}


def _mod_weak(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "You have %(num)d acquaintance you are in some touch with: not close, not strangers",
        "You have %(num)d acquaintances you are in some touch with: not close, not strangers",
        n,
    ) % {"num": n}


def _bridges(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "%(num)d contact is your only link into their organisation and you were in touch this "
        "year",
        "%(num)d contacts are your only link into their organisation and you were in touch this "
        "year",
        n,
    ) % {"num": n}


def _clusters(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "Your contacts form %(num)d separate group that does not overlap with another",
        "Your contacts form %(num)d separate groups that do not overlap",
        n,
    ) % {"num": n}


def _approached(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "%(num)d person came to you: invited you, wrote first, endorsed or recommended you",
        "%(num)d people came to you: invited you, wrote first, endorsed or recommended you",
        n,
    ) % {"num": n}


def _reply(v: float, m: Metrics) -> str:
    return gettext("You answered %(pct)s of the conversations others started") % {"pct": _pct(v)}


def _invited(v: float, m: Metrics) -> str:
    return gettext("Others asked to connect for %(pct)s of your connections") % {"pct": _pct(v)}


def _endorsed(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "People endorsed your skills %(num)d time", "People endorsed your skills %(num)d times", n
    ) % {"num": n}


def _recommended(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "%(num)d person wrote you a recommendation",
        "%(num)d people wrote you a recommendation",
        n,
    ) % {"num": n}


def _endorse_given(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "You endorsed others' skills %(num)d time",
        "You endorsed others' skills %(num)d times",
        n,
    ) % {"num": n}


def _recommend_given(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "You wrote %(num)d recommendation for others",
        "You wrote %(num)d recommendations for others",
        n,
    ) % {"num": n}


def _intros(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "You started %(num)d group conversation that brings people together",
        "You started %(num)d group conversations that bring people together",
        n,
    ) % {"num": n}


def _sent(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "You send about %(num)d message a month", "You send about %(num)d messages a month", n
    ) % {"num": n}


def _received(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "You receive about %(num)d message a month",
        "You receive about %(num)d messages a month",
        n,
    ) % {"num": n}


def _reconnect(v: float, m: Metrics) -> str:
    n = _count(v)
    return ngettext(
        "%(num)d past relationship has gone quiet and is worth reviving",
        "%(num)d past relationships have gone quiet and are worth reviving",
        n,
    ) % {"num": n}


def _top5(v: float, m: Metrics) -> str:
    return gettext("Your five closest ties hold %(pct)s of all your relationship strength") % {
        "pct": _pct(v)
    }


FACTS: dict[str, Fact] = {
    "strong": _strong,
    "strong_recent": _strong_recent,
    "median_days_since_two_way_strong": _strong_days,
    "strong_density": _closure,
    "active_ties": _active,
    "employer_ei": _outside,
    "employer_iqv": _employers,
    "function_iqv": _functions,
    "seniority_iqv": _seniority,
    "efficiency": _efficiency,
    "effective_size": _effective,
    "moderately_weak": _mod_weak,
    "recent_bridges": _bridges,
    "clusters": _clusters,
    "approached_by": _approached,
    "reply_share": _reply,
    "invitations_received_share": _invited,
    "endorsements_received": _endorsed,
    "recommendations_received": _recommended,
    "endorsements_given": _endorse_given,
    "recommendations_given": _recommend_given,
    "introductions": _intros,
    "messages_per_month_sent": _sent,
    "messages_per_month_received": _received,
    "reconnect_candidates": _reconnect,
    "top5_strength_share": _top5,
}

# Short noun phrases for the one-sentence verdict ("… mainly thanks to your close ties").
ASPECTS: dict[str, str] = {
    "strong": N_("your close ties"),
    "strong_recent": N_("recent contact with your close ties"),
    "median_days_since_two_way_strong": N_("how recently you spoke with your close ties"),
    "strong_density": N_("close contacts who know each other"),
    "active_ties": N_("the number of active relationships"),
    "employer_ei": N_("ties outside your employer"),
    "employer_iqv": N_("the spread of organisations you know"),
    "function_iqv": N_("the mix of kinds of work"),
    "seniority_iqv": N_("the mix of levels"),
    "efficiency": N_("contacts who do not all know each other"),
    "effective_size": N_("your reach"),
    "moderately_weak": N_("your acquaintances"),
    "recent_bridges": N_("your links into other organisations"),
    "clusters": N_("the number of separate groups you reach"),
    "approached_by": N_("people coming to you"),
    "reply_share": N_("how often you answer"),
    "invitations_received_share": N_("others asking to connect"),
    "endorsements_received": N_("endorsements you received"),
    "recommendations_received": N_("recommendations you received"),
    "endorsements_given": N_("endorsements you give"),
    "recommendations_given": N_("recommendations you write"),
    "introductions": N_("introductions you make"),
    "messages_per_month_sent": N_("how much you write"),
    "messages_per_month_received": N_("how much you hear from others"),
    "reconnect_candidates": N_("past relationships worth reviving"),
    "top5_strength_share": N_("how evenly your closeness is spread"),
}

# What the absence of a metric means, in words.
MISSING: dict[str, str] = {
    "median_days_since_two_way_strong": N_("when you last spoke with your close ties"),
    "employer_ei": N_("your own employer"),
    "reply_share": N_("conversations others started"),
    "invitations_received_share": N_("invitations"),
}


def fact(metric: str, value: float, metrics: Metrics) -> str:
    """The plain fact behind `metric` (no trailing full stop)."""
    return FACTS[metric](value, metrics)


def judgement(score: float) -> str:
    """What a term's score means for the goal, as the end of a sentence."""
    if score >= GOOD:
        return gettext("a strength for this goal")
    if score >= WEAK:
        return gettext("some help for this goal, not yet enough")
    return gettext("a gap for this goal")


def sentence(metric: str, value: float, score: float, metrics: Metrics) -> str:
    """One plain sentence: the fact, then what it means for the goal."""
    return gettext("%(fact)s — %(judgement)s.") % {
        "fact": fact(metric, value, metrics),
        "judgement": judgement(score),
    }


def missing_sentence(metric: str) -> str:
    """The sentence for a term the export cannot support."""
    what = MISSING.get(metric) or ASPECTS.get(metric, metric)
    return gettext(
        "This export holds nothing about %(what)s, so it was left out rather than counted as "
        "zero."
    ) % {"what": gettext(what)}


def aspect(metric: str) -> str:
    """A short noun phrase for `metric`, translated."""
    return gettext(ASPECTS.get(metric, metric))


def verdict_sentence(verdict: str, strongest: str | None, weakest: str | None) -> str:
    """The goal's one-sentence verdict from its strongest and weakest term (None: no term is a
    strength, or no term is short)."""
    values = {
        "best": aspect(strongest) if strongest else "",
        "worst": aspect(weakest) if weakest else "",
    }
    two = strongest is not None and weakest is not None and strongest != weakest
    if verdict == "fits":
        if two:
            return gettext(
                "Fits: the strong point is %(best)s; the point to watch is %(worst)s."
            ) % values
        if strongest:
            return gettext(
                "Fits: every ingredient is in place, above all %(best)s."
            ) % values
        return gettext("Fits.")
    if verdict == "partly":
        if two:
            return gettext(
                "Partly fits: the strong point is %(best)s; the weak point is %(worst)s."
            ) % values
        if weakest:
            return gettext("Partly fits: the weak point is %(worst)s.") % values
        return gettext("Partly fits: no single ingredient is strong yet.")
    if two:
        return gettext(
            "Does not fit yet: the weak point is %(worst)s; build from %(best)s."
        ) % values
    if weakest:
        return gettext("Does not fit yet: the weak point is %(worst)s.") % values
    return gettext("Does not fit yet.")
