"""Goal-specific action recipes: concrete next steps that name contacts and their companies.

Each recipe reads one or two people pools of `ActionContext` (built by
`netscan.diagnosis.pools`) and returns a sentence, or None when it has nobody to name, so a
recipe never speaks in generalities. Recipes are phrased to serve both cases: when a goal fits
they say how to use the network, when it does not they say how to build it. The recipes of each
goal are listed in `netscan.diagnosis.catalogue` and described in docs/goals.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from netscan.diagnosis.types import Metrics, TargetResult

NAMES_PER_ACTION = 5


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact an action can name: name, company and a short note (last contact, title)."""

    name: str
    company: str
    detail: str = ""


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
    inside = [x for x in (person.company, person.detail if with_detail else "") if x]
    return f"{person.name} ({', '.join(inside)})" if inside else person.name


def names(people: Sequence[Contact], limit: int = NAMES_PER_ACTION, detail: bool = True) -> str:
    """The first `limit` people as "Name (Company, note)", joined by ", " — or by "; " when a
    name or note holds a comma (credential suffixes such as "Fleur Dekker, CFA")."""
    parts = [_one(p, detail) for p in people[:limit]]
    sep = "; " if any("," in p.name or "," in p.detail for p in people[:limit]) else ", "
    return sep.join(parts)


def _n(people: Sequence[Contact], limit: int = NAMES_PER_ACTION) -> int:
    return min(len(people), limit)


_ONE_PEOPLE = re.compile(r"\b(?:these|the) 1 ((?:[\w-]+ ){0,2}?)people\b")
_ONE_PLURAL = re.compile(r"\b(?:these|the) 1 ((?:[\w-]+ ){0,2}?)(\w+?)s\b")
_IS_ONE = re.compile(r"\bis 1 ((?:[\w-]+ ){0,2}?)(\w+?)s\b")


def singular(text: str) -> str:
    """Fix "these 1 bridges" → "this bridge" in a recipe sentence (counts come from pools)."""
    text = _ONE_PEOPLE.sub(r"this \1person", text)
    text = _ONE_PLURAL.sub(r"this \1\2", text)
    return _IS_ONE.sub(r"is 1 \1\2", text)


Recipe = Callable[[ActionContext, Metrics], str | None]


# --- expressive: attention, fun, support, collaboration, sounding board -------------------


def inner_circle(ctx: ActionContext, m: Metrics) -> str | None:
    """Attention: the inner circle by name with the last two-way contact."""
    if not ctx.inner:
        return None
    return (
        f"Your inner circle is {m.strong or len(ctx.inner)} strong ties; share news with them "
        f"personally first and keep contact at least monthly (Dunbar): {names(ctx.inner)}."
    )


def _quiet(ctx: ActionContext, lead: str) -> str | None:
    if not ctx.quiet_close:
        return None
    return (
        f"{lead} {_n(ctx.quiet_close)} close ties quiet for over 90 days: {names(ctx.quiet_close)}."
    )


def quiet_close_attention(ctx: ActionContext, m: Metrics) -> str | None:
    """Attention: close ties gone quiet (closeness fades within months; Roberts & Dunbar 2015)."""
    return _quiet(ctx, "Closeness fades within months without contact; call or meet these")


def quiet_close_fun(ctx: ActionContext, m: Metrics) -> str | None:
    """Fun: close ties gone quiet, to plan something with."""
    return _quiet(ctx, "Plan a coffee, a walk or a dinner with these")


def inner_circle_fun(ctx: ActionContext, m: Metrics) -> str | None:
    """Fun: get the inner circle together."""
    if len(ctx.inner) < 2:
        return None
    return (
        f"Organise something informal for {_n(ctx.inner)} of your closest ties together: "
        f"{names(ctx.inner, detail=False)}."
    )


def quiet_close_support(ctx: ActionContext, m: Metrics) -> str | None:
    """Support: close ties gone quiet, to re-engage before asking for backing."""
    return _quiet(ctx, "Re-engage before you ask for backing; write to these")


def quiet_close_collab(ctx: ActionContext, m: Metrics) -> str | None:
    """Collaboration: trust needs upkeep."""
    return _quiet(ctx, "Trust for confidential work needs upkeep; catch up with these")


def quiet_close_sounding(ctx: ActionContext, m: Metrics) -> str | None:
    """Sounding board: people who know you well but have gone quiet."""
    return _quiet(ctx, "Test an idea on someone who knows you well; restart with these")


def quiet_close_advice(ctx: ActionContext, m: Metrics) -> str | None:
    """Advice: trusted ties gone quiet."""
    return _quiet(ctx, "Honest advice comes from people who know you; ask one of these")


def rally_colleagues(ctx: ActionContext, m: Metrics) -> str | None:
    """Support: close ties at your own employer, a group that already knows each other."""
    if not ctx.close_colleagues:
        return None
    return (
        "Rally your close ties at your own employer first; they know each other and can back "
        f"a shared cause together. Start with these {_n(ctx.close_colleagues)}: "
        f"{names(ctx.close_colleagues)}."
    )


def _together(ctx: ActionContext, lead: str) -> str | None:
    if len(ctx.close_unlinked) < 2:
        return None
    people = ctx.close_unlinked
    return f"{lead} {_n(people)} close ties who do not know each other yet: {names(people)}."


def bring_together(ctx: ActionContext, m: Metrics) -> str | None:
    """Collaboration: close ties to bring into one group (closure builds trust; Coleman)."""
    return _together(ctx, "Build closure: bring into one conversation these")


def bring_together_support(ctx: ActionContext, m: Metrics) -> str | None:
    """Support: link up supporters who do not know each other."""
    return _together(ctx, "A cause is backed by a group, not by individuals; connect these")


def closure_core(ctx: ActionContext, m: Metrics) -> str | None:
    """Collaboration: the close ties who already know each other (imputed)."""
    if len(ctx.close_linked) < 2:
        return None
    return (
        f"These {_n(ctx.close_linked)} close ties each share an employer or a group conversation "
        f"with another close tie, the trusted core for complex or confidential work: "
        f"{names(ctx.close_linked)}."
    )


def sounding_angles(ctx: ActionContext, m: Metrics) -> str | None:
    """Sounding board: trusted ties in different functions, for more than one angle."""
    if len(ctx.angles) < 2:
        return None
    return (
        f"For an idea heard from more than one angle, try it on these {_n(ctx.angles)} trusted "
        f"ties in different functions: {names(ctx.angles)}."
    )


# --- instrumental --------------------------------------------------------------------------


def moderately_weak_job(ctx: ActionContext, m: Metrics) -> str | None:
    """Job: moderately weak ties at other employers, most senior and most recent first."""
    if not ctx.moderately_weak_elsewhere:
        return None
    return (
        "Moderately weak ties carry most job moves (Rajkumar et al. 2022); ask these "
        f"{_n(ctx.moderately_weak_elsewhere)} at other employers what is opening up: "
        f"{names(ctx.moderately_weak_elsewhere)}."
    )


def dormant_colleagues_job(ctx: ActionContext, m: Metrics) -> str | None:
    """Job: dormant former colleagues who now sit elsewhere (Levin et al. 2011)."""
    if not ctx.dormant_colleagues:
        return None
    return (
        f"Reconnect with these {_n(ctx.dormant_colleagues)} dormant former colleagues, none at "
        f"your current employer; old trust plus new information (Levin et al. 2011): "
        f"{names(ctx.dormant_colleagues)}."
    )


def dormant_elsewhere_job(ctx: ActionContext, m: Metrics) -> str | None:
    """Job: the dormant ties most worth reviving that now work elsewhere."""
    if not ctx.dormant_elsewhere:
        return None
    return (
        f"Revive these {_n(ctx.dormant_elsewhere)} dormant ties now at other employers, ranked "
        f"by past strength and novelty (Walter et al. 2015): {names(ctx.dormant_elsewhere)}."
    )


def senior_outside(ctx: ActionContext, m: Metrics) -> str | None:
    """Clients: weak or medium ties at director level or above at other organisations."""
    if not ctx.senior_outside:
        return None
    return (
        f"These {_n(ctx.senior_outside)} decision makers at other organisations already know "
        f"you; offer each a short, concrete conversation: {names(ctx.senior_outside)}."
    )


def came_to_you_clients(ctx: ActionContext, m: Metrics) -> str | None:
    """Clients: people who started a conversation with you or invited you."""
    if not ctx.came_to_you_outside:
        return None
    return (
        f"These {_n(ctx.came_to_you_outside)} people at other organisations came to you first; "
        f"follow up on what they needed: {names(ctx.came_to_you_outside)}."
    )


def _who(people: Sequence[Contact]) -> str:
    n = _n(people)
    return "this one" if n == 1 else f"these {n}"


def bridges_clients(ctx: ActionContext, m: Metrics) -> str | None:
    """Clients: recent bridges into circles you do not otherwise reach."""
    if not ctx.bridges:
        return None
    return (
        "Bridges are your only way into their circles; ask who there could use what you offer, "
        f"starting with {_who(ctx.bridges)}: {names(ctx.bridges)}."
    )


def bridges_hiring(ctx: ActionContext, m: Metrics) -> str | None:
    """Hiring: bridges in many organisations who can pass a vacancy on."""
    if not ctx.bridges:
        return None
    return (
        "Bridges reach candidates your colleagues do not; send your vacancy to "
        f"{_who(ctx.bridges)}, each in a different organisation: {names(ctx.bridges)}."
    )


def colleagues_refer(ctx: ActionContext, m: Metrics) -> str | None:
    """Hiring: former colleagues who know your standards and can refer."""
    if not ctx.former_colleagues:
        return None
    return (
        f"Ask these {_n(ctx.former_colleagues)} former colleagues, who know how you work, whom "
        f"they would refer: {names(ctx.former_colleagues)}."
    )


def came_to_you_hiring(ctx: ActionContext, m: Metrics) -> str | None:
    """Hiring: people who approached you may be candidates or know some."""
    if not ctx.came_to_you:
        return None
    return (
        f"These {_n(ctx.came_to_you)} people approached you; ask whether they, or someone they "
        f"know, would fit the role: {names(ctx.came_to_you)}."
    )


def bridges_other_functions(ctx: ActionContext, m: Metrics) -> str | None:
    """Ideas: bridges in functions other than yours carry non-redundant ideas (Burt 2004)."""
    if not ctx.function_bridges:
        return None
    return (
        f"Take a problem to these {_n(ctx.function_bridges)} bridges who work in other functions "
        f"and circles (Burt 2004): {names(ctx.function_bridges)}."
    )


def _thin(ctx: ActionContext, lead: str) -> str | None:
    if not ctx.thin_functions:
        return None
    shown = ctx.thin_functions[:3]
    parts = [f"{t.function}: {names(t.people, 2, detail=False)}" for t in shown]
    return f"{lead} " + " | ".join(parts) + "."


def thin_functions(ctx: ActionContext, m: Metrics) -> str | None:
    """New worlds: functions where you know only one or two people, named with those people."""
    return _thin(
        ctx, "You barely know anyone in these functions; let these people show you around —"
    )


def thin_functions_ideas(ctx: ActionContext, m: Metrics) -> str | None:
    """Ideas: the one or two people in functions you barely know."""
    return _thin(ctx, "Ask how they would solve your problem, from functions you rarely hear —")


