"""Exact expectations for every entry of sample_exports/edge/ (test_ingest_edge.py reads this).

Each entry is either an error (the NetscanError subclass name) or the counts load_exports must
give: in-network contacts, other people, events, and per file (rows, used, skipped-by-reason).
Every person in the corpus is invented.
"""

from __future__ import annotations

Files = dict[str, tuple[int, int, dict[str, int]]]

ERRORS: dict[str, str] = {
    "bad_empty.csv": "EmptyExport",
    "bad_header_only.csv": "EmptyExport",
    "bad_random_bytes.csv": "UnreadableFile",
    # A CSV whose columns name no person (no name, e-mail or company column).
    "bad_unknown_columns.csv": "UnknownExportFormat",
    "bad_xlsx_renamed.csv": "UnreadableFile",
    # Issue 12 §5: a half-downloaded zip and a text file named .zip say what they are.
    "zip_truncated.zip": "UnreadableFile",
    "text_renamed.zip": "UnreadableFile",
    # §11: 48 KB of zip expanding to 50 million blank lines: refused before anything is read.
    "zip_blank_lines.zip": "UnsafeArchive",
    # §14: the file that names the people cannot be unpacked (bad CRC, corrupt deflate data,
    # a password): one line naming the member, never a traceback.
    "zip_crc_connections.zip": "UnreadableFile",
    "zip_deflate_connections.zip": "UnreadableFile",
    "zip_encrypted_connections.zip": "UnreadableFile",
}

