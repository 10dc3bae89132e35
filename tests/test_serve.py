"""`netscan serve` in process: routes, guard, byte cap, errors, cleanup, concurrency, command."""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from serve_helpers import BASE, BRIDGER, multipart, run_asgi, settings
from starlette.testclient import TestClient

from netscan.cli import cli
from netscan.web import app as web_app
from netscan.web import work
from netscan.web.app import create_app
from netscan.web.guard import host_allowed, host_name
from netscan.web.settings import ServeSettings
from netscan.web.upload import Upload, safe_name

FORM = "/analyze?form_token=form-secret-for-tests"


@pytest.fixture
def uploads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the private upload folders at an empty folder we can inspect afterwards."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def client(uploads: Path) -> Iterator[TestClient]:
    with TestClient(create_app(settings()), base_url=BASE) as c:
        yield c


def _post(client: TestClient, files: list[tuple[str, bytes]], **fields: Any) -> Any:
    return client.post(
        FORM,
        files=[("export", (name, data, "application/octet-stream")) for name, data in files],
        data=fields,
    )


def _security_headers(response: Any) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in response.headers["content-security-policy"]


# --- routes -------------------------------------------------------------------------------


def test_the_page_offers_files_every_goal_targets_and_anonymise(client: TestClient) -> None:
    from netscan.diagnosis.catalogue import GOALS

    page = client.get("/")
    assert page.status_code == 200
    _security_headers(page)
    html = page.text
    assert 'enctype="multipart/form-data"' in html
    assert 'action="/analyze?form_token=form-secret-for-tests"' in html
    assert re.search(r'<input type="file" id="person-files" name="export" multiple', html)
    boxes = re.findall(r'id="person-goal-([a-z-]+)" name="goal"', html)
    assert boxes == [goal.id for goal in GOALS]
    assert 'name="targets"' in html and 'name="anonymize"' in html
    assert html.count('type="submit"') == (2 if web_app.team_available() else 1)
    # Its one inline script is allowed by hash, and nothing else is.
    script = re.search(r"<script>(.*?)</script>", html, re.S)
    assert script is not None
    from netscan.report.plotlyjs import script_hash

    assert script_hash(script.group(1)) in page.headers["content-security-policy"]


def test_unknown_paths_and_methods_get_readable_pages(client: TestClient) -> None:
    missing = client.get("/etc/passwd")
    assert missing.status_code == 404 and "Page not found" in missing.text
    _security_headers(missing)
    wrong = client.get("/analyze")
    assert wrong.status_code == 405 and "upload page" in wrong.text


def test_a_sample_export_gets_exactly_the_command_lines_report(
    client: TestClient, uploads: Path, tmp_path: Path
) -> None:
    data = BRIDGER.read_bytes()
    response = _post(
        client, [("bridger.zip", data)], goal=["job", "ideas"],
        targets="Kestrel Analytics\n\n  Northwind  \n",
    )
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    _security_headers(response)
    # The CLI, on a file of the same name elsewhere, with the same options.
    folder = tmp_path / "cli"
    folder.mkdir()
    shutil.copy(BRIDGER, folder / "bridger.zip")
    out = folder / "report.html"
    result = CliRunner().invoke(cli, [
        "analyze", str(folder / "bridger.zip"), "-g", "job", "-g", "ideas",
        "-t", "Kestrel Analytics", "-t", "Northwind", "-o", str(out),
    ])
    assert result.exit_code == 0, result.output
    assert response.content == out.read_bytes()
    # The response's CSP allows the report's own scripts (they are inline, by hash).
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', response.text)
    assert meta is not None
    for source in re.findall(r"'sha256-[^']+'", meta.group(1)):
        assert source in response.headers["content-security-policy"]
    assert list(uploads.iterdir()) == []


