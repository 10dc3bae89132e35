"""Write the issue-12 entries of sample_exports/edge/ (real-export shapes and hostile inputs).

    python sample_exports/make_edge_hostile.py

Every person, organisation and message in them is invented. Each entry reproduces one shape
that broke reading real exports, or one hostile input; tests/edge_expected.py holds the exact
expectations. Deterministic: zip entries carry a fixed time, so the bytes are the same each run.
"""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from pathlib import Path

EDGE = Path(__file__).resolve().parent / "edge"
STAMP = (2025, 3, 5, 9, 0, 0)
HEADER_2019 = "First Name,Last Name,Email Address,Company,Position,Connected On\n"
HEADER_2024 = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
NOTES = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing."\n\n'
)
CONNECTIONS = (
    NOTES
    + HEADER_2024
    + (
        "Ada,Vonk,https://www.linkedin.com/in/ada-vonk,,Kade BV,Engineer,01 May 2024\n"
        "Bas,Wiel,https://www.linkedin.com/in/bas-wiel,,Dijk NV,Analyst,02 May 2024\n"
    )
)
MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
    "SUBJECT,CONTENT,FOLDER\n"
)


def _message(thread: str, sender: str, to: str, when: str, body: str) -> str:
    slug = {
        name: "https://www.linkedin.com/in/" + name.lower().replace(" ", "-")
        for name in (sender, to)
    }
    return f'{thread},,{sender},{slug[sender]},{to},{slug[to]},{when},,"{body}",INBOX\n'


def _zip(path: Path, files: dict[str, bytes]) -> bytes:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return path.read_bytes()


def _folder(name: str, files: dict[str, bytes | str]) -> None:
    folder = EDGE / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for file, data in files.items():
        (folder / file).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _patch_member(data: bytes, name: str, patch: str) -> bytes:
    """A zip's bytes with member `name` damaged: ``crc``, ``deflate`` or ``encrypted``."""
    out = bytearray(data)
    local = data.index(b"PK\x03\x04" + data[4:4])  # first local header
    while local >= 0:
        name_len, extra_len = struct.unpack_from("<HH", out, local + 26)
        if out[local + 30 : local + 30 + name_len].decode() == name:
            break
        size = struct.unpack_from("<I", out, local + 18)[0]
        local = data.find(b"PK\x03\x04", local + 30 + name_len + extra_len + size)
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name.encode():
        central = data.index(b"PK\x01\x02", central + 1)
    if patch == "crc":
        for offset in (local + 14, central + 16):
            struct.pack_into("<I", out, offset, struct.unpack_from("<I", out, offset)[0] ^ 0xFFFF)
    elif patch == "encrypted":
        for offset in (local + 6, central + 8):
            struct.pack_into("<H", out, offset, struct.unpack_from("<H", out, offset)[0] | 1)
    else:  # deflate: the first block header made invalid
        start = local + 30 + name_len + extra_len
        out[start] = 0x07  # a final block of the reserved type 3: "invalid block type"
    return bytes(out)


