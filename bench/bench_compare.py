"""How long `netscan compare` takes, and whether it finds the planted changes (issue 17).

    python bench/bench_compare.py [--persona NAME] [--connections N] [--messages M] [--months K]

Writes a persona's export and the same network K months later (`netscan sample --later`), then
times `pipeline.compare` (both analyses plus the comparison) and the page render, and prints the
planted changes beside what was found. Prints numbers; no pass/fail.
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from pathlib import Path

from netscan.pipeline import compare
from netscan.report.compare import render_compare
from netscan.sample import write_later, write_sample

KINDS = {"gained": "gained", "lost": "lost", "cooled": "cooling", "warmed": "warming",
         "moved": "moved"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persona", default="bridger")
    parser.add_argument("--connections", type=int, default=None)
    parser.add_argument("--messages", type=int, default=None)
    parser.add_argument("--months", type=int, default=12)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        old, new, changes = (Path(folder) / n for n in ("old.zip", "new.zip", "changes.csv"))
        sizes = {"persona": args.persona, "connections": args.connections,
                 "messages": args.messages}
        start = time.perf_counter()
        write_sample(old, **sizes)  # type: ignore[arg-type]
        write_later(new, months=args.months, changes=changes, **sizes)  # type: ignore[arg-type]
        generated = time.perf_counter() - start
        start = time.perf_counter()
        comparison = compare([old], [new])
        compared = time.perf_counter() - start
        start = time.perf_counter()
        page = render_compare(comparison)
        rendered = time.perf_counter() - start
        planted: dict[str, set[str]] = {kind: set() for kind in KINDS}
        with changes.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                planted[row["change"]].add(row["profile_url"])
    print(f"persona {args.persona}: {comparison.old.contacts} → {comparison.new.contacts} "
          f"contacts, {comparison.old.as_of} → {comparison.new.as_of}")
    print(f"generate both exports  {generated:7.2f} s")
    print(f"compare (2 analyses)   {compared:7.2f} s")
    print(f"render page            {rendered:7.2f} s   ({len(page.encode()) / 1e6:.2f} MB)")
    print(f"{'change':<8} {'planted':>8} {'found':>6} {'exact':>6}")
    for kind, attribute in KINDS.items():
        found = {p.profile_url or "" for p in getattr(comparison, attribute)}
        print(f"{kind:<8} {len(planted[kind]):>8} {len(found):>6} "
              f"{'yes' if found == planted[kind] else 'NO':>6}")


if __name__ == "__main__":
    main()
