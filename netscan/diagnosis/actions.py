"""Goal-specific action recipes: concrete next steps that name contacts and their companies.

Each recipe reads one or two people pools of `ActionContext` (built by
`netscan.diagnosis.pools`) and returns a sentence, or None when it has nobody to name, so a
recipe never speaks in generalities. Recipes are phrased to serve both cases: when a goal fits
they say how to use the network, when it does not they say how to build it. The recipes of each
goal are listed in `netscan.diagnosis.catalogue` and described in docs/goals.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace

from netscan.diagnosis.taxonomy import category_label
from netscan.diagnosis.types import Metrics, TargetResult
from netscan.i18n import N_, gettext, ngettext
from netscan.l10n import percent

# Three names per action: enough choice, short enough to act on this week.
NAMES_PER_ACTION = 3


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact an action can name: name, company and a short note (last contact, title)."""

    name: str
    company: str
    detail: str = ""
    days: int | None = None  # days since the last two-way contact, where a recipe needs it


@dataclass(frozen=True, slots=True)
class ThinFunction:
    """A job function where the owner knows only one or two people."""

    function: str
    people: tuple[Contact, ...]


@dataclass(frozen=True, slots=True)
class TopEmployer:
    """The employer holding the most active ties, and its share of them."""

    company: str
    active: int
    share: float
    people: tuple[Contact, ...] = ()


@dataclass(frozen=True, slots=True)
class ActionContext:
    """Named contacts the recipes can point to, each pool already in priority order."""

    inner: tuple[Contact, ...] = ()
    quiet_close: tuple[Contact, ...] = ()
    close_linked: tuple[Contact, ...] = ()
    close_unlinked: tuple[Contact, ...] = ()
    close_colleagues: tuple[Contact, ...] = ()
    moderately_weak_elsewhere: tuple[Contact, ...] = ()
    dormant_colleagues: tuple[Contact, ...] = ()
    dormant_elsewhere: tuple[Contact, ...] = ()
    senior_outside: tuple[Contact, ...] = ()
    came_to_you: tuple[Contact, ...] = ()
    came_to_you_outside: tuple[Contact, ...] = ()
    endorse_back: tuple[Contact, ...] = ()
    recommend: tuple[Contact, ...] = ()
    bridges: tuple[Contact, ...] = ()
    bridges_at_risk: tuple[Contact, ...] = ()
    function_bridges: tuple[Contact, ...] = ()
    high_bandwidth: tuple[Contact, ...] = ()
    former_colleagues: tuple[Contact, ...] = ()
    senior_close: tuple[Contact, ...] = ()
    dormant_mentors: tuple[Contact, ...] = ()
    weak_new_employers: tuple[Contact, ...] = ()
    weak_outside_top: tuple[Contact, ...] = ()
    angles: tuple[Contact, ...] = ()
    thin_functions: tuple[ThinFunction, ...] = ()
    intro_pair: tuple[Contact, ...] = ()
    top_employer: TopEmployer | None = None
    targets: tuple[TargetResult, ...] = ()


def _one(person: Contact, with_detail: bool = True) -> str:
    named = _NAMED.get()
    if named is not None:
        named.append(person)
    inside = [x for x in (person.company, person.detail if with_detail else "") if x]
    return f"{person.name} ({', '.join(inside)})" if inside else person.name


# Every name an action sentence shows passes through `names`, which records it here while a
# `recording()` block is open: the one place that decides who is recommended where reads it.
_NAMED: ContextVar[list[Contact] | None] = ContextVar("netscan_named", default=None)


@contextmanager
def recording() -> Iterator[list[Contact]]:
    """Collect every contact `names` formats inside the block, in order."""
    named: list[Contact] = []
    token = _NAMED.set(named)
    try:
        yield named
    finally:
        _NAMED.reset(token)


