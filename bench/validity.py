"""Does `score` put a real person's friends first? The tie model on the Copenhagen Networks Study.

SPEC §5: on public interaction data with self-reported friendship, ranking each person's contacts
by `score` must put their friends first at least as well as the best simple baseline, measured per
person and averaged, with anything fitted on that data reported out-of-fold.

For every CNS participant with 8+ communication partners this writes a temporary LinkedIn-form
export (Profile.csv, Connections.csv, messages.csv: every text and call as a 1:1 message with its
real time, both directions), reads it with netscan's own ingest and scores it with the real model
(`netscan.ties.build_ties`). Positives are the partners who are Facebook friends, negatives the
other partners the person communicated with. Printed: each person's AUC of `score` and of the
baselines (message count, count in the last 30 days, recency of the last contact), and the
average weighted by positives × negatives. The study lasted four weeks, so "count in the last 30
days" equals the count here; it is printed because real exports span years. Nothing derived from
CNS is written outside a temporary folder.

With ``--cv``, two fitted alternatives are reported out-of-fold (leave one participant out): the
calibration fit of `netscan.ties.calibrate` with friendship as the rating, and the best of a small
grid of settings (half-lives, volume exponent, communication split) chosen on the others.

Run: ``python bench/validity.py [--config netscan.toml] [--per-person] [--cv]``.
The data: ``../shared/data/cns/`` (README there); another folder with ``--data``.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import polars as pl

from netscan.ingest import load_exports
from netscan.model import Export
from netscan.ties import build_ties, load_config
from netscan.ties.calibrate import TERMS, effective_weights, fit_weights
from netscan.ties.config import TieConfig
from netscan.ties.features import compute_features
from netscan.ties.score import score_components

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cns"
if not DATA.exists():
    DATA = Path("/work/shared/data/cns")
MIN_PARTNERS = 8
# CNS timestamps are seconds from the start of the study; anchor them to a fixed day, keeping
# their order and spacing (README). Connections are dated the day before, the same for everyone,
# so the connection date says nothing about who is a friend.
EPOCH = datetime(2026, 1, 5, tzinfo=UTC)
CONNECTED = (EPOCH - timedelta(days=1)).date()
URL = "https://www.linkedin.com/in/cns-{}"
BASELINES = ("count", "count_30d", "recency")


def load_interactions(data: Path) -> pl.DataFrame:
    """Texts and calls as one frame: seconds, from, to, kind (self-pairs dropped)."""
    sms = pl.read_csv(data / "sms.csv").select("timestamp", "from", "to", kind=pl.lit("text"))
    calls = pl.read_csv(data / "calls.csv").select("timestamp", "from", "to", kind=pl.lit("call"))
    return pl.concat([sms, calls]).filter(pl.col("from") != pl.col("to"))


def load_friends(data: Path) -> set[tuple[int, int]]:
    """Facebook friendships as ordered pairs both ways (self-pairs dropped)."""
    friends = pl.read_csv(data / "fb_friends.csv").filter(pl.col("user_a") != pl.col("user_b"))
    pairs = set(zip(friends["user_a"], friends["user_b"], strict=True))
    return pairs | {(b, a) for a, b in pairs}


def ego_rows(interactions: pl.DataFrame) -> pl.DataFrame:
    """Each interaction seen from both sides: ego, partner, direction, seconds, kind."""
    out = interactions.select(
        ego="from", partner="to", direction=pl.lit("out"), seconds="timestamp", kind="kind"
    )
    into = interactions.select(
        ego="to", partner="from", direction=pl.lit("in"), seconds="timestamp", kind="kind"
    )
    return pl.concat([out, into])


def egos(rows: pl.DataFrame, min_partners: int = MIN_PARTNERS) -> list[int]:
    """Participants with at least `min_partners` distinct communication partners."""
    counts = rows.group_by("ego").agg(pl.col("partner").n_unique().alias("n"))
    return sorted(counts.filter(pl.col("n") >= min_partners)["ego"].to_list())


def _stamp(seconds: int) -> str:
    return (EPOCH + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S UTC")


def write_export(folder: Path, ego: int, rows: pl.DataFrame) -> None:
    """A LinkedIn-form export of one participant: the owner, partners as connections, and every
    text and call as a 1:1 message (the body a same-length placeholder: CNS has no content)."""
    folder.mkdir(parents=True, exist_ok=True)
    owner = f"Participant {ego}"
    with (folder / "Profile.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "Headline"])
        writer.writerow(["Participant", str(ego), "CNS participant"])
    partners = sorted(set(rows["partner"].to_list()))
    with (folder / "Connections.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
             "Connected On"]
        )
        for partner in partners:
            writer.writerow(
                ["Participant", str(partner), URL.format(partner), "", "", "",
                 CONNECTED.strftime("%d %b %Y")]
            )
    with (folder / "messages.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
             "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"]
        )
        for partner, direction, seconds, kind in rows.sort("seconds").select(
            "partner", "direction", "seconds", "kind"
        ).iter_rows():
            them = (f"Participant {partner}", URL.format(partner))
            me = (owner, URL.format(f"owner-{ego}"))
            sender, recipient = (me, them) if direction == "out" else (them, me)
            writer.writerow(
                [f"cns-{min(ego, partner)}-{max(ego, partner)}", "", sender[0], sender[1],
                 recipient[0], recipient[1], _stamp(seconds), "", f"({kind})", "INBOX"]
            )


@dataclass(frozen=True, slots=True)
class Person:
    """One participant's export, read by netscan, and the raw rows it was written from."""

    ego: int
    export: Export
    rows: pl.DataFrame


