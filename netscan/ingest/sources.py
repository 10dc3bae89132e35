"""Open an EXPORT argument (zip, folder or single file) into named in-memory members.

Members are matched on their base name only, case-insensitively, wherever they sit (users nest
exports in ``Foo.zip/``, ``(1)/``, ``Data/``), and a zip is never extracted by its own paths. A
zip's declared sizes are checked against a cap before anything is read, which stops zip bombs;
Python's zipfile never returns more than the declared size of a member.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from netscan.errors import ExportNotFound, UnreadableFile, UnsafeArchive

# 30,000 connections and 1,000,000 messages are about 400 MB of CSV; allow well beyond that.
MAX_MEMBER_BYTES = 2 * 1024**3
MAX_TOTAL_BYTES = 4 * 1024**3
# Text compresses 5–20×; a member claiming far more than this is a bomb, not an export.
MAX_RATIO = 1000
_RATIO_FLOOR = 50 * 1024**2

# Canonical family for every file name netscan reads (FORMATS §1.2), keyed on the lowercased
# base name with any " (1)" copy suffix removed.
FAMILIES: dict[str, str] = {
    "connections.csv": "connections",
    "linkedin_connections_export_microsoft_outlook.csv": "connections",
    "messages.csv": "messages",
    "invitations.csv": "invitations",
    "endorsement_received_info.csv": "endorsements_received",
    "endorsement received info.csv": "endorsements_received_legacy",
    "endorsement_given_info.csv": "endorsements_given",
    "recommendations_received.csv": "recommendations_received",
    "recommendations_given.csv": "recommendations_given",
    "profile.csv": "profile",
    "positions.csv": "positions",
    "education.csv": "education",
    "imported contacts.csv": "address_book",
    "contacts.csv": "address_book",
    "importedcontacts.csv": "address_book",
}
_COPY_SUFFIX = re.compile(r"\s*\(\d+\)(?=\.[a-z0-9]+$)")


def family_of(name: str) -> str | None:
    """The LinkedIn file family a base file name belongs to, or None for files netscan skips."""
    key = _COPY_SUFFIX.sub("", name.strip().lower())
    return FAMILIES.get(key)


@dataclass(frozen=True, slots=True)
class Member:
    """One file of an export: its base name, where it sits, its size, and a way to read it."""

    name: str
    location: str
    size: int
    reader: Callable[[], bytes]
    opener: Callable[[], IO[bytes]] | None = None

    def read(self) -> bytes:
        """The member's bytes (read on demand, so unused large files cost nothing)."""
        return self.reader()

    def open(self) -> IO[bytes]:
        """A binary stream of the member, so a large file can be read a slice at a time."""
        if self.opener is None:
            return io.BytesIO(self.reader())
        return self.opener()


@dataclass(frozen=True, slots=True)
class Source:
    """One EXPORT argument: the path given, its kind (zip, folder, file) and its members."""

    path: Path
    kind: str
    members: tuple[Member, ...]


def _skippable(parts: tuple[str, ...]) -> bool:
    """macOS resource forks and hidden files are not part of any export."""
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def _zip_members(data_source: Path | bytes, label: str, depth: int) -> list[Member]:
    def opener() -> zipfile.ZipFile:
        if isinstance(data_source, bytes):
            return zipfile.ZipFile(io.BytesIO(data_source))
        return zipfile.ZipFile(data_source)

    try:
        with opener() as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile(
            f"{label} is not a readable zip archive ({error}).",
            "Download the export again from LinkedIn, or pass the extracted folder instead.",
        ) from error
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise UnsafeArchive(
            f"{label} would expand to {total / 1024**3:.1f} GB, beyond netscan's 4 GB cap.",
            "A LinkedIn export is far smaller; check that this is the right archive.",
        )
    members: list[Member] = []
    nested: list[Member] = []
    for info in infos:
        # Nothing is extracted, so "../" in a member name cannot escape anywhere; it is dropped
        # from the path and the file is judged by its base name like any other.
        parts = tuple(
            part for part in info.filename.replace("\\", "/").split("/")
            if part not in ("", ".", "..")
        )
        if not parts or _skippable(parts):
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (
            info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO
        ):
            raise UnsafeArchive(
                f"{label}: member {info.filename!r} would expand to {info.file_size:,} bytes "
                f"(compression ratio {ratio:.0f}), which looks like a zip bomb.",
                "Use the archive exactly as LinkedIn sent it.",
            )

        def read(info: zipfile.ZipInfo = info) -> bytes:
            with opener() as archive:
                return archive.read(info)

        def stream(info: zipfile.ZipInfo = info) -> IO[bytes]:
            # The stream keeps its own handle on the archive open until it is closed.
            return opener().open(info)

        name = parts[-1]
        location = f"{label}:{info.filename}"
        member = Member(name, location, info.file_size, read, stream)
        (nested if name.lower().endswith(".zip") and depth == 0 else members).append(member)
    # A zip inside the archive is the export itself only when the archive holds nothing else
    # (a user zipped LinkedIn's zip again). Next to real export files it is a stray copy
    # (`…zip.zip`, FORMATS §1.1) and is listed as not used rather than merged in.
    if any(family_of(m.name) for m in members):
        return members + nested
    for inner in nested:
        members.extend(_zip_members(inner.read(), inner.location, depth + 1))
    return members


def _file_member(path: Path, name: str | None = None) -> Member:
    size = path.stat().st_size

    def checked() -> None:
        # Like a zip member, a plain file is capped, but only when netscan reads it: a large
        # unrelated file beside the export is merely listed as not used.
        if size > MAX_MEMBER_BYTES:
            raise UnsafeArchive(
                f"{path} is {size:,} bytes, beyond netscan's cap of {MAX_MEMBER_BYTES:,} bytes "
                "for one file.",
                "A LinkedIn export file is far smaller; check that this is the right file.",
            )

    def read() -> bytes:
        checked()
        return path.read_bytes()

    def stream() -> IO[bytes]:
        checked()
        return path.open("rb")

    return Member(name or path.name, str(path), size, read, stream)


def open_export(path: Path) -> Source:
    """The members of an EXPORT argument; raises ExportNotFound or UnsafeArchive."""
    if not path.exists():
        raise ExportNotFound(
            f"{path} does not exist.",
            "Check the path: pass the LinkedIn export zip, its extracted folder, Connections.csv, "
            "or a Google, Outlook, vCard or CRM contacts file.",
        )
    if path.is_dir():
        members = [
            _file_member(child)
            for child in sorted(path.rglob("*"))
            if child.is_file() and not _skippable(child.relative_to(path).parts)
        ]
        return Source(path, "folder", tuple(members))
    if zipfile.is_zipfile(path) and path.suffix.lower() not in {".csv", ".xlsx", ".xls"}:
        return Source(path, "zip", tuple(_zip_members(path, str(path), 0)))
    return Source(path, "file", (_file_member(path),))
