"""Peak memory and time of `netscan inspect` on tiny hostile inputs (issue 12, items 11 and 13).

    python bench/bench_hostile.py
    PYTHONPATH=/path/to/older/checkout python bench/bench_hostile.py   # the same, older code

Builds, in a temporary folder: a 48 KB zip whose Connections.csv is a real header followed by
50 million blank lines; the same shape as a plain 20 MB CSV (20 million blank lines); and a
518 KB zip of 5,000 empty entries beside a real Connections.csv; and runs /dev/zero. Each runs
through `netscan inspect` in a fresh subprocess under a 4 GB address-space limit and a 300 s
timeout (so a regression cannot take the machine down); prints wall time, peak RSS, exit code
and the first line of output. Numbers, not pass/fail.
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
try:
    done = subprocess.run(sys.argv[2:], capture_output=True, preexec_fn=cap, timeout=300)
    code, text = done.returncode, (done.stderr or done.stdout).decode(errors="replace")
except subprocess.TimeoutExpired:
    code, text = "timeout", ""
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
last = text.strip().splitlines()[:1]
print(f"{elapsed:.2f}\\t{peak / 1024:.0f}\\t{code}\\t{last[0][:90] if last else ''}")
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
            "blank-lines CSV": Path(folder) / "Connections.csv",
            "5,000 empty entries": Path(folder) / "entries.zip",
            "/dev/zero": Path("/dev/zero"),
        }
        blank_lines_zip(cases["blank-lines zip"])
        cases["blank-lines CSV"].write_bytes(HEADER + ROW + b"\n" * 20_000_000)
        empty_entries_zip(cases["5,000 empty entries"])
        print("case\tinput KB\tseconds\tpeak MB\texit\tfirst line")
        for name, path in cases.items():
            command = [sys.executable, "-m", "netscan", "inspect", str(path)]
            out = subprocess.run(
                [sys.executable, "-c", _WRAPPER, str(LIMIT_BYTES), *command],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            size = path.stat().st_size if path.is_file() else 0
            print(f"{name}\t{size / 1024:.0f}\t{out}")


if __name__ == "__main__":
    main()
