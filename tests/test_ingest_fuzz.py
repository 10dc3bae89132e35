"""Property: whatever happens to a bundled export's bytes, `netscan inspect` ends cleanly.

Hypothesis mutates one or two files of a bundled export (the newcomer sample zip, edge exports
of every era, single contact files): random bytes, re-encodings, separators, quoting, line
endings, truncation, huge fields, blank lines, impossible dates. The real CLI entry runs
in-process on the result, packed as a folder or a zip (some zips damaged too), or given as the
one file. It must exit 0 with every row accounted for and somebody or some row found, or exit 1
with exactly one `Error:` line; never a traceback, a hang, message text on stderr, or a silently
empty result. Derandomized with a bounded example count, so CI sees the same 60 cases every run
in seconds.
"""

from __future__ import annotations

import json
import random
import re
import signal
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import polars as pl
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netscan.cli import cli

ROOT = Path(__file__).resolve().parent.parent / "sample_exports"
EDGE = ROOT / "edge"


def _folder(path: Path) -> dict[str, bytes]:
    return {child.name: child.read_bytes() for child in sorted(path.iterdir()) if child.is_file()}


def _zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {
            Path(info.filename).name: archive.read(info)
            for info in archive.infolist()
            if not info.is_dir() and not Path(info.filename).name.startswith(".")
        }


BASES: dict[str, dict[str, bytes]] = {
    "newcomer.zip": _zip(ROOT / "newcomer.zip"),
    "modern_folder": _folder(EDGE / "modern_folder"),
    "messages_2018": _folder(EDGE / "messages_2018"),
    "invitations_2022_no_urls": _folder(EDGE / "invitations_2022_no_urls"),
    "export_in_subfolder.zip": _zip(EDGE / "export_in_subfolder.zip"),
}
# Bases given as one file (EXPORT may be a single CSV or vCard): never packed.
SINGLE_FILES = (
    "connections_2022_notes_preamble.csv",
    "connections_utf16_tsv.csv",
    "google_current.csv",
    "outlook_semicolon_eu.csv",
    "contacts_apple.vcf",
)
BASES |= {name: {name: (EDGE / name).read_bytes()} for name in SINGLE_FILES}


def _message_bodies() -> set[str]:
    """Message texts of every base: none may ever reach the terminal."""
    bodies: set[str] = set()
    for files in BASES.values():
        for name, data in files.items():
            if name.lower() != "messages.csv":
                continue
            frame = pl.read_csv(data, infer_schema=False, truncate_ragged_lines=True)
            column = next(c for c in frame.columns if c.upper() == "CONTENT")
            bodies |= {body for body in frame.get_column(column).drop_nulls() if len(body) >= 12}
    return bodies


BODIES = _message_bodies()
Mutation = Callable[[st.DrawFn, bytes], bytes]
_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]{2} \d{4}|\d{1,2}/\d{1,2}/\d{2,4}")


def _position(draw: st.DrawFn, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


def flip_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        if out:
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    return bytes(out)


def insert_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    at = _position(draw, data)
    return data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]


def truncate(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: _position(draw, data)]


def reencode(draw: st.DrawFn, data: bytes) -> bytes:
    encoding = draw(st.sampled_from(["utf-16", "utf-16-be", "utf-8-sig", "cp1252", "latin-1"]))
    return data.decode("utf-8", errors="replace").encode(encoding, errors="replace")


def mixed_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = data.decode("utf-8", errors="replace").split("\n")
    picks = random.Random(draw(st.integers(0, 2**32))).choices([True, False], k=len(lines))
    return b"\n".join(
        line.encode("cp1252", errors="replace") if pick else line.encode("utf-8")
        for line, pick in zip(lines, picks, strict=True)
    )


def separators(draw: st.DrawFn, data: bytes) -> bytes:
    return data.replace(b",", draw(st.sampled_from([b";", b"\t", b"|"])))


def quoting(draw: st.DrawFn, data: bytes) -> bytes:
    if draw(st.booleans()):
        return data.replace(b'"', b"")
    out = data
    for _ in range(draw(st.integers(1, 4))):
        at = _position(draw, out)
        out = out[:at] + b'"' + out[at:]
    return out


def line_endings(draw: st.DrawFn, data: bytes) -> bytes:
    ending = draw(st.sampled_from([b"\r", b"\r\n", b"\n\r"]))
    if draw(st.booleans()):
        return data.replace(b"\n", ending)
    lines = data.split(b"\n")
    return b"".join(line + (ending if n % 2 else b"\n") for n, line in enumerate(lines))


