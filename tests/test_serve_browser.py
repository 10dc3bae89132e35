"""The upload page in real headless Chromium against a real `netscan serve` (uvicorn) process.

Attach the bundled sample, tick a goal, submit, see the report's verdict heading: with
JavaScript (upload progress, report in the page, download = the CLI's bytes), without it (a
plain form post answered by the report page), four uploads at once, and the page axe-clean at
desktop and phone widths. Skips loudly when Chromium, playwright or axe-core is missing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from serve_helpers import BRIDGER, ROOT

from netscan.cli import cli

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
TIMEOUT_MS = 30_000

pytestmark = pytest.mark.browser


def _require() -> Any:
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip(f"!!! BROWSER TEST SKIPPED: Chromium not found at {CHROMIUM} "
                    "(install Debian's chromium, as .ci/run does)")
    if not AXE.is_file():
        pytest.skip(f"!!! BROWSER TEST SKIPPED: axe-core missing at {AXE} "
                    "(run: npm install --prefix .ci/node axe-core@4)")
    return pytest.importorskip("playwright.sync_api",
                               reason="!!! BROWSER TEST SKIPPED: playwright not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _serving(uploads: Path, *options: str, log: list[str] | None = None) -> Iterator[str]:
    """`netscan serve` as a user starts it, in a subprocess on a free port; stopped by Ctrl-C."""
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(uploads), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "netscan", "serve", "--port", str(port), *options],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(url, timeout=1) as answer:
                    assert answer.status == 200
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"server did not start: {process.stdout}") from None
                time.sleep(0.1)
        yield url
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            output, _ = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
    if log is not None:
        log.extend(output.splitlines())
    # Ctrl-C stops it cleanly, and the log named no file.
    assert process.returncode == 0, output
    assert "stopped" in output and "bridger" not in output and "Traceback" not in output


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    uploads = tmp_path_factory.mktemp("uploads")
    with _serving(uploads) as url:
        yield url, uploads


@pytest.fixture(scope="module")
def cli_report(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("cli")
    shutil.copy(BRIDGER, folder / "bridger.zip")
    out = folder / "report.html"
    result = CliRunner().invoke(cli, ["analyze", str(folder / "bridger.zip"), "-g", "job",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _watch(page: Any, origin: str) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda r: None if r.url.startswith((origin, "blob:", "data:"))
            else foreign.append(r.url))
    return errors, foreign


def _fill(page: Any, url: str) -> None:
    page.goto(url, wait_until="load")
    page.set_input_files("#person-files", str(BRIDGER))
    page.check("#person-goal-job")


def test_with_javascript_the_report_shows_in_the_page_and_downloads_the_clis_bytes(
    server: tuple[str, Path], cli_report: bytes, tmp_path: Path
) -> None:
    sync_api = _require()
    url, uploads = server
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
            page.set_default_timeout(TIMEOUT_MS)
            errors, foreign = _watch(page, url.rstrip("/"))
            _fill(page, url)
            assert "bridger.zip" in page.locator("#person-chosen").inner_text()
            page.click("button[type=submit]")
            page.locator("#result").wait_for(state="visible")
            frame = page.frame_locator("#report-frame")
            heading = frame.locator("#verdicts-title")
            heading.wait_for()
            assert heading.inner_text() == "Your goals"
            assert frame.locator("#goal-job").count() == 1
            # Profile links open in a new tab (inside the frame they would be blocked).
            frame.locator('a[href^="https://"][target="_blank"]').first.wait_for(state="attached")
            assert frame.locator('a[href^="https://"]:not([target="_blank"])').count() == 0
            with page.expect_download() as info:
                page.click("#download")
            download = info.value
            saved = tmp_path / download.suggested_filename
            download.save_as(saved)
            assert download.suggested_filename == "netscan-report.html"
            assert saved.read_bytes() == cli_report
            # A section link inside the shown report stays inside it.
            frame.locator('nav a[href="#verdicts"]').click()
            assert page.locator("#result").is_visible()
            page.click("#again")
            page.locator("#analyse-form").wait_for(state="visible")
        finally:
            browser.close()
    assert errors == [], errors
    assert foreign == []
    assert list(uploads.iterdir()) == []


def test_without_javascript_the_form_posts_and_the_answer_is_the_report(
    server: tuple[str, Path],
) -> None:
    sync_api = _require()
    url, uploads = server
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(java_script_enabled=False)
            page = context.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            _fill(page, url)
            with page.expect_navigation():
                page.click("button[type=submit]")
            assert page.locator("#verdicts-title").inner_text() == "Your goals"
            assert page.locator("#goal-job").count() == 1
            # A file that is not an export: the CLI's message and a way back, no traceback.
            page.goto(url)
            notes = {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello world"}
            page.set_input_files("#person-files", files=[notes])
            with page.expect_navigation():
                page.click("button[type=submit]")
            assert "Error: notes.txt" in page.locator(".message-text").inner_text()
            page.click("text=Back to the upload page")
            assert page.locator("#analyse-form").is_visible()
        finally:
            browser.close()
    assert list(uploads.iterdir()) == []


def _four_at_once(url: str, sync_api: Any) -> list[str]:
    """Submit four pages before waiting for any; each one's report title once shown."""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            pages = [browser.new_page() for _ in range(4)]
            for page in pages:
                page.set_default_timeout(60_000)
                _fill(page, url)
            for page in pages:
                page.click("button[type=submit]")
            titles = []
            for page in pages:
                heading = page.frame_locator("#report-frame").locator("#verdicts-title")
                heading.wait_for()
                titles.append(heading.inner_text())
            return titles
        finally:
            browser.close()


