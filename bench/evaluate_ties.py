"""Check the tie model against the planted truth of every bundled persona; prints a table.

For each ``sample_exports/<persona>.zip`` with its ``<persona>.truth.csv``: the strong-vs-rest
ranking AUC, the share of planted-latent connections classed latent, dormant recall, the
medium-over-dormant ranking AUC (the guard against a score that is a message count) and the
class confusion against planted truth. The planted behaviour is noisy on purpose (a latent closeness
per tie, and tagged ambiguous cases: sample_exports/README.md), so some rows are misclassified;
``--cases`` prints how each ambiguous case was classed. Run:
``python bench/evaluate_ties.py [--half-life DAYS] [--confusion] [--cases]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import sys
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from netscan.ingest import load_exports
from netscan.ingest.identity import normalise_url
from netscan.model import Export, TieClass
from netscan.sample.plan import AMBIGUITY
from netscan.ties import build_ties
from netscan.ties.config import TieConfig

SAMPLES = Path(__file__).resolve().parents[1] / "sample_exports"
PERSONAS = ("insider", "bridger", "switcher", "newcomer")
CLASSES = tuple(c.value for c in TieClass)

# The Done-when thresholds.
MIN_STRONG_AUC = 0.9
MIN_LATENT_SHARE = 0.95
MIN_DORMANT_RECALL = 0.7
MIN_MEDIUM_OVER_DORMANT_AUC = 0.8


@dataclass(frozen=True, slots=True)
class Evaluation:
    """How well one persona's classes and scores recover its planted levels."""

    persona: str
    matched: int
    unmatched: int
    strong_auc: float | None
    latent_share: float | None
    dormant_recall: float | None
    medium_over_dormant_auc: float | None
    # The same AUC for a message-count score: what the guard is there to beat.
    count_baseline_auc: float | None
    confusion: pl.DataFrame
    # Per ambiguous case (a truth tag): planted level and how netscan classed the tagged rows.
    cases: pl.DataFrame

    def failures(self) -> list[str]:
        """The Done-when thresholds this persona misses (a metric with no cases is skipped)."""
        checks = (
            ("strong-vs-rest AUC", self.strong_auc, MIN_STRONG_AUC),
            ("latent share", self.latent_share, MIN_LATENT_SHARE),
            ("dormant recall", self.dormant_recall, MIN_DORMANT_RECALL),
            ("medium-over-dormant AUC", self.medium_over_dormant_auc, MIN_MEDIUM_OVER_DORMANT_AUC),
        )
        return [
            f"{self.persona}: {name} {value:.3f} < {floor}"
            for name, value, floor in checks
            if value is not None and value < floor
        ]


@functools.cache
def _export(path: Path) -> Export:
    return load_exports([path])


def auc(positive: pl.Series, negative: pl.Series) -> float | None:
    """P(a random positive scores above a random negative), ties counting one half."""
    if positive.is_empty() or negative.is_empty():
        return None
    values = pl.concat([positive, negative]).cast(pl.Float64)
    ranks = values.rank("average")
    rank_sum = float(ranks.head(positive.len()).sum())
    n_pos, n_neg = positive.len(), negative.len()
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def evaluate(persona: str, config: TieConfig, samples: Path = SAMPLES) -> Evaluation:
    """Score one bundled persona at its export date and compare with its planted truth."""
    export = _export(samples / f"{persona}.zip")
    assert export.newest is not None
    ties = build_ties(
        export.contacts, export.events, export.owner, as_of=export.newest, config=config
    )
    truth = pl.read_csv(samples / f"{persona}.truth.csv", infer_schema=False).filter(
        pl.col("in_network") == "true"
    )
    keyed = ties.with_columns(
        url=pl.col("profile_url").map_elements(normalise_url, return_dtype=pl.String)
    )
    joined = truth.join(keyed, left_on="profile_url", right_on="url", how="inner")
    level, cls, score = pl.col("level"), pl.col("tie_class"), "score"
    joined = joined.with_columns(count=pl.col("messages_sent") + pl.col("messages_received"))

    def scores(condition: pl.Expr, column: str = score) -> pl.Series:
        return joined.filter(condition)[column]

    def share(condition: pl.Expr, hit: pl.Expr) -> float | None:
        rows = joined.filter(condition)
        return None if rows.is_empty() else float(rows.select(hit.mean()).item())

    confusion = (
        joined.group_by("level", "tie_class")
        .len()
        .pivot(on="tie_class", index="level", values="len")
        .fill_null(0)
    )
    for name in CLASSES:
        if name not in confusion.columns:
            confusion = confusion.with_columns(pl.lit(0, dtype=pl.UInt32).alias(name))
    order = {name: i for i, name in enumerate(CLASSES)}
    confusion = confusion.select("level", *CLASSES).sort(
        pl.col("level").replace_strict(order, default=len(order))
    )
    tagged = joined.with_columns(case=pl.col("tags").str.split(";")).explode("case").filter(
        pl.col("case").is_in(list(AMBIGUITY))
    )
    cases = (
        tagged.group_by("case", "level", "tie_class")
        .len()
        .sort("case", "level", "tie_class")
        .group_by("case", "level", maintain_order=True)
        .agg(pl.concat_str(pl.col("tie_class"), pl.lit(" "), pl.col("len")).str.join(", ")
             .alias("netscan"))
    )
    return Evaluation(
        persona=persona,
        matched=joined.height,
        unmatched=truth.height - joined.height,
        strong_auc=auc(scores(level == "strong"), scores(level != "strong")),
        latent_share=share(level == "latent", cls == "latent"),
        dormant_recall=share(level == "dormant", cls == "dormant"),
        medium_over_dormant_auc=auc(scores(level == "medium"), scores(level == "dormant")),
        count_baseline_auc=auc(
            scores(level == "medium", "count"), scores(level == "dormant", "count")
        ),
        confusion=confusion,
        cases=cases,
    )