def bridges_new_worlds(ctx: ActionContext, m: Metrics) -> str | None:
    """New worlds: bridges into clusters you have no other tie in."""
    if not ctx.bridges:
        return None
    return (
        f"Ask these {_n(ctx.bridges)} bridges, your only tie into their circles, to introduce "
        f"you to one person there: {names(ctx.bridges)}."
    )


def weak_new_employers(ctx: ActionContext, m: Metrics) -> str | None:
    """New worlds: weak ties at employers where you know nobody else."""
    if not ctx.weak_new_employers:
        return None
    return (
        f"These {_n(ctx.weak_new_employers)} weak ties are your only contact at their "
        f"organisations; ask for a look inside: {names(ctx.weak_new_employers)}."
    )


def high_bandwidth_bridges(ctx: ActionContext, m: Metrics) -> str | None:
    """Stay informed: medium or strong ties outside your employer, to keep warm."""
    if not ctx.high_bandwidth:
        return None
    return (
        f"Keep these {_n(ctx.high_bandwidth)} high-bandwidth ties outside your employer warm "
        f"with a monthly exchange; they bring news early (Aral & Van Alstyne 2011): "
        f"{names(ctx.high_bandwidth)}."
    )


def bridges_at_risk(ctx: ActionContext, m: Metrics) -> str | None:
    """Stay informed: bridges with no contact for over 12 months (Burt 2002: bridges decay)."""
    if not ctx.bridges_at_risk:
        return None
    return (
        f"These {_n(ctx.bridges_at_risk)} bridges have had no contact for over 12 months and "
        f"fade fast (Burt 2002); write to them: {names(ctx.bridges_at_risk)}."
    )


def came_to_you_mention(ctx: ActionContext, m: Metrics) -> str | None:
    """Visibility: people who came to you; ask for a recommendation or a mention."""
    if not ctx.came_to_you:
        return None
    return (
        f"These {_n(ctx.came_to_you)} people came to you (invited you, wrote first or endorsed "
        f"you); ask them for a recommendation or a mention: {names(ctx.came_to_you)}."
    )


def came_to_you_vouch(ctx: ActionContext, m: Metrics) -> str | None:
    """Influence: people who already value you can vouch for you."""
    if not ctx.came_to_you:
        return None
    return (
        f"Influence travels through people who vouch for you; ask these {_n(ctx.came_to_you)} "
        f"who came to you to back your proposal: {names(ctx.came_to_you)}."
    )


def strong_backers(ctx: ActionContext, m: Metrics) -> str | None:
    """Influence: the strong core that backs you."""
    if not ctx.inner:
        return None
    return (
        f"Line up your strong core before you go public; brief these {_n(ctx.inner)} first: "
        f"{names(ctx.inner)}."
    )


def _endorse(ctx: ActionContext, lead: str) -> str | None:
    if not ctx.endorse_back:
        return None
    return f"{lead} {_n(ctx.endorse_back)} people who endorsed you: {names(ctx.endorse_back)}."


def endorse_back(ctx: ActionContext, m: Metrics) -> str | None:
    """Helpfulness: endorse those who endorsed you."""
    return _endorse(ctx, "Return the favour: endorse these")


def endorse_back_visibility(ctx: ActionContext, m: Metrics) -> str | None:
    """Visibility: give endorsements first; they show your name on others' profiles."""
    return _endorse(ctx, "Give first, it puts your name on their profiles: endorse these")


def endorse_back_influence(ctx: ActionContext, m: Metrics) -> str | None:
    """Influence: reciprocity builds the standing influence needs."""
    return _endorse(ctx, "Standing comes from giving; endorse the skills of these")


def endorse_back_knowledge(ctx: ActionContext, m: Metrics) -> str | None:
    """Knowledge sharing: endorsing a skill passes on what you know about someone."""
    return _endorse(ctx, "Tell others what these people know: endorse the skills of these")


