"""The goal catalogue (SPEC §6) as data: each goal's kind, labels, rationale, source and rule.

A rule is a weighted list of `Term`s over metric names of `netscan.diagnosis.types.Metrics`.
Each term turns one metric into a score in [0, 1] by a straight ramp from `worst` to `best`
(``best < worst`` means lower is better), or, for a target band, 1 inside [`low`, `high`] and a
ramp down to 0 at `worst` below and `best` above. The thresholds are documented priors taken from
SCIENCE.md §3–6 and §8.6; docs/goals.md lists them for a coach to read.
"""

from __future__ import annotations

from dataclasses import dataclass

from netscan.errors import UnknownGoal


@dataclass(frozen=True, slots=True)
class Term:
    """One metric's contribution to a goal's fit.

    For ``higher``/``lower`` the score ramps linearly from 0 at `worst` to 1 at `best`. For
    ``band`` it is 1 inside [`low`, `high`], falling to 0 at `worst` (below) and `best` (above).
    """

    metric: str
    weight: float
    worst: float
    best: float
    label: str
    band: tuple[float, float] | None = None

    @property
    def direction(self) -> str:
        """``higher``, ``lower`` or ``band``."""
        if self.band is not None:
            return "band"
        return "higher" if self.best > self.worst else "lower"

    def score(self, value: float) -> float:
        """This term's score in [0, 1] for a metric value."""
        if self.band is not None:
            low, high = self.band
            if low <= value <= high:
                return 1.0
            if value < low:
                return _clip((value - self.worst) / (low - self.worst))
            return _clip((self.best - value) / (self.best - high))
        return _clip((value - self.worst) / (self.best - self.worst))


def _clip(x: float) -> float:
    return 0.0 if x < 0 else 1.0 if x > 1 else x


@dataclass(frozen=True, slots=True)
class Goal:
    """One goal of SPEC §6 with the network that serves it and the rule that scores it."""

    id: str
    kind: str
    label_en: str
    label_nl: str
    serves: str
    source: str
    rule: tuple[Term, ...]


# Reusable terms. Counts saturate at Dunbar-like sizes (5 strong ties; 50 active ties) so a huge
# network does not win by size alone; shares and indices are already in [0, 1] or [-1, 1].
_STRONG = Term("strong", 1, 0, 5, "strong ties (Dunbar's inner 5)")
_STRONG_RECENT = Term(
    "strong_recent", 1, 0, 5, "strong ties with two-way contact in the last 90 days"
)
_STRONG_DENSITY = Term(
    "strong_density", 1, 0.0, 0.5, "imputed closure among strong and medium ties"
)
# Dunbar 2020: about 40% of social effort goes to the inner five; far above that is fragile.
_TOP5 = Term(
    "top5_share", 1, 0.1, 0.9, "share of tie strength in the top 5 (Dunbar: ~40%)", (0.3, 0.6)
)
_ACTIVE = Term("active_ties", 1, 0, 50, "active ties (strong + medium)")
_EI_IN = Term("employer_ei", 1, 0.6, -0.4, "E-I index against your employer (inward is best)")
_EI_OUT = Term("employer_ei", 1, -0.6, 0.6, "E-I index against your employer (outward is best)")
_EMPLOYER_IQV = Term("employer_iqv", 1, 0.5, 0.95, "employer diversity (IQV)")
_FUNCTION_IQV = Term("function_iqv", 1, 0.3, 0.85, "function diversity (IQV)")
_SENIORITY_IQV = Term("seniority_iqv", 1, 0.3, 0.85, "seniority diversity (IQV)")
_EFFICIENCY = Term("efficiency", 1, 0.4, 0.9, "efficiency (effective size / alters)")
_MOD_WEAK = Term("moderately_weak", 1, 0, 60, "moderately weak ties (medium + weak)")
_BRIDGES = Term("recent_bridges", 1, 0, 10, "bridges contacted in the last 12 months")
_CLUSTERS = Term("clusters", 1, 1, 40, "separate clusters reached")
_EFFECTIVE = Term("effective_size", 1, 0, 100, "effective size (non-redundant contacts)")
_REPLY = Term("reply_share", 1, 0.3, 0.9, "share of incoming conversations you answered")
_STARTED = Term("started_by_others_share", 1, 0.2, 0.6, "share of conversations others started")
_INVITED = Term("invitations_received_share", 1, 0.2, 0.7, "share of invitations received")
_ENDORSED = Term("endorsements_received", 1, 0, 30, "endorsements received")
_RECOMMENDED = Term("recommendations_received", 1, 0, 3, "recommendations received")
_ENDORSE_GIVE = Term("endorsements_given", 1, 0, 20, "endorsements given")
_RECOMMEND_GIVE = Term("recommendations_given", 1, 0, 3, "recommendations given")
_INTROS = Term("introductions", 1, 0, 3, "introductions made (group threads you started)")
_SENT = Term("messages_per_month_sent", 1, 0, 20, "messages sent per month (last year)")
_RECEIVED = Term("messages_per_month_received", 1, 0, 20, "messages received per month (last year)")
_RECONNECT = Term("reconnect_candidates", 1, 0, 5, "dormant ties worth reviving")
_CONCENTRATION = Term(
    "top5_share", 1, 0.6, 0.15, "share of tie strength in the top 5 (spread is best)"
)