def load_people(data: Path = DATA, min_partners: int = MIN_PARTNERS) -> list[Person]:
    """Every participant with `min_partners`+ partners, as exports read by netscan's ingest."""
    rows = ego_rows(load_interactions(data))
    people = []
    with tempfile.TemporaryDirectory(prefix="netscan-cns-") as tmp:
        for ego in egos(rows, min_partners):
            mine = rows.filter(pl.col("ego") == ego)
            folder = Path(tmp) / str(ego)
            write_export(folder, ego, mine)
            people.append(Person(ego, load_exports([folder]), mine))
    return people


def baselines(person: Person, as_of_seconds: int) -> pl.DataFrame:
    """Per partner: message count, count in the 30 days before as_of, recency of last contact."""
    window = as_of_seconds - 30 * 86_400
    return person.rows.group_by("partner").agg(
        count=pl.len().cast(pl.Float64),
        count_30d=(pl.col("seconds") > window).sum().cast(pl.Float64),
        recency=pl.col("seconds").max().cast(pl.Float64),
    )


def scored(
    people: Sequence[Person], config: TieConfig, friends: set[tuple[int, int]]
) -> pl.DataFrame:
    """One row per (ego, partner): friend label, the model's ties columns and the baselines."""
    frames = []
    for person in people:
        export = person.export
        assert export.newest is not None
        ties = build_ties(
            export.contacts, export.events, export.owner, as_of=export.newest, config=config
        )
        features = compute_features(
            export.contacts, export.events, export.owner, as_of=export.newest, config=config
        )
        terms = score_components(features, as_of=export.newest, config=config).select(
            "contact_id", *(f"term_{t}" for t in TERMS)
        )
        ties = ties.join(terms, on="contact_id", how="left")
        as_of_seconds = int(person.rows["seconds"].max())  # type: ignore[arg-type]
        ties = ties.with_columns(
            partner=pl.col("profile_url").str.extract(r"cns-(\d+)$").cast(pl.Int64)
        ).filter(pl.col("partner").is_not_null())
        base = baselines(person, as_of_seconds).with_columns(pl.col("partner").cast(pl.Int64))
        joined = base.join(ties, on="partner", how="left")
        missing = joined.filter(pl.col("score").is_null()).height
        if missing:
            raise SystemExit(f"participant {person.ego}: {missing} partners not scored")
        frames.append(
            joined.with_columns(
                ego=pl.lit(person.ego, pl.Int64),
                friend=pl.struct("partner").map_elements(
                    lambda s, ego=person.ego: (ego, s["partner"]) in friends,
                    return_dtype=pl.Boolean,
                ),
            )
        )
    return pl.concat(frames, how="diagonal_relaxed")