def without(ctx: ActionContext, taken: set[str]) -> ActionContext:
    """`ctx` with every contact whose name is in `taken` removed from every pool."""
    if not taken:
        return ctx
    changes: dict[str, object] = {}
    for item in fields(ctx):
        value = getattr(ctx, item.name)
        if isinstance(value, tuple) and value and isinstance(value[0], Contact):
            changes[item.name] = tuple(c for c in value if c.name not in taken)
        elif isinstance(value, tuple) and value and isinstance(value[0], ThinFunction):
            thin = (
                ThinFunction(t.function, tuple(c for c in t.people if c.name not in taken))
                for t in value
            )
            changes[item.name] = tuple(t for t in thin if t.people)
    if ctx.top_employer is not None:
        top = ctx.top_employer
        changes["top_employer"] = replace(
            top, people=tuple(c for c in top.people if c.name not in taken)
        )
    return replace(ctx, **changes)  # type: ignore[arg-type]


def names(people: Sequence[Contact], limit: int = NAMES_PER_ACTION, detail: bool = True) -> str:
    """The first `limit` people as "Name (Company, note)", joined by ", " — or by "; " when a
    name or note holds a comma (credential suffixes such as "Fleur Dekker, CFA")."""
    parts = [_one(p, detail) for p in people[:limit]]
    sep = "; " if any("," in p.name or "," in p.detail for p in people[:limit]) else ", "
    return sep.join(parts)


def _n(people: Sequence[Contact], limit: int = NAMES_PER_ACTION) -> int:
    return min(len(people), limit)


# Tie classes shown next to a name ("Eva Bos (Globex, weak)"); the keys are identifiers.
TIE_CLASS_LABELS = {
    "strong": N_("strong"),
    "medium": N_("medium"),
    "weak": N_("weak"),
    "dormant": N_("dormant"),
    "latent": N_("latent"),
}


def tie_class_label(tie_class: str) -> str:
    """The translated, lower-case name of a tie class for use inside a sentence."""
    label = TIE_CLASS_LABELS.get(tie_class)
    return gettext(label) if label is not None else tie_class


# A recipe's wording depends on how many people it names: `Forms` is a lambda around one literal
# ngettext call (so pybabel extracts both forms), filled with ``num`` and ``names``. This
# replaces the old English-only regex that turned "these 1 bridges" into "this bridge".
Forms = Callable[[int], str]


def _counted(
    forms: Forms, people: Sequence[Contact], limit: int = NAMES_PER_ACTION, **values: object
) -> str:
    count = _n(people, limit)
    return forms(count) % {"num": count, "names": names(people, limit), **values}


Recipe = Callable[[ActionContext, Metrics], str | None]


# --- expressive: attention, fun, support, collaboration, sounding board -------------------


MONTHLY_DAYS = 31


def inner_circle(ctx: ActionContext, m: Metrics) -> str | None:
    """Attention: the inner circle by name with the last two-way contact; anyone not reached
    within a month is named as overdue, so "keep contact monthly" never hides a long silence."""
    if not ctx.inner:
        return None
    count = int(m.strong or len(ctx.inner))
    shown = ctx.inner[:NAMES_PER_ACTION]
    recent = [c for c in shown if c.days is not None and c.days <= MONTHLY_DAYS]
    overdue = [c for c in shown if c.days is None or c.days > MONTHLY_DAYS]
    values = {"num": count, "names": names(recent), "overdue": names(overdue)}
    if recent and overdue:
        text = ngettext(
            "Your inner circle is %(num)d strong tie; share news with them personally first and "
            "keep contact at least monthly: %(names)s; overdue for a call: %(overdue)s.",
            "Your inner circle is %(num)d strong ties; share news with them personally first "
            "and keep contact at least monthly: %(names)s; overdue for a call: %(overdue)s.",
            count,
        )
    elif overdue:
        text = ngettext(
            "Your inner circle is %(num)d strong tie, and not reached in the last month; call "
            "first, then keep contact at least monthly: %(overdue)s.",
            "Your inner circle is %(num)d strong ties, none reached in the last month; call them "
            "first, then keep contact at least monthly: %(overdue)s.",
            count,
        )
    else:
        text = ngettext(
            "Your inner circle is %(num)d strong tie; share news with them personally first and "
            "keep contact at least monthly: %(names)s.",
            "Your inner circle is %(num)d strong ties; share news with them personally first "
            "and keep contact at least monthly: %(names)s.",
            count,
        )
    return text % values


