"""Benchmark `netscan batch` against SPEC §7's targets; prints a table.

    python bench/batch.py                    # 50 and 200 members, then reduce of 1,000 and 5,000
    python bench/batch.py --teams 50 --reduce 1000 5000
    python bench/batch.py --teams 200 --modes 2 --reduce   # only --jobs 2 at 200 members

Members are typical exports (1,500 connections, 10,000 messages) written by `netscan sample` with
a shared contact pool (`--shared-pool`), so members overlap as a team's do; personas rotate and
each member has its own seed. They are generated once into --cache and reused. Each batch runs
in a fresh child process, whose max RSS is the parent's peak memory (local pool workers and Dask
workers are separate processes and not counted). The Dask column uses a two-worker
`distributed.LocalCluster` (processes), started before the clock starts.

The reduce lines time `team_summary` alone on synthesised compact results (ties.parquet files
with 1,500 people each, a fifth of them from a shared pool) — no export is analysed there.
Numbers, not pass/fail: targets are printed beside them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

PERSONAS = ("bridger", "insider", "switcher", "newcomer")
CONNECTIONS, MESSAGES = 1_500, 10_000
POOL, SHARE = 4_000, 0.2

_CHILD = """
import json, resource, sys, time
from pathlib import Path
mode, inputs, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
from netscan.batch import run_batch
if __name__ == "__main__":
    cluster = None
    if mode == "dask":
        import distributed
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
    start = time.perf_counter()
    try:
        if cluster is not None:
            result = run_batch([inputs], out, scheduler=cluster.scheduler_address)
        else:
            result = run_batch([inputs], out, jobs=int(mode))
    finally:
        wall = time.perf_counter() - start
        if cluster is not None:
            cluster.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"wall": wall, "peak_mb": peak, "ok": len(result.members),
                      "failed": len(result.failed)}))
"""


def _generate(cache: Path, count: int) -> Path:
    folder = cache / f"team-{count}"
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        path = folder / f"member-{index:04d}.zip"
        if path.exists():
            continue
        subprocess.run(
            [sys.executable, "-m", "netscan", "sample", "--persona",
             PERSONAS[index % len(PERSONAS)], "--seed", str(index + 1), "--connections",
             str(CONNECTIONS), "--messages", str(MESSAGES), "--shared-pool", str(POOL),
             "--shared-share", str(SHARE), "-o", str(path)],
            check=True, stdout=subprocess.DEVNULL,
        )
    return folder


def _batch(mode: str, inputs: Path, out: Path) -> dict[str, float]:
    script = out.parent / "child.py"
    script.write_text(_CHILD, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), mode, str(inputs), str(out)],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _synthesise(folder: Path, members: int) -> list[object]:
    """Compact results as the map writes them: one ties.parquet per member and a summary."""
    import random

    import polars as pl

    from netscan.batch.reduce import TeamMember

    classes = ("strong", "medium", "weak", "dormant", "latent")
    weights = (0.01, 0.04, 0.2, 0.1, 0.65)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for index in range(members):
        rng = random.Random(index)
        path = folder / f"m{index}.parquet"
        if not path.exists():
            shared = rng.sample(range(POOL * 5), round(CONNECTIONS * SHARE))
            own = [f"own-{index}-{i}" for i in range(CONNECTIONS - len(shared))]
            people = [f"pool-{i}" for i in shared] + own
            pl.DataFrame({
                "contact_id": [f"u:{p}" for p in people],
                "name": [f"Person {p}" for p in people],
                "company": [f"Org {rng.randrange(20_000)}" for _ in people],
                "profile_url": [f"https://www.linkedin.com/in/{p}" for p in people],
                "email": [None] * len(people),
                "score": [round(rng.random(), 4) for _ in people],
                "tie_class": rng.choices(classes, weights, k=len(people)),
                "past_peak": [0.0] * len(people),
            }, schema_overrides={"email": pl.String}).write_parquet(path)
        summary = {"as_of": "2026-11-02", "contacts": CONNECTIONS,
                   "classes": dict.fromkeys(classes, 300),
                   "metrics": {"effective_size": 100.0 + index % 7, "employer_iqv": 0.9}}
        out.append(TeamMember(f"m{index + 1}", f"Member {index + 1}", f"member-{index + 1}",
                              f"m{index}.zip", None, summary, path))
    return out


def _reduce(cache: Path, members: int) -> tuple[float, dict[str, object]]:
    from datetime import date

    from netscan.batch.reduce import team_summary

    team_members = _synthesise(cache / "compact", members)
    start = time.perf_counter()
    team = team_summary(team_members, as_of=date(2026, 11, 2))  # type: ignore[arg-type]
    return time.perf_counter() - start, team


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--teams", type=int, nargs="*", default=[50, 200])
    parser.add_argument("--reduce", type=int, nargs="*", default=[1_000, 5_000])
    parser.add_argument("--modes", nargs="*", default=["1", "2", "dask"],
                        help="runners: 1 (--jobs 1), 2 (--jobs 2), dask (two-worker cluster)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/netscan-bench-batch"))
    args = parser.parse_args()
    print(f"members: {CONNECTIONS:,} connections, {MESSAGES:,} messages each; shared pool "
          f"{POOL:,} people, {SHARE:.0%} of other contacts drawn from it")
    print(f"{'members':>7} {'runner':<16} {'wall s':>8} {'s/member':>9} {'peak MB':>8} "
          f"{'ok':>4} {'failed':>6}")
    per_member: dict[tuple[int, str], float] = {}
    for count in args.teams:
        inputs = _generate(args.cache, count)
        for mode in args.modes:
            out = args.cache / f"out-{count}-{mode}"
            label = {"1": "--jobs 1", "2": "--jobs 2", "dask": "dask 2 workers"}[mode]
            numbers = _batch(mode, inputs, out)
            per_member[(count, mode)] = numbers["wall"] / count
            print(f"{count:>7} {label:<16} {numbers['wall']:>8.1f} "
                  f"{numbers['wall'] / count:>9.3f} {numbers['peak_mb']:>8.0f} "
                  f"{int(numbers['ok']):>4} {int(numbers['failed']):>6}", flush=True)
    if 200 in args.teams and (200, "2") in per_member:
        print(f"target: 200 members < 90 s with --jobs 2 "
              f"(measured {per_member[(200, '2')] * 200:.1f} s)")
    for mode in ("1", "2", "dask"):
        if (50, mode) in per_member and (200, mode) in per_member:
            print(f"s/member 50 → 200 ({mode}): {per_member[(50, mode)]:.3f} → "
                  f"{per_member[(200, mode)]:.3f} (target: flat)")
    for count in args.reduce:
        seconds, team = _reduce(args.cache, count)
        reach = team["reach"]
        print(f"reduce {count:>5} members: {seconds:6.1f} s (target < 60 s for 5,000); "
              f"people {reach['people']:,}, pairs sharing anyone "  # type: ignore[index]
              f"{team['overlap_pairs']:,}; team goal fit: "
              f"{'computed' if team['goals'] else 'skipped - ' + str(team['goals_note'])}",
              flush=True)


if __name__ == "__main__":
    main()
