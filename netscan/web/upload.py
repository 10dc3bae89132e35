"""Stream a multipart upload into a private temporary folder, counting bytes as they arrive.

python-multipart's push parser is fed each chunk as it is received and file parts are written
straight to disk, so memory stays at one chunk whatever is posted; the byte cap is checked on
every chunk (and on Content-Length before the first), so an oversized body is refused after at
most one chunk beyond the cap. Each file keeps its original (sanitised) name, because the
report names the files it read and must equal the command line's bytes for the same file.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from netscan.i18n import N_

MAX_FIELD_BYTES = 16 * 1024
MAX_FIELDS = 64


class UploadRefused(Exception):
    """The body cannot be taken: too large (413) or not a well-formed form (400)."""

    def __init__(self, status: int, message: str, **params: object) -> None:
        super().__init__(message)
        self.status = status
        self.message = message  # an English msgid; `params` fill its %(name)s fields
        self.params = params


@dataclass
class Upload:
    """What a form post held: text fields by name, and the files written under `folder`."""

    folder: Path
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        """Every value of the text field `name` (checkboxes repeat)."""
        return self.fields.get(name, [])


def private_folder() -> Path:
    """A fresh folder only this user can read (mkdtemp creates it 0700)."""
    return Path(tempfile.mkdtemp(prefix="netscan-upload-"))


def remove(folder: Path) -> None:
    """Delete an upload folder and everything in it; a missing folder is fine."""
    shutil.rmtree(folder, ignore_errors=True)


_UNSAFE = re.compile(r"[^A-Za-z0-9._ ()+-]+")


def safe_name(filename: str, taken: set[str]) -> str:
    """The file's own name without any folder part or odd characters, unique in the upload."""
    base = re.split(r"[/\\]", filename)[-1]
    base = _UNSAFE.sub("_", base).strip(" .")[:120] or "upload"
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        name = f"{n}-{base}"
    taken.add(name.casefold())
    return name


class _Receiver:
    """The parser's callbacks: one part at a time, file data straight to its file."""

    def __init__(self, upload: Upload, max_files: int) -> None:
        self.upload = upload
        self.max_files = max_files
        self.taken: set[str] = set()
        self.header_name = b""
        self.header_value = b""
        self.disposition = b""
        self.name = ""
        self.file: IO[bytes] | None = None
        self.text = bytearray()
        self.n_fields = 0

    def on_part_begin(self) -> None:
        self.disposition, self.name, self.file, self.text = b"", "", None, bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        if self.header_name.lower() == b"content-disposition":
            self.disposition = self.header_value
        self.header_name, self.header_value = b"", b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self.disposition)
        self.name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" not in options:
            self.n_fields += 1
            if self.n_fields > MAX_FIELDS:
                raise UploadRefused(400, N_("The form holds more fields than this page sends."))
            return
        filename = options[b"filename"].decode("utf-8", "replace")
        if not filename:
            return  # a file input left empty: browsers send the part with no name and no data
        if len(self.upload.files) >= self.max_files:
            raise UploadRefused(
                413, N_("At most %(n)s files can be sent at once."), n=self.max_files
            )
        path = self.upload.folder / safe_name(filename, self.taken)
        self.file = path.open("xb")
        self.upload.files.append(path)

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.file is not None:
            self.file.write(data[start:end])
        elif self.name:
            if len(self.text) + end - start > MAX_FIELD_BYTES:
                raise UploadRefused(400, N_("A form field is longer than this page allows."))
            self.text += data[start:end]

    def on_part_end(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        elif self.name:
            value = self.text.decode("utf-8", "replace")
            self.upload.fields.setdefault(self.name, []).append(value)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


TOO_LARGE = N_(
    "The upload is larger than this server accepts (%(mb)s MB). Send the LinkedIn export zip "
    "as downloaded, or restart netscan serve with a larger --max-upload-mb."
)


def check_length(content_length: str | None, cap: int) -> None:
    """Refuse early when the client announces a body over the cap."""
    length = (content_length or "").strip()
    if length.isdigit() and int(length) > cap:
        raise UploadRefused(413, TOO_LARGE, mb=cap // (1024 * 1024))


async def receive_form(
    content_type: str,
    chunks: AsyncIterator[bytes],
    folder: Path,
    *,
    cap: int,
    max_files: int,
) -> Upload:
    """Parse a multipart/form-data body from `chunks` into `folder`, at most `cap` bytes.

    Raises `UploadRefused` (413 over the cap, 400 for a malformed form) as soon as it knows,
    without reading the rest of the body; the caller removes `folder` whatever happens.
    """
    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadRefused(
            400, N_("Send the form from the upload page (multipart/form-data).")
        )
    upload = Upload(folder=folder)
    receiver = _Receiver(upload, max_files)
    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": receiver.on_part_begin,
            "on_part_data": receiver.on_part_data,
            "on_part_end": receiver.on_part_end,
            "on_header_field": receiver.on_header_field,
            "on_header_value": receiver.on_header_value,
            "on_header_end": receiver.on_header_end,
            "on_headers_finished": receiver.on_headers_finished,
        },
    )
    seen = 0
    try:
        async for chunk in chunks:
            seen += len(chunk)
            if seen > cap:
                raise UploadRefused(413, TOO_LARGE, mb=cap // (1024 * 1024))
            parser.write(chunk)
        parser.finalize()
    except FormParserError as error:
        raise UploadRefused(
            400, N_("The form data is malformed; send it again from the page.")
        ) from error
    finally:
        receiver.close()
    return upload