def _quiet(ctx: ActionContext, forms: Forms) -> str | None:
    return _counted(forms, ctx.quiet_close) if ctx.quiet_close else None


def quiet_close_attention(ctx: ActionContext, m: Metrics) -> str | None:
    """Attention: close ties gone quiet (closeness fades within months; Roberts & Dunbar 2015)."""
    return _quiet(
        ctx,
        lambda n: ngettext(
            "Closeness fades within months without contact; call or meet this close tie quiet "
            "for over 90 days: %(names)s.",
            "Closeness fades within months without contact; call or meet these %(num)d close "
            "ties quiet for over 90 days: %(names)s.",
            n,
        ),
    )


def quiet_close_fun(ctx: ActionContext, m: Metrics) -> str | None:
    """Fun: close ties gone quiet, to plan something with."""
    return _quiet(
        ctx,
        lambda n: ngettext(
            "Plan a coffee, a walk or a dinner with this close tie quiet for over 90 days: "
            "%(names)s.",
            "Plan a coffee, a walk or a dinner with these %(num)d close ties quiet for over 90 "
            "days: %(names)s.",
            n,
        ),
    )


def inner_circle_fun(ctx: ActionContext, m: Metrics) -> str | None:
    """Fun: get the inner circle together."""
    if len(ctx.inner) < 2:
        return None
    return gettext(
        "Organise something informal for %(num)d of your closest ties together: %(names)s."
    ) % {"num": _n(ctx.inner), "names": names(ctx.inner, detail=False)}


def quiet_close_support(ctx: ActionContext, m: Metrics) -> str | None:
    """Support: close ties gone quiet, to re-engage before asking for backing."""
    return _quiet(
        ctx,
        lambda n: ngettext(
            "Re-engage before you ask for backing; write to this close tie quiet for over 90 "
            "days: %(names)s.",
            "Re-engage before you ask for backing; write to these %(num)d close ties quiet for "
            "over 90 days: %(names)s.",
            n,
        ),
    )


def quiet_close_collab(ctx: ActionContext, m: Metrics) -> str | None:
    """Collaboration: trust needs upkeep."""
    return _quiet(
        ctx,
        lambda n: ngettext(
            "Trust for confidential work needs upkeep; catch up with this close tie quiet for "
            "over 90 days: %(names)s.",
            "Trust for confidential work needs upkeep; catch up with these %(num)d close ties "
            "quiet for over 90 days: %(names)s.",
            n,
        ),
    )


def quiet_close_sounding(ctx: ActionContext, m: Metrics) -> str | None:
    """Sounding board: people who know you well but have gone quiet."""
    return _quiet(
        ctx,
        lambda n: ngettext(
            "Test an idea on someone who knows you well; restart with this close tie quiet for "
            "over 90 days: %(names)s.",
            "Test an idea on someone who knows you well; restart with these %(num)d close ties "
            "quiet for over 90 days: %(names)s.",
            n,
        ),
    )


def quiet_close_advice(ctx: ActionContext, m: Metrics) -> str | None:
    """Advice: trusted ties gone quiet."""
    return _quiet(
        ctx,
        lambda n: ngettext(
            "Honest advice comes from people who know you; ask this close tie quiet for over "
            "90 days: %(names)s.",
            "Honest advice comes from people who know you; ask one of these %(num)d close ties "
            "quiet for over 90 days: %(names)s.",
            n,
        ),
    )


