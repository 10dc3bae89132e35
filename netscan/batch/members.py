"""Which members a batch holds: INPUT arguments → one `MemberSource` each, then names and slugs.

An INPUT is one export (a zip, a contacts file, or a folder that holds export files itself) or a
folder whose entries are one export per member. Members are ordered by their path so the same
set of inputs gives the same ids (`m1`, `m2`, …) whatever order they were given in. A member's
name is the export's owner, else the file name; the name and the folder slug are settled after
the map, when owners are known, and clashes get a suffix.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from netscan.errors import NetscanError
from netscan.ingest.sources import family_of

# Files a member folder may hold that are not exports of their own (OS debris, notes).
_IGNORED = re.compile(r"^(\.|~\$|__MACOSX$|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)
# A fixed timestamp for folders zipped in memory, so the same folder gives the same bytes.
_ZIP_TIME = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True, slots=True)
class MemberSource:
    """One member's export on the client: where it lies and the name it is shown under."""

    id: str
    path: Path
    input: str  # the file or folder name, never a full path (outputs stay free of paths)

    def payload(self) -> tuple[str, bytes]:
        """(file name, bytes) to send to a worker; a folder is zipped in memory first."""
        if self.path.is_dir():
            return f"{self.path.name}.zip", zip_folder(self.path)
        return self.path.name, self.path.read_bytes()


def is_export_folder(folder: Path) -> bool:
    """True when `folder` itself holds export files (Connections.csv, messages.csv, …)."""
    return any(
        child.is_file() and family_of(child.name) is not None for child in folder.iterdir()
    )


def discover(inputs: Sequence[Path]) -> list[MemberSource]:
    """Every member named by `inputs`, ordered by path, with ids m1…mN.

    A path that does not exist is still a member (its analysis fails with netscan's own error
    and the batch goes on). Raises NetscanError when there is no member at all.
    """
    found: dict[str, Path] = {}
    for given in inputs:
        if given.is_dir() and not is_export_folder(given):
            entries = [
                child for child in sorted(given.iterdir()) if not _IGNORED.match(child.name)
            ]
            for child in entries:
                found.setdefault(str(child), child)
        else:
            found.setdefault(str(given), given)
    if not found:
        where = ", ".join(str(p) for p in inputs) or "no INPUT"
        raise NetscanError(
            f"No member exports found in {where}.",
            "Pass export zips, export folders or contacts files, or a folder holding one per "
            "member.",
        )
    ordered = [found[key] for key in sorted(found)]
    return [
        MemberSource(id=f"m{index}", path=path, input=path.name or str(path))
        for index, path in enumerate(ordered, start=1)
    ]


def zip_folder(folder: Path) -> bytes:
    """The folder's files as zip bytes (sorted, fixed timestamps: same folder, same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for child in sorted(folder.rglob("*")):
            if child.is_file():
                info = zipfile.ZipInfo(child.relative_to(folder).as_posix(), _ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, child.read_bytes())
    return buffer.getvalue()


def _stem(input_name: str) -> str:
    name = input_name
    for suffix in (".zip", ".csv", ".vcf", ".txt"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def slugify(text: str) -> str:
    """A folder-safe ASCII slug: 'Zoë Müller' → 'zoe-muller'; never empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    return slug or "member"


def member_names(owners: Sequence[str | None], inputs: Sequence[str]) -> list[str]:
    """Display names: the owner, else the input's file name; a clash adds the file name, then
    a number, so every member's name is unique (in member order)."""
    base = [
        (owner or "").strip() or _stem(input_name)
        for owner, input_name in zip(owners, inputs, strict=True)
    ]
    counts: dict[str, int] = {}
    for name in base:
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    names: list[str] = []
    taken: set[str] = set()
    for name, input_name in zip(base, inputs, strict=True):
        candidate = name if counts[name.casefold()] == 1 else f"{name} ({input_name})"
        final, number = candidate, 2
        while final.casefold() in taken:
            final, number = f"{candidate} {number}", number + 1
        taken.add(final.casefold())
        names.append(final)
    return names


def member_slugs(names: Sequence[str]) -> list[str]:
    """One unique folder name per member, from its display name ('-2', '-3' on a clash)."""
    slugs: list[str] = []
    taken: set[str] = set()
    for name in names:
        base = slugify(name)
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs
