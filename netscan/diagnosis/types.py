"""Result types of the diagnosis: frozen dataclasses of plain numbers, strings and tuples.

The report and the JSON summary read these and nothing else; no polars frame and no
``dict[str, Any]`` crosses this boundary. Every sequence is a tuple with an explicit order.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class CategoryCount:
    """One category of a distribution: how many alters fall in it and their summed tie strength."""

    category: str
    count: int
    weight: float


@dataclass(frozen=True, slots=True)
class DimensionDiversity:
    """Diversity of the alters on one dimension (``employer``, ``function``, ``seniority``).

    `distribution` is sorted by count descending, then category. `iqv` and `entropy` (normalised
    to [0, 1]) use `categories_possible` as K for a fixed taxonomy, the observed count otherwise;
    they are weighted by tie strength when `weighted`. `ei` is Krackhardt & Stern's E-I index
    against the owner's own category (None when the owner's category is unknown). `unknown` counts
    alters whose category could not be inferred; they are left out of the indices.
    """

    dimension: str
    distribution: tuple[CategoryCount, ...]
    categories_possible: int
    blau: float
    iqv: float
    entropy: float
    ei: float | None
    owner_category: str | None
    unknown: int
    weighted: bool


@dataclass(frozen=True, slots=True)
class Diversity:
    """Diversity per dimension, in a fixed order: employer, function, seniority."""

    dimensions: tuple[DimensionDiversity, ...]

    def get(self, dimension: str) -> DimensionDiversity | None:
        """The entry for `dimension`, or None."""
        for entry in self.dimensions:
            if entry.dimension == dimension:
                return entry
        return None


@dataclass(frozen=True, slots=True)
class Layer:
    """A Dunbar layer: the `size` strongest ties by score, and their share of all tie strength."""

    size: int
    filled: int
    share_of_strength: float


@dataclass(frozen=True, slots=True)
class Composition:
    """How many contacts fall in each tie class, plus the Dunbar layer picture.

    `classes` is (class, count) in the fixed order strong, medium, weak, dormant, latent;
    `layers` covers the sizes 5, 15, 50 and 150.
    """

    contacts: int
    other_people: int
    classes: tuple[tuple[str, int], ...]
    layers: tuple[Layer, ...]

    def count(self, tie_class: str) -> int:
        """The number of contacts in `tie_class` (0 when absent)."""
        return dict(self.classes).get(tie_class, 0)


@dataclass(frozen=True, slots=True)
class Bridge:
    """A contact alone in their imputed cluster who carries some tie strength."""

    contact_id: str
    name: str
    company: str
    tie_class: str
    score: float
    last_contact: str | None
    at_risk: bool


@dataclass(frozen=True, slots=True)
class Structure:
    """Burt's measures and clusters on the imputed ego network (ego + non-latent alters).

    `constraint_active` is constraint over the strong + medium sub-network only (SCIENCE §4.3
    caveat 2). `imputed_ties` counts alter–alter edges by the evidence that produced them.
    """

    alters: int
    imputed_ties: int
    imputed_by_evidence: tuple[tuple[str, int], ...]
    density: float
    strong_density: float
    effective_size: float
    efficiency: float
    constraint: float
    constraint_active: float
    clusters: int
    largest_cluster: int
    bridges: tuple[Bridge, ...]


@dataclass(frozen=True, slots=True)
class Reciprocity:
    """Being known (others come to you, vouch for you) and giving value (SPEC opening).

    Shares are None when the export holds no data to compute them from (e.g. no Invitations.csv),
    so a missing file is never read as zero.
    """

    invitations_received: int
    invitations_sent: int
    invitations_received_share: float | None
    conversations: int
    conversations_started_by_others: int
    started_by_others_share: float | None
    endorsements_received: int
    recommendations_received: int
    endorsements_given: int
    recommendations_given: int
    incoming_threads: int
    answered_threads: int
    reply_share: float | None
    introductions: int


@dataclass(frozen=True, slots=True)
class MonthActivity:
    """Messages sent and received in one calendar month (``YYYY-MM``)."""

    month: str
    sent: int
    received: int


@dataclass(frozen=True, slots=True)
class YearGrowth:
    """New connections in one calendar year."""

    year: int
    connections: int


@dataclass(frozen=True, slots=True)
class Activity:
    """Growth and messaging activity over time. Months without messages appear with zeros
    between the first and the last active month; `months` is empty when there are no messages."""

    months: tuple[MonthActivity, ...]
    years: tuple[YearGrowth, ...]
    connections_per_year: float
    messages_per_month_sent: float
    messages_per_month_received: float
    active_months_last_year: int


@dataclass(frozen=True, slots=True)
class ReconnectSuggestion:
    """A dormant tie worth reviving, ranked by past strength and novelty (Levin; Walter)."""

    contact_id: str
    name: str
    company: str
    position: str
    past_peak: float
    novelty: float
    priority: float
    years_quiet: float | None
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DoorOpener:
    """A contact who can open the door to a target organisation.

    `access` orders the openers: the current score, or for a dormant tie its strength at its best
    discounted by `DORMANT_ACCESS` (a reconnected former close tie brings trust and fresh
    information, Levin et al. 2011).
    """

    contact_id: str
    name: str
    company: str
    position: str
    tie_class: str
    score: float
    past_peak: float = 0.0
    access: float = 0.0
    link: str = "current"
    via: str = ""


@dataclass(frozen=True, slots=True)
class TargetResult:
    """Who can open the door to one target organisation, strongest first.

    `match_kind` is ``exact`` (company name equal), ``normalised`` (equal after casefolding,
    dropping accents, punctuation and legal suffixes), ``prefix`` (the target's words start the
    company's words), ``past`` (only former colleagues who worked there with you) or ``none``.
    `companies` lists the company names as they appear in the export that matched; each
    opener's `link` is ``current`` (works there) or ``former`` (worked there with you; `via`
    names it). `suggestions` are close company names when nothing matched ("did you mean").
    """

    target: str
    match_kind: str
    companies: tuple[str, ...]
    openers: tuple[DoorOpener, ...]
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TermResult:
    """How one term of a goal's rule was computed: the numbers behind one evidence sentence.

    `value` is None when the export cannot give the metric (the term is then left out of the
    fit). `worst` scores 0, `anchor` (the reference) scores ANCHOR_SCORE and `best` scores 1;
    `reach_factor` < 1 when a ratio had too small a count behind it (`reach_metric`).
    """

    metric: str
    label: str
    value: float | None
    worst: float
    anchor: float | None
    best: float
    log: bool
    score: float | None
    weight: float
    reach_metric: str | None = None
    reach_value: float | None = None
    reach_factor: float | None = None


@dataclass(frozen=True, slots=True)
class GoalFit:
    """How well the network fits one goal: fit in [0, 1], verdict, evidence and next steps.

    `evidence` holds plain sentences (one per term, no index names); `terms` the numbers behind
    them in the same order; `summary` the one-sentence verdict; `people` the contacts the
    actions name, in order (one place, `netscan.diagnosis.fit`, decides who is named where).
    """

    id: str
    kind: str
    label_en: str
    label_nl: str
    fit: float
    verdict: str
    evidence: tuple[str, ...]
    actions: tuple[str, ...]
    summary: str = ""
    terms: tuple[TermResult, ...] = ()
    people: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Metrics:
    """Every network-level number the goal rules read, flat (SPEC §4 ``metrics`` key).

    Values that cannot be computed from the export (no invitations file, no messages) are None
    and are left out of `as_dict`.
    """

    contacts: int
    strong: int
    medium: int
    weak: int
    dormant: int
    latent: int
    active_ties: int
    top5_strength_share: float
    top15_share: float
    strong_recent: int
    median_days_since_two_way_strong: float | None
    moderately_weak: int
    effective_size: float
    efficiency: float
    constraint: float
    constraint_active: float
    density: float
    strong_density: float
    clusters: int
    bridges: int
    recent_bridges: int
    employer_iqv: float
    employer_entropy: float
    employer_ei: float | None
    function_iqv: float
    function_entropy: float
    function_known_share: float
    seniority_iqv: float
    seniority_entropy: float
    seniority_ei: float | None
    invitations_received_share: float | None
    started_by_others_share: float | None
    endorsements_received: int
    recommendations_received: int
    endorsements_given: int
    recommendations_given: int
    reply_share: float | None
    introductions: int
    connections_per_year: float
    messages_per_month_sent: float
    messages_per_month_received: float
    reconnect_candidates: int
    outside_ties: int = 0
    employers_reached: int = 0
    approached_by: int = 0

    def as_dict(self) -> dict[str, float | int]:
        """Name → number for every metric that has a value, in field order."""
        out: dict[str, float | int] = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value is None:
                continue
            out[item.name] = round(value, 4) if isinstance(value, float) else int(value)
        return out

    def value(self, name: str) -> float | None:
        """The metric called `name` as a float, or None when it has no value."""
        value = getattr(self, name)
        return None if value is None else float(value)


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """The whole diagnosis of one ego network.

    `goals` is ranked by fit (ties broken by id) when no goal was asked, else in the order asked.
    `assumptions` states in words what was inferred rather than read (imputed ties, functions).
    """

    metrics: Metrics
    goals: tuple[GoalFit, ...]
    targets: tuple[TargetResult, ...]
    reconnect: tuple[ReconnectSuggestion, ...]
    composition: Composition
    diversity: Diversity
    structure: Structure
    reciprocity: Reciprocity
    activity: Activity
    assumptions: tuple[str, ...]
