"""Refuse before reading: the Host allow-list, the access token, the same-origin form token.

Pure functions of (headers, settings) answer each question; `Guard`, one small pure-ASGI
middleware, applies them outermost, before any body is read, so a refused upload never reaches
the disk. It also puts the security headers on every response, refusals included.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from netscan.i18n import N_
from netscan.web.settings import ServeSettings, is_loopback

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
# (status, title, message, headers) -> an ASGI app answering with a readable page
Refusal = Callable[[int, str, str, dict[str, str]], ASGIApp]

COOKIE = "netscan_token"
FORM_TOKEN = "form_token"
# A fallback for responses that set no policy of their own (the pages set a stricter one).
DEFAULT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


def host_name(value: str) -> str:
    """The host part of a Host header, lower-cased, without port or IPv6 brackets ('' if bad)."""
    value = value.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        rest = value[end + 1 :] if end > 0 else "x"
        if rest and not (rest.startswith(":") and rest[1:].isdigit()):
            return ""
        name = value[1:end]
        try:
            return name if ipaddress.ip_address(name).version == 6 else ""
        except ValueError:
            return ""
    name, colon, port = value.partition(":")
    if colon and not port.isdigit():
        return ""  # a bare IPv6 address or junk after the colon
    return name


def host_allowed(header: str, settings: ServeSettings) -> bool:
    """Is this Host header one the server answers? (DNS rebinding defence.)

    Loopback names and addresses always are; `--allowed-host` names are; on a non-loopback
    bind, so is the bind address itself, and any IP literal when bound to every interface.
    Look-alikes such as ``127.0.0.1.evil.example`` are not IP addresses and are refused.
    """
    name = host_name(header)
    if not name:
        return False
    if name in {h.lower() for h in settings.allowed_hosts} or is_loopback(name):
        return True
    bind = settings.host.strip("[]").lower()
    if is_loopback(bind):
        return False
    if name == bind:
        return True
    if bind in ("0.0.0.0", "::"):
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True
    return False


def _cookie(header: str, name: str) -> str:
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return ""


def presented_token(query: dict[str, str], headers: dict[str, str]) -> str:
    """The token a request carries: ``?token=``, an ``Authorization: token|Bearer`` header, or
    the cookie set after the first visit."""
    if query.get("token"):
        return query["token"]
    scheme, _, value = headers.get("authorization", "").partition(" ")
    if scheme.lower() in ("token", "bearer") and value.strip():
        return value.strip()
    return _cookie(headers.get("cookie", ""), COOKIE)


def token_ok(presented: str, settings: ServeSettings) -> bool:
    """No token configured (loopback) lets everyone in; otherwise a constant-time match."""
    if not settings.token:
        return True
    return secrets.compare_digest(presented.encode(), settings.token.encode())


def same_origin(headers: dict[str, str], scheme: str) -> bool:
    """datasette's rule: trust ``Sec-Fetch-Site`` when sent, else compare ``Origin`` with this
    server; a client sending neither (curl) passes here and still needs the form token."""
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None:
        return True
    return origin.lower() == f"{scheme}://{headers.get('host', '').lower()}"


def form_token_ok(query: dict[str, str], settings: ServeSettings) -> bool:
    """Every POST carries the token only this server's own pages hold."""
    return secrets.compare_digest(
        query.get(FORM_TOKEN, "").encode(), settings.form_secret.encode()
    )


class Guard:
    """Outermost middleware: Host → token → same-origin and form token, then headers."""

    def __init__(self, app: ASGIApp, settings: ServeSettings, refuse: Refusal) -> None:
        self.app = app
        self.settings = settings
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        answer = self._check(scope, headers, query)
        await (answer or self.app)(scope, receive, send)

    def _check(
        self, scope: Scope, headers: dict[str, str], query: dict[str, str]
    ) -> ASGIApp | None:
        settings = self.settings
        if not host_allowed(headers.get("host", ""), settings):
            return self.refuse(
                400,
                N_("Unknown host name"),
                N_(
                    "This server answers only to the names it was started for. If you reached "
                    "it through another name, restart it with --allowed-host NAME."
                ),
                {},
            )
        if not token_ok(presented_token(query, headers), settings):
            return self.refuse(
                403,
                N_("Access token needed"),
                N_(
                    "Open the address netscan serve printed when it started, including its "
                    "?token=… part."
                ),
                {},
            )
        if settings.token and "token" in query and scope["method"] in ("GET", "HEAD"):
            return _login(scope, query, settings.token)
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and not (
            same_origin(headers, scope.get("scheme", "http")) and form_token_ok(query, settings)
        ):
            return self.refuse(
                403,
                N_("Form expired or sent from elsewhere"),
                N_(
                    "Uploads are accepted only from this server's own page. Reload the page "
                    "and send the form again."
                ),
                {},
            )
        return None


def _login(scope: Scope, query: dict[str, str], token: str) -> ASGIApp:
    """A valid ``?token=`` on a GET: keep it in a strict cookie and drop it from the address bar
    (jupyter and datasette do the same), so it is not left in history or a shared screen."""
    rest = {k: v for k, v in query.items() if k != "token"}
    location = scope.get("path", "/") + (f"?{urlencode(rest)}" if rest else "")

    async def app(_scope: Scope, _receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", location.encode("latin-1")),
                    (
                        b"set-cookie",
                        f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/".encode("latin-1"),
                    ),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    return app


def _with_security_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            raw = list(message.get("headers", []))
            present = {name.lower() for name, _ in raw}
            for name, value in SECURITY_HEADERS.items():
                if name.encode() not in present:
                    raw.append((name.encode(), value.encode()))
            if b"content-security-policy" not in present:
                raw.append((b"content-security-policy", DEFAULT_CSP.encode()))
            message = {**message, "headers": raw}
        await send(message)

    return wrapped