def test_anonymise_hides_every_name(client: TestClient) -> None:
    response = _post(client, [("bridger.zip", BRIDGER.read_bytes())], anonymize="1")
    assert response.status_code == 200
    assert "anonymised" in response.text
    import zipfile

    with zipfile.ZipFile(BRIDGER) as archive:
        name = next(n for n in archive.namelist() if n.endswith("Connections.csv"))
        lines = archive.read(name).decode("utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("First Name"))
    first, last = lines[header + 1].split(",")[:2]
    assert f"{first} {last}" not in response.text


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("notes.txt", b"hello world", "Error: notes.txt"),
        ("broken.zip", b"PK\x03\x04 not really a zip", "Error: broken.zip"),
        ("empty.csv", b"", "Error: empty.csv"),
    ],
)
def test_a_file_that_is_not_an_export_gets_a_readable_422(
    client: TestClient, uploads: Path, name: str, data: bytes, expected: str
) -> None:
    response = _post(client, [(name, data)])
    assert response.status_code == 422
    _security_headers(response)
    assert expected in response.text
    assert 'href="/"' in response.text  # a way back
    assert "Traceback" not in response.text and str(uploads) not in response.text
    assert "netscan-upload-" not in response.text
    assert list(uploads.iterdir()) == []


def test_the_422_message_is_the_command_lines_message(client: TestClient, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello world")
    cwd = os.getcwd()
    os.chdir(tmp_path)  # the CLI names the file as given: run it beside the file
    try:
        cli_result = CliRunner().invoke(cli, ["analyze", "notes.txt", "-o", "r.html"])
    finally:
        os.chdir(cwd)
    assert cli_result.exit_code == 1
    message = cli_result.output.split("Error: ", 1)[1].splitlines()[0]
    response = _post(client, [("notes.txt", b"hello world")])
    assert f"Error: {message}" in response.text.replace("&#39;", "'").replace("&#34;", '"')


def test_an_unknown_goal_and_no_file_get_422(client: TestClient) -> None:
    bad_goal = _post(client, [("bridger.zip", BRIDGER.read_bytes())], goal="world-peace")
    assert bad_goal.status_code == 422 and "world-peace" in bad_goal.text
    body, content_type = multipart(files=[("", b"")], fields=[("goal", "job")])
    nothing = client.post(FORM, content=body, headers={"content-type": content_type})
    assert nothing.status_code == 422 and "No file was sent" in nothing.text


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data; boundary=abc", b"--abc\r\nthis is not a part header"),
        ("multipart/form-data", b"no boundary at all"),
        ("application/x-www-form-urlencoded", b"export=1"),
        ("text/plain", b"\x00\xff" * 50),
        ("multipart/form-data; boundary=abc", b"--abc\r\nContent-Disposition: form-data; "
         b'name="export"; filename="../../etc/passwd"\r\n\r\nroot:x:0:0\r\n--abc--\r\n'),
    ],
)
def test_whatever_is_posted_there_is_never_a_traceback(
    client: TestClient, uploads: Path, content_type: str, body: bytes
) -> None:
    response = client.post(FORM, content=body, headers={"content-type": content_type})
    assert response.status_code in (400, 422)
    assert "Traceback" not in response.text and "netscan-upload-" not in response.text
    assert list(uploads.iterdir()) == []


