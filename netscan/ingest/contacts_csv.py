"""Google Contacts, Outlook and generic CRM contact CSVs (FORMATS §4), recognised by header.

Each format is judged by its columns, never by the file name (users rename downloads, and
Google's file is called ``contacts.csv`` like LinkedIn's address book). Column names vary with
era, locale and the user's property selection, so every field is found through a list of
synonyms; Outlook's ``Title`` is an honorific ("Dr."), so only the generic CRM reading takes
``Title`` as a job title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from netscan.ingest.address_cards import Card, cards_result, split_values
from netscan.ingest.decode import Table
from netscan.ingest.frames import FileResult

# Google numbers repeated fields: "E-mail 1 - Value", "Organization 1 - Name", "Website 2 - Type".
_GOOGLE_GROUP = re.compile(r"^(E-MAIL|PHONE|WEBSITE|ADDRESS|ORGANIZATION|RELATION|EVENT|IM) \d+ - ")
_GOOGLE_EMAIL = re.compile(r"^E-MAIL \d+ - VALUE$")
_GOOGLE_WEBSITE = re.compile(r"^WEBSITE \d+ - VALUE$")
_OUTLOOK_EMAIL = re.compile(r"^E-MAIL(?: \d)? ADDRESS$|^E-MAIL(?:-| \d-)ADRESSE$")

_FIRST = ("FIRST NAME", "FIRSTNAME", "GIVEN NAME", "FIRST", "VORNAME", "PRÉNOM", "PRENOM")
_MIDDLE = ("MIDDLE NAME", "MIDDLENAME", "ADDITIONAL NAME", "WEITERE VORNAMEN", "DEUXIÈME PRÉNOM")
_LAST = ("LAST NAME", "LASTNAME", "FAMILY NAME", "SURNAME", "LAST", "NACHNAME", "NOM")
_FULL = ("FULL NAME", "FULLNAME", "NAME", "CONTACT NAME", "DISPLAY NAME")
# Only when a row has no name parts at all: how the person is filed or nicknamed.
_FALLBACK_NAME = ("FILE AS", "NICKNAME")
_EMAIL = (
    "EMAIL",
    "E-MAIL",
    "EMAIL ADDRESS",
    "E-MAIL ADDRESS",
    "PRIMARY EMAIL",
    "WORK EMAIL",
    "EMAILS",
    "E-MAIL-ADRESSE",
    "ADRESSE DE MESSAGERIE",
)
_COMPANY = (
    "ORGANIZATION NAME",
    "ORGANIZATION 1 - NAME",
    "COMPANY",
    "COMPANY NAME",
    "ASSOCIATED COMPANY",
    "ACCOUNT NAME",
    "ORGANIZATION",
    "ORGANISATION",
    "COMPANIES",
    "FIRMA",
    "SOCIÉTÉ",
)
_JOB_TITLE = ("ORGANIZATION TITLE", "ORGANIZATION 1 - TITLE", "JOB TITLE", "POSITION", "FUNKTION")
_URL: tuple[str, ...] = ("LINKEDIN", "LINKEDIN URL", "LINKEDIN PROFILE", "LINKEDIN PROFILE URL")
_URL += ("WEB PAGE", "WEBSITE", "WEBSITE URL", "URL", "PROFILE URL", "WEBSEITE", "PAGE WEB")


@dataclass(frozen=True, slots=True)
class ContactsFormat:
    """What a contacts CSV was recognised as: the InputReport format and the FileReport variant."""

    format: str
    variant: str


def _present(columns: Sequence[str], names: Sequence[str]) -> list[str]:
    return [name for name in names if name in columns]


def detect_contacts_csv(table: Table, *, generic: bool = True) -> ContactsFormat | None:
    """The contacts format of a CSV judged by its header, or None when it is not one.

    `generic=False` accepts only the Google and Outlook layouts (a file LinkedIn names
    ``Contacts.csv`` is its own address book unless its header says otherwise).
    """
    columns = table.frame.columns
    semicolon = " (;-separated)" if table.separator == ";" else ""
    if "GROUP MEMBERSHIP" in columns or (
        "GIVEN NAME" in columns and any(_GOOGLE_GROUP.match(c) for c in columns)
    ):
        return ContactsFormat("google", "google-csv (legacy)" + semicolon)
    if any(_GOOGLE_GROUP.match(c) for c in columns) or {"FILE AS", "LABELS"} <= set(columns):
        return ContactsFormat("google", "google-csv (current)" + semicolon)
    if any(_OUTLOOK_EMAIL.match(c) for c in columns) and (
        {"JOB TITLE", "E-MAIL DISPLAY NAME", "E-MAIL 2 ADDRESS", "WEB PAGE"} & set(columns)
        or _present(columns, ("VORNAME", "PRÉNOM"))
    ):
        desktop = table.header[:1] in (("Title",), ("Anrede",), ("Titre",))
        variant = "outlook-desktop-csv" if desktop else "outlook.com-csv"
        return ContactsFormat("outlook", variant + semicolon)
    if not generic:
        return None
    has_name = _present(columns, (*_FIRST, *_LAST, *_FULL, *_FALLBACK_NAME))
    if has_name and _present(columns, (*_EMAIL, *_COMPANY)):
        if "RECORD ID" in columns:
            variant = "hubspot-contacts"
        elif "ACCOUNT NAME" in columns:
            variant = "salesforce-report"
        elif {"ID", "ACCOUNTID"} <= set(columns):
            variant = "salesforce-data-export"
        else:
            variant = "generic-contacts-csv"
        return ContactsFormat("generic", variant + semicolon)
    return None


def _first(row: dict[str, str | None], names: Sequence[str]) -> str | None:
    for name in names:
        values = split_values(row.get(name))
        if values:
            return values[0]
    return None


def _all(row: dict[str, str | None], names: Sequence[str]) -> tuple[str, ...]:
    return tuple(value for name in names for value in split_values(row.get(name)))


def _fallback_name(row: dict[str, str | None]) -> str | None:
    if _first(row, (*_FIRST, *_LAST)):
        return None
    return _first(row, _FALLBACK_NAME)


def read_contacts_csv(table: Table, name: str, found: ContactsFormat) -> FileResult:
    """People from a Google, Outlook or CRM contacts CSV: one card per row."""
    columns = table.frame.columns
    emails = [c for c in columns if _GOOGLE_EMAIL.match(c) or _OUTLOOK_EMAIL.match(c)]
    emails += _present(columns, _EMAIL)
    urls = [c for c in columns if _GOOGLE_WEBSITE.match(c)] + _present(columns, _URL)
    # A CRM's "Title" is the job title; Outlook's and Google's is an honorific.
    titles = (*_JOB_TITLE, "TITLE") if found.format == "generic" else _JOB_TITLE
    cards = [
        Card(
            raw=tuple(row.values()),
            first_name=_first(row, _FIRST),
            middle_name=_first(row, _MIDDLE),
            last_name=_first(row, _LAST),
            full_name=_first(row, _FULL) or _fallback_name(row),
            emails=_all(row, emails),
            urls=_all(row, urls),
            company=_first(row, _COMPANY),
            position=_first(row, titles),
        )
        for row in table.frame.iter_rows(named=True)
    ]
    return cards_result(name, found.variant, table.encoding, cards)
