"""Two separate `netscan analyze` processes on one bundled persona write the same bytes.

An in-process test shares one interpreter (one string-hash seed, one set of warmed caches, one
polars thread pool state), so it cannot see run-to-run differences such as a grouped float sum
whose order depends on hashing. Here each run is its own process with a different
PYTHONHASHSEED, started at the same time so the two compete for the cores.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "sample_exports"
OUTPUTS = ("report.html", "summary.json", "ties.csv")


def _start(export: Path, out: Path, seed: str) -> subprocess.Popen[bytes]:
    out.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.Popen(
        [sys.executable, "-m", "netscan", "analyze", str(export),
         "-o", str(out / "report.html"), "--json", str(out / "summary.json"),
         "--ties", str(out / "ties.csv")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_two_processes_write_identical_report_json_and_ties(tmp_path: Path) -> None:
    export = SAMPLES / "bridger.zip"
    runs = [_start(export, tmp_path / f"run{seed}", seed) for seed in ("1", "2")]
    for run in runs:
        stdout, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr.decode("utf-8", "replace")
        assert stdout.startswith(b"Wrote ")
    for name in OUTPUTS:
        first = (tmp_path / "run1" / name).read_bytes()
        second = (tmp_path / "run2" / name).read_bytes()
        assert len(first) > 1000, name
        assert first == second, name
