"""Function and seniority inferred from free-text position titles, English and Dutch keywords.

A LinkedIn export holds only each contact's current title, so function and seniority are
*inferred*; a title with no known keyword stays ``unknown`` and is never guessed. The taxonomies
are fixed, which lets the IQV use the number of possible categories as K (SCIENCE §6).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

import polars as pl

from netscan.i18n import N_, gettext

UNKNOWN = "unknown"

# Checked in this order: the first function with a matching keyword wins, so the more specific
# families (data before engineering, legal before consulting) come first.
FUNCTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "founder",
        (
            "founder",
            "co-founder",
            "cofounder",
            "oprichter",
            "mede-oprichter",
            "business owner",
            "eigenaar",
            "entrepreneur",
            "ondernemer",
            "zzp",
        ),
    ),
    (
        "data",
        (
            "data",
            "analytics",
            "analyst",
            "analist",
            "machine learning",
            "statistic",
            "statisticus",
            "bi ",
            "business intelligence",
        ),
    ),
    (
        "engineering",
        (
            "engineer",
            "developer",
            "ontwikkelaar",
            "programmeur",
            "programmer",
            "software",
            "devops",
            "architect",
            "technisch",
            "techniek",
            "it ",
            "cto ",
            "sre ",
            "tester",
            "qa ",
            "ingenieur",
        ),
    ),
    ("product", ("product", "scrum master", "agile coach")),
    ("design", ("design", "ontwerper", "ux ", "ui ", "vormgever", "creative", "creatief")),
    (
        "sales",
        (
            "sales",
            "verkoop",
            "verkoper",
            "account manager",
            "accountmanager",
            "business development",
            "bizdev",
            "commercieel",
            "commercial",
        ),
    ),
    (
        "marketing",
        (
            "marketing",
            "communicatie",
            "communication",
            "brand",
            "content",
            "seo ",
            "social media",
            "pr ",
            "woordvoerder",
            "growth",
        ),
    ),
    (
        "finance",
        (
            "finance",
            "financ",
            "controller",
            "accountant",
            "boekhouder",
            "cfo ",
            "treasury",
            "audit",
            "fiscalist",
            "tax ",
        ),
    ),
    (
        "hr",
        (
            "hr ",
            "human resources",
            "recruiter",
            "recruitment",
            "talent",
            "personeelszaken",
            "p&o",
            "werving",
            "people ",
            "headhunter",
        ),
    ),
    (
        "legal",
        (
            "legal",
            "jurist",
            "juridisch",
            "advocaat",
            "lawyer",
            "counsel",
            "notaris",
            "compliance",
            "paralegal",
        ),
    ),
    (
        "research",
        (
            "research",
            "onderzoeker",
            "scientist",
            "wetenschapper",
            "professor",
            "hoogleraar",
            "phd",
            "promovendus",
            "postdoc",
            "lecturer",
            "docent",
            "universitair",
        ),
    ),
    ("education", ("teacher", "leraar", "leerkracht", "onderwijs", "trainer", "coach", "tutor")),
    (
        "healthcare",
        (
            "nurse",
            "verpleegkundige",
            "doctor",
            "arts ",
            "physician",
            "therapist",
            "therapeut",
            "zorg",
            "care ",
            "huisarts",
            "psycholoog",
            "psychologist",
        ),
    ),
    (
        "consulting",
        (
            "consultant",
            "adviseur",
            "advisor",
            "adviser",
            "consultancy",
            "beleidsmedewerker",
            "policy",
        ),
    ),
    (
        "operations",
        (
            "operations",
            "operationeel",
            "logistiek",
            "logistics",
            "supply chain",
            "inkoop",
            "procurement",
            "project manager",
            "projectleider",
            "projectmanager",
            "office manager",
            "coo ",
            "facility",
            "coordinator",
            "coördinator",
        ),
    ),
    (
        "management",
        (
            "ceo ",
            "general manager",
            "algemeen directeur",
            "managing director",
            "directeur",
            "director",
            "bestuurder",
            "president",
            "managing partner",
        ),
    ),
)

FUNCTION_NAMES: tuple[str, ...] = tuple(name for name, _ in FUNCTIONS)

# Ordered from junior to senior; the rank is the position in this tuple. Checked from the most
# senior down, so "Senior Director" is a director, not a senior.
SENIORITY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("intern", ("intern ", "internship", "stagiair", "trainee", "werkstudent", "student")),
    ("junior", ("junior", "jr ", "assistant", "assistent", "graduate", "starter", "associate ")),
    ("mid", ("medior", "mid-level", "midlevel")),
    (
        "senior",
        ("senior", "sr ", "principal", "staff ", "expert", "specialist", "professor", "hoogleraar"),
    ),
    (
        "lead",
        (
            "lead",
            "manager",
            "teamleider",
            "teamlead",
            "leidinggevende",
            "supervisor",
            "projectleider",
        ),
    ),
    ("director", ("director", "directeur", "head ", "hoofd", "afdelingshoofd")),
    (
        "executive",
        (
            "ceo ",
            "cfo ",
            "cto ",
            "coo ",
            "cio ",
            "cmo ",
            "chief",
            "vp ",
            "vice president",
            "president",
            "founder",
            "co-founder",
            "oprichter",
            "mede-oprichter",
            "business owner",
            "eigenaar",
            "partner ",
            "bestuurder",
            "managing director",
            "algemeen directeur",
            "board ",
        ),
    ),
)

SENIORITY_NAMES: tuple[str, ...] = tuple(name for name, _ in SENIORITY)

# How each category reads in a sentence or a chart; the keys above are identifiers only.
CATEGORY_LABELS: dict[str, str] = {
    "founder": N_("founders"),
    "data": N_("data"),
    "engineering": N_("engineering"),
    "product": N_("product"),
    "design": N_("design"),
    "sales": N_("sales"),
    "marketing": N_("marketing"),
    "finance": N_("finance"),
    "hr": N_("HR"),
    "legal": N_("legal"),
    "research": N_("research"),
    "education": N_("education"),
    "healthcare": N_("healthcare"),
    "consulting": N_("consulting"),
    "operations": N_("operations"),
    "management": N_("management"),
    "intern": N_("intern"),
    "junior": N_("junior"),
    "mid": N_("mid-level"),
    "senior": N_("senior"),
    "lead": N_("lead or manager"),
    "director": N_("director"),
    "executive": N_("executive"),
    "unknown": N_("unknown"),
}


def category_label(category: str) -> str:
    """The translated display name of a function or seniority key ("hr" → "HR")."""
    label = CATEGORY_LABELS.get(category)
    return gettext(label) if label is not None else category


def _normalise_title(title: str | None) -> str:
    """Lower-cased, accents kept, punctuation as spaces, padded so word keywords match at edges."""
    if not title:
        return ""
    text = unicodedata.normalize("NFKC", title).casefold()
    text = re.sub(r"[^\w&\-]+", " ", text)
    return f" {text.strip()} "


def _pattern(keywords: tuple[str, ...]) -> re.Pattern[str]:
    # Keywords match at a word start (so "engineer" also finds "engineering"), never inside a
    # word, so "hr" does not fire inside "three"; a trailing space in a keyword demands a whole
    # word ("care " is not "career").
    parts = [re.escape(k.strip()) + (r"(?!\w)" if k.endswith(" ") else "") for k in keywords]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")")


_FUNCTION_PATTERNS = tuple((name, _pattern(keywords)) for name, keywords in FUNCTIONS)
_SENIORITY_PATTERNS = tuple((name, _pattern(keywords)) for name, keywords in reversed(SENIORITY))


@functools.lru_cache(maxsize=65536)
def infer_function(title: str | None) -> str:
    """The job family of `title` (e.g. ``engineering``), or ``unknown`` when no keyword matches."""
    text = _normalise_title(title)
    if not text.strip():
        return UNKNOWN
    for name, pattern in _FUNCTION_PATTERNS:
        if pattern.search(text):
            return name
    return UNKNOWN


@functools.lru_cache(maxsize=65536)
def infer_seniority(title: str | None) -> str:
    """The seniority band of `title`, from ``intern`` to ``executive``, or ``unknown``.

    A title that names a known function but no seniority keyword ("Software Engineer",
    "Verpleegkundige") is ``mid``: an individual contributor of unstated grade.
    """
    # An "HR business partner" is a role, not a partner in the firm; hide it from "partner ".
    text = _normalise_title(title).replace(" business partner ", " businesspartner ")
    if not text.strip():
        return UNKNOWN
    for name, pattern in _SENIORITY_PATTERNS:
        if pattern.search(text):
            return name
    return "mid" if infer_function(title) != UNKNOWN else UNKNOWN


_RANK = {name: rank for rank, name in enumerate(SENIORITY_NAMES)}


def seniority_rank(band: str) -> int | None:
    """0 for ``intern`` up to 6 for ``executive``; None for ``unknown``."""
    return _RANK.get(band)


def _per_distinct(titles: pl.Series, infer: Callable[[str | None], str]) -> pl.Series:
    # Each distinct title once: 30,000 contacts share far fewer titles.
    distinct = titles.unique()
    mapping = dict(zip(distinct.to_list(), map(infer, distinct.to_list()), strict=True))
    return titles.replace_strict(mapping, return_dtype=pl.String)


def functions(titles: pl.Series) -> pl.Series:
    """`infer_function` of every title (null titles too, as ``unknown``)."""
    return _per_distinct(titles, infer_function)


def seniorities(titles: pl.Series) -> pl.Series:
    """`infer_seniority` of every title (null titles too, as ``unknown``)."""
    return _per_distinct(titles, infer_seniority)