def auc(positive: Iterable[float], negative: Iterable[float]) -> float | None:
    """P(a random positive scores above a random negative), ties counting one half."""
    pos, neg = list(positive), list(negative)
    if not pos or not neg:
        return None
    wins = 0.0
    for p in pos:
        for n in neg:
            wins += 1.0 if p > n else 0.5 if p == n else 0.0
    return wins / (len(pos) * len(neg))


@dataclass(frozen=True, slots=True)
class Row:
    """One participant's AUCs (None where the participant has no friend or no non-friend)."""

    ego: int
    positives: int
    negatives: int
    aucs: dict[str, float | None]


def per_person(frame: pl.DataFrame, columns: Sequence[str]) -> list[Row]:
    """AUC of each column for friends vs other partners, per participant."""
    rows = []
    for (ego,), group in frame.group_by(["ego"], maintain_order=True):
        pos = group.filter(pl.col("friend"))
        neg = group.filter(~pl.col("friend"))
        rows.append(
            Row(
                int(ego),  # type: ignore[call-overload]
                pos.height,
                neg.height,
                {c: auc(pos[c].to_list(), neg[c].to_list()) for c in columns},
            )
        )
    return sorted(rows, key=lambda r: r.ego)


def weighted_mean(rows: Sequence[Row], column: str) -> float:
    """Average AUC weighted by each person's positive × negative pairs."""
    pairs = [(r.positives * r.negatives, r.aucs[column]) for r in rows]
    used = [(w, a) for w, a in pairs if a is not None and w > 0]
    return sum(w * a for w, a in used) / sum(w for w, _ in used)


def calibrated_out_of_fold(frame: pl.DataFrame, config: TieConfig) -> pl.Series:
    """`netscan.ties.calibrate`'s fit (friend = 5, other = 1), leave one participant out: each
    participant's partners are scored by weights fitted on everyone else's."""
    columns = [f"term_{t}" for t in TERMS]
    prior = effective_weights(config)
    out = [0.0] * frame.height
    indexed = frame.with_row_index("_i")
    for ego in indexed["ego"].unique().sort().to_list():
        train = indexed.filter(pl.col("ego") != ego)
        weights = fit_weights(
            train.select(columns).rows(),
            train.select(pl.when(pl.col("friend")).then(5.0).otherwise(1.0))
            .to_series()
            .to_list(),
            prior,
        ) or prior
        for i, row in zip(
            indexed.filter(pl.col("ego") == ego)["_i"].to_list(),
            indexed.filter(pl.col("ego") == ego).select(columns).rows(),
            strict=True,
        ):
            out[i] = sum(weights[t] * v for t, v in zip(TERMS, row, strict=True))
    return pl.Series("calibrated_oof", out, dtype=pl.Float64)


def candidate_configs(base: TieConfig) -> dict[str, TieConfig]:
    """The small grid `--cv` selects from: message half-life (S§8.4 arms 90/180/365), recency
    half-life of the two-way gate, the volume exponent, and the split of communication between
    volume and the two-way gate (S§8.3 proposal vs Gilbert & Karahalios' intensity:intimacy)."""
    grid: dict[str, TieConfig] = {}
    splits = {"vol.5/tw.2": (0.5, 0.2), "vol.375/tw.325": (0.375, 0.325)}
    for h in (90.0, 180.0, 365.0):
        for h_r in (90.0, 180.0, 365.0):
            for a in (0.3, 0.5, 1.0):
                for split, (vol, tw) in splits.items():
                    grid[f"h={h:.0f} h_r={h_r:.0f} a={a} {split}"] = dataclasses.replace(
                        base,
                        half_life_days=h,
                        recency_half_life_days=h_r,
                        intensity_exponent=a,
                        comm_intensity=vol,
                        comm_two_way=tw,
                    )
    return grid


