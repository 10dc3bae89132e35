"""Time load_exports on a large export against plain polars read_csv of the same files.

Usage: python bench/bench_ingest.py [EXPORT.zip] [--connections N] [--messages M]
Without EXPORT it synthesises a zip (30,000 connections, 1,000,000 messages by default) in a
temporary folder. Prints seconds for each step and the peak RSS of this process.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import polars as pl

from netscan.ingest import load_exports


def _synthesise(path: Path, connections: int, messages: int) -> None:
    rng = random.Random(1)
    slugs = [f"person-{i:06d}" for i in range(connections)]
    owner = "https://www.linkedin.com/in/owner-0"
    con = pl.DataFrame(
        {
            "First Name": [f"First{i}" for i in range(connections)],
            "Last Name": [f"Last{i}" for i in range(connections)],
            "URL": [f"https://www.linkedin.com/in/{s}" for s in slugs],
            "Email Address": [None] * connections,
            "Company": [f"Company {i % 900}" for i in range(connections)],
            "Position": [f"Role {i % 50}" for i in range(connections)],
            "Connected On": [f"{1 + i % 28:02d} Mar 20{10 + i % 16}" for i in range(connections)],
        }
    )
    peers = [rng.randrange(connections) for _ in range(messages)]
    out = [rng.random() < 0.5 for _ in range(messages)]
    urls = [f"https://www.linkedin.com/in/{slugs[p]}" for p in peers]
    names = [f"First{p} Last{p}" for p in peers]
    msg = pl.DataFrame(
        {
            "CONVERSATION ID": [f"2-{p:08d}==" for p in peers],
            "CONVERSATION TITLE": [None] * messages,
            "FROM": ["Owner Zero" if o else n for o, n in zip(out, names, strict=True)],
            "SENDER PROFILE URL": [owner if o else u for o, u in zip(out, urls, strict=True)],
            "TO": [n if o else "Owner Zero" for o, n in zip(out, names, strict=True)],
            "RECIPIENT PROFILE URLS": [u if o else owner for o, u in zip(out, urls, strict=True)],
            "DATE": [
                f"20{15 + i % 11}-{1 + i % 12:02d}-{1 + i % 28:02d} 10:{i % 60:02d}:00 UTC"
                for i in range(messages)
            ],
            "SUBJECT": [None] * messages,
            "CONTENT": [
                "<p>Hello there &amp; thanks, " + "x" * rng.randrange(20, 600) + "</p>"
                for _ in range(messages)
            ],
            "FOLDER": ["INBOX"] * messages,
        }
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("Connections.csv", con.write_csv())
        archive.writestr("messages.csv", msg.write_csv())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("export", nargs="?", type=Path)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.export
        if path is None:
            path = Path(folder) / "big.zip"
            started = time.perf_counter()
            _synthesise(path, args.connections, args.messages)
            print(f"synthesised {path.stat().st_size / 1e6:.0f} MB zip in "
                  f"{time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.lower().endswith(("connections.csv", "messages.csv")):
                    pl.read_csv(archive.read(info), infer_schema=False, truncate_ragged_lines=True)
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        export = load_exports([path])
        ours = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"polars read_csv (zip read + parse) : {baseline:6.2f} s")
    print(f"netscan load_exports               : {ours:6.2f} s  ({ours / baseline:.2f}x)")
    print(f"contacts {export.contacts.height:,}  events {export.events.height:,}")
    print(f"peak RSS {peak:,.0f} MB (whole process, incl. synthesis)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