def rally_colleagues(ctx: ActionContext, m: Metrics) -> str | None:
    """Support: close ties at your own employer, a group that already knows each other."""
    if not ctx.close_colleagues:
        return None
    return _counted(
        lambda n: ngettext(
            "Rally your close ties at your own employer first; they know each other and can "
            "back a shared cause together. Start with this one: %(names)s.",
            "Rally your close ties at your own employer first; they know each other and can "
            "back a shared cause together. Start with these %(num)d: %(names)s.",
            n,
        ),
        ctx.close_colleagues,
    )


def bring_together(ctx: ActionContext, m: Metrics) -> str | None:
    """Collaboration: close ties to bring into one group (closure builds trust; Coleman)."""
    if len(ctx.close_unlinked) < 2:
        return None
    return gettext(
        "Build closure: bring into one conversation these %(num)d close ties who do not know "
        "each other yet: %(names)s."
    ) % {"num": _n(ctx.close_unlinked), "names": names(ctx.close_unlinked)}


def bring_together_support(ctx: ActionContext, m: Metrics) -> str | None:
    """Support: link up supporters who do not know each other."""
    if len(ctx.close_unlinked) < 2:
        return None
    return gettext(
        "A cause is backed by a group, not by individuals; connect these %(num)d close ties "
        "who do not know each other yet: %(names)s."
    ) % {"num": _n(ctx.close_unlinked), "names": names(ctx.close_unlinked)}


def closure_core(ctx: ActionContext, m: Metrics) -> str | None:
    """Collaboration: the close ties who already know each other (imputed)."""
    if len(ctx.close_linked) < 2:
        return None
    return gettext(
        "These %(num)d close ties each share an employer or a group conversation with another "
        "close tie, the trusted core for complex or confidential work: %(names)s."
    ) % {"num": _n(ctx.close_linked), "names": names(ctx.close_linked)}


def sounding_angles(ctx: ActionContext, m: Metrics) -> str | None:
    """Sounding board: trusted ties in different functions, for more than one angle."""
    if len(ctx.angles) < 2:
        return None
    return gettext(
        "For an idea heard from more than one angle, try it on these %(num)d trusted ties in "
        "different functions: %(names)s."
    ) % {"num": _n(ctx.angles), "names": names(ctx.angles)}


# --- instrumental --------------------------------------------------------------------------


def moderately_weak_job(ctx: ActionContext, m: Metrics) -> str | None:
    """Job: moderately weak ties at other employers, most senior and most recent first."""
    if not ctx.moderately_weak_elsewhere:
        return None
    return _counted(
        lambda n: ngettext(
            "Acquaintances — not close, not strangers — pass on most job leads (Rajkumar et al. "
            "2022); ask this one at another employer what is opening up: %(names)s.",
            "Acquaintances — not close, not strangers — pass on most job leads (Rajkumar et al. "
            "2022); ask these %(num)d at other employers what is opening up: %(names)s.",
            n,
        ),
        ctx.moderately_weak_elsewhere,
    )


def dormant_colleagues_job(ctx: ActionContext, m: Metrics) -> str | None:
    """Job: dormant former colleagues who now sit elsewhere (Levin et al. 2011)."""
    if not ctx.dormant_colleagues:
        return None
    return _counted(
        lambda n: ngettext(
            "Reconnect with this former colleague from outside your current employer; old trust "
            "plus new information (Levin et al. 2011): %(names)s.",
            "Reconnect with these %(num)d former colleagues from outside your current employer; "
            "old trust plus new information (Levin et al. 2011): %(names)s.",
            n,
        ),
        ctx.dormant_colleagues,
    )


def dormant_elsewhere_job(ctx: ActionContext, m: Metrics) -> str | None:
    """Job: the dormant ties most worth reviving that now work elsewhere."""
    if not ctx.dormant_elsewhere:
        return None
    return _counted(
        lambda n: ngettext(
            "Revive this dormant tie now at another employer, chosen by past strength and "
            "novelty (Walter et al. 2015): %(names)s.",
            "Revive these %(num)d dormant ties now at other employers, ranked by past strength "
            "and novelty (Walter et al. 2015): %(names)s.",
            n,
        ),
        ctx.dormant_elsewhere,
    )


