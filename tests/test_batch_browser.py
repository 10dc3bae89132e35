"""The team folder in real headless Chromium: every page loads plotly.js from the folder itself,
with no request outside it, no console error and no accessibility violation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_report_browser import ARGS, AXE, CHROMIUM, _require

from netscan.batch import run_batch

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_team_folder_in_chromium(team_exports: Path, tmp_path: Path, lang: str) -> None:
    _require()
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="!!! BROWSER TEST SKIPPED: playwright not installed")
    inputs = tmp_path / "inputs"
    shutil.copytree(team_exports, inputs)
    (inputs / "broken.zip").write_bytes(b"not a zip <script>alert(1)</script>")
    out = run_batch([inputs], tmp_path / "out", jobs=1, targets=["Brightwater Onderwijs"],
                    lang=lang).out_dir
    folder = out.resolve().as_uri()
    pages = [out / "index.html", *sorted(out.glob("members/*/report.html"))[:1]]
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            # In Dutch the team page (longer words) at both widths; the member report is
            # tests/test_report_browser.py's.
            shown = [(pages[0], 1280), (pages[0], 390)]
            for path, width in shown + ([(pages[1], 1280)] if lang == "en" else []):
                page = browser.new_page(viewport={"width": width, "height": 900})
                errors: list[str] = []
                requests: list[str] = []
                page.on("console", lambda m, e=errors: e.append(m.text)
                        if m.type in ("error", "warning") else None)
                page.on("pageerror", lambda exc, e=errors: e.append(str(exc)))
                page.on("request", lambda r, q=requests: q.append(r.url))
                page.goto(path.resolve().as_uri(), wait_until="load")
                boxes = page.locator(".netscan-chart")
                for index in range(boxes.count()):
                    box = boxes.nth(index)
                    box.scroll_into_view_if_needed()
                    box.locator(".main-svg").first.wait_for(timeout=10_000)
                drawn = page.locator(".netscan-chart .main-svg").count()
                expected = boxes.count()
                page.evaluate(AXE.read_text(encoding="utf-8"))
                violations = page.evaluate(
                    "async () => (await axe.run(document)).violations"
                    ".map(v => v.id + ': ' + v.nodes.length + ' ' + v.help)")
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth")
                text = page.locator("body").inner_text()
                page.close()
                name = f"{path.name}@{width}"
                assert errors == [], (name, errors)
                assert requests and all(r.startswith(folder + "/") for r in requests), requests
                assert any(r.endswith("/plotly.min.js") for r in requests), (name, requests)
                assert drawn >= expected >= 1, (name, drawn, expected)
                assert violations == [], (name, violations)
                assert overflow <= 0, f"{name}: page scrolls sideways by {overflow}px"
                if path.name == "index.html":
                    assert "broken.zip" in text and "Brightwater Onderwijs" in text
        finally:
            browser.close()
