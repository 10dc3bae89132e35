"""Open an EXPORT argument (zip, folder or single file) into named in-memory members.

Members are matched on their base name only, case-insensitively, wherever they sit (users nest
exports in ``Foo.zip/``, ``(1)/``, ``Data/``), and a zip is never extracted by its own paths. A
zip's declared sizes are checked against a cap before anything is read, which stops zip bombs;
Python's zipfile never returns more than the declared size of a member, nor does the ISA-L
reader that streams large deflated members (`inflate`).
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, cast

from netscan.errors import ExportNotFound, UnreadableFile, UnsafeArchive
from netscan.ingest.inflate import Inflated, InflateError

# 30,000 connections and 1,000,000 messages are about 400 MB of CSV; allow well beyond that.
MAX_MEMBER_BYTES = 2 * 1024**3
MAX_TOTAL_BYTES = 4 * 1024**3
# Text compresses 5–25× (the bundled samples: at most 23×); a member claiming far more than this is
# a bomb, not an export. Small members are exempt: however they compress, they stay small.
MAX_RATIO = 200
_RATIO_FLOOR = 1024**2
# A LinkedIn export holds under a hundred files; the cap bounds the work a crafted archive causes.
MAX_ENTRIES = 10_000

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
# LinkedIn names its archive Basic_LinkedInDataExport_MM-DD-YYYY.zip (also the extracted folder).
_EXPORT_DATE = re.compile(r"LinkedInDataExport_(\d{2})-(\d{2})-(\d{4})", re.IGNORECASE)
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
    # Files left out of a folder (links out of it, pipes, devices), for the warnings.
    notes: tuple[str, ...] = ()
    # The day the export was made, when its name or its zip entries tell.
    created: date | None = None


def _skippable(parts: tuple[str, ...]) -> bool:
    """macOS resource forks and hidden files are not part of any export."""
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


class _Budget:
    """What one EXPORT argument may expand to, shared by its zips at every depth."""

    def __init__(self) -> None:
        self.entries = 0
        self.declared = 0
        self.stamps: list[tuple[int, ...]] = []

    def claim(self, label: str, infos: list[zipfile.ZipInfo]) -> None:
        self.entries += len(infos)
        if self.entries > MAX_ENTRIES:
            raise UnsafeArchive(
                f"{label} holds more than {MAX_ENTRIES:,} files; a LinkedIn export holds "
                "fewer than a hundred.",
                "Check that this is the right archive, as LinkedIn sent it.",
            )
        self.declared += sum(info.file_size for info in infos)
        self.stamps.extend(tuple(info.date_time) for info in infos)
        if self.declared > MAX_TOTAL_BYTES:
            raise UnsafeArchive(
                f"{label} would expand to more than {MAX_TOTAL_BYTES / 1024**3:.0f} GB "
                "(nested archives included), beyond netscan's cap.",
                "A LinkedIn export is far smaller; check that this is the right archive.",
            )


_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    InflateError,
    EOFError,
    OSError,
    NotImplementedError,
)
_DAMAGED_HINT = "The zip is damaged: download the archive again from LinkedIn."


def _damaged(location: str, error: BaseException) -> UnreadableFile:
    # zipfile's messages name the member and the check that failed, never file content.
    what = "a bad checksum" if "CRC" in str(error) else "corrupt compressed data"
    if isinstance(error, NotImplementedError):
        what = "a compression method netscan cannot read"
    return UnreadableFile(f"{location} cannot be unpacked ({what}).", _DAMAGED_HINT)


class _GuardedStream:
    """A zip member stream whose decompression errors become one-line UnreadableFile errors."""

    def __init__(self, inner: IO[bytes], location: str) -> None:
        self._inner = inner
        self._location = location

    def read(self, size: int = -1) -> bytes:
        try:
            return self._inner.read(size)
        except _ZIP_ERRORS as error:
            raise _damaged(self._location, error) from error

    def close(self) -> None:
        self._inner.close()

    def __enter__(self) -> _GuardedStream:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _open_zip(data_source: Path | bytes, label: str) -> zipfile.ZipFile:
    try:
        if isinstance(data_source, bytes):
            return zipfile.ZipFile(io.BytesIO(data_source))
        return zipfile.ZipFile(data_source)
    except _ZIP_ERRORS as error:
        raise UnreadableFile(
            f"{label} is a damaged or incomplete zip archive (its table of contents is "
            "missing or unreadable).",
            _DAMAGED_HINT + " A download that stopped early leaves such a file.",
        ) from error


def _inflated(data_source: Path | bytes, info: zipfile.ZipInfo) -> Inflated:
    """A deflated member's stream, on the archive opened anew (its own file position)."""
    raw = io.BytesIO(data_source) if isinstance(data_source, bytes) else data_source.open("rb")
    try:
        return Inflated(raw, info)
    except BaseException:
        raw.close()
        raise


