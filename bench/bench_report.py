"""How long the report takes to render and to open, and how big it is (issue 6; SPEC §7).

    python bench/bench_report.py [EXPORT ...]     # default: the four bundled personas

For each export: the analysis once, then `render_report` timed (median of 3), the file size, and
in headless Chromium the time to the load event, to the first screen's charts drawn ("open"), and
to every chart drawn while scrolling through (see `report_open.py`). Prints a table; no pass/fail.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from report_open import available, open_times

from netscan.pipeline import analyze
from netscan.report import render_report

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    exports = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / "sample_exports").glob("*.zip"))
    missing = available()
    if missing:
        print(f"(no browser timings: {missing})")
    print(f"{'export':<16} {'contacts':>8} {'render s':>9} {'size MB':>8} {'load s':>7} "
          f"{'open s':>7} {'all charts s':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for export in exports:
            analysis = analyze([export])
            times = []
            for _ in range(3):
                start = time.perf_counter()
                html = render_report(analysis)
                times.append(time.perf_counter() - start)
            path = Path(tmp) / f"{export.stem}.html"
            path.write_text(html, encoding="utf-8")
            load, opened, drawn = open_times(path) if not missing else (0.0, 0.0, 0.0)
            print(f"{export.stem:<16} {analysis.ties.height:>8} {statistics.median(times):>9.2f} "
                  f"{path.stat().st_size / 1e6:>8.2f} {load:>7.2f} {opened:>7.2f} {drawn:>13.2f}")
    print("targets: size < 2 MB, open < 1.5 s")


if __name__ == "__main__":
    main()
