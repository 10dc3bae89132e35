"""The report in real headless Chromium: no console errors, no network, charts drawn, axe clean.

Skips loudly (never passes silently) when Chromium, playwright or axe-core is missing; `.ci/run`
installs Chromium from Debian and axe-core from npm into `.ci/node`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from report_fixture import make_analysis

from netscan.pipeline import analyze
from netscan.report import write_report
from netscan.report.context import AnalysisLike

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

pytestmark = pytest.mark.browser


def _require() -> None:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip(f"!!! BROWSER TEST SKIPPED: Chromium not found at {CHROMIUM} "
                    "(install Debian's chromium, as .ci/run does)")
    if not AXE.is_file():
        pytest.skip(f"!!! BROWSER TEST SKIPPED: axe-core missing at {AXE} "
                    "(run: npm install --prefix .ci/node axe-core@4)")


def _analysis(variant: str) -> AnalysisLike:
    if variant in ("bridger", "bridger-nl"):
        # The real product: the bundled persona through the whole pipeline (also in Dutch).
        return analyze([ROOT / "sample_exports" / "bridger.zip"],
                       lang="nl" if variant == "bridger-nl" else "en")
    return make_analysis(hostile=variant == "hostile", basic=variant == "basic", n=150)


@pytest.mark.parametrize("variant", ["full", "hostile", "basic", "bridger", "bridger-nl"])
def test_report_in_chromium(variant: str, tmp_path: Path) -> None:
    _require()
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="!!! BROWSER TEST SKIPPED: playwright not installed")
    analysis = _analysis(variant)
    path = write_report(analysis, tmp_path / f"report-{variant}.html")
    url = path.as_uri()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            results = []
            # Phone width once (layout), desktop for every variant (escaping, missing data).
            sizes = (("desktop", 1280), ("phone", 390)) if variant in ("full", "bridger") else (
                ("desktop", 1280),)
            for name, width in sizes:
                page = browser.new_page(viewport={"width": width, "height": 900})
                errors: list[str] = []
                requests: list[str] = []
                page.on("console", lambda m, e=errors: e.append(m.text)
                        if m.type in ("error", "warning") else None)
                page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
                page.on("request", lambda r, q=requests: q.append(r.url))
                page.goto(url, wait_until="load")
                # Charts are drawn as they scroll into view: visit each, as a reader would.
                # (Selectors, not wait_for_function: the page's CSP rightly forbids eval.)
                boxes = page.locator(".netscan-chart")
                for index in range(boxes.count()):
                    box = boxes.nth(index)
                    box.scroll_into_view_if_needed()
                    box.locator(".main-svg").first.wait_for(timeout=10_000)
                drawn = page.locator(".netscan-chart .main-svg").count()
                expected = page.locator(".chart-body").count()
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"report-{variant}-{name}.png"),
                                full_page=True)
                # Injected through the DevTools protocol, not a <script> tag the page's CSP
                # (correctly) refuses.
                page.evaluate(AXE.read_text(encoding="utf-8"))
                violations = page.evaluate(
                    "async () => (await axe.run(document)).violations"
                    ".map(v => v.id + ': ' + v.nodes.length + ' ' + v.help)")
                # With every expander open ("show all", "how this was computed"), a wide
                # table must scroll inside its card, never widen the page.
                page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth")
                results.append((name, errors, requests, drawn, expected, violations, overflow))
                page.close()
        finally:
            browser.close()
    for name, errors, requests, drawn, expected, violations, overflow in results:
        assert errors == [], (name, errors)
        assert requests == [url], (name, requests)
        assert expected >= 8 and drawn >= expected, (name, drawn, expected)
        assert violations == [], (name, violations)
        assert overflow <= 0, f"{name}: page scrolls sideways by {overflow}px"