def sensitivity_arms() -> dict[str, TieConfig]:
    """SCIENCE.md §8.7 item 5: half-life 90/365 and the power law; weights ±50%; thresholds ±0.1."""
    base = TieConfig()
    arms = {
        "h=90": dataclasses.replace(base, half_life_days=90.0),
        "h=365": dataclasses.replace(base, half_life_days=365.0),
        "power-law": dataclasses.replace(base, decay="power"),
        "thresholds-0.1": dataclasses.replace(
            base,
            strong_threshold=base.strong_threshold - 0.1,
            medium_threshold=base.medium_threshold - 0.1,
        ),
        "thresholds+0.1": dataclasses.replace(
            base,
            strong_threshold=base.strong_threshold + 0.1,
            medium_threshold=base.medium_threshold + 0.1,
        ),
    }
    for group in ("comm", "dur", "ctx", "serv", "struct"):
        weight = getattr(base, f"weight_{group}")
        for factor, label in ((0.5, "-50%"), (1.5, "+50%")):
            arms[f"{group}{label}"] = dataclasses.replace(
                base, **{f"weight_{group}": weight * factor}
            )
    return arms


def _stability(persona: str, arm: TieConfig, base: pl.DataFrame) -> tuple[float, float]:
    """Jaccard of the strong class and Spearman ρ of scores, against the default model."""
    export = _export(SAMPLES / f"{persona}.zip")
    assert export.newest is not None
    ties = build_ties(export.contacts, export.events, export.owner, as_of=export.newest, config=arm)
    joined = base.join(ties, on="contact_id", suffix="_arm")
    strong = set(joined.filter(pl.col("tie_class") == "strong")["contact_id"])
    strong_arm = set(joined.filter(pl.col("tie_class_arm") == "strong")["contact_id"])
    union = strong | strong_arm
    jaccard = len(strong & strong_arm) / len(union) if union else 1.0
    rho = joined.select(pl.corr("score", "score_arm", method="spearman")).item()
    return jaccard, float(rho)


def _print_sensitivity() -> None:
    print("\nsensitivity: Jaccard(strong) / Spearman(score) vs the default model")
    print("arm               " + "".join(f"{p:>18}" for p in PERSONAS))
    bases = {}
    for persona in PERSONAS:
        export = _export(SAMPLES / f"{persona}.zip")
        assert export.newest is not None
        bases[persona] = build_ties(
            export.contacts, export.events, export.owner, as_of=export.newest, config=TieConfig()
        )
    for name, arm in sensitivity_arms().items():
        cells = []
        for persona in PERSONAS:
            jaccard, rho = _stability(persona, arm, bases[persona])
            cells.append(f"{jaccard:8.2f} / {rho:5.3f}")
        print(f"{name:<18}" + "".join(f"{c:>18}" for c in cells))


def _fmt(value: float | None) -> str:
    return "   n/a" if value is None else f"{value:6.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half-life", type=float, help="message half-life in days (arm)")
    parser.add_argument("--decay", choices=("exponential", "power"), help="decay arm")
    parser.add_argument("--confusion", action="store_true", help="print confusion matrices")
    parser.add_argument("--sensitivity", action="store_true", help="print the sensitivity arms")
    parser.add_argument("--cases", action="store_true", help="print how ambiguous cases class")
    args = parser.parse_args(argv)
    config = TieConfig()
    if args.half_life:
        config = dataclasses.replace(config, half_life_days=args.half_life)
    if args.decay:
        config = dataclasses.replace(config, decay=args.decay)
    print(f"decay={config.decay} half_life_days={config.half_life_days}")
    print(
        "persona    matched  strong-AUC  latent-share  dormant-recall  medium>dormant-AUC"
        "  (message-count baseline)"
    )
    failures: list[str] = []
    for persona in PERSONAS:
        result = evaluate(persona, config)
        failures += result.failures()
        print(
            f"{persona:<10} {result.matched:7d}  {_fmt(result.strong_auc):>10}  "
            f"{_fmt(result.latent_share):>12}  {_fmt(result.dormant_recall):>14}  "
            f"{_fmt(result.medium_over_dormant_auc):>18}  {_fmt(result.count_baseline_auc):>24}"
        )
        if args.confusion:
            with pl.Config(tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True):
                print("  rows: planted level; columns: netscan class")
                print(result.confusion)
        if args.cases:
            for case, level, classes in result.cases.iter_rows():
                print(f"  {case:<20} planted {level:<8} netscan: {classes}")
    for failure in failures:
        print("FAIL", failure)
    if args.sensitivity:
        _print_sensitivity()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