def _zip_members(
    data_source: Path | bytes, label: str, depth: int, budget: _Budget
) -> list[Member]:
    # The archive is opened once: its directory is parsed once, whatever the number of members
    # (re-opening it per member made 5,000 entries take minutes). zipfile serialises reads of
    # one open archive, so members and streams can share it.
    archive = _open_zip(data_source, label)
    infos = [info for info in archive.infolist() if not info.is_dir()]
    budget.claim(label, infos)
    members: list[Member] = []
    nested: list[Member] = []
    for info in infos:
        # Nothing is extracted, so "../" in a member name cannot escape anywhere; it is dropped
        # from the path and the file is judged by its base name like any other.
        parts = tuple(
            part
            for part in info.filename.replace("\\", "/").split("/")
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
        location = f"{label}:{info.filename}"

        def check(info: zipfile.ZipInfo = info, location: str = location) -> None:
            if info.flag_bits & 0x1:
                raise UnreadableFile(
                    f"{location} is encrypted (the archive has a password).",
                    "Unzip it yourself with the password and pass the extracted folder.",
                )

        def read(info: zipfile.ZipInfo = info, location: str = location) -> bytes:
            check(info, location)
            try:
                return archive.read(info)
            except _ZIP_ERRORS as error:
                raise _damaged(location, error) from error

        def stream(info: zipfile.ZipInfo = info, location: str = location) -> IO[bytes]:
            check(info, location)
            try:
                inner: IO[bytes] = archive.open(info)
                if info.compress_type == zipfile.ZIP_DEFLATED:
                    # zipfile has checked the entry's header; ISA-L inflates it (see inflate).
                    inner.close()
                    inner = cast(IO[bytes], _inflated(data_source, info))
            except _ZIP_ERRORS as error:
                raise _damaged(location, error) from error
            return cast(IO[bytes], _GuardedStream(inner, location))

        name = parts[-1]
        member = Member(name, location, info.file_size, read, stream)
        (nested if name.lower().endswith(".zip") and depth == 0 else members).append(member)
    # A zip inside the archive is the export itself only when the archive holds nothing else
    # (a user zipped LinkedIn's zip again). Next to real export files it is a stray copy
    # (`…zip.zip`, FORMATS §1.1) and is listed as not used rather than merged in.
    if any(family_of(m.name) for m in members):
        return members + nested
    for inner in nested:
        members.extend(_zip_members(inner.read(), inner.location, depth + 1, budget))
    return members


def _created(path: Path, stamps: list[tuple[int, ...]]) -> date | None:
    """The day an export was made: from LinkedIn's archive name, else its newest zip entry."""
    found = _EXPORT_DATE.search(path.name)
    if found is not None:
        month, day, year = (int(part) for part in found.groups())
        try:
            return date(year, month, day)
        except ValueError:
            pass
    # Zip tools write 1980-01-01 when they know no time; such stamps say nothing.
    days: list[date] = []
    for year, month, day, *_ in stamps:
        if year >= 2003:
            try:
                days.append(date(year, month, day))
            except ValueError:
                continue
    return max(days) if days else None


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


def _folder_members(root: Path) -> tuple[list[Member], list[str]]:
    """The regular files under `root`, never following a link out of it; and what was left out."""
    members: list[Member] = []
    left_out: list[str] = []
    top = root.resolve()
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        here = Path(folder)
        for name in sorted(files) + [d for d in dirs if (here / d).is_symlink()]:
            child = here / name
            relative = child.relative_to(root)
            if _skippable(relative.parts):
                continue
            if child.is_symlink():
                target = child.resolve()
                if not target.is_relative_to(top):
                    left_out.append(f"{relative} (a link to outside the folder)")
                    continue
            try:
                mode = child.stat().st_mode
            except OSError:
                left_out.append(f"{relative} (a broken link)")
                continue
            if stat.S_ISDIR(mode):
                continue  # a link to a folder inside the export: its files are listed anyway
            if not stat.S_ISREG(mode):
                left_out.append(f"{relative} (not a regular file)")
                continue
            members.append(_file_member(child))
    return members, left_out


def open_export(path: Path) -> Source:
    """The members of an EXPORT argument; raises ExportNotFound or UnsafeArchive."""
    if not path.exists():
        raise ExportNotFound(
            f"{path} does not exist.",
            "Check the path: pass the LinkedIn export zip, its extracted folder, Connections.csv, "
            "or a Google, Outlook, vCard or CRM contacts file.",
        )
    if path.is_dir():
        members, left_out = _folder_members(path)
        notes = tuple(f"{path}: {item} was left out." for item in left_out)
        return Source(path, "folder", tuple(members), notes, _created(path, []))
    if not path.is_file():
        raise UnreadableFile(
            f"{path} is not a regular file (it is a device, a pipe or a socket).",
            "Pass the LinkedIn export zip, its extracted folder, or a CSV or vCard file.",
        )
    with path.open("rb") as handle:
        magic = handle.read(4)
    if path.suffix.lower() == ".zip" or (
        magic == b"PK\x03\x04" and path.suffix.lower() not in {".csv", ".xlsx", ".xls"}
    ):
        if magic not in (b"PK\x03\x04", b"PK\x05\x06"):
            raise UnreadableFile(
                f"{path} is named .zip but is not a zip archive.",
                "Download the export again from LinkedIn; if this is a CSV file, give it its "
                ".csv name.",
            )
        budget = _Budget()
        found = tuple(_zip_members(path, str(path), 0, budget))
        return Source(path, "zip", found, created=_created(path, budget.stamps))
    return Source(path, "file", (_file_member(path),))