def test_an_unexpected_crash_gets_a_500_page_without_details(
    uploads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(upload: Upload, lang: str) -> bytes:
        raise RuntimeError(f"secret detail {upload.folder}")

    monkeypatch.setattr(web_app, "person_report", explode)
    with TestClient(create_app(settings()), base_url=BASE, raise_server_exceptions=False) as c:
        response = _post(c, [("bridger.zip", b"x")])
    assert response.status_code == 500
    _security_headers(response)
    assert "Something went wrong" in response.text
    assert "secret detail" not in response.text and "RuntimeError" not in response.text
    assert list(uploads.iterdir()) == []


def test_file_names_are_sanitised_and_kept_unique() -> None:
    taken: set[str] = set()
    assert safe_name("../../etc/passwd", taken) == "passwd"
    assert safe_name(r"C:\Users\me\export.zip", taken) == "export.zip"
    assert safe_name("export.zip", taken) == "2-export.zip"
    assert safe_name("..", taken) == "upload"
    assert safe_name("Basic_LinkedInDataExport_11-27-2026.zip", taken) == (
        "Basic_LinkedInDataExport_11-27-2026.zip")
    assert safe_name("a\x00b<script>.csv", taken) == "a_b_script_.csv"


# --- the byte cap -------------------------------------------------------------------------

CAP = 64 * 1024


def test_an_announced_body_over_the_cap_is_refused_before_reading(uploads: Path) -> None:
    with TestClient(create_app(settings(max_upload_bytes=CAP)), base_url=BASE) as c:
        response = _post(c, [("big.zip", b"x" * (CAP + 1))])
    assert response.status_code == 413
    assert "larger than this server accepts" in response.text
    _security_headers(response)
    assert list(uploads.iterdir()) == []


def test_a_chunked_body_over_the_cap_is_refused_while_streaming(uploads: Path) -> None:
    chunk = 16 * 1024
    body, _ = multipart(files=[("big.zip", b"x" * (200 * chunk))])
    chunks = [body[i : i + chunk] for i in range(0, len(body), chunk)]
    status, page, pulled = run_asgi(create_app(settings(max_upload_bytes=CAP)), chunks)
    assert status == 413 and b"larger than this server accepts" in page
    # The server stopped reading one chunk past the cap, not at the end of 3 MB.
    assert pulled == CAP // chunk + 1 < len(chunks)
    assert list(uploads.iterdir()) == []


def test_a_chunked_body_over_the_cap_via_the_test_client(uploads: Path) -> None:
    produced = []

    def body() -> Iterator[bytes]:
        data, _ = multipart(files=[("big.zip", b"y" * (100 * 8192))])
        for i in range(0, len(data), 8192):
            produced.append(i)
            yield data[i : i + 8192]

    _, content_type = multipart()
    with TestClient(create_app(settings(max_upload_bytes=CAP)), base_url=BASE) as c:
        response = c.post(FORM, content=body(), headers={"content-type": content_type})
    assert response.status_code == 413
    assert list(uploads.iterdir()) == []


def test_a_body_exactly_at_the_cap_is_read(uploads: Path) -> None:
    body, content_type = multipart(files=[("notes.txt", b"hello world")])
    app = create_app(settings(max_upload_bytes=len(body)))
    with TestClient(app, base_url=BASE) as c:
        response = c.post(FORM, content=body, headers={"content-type": content_type})
    assert response.status_code == 422  # read in full and judged: not an export
    app_small = create_app(settings(max_upload_bytes=len(body) - 1))
    with TestClient(app_small, base_url=BASE) as c:
        response = c.post(FORM, content=body, headers={"content-type": content_type})
        assert response.status_code == 413
        # A Content-Length that lies (too small) is caught by the count while streaming.
        chunks = [body[:100], body[100:]]
    status, _, _ = run_asgi(app_small, chunks, headers=[(b"content-length", b"10")])
    assert status == 413


def test_too_many_files_is_refused(uploads: Path) -> None:
    with TestClient(create_app(settings(max_files=2)), base_url=BASE) as c:
        response = _post(c, [(f"f{i}.csv", b"a,b\n") for i in range(3)])
    assert response.status_code == 413
    assert list(uploads.iterdir()) == []


# --- cleanup ------------------------------------------------------------------------------


def test_the_upload_folder_is_private_while_it_exists(
    client: TestClient, uploads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}

    def inspect(upload: Upload, lang: str) -> bytes:
        seen["mode"] = stat.S_IMODE(upload.folder.stat().st_mode)
        seen["files"] = [p.name for p in upload.files]
        seen["parent"] = upload.folder.parent
        return b"<p>ok</p>"

    monkeypatch.setattr(web_app, "person_report", inspect)
    response = _post(client, [("bridger.zip", b"zip bytes")])
    assert response.status_code == 200
    assert seen == {"mode": 0o700, "files": ["bridger.zip"], "parent": uploads}
    assert list(uploads.iterdir()) == []


def test_a_client_that_disconnects_mid_upload_leaves_nothing(uploads: Path) -> None:
    body, _ = multipart(files=[("bridger.zip", BRIDGER.read_bytes())])
    chunks = [body[i : i + 8192] for i in range(0, len(body), 8192)]
    status, _, pulled = run_asgi(create_app(settings()), chunks, disconnect_after=3)
    assert pulled == 3
    assert status == 400
    assert list(uploads.iterdir()) == []


def test_many_requests_leave_no_open_files(client: TestClient, uploads: Path) -> None:
    psutil = pytest.importorskip("psutil")
    process = psutil.Process()
    _post(client, [("notes.txt", b"warm up")])
    before = process.num_fds()
    for _ in range(30):
        _post(client, [("notes.txt", b"hello")])
    assert process.num_fds() <= before + 2
    assert list(uploads.iterdir()) == []


# --- Host, token, form token --------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [("127.0.0.1:8765", "127.0.0.1"), ("LOCALHOST", "localhost"), ("[::1]:8765", "::1"),
     ("[::1]", "::1"), ("[::1", ""), ("::1", ""), ("host:port", ""), ("[evil]:80", "")],
)
def test_host_names_are_parsed_like_jupyter(header: str, expected: str) -> None:
    assert host_name(header) == expected


@pytest.mark.parametrize(
    ("header", "allowed"),
    [
        ("127.0.0.1:8765", True), ("localhost:8765", True), ("[::1]:8765", True),
        ("127.0.0.2", True), ("localhost", True),
        ("invalidhost", False), ("127.0.0.1.evil.com", False), ("localhost.evil.com:8765", False),
        ("evil.com:8765", False), ("", False), ("[::1", False), ("10.0.0.5:8765", False),
    ],
)
def test_loopback_answers_only_loopback_names(header: str, allowed: bool) -> None:
    assert host_allowed(header, settings()) is allowed


def test_a_remote_bind_answers_its_own_and_the_allowed_names() -> None:
    remote = settings(host="10.0.0.5", token="t" * 20, allowed_hosts=("coach.local",))
    assert host_allowed("10.0.0.5:8765", remote)
    assert host_allowed("coach.local:8765", remote)
    assert not host_allowed("10.0.0.6:8765", remote)
    everywhere = settings(host="0.0.0.0", token="t" * 20)
    assert host_allowed("192.168.1.20:8765", everywhere)
    assert not host_allowed("attacker.example:8765", everywhere)


@pytest.mark.parametrize("host", ["invalidhost", "127.0.0.1.evil.com:8765", "evil.com"])
def test_a_foreign_host_header_gets_400_before_anything_else(uploads: Path, host: str) -> None:
    with TestClient(create_app(settings()), base_url=BASE) as c:
        page = c.get("/", headers={"host": host})
        post = c.post(FORM, content=b"x", headers={"host": host, "content-type": "text/plain"})
    assert page.status_code == 400 and "--allowed-host" in page.text
    _security_headers(page)
    assert post.status_code == 400
    assert list(uploads.iterdir()) == []


def test_a_remote_server_needs_the_token_then_keeps_it_in_a_cookie(uploads: Path) -> None:
    token = "a-long-test-token-123"
    app = create_app(settings(host="0.0.0.0", token=token))
    with TestClient(app, base_url="http://192.168.1.20:8765") as c:
        assert c.get("/").status_code == 403
        assert c.get("/?token=wrong-token-xxxxxxx").status_code == 403
        refused = c.get("/", headers={"authorization": "token nope"})
        assert refused.status_code == 403 and "token" in refused.text
        _security_headers(refused)
        login = c.get(f"/?token={token}", follow_redirects=False)
        assert login.status_code == 303 and login.headers["location"] == "/"
        cookie = login.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        # The client now holds the cookie: the page and a form post pass the guard.
        assert c.get("/").status_code == 200
        assert _post(c, [("notes.txt", b"hi")]).status_code == 422
        c.cookies.clear()
        assert _post(c, [("notes.txt", b"hi")]).status_code == 403
        header = c.get("/", headers={"authorization": f"Bearer {token}"})
        assert header.status_code == 200
    assert list(uploads.iterdir()) == []


def test_a_remote_bind_without_a_token_is_refused_by_the_settings() -> None:
    with pytest.raises(ValueError, match="needs a token"):
        ServeSettings(host="0.0.0.0")


@pytest.mark.parametrize(
    ("query", "headers", "status"),
    [
        ("", {}, 403),
        ("?form_token=wrong", {}, 403),
        ("?form_token=form-secret-for-tests", {"sec-fetch-site": "cross-site"}, 403),
        ("?form_token=form-secret-for-tests", {"origin": "http://evil.example"}, 403),
        ("?form_token=form-secret-for-tests", {"origin": "null"}, 403),
        ("?form_token=form-secret-for-tests", {"sec-fetch-site": "same-origin"}, 422),
        ("?form_token=form-secret-for-tests", {"origin": BASE}, 422),
        ("?form_token=form-secret-for-tests", {}, 422),  # curl: neither header
    ],
)
def test_posts_need_the_form_token_and_the_same_origin(
    client: TestClient, uploads: Path, query: str, headers: dict[str, str], status: int
) -> None:
    body, content_type = multipart(files=[("notes.txt", b"hello")])
    response = client.post(
        "/analyze" + query, content=body, headers={"content-type": content_type, **headers}
    )
    assert response.status_code == status
    if status == 403:
        assert "Reload the page" in response.text
    assert list(uploads.iterdir()) == []


def test_the_access_log_holds_no_token_and_no_file_name(
    uploads: Path, caplog: pytest.LogCaptureFixture
) -> None:
    token = "a-long-test-token-456"
    caplog.set_level(logging.INFO, logger="netscan.serve")
    with TestClient(create_app(settings(host="0.0.0.0", token=token)),
                    base_url="http://10.1.1.1:8765") as c:
        c.get(f"/?token={token}")
        _post(c, [("secret-name.zip", b"hello")])
    lines = [r.getMessage() for r in caplog.records if r.name == "netscan.serve"]
    assert any(line.startswith("POST /analyze 422") for line in lines), lines
    assert any(line.startswith("GET / 303") for line in lines), lines
    text = "\n".join(lines)
    assert token not in text and "secret-name" not in text and "form-secret" not in text


# --- concurrency --------------------------------------------------------------------------


