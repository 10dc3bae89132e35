"""The goal catalogue (SPEC §6) as data: each goal's kind, labels, rationale, source and rule.

A rule is a weighted list of `Term`s over metric names of `netscan.diagnosis.types.Metrics`.
Each term turns one metric into a score in [0, 1] by a straight ramp from `worst` to `best`
(``best < worst`` means lower is better), or, for a target band, 1 inside [`low`, `high`] and a
ramp down to 0 at `worst` below and `best` above. The thresholds are documented priors taken from
SCIENCE.md §3–6 and §8.6; docs/goals.md lists them for a coach to read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from netscan.errors import UnknownGoal
from netscan.i18n import N_

# A term scores ANCHOR_SCORE at its anchor (a documented reference value, e.g. Dunbar's 150):
# a network that merely reaches every reference just "fits" (0.70), no more. Score 1.0 needs `best`,
# which sits well beyond the anchor (Dunbar's next layer up for counts).
ANCHOR_SCORE = 0.7


@dataclass(frozen=True, slots=True)
class Reach:
    """An absolute count that a ratio term needs behind it before the ratio can count fully.

    The factor is (ln(1 + x) / ln(1 + anchor))², capped at 1: a perfectly diverse network of 8
    people is still a small network (SCIENCE §8.6: "many; reachable"). Squaring makes the factor
    bite below the anchor (58 of 150 → 0.66, 8 of 150 → 0.19) while staying smooth.
    """

    metric: str
    anchor: float
    label: str

    def factor(self, value: float) -> float:
        """The multiplier in [0, 1] for a reach count `value`."""
        return _clip(math.log1p(max(value, 0.0)) / math.log1p(self.anchor)) ** 2


@dataclass(frozen=True, slots=True)
class Term:
    """One metric's contribution to a goal's fit.

    Without an `anchor` the score ramps linearly from 0 at `worst` to 1 at `best`. With one it
    is piecewise linear: 0 at `worst`, ANCHOR_SCORE at `anchor`, 1 at `best` (lower-is-better
    when ``best < worst``). With `log` the ramp runs on ln(1 + x), so counts saturate smoothly:
    going from 5 to 50 contacts matters far more than from 500 to 545. For ``band`` the score is
    1 inside [low, high], falling to 0 at `worst` (below) and `best` (above). A `reach` scales the
    score down when the absolute count behind a ratio is small.
    """

    metric: str
    weight: float
    worst: float
    best: float
    label: str
    band: tuple[float, float] | None = None
    anchor: float | None = None
    log: bool = False
    reach: Reach | None = None

    @property
    def direction(self) -> str:
        """``higher``, ``lower`` or ``band``."""
        if self.band is not None:
            return "band"
        return "higher" if self.best > self.worst else "lower"

    def _t(self, x: float) -> float:
        return math.log1p(max(x, 0.0)) if self.log else x

    def score(self, value: float, reach_value: float | None = None) -> float:
        """This term's score in [0, 1] for a metric value (and the reach count, if any)."""
        if self.band is not None:
            low, high = self.band
            if low <= value <= high:
                return 1.0
            if value < low:
                return _clip((value - self.worst) / (low - self.worst))
            return _clip((self.best - value) / (self.best - high))
        x, worst, best = self._t(value), self._t(self.worst), self._t(self.best)
        if self.anchor is None:
            raw = _clip((x - worst) / (best - worst))
        else:
            anchor = self._t(self.anchor)
            part = (x - worst) / (anchor - worst)
            if part < 1:
                raw = ANCHOR_SCORE * _clip(part)
            else:
                raw = ANCHOR_SCORE + (1 - ANCHOR_SCORE) * _clip((x - anchor) / (best - anchor))
        if self.reach is not None and reach_value is not None:
            raw *= self.reach.factor(reach_value)
        return raw


def _clip(x: float) -> float:
    return 0.0 if x < 0 else 1.0 if x > 1 else x


@dataclass(frozen=True, slots=True)
class Goal:
    """One goal of SPEC §6 with the network that serves it, its rule and its action recipes.

    `recipes` names the action builders in `netscan.diagnosis.actions`, in the order they are
    tried; each only speaks when it has people to name.
    """

    id: str
    kind: str
    label_en: str
    label_nl: str
    serves: str
    source: str
    rule: tuple[Term, ...]
    recipes: tuple[str, ...] = ()