# name -> (contacts, other_people, events, files)
EXPECTED: dict[str, tuple[int, int, int, Files]] = {
    "address_book_2018": (
        1,
        1,
        0,
        {
            "Connections.csv": (1, 1, {}),
            "Imported Contacts.csv": (3, 2, {"not-a-person": 1}),
        },
    ),
    "address_book_2026": (0, 2, 0, {"ImportedContacts.csv": (3, 2, {"duplicate": 1})}),
    "connections_2018_us_dates.csv": (2, 0, 0, {"connections_2018_us_dates.csv": (2, 2, {})}),
    "connections_2020_no_preamble.csv": (
        2,
        0,
        0,
        {"connections_2020_no_preamble.csv": (2, 2, {})},
    ),
    "connections_2022_notes_preamble.csv": (
        2,
        0,
        0,
        {"connections_2022_notes_preamble.csv": (3, 2, {"blank-hidden-member": 1})},
    ),
    "connections_bom_blank_lines.csv": (1, 0, 0, {"connections_bom_blank_lines.csv": (1, 1, {})}),
    "connections_danish_semicolon.csv": (
        2,
        0,
        0,
        {"connections_danish_semicolon.csv": (2, 2, {})},
    ),
    "connections_duplicates_hostile.csv": (
        3,
        0,
        0,
        {
            "connections_duplicates_hostile.csv": (
                6,
                3,
                {"blank-hidden-member": 2, "duplicate": 1},
            )
        },
    ),
    "connections_excel_us.csv": (2, 0, 0, {"connections_excel_us.csv": (2, 2, {})}),
    "connections_names_removed.csv": (
        0,
        0,
        0,
        {"connections_names_removed.csv": (2, 0, {"not-a-person": 2})},
    ),
    "connections_powerquery_na.csv": (2, 0, 0, {"connections_powerquery_na.csv": (2, 2, {})}),
    "connections_utf16_tsv.csv": (1, 0, 0, {"connections_utf16_tsv.csv": (1, 1, {})}),
    "export_in_subfolder.zip": (
        2,
        2,
        6,
        {
            "Connections.csv": (2, 2, {}),
            "Contacts.csv": (2, 2, {}),
            "Endorsement Received Info.csv": (3, 1, {"duplicate": 1, "redacted": 1}),
            "Endorsement_Received_Info.csv": (1, 1, {}),
            "Invitations.csv": (1, 1, {}),
            "messages.csv": (3, 3, {}),
            "Profile.csv": (1, 1, {}),
            "LearningCoachMessages.csv": (0, 0, {}),
            "Reactions.csv": (0, 0, {}),
        },
    ),
    "messages_12col_drafts": (
        0,
        3,
        4,
        {"messages.csv": (6, 3, {"draft": 2, "sponsored": 1})},
    ),
    "messages_2018": (
        1,
        0,
        2,
        {"Connections.csv": (1, 1, {}), "Messages.csv": (3, 2, {"spam": 1})},
    ),
    "messages_2020": (1, 0, 2, {"Connections.csv": (1, 1, {}), "messages.csv": (2, 2, {})}),
    "messages_9col": (
        3,
        0,
        5,
        {"Connections.csv": (3, 3, {}), "messages.csv": (5, 4, {"no-counterpart": 1})},
    ),
    "modern_folder": (
        4,
        2,
        12,
        {
            "Connections.csv": (5, 4, {"blank-hidden-member": 1}),
            "Education.csv": (1, 1, {}),
            "Endorsement_Given_Info.csv": (1, 1, {}),
            "Endorsement_Received_Info.csv": (1, 1, {}),
            "Invitations.csv": (2, 2, {}),
            "messages.csv": (
                11,
                5,
                {
                    "draft": 1,
                    "duplicate": 1,
                    "linkedin-member": 1,
                    "spam": 1,
                    "sponsored": 1,
                    "unparseable-date": 1,
                },
            ),
            "Positions.csv": (2, 2, {}),
            "Profile.csv": (1, 1, {}),
            "Recommendations_Given.csv": (1, 1, {}),
            "Recommendations_Received.csv": (1, 1, {}),
            "guide_messages.csv": (0, 0, {}),
            "Skills.csv": (0, 0, {}),
        },
    ),
    "outlook_export": (
        2,
        0,
        0,
        {"linkedin_connections_export_microsoft_outlook.csv": (2, 2, {})},
    ),
    # 2018–2023 Invitations without profile columns: matched to connections by name (a
    # credential in the connection's name is ignored); the pending invitee is another person.
    "invitations_2022_no_urls": (
        2,
        1,
        3,
        {"Connections.csv": (2, 2, {}), "Invitations.csv": (3, 3, {})},
    ),
    # The 2018 Profile.csv header (Contact Instructions, Country) names the owner.
    "profile_2018": (
        2,
        0,
        0,
        {"Connections.csv": (2, 2, {}), "Positions.csv": (2, 2, {}), "Profile.csv": (1, 1, {})},
    ),
    # A pandas re-save in cp1252 with a duplicated "Creation Date.1" column; one recommender is a
    # connection (matched by the accented name), one is not.
    "recommendations_cp1252_resaved": (
        1,
        1,
        2,
        {"Connections.csv": (1, 1, {}), "Recommendations_Received.csv": (2, 2, {})},
    ),
    # Folder named like the zip, a stray `…zip.zip` copy and an .xlsx posing as Reactions.csv:
    # the stray zip and the workbook are listed as not used, never merged in or read.
    "zip_nested_debris.zip": (
        1,
        0,
        0,
        {
            "Connections.csv": (1, 1, {}),
            "Complete_LinkedInDataExport_08-26-2025.zip.zip": (0, 0, {}),
            "Reactions.csv": (0, 0, {}),
        },
    ),
    # Member names climbing out of the archive ("../../Connections.csv"): nothing is extracted,
    # so the file is simply read by its base name.
    "zip_path_traversal.zip": (
        1,
        0,
        0,
        {"Connections.csv": (1, 1, {}), "messages.csv": (0, 0, {})},
    ),
    # Non-LinkedIn contact files (FORMATS §4): every person is a contact, with no events.
    # Google current: BOM, CRLF, " ::: " multi-values, "* " labels, a multi-line quoted note, an
    # exact repeat, a phone-only row, and a person named only by a nickname.
    "google_current.csv": (
        4,
        0,
        0,
        {"google_current.csv": (6, 4, {"duplicate": 1, "not-a-person": 1})},
    ),
    "google_legacy.csv": (3, 0, 0, {"google_legacy.csv": (4, 3, {"not-a-person": 1})}),
    # Google CSV meant to be given with modern_folder: one by URL, one by e-mail, one by name.
    "google_merge_modern.csv": (4, 0, 0, {"google_merge_modern.csv": (4, 4, {})}),
    "outlook_com.csv": (3, 0, 0, {"outlook_com.csv": (4, 3, {"duplicate": 1})}),
    "outlook_desktop_quoted.csv": (
        2,
        0,
        0,
        {"outlook_desktop_quoted.csv": (3, 2, {"not-a-person": 1})},
    ),
    # German desktop Outlook: localized headers, ";" separator, cp1252.
    "outlook_semicolon_eu.csv": (2, 0, 0, {"outlook_semicolon_eu.csv": (2, 2, {})}),
    # iPhone vCard 3.0: CRLF, folded lines, item1. groups, X-SOCIALPROFILE, a base64 photo.
    "contacts_apple.vcf": (
        2,
        0,
        0,
        {"contacts_apple.vcf": (4, 2, {"duplicate": 1, "not-a-person": 1})},
    ),
    # Android vCard 2.1: quoted-printable UTF-8 with soft line breaks.
    "contacts_android_21.vcf": (2, 0, 0, {"contacts_android_21.vcf": (2, 2, {})}),
    "hubspot.csv": (2, 0, 0, {"hubspot.csv": (3, 2, {"not-a-person": 1})}),
    # Issue 12 §1: a 2018 comma-separated Messages.csv whose bodies hold more ";" (HTML
    # entities) than the header has commas: the header is known by its column names.
    "messages_2018_entities": (
        1,
        0,
        3,
        {"Connections.csv": (1, 1, {}), "Messages.csv": (3, 3, {})},
    ),
    # §2: side files that cannot be read are skipped with their reason; the analysis goes on.
    "side_files_broken": (
        2,
        0,
        0,
        {
            "Connections.csv": (2, 2, {}),
            "Endorsement_Received_Info.csv": (0, 0, {}),
            "Recommendations_Received.csv": (0, 0, {}),
        },
    ),
    # §3: no URL column; three "Jan Smit" rows (two identical), "Ana Ruiz" and "Ana Ruiz, CFA"
    # are five people; only the repeated e-mail address is a repeat.
    "connections_2019_namesakes.csv": (
        6,
        0,
        0,
        {"connections_2019_namesakes.csv": (7, 6, {"duplicate": 1})},
    ),
    # §4: UTF-8, cp1252 and ASCII lines in one file, plus double-encoded values (repaired).
    "connections_mixed_encoding.csv": (
        6,
        0,
        0,
        {"connections_mixed_encoding.csv": (6, 6, {})},
    ),
    # §12: bare-CR line endings in every file of an export, and CR/LF/CRLF mixed in one file.
    "export_cr_line_endings": (
        1,
        1,
        5,
        {
            "Connections.csv": (1, 1, {}),
            "Invitations.csv": (1, 1, {}),
            "messages.csv": (4, 4, {}),
            "Profile.csv": (1, 1, {}),
        },
    ),
    "connections_mixed_line_endings.csv": (
        4,
        0,
        0,
        {"connections_mixed_line_endings.csv": (4, 4, {})},
    ),
    # §13/§14: a bad CRC, corrupt deflate data and an encrypted member among the side files.
    "zip_damaged_side_files.zip": (
        2,
        0,
        0,
        {
            "Connections.csv": (2, 2, {}),
            "Endorsement_Received_Info.csv": (0, 0, {}),
            "Invitations.csv": (0, 0, {}),
            "messages.csv": (0, 0, {}),
        },
    ),
    # §14: `First Name,First Name_2,…,First Name`.
    "connections_duplicate_suffix_header.csv": (
        1,
        0,
        0,
        {"connections_duplicate_suffix_header.csv": (1, 1, {})},
    ),
    # §17: the archive's name dates the export 5 March 2025; a message of August is skipped.
    "Basic_LinkedInDataExport_03-05-2025.zip": (
        1,
        1,
        2,
        {"Connections.csv": (2, 2, {}), "messages.csv": (3, 2, {"implausible-date": 1})},
    ),
    # §19: "-", "0", "x", "unknown" as URL and e-mail: five people, not one.
    "connections_placeholder_ids.csv": (
        5,
        0,
        0,
        {"connections_placeholder_ids.csv": (5, 5, {})},
    ),
    # Bidirectional controls and zero-width characters in names (dropped at ingest).
    "connections_bidi_names.csv": (2, 0, 0, {"connections_bidi_names.csv": (2, 2, {})}),
    # Issue 12 §17: a message dated 9999-12-31 and one at the 1970 epoch are skipped (never the
    # analysis date); a connection dated 9999 is kept without a date (with a warning).
    "dates_far_future": (
        2,
        0,
        2,
        {
            "Connections.csv": (2, 2, {}),
            "messages.csv": (4, 2, {"implausible-date": 2}),
            "Profile.csv": (1, 1, {}),
        },
    ),
    "salesforce_report.csv": (2, 0, 0, {"salesforce_report.csv": (3, 2, {"duplicate": 1})}),
}
