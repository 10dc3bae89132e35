"""`create_app(settings)`: the routes, the middleware order and the analysis limiter.

Order matters: `Guard` (Host, token, form token) comes before the routes so a refused request
never has its body read; the access log wraps it (refusals are logged too) and records method,
path and status only (no query string, so no token, and never a file name). Uploads stream into
a private folder that a `finally` removes on every path — success, refusal, failure, or a
client that goes away.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import logging
import os
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from netscan.errors import NetscanError
from netscan.i18n import N_, SUPPORTED_LOCALES, negotiate_locale
from netscan.web import pages
from netscan.web.guard import ASGIApp, Guard, Message, Receive, Scope, Send
from netscan.web.settings import ServeSettings
from netscan.web.upload import (
    Upload,
    UploadRefused,
    check_length,
    private_folder,
    receive_form,
    remove,
)
from netscan.web.work import person_report, team_zip

log = logging.getLogger("netscan.serve")
RETRY_AFTER_SECONDS = 5


def team_available() -> bool:
    """Team mode needs `netscan.batch` (its own issue); without it the form is not shown."""
    try:
        return importlib.util.find_spec("netscan.batch") is not None
    except ImportError:
        return False


def _strip_folder(text: str, folder: Path) -> str:
    """A message names the file the user sent, never the private folder it was written to."""
    return text.replace(f"{folder}{os.sep}", "").replace(str(folder), "")


def _refuse(status: int, title: str, message: str, headers: dict[str, str]) -> ASGIApp:
    return pages.message_page(status, title, message, headers=headers)


def page_language(request: Request) -> str:
    """The language a page is written in: ``?lang=`` when it names a supported one, else the
    browser's ``Accept-Language`` (Dutch when it prefers Dutch), else English."""
    asked = request.query_params.get("lang", "").strip().lower()
    if asked in SUPPORTED_LOCALES:
        return asked
    return negotiate_locale(request.headers.get("accept-language"))


def form_language(upload: Upload, fallback: str) -> str:
    """The report language the form's select chose; `fallback` when it sent none we know."""
    for value in upload.values("lang"):
        if value.strip().lower() in SUPPORTED_LOCALES:
            return value.strip().lower()
    return fallback


class _Slots:
    """How many uploads are in (receiving, waiting or analysing), and the thread limiter."""

    def __init__(self, jobs: int, queue: int) -> None:
        self.limit = jobs + queue
        self.active = 0
        self.threads = anyio.CapacityLimiter(jobs)


async def _run_upload(
    request: Request,
    work: Callable[[Upload, str], bytes],
    media_type: str,
    headers: dict[str, str],
) -> Response:
    settings: ServeSettings = request.app.state.settings
    slots: _Slots = request.app.state.slots
    lang = page_language(request)
    try:
        check_length(request.headers.get("content-length"), settings.max_upload_bytes)
    except UploadRefused as refused:
        return pages.message_page(
            refused.status, N_("Upload too large"), refused.message, params=refused.params,
            lang=lang,
        )
    if slots.active >= slots.limit:
        # Answer before taking in a body: a busy server says so instead of stalling.
        return pages.message_page(
            503,
            N_("The server is busy"),
            N_("Other analyses are running. Please send the form again in a few seconds."),
            headers={"retry-after": str(RETRY_AFTER_SECONDS)},
            lang=lang,
        )
    slots.active += 1
    folder = private_folder()
    try:
        upload = await receive_form(
            request.headers.get("content-type", ""),
            request.stream(),
            folder,
            cap=settings.max_upload_bytes,
            max_files=settings.max_files,
        )
        lang = form_language(upload, lang)
        if not upload.files:
            return pages.message_page(
                422,
                N_("No file was sent"),
                N_("Choose your LinkedIn export zip (or a contacts file) and send the form again."),
                lang=lang,
            )
        body = await anyio.to_thread.run_sync(
            functools.partial(work, upload, lang), limiter=slots.threads
        )
        return Response(body, media_type=media_type, headers=headers)
    except UploadRefused as refused:
        title = N_("Upload too large") if refused.status == 413 else N_(
            "The form could not be read"
        )
        return pages.message_page(refused.status, title, refused.message, params=refused.params,
                                  lang=lang)
    except NetscanError as error:
        return pages.message_page(
            422,
            N_("This file cannot be analysed"),
            "Error: " + _strip_folder(error.message, folder),
            "Hint: " + _strip_folder(error.hint, folder) if error.hint else "",
            lang=lang,
        )
    except ClientDisconnect:
        return Response(status_code=400)  # nobody is listening; the finally cleans up
    finally:
        remove(folder)
        slots.active -= 1


async def index(request: Request) -> Response:
    settings: ServeSettings = request.app.state.settings
    return pages.upload_page(
        settings.form_secret,
        max_upload_mb=settings.max_upload_bytes // (1024 * 1024),
        team=request.app.state.team,
        lang=page_language(request),
    )


async def analyze(request: Request) -> Response:
    return await _run_upload(
        request,
        person_report,
        "text/html; charset=utf-8",
        {"content-security-policy": pages.report_csp()},
    )


async def team(request: Request) -> Response:
    if not request.app.state.team:
        raise HTTPException(404)
    return await _run_upload(
        request,
        team_zip,
        "application/zip",
        {"content-disposition": 'attachment; filename="netscan-team.zip"'},
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if status == 404:
        return pages.message_page(
            404, N_("Page not found"), N_("This server has only the upload page."),
            lang=page_language(request),
        )
    if status == 405:
        return pages.message_page(
            405, N_("Not allowed"), N_("Use the form on the upload page."),
            lang=page_language(request),
        )
    return pages.message_page(
        status,
        N_("Something went wrong"),
        N_("The request could not be handled. Please try again."),
    )


async def _crash(request: Request, exc: Exception) -> Response:
    # The traceback goes to the server's console (Starlette re-raises after this page is
    # sent); the browser gets no detail at all.
    return pages.message_page(
        500,
        N_("Something went wrong"),
        N_(
            "netscan hit an unexpected problem with this request. Nothing was kept. If it "
            "happens again with the same file, run netscan analyze on it for a detailed message."
        ),
    )


class AccessLog:
    """Method, path, status and time only: no query string (tokens) and no file names."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [0]

        async def logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, logged)
        finally:
            log.info(
                "%s %s %s %.2fs",
                scope["method"],
                scope["path"],
                status[0] or "-",
                time.perf_counter() - started,
            )


def create_app(settings: ServeSettings) -> ASGIApp:
    """The upload page's ASGI app for `settings` (the Guard wraps the Starlette app)."""

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.slots = _Slots(settings.jobs, settings.queue)
        yield

    app = Starlette(
        routes=[
            Route("/", index, methods=["GET", "HEAD"]),
            Route("/analyze", analyze, methods=["POST"]),
            Route("/team", team, methods=["POST"]),
        ],
        exception_handlers={HTTPException: _http_error, Exception: _crash},
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.team = team_available()
    return AccessLog(Guard(app, settings, _refuse))