def test_four_uploads_at_once_are_all_answered(server: tuple[str, Path]) -> None:
    sync_api = _require()
    url, uploads = server
    assert _four_at_once(url, sync_api) == ["Your goals"] * 4
    assert list(uploads.iterdir()) == []


def test_a_busy_server_says_so_and_the_page_retries_by_itself(tmp_path: Path) -> None:
    """One analysis at a time and one waiting: two of four uploads get 503 + Retry-After, and
    the page sends them again until every one has its report."""
    sync_api = _require()
    log: list[str] = []
    with _serving(tmp_path, "--jobs", "1", log=log) as url:
        assert _four_at_once(url, sync_api) == ["Your goals"] * 4
    statuses = [line.split()[3] for line in log if " POST /analyze " in line]
    assert statuses.count("200") == 4 and "503" in statuses, log
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_is_axe_clean_and_fits_a_phone(server: tuple[str, Path], width: int) -> None:
    sync_api = _require()
    url, _ = server
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.set_default_timeout(TIMEOUT_MS)
            errors, foreign = _watch(page, url.rstrip("/"))
            page.goto(url, wait_until="load")
            page.evaluate(AXE.read_text(encoding="utf-8"))  # via DevTools, not the page's CSP
            violations = page.evaluate(
                "async () => (await axe.run(document)).violations"
                ".map(v => v.id + ': ' + v.nodes.length + ' ' + v.help)")
            # The Dutch page (language links, the report-language select) as well.
            page.goto(url + "?lang=nl", wait_until="load")
            page.evaluate(AXE.read_text(encoding="utf-8"))
            violations += page.evaluate(
                "async () => (await axe.run(document)).violations"
                ".map(v => 'nl ' + v.id + ': ' + v.nodes.length + ' ' + v.help)")
            dutch_overflow = page.evaluate(
                "document.documentElement.scrollWidth - window.innerWidth")
            # A message page (here the 404) too; its status is the one console error expected.
            page_errors = list(errors)
            page.goto(url + "no-such-page", wait_until="load")
            page.evaluate(AXE.read_text(encoding="utf-8"))
            violations += page.evaluate(
                "async () => (await axe.run(document)).violations"
                ".map(v => 'message page ' + v.id + ': ' + v.help)")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        finally:
            browser.close()
    assert violations == []
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"
    assert dutch_overflow <= 0, f"the Dutch page scrolls sideways by {dutch_overflow}px"
    assert page_errors == [] and foreign == []
