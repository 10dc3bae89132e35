"""Google, Outlook, CRM and vCard contact files: recognised by content, read person by person,
and merged with a LinkedIn export given in the same call (SPEC §2, FORMATS §4)."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from netscan.cli import cli
from netscan.ingest import load_exports
from netscan.ingest.vcard import read_vcard

EDGE = Path(__file__).resolve().parent.parent / "sample_exports" / "edge"

Person = tuple[str | None, str | None, str | None, str | None, str | None]

# file -> (InputReport.format, FileReport.variant, encoding,
#          people as (full_name, email, profile_url, company, position) sorted by name)
CASES: dict[str, tuple[str, str, str, list[Person]]] = {
    "google_current.csv": (
        "google",
        "google-csv (current)",
        "utf-8-sig",
        [
            (
                "Anna Berg",
                "anna.berg@example.com",
                "https://www.linkedin.com/in/anna-berg-test",
                "Cloud Co",
                "CTO",
            ),
            ("Jonas Lind", None, None, "Fjord AB", "Partner"),
            ("Kai", None, None, None, None),
            ("Zoë Müller", "zoe.muller@example.net", None, None, None),
        ],
    ),
    "google_legacy.csv": (
        "google",
        "google-csv (legacy)",
        "utf-8",
        [
            (
                "Pieter Smit",
                None,
                "https://www.linkedin.com/in/pieter-smit-test",
                "Dijkwerk BV",
                "Engineer",
            ),
            ("Ruth Okafor", "ruth.okafor@example.ng", None, None, None),
            ("Мария Петрова", "maria.petrova@example.ru", None, "Волга Софт", "Аналитик"),
        ],
    ),
    "outlook_com.csv": (
        "outlook",
        "outlook.com-csv",
        "utf-8",
        [
            # Outlook's "Title" column holds "Dr.", which is not a position.
            (
                "Grace Adeyemi",
                "grace.adeyemi@example.com",
                None,
                "Lagos Health Lab",
                "Research Director",
            ),
            ("Lena Fox", None, None, None, None),
            (
                "Tomás J Ibarra",
                "tomas@example.es",
                "https://www.linkedin.com/in/tomas-ibarra-test",
                "Sierra Verde",
                None,
            ),
        ],
    ),
    "outlook_desktop_quoted.csv": (
        "outlook",
        "outlook-desktop-csv",
        "utf-8",
        [
            ("Henrik Aalto", "henrik.aalto@example.fi", None, "Pohjola Oy", "Account Manager"),
            ("Priya Raman", "priya.raman@example.in", None, "Indus Works", "Product Lead"),
        ],
    ),
    "outlook_semicolon_eu.csv": (
        "outlook",
        "outlook-desktop-csv (;-separated)",
        "cp1252",
        [
            ("Hanna Öztürk", None, None, "Rheinwerk AG", "Ingenieurin"),
            (
                "Jürgen Weiß",
                "juergen.weiss@example.de",
                None,
                "Brückner & Söhne GmbH",
                "Einkaufsleiter",
            ),
        ],
    ),
    "contacts_apple.vcf": (
        "vcard",
        "vcard 3.0",
        "utf-8",
        [
            (
                "Elin Quist",
                "elin.quist@example.org",
                "https://www.linkedin.com/in/elin-quist-test",
                "Nordlys AS",
                "Lead Scientist",
            ),
            # The folded FN is unfolded; the "pref" e-mail wins over the first one.
            ("Torbjörn Dahl", "torbjorn.dahl@example.se", None, "Skärgård Konsult", None),
        ],
    ),
    "contacts_android_21.vcf": (
        "vcard",
        "vcard 2.1",
        "utf-8",
        [
            ("Sven Holm", None, None, "Holm Bygg & Målning", "Owner"),
            # Quoted-printable across a soft line break.
            ("Мария Петрова-Соколова", "maria.sokolova@example.ru", None, None, None),
        ],
    ),
    "hubspot.csv": (
        "generic",
        "hubspot-contacts",
        "utf-8",
        [
            ("Ines Carvalho", "ines.carvalho@example.pt", None, "Atlântico Lda", "Buyer"),
            ("Wei Zhang", None, None, "Jade River Ltd", "Operations Manager"),
        ],
    ),
    "salesforce_report.csv": (
        "generic",
        "salesforce-report",
        "utf-8",
        [
            ("Marta Nowak", "marta.nowak@example.pl", None, "Wisła Trading", "Procurement Lead"),
            ("Olu Bankole", "olu.bankole@example.com", None, "Harmattan Holdings", "VP Finance"),
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_contact_file_people(name: str) -> None:
    fmt, variant, encoding, people = CASES[name]
    export = load_exports([EDGE / name])
    (source,) = export.inputs
    (report,) = source.files
    assert (source.format, report.variant, report.encoding) == (fmt, variant, encoding)
    found = export.contacts.sort("full_name").select(
        "full_name", "email", "profile_url", "company", "position"
    )
    assert found.rows() == people
    # Address-book people are contacts (SPEC §4) without a connection date or any event.
    assert export.contacts.get_column("in_network").to_list() == [True] * len(people)
    assert export.contacts.get_column("connected_on").null_count() == len(people)
    assert export.contacts.get_column("sources").to_list() == [[name]] * len(people)
    assert export.events.height == 0
    assert export.newest is None


def test_google_file_named_like_linkedins_address_book_is_read_as_google(tmp_path: Path) -> None:
    """Google's download is called contacts.csv, as is LinkedIn's address book: the header wins."""
    renamed = tmp_path / "contacts.csv"
    shutil.copy(EDGE / "google_current.csv", renamed)
    export = load_exports([renamed])
    assert export.inputs[0].format == "google"
    assert int(export.contacts.get_column("in_network").sum()) == 4


def test_linkedin_address_book_named_contacts_csv_stays_linkedin(tmp_path: Path) -> None:
    """LinkedIn's own Contacts.csv (FIRST NAME, EMAILS…) is not taken for a generic CRM file."""
    book = tmp_path / "Contacts.csv"
    book.write_text(
        "Source,First Name,Last Name,Companies,Title,Emails,Phone Numbers,Created At\n"
        "Google,Una,Fell,Moss Ltd,Buyer,una.fell@example.com,,2024-01-01\n",
        encoding="utf-8",
    )
    export = load_exports([book])
    assert export.inputs[0].format == "linkedin"
    assert export.inputs[0].files[0].variant == "address-book-2022..2024 (Contacts.csv)"
    assert export.contacts.get_column("in_network").to_list() == [False]


