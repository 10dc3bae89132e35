"""vCard files (.vcf) 2.1, 3.0 and 4.0 from phones, iCloud and Google (FORMATS §4).

A small parser after RFC 6350 rather than a library: it needs only a handful of properties, and
the quirks that matter are few. Lines are unfolded (CRLF or LF followed by a space or tab);
vCard 2.1 quoted-printable values continue over soft line breaks (``=`` at the end of a line);
property names may carry a group prefix (``item1.EMAIL``), which anchored matchers miss (the
iPhone import bug in FORMATS §4). Photos and every other property are skipped.
"""

from __future__ import annotations

import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from netscan.errors import UnreadableFile
from netscan.ingest.address_cards import Card, cards_result
from netscan.ingest.frames import FileResult

_FOLD = re.compile(r"\r?\n[ \t]")
_LINES = re.compile(r"\r\n|\r|\n")
_WANTED = {"FN", "N", "ORG", "TITLE", "EMAIL", "URL", "X-SOCIALPROFILE", "VERSION"}


def is_vcard(data: bytes) -> bool:
    """Whether the bytes start like a vCard (after an optional BOM and blank lines)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    return head[:11].upper() == b"BEGIN:VCARD"


@dataclass
class _Property:
    name: str
    params: dict[str, str]
    flags: set[str] = field(default_factory=set)
    value: str = ""


def _decode(data: bytes, label: str) -> tuple[str, str]:
    """The text of the file and its encoding: UTF-8 (RFC 6350), else a Western re-save."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return body.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"{label} is a vCard file that is not valid UTF-8 text.",
            "Export the contacts again as vCard (UTF-8).",
        ) from error


def _split_head(line: str) -> tuple[str, str] | None:
    """(name and parameters, value) split at the first colon outside double quotes."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    return None


def _parse_head(head: str) -> _Property:
    parts = head.split(";")
    # "item1.EMAIL" → "EMAIL": the group prefix only ties a value to its label.
    name = parts[0].rsplit(".", 1)[-1].strip().upper()
    prop = _Property(name, {})
    for part in parts[1:]:
        if "=" in part:
            key, value = part.split("=", 1)
            prop.params[key.strip().upper()] = value.strip().strip('"')
        else:  # vCard 2.1 bare parameters: "QUOTED-PRINTABLE", "WORK", "PREF"
            prop.flags.add(part.strip().upper())
    for value in prop.params.get("TYPE", "").split(","):
        if value:
            prop.flags.add(value.strip().upper())
    return prop


def _is_quoted_printable(prop: _Property) -> bool:
    return (
        prop.params.get("ENCODING", "").upper() == "QUOTED-PRINTABLE"
        or "QUOTED-PRINTABLE" in prop.flags
    )


def _properties(text: str) -> Iterator[_Property | None]:
    """Every property line of the file, unfolded and decoded; None marks END:VCARD."""
    lines = _LINES.split(_FOLD.sub("", text))
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        split = _split_head(line)
        if split is None:
            continue  # blank lines and 2.1 base64 photo lines without indentation
        prop = _parse_head(split[0])
        value = split[1]
        if prop.name == "END" and value.strip().upper() == "VCARD":
            yield None
            continue
        if _is_quoted_printable(prop):
            # A soft line break ("=" at the end of a line) continues the value on the next line.
            while value.endswith("=") and index < len(lines):
                value = value[:-1] + lines[index]
                index += 1
            charset = prop.params.get("CHARSET", "utf-8")
            raw = quopri.decodestring(value.encode("latin-1", errors="replace"))
            try:
                value = raw.decode(charset, errors="replace")
            except LookupError:
                value = raw.decode("utf-8", errors="replace")
        prop.value = value
        yield prop


_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}


def _components(value: str) -> list[str]:
    """A structured value split at unescaped ``;`` with escapes undone (``N``, ``ORG``)."""
    parts: list[str] = [""]
    chars = iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            parts[-1] += _ESCAPES.get(following, following)
        elif char == ";":
            parts.append("")
        else:
            parts[-1] += char
    return [part.strip() for part in parts]


def _text(value: str) -> str:
    return ";".join(_components(value)).strip()


@dataclass
class _Draft:
    raw: list[str] = field(default_factory=list)
    full: str | None = None
    first: str | None = None
    middle: str | None = None
    last: str | None = None
    emails: list[tuple[bool, str]] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    company: str | None = None
    title: str | None = None
    version: str = ""

    def card(self) -> Card:
        # A "pref" e-mail is the one the person marked as main: it goes first.
        emails = [email for _, email in sorted(self.emails, key=lambda pair: not pair[0])]
        return Card(
            raw=tuple(self.raw),
            first_name=self.first,
            middle_name=self.middle,
            last_name=self.last,
            full_name=self.full,
            emails=tuple(emails),
            urls=tuple(self.urls),
            company=self.company,
            position=self.title,
        )


def _apply(draft: _Draft, prop: _Property) -> None:
    # Every property counts towards "exact duplicate", not only the ones netscan keeps.
    draft.raw.append(f"{prop.name}:{prop.value}")
    if prop.name not in _WANTED:
        return
    if prop.name == "VERSION":
        draft.version = prop.value.strip()
    elif prop.name == "FN":
        draft.full = draft.full or _text(prop.value) or None
    elif prop.name == "N":
        parts = [*_components(prop.value), "", "", ""]
        draft.last, draft.first, draft.middle = (p or None for p in parts[:3])
    elif prop.name == "ORG":
        draft.company = draft.company or _components(prop.value)[0] or None
    elif prop.name == "TITLE":
        draft.title = draft.title or _text(prop.value) or None
    elif prop.name == "EMAIL":
        draft.emails.append(("PREF" in prop.flags or "PREF" in prop.params, prop.value.strip()))
    else:  # URL, X-SOCIALPROFILE
        draft.urls.append(prop.value.replace("\\:", ":").strip())


def read_vcard(data: bytes, name: str, label: str) -> FileResult:
    """People from a .vcf file: one card per ``BEGIN:VCARD`` … ``END:VCARD``."""
    text, encoding = _decode(data, label)
    cards: list[Card] = []
    versions: set[str] = set()
    draft = _Draft()
    for prop in _properties(text):
        if prop is None:
            cards.append(draft.card())
            versions.add(draft.version or "?")
            draft = _Draft()
        else:
            _apply(draft, prop)
    variant = "vcard " + "+".join(sorted(versions)) if versions else "vcard"
    return cards_result(name, variant, encoding, cards)