def senior_outside(ctx: ActionContext, m: Metrics) -> str | None:
    """Clients: weak or medium ties at director level or above at other organisations."""
    if not ctx.senior_outside:
        return None
    return _counted(
        lambda n: ngettext(
            "This decision maker at another organisation already knows you; offer a short, "
            "concrete conversation: %(names)s.",
            "These %(num)d decision makers at other organisations already know you; offer each "
            "a short, concrete conversation: %(names)s.",
            n,
        ),
        ctx.senior_outside,
    )


def came_to_you_clients(ctx: ActionContext, m: Metrics) -> str | None:
    """Clients: people who started a conversation with you or invited you."""
    if not ctx.came_to_you_outside:
        return None
    return _counted(
        lambda n: ngettext(
            "This person at another organisation came to you first; follow up on what they "
            "needed: %(names)s.",
            "These %(num)d people at other organisations came to you first; follow up on what "
            "they needed: %(names)s.",
            n,
        ),
        ctx.came_to_you_outside,
    )


def bridges_clients(ctx: ActionContext, m: Metrics) -> str | None:
    """Clients: recent bridges into circles you do not otherwise reach."""
    if not ctx.bridges:
        return None
    return _counted(
        lambda n: ngettext(
            "Bridges are your only way into their circles; ask who there could use what you "
            "offer, starting with this one: %(names)s.",
            "Bridges are your only way into their circles; ask who there could use what you "
            "offer, starting with these %(num)d: %(names)s.",
            n,
        ),
        ctx.bridges,
    )


def bridges_hiring(ctx: ActionContext, m: Metrics) -> str | None:
    """Hiring: bridges in many organisations who can pass a vacancy on."""
    if not ctx.bridges:
        return None
    return _counted(
        lambda n: ngettext(
            "Bridges reach candidates your colleagues do not; send your vacancy to this one, "
            "each in a different organisation: %(names)s.",
            "Bridges reach candidates your colleagues do not; send your vacancy to these "
            "%(num)d, each in a different organisation: %(names)s.",
            n,
        ),
        ctx.bridges,
    )


def colleagues_refer(ctx: ActionContext, m: Metrics) -> str | None:
    """Hiring: former colleagues who know your standards and can refer."""
    if not ctx.former_colleagues:
        return None
    return _counted(
        lambda n: ngettext(
            "Ask this former colleague, who knows how you work, whom they would refer: %(names)s.",
            "Ask these %(num)d former colleagues, who know how you work, whom they would refer: "
            "%(names)s.",
            n,
        ),
        ctx.former_colleagues,
    )


def came_to_you_hiring(ctx: ActionContext, m: Metrics) -> str | None:
    """Hiring: people who approached you may be candidates or know some."""
    if not ctx.came_to_you:
        return None
    return _counted(
        lambda n: ngettext(
            "This person approached you; ask whether they, or someone they know, would fit the "
            "role: %(names)s.",
            "These %(num)d people approached you; ask whether they, or someone they know, would "
            "fit the role: %(names)s.",
            n,
        ),
        ctx.came_to_you,
    )


def bridges_other_functions(ctx: ActionContext, m: Metrics) -> str | None:
    """Ideas: bridges in functions other than yours carry non-redundant ideas (Burt 2004)."""
    if not ctx.function_bridges:
        return None
    return _counted(
        lambda n: ngettext(
            "Take a problem to this bridge, who works in another function and circle (Burt "
            "2004): %(names)s.",
            "Take a problem to these %(num)d bridges who work in other functions and circles "
            "(Burt 2004): %(names)s.",
            n,
        ),
        ctx.function_bridges,
    )


def _thin_parts(ctx: ActionContext) -> str:
    return " | ".join(
        gettext("%(function)s: %(names)s")
        % {"function": category_label(t.function), "names": names(t.people, 2, detail=False)}
        for t in ctx.thin_functions[:3]
    )


