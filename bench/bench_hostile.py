"""Peak memory and time of `netscan inspect` on tiny hostile inputs (issue 12, items 11 and 13).

    python bench/bench_hostile.py

Builds, in a temporary folder: a ~50 KB zip whose Connections.csv is a real header followed by
tens of millions of blank lines, and a ~600 KB zip of 5,000 empty entries beside a real
Connections.csv. Each is run through `netscan inspect` in a fresh subprocess under an address-space
limit (so a regression cannot take the machine down); prints wall time, peak RSS and exit code.
Numbers, not pass/fail.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
ROW = b"Ada,Vonk,https://www.linkedin.com/in/ada-vonk,,Kade BV,Engineer,01 May 2025\n"
LIMIT_BYTES = 4 * 1024**3

_WRAPPER = """
import resource, subprocess, sys, time
limit = int(sys.argv[1])
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
start = time.perf_counter()
done = subprocess.run(sys.argv[2:], capture_output=True, preexec_fn=cap)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
last = (done.stderr or done.stdout).decode(errors="replace").strip().splitlines()[:1]
print(f"{elapsed:.2f}\\t{peak / 1024:.0f}\\t{done.returncode}\\t{last[0][:90] if last else ''}")
"""


def blank_lines_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("Connections.csv", HEADER + ROW + b"\n" * 50_000_000)


def empty_entries_zip(path: Path, count: int = 5000) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", HEADER + ROW)
        for number in range(count):
            archive.writestr(f"junk/{number:05d}.txt", b"")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        cases = {
            "blank-lines zip": Path(folder) / "blank.zip",
            "5,000 empty entries": Path(folder) / "entries.zip",
        }
        blank_lines_zip(cases["blank-lines zip"])
        empty_entries_zip(cases["5,000 empty entries"])
        print("case\tzip KB\tseconds\tpeak MB\texit\tfirst line")
        for name, path in cases.items():
            command = [sys.executable, "-m", "netscan", "inspect", str(path)]
            out = subprocess.run(
                [sys.executable, "-c", _WRAPPER, str(LIMIT_BYTES), *command],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            print(f"{name}\t{path.stat().st_size / 1024:.0f}\t{out}")


if __name__ == "__main__":
    main()