def recommend_close(ctx: ActionContext, m: Metrics) -> str | None:
    """Helpfulness: write a recommendation for someone you know well."""
    if not ctx.recommend:
        return None
    return (
        f"Write a recommendation for one of these {_n(ctx.recommend)} people you know well and "
        f"have never recommended: {names(ctx.recommend)}."
    )


def _pair(ctx: ActionContext, lead: str) -> str | None:
    if len(ctx.intro_pair) < 2:
        return None
    a, b = ctx.intro_pair[0], ctx.intro_pair[1]
    return f"{lead}: {_one(a)} and {_one(b)}."


def introduce_pair(ctx: ActionContext, m: Metrics) -> str | None:
    """Helpfulness: two people who should meet (same function, different employers, no tie)."""
    return _pair(ctx, "Introduce 2 people who should meet and do not know each other yet")


def introduce_pair_knowledge(ctx: ActionContext, m: Metrics) -> str | None:
    """Knowledge sharing: connect two people who could learn from each other."""
    return _pair(ctx, "Start one group conversation so 2 people in the same field can swap notes")


def share_with_bridges(ctx: ActionContext, m: Metrics) -> str | None:
    """Knowledge sharing: pass what you learn to high-bandwidth ties in other circles."""
    if not ctx.high_bandwidth:
        return None
    return (
        f"Share what you learn with these {_n(ctx.high_bandwidth)} active ties in other "
        f"organisations, and ask what they see: {names(ctx.high_bandwidth)}."
    )


def top_employer_share(ctx: ActionContext, m: Metrics) -> str | None:
    """Risk spreading: the share of active ties at the top employer, with ties elsewhere."""
    top = ctx.top_employer
    if top is None or not ctx.weak_outside_top:
        return None
    tail = f" ({names(top.people, 3, detail=False)})" if top.people else ""
    return (
        f"{top.share:.0%} of your active ties ({top.active}) are at {top.company}{tail}; "
        f"spread the risk by deepening ties elsewhere, starting with "
        f"{names(ctx.weak_outside_top, 3)}."
    )


def weak_outside_top(ctx: ActionContext, m: Metrics) -> str | None:
    """Risk spreading: weak ties outside the top employer, each at a different organisation."""
    if not ctx.weak_outside_top:
        return None
    where = ctx.top_employer.company if ctx.top_employer else "your employer"
    return (
        f"Turn a few weak ties outside {where} into active ones, each at a different "
        f"organisation: {names(ctx.weak_outside_top)}."
    )


def senior_advisers(ctx: ActionContext, m: Metrics) -> str | None:
    """Advice: experienced strong and medium ties."""
    if not ctx.senior_close:
        return None
    return (
        f"Ask these {_n(ctx.senior_close)} experienced ties you are close to for advice: "
        f"{names(ctx.senior_close)}."
    )


def dormant_mentors(ctx: ActionContext, m: Metrics) -> str | None:
    """Advice: dormant ties now more senior than you (Walter et al. 2015)."""
    if not ctx.dormant_mentors:
        return None
    return (
        f"Reconnect with these {_n(ctx.dormant_mentors)} dormant ties who are now more senior "
        f"than you; reconnections are short and helpful (Levin et al. 2011): "
        f"{names(ctx.dormant_mentors)}."
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


def target_actions(ctx: ActionContext) -> list[str]:
    """One action per `-t` target: the door openers, or who to ask when there are none."""
    out = []
    for target in ctx.targets:
        if target.openers:
            people = [Contact(o.name, o.company, o.tie_class) for o in target.openers]
            out.append(
                f"For {target.target} ({target.match_kind} match, {len(target.openers)} "
                f"contacts there), start with {names(people)}."
            )
        else:
            helpers = ctx.bridges or ctx.high_bandwidth or ctx.inner
            if helpers:
                out.append(
                    f"You know 0 people at {target.target}; ask these {_n(helpers, 3)} "
                    f"well-connected ties for an introduction: {names(helpers, 3)}."
                )
    return out