def thin_functions(ctx: ActionContext, m: Metrics) -> str | None:
    """New worlds: functions where you know only one or two people, named with those people."""
    if not ctx.thin_functions:
        return None
    return gettext(
        "You barely know anyone in these functions; let these people show you around — "
        "%(functions)s."
    ) % {"functions": _thin_parts(ctx)}


def thin_functions_ideas(ctx: ActionContext, m: Metrics) -> str | None:
    """Ideas: the one or two people in functions you barely know."""
    if not ctx.thin_functions:
        return None
    return gettext(
        "Ask how they would solve your problem, from functions you rarely hear — %(functions)s."
    ) % {"functions": _thin_parts(ctx)}


def bridges_new_worlds(ctx: ActionContext, m: Metrics) -> str | None:
    """New worlds: bridges into clusters you have no other tie in."""
    if not ctx.bridges:
        return None
    return _counted(
        lambda n: ngettext(
            "Ask this bridge, your only tie into their circles, to introduce you to one person "
            "there: %(names)s.",
            "Ask these %(num)d bridges, your only tie into their circles, to introduce you to "
            "one person there: %(names)s.",
            n,
        ),
        ctx.bridges,
    )


def weak_new_employers(ctx: ActionContext, m: Metrics) -> str | None:
    """New worlds: weak ties at employers where you know nobody else."""
    if not ctx.weak_new_employers:
        return None
    return _counted(
        lambda n: ngettext(
            "This weak tie is your only contact at their organisation; ask for a look inside: "
            "%(names)s.",
            "These %(num)d weak ties are your only contact at their organisations; ask for a "
            "look inside: %(names)s.",
            n,
        ),
        ctx.weak_new_employers,
    )


def high_bandwidth_bridges(ctx: ActionContext, m: Metrics) -> str | None:
    """Stay informed: medium or strong ties outside your employer, to keep warm."""
    if not ctx.high_bandwidth:
        return None
    return _counted(
        lambda n: ngettext(
            "Keep this high-bandwidth tie outside your employer warm with a monthly exchange; "
            "they bring news early (Aral & Van Alstyne 2011): %(names)s.",
            "Keep these %(num)d high-bandwidth ties outside your employer warm with a monthly "
            "exchange; they bring news early (Aral & Van Alstyne 2011): %(names)s.",
            n,
        ),
        ctx.high_bandwidth,
    )


def bridges_at_risk(ctx: ActionContext, m: Metrics) -> str | None:
    """Stay informed: bridges with no contact for over 12 months (Burt 2002: bridges decay)."""
    if not ctx.bridges_at_risk:
        return None
    return _counted(
        lambda n: ngettext(
            "This bridge has had no contact for over 12 months, and bridges fade fast (Burt "
            "2002); write to them: %(names)s.",
            "These %(num)d bridges have had no contact for over 12 months and fade fast (Burt "
            "2002); write to them: %(names)s.",
            n,
        ),
        ctx.bridges_at_risk,
    )


def came_to_you_mention(ctx: ActionContext, m: Metrics) -> str | None:
    """Visibility: people who came to you; ask for a recommendation or a mention."""
    if not ctx.came_to_you:
        return None
    return _counted(
        lambda n: ngettext(
            "This person came to you (invited you, wrote first or endorsed you); ask them for a "
            "recommendation or a mention: %(names)s.",
            "These %(num)d people came to you (invited you, wrote first or endorsed you); ask "
            "them for a recommendation or a mention: %(names)s.",
            n,
        ),
        ctx.came_to_you,
    )


def came_to_you_vouch(ctx: ActionContext, m: Metrics) -> str | None:
    """Influence: people who already value you can vouch for you."""
    if not ctx.came_to_you:
        return None
    return _counted(
        lambda n: ngettext(
            "Influence travels through people who vouch for you; ask this person who came to "
            "you to back your proposal: %(names)s.",
            "Influence travels through people who vouch for you; ask these %(num)d who came to "
            "you to back your proposal: %(names)s.",
            n,
        ),
        ctx.came_to_you,
    )


