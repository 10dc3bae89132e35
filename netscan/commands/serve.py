"""``netscan serve``: the upload page on this computer (Starlette app on uvicorn).

This module only turns options into `ServeSettings`, makes the token, prints the address and
hands the app to uvicorn; everything the server does lives in `netscan.web`.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import socket

import click

from netscan.errors import NetscanError

_TOKEN = re.compile(r"[A-Za-z0-9._~-]{16,}")


def _url(host: str, port: int) -> str:
    shown = host
    if host in ("0.0.0.0", "::"):
        shown = socket.gethostname()
    elif ":" in host:
        shown = f"[{host}]"
    return f"http://{shown}:{port}/"


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise NetscanError(
                f"Cannot listen on {host}:{port}: {error.strerror or error}.",
                "Pass another --port (or stop the program using this one).",
            ) from error


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback requires a token.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--max-upload-mb", default=100, show_default=True, type=click.IntRange(1, 4096),
              help="Largest upload accepted, in MB; bigger ones get a 413 page.")
@click.option("--token", metavar="TOKEN",
              help="Access token (16+ letters, digits, . _ ~ -). Made up for you when the host "
              "is not loopback.")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="Another host name this server may be reached by (a proxy, a container "
              "name); repeatable.")
@click.option("--jobs", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Analyses run at once; a few more wait, beyond that the page says busy.")
def serve(
    host: str,
    port: int,
    max_upload_mb: int,
    token: str | None,
    allowed_hosts: tuple[str, ...],
    jobs: int,
) -> None:
    """Serve the upload page: drop an export in the browser, get the report.

    Listens on this computer only (127.0.0.1) unless --host says otherwise; then every request
    needs the token printed in the address. Uploads go to a private temporary folder and are
    deleted as soon as the answer is sent. Opens nothing by itself; Ctrl-C stops it.

    Example:

    \b
        netscan serve
        netscan serve --port 9000 --max-upload-mb 200
        netscan serve --host 0.0.0.0 --allowed-host coach-laptop.local
    """
    import logging

    import uvicorn

    from netscan.web.app import create_app
    from netscan.web.settings import ServeSettings, is_loopback

    if token is not None and not _TOKEN.fullmatch(token):
        raise click.BadParameter(
            "use at least 16 letters, digits or . _ ~ - characters", param_hint="--token"
        )
    if token is None and not is_loopback(host):
        token = secrets.token_urlsafe(24)
    if host in ("0.0.0.0", "::"):
        allowed_hosts = (*allowed_hosts, socket.gethostname())
    settings = ServeSettings(
        host=host,
        port=port,
        max_upload_bytes=max_upload_mb * 1024 * 1024,
        token=token,
        allowed_hosts=allowed_hosts,
        jobs=jobs,
        queue=jobs,
    )
    _check_port_free(host, port)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    url = _url(host, port) + (f"?token={token}" if token else "")
    click.echo(f"netscan serve: open {url} in your browser. Ctrl-C stops it.")
    # Our own access log (method, path, status) replaces uvicorn's, which prints the query
    # string and with it the token.
    # uvicorn shuts down gracefully on Ctrl-C, then re-raises the KeyboardInterrupt it caught.
    with contextlib.suppress(KeyboardInterrupt):
        uvicorn.run(
            create_app(settings),
            host=host,
            port=port,
            workers=1,
            access_log=False,
            log_level="warning",
            server_header=False,
        )
    click.echo("netscan serve: stopped.")
