"""Shared helpers for the upload-page tests: settings, multipart bodies, a raw ASGI driver."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from netscan.web.settings import ServeSettings

ROOT = Path(__file__).resolve().parents[1]
BRIDGER = ROOT / "sample_exports" / "bridger.zip"
BASE = "http://127.0.0.1:8765"
BOUNDARY = "netscanTestBoundary1234"


def settings(**overrides: Any) -> ServeSettings:
    values: dict[str, Any] = {"form_secret": "form-secret-for-tests"}
    values.update(overrides)
    return ServeSettings(**values)


def multipart(
    files: Iterable[tuple[str, bytes]] = (), fields: Iterable[tuple[str, str]] = ()
) -> tuple[bytes, str]:
    """A multipart/form-data body (files under the field name 'export') and its content type."""
    parts: list[bytes] = []
    for name, value in fields:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            .encode()
        )
    for filename, data in files:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="export"; '
            f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={BOUNDARY}"


def run_asgi(
    app: Any,
    chunks: list[bytes],
    *,
    path: str = "/analyze",
    query: str = "form_token=form-secret-for-tests",
    headers: list[tuple[bytes, bytes]] | None = None,
    disconnect_after: int | None = None,
) -> tuple[int, bytes, int]:
    """Drive the ASGI app directly with a POST whose body arrives in `chunks` (no
    Content-Length). Returns (status, body, chunks the app pulled). With `disconnect_after`,
    the client goes away after that many chunks."""
    pulled = 0
    sent: list[dict[str, Any]] = []
    _, content_type = multipart()

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        if disconnect_after is not None and pulled >= disconnect_after:
            return {"type": "http.disconnect"}
        if pulled < len(chunks):
            pulled += 1
            return {
                "type": "http.request",
                "body": chunks[pulled - 1],
                "more_body": pulled < len(chunks),
            }
        await asyncio.sleep(3600)  # a real client sends nothing more
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1:8765"),
            (b"content-type", content_type.encode()),
            *(headers or []),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8765),
        "state": {},
    }

    async def main() -> None:
        lifespan_events: list[dict[str, Any]] = [{"type": "lifespan.startup"}]
        state: dict[str, Any] = {}
        done = asyncio.Event()

        async def lifespan_receive() -> dict[str, Any]:
            if lifespan_events:
                return lifespan_events.pop()
            await done.wait()
            return {"type": "lifespan.shutdown"}

        started = asyncio.Event()

        async def lifespan_send(message: dict[str, Any]) -> None:
            if message["type"] == "lifespan.startup.complete":
                started.set()

        life = asyncio.create_task(
            app({"type": "lifespan", "asgi": {"version": "3.0"}, "state": state},
                lifespan_receive, lifespan_send)
        )
        await asyncio.wait_for(started.wait(), 10)
        scope["state"] = dict(state)
        await asyncio.wait_for(app(scope, receive, send), 30)
        done.set()
        await asyncio.wait_for(life, 10)

    asyncio.run(main())
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body, pulled