def strong_backers(ctx: ActionContext, m: Metrics) -> str | None:
    """Influence: the strong core that backs you."""
    if not ctx.inner:
        return None
    return _counted(
        lambda n: ngettext(
            "Line up your strong core before you go public; brief this one first: %(names)s.",
            "Line up your strong core before you go public; brief these %(num)d first: %(names)s.",
            n,
        ),
        ctx.inner,
    )


def _endorse(ctx: ActionContext, forms: Forms) -> str | None:
    return _counted(forms, ctx.endorse_back) if ctx.endorse_back else None


def endorse_back(ctx: ActionContext, m: Metrics) -> str | None:
    """Helpfulness: endorse those who endorsed you."""
    return _endorse(
        ctx,
        lambda n: ngettext(
            "Return the favour: endorse this person who endorsed you: %(names)s.",
            "Return the favour: endorse these %(num)d people who endorsed you: %(names)s.",
            n,
        ),
    )


def endorse_back_visibility(ctx: ActionContext, m: Metrics) -> str | None:
    """Visibility: give endorsements first; they show your name on others' profiles."""
    return _endorse(
        ctx,
        lambda n: ngettext(
            "Give first, it puts your name on their profiles: endorse this person who endorsed "
            "you: %(names)s.",
            "Give first, it puts your name on their profiles: endorse these %(num)d people who "
            "endorsed you: %(names)s.",
            n,
        ),
    )


def endorse_back_influence(ctx: ActionContext, m: Metrics) -> str | None:
    """Influence: reciprocity builds the standing influence needs."""
    return _endorse(
        ctx,
        lambda n: ngettext(
            "Standing comes from giving; endorse the skills of this person who endorsed you: "
            "%(names)s.",
            "Standing comes from giving; endorse the skills of these %(num)d people who "
            "endorsed you: %(names)s.",
            n,
        ),
    )


def endorse_back_knowledge(ctx: ActionContext, m: Metrics) -> str | None:
    """Knowledge sharing: endorsing a skill passes on what you know about someone."""
    return _endorse(
        ctx,
        lambda n: ngettext(
            "Tell others what this person knows: endorse the skills of this person who "
            "endorsed you: %(names)s.",
            "Tell others what these people know: endorse the skills of these %(num)d people who "
            "endorsed you: %(names)s.",
            n,
        ),
    )


def recommend_close(ctx: ActionContext, m: Metrics) -> str | None:
    """Helpfulness: write a recommendation for someone you know well."""
    if not ctx.recommend:
        return None
    return _counted(
        lambda n: ngettext(
            "Write a recommendation for this person you know well and have never recommended: "
            "%(names)s.",
            "Write a recommendation for one of these %(num)d people you know well and have "
            "never recommended: %(names)s.",
            n,
        ),
        ctx.recommend,
    )


def introduce_pair(ctx: ActionContext, m: Metrics) -> str | None:
    """Helpfulness: two people who should meet (same function, different employers, no tie)."""
    if len(ctx.intro_pair) < 2:
        return None
    return gettext(
        "Introduce 2 people who should meet and do not know each other yet: %(first)s and "
        "%(second)s."
    ) % {"first": _one(ctx.intro_pair[0]), "second": _one(ctx.intro_pair[1])}


def introduce_pair_knowledge(ctx: ActionContext, m: Metrics) -> str | None:
    """Knowledge sharing: connect two people who could learn from each other."""
    if len(ctx.intro_pair) < 2:
        return None
    return gettext(
        "Start one group conversation so 2 people in the same field can swap notes: %(first)s "
        "and %(second)s."
    ) % {"first": _one(ctx.intro_pair[0]), "second": _one(ctx.intro_pair[1])}


def share_with_bridges(ctx: ActionContext, m: Metrics) -> str | None:
    """Knowledge sharing: pass what you learn to high-bandwidth ties in other circles."""
    if not ctx.high_bandwidth:
        return None
    return _counted(
        lambda n: ngettext(
            "Share what you learn with this active tie in another organisation, and ask what "
            "they see: %(names)s.",
            "Share what you learn with these %(num)d active ties in other organisations, and "
            "ask what they see: %(names)s.",
            n,
        ),
        ctx.high_bandwidth,
    )