def test_linkedin_folder_and_google_csv_merge_into_one_network() -> None:
    export = load_exports([EDGE / "modern_folder", EDGE / "google_merge_modern.csv"])
    assert [(source.format, Path(source.path).name) for source in export.inputs] == [
        ("linkedin", "modern_folder"),
        ("google", "google_merge_modern.csv"),
    ]
    contacts = export.contacts.filter("in_network")
    # modern_folder has 4 connections; Ada (by URL), Bram (by e-mail) and Célia (by name) are
    # the same people in the Google file, and Nils is new.
    assert contacts.height == 5
    assert export.contacts.height - contacts.height == 2
    by_name = {row["full_name"]: row for row in contacts.iter_rows(named=True)}
    assert sorted(by_name) == [
        "Ada Quill",
        "Bram Osterholt, CFA, CPA",
        "Célia Varga",
        "Dov Lanner 🚀",
        "Nils Brandt",
    ]
    for person in ("Ada Quill", "Bram Osterholt, CFA, CPA", "Célia Varga"):
        assert {"Connections.csv", "google_merge_modern.csv"} <= set(by_name[person]["sources"])
    assert by_name["Ada Quill"]["connected_on"] == date(2026, 3, 3)
    assert by_name["Nils Brandt"]["sources"] == ["google_merge_modern.csv"]
    assert by_name["Nils Brandt"]["connected_on"] is None
    alone = load_exports([EDGE / "modern_folder"])
    assert export.events.height == alone.events.height == 12


def test_vcard_unfolds_groups_and_prefers_the_pref_email() -> None:
    data = (
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ro\r\n sa Lind\\, PhD\r\n"
        b"item1.EMAIL;TYPE=work:first@example.org\r\n"
        b"item2.EMAIL;TYPE=\"home,pref\":second@example.org\r\n"
        b"ORG:Lind\\; Partners;Board\r\n"
        b"URL:https://nl.linkedin.com/in/rosa-lind-test/\r\nEND:VCARD\r\n"
    )
    result = read_vcard(data, "one.vcf", "one.vcf")
    assert result.report.variant == "vcard 4.0"
    assert result.people.select("full_name", "email", "url", "company").rows() == [
        (
            "Rosa Lind, PhD",
            "second@example.org",
            "https://www.linkedin.com/in/rosa-lind-test",
            "Lind; Partners",
        )
    ]


def test_analyze_a_google_csv_alone_and_with_a_linkedin_zip(tmp_path: Path) -> None:
    google = EDGE / "google_current.csv"
    runner = CliRunner()
    alone = runner.invoke(
        cli,
        ["analyze", str(google), "-o", str(tmp_path / "g.html"), "--as-of", "2026-11-02"],
        catch_exceptions=False,
    )
    assert alone.exit_code == 0, alone.output
    assert "4 contacts (0 strong, 0 medium, 0 weak, 0 dormant, 4 latent)" in alone.output
    html = (tmp_path / "g.html").read_text(encoding="utf-8")
    assert "an address book records whom you know" in html
    # The LinkedIn export as the zip LinkedIn sends, plus the Google file: one network.
    zipped = tmp_path / "Basic_LinkedInDataExport_11-02-2026.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        for member in sorted((EDGE / "modern_folder").iterdir()):
            archive.write(member, member.name)
    both = runner.invoke(
        cli,
        [
            "analyze",
            str(zipped),
            str(EDGE / "google_merge_modern.csv"),
            "-o",
            str(tmp_path / "both.html"),
        ],
        catch_exceptions=False,
    )
    assert both.exit_code == 0, both.output
    # modern_folder's 4 connections plus the one new person from the Google file.
    assert "\n5 contacts (" in both.output