# Anchors (SCIENCE §5.1, §8.6; docs/goals.md marks which are design choices). Counts run on a log
# scale: 0 → 0, anchor → 0.8, best → 1. Dunbar's layers give most anchors and ceilings:
# 5 → 15 for the inner circle, 50 → 150 for active ties, 150 → 500 for reach.
_STRONG = Term("strong", 1, 0, 15, N_("strong ties (Dunbar's inner 5)"), anchor=5, log=True)
_STRONG_RECENT = Term(
    "strong_recent",
    1,
    0,
    15,
    N_("strong ties with two-way contact in the last 90 days"),
    anchor=5,
    log=True,
)
_STRONG_DAYS = Term(
    "median_days_since_two_way_strong",
    1,
    365,
    14,
    N_("median days since two-way contact with a strong tie"),
    anchor=90,
)
_STRONG_DENSITY = Term(
    "strong_density", 1, 0.0, 1.0, N_("imputed closure among strong and medium ties"), anchor=0.5
)
_ACTIVE = Term("active_ties", 1, 0, 150, N_("active ties (strong + medium)"), anchor=50, log=True)
_EI_IN = Term(
    "employer_ei", 1, 0.6, -0.8, N_("E-I index against your employer (inward is best)"), anchor=-0.4
)
# Reach behind the ratios: Dunbar's 150 for people, 50 employers [design choice].
_R_OUTSIDE = Reach("outside_ties", 150, N_("ties at other employers"))
_R_EMPLOYERS = Reach("employers_reached", 50, N_("employers reached"))
_R_MODWEAK = Reach("moderately_weak", 150, N_("moderately weak ties"))
_R_EFFECTIVE = Reach("effective_size", 150, N_("effective size"))
_R_ACTIVE = Reach("active_ties", 50, N_("active ties"))
_R_APPROACHED = Reach("approached_by", 50, N_("people who came to you"))
_EI_OUT = Term(
    "employer_ei",
    1,
    -0.6,
    1.0,
    N_("E-I index against your employer (outward is best)"),
    anchor=0.5,
    reach=_R_OUTSIDE,
)
_EMPLOYER_IQV = Term(
    "employer_iqv", 1, 0.5, 1.0, N_("employer diversity (IQV)"), anchor=0.9, reach=_R_EMPLOYERS
)
# Over a fixed taxonomy of a dozen functions / eight levels almost any network reaches an IQV of
# 0.85 (every bundled persona lies at 0.94–0.98), so 0.85 said nothing: the anchor is 0.95.
_FUNCTION_IQV_CORE = Term(
    "function_iqv", 1, 0.5, 1.0, N_("function diversity (IQV)"), anchor=0.95
)
_FUNCTION_IQV = Term(
    "function_iqv", 1, 0.5, 1.0, N_("function diversity (IQV)"), anchor=0.95, reach=_R_MODWEAK
)
_SENIORITY_IQV = Term(
    "seniority_iqv", 1, 0.5, 1.0, N_("seniority diversity (IQV)"), anchor=0.95, reach=_R_MODWEAK
)
_EFFICIENCY = Term(
    "efficiency",
    1,
    0.4,
    1.0,
    N_("efficiency (effective size / alters)"),
    anchor=0.9,
    reach=_R_EFFECTIVE,
)
_MOD_WEAK = Term(
    "moderately_weak", 1, 0, 1500, N_("moderately weak ties (medium + weak)"), anchor=150, log=True
)
_BRIDGES = Term(
    "recent_bridges", 1, 0, 100, N_("bridges contacted in the last 12 months"), anchor=10, log=True
)
_CLUSTERS = Term("clusters", 1, 0, 500, N_("separate clusters reached"), anchor=50, log=True)
_EFFECTIVE = Term(
    "effective_size",
    1,
    0,
    1500,
    N_("effective size (non-redundant contacts)"),
    anchor=150,
    log=True,
)
_REPLY = Term(
    "reply_share", 1, 0.3, 1.0, N_("share of incoming conversations you answered"), anchor=0.8
)
_INVITED = Term(
    "invitations_received_share",
    1,
    0.2,
    0.8,
    N_("share of invitations received"),
    anchor=0.5,
    reach=_R_APPROACHED,
)
_APPROACHED = Term(
    "approached_by",
    1,
    0,
    500,
    N_("contacts who came to you (invited you, wrote first, endorsed or recommended you)"),
    anchor=50,
    log=True,
)
_ENDORSED = Term(
    "endorsements_received", 1, 0, 100, N_("endorsements received"), anchor=30, log=True
)
_RECOMMENDED = Term(
    "recommendations_received", 1, 0, 10, N_("recommendations received"), anchor=3, log=True
)
_ENDORSE_GIVE = Term("endorsements_given", 1, 0, 60, N_("endorsements given"), anchor=20, log=True)
_RECOMMEND_GIVE = Term(
    "recommendations_given", 1, 0, 10, N_("recommendations given"), anchor=3, log=True
)
_INTROS = Term(
    "introductions",
    1,
    0,
    10,
    N_("introductions made (group threads you started)"),
    anchor=3,
    log=True,
)
_SENT = Term(
    "messages_per_month_sent",
    1,
    0,
    60,
    N_("messages sent per month (last year)"),
    anchor=20,
    log=True,
)
_RECEIVED = Term(
    "messages_per_month_received",
    1,
    0,
    60,
    N_("messages received per month (last year)"),
    anchor=20,
    log=True,
)
_RECONNECT = Term(
    "reconnect_candidates", 1, 0, 20, N_("dormant ties worth reviving"), anchor=5, log=True
)
_CONCENTRATION = Term(
    "top5_strength_share",
    1,
    0.6,
    0.05,
    N_("share of tie strength in the top 5 (spread is best)"),
    anchor=0.2,
    reach=_R_ACTIVE,
)


def _w(term: Term, weight: float) -> Term:
    return replace(term, weight=weight)


_LIN = "Lin 1999/2001 (expressive action, strength of strong ties)"
_GRAN = "Granovetter 1973; Lin 2001 (instrumental action, strength of weak ties)"

GOALS: tuple[Goal, ...] = (
    Goal(
        "attention",
        "expressive",
        N_("personal attention, sharing experiences"),
        "aandacht, persoonlijke belevenissen delen",
        N_(
            "A handful of strong, recently contacted ties who know each other: attention lives in "
            "the inner Dunbar layers and fades within months without contact."
        ),
        f"{_LIN}; Dunbar 2020; Roberts & Dunbar 2015",
        (
            _w(_STRONG, 0.25),
            _w(_STRONG_RECENT, 0.3),
            _w(_STRONG_DAYS, 0.2),
            _w(_STRONG_DENSITY, 0.25),
        ),
        (
            "inner_circle",
            "quiet_close_attention",
        ),
    ),
    Goal(
        "support",
        "expressive",
        N_("support for a shared cause"),
        "draagvlak en steun vinden",
        N_(
            "Many strong and medium ties among like-minded people who know each other (closure, "
            "an inward E-I index): a dense group backs a shared cause."
        ),
        f"{_LIN}; Coleman closure; Krackhardt & Stern 1988",
        (_w(_ACTIVE, 0.25), _w(_STRONG, 0.2), _w(_STRONG_DENSITY, 0.25), _w(_EI_IN, 0.3)),
        (
            "rally_colleagues",
            "quiet_close_support",
            "bring_together_support",
        ),
    ),
    Goal(
        "helpfulness",
        "expressive",
        N_("helping others, connecting people"),
        "behulpzaamheid, mensen met elkaar in contact brengen",
        N_(
            "Giving value: endorsements, recommendations, answered messages and introductions "
            "between people who did not know each other yet."
        ),
        f"{_LIN}; Granovetter 1973 (reciprocal services)",
        (
            _w(_ENDORSE_GIVE, 0.2),
            _w(_RECOMMEND_GIVE, 0.2),
            _w(_INTROS, 0.25),
            _w(_REPLY, 0.2),
            _w(_STRONG, 0.15),
        ),
        (
            "introduce_pair",
            "endorse_back",
            "recommend_close",
        ),
    ),
    Goal(
        "collaboration",
        "expressive",
        N_("complex, confidential collaboration"),
        "complexe samenwerking",
        N_(
            "Strong ties with closure: complex, tacit knowledge and confidential information move "
            "through trusted, embedded ties inside one's own organisation."
        ),
        "Hansen 1999; Uzzi 1997; Burt 1992 (closure)",
        (
            _w(_STRONG, 0.25),
            _w(_STRONG_RECENT, 0.2),
            _w(_STRONG_DENSITY, 0.3),
            _w(_EI_IN, 0.25),
        ),
        (
            "closure_core",
            "bring_together",
            "quiet_close_collab",
        ),
    ),
    Goal(
        "fun",
        "expressive",
        N_("fun and sociability"),
        "plezier hebben, gezelligheid",
        N_("Recent, lively two-way contact with a group of friends who know each other."),
        f"{_LIN}; Dunbar 2020",
        (
            _w(_STRONG_RECENT, 0.3),
            _w(_ACTIVE, 0.2),
            _w(_STRONG_DENSITY, 0.2),
            _w(_SENT, 0.15),
            _w(_RECEIVED, 0.15),
        ),
        (
            "quiet_close_fun",
            "inner_circle_fun",
        ),
    ),
    Goal(
        "sounding-board",
        "expressive",
        N_("a sounding board for ideas"),
        "een klankbord vinden voor ideeën",
        N_(
            "A few trusted, recently contacted ties who answer, with some spread of functions so "
            "an idea is heard from more than one angle."
        ),
        f"{_LIN}; Aral & Van Alstyne 2011 (bandwidth)",
        (
            _w(_STRONG, 0.25),
            _w(_STRONG_RECENT, 0.3),
            _w(_REPLY, 0.2),
            _w(_FUNCTION_IQV_CORE, 0.25),
        ),
        (
            "sounding_angles",
            "quiet_close_sounding",
        ),
    ),
    Goal(
        "clients",
        "instrumental",
        N_("finding clients"),
        "klanten vinden",
        N_(
            "Many moderately weak ties across many organisations, reachable bridges, and being "
            "known (people come to you)."
        ),
        f"{_GRAN}; Rajkumar et al. 2022",
        (
            _w(_MOD_WEAK, 0.25),
            _w(_EI_OUT, 0.15),
            _w(_EMPLOYER_IQV, 0.15),
            _w(_BRIDGES, 0.2),
            _w(_APPROACHED, 0.25),
        ),
        (
            "senior_outside",
            "came_to_you_clients",
            "bridges_clients",
        ),
    ),
    Goal(
        "job",
        "instrumental",
        N_("finding a new job"),
        "een nieuwe baan vinden",
        N_(
            "Moderately weak ties at many other employers (the inverted U of job transmission), "
            "bridges, and dormant ties that now sit elsewhere."
        ),
        "Granovetter 1973/1974; Rajkumar et al. 2022; Levin et al. 2011",
        (
            _w(_MOD_WEAK, 0.25),
            _w(_EI_OUT, 0.2),
            _w(_EMPLOYER_IQV, 0.15),
            _w(_BRIDGES, 0.15),
            _w(_EFFICIENCY, 0.1),
            _w(_RECONNECT, 0.15),
        ),
        (
            "moderately_weak_job",
            "dormant_colleagues_job",
            "dormant_elsewhere_job",
        ),
    ),
    Goal(
        "hiring",
        "instrumental",
        N_("finding new staff"),
        "nieuwe medewerkers vinden",
        N_(
            "Weak ties outside your own organisation, across functions and seniority, and a "
            "reputation that makes people approach you."
        ),
        f"{_GRAN}; Rajkumar et al. 2022",
        (
            _w(_MOD_WEAK, 0.25),
            _w(_EI_OUT, 0.2),
            _w(_FUNCTION_IQV, 0.15),
            _w(_SENIORITY_IQV, 0.1),
            _w(_APPROACHED, 0.3),
        ),
        (
            "bridges_hiring",
            "colleagues_refer",
            "came_to_you_hiring",
        ),
    ),
    Goal(
        "ideas",
        "instrumental",
        N_("new ideas and solutions"),
        "oplossingen en ideeën vinden",
        N_(
            "Low constraint and bridges across structural holes: people in other clusters and "
            "functions carry non-redundant ideas."
        ),
        "Burt 2004; Aral & Van Alstyne 2011",
        (
            _w(_EFFICIENCY, 0.25),
            _w(_BRIDGES, 0.25),
            _w(_FUNCTION_IQV, 0.2),
            _w(_EMPLOYER_IQV, 0.15),
            _w(_CLUSTERS, 0.15),
        ),
        (
            "bridges_other_functions",
            "thin_functions_ideas",
        ),
    ),
    Goal(
        "stay-informed",
        "instrumental",
        N_("staying informed about the field"),
        "op de hoogte blijven van wat er speelt",
        N_("Diversity and bandwidth together: varied sources that you are actually in touch with."),
        "Aral & Van Alstyne 2011; Neal 2024",
        (
            _w(_EMPLOYER_IQV, 0.2),
            _w(_FUNCTION_IQV, 0.2),
            _w(_ACTIVE, 0.2),
            _w(_RECEIVED, 0.2),
            _w(_BRIDGES, 0.2),
        ),
        (
            "high_bandwidth_bridges",
            "bridges_at_risk",
        ),
    ),
    Goal(
        "visibility",
        "instrumental",
        N_("visibility and image"),
        "zichtbaar en vindbaar zijn, imago versterken",
        N_(
            "Reach (effective size, many separate clusters) and being known: invitations, "
            "endorsements and conversations come to you."
        ),
        "Burt 1992 (effective size); SPEC (being known)",
        (
            _w(_EFFECTIVE, 0.25),
            _w(_CLUSTERS, 0.2),
            _w(_APPROACHED, 0.2),
            _w(_ENDORSED, 0.2),
            _w(_INVITED, 0.15),
        ),
        (
            "came_to_you_mention",
            "endorse_back_visibility",
        ),
    ),
    Goal(
        "new-worlds",
        "instrumental",
        N_("access to new worlds"),
        "toegang tot nieuwe werelden",
        N_(
            "Heterophilous ties: people at other employers, in other functions and at other "
            "levels, reached through bridges."
        ),
        "Lin 2001 (strength of location); Granovetter 1973; Burt 1992",
        (
            _w(_EI_OUT, 0.3),
            _w(_FUNCTION_IQV, 0.2),
            _w(_SENIORITY_IQV, 0.1),
            _w(_BRIDGES, 0.2),
            _w(_EFFICIENCY, 0.2),
        ),
        (
            "thin_functions",
            "bridges_new_worlds",
            "weak_new_employers",
        ),
    ),
    Goal(
        "risk-spreading",
        "instrumental",
        N_("spreading risk"),
        "risico spreiden",
        N_(
            "Low concentration: tie strength spread across many employers, not bound to one "
            "organisation or a few people."
        ),
        "Burt 1992 (constraint); Blau 1977",
        (
            _w(_EMPLOYER_IQV, 0.3),
            _w(_EFFICIENCY, 0.25),
            _w(_CONCENTRATION, 0.2),
            _w(_EI_OUT, 0.25),
        ),
        (
            "top_employer_share",
            "weak_outside_top",
        ),
    ),
    Goal(
        "influence",
        "mixed",
        N_("exerting influence"),
        "invloed uitoefenen",
        N_(
            "Both: a strong core that backs you and wide reach where you are known and vouched for."
        ),
        "Burt 1992; Lin 2001; Coleman 1988",
        (
            _w(_STRONG, 0.15),
            _w(_STRONG_DENSITY, 0.2),
            _w(_ACTIVE, 0.15),
            _w(_EFFECTIVE, 0.15),
            _w(_APPROACHED, 0.15),
            _w(_RECOMMENDED, 0.2),
        ),
        (
            "came_to_you_vouch",
            "strong_backers",
            "endorse_back_influence",
        ),
    ),
    Goal(
        "advice",
        "mixed",
        N_("getting advice"),
        "advies krijgen",
        N_(
            "Trusted ties you are in touch with, spread over functions and seniority, so advice "
            "is both honest and informed."
        ),
        "Hansen 1999; Walter et al. 2015 (higher-status ties)",
        (
            _w(_STRONG_RECENT, 0.3),
            _w(_ACTIVE, 0.2),
            _w(_FUNCTION_IQV, 0.15),
            _w(_SENIORITY_IQV, 0.15),
            _w(_REPLY, 0.2),
        ),
        (
            "senior_advisers",
            "dormant_mentors",
            "quiet_close_advice",
        ),
    ),
    Goal(
        "knowledge-sharing",
        "mixed",
        N_("sharing information and knowledge"),
        "informatie en kennis delen",
        N_(
            "Bandwidth and giving: active two-way messaging with varied people, plus endorsements "
            "and introductions that pass knowledge on."
        ),
        "Aral & Van Alstyne 2011; Hansen 1999",
        (
            _w(_SENT, 0.2),
            _w(_ACTIVE, 0.2),
            _w(_FUNCTION_IQV, 0.2),
            _w(_ENDORSE_GIVE, 0.2),
            _w(_INTROS, 0.2),
        ),
        (
            "share_with_bridges",
            "introduce_pair_knowledge",
            "endorse_back_knowledge",
        ),
    ),
)

GOAL_IDS: tuple[str, ...] = tuple(goal.id for goal in GOALS)
_BY_ID = {goal.id: goal for goal in GOALS}


def goal_by_id(goal_id: str) -> Goal:
    """The goal called `goal_id`; raises UnknownGoal with the valid ids as a hint."""
    goal = _BY_ID.get(goal_id.strip().casefold())
    if goal is None:
        raise UnknownGoal(
            f"Unknown goal '{goal_id}'.",
            "Use one of: " + ", ".join(GOAL_IDS) + " (see `netscan goals`).",
        )
    return goal