def _w(term: Term, weight: float) -> Term:
    return Term(term.metric, weight, term.worst, term.best, term.label, term.band)


_LIN = "Lin 1999/2001 (expressive action, strength of strong ties)"
_GRAN = "Granovetter 1973; Lin 2001 (instrumental action, strength of weak ties)"

GOALS: tuple[Goal, ...] = (
    Goal(
        "attention",
        "expressive",
        "personal attention, sharing experiences",
        "aandacht, persoonlijke belevenissen delen",
        "A handful of strong, recently contacted ties who know each other: attention lives in "
        "the inner Dunbar layers and fades within months without contact.",
        f"{_LIN}; Dunbar 2020; Roberts & Dunbar 2015",
        (_w(_STRONG, 0.3), _w(_STRONG_RECENT, 0.3), _w(_TOP5, 0.2), _w(_STRONG_DENSITY, 0.2)),
    ),
    Goal(
        "support",
        "expressive",
        "support for a shared cause",
        "draagvlak en steun vinden",
        "Many strong and medium ties among like-minded people who know each other (closure, "
        "an inward E-I index): a dense group backs a shared cause.",
        f"{_LIN}; Coleman closure; Krackhardt & Stern 1988",
        (_w(_ACTIVE, 0.25), _w(_STRONG, 0.2), _w(_STRONG_DENSITY, 0.25), _w(_EI_IN, 0.3)),
    ),
    Goal(
        "helpfulness",
        "expressive",
        "helping others, connecting people",
        "behulpzaamheid, mensen met elkaar in contact brengen",
        "Giving value: endorsements, recommendations, answered messages and introductions "
        "between people who did not know each other yet.",
        f"{_LIN}; Granovetter 1973 (reciprocal services)",
        (
            _w(_ENDORSE_GIVE, 0.2),
            _w(_RECOMMEND_GIVE, 0.2),
            _w(_INTROS, 0.25),
            _w(_REPLY, 0.2),
            _w(_STRONG, 0.15),
        ),
    ),
    Goal(
        "collaboration",
        "expressive",
        "complex, confidential collaboration",
        "complexe samenwerking",
        "Strong ties with closure: complex, tacit knowledge and confidential information move "
        "through trusted, embedded ties inside one's own organisation.",
        "Hansen 1999; Uzzi 1997; Burt 1992 (closure)",
        (
            _w(_STRONG, 0.25),
            _w(_STRONG_RECENT, 0.2),
            _w(_STRONG_DENSITY, 0.3),
            _w(_EI_IN, 0.25),
        ),
    ),
    Goal(
        "fun",
        "expressive",
        "fun and sociability",
        "plezier hebben, gezelligheid",
        "Recent, lively two-way contact with a group of friends who know each other.",
        f"{_LIN}; Dunbar 2020",
        (
            _w(_STRONG_RECENT, 0.3),
            _w(_ACTIVE, 0.2),
            _w(_STRONG_DENSITY, 0.2),
            _w(_SENT, 0.15),
            _w(_RECEIVED, 0.15),
        ),
    ),
    Goal(
        "sounding-board",
        "expressive",
        "a sounding board for ideas",
        "een klankbord vinden voor ideeën",
        "A few trusted, recently contacted ties who answer, with some spread of functions so "
        "an idea is heard from more than one angle.",
        f"{_LIN}; Aral & Van Alstyne 2011 (bandwidth)",
        (
            _w(_STRONG, 0.25),
            _w(_STRONG_RECENT, 0.3),
            _w(_REPLY, 0.2),
            _w(_FUNCTION_IQV, 0.25),
        ),
    ),
    Goal(
        "clients",
        "instrumental",
        "finding clients",
        "klanten vinden",
        "Many moderately weak ties across many organisations, reachable bridges, and being "
        "known (people come to you).",
        f"{_GRAN}; Rajkumar et al. 2022",
        (
            _w(_MOD_WEAK, 0.25),
            _w(_EI_OUT, 0.2),
            _w(_EMPLOYER_IQV, 0.15),
            _w(_BRIDGES, 0.2),
            _w(_STARTED, 0.2),
        ),
    ),
    Goal(
        "job",
        "instrumental",
        "finding a new job",
        "een nieuwe baan vinden",
        "Moderately weak ties at many other employers (the inverted U of job transmission), "
        "bridges, and dormant ties that now sit elsewhere.",
        "Granovetter 1973/1974; Rajkumar et al. 2022; Levin et al. 2011",
        (
            _w(_MOD_WEAK, 0.25),
            _w(_EI_OUT, 0.25),
            _w(_EMPLOYER_IQV, 0.15),
            _w(_BRIDGES, 0.15),
            _w(_EFFICIENCY, 0.1),
            _w(_RECONNECT, 0.1),
        ),
    ),
    Goal(
        "hiring",
        "instrumental",
        "finding new staff",
        "nieuwe medewerkers vinden",
        "Weak ties outside your own organisation, across functions and seniority, and a "
        "reputation that makes people approach you.",
        f"{_GRAN}; Rajkumar et al. 2022",
        (
            _w(_MOD_WEAK, 0.25),
            _w(_EI_OUT, 0.25),
            _w(_FUNCTION_IQV, 0.15),
            _w(_SENIORITY_IQV, 0.1),
            _w(_INVITED, 0.25),
        ),
    ),
    Goal(
        "ideas",
        "instrumental",
        "new ideas and solutions",
        "oplossingen en ideeën vinden",
        "Low constraint and bridges across structural holes: people in other clusters and "
        "functions carry non-redundant ideas.",
        "Burt 2004; Aral & Van Alstyne 2011",
        (
            _w(_EFFICIENCY, 0.3),
            _w(_BRIDGES, 0.25),
            _w(_FUNCTION_IQV, 0.2),
            _w(_EMPLOYER_IQV, 0.15),
            _w(_CLUSTERS, 0.1),
        ),
    ),
    Goal(
        "stay-informed",
        "instrumental",
        "staying informed about the field",
        "op de hoogte blijven van wat er speelt",
        "Diversity and bandwidth together: varied sources that you are actually in touch with.",
        "Aral & Van Alstyne 2011; Neal 2024",
        (
            _w(_EMPLOYER_IQV, 0.2),
            _w(_FUNCTION_IQV, 0.2),
            _w(_ACTIVE, 0.2),
            _w(_RECEIVED, 0.2),
            _w(_BRIDGES, 0.2),
        ),
    ),
    Goal(
        "visibility",
        "instrumental",
        "visibility and image",
        "zichtbaar en vindbaar zijn, imago versterken",
        "Reach (effective size, many separate clusters) and being known: invitations, "
        "endorsements and conversations come to you.",
        "Burt 1992 (effective size); SPEC (being known)",
        (
            _w(_EFFECTIVE, 0.25),
            _w(_CLUSTERS, 0.2),
            _w(_INVITED, 0.2),
            _w(_ENDORSED, 0.2),
            _w(_STARTED, 0.15),
        ),
    ),
    Goal(
        "new-worlds",
        "instrumental",
        "access to new worlds",
        "toegang tot nieuwe werelden",
        "Heterophilous ties: people at other employers, in other functions and at other "
        "levels, reached through bridges.",
        "Lin 2001 (strength of location); Granovetter 1973; Burt 1992",
        (
            _w(_EI_OUT, 0.3),
            _w(_FUNCTION_IQV, 0.2),
            _w(_SENIORITY_IQV, 0.1),
            _w(_BRIDGES, 0.2),
            _w(_EFFICIENCY, 0.2),
        ),
    ),
    Goal(
        "risk-spreading",
        "instrumental",
        "spreading risk",
        "risico spreiden",
        "Low concentration: tie strength spread across many employers, not bound to one "
        "organisation or a few people.",
        "Burt 1992 (constraint); Blau 1977",
        (
            _w(_EMPLOYER_IQV, 0.3),
            _w(_EFFICIENCY, 0.25),
            _w(_CONCENTRATION, 0.2),
            _w(_EI_OUT, 0.25),
        ),
    ),
    Goal(
        "influence",
        "mixed",
        "exerting influence",
        "invloed uitoefenen",
        "Both: a strong core that backs you and wide reach where you are known and vouched for.",
        "Burt 1992; Lin 2001; Coleman 1988",
        (
            _w(_STRONG, 0.2),
            _w(_ACTIVE, 0.2),
            _w(_EFFECTIVE, 0.2),
            _w(_INVITED, 0.15),
            _w(_RECOMMENDED, 0.25),
        ),
    ),
    Goal(
        "advice",
        "mixed",
        "getting advice",
        "advies krijgen",
        "Trusted ties you are in touch with, spread over functions and seniority, so advice "
        "is both honest and informed.",
        "Hansen 1999; Walter et al. 2015 (higher-status ties)",
        (
            _w(_STRONG_RECENT, 0.25),
            _w(_ACTIVE, 0.2),
            _w(_FUNCTION_IQV, 0.2),
            _w(_SENIORITY_IQV, 0.2),
            _w(_REPLY, 0.15),
        ),
    ),
    Goal(
        "knowledge-sharing",
        "mixed",
        "sharing information and knowledge",
        "informatie en kennis delen",
        "Bandwidth and giving: active two-way messaging with varied people, plus endorsements "
        "and introductions that pass knowledge on.",
        "Aral & Van Alstyne 2011; Hansen 1999",
        (
            _w(_SENT, 0.2),
            _w(_ACTIVE, 0.2),
            _w(_FUNCTION_IQV, 0.2),
            _w(_ENDORSE_GIVE, 0.2),
            _w(_INTROS, 0.2),
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
