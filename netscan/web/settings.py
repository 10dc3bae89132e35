"""What the server was started with: the one object `create_app` reads (never argv)."""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass, field


def is_loopback(host: str) -> bool:
    """True for a loopback bind address or name (127.0.0.0/8, ::1, localhost)."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServeSettings:
    """The server's configuration.

    `token` is required (and checked on every request) when `host` is not loopback; on loopback
    it is optional. `form_secret` signs nothing: it is the same-origin form token every POST
    must carry, unknowable to another site because it is only ever in this server's pages.
    `jobs` analyses run at once and `queue` more may wait for one; beyond that the server
    answers 503 with Retry-After instead of taking in another body.
    """

    host: str = "127.0.0.1"
    port: int = 8765
    max_upload_bytes: int = 100 * 1024 * 1024
    token: str | None = None
    allowed_hosts: tuple[str, ...] = ()
    jobs: int = 2
    queue: int = 2
    max_files: int = 20
    form_secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    def __post_init__(self) -> None:
        if not is_loopback(self.host) and not self.token:
            raise ValueError(f"binding {self.host} (not loopback) needs a token")
        if self.jobs < 1 or self.queue < 0 or self.max_upload_bytes < 1:
            raise ValueError("jobs >= 1, queue >= 0 and max_upload_bytes >= 1 are required")
