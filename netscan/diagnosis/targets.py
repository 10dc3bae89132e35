"""Target organisations as people type them: who can open the door, strongest tie first.

A target matches a company name (a contact's current employer, or an employer the contact shared
with you in the past) when, ignoring case, accents, punctuation and legal suffixes, its words
start the company's words: ``-t Hollowbrook`` finds "Hollowbrook Mobility" and "Hollowbrook
Studio", ``-t "lindeboom sys"`` finds "Lindeboom Systems", ``-t cafe`` finds "Café Noord". Every
door opener carries its link to the target (works there now, or worked there with you). When
nothing matches, close spellings are offered as "did you mean" — never matched silently: a
wrong door is worse than an honest "nobody there".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

import polars as pl

from netscan.companies import company_key
from netscan.diagnosis.types import DoorOpener, TargetResult

CLASS_ORDER = {"strong": 0, "medium": 1, "weak": 2, "dormant": 3, "latent": 4}
# A dormant tie's door is worth its past strength, discounted for the years of silence: a former
# close colleague outranks a recent acquaintance, not a current close tie (Levin et al. 2011;
# the factor is a [design choice]).
DORMANT_ACCESS = 0.6
# A former colleague who now works elsewhere still knows people at the target, but less well
# than someone inside it [design choice].
FORMER_ACCESS = 0.5
# rapidfuzz WRatio (0–100) a company name needs to be offered as "did you mean".
SUGGEST_CUTOFF = 75
SUGGESTIONS = 3


def fold(text: str | None) -> str:
    """`company_key` without accents: "Café Noord B.V." → "cafe noord"."""
    key = company_key(text)
    decomposed = unicodedata.normalize("NFKD", key)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def matches(target: str, company: str | None) -> str | None:
    """How `target` matches `company`: ``exact``, ``normalised``, ``prefix`` or None.

    ``prefix``: the target's words start consecutive words of the company name ("hollow" →
    "Hollowbrook Mobility", "brook mob" → no: a word must start where the company's word starts).
    """
    if not company:
        return None
    if company == target.strip():
        return "exact"
    want, have = fold(target), fold(company)
    if not want or not have:
        return None
    if want == have:
        return "normalised"
    words, names = want.split(), have.split()
    for start in range(len(names) - len(words) + 1):
        if all(names[start + i].startswith(w) for i, w in enumerate(words)):
            return "prefix"
    return None


def _opener(row: dict[str, object], link: str) -> DoorOpener:
    score = float(row["score"] or 0.0)  # type: ignore[arg-type]
    peak = float(row["past_peak"] or 0.0)  # type: ignore[arg-type]
    tie_class = str(row["tie_class"])
    access = max(score, DORMANT_ACCESS * peak) if tie_class == "dormant" else score
    if link == "former":
        access *= FORMER_ACCESS
    return DoorOpener(
        contact_id=str(row["contact_id"]),
        name=str(row["name"] or ""),
        company=str(row["company"] or ""),
        position=str(row["position"] or ""),
        tie_class=tie_class,
        score=score,
        past_peak=peak,
        access=access,
        link=link,
        via=str(row["shared_employer"] or "") if link == "former" else str(row["company"] or ""),
    )


_KIND_ORDER = ("exact", "normalised", "prefix")


def suggest(target: str, names: Iterable[str]) -> tuple[str, ...]:
    """Company names close to `target` (typos, a missing word), best first, at most SUGGESTIONS.

    rapidfuzz's WRatio on the folded names: it weighs partial and token-order matches, so
    "Holowbrook" → "Hollowbrook Mobility" and "Analytics Kestrel" → "Kestrel Analytics".
    """
    from rapidfuzz import fuzz, process

    folded: dict[str, str] = {}
    for name in sorted(set(names)):
        key = fold(name)
        if key and key not in folded:
            folded[key] = name
    found = process.extract(
        fold(target), list(folded), scorer=fuzz.WRatio, limit=SUGGESTIONS * 3,
        score_cutoff=SUGGEST_CUTOFF,
    )
    ranked = sorted(found, key=lambda hit: (-hit[1], hit[0]))
    return tuple(folded[key] for key, _score, _index in ranked[:SUGGESTIONS])


def find_target(ties: pl.DataFrame, target: str) -> TargetResult:
    """The contacts at (or formerly at, with you) `target`, best door first, and how it matched."""
    columns = ["contact_id", "name", "company", "position", "tie_class", "score", "past_peak"]
    frame = ties.select(
        *columns,
        (pl.col("shared_employer") if "shared_employer" in ties.columns
         else pl.lit(None, dtype=pl.String)).alias("shared_employer"),
    )
    names = sorted({c for c in frame.get_column("company").drop_nulls().to_list() if c}
                   | {c for c in frame.get_column("shared_employer").drop_nulls().to_list() if c})
    kinds = {name: kind for name in names if (kind := matches(target, name)) is not None}
    # The strictest kind found decides: an exact name does not also pull in prefix look-alikes.
    best = min((_KIND_ORDER.index(k) for k in kinds.values()), default=None)
    matched = set() if best is None else {n for n, k in kinds.items()
                                          if _KIND_ORDER.index(k) == best}
    openers: list[DoorOpener] = []
    companies: set[str] = set()
    for row in frame.iter_rows(named=True):
        if row["company"] in matched:
            openers.append(_opener(row, "current"))
            companies.add(str(row["company"]))
        elif row["shared_employer"] in matched:
            openers.append(_opener(row, "former"))
            companies.add(str(row["shared_employer"]))
    openers.sort(
        key=lambda o: (-o.access, CLASS_ORDER.get(o.tie_class, 9), o.name, o.contact_id)
    )
    if best is None:
        kind = "none"
    elif not any(o.link == "current" for o in openers):
        kind = "past"
    else:
        kind = _KIND_ORDER[best]
    return TargetResult(
        target=target,
        match_kind=kind,
        companies=tuple(sorted(companies)),
        openers=tuple(openers),
        suggestions=suggest(target, names) if not openers else (),
    )


def find_targets(ties: pl.DataFrame, targets: Sequence[str]) -> tuple[TargetResult, ...]:
    """One `TargetResult` per target, in the order asked."""
    return tuple(find_target(ties, t) for t in targets)
