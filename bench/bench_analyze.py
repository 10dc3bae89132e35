"""Benchmark `netscan analyze` end to end against SPEC §7's targets; prints a table.

    python bench/bench_analyze.py            # typical export: 1,500 connections, 10,000 messages
    python bench/bench_analyze.py --large    # plus 30,000 connections, 1,000,000 messages

Each measurement runs in a fresh subprocess (so import and start-up are real), three times for
the typical export (median reported). The large export is compared with plain polars reading the
same CSV files from the same archive in the same run, and its peak memory is the child's max RSS.
Numbers, not pass/fail: targets are printed beside them.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POLARS_BASELINE = """
import io, sys, zipfile, polars as pl
with zipfile.ZipFile(sys.argv[1]) as archive:
    for name in archive.namelist():
        if name.lower().endswith('.csv'):
            data = archive.read(name)
            try:
                pl.read_csv(io.BytesIO(data), infer_schema=False, truncate_ragged_lines=True,
                            skip_rows=3 if name.endswith('Connections.csv') else 0)
            except Exception:
                pass
"""


# RUSAGE_CHILDREN is a high-water mark over *all* children, so each measured command runs under
# its own small wrapper process whose only child is that command.
_WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
wall = time.perf_counter() - start
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, *args], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def _sample(out: Path, connections: int, messages: int) -> Path:
    subprocess.run(
        [sys.executable, "-m", "netscan", "sample", "--persona", "bridger",
         "--connections", str(connections), "--messages", str(messages), "-o", str(out)],
        check=True, stdout=subprocess.DEVNULL,
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", action="store_true", help="also run the 30k/1M export")
    args = parser.parse_args()
    py = sys.executable
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        imports = [_run([py, "-c", "import netscan.pipeline, netscan.report"])[0] for _ in range(3)]
        rows.append(("import netscan.pipeline + report", f"{statistics.median(imports):.2f} s", ""))
        helps = [_run([py, "-m", "netscan", "--help"])[0] for _ in range(3)]
        rows.append(("netscan --help (start-up)", f"{statistics.median(helps):.2f} s", ""))

        typical = _sample(work / "typical.zip", 1500, 10_000)
        walls = [
            _run([py, "-m", "netscan", "analyze", str(typical), "-o", str(work / "t.html")])[0]
            for _ in range(3)
        ]
        rows.append(("analyze typical (1.5k conn, 10k msg)", f"{statistics.median(walls):.2f} s",
                     "< 1.5 s"))
        size = (work / "t.html").stat().st_size / 1e6
        rows.append(("report size (typical)", f"{size:.2f} MB", "< 6 MB"))

        if args.large:
            start = time.perf_counter()
            large = _sample(work / "large.zip", 30_000, 1_000_000)
            rows.append(("sample 30k/1M", f"{time.perf_counter() - start:.1f} s", ""))
            base, _ = _run([py, "-c", POLARS_BASELINE, str(large)])
            rows.append(("polars read_csv of the same files", f"{base:.2f} s", ""))
            wall, rss = _run([py, "-m", "netscan", "analyze", str(large),
                              "-o", str(work / "l.html")])
            rows.append(("analyze large (30k conn, 1M msg)", f"{wall:.2f} s",
                         f"< {2 * base:.2f} s (2x polars)"))
            rows.append(("peak RSS, analyze large", f"{rss:.0f} MB", "< 1024 MB"))
            rows.append(("report size (large)", f"{(work / 'l.html').stat().st_size / 1e6:.2f} MB",
                         "< 6 MB"))

    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>10}  {target}")


if __name__ == "__main__":
    main()
