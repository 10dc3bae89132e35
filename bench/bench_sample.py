"""Time and peak memory of `netscan sample` at LinkedIn's maximum size.

Runs the generator in a child process (so its peak RSS is its own) for 30,000 connections and
1,000,000 messages and prints wall time, peak RSS and the zip's size.

    python bench/bench_sample.py [--connections N] [--messages M]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--persona", default="bridger")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "big.zip"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "netscan", "sample", "--persona", args.persona,
             "--connections", str(args.connections), "--messages", str(args.messages),
             "-o", str(out)],
            check=True,
        )
        wall = time.perf_counter() - started
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_kib, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
        size = out.stat().st_size
    # CPU time is printed too: on a shared, loaded machine it is steadier than wall time
    print(f"{'connections':<14}{'messages':>12}{'wall s':>10}{'CPU s':>8}{'peak RSS MiB':>15}"
          f"{'zip MiB':>10}")
    print(f"{args.connections:<14,}{args.messages:>12,}{wall:>10.1f}{cpu:>8.1f}"
          f"{peak_kib / 1024:>15.0f}{size / 2**20:>10.1f}")


if __name__ == "__main__":
    main()