def test_beyond_the_limit_the_server_says_busy_and_still_answers_the_page(
    uploads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    running = threading.Event()

    def slow(upload: Upload, lang: str) -> bytes:
        running.set()
        assert release.wait(20)
        return b"<p>done</p>"

    monkeypatch.setattr(web_app, "person_report", slow)
    with TestClient(create_app(settings(jobs=1, queue=0)), base_url=BASE) as c:
        first: dict[str, Any] = {}
        worker = threading.Thread(
            target=lambda: first.update(response=_post(c, [("a.zip", b"a")]))
        )
        worker.start()
        try:
            assert running.wait(20)
            busy = _post(c, [("b.zip", b"b")])
            assert busy.status_code == 503
            assert busy.headers["retry-after"] == "5"
            assert "busy" in busy.text
            assert c.get("/").status_code == 200
        finally:
            release.set()
            worker.join(20)
        assert first["response"].status_code == 200
        # The slot is free again.
        assert _post(c, [("c.zip", b"c")]).status_code == 200
    assert list(uploads.iterdir()) == []


# --- team mode ----------------------------------------------------------------------------


def test_without_netscan_batch_there_is_no_team_form(
    uploads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_app, "team_available", lambda: False)
    with TestClient(create_app(settings()), base_url=BASE) as c:
        assert 'id="team"' not in c.get("/").text
        response = c.post("/team?form_token=form-secret-for-tests", files=[
            ("export", ("a.zip", BRIDGER.read_bytes(), "application/zip"))])
    assert response.status_code == 404
    assert list(uploads.iterdir()) == []


def test_the_team_form_returns_the_batch_folder_as_a_zip(uploads: Path, tmp_path: Path) -> None:
    pytest.importorskip("netscan.batch")
    import io
    import zipfile

    other = tmp_path / "newcomer.zip"
    shutil.copy(BRIDGER.parent / "newcomer.zip", other)
    with TestClient(create_app(settings()), base_url=BASE) as c:
        assert 'id="team"' in c.get("/").text
        response = c.post(
            "/team?form_token=form-secret-for-tests",
            files=[("export", ("bridger.zip", BRIDGER.read_bytes(), "application/zip")),
                   ("export", ("newcomer.zip", other.read_bytes(), "application/zip"))],
            data={"goal": "job"},
        )
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names and all(n.startswith("netscan-team/") for n in names)
    assert any(n.endswith(".html") for n in names)
    assert list(uploads.iterdir()) == []


def test_targets_come_one_per_line() -> None:
    assert work.targets_of(["Kestrel Analytics\r\n\n Northwind \nKestrel Analytics", "Acme"]) == (
        "Kestrel Analytics", "Northwind", "Acme")


# --- the command --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_prints_the_address_and_hands_the_app_to_uvicorn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    port = _free_port()
    result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert f"http://127.0.0.1:{port}/ " in result.output and "token" not in result.output
    assert calls[0]["access_log"] is False and calls[0]["host"] == "127.0.0.1"
    assert calls[0]["workers"] == 1


def test_serve_on_another_host_makes_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    port = _free_port()
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", str(port)])
    assert result.exit_code == 0, result.output
    token = re.search(r"\?token=([A-Za-z0-9_-]+)", result.output)
    assert token is not None and len(token.group(1)) >= 24


def test_serve_refuses_a_short_token_and_a_busy_port() -> None:
    short = CliRunner().invoke(cli, ["serve", "--token", "abc"])
    assert short.exit_code == 2 and "16" in short.output
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert "Error: Cannot listen on 127.0.0.1" in result.output and "--port" in result.output
    assert "Traceback" not in result.output


def test_several_files_of_one_person_are_merged_as_on_the_command_line(
    client: TestClient, uploads: Path, tmp_path: Path
) -> None:
    google = BRIDGER.parent / "edge" / "google_current.csv"
    response = _post(
        client, [("bridger.zip", BRIDGER.read_bytes()), ("google_current.csv", google.read_bytes())]
    )
    assert response.status_code == 200, response.text[:300]
    folder = tmp_path / "cli"
    folder.mkdir()
    for path in (BRIDGER, google):
        shutil.copy(path, folder / path.name)
    out = folder / "report.html"
    result = CliRunner().invoke(cli, ["analyze", str(folder / "bridger.zip"),
                                      str(folder / "google_current.csv"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert response.content == out.read_bytes()
    assert "google_current.csv" in response.text
    assert list(uploads.iterdir()) == []


def test_the_team_form_plumbing_with_a_stand_in_batch(
    uploads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The web side of team mode (form → run_batch → zip → cleanup), with a stand-in for
    `netscan.batch` so it is tested before that package lands; the real one is tested above."""
    import io
    import sys
    import types
    import zipfile

    calls: list[dict[str, Any]] = []

    def run_batch(inputs: list[Path], out_dir: Path, **options: Any) -> None:
        calls.append({"names": [p.name for p in inputs], "parent": out_dir.parent, **options})
        out_dir.mkdir()
        (out_dir / "index.html").write_text("<p>team</p>")
        (out_dir / "members").mkdir()
        for path in inputs:
            (out_dir / "members" / f"{path.stem}.html").write_text(path.read_text())

    stand_in = types.ModuleType("netscan.batch")
    stand_in.run_batch = run_batch  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "netscan.batch", stand_in)
    monkeypatch.setattr(web_app, "team_available", lambda: True)
    with TestClient(create_app(settings()), base_url=BASE) as c:
        assert 'action="/team?form_token=form-secret-for-tests"' in c.get("/").text
        response = c.post(
            "/team?form_token=form-secret-for-tests",
            files=[("export", ("ann.zip", b"ann", "application/zip")),
                   ("export", ("bob.zip", b"bob", "application/zip"))],
            data={"goal": ["job", "ideas"], "targets": "Acme\nNorthwind", "anonymize": "1"},
        )
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="netscan-team.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "netscan-team/index.html", "netscan-team/members/ann.html",
        "netscan-team/members/bob.html"]
    assert archive.read("netscan-team/members/bob.html") == b"bob"
    assert calls[0]["names"] == ["ann.zip", "bob.zip"]
    assert calls[0]["goals"] == ("job", "ideas") and calls[0]["targets"] == ("Acme", "Northwind")
    assert calls[0]["jobs"] == 1 and calls[0]["anonymize"] is True
    assert list(uploads.iterdir()) == []