def top_employer_share(ctx: ActionContext, m: Metrics) -> str | None:
    """Risk spreading: the share of active ties at the top employer, with ties elsewhere.

    The people at the top employer are not named: this action recommends the ties elsewhere.
    """
    top = ctx.top_employer
    if top is None or not ctx.weak_outside_top:
        return None
    return ngettext(
        "%(active)d of your active ties (%(share)s) is at %(company)s; spread the risk by "
        "deepening ties elsewhere, starting with %(names)s.",
        "%(active)d of your active ties (%(share)s) are at %(company)s; spread the risk by "
        "deepening ties elsewhere, starting with %(names)s.",
        top.active,
    ) % {
        "share": percent(top.share),
        "active": top.active,
        "company": top.company,
        "names": names(ctx.weak_outside_top, 3),
    }


def weak_outside_top(ctx: ActionContext, m: Metrics) -> str | None:
    """Risk spreading: weak ties outside the top employer, each at a different organisation."""
    if not ctx.weak_outside_top:
        return None
    people = names(ctx.weak_outside_top)
    if ctx.top_employer is None:
        return gettext(
            "Turn a few weak ties outside your employer into active ones, each at a different "
            "organisation: %(names)s."
        ) % {"names": people}
    return gettext(
        "Turn a few weak ties outside %(company)s into active ones, each at a different "
        "organisation: %(names)s."
    ) % {"company": ctx.top_employer.company, "names": people}


def senior_advisers(ctx: ActionContext, m: Metrics) -> str | None:
    """Advice: experienced strong and medium ties."""
    if not ctx.senior_close:
        return None
    return _counted(
        lambda n: ngettext(
            "Ask this experienced tie you are close to for advice: %(names)s.",
            "Ask these %(num)d experienced ties you are close to for advice: %(names)s.",
            n,
        ),
        ctx.senior_close,
    )


def dormant_mentors(ctx: ActionContext, m: Metrics) -> str | None:
    """Advice: dormant ties now more senior than you (Walter et al. 2015)."""
    if not ctx.dormant_mentors:
        return None
    return _counted(
        lambda n: ngettext(
            "Reconnect with this dormant tie who is now more senior than you; reconnections "
            "are short and helpful (Levin et al. 2011): %(names)s.",
            "Reconnect with these %(num)d dormant ties who are now more senior than you; "
            "reconnections are short and helpful (Levin et al. 2011): %(names)s.",
            n,
        ),
        ctx.dormant_mentors,
    )


RECIPES: dict[str, Recipe] = {
    f.__name__: f
    for f in (
        inner_circle,
        quiet_close_attention,
        quiet_close_fun,
        inner_circle_fun,
        quiet_close_support,
        quiet_close_collab,
        quiet_close_sounding,
        quiet_close_advice,
        rally_colleagues,
        bring_together,
        bring_together_support,
        closure_core,
        sounding_angles,
        moderately_weak_job,
        dormant_colleagues_job,
        dormant_elsewhere_job,
        senior_outside,
        came_to_you_clients,
        bridges_clients,
        bridges_hiring,
        colleagues_refer,
        came_to_you_hiring,
        bridges_other_functions,
        thin_functions,
        thin_functions_ideas,
        bridges_new_worlds,
        weak_new_employers,
        high_bandwidth_bridges,
        bridges_at_risk,
        came_to_you_mention,
        came_to_you_vouch,
        strong_backers,
        endorse_back,
        endorse_back_visibility,
        endorse_back_influence,
        endorse_back_knowledge,
        recommend_close,
        introduce_pair,
        introduce_pair_knowledge,
        share_with_bridges,
        top_employer_share,
        weak_outside_top,
        senior_advisers,
        dormant_mentors,
    )
}