def selected_out_of_fold(
    people: Sequence[Person], friends: set[tuple[int, int]], base: TieConfig
) -> tuple[list[Row], dict[str, int]]:
    """Leave-one-participant-out model selection over `candidate_configs`: for each participant
    the setting with the best weighted AUC on the others scores them. Returns their held-out
    AUCs (as column "selected_oof") and how often each setting was chosen."""
    grid = candidate_configs(base)
    by_config = {
        name: {r.ego: r for r in per_person(scored(people, config, friends), ["score"])}
        for name, config in grid.items()
    }
    egos_ = sorted(next(iter(by_config.values())))
    rows, chosen = [], dict.fromkeys(grid, 0)
    for ego in egos_:

        def train_auc(name: str, held: int = ego) -> float:
            others = by_config[name].items()
            return weighted_mean(
                [r for e, r in others if e != held and r.positives and r.negatives], "score"
            )

        best = max(grid, key=train_auc)
        chosen[best] += 1
        held_row = by_config[best][ego]
        rows.append(Row(ego, held_row.positives, held_row.negatives,
                        {"selected_oof": held_row.aucs["score"]}))
    return rows, {name: n for name, n in chosen.items() if n}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with the CNS CSV files")
    parser.add_argument("--config", type=Path, help="a netscan TOML config for the model")
    parser.add_argument("--per-person", action="store_true", help="print every participant")
    parser.add_argument(
        "--cv", action="store_true", help="add settings selected out-of-fold (leave one person out)"
    )
    args = parser.parse_args(argv)
    config = load_config(args.config).ties
    people = load_people(args.data)
    frame = scored(people, config, load_friends(args.data))
    columns = ["score", *BASELINES]
    rows = per_person(frame, columns)
    usable = [r for r in rows if r.positives and r.negatives]
    print(
        f"CNS: {len(rows)} participants with {MIN_PARTNERS}+ partners, {len(usable)} with both "
        f"friends and non-friends; {frame.height} pairs, {int(frame['friend'].sum())} friends"
    )
    header = f"{'participant':>11} {'pos':>4} {'neg':>4} " + " ".join(f"{c:>14}" for c in columns)
    if args.per_person:
        print(header)
        for r in rows:
            cells = " ".join(
                f"{'n/a':>14}" if r.aucs[c] is None else f"{r.aucs[c]:14.3f}" for c in columns
            )
            print(f"{r.ego:>11} {r.positives:>4} {r.negatives:>4} {cells}")
    print("AUC, friends vs other partners, averaged per person (weighted by pos × neg):")
    print(" ".join(f"{c:>14}" for c in columns))
    print(" ".join(f"{weighted_mean(usable, c):14.3f}" for c in columns))
    unweighted = [
        sum(r.aucs[c] or 0.0 for r in usable) / len(usable) for c in columns
    ]
    print(" ".join(f"{u:14.3f}" for u in unweighted) + "   (unweighted mean)")
    if args.cv:
        frame = frame.with_columns(calibrated_out_of_fold(frame, config))
        rows_cal = [r for r in per_person(frame, ["calibrated_oof"]) if r.positives and r.negatives]
        print(
            "weights fitted by netscan.ties.calibrate on the other participants' friendships, "
            f"held out: weighted AUC {weighted_mean(rows_cal, 'calibrated_oof'):.3f}"
        )
        selected, chosen = selected_out_of_fold(people, load_friends(args.data), config)
        usable_sel = [r for r in selected if r.positives and r.negatives]
        print(
            "settings selected on the other participants, scored on the held-out one: "
            f"weighted AUC {weighted_mean(usable_sel, 'selected_oof'):.3f}"
        )
        for name, n in sorted(chosen.items(), key=lambda item: -item[1]):
            print(f"  chosen {n:2d}x  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