def main() -> None:
    # §1: a 2018 comma-separated Messages.csv whose bodies hold HTML entities (more ";" than ",").
    entities = "It&rsquo;s good&nbsp;to hear&hellip; Let&rsquo;s talk&nbsp;soon &mdash; ok&rsquo;?"
    _folder(
        "messages_2018_entities",
        {
            "Connections.csv": HEADER_2019 + "Cor,Duin,,Gouw BV,Planner,12 Jun 2018\n",
            "Messages.csv": "From,To,Date,Subject,Content,Direction,Folder\n"
            f'Cor Duin,Eva Pol,"10/16/18, 8:36 AM",Hi,{entities},INCOMING,INBOX\n'
            f'Eva Pol,Cor Duin,"10/17/18, 9:00 AM",Re: Hi,{entities},OUTGOING,SENT\n'
            f'Cor Duin,Eva Pol,"10/18/18, 9:30 AM",Re: Hi,{entities} {entities},INCOMING,INBOX\n',
        },
    )
    # §2: a hand-edited one-row Recommendations_Received.csv lacking columns, and an endorsement
    # file of binary junk: both skipped with their reason; the analysis goes on.
    _folder(
        "side_files_broken",
        {
            "Connections.csv": CONNECTIONS,
            "Recommendations_Received.csv": "First Name,Text\nAda,Great colleague\n",
            "Endorsement_Received_Info.csv": bytes(range(256)) * 8,
        },
    )
    # §3: a 2019 Connections.csv without URLs: namesakes and a ", CFA" variant are distinct rows.
    (EDGE / "connections_2019_namesakes.csv").write_text(
        NOTES + HEADER_2019 + "Jan,Smit,,Kade BV,Engineer,01 Mar 2019\n"
        "Jan,Smit,,Dijk NV,Nurse,02 Mar 2019\n"
        "Jan,Smit,,Dijk NV,Nurse,02 Mar 2019\n"
        "Ana,Ruiz,,Gouw BV,Analyst,03 Mar 2019\n"
        'Ana,"Ruiz, CFA",,Gouw BV,Analyst,03 Mar 2019\n'
        "Li,Wen,li.wen@example.org,Zee BV,Baker,04 Mar 2019\n"
        "Li,Wen,LI.WEN@example.org,Zee BV,Baker,04 Mar 2019\n",
        encoding="utf-8",
    )
    # §4: an Excel re-save mixing UTF-8, cp1252 and ASCII lines, and values that were already
    # double-encoded (mojibake, "ï¿½").
    mixed = (
        HEADER_2019.encode()
        + "Jörg,Bäcker,,Kühl GmbH,Koch,01 Apr 2020\n".encode()
        + "Søren,Ærø,,Blå ApS,Smed,02 Apr 2020\n".encode("cp1252")
        + b"Tom,Day,,Acme,Clerk,03 Apr 2020\n"
        + "Zoë,Müller,,Café Nord,Chef,04 Apr 2020\n".encode().decode("cp1252").encode()
        + "Ola,Kraków,,Łódź Sp,Tester,05 Apr 2020\n".encode()
        + "Ike,Ng\ufffd,,Acme,Guard,06 Apr 2020\n".encode().decode("cp1252").encode()
    )
    (EDGE / "connections_mixed_encoding.csv").write_bytes(mixed)
    # §5: a half-downloaded zip, and a text file renamed .zip.
    whole = _zip(EDGE / "zip_truncated.zip", {"Connections.csv": CONNECTIONS.encode() * 40})
    (EDGE / "zip_truncated.zip").write_bytes(whole[: len(whole) // 2])
    (EDGE / "text_renamed.zip").write_text("just some notes\nnothing else\n", encoding="utf-8")
    # §11: 48 KB of zip holding a header and 50 million blank lines (a zip bomb of blank lines).
    with zipfile.ZipFile(EDGE / "zip_blank_lines.zip", "w", zipfile.ZIP_DEFLATED, 9) as archive:
        info = zipfile.ZipInfo("Connections.csv", STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, HEADER_2024.encode() + b"\n" * 50_000_000, compresslevel=9)
    # §12: bare-CR line endings everywhere (old Mac, some re-saves), and mixed endings.
    cr_messages = (
        MESSAGES_HEADER
        + _message("t1", "Cas Oort", "Dirk Veen", "2025-02-01 10:00:00 UTC", "Hello\rthere")
        + _message("t1", "Dirk Veen", "Cas Oort", "2025-02-02 10:00:00 UTC", "Hi")
        + _message("t1", "Dirk Veen", "Cas Oort", "2025-02-03 10:00:00 UTC", "Bye")
        + _message("t2", "Dirk Veen", "Eva Zon", "2025-02-04 10:00:00 UTC", "Hello Eva")
    )
    _folder(
        "export_cr_line_endings",
        {
            "Connections.csv": (
                HEADER_2024
                + "Cas,Oort,https://www.linkedin.com/in/cas-oort,,Kade BV,Engineer,01 May 2024\n"
            ).replace("\n", "\r"),
            "messages.csv": cr_messages.replace("\n", "\r"),
            "Invitations.csv": (
                "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
                'Dirk Veen,Cas Oort,"3/1/25, 1:07 PM",,OUTGOING,'
                "https://www.linkedin.com/in/dirk-veen,https://www.linkedin.com/in/cas-oort\n"
            ).replace("\n", "\r"),
            "Profile.csv": "First Name,Last Name,Headline\rDirk,Veen,Planner\r",
        },
    )
    (EDGE / "connections_mixed_line_endings.csv").write_bytes(
        NOTES.encode()
        + HEADER_2024.encode().replace(b"\n", b"\r\n")
        + b"Eli,Ros,https://www.linkedin.com/in/eli-ros,,A,B,01 May 2024\r"
        + b"Fay,Tak,https://www.linkedin.com/in/fay-tak,,A,B,02 May 2024\n"
        + b"Gus,Uil,https://www.linkedin.com/in/gus-uil,,A,B,03 May 2024\r\n"
        + b"Hal,Vis,https://www.linkedin.com/in/hal-vis,,A,B,04 May 2024\r"
    )
    # §13/§14: an archive holding a member with a bad checksum, one with corrupt deflate data and
    # one encrypted, beside a good Connections.csv: the side files are skipped with reasons.
    files = {
        "Connections.csv": CONNECTIONS.encode(),
        "messages.csv": (
            MESSAGES_HEADER
            + _message("t1", "Ada Vonk", "Pim Zon", "2024-06-01 10:00:00 UTC", "Hi Pim")
        ).encode()
        * 3,
        "Invitations.csv": b"From,To,Sent At,Message,Direction\n" + b"x,y,z,,OUTGOING\n" * 50,
        "Endorsement_Received_Info.csv": b"Endorsement Date,Skill Name\n" + b"a,b\n" * 50,
    }
    data = _zip(EDGE / "zip_damaged_side_files.zip", files)
    data = _patch_member(data, "messages.csv", "crc")
    data = _patch_member(data, "Invitations.csv", "deflate")
    data = _patch_member(data, "Endorsement_Received_Info.csv", "encrypted")
    (EDGE / "zip_damaged_side_files.zip").write_bytes(data)
    for patch in ("crc", "deflate", "encrypted"):
        path = EDGE / f"zip_{patch}_connections.zip"
        data = _zip(path, {"Connections.csv": CONNECTIONS.encode() * 5})
        path.write_bytes(_patch_member(data, "Connections.csv", patch))
    # §14: duplicate-suffix headers.
    (EDGE / "connections_duplicate_suffix_header.csv").write_text(
        "First Name,Last Name,First Name_2,URL,Email Address,Company,Position,Connected On,"
        "First Name\n"
        "Ivo,Wit,Ivo2,https://www.linkedin.com/in/ivo-wit,,Kade BV,Engineer,01 May 2024,Ivo3\n",
        encoding="utf-8",
    )
    # §17: a message dated after the export was made (the archive's name gives the day).
    _zip(
        EDGE / "Basic_LinkedInDataExport_03-05-2025.zip",
        {
            "Connections.csv": CONNECTIONS.encode(),
            "messages.csv": (
                MESSAGES_HEADER
                + _message("t1", "Ada Vonk", "Pim Zon", "2025-03-01 10:00:00 UTC", "Hi")
                + _message("t1", "Pim Zon", "Ada Vonk", "2025-03-05 23:00:00 UTC", "Late")
                + _message("t1", "Ada Vonk", "Pim Zon", "2025-08-01 10:00:00 UTC", "Future")
            ).encode(),
        },
    )
    # §19: placeholder URLs and e-mail addresses never merge people.
    (EDGE / "connections_placeholder_ids.csv").write_text(
        HEADER_2024 + "Jo,Aa,-,-,A,B,01 May 2024\n"
        "Ko,Bb,0,0,A,B,01 May 2024\n"
        "Lo,Cc,x,x,A,B,01 May 2024\n"
        "Mo,Dd,unknown,unknown,A,B,01 May 2024\n"
        "No,Ee,https://www.linkedin.com/in/,n/a,A,B,01 May 2024\n",
        encoding="utf-8",
    )
    # Bidirectional controls and zero-width characters in names.
    (EDGE / "connections_bidi_names.csv").write_text(
        HEADER_2024
        + "Ra\u200bna,Ot\u202egnip,https://www.linkedin.com/in/rana-ot,,A\u2066B,C,01 May 2024\n"
        + "Sem,\u200fVos\u200d,https://www.linkedin.com/in/sem-vos,,A,B,01 May 2024\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