def huge_field(draw: st.DrawFn, data: bytes) -> bytes:
    at = _position(draw, data)
    size = draw(st.sampled_from([70_000, 1_000_000]))
    field = b'"' + b"A" * size + b'"' if draw(st.booleans()) else b"B" * size
    return data[:at] + field + data[at:]


def blank_lines(draw: st.DrawFn, data: bytes) -> bytes:
    at = _position(draw, data)
    return (
        data[:at]
        + draw(st.sampled_from([b"\n", b"\r\n", b"\n \n", b",,,\n"]))
        * draw(st.sampled_from([3, 1000, 200_000]))
        + data[at:]
    )


def dates(draw: st.DrawFn, data: bytes) -> bytes:
    replacement = draw(
        st.sampled_from(
            [b"9999-12-31", b"0001-01-01", b"31 Dec 9999", b"1970-01-01", b"13/45/2020", b""]
        )
    )
    everywhere = draw(st.booleans())
    return _DATE.sub(replacement, data, count=0 if everywhere else 1)


def duplicate_header(draw: st.DrawFn, data: bytes) -> bytes:
    head, _, rest = data.partition(b"\n")
    cells = head.split(b",")
    cells.append(draw(st.sampled_from(cells)) + draw(st.sampled_from([b"", b"_2"])))
    return b",".join(cells) + b"\n" + rest


def emptied(draw: st.DrawFn, data: bytes) -> bytes:
    return draw(st.sampled_from([b"", b"\x00" * 64, b"\xef\xbb\xbf", data[:1]]))


MUTATIONS: tuple[Mutation, ...] = (
    flip_bytes,
    insert_bytes,
    truncate,
    reencode,
    mixed_lines,
    separators,
    quoting,
    line_endings,
    huge_field,
    blank_lines,
    dates,
    duplicate_header,
    emptied,
)


@st.composite
def mutated_exports(draw: st.DrawFn) -> tuple[str, dict[str, bytes], list[str], bool, bytes]:
    """(base, files, mutations done, packed as a zip, bytes to damage the zip with)."""
    base = draw(st.sampled_from(sorted(BASES)))
    files = dict(BASES[base])
    done: list[str] = []
    for _ in range(draw(st.integers(1, 2))):
        target = draw(st.sampled_from(sorted(files)))
        mutation = draw(st.sampled_from(MUTATIONS))
        files[target] = mutation(draw, files[target])
        done.append(f"{mutation.__name__}({target})")
    as_zip = base not in SINGLE_FILES and draw(st.booleans())
    # Some zips are damaged too: a few bytes of the archive itself overwritten (seeded).
    damage = draw(st.sampled_from([b"", b"", b"", b"\x00", b"\xff\x13"])) if as_zip else b""
    return base, files, done, as_zip, damage


@contextmanager
def _no_hang(seconds: int) -> Iterator[None]:
    def fail(*_args: object) -> None:
        raise TimeoutError(f"netscan inspect ran for over {seconds} s")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(
    max_examples=60,
    deadline=timedelta(seconds=20),
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(mutated_exports())
def test_any_mutated_export_ends_cleanly(
    case: tuple[str, dict[str, bytes], list[str], bool, bytes],
) -> None:
    base, files, done, as_zip, damage = case
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / base.removesuffix(".zip")
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        target = folder / base if base in SINGLE_FILES else folder
        if as_zip:
            target = Path(temp) / "export.zip"
            with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in files.items():
                    archive.writestr(name, data)
            if damage:
                packed = bytearray(target.read_bytes())
                spot = random.Random(len(packed) + sum(damage)).randrange(len(packed))
                packed[spot : spot + len(damage)] = damage
                target.write_bytes(bytes(packed))
        out = Path(temp) / "found.json"
        with _no_hang(60):
            result = CliRunner().invoke(cli, ["inspect", str(target), "--json", str(out)])
        context = f"{base} {done} zip={as_zip} damage={damage!r}: {result.output[:400]!r}"
        assert result.exit_code in (0, 1), context
        assert result.exception is None or isinstance(result.exception, SystemExit), context
        assert "Traceback" not in result.output, context
        leaked = [body for body in BODIES if body in result.output]
        assert not leaked, context
        if result.exit_code == 1:
            errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
            assert len(errors) == 1 and result.stderr.startswith("Error: "), context
            assert len(result.stderr) < 2000, context
            return
        found = json.loads(out.read_text(encoding="utf-8"))
        reports = [f for source in found["inputs"] for f in source["files"]]
        for report in reports:
            assert report["rows"] == report["used"] + sum(report["skipped"].values()), context
        people = found["contacts"] + found["other_people"]
        assert people > 0 or sum(report["rows"] for report in reports) > 0, context
