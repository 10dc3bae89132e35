"""How long a report takes to open in headless Chromium (Debian's /usr/bin/chromium).

Shared by `bench_report.py` and `bench_stages.py`. Three times per page, median of 3 fresh pages
at 1280×900:

- load: navigation to the load event;
- open: navigation to the last chart of the first screen drawn — what a reader waits for;
- all charts: after opening, scrolling to each remaining chart until every one is drawn (charts
  below the fold are drawn when they come near the viewport, so this is their total draw cost).

The report's CSP forbids eval, which Playwright's string predicates need, so the page runs with
`bypass_csp`; the timing of the report's own scripts is unaffected.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CHROMIUM = Path("/usr/bin/chromium")

_CHARTS = "[...document.querySelectorAll('.netscan-chart')]"
_FIRST_SCREEN_DRAWN = f"""() => {_CHARTS}
  .filter(b => b.getBoundingClientRect().top < window.innerHeight)
  .every(b => b.querySelector('.main-svg'))"""
_ALL_DRAWN = f"() => {_CHARTS}.every(b => b.querySelector('.main-svg'))"
_SCROLL_TO_NEXT = f"""() => {{
  const next = {_CHARTS}.find(b => !b.querySelector('.main-svg'));
  if (next) {{ next.scrollIntoView(); }}
}}"""


def open_times(path: Path, pages: int = 3) -> tuple[float, float, float]:
    """(load, open, all charts) in seconds, each the median over `pages` fresh pages."""
    from playwright.sync_api import sync_playwright

    loads, opens, alls = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
        for _ in range(pages):
            page = context.new_page()
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            loads.append(time.perf_counter() - start)
            page.wait_for_function(_FIRST_SCREEN_DRAWN, timeout=60_000, polling=10)
            opens.append(time.perf_counter() - start)
            deadline = time.perf_counter() + 60
            while not page.evaluate(_ALL_DRAWN) and time.perf_counter() < deadline:
                page.evaluate(_SCROLL_TO_NEXT)
                page.wait_for_timeout(10)
            alls.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return statistics.median(loads), statistics.median(opens), statistics.median(alls)


def available() -> str:
    """'' when the browser measurement can run, else why not."""
    if not CHROMIUM.exists():
        return "no /usr/bin/chromium (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    return ""
