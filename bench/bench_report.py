"""How long the report takes to render and to open, and how big it is (issue 6; SPEC §7).

    python bench/bench_report.py [EXPORT ...]     # default: the four bundled personas

For each export: the analysis once, then `render_report` timed (median of 3), the file size, and
in headless Chromium (Debian's /usr/bin/chromium) the time from navigation to the load event and
to every chart being drawn (median of 3 fresh pages). Prints a table; no pass/fail.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from netscan.pipeline import analyze
from netscan.report import render_report

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def _open_times(path: Path) -> tuple[float, float]:
    loads, draws = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            loads.append(time.perf_counter() - start)
            page.wait_for_function(
                "document.querySelectorAll('.js-plotly-plot .main-svg').length >= "
                "document.querySelectorAll('.chart-body').length",
                timeout=60_000,
            )
            draws.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return statistics.median(loads), statistics.median(draws)


def main() -> None:
    exports = [Path(a) for a in sys.argv[1:]] or sorted((ROOT / "sample_exports").glob("*.zip"))
    print(f"{'export':<16} {'contacts':>8} {'render s':>9} {'size MB':>8} {'load s':>7} "
          f"{'charts s':>9}")
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
            load, drawn = _open_times(path)
            print(f"{export.stem:<16} {analysis.ties.height:>8} {statistics.median(times):>9.2f} "
                  f"{path.stat().st_size / 1e6:>8.2f} {load:>7.2f} {drawn:>9.2f}")


if __name__ == "__main__":
    main()
