"""Time load_exports on a large export against plain polars read_csv of the same files.

Usage: python bench/bench_ingest.py [EXPORT.zip] [--connections N] [--messages M]

Without EXPORT it builds one with ``netscan sample --persona bridger`` (30,000 connections and
1,000,000 messages by default) in a temporary folder. Prints, measured in the same run:
the time polars alone needs to read Connections.csv and messages.csv from the archive (zip read +
parse of every column), the time of load_exports, their ratio, and the peak RSS of a fresh
process that only runs load_exports (SPEC §7: within 2× of polars, under 1 GB).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import polars as pl

# Run in a fresh interpreter so the peak RSS is the loader's alone.
_LOADER = """
import resource, sys, time
from pathlib import Path
from netscan.ingest import load_exports
started = time.perf_counter()
export = load_exports([Path(sys.argv[1])])
took = time.perf_counter() - started
# VmHWM is this process's own peak. ru_maxrss is not: Linux folds the parent's RSS at fork
# time into a child's ru_maxrss, and the parent has just read the whole CSV with polars.
try:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{took} {peak} {export.contacts.height} {export.events.height}")
"""


def _polars_only(path: Path) -> float:
    """Seconds for polars to read the archive's Connections.csv and messages.csv."""
    started = time.perf_counter()
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.filename.lower().endswith(("connections.csv", "messages.csv")):
                pl.read_csv(archive.read(info), infer_schema=False, truncate_ragged_lines=True)
    return time.perf_counter() - started


def _loader_alone(path: Path) -> tuple[float, float, int, int]:
    """(seconds, peak RSS MB, contacts, events) of load_exports in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _LOADER, str(path)], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), int(out[3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("export", nargs="?", type=Path)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.export
        if path is None:
            path = Path(folder) / "big.zip"
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "netscan", "sample", "--persona", "bridger",
                 "--connections", str(args.connections), "--messages", str(args.messages),
                 "-o", str(path)],
                check=True,
            )
            print(f"netscan sample: {path.stat().st_size / 1e6:.0f} MB zip in "
                  f"{time.perf_counter() - started:.1f} s")
        for run in range(1, args.repeat + 1):
            baseline = _polars_only(path)
            ours, peak, contacts, events = _loader_alone(path)
            print(f"run {run}: polars read_csv {baseline:6.2f} s | load_exports {ours:6.2f} s "
                  f"| ratio {ours / baseline:4.2f}x | loader peak RSS {peak:,.0f} MB "
                  f"| contacts {contacts:,} events {events:,}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
