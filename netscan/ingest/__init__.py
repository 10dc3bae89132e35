"""Read LinkedIn exports (zip, folder or single file) and contact files into the core tables.

``load_exports`` is the one entry point: open every EXPORT argument, decode the files netscan
reads, infer the owner, read each file family, and merge people across all of them. Every row of
every file is used or counted as skipped, and every other file is listed as not used. A single
file may also be a Google, Outlook or CRM contacts CSV or a vCard file (FORMATS §4): its people
join the network as contacts and merge with the LinkedIn people given in the same call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TypeVar

import polars as pl

from netscan.errors import EmptyExport, NetscanError, UnknownExportFormat, UnreadableFile
from netscan.i18n import gettext
from netscan.ingest.address_book import read_address_book
from netscan.ingest.connections import read_connections
from netscan.ingest.contacts_csv import detect_contacts_csv, read_contacts_csv
from netscan.ingest.dates import DateWindow
from netscan.ingest.decode import Table, read_table
from netscan.ingest.endorsements import endorsement_keys, read_endorsements
from netscan.ingest.frames import FileResult
from netscan.ingest.identity import normalise_name_series
from netscan.ingest.invitations import read_invitations
from netscan.ingest.merge import merge
from netscan.ingest.messages import DICTIONARY_ENCODED as MESSAGE_DICTIONARY
from netscan.ingest.messages import WANTED as MESSAGE_COLUMNS
from netscan.ingest.messages import condense as condense_messages
from netscan.ingest.messages import read_messages
from netscan.ingest.owner import infer_owner
from netscan.ingest.recommendations import read_recommendations
from netscan.ingest.sources import Member, Source, family_of, open_export
from netscan.ingest.stream import read_member
from netscan.ingest.vcard import is_vcard, read_vcard
from netscan.model import Export, FileReport, InputReport

__all__ = ["load_exports"]

_READS = (
    "LinkedIn's Connections.csv, or a LinkedIn data export (the zip or its extracted folder) "
    "holding Connections.csv, messages.csv, Invitations.csv, endorsement, recommendation, "
    "Profile, Positions, Education and address-book files; or one contacts file: a Google "
    "Contacts or Outlook CSV, a vCard .vcf, or a CSV with name and e-mail or company columns"
)
_T = TypeVar("_T")
_PROFILE_FAMILIES = {"profile", "positions", "education"}
# The files that name the people: one that cannot be read stops the analysis. Any other file
# that cannot be read is skipped with its reason, and the analysis goes on without it.
_REQUIRED = {"connections", "contacts"}
# Small files netscan does not read are opened only to tell "empty" from "not used".
_PEEK_LIMIT = 64 * 1024


@dataclass(frozen=True, slots=True)
class _Loaded:
    member: Member
    family: str
    table: Table
    label: str
    # Contact files (family "contacts") are read as soon as they are recognised.
    result: FileResult | None = None
    format: str = "linkedin"


def _label(source: Source, member: Member) -> str:
    return member.location if source.kind != "file" else str(source.path)


def _sniff_family(table: Table) -> str | None:
    """The family of a single CSV whose name is not LinkedIn's, judged by its header."""
    # Privacy-trimmed re-saves keep only Company,Position,Connected On (FORMATS §2.1).
    if table.has("CONNECTED ON") and (table.has("FIRST NAME") or table.has("COMPANY")):
        return "connections"
    if table.has("CONVERSATION ID") and table.has("SENDER PROFILE URL"):
        return "messages"
    return None


def _unused_report(member: Member) -> FileReport:
    """A FileReport for a file netscan does not read: ``empty`` when it holds no data rows."""
    status = "not-used"
    if member.size <= _PEEK_LIMIT:
        try:
            data = member.read()
        except NetscanError:  # a damaged member netscan would not have read anyway
            return FileReport(member.name, "unreadable", 0, 0, {}, status=status)
        if data.startswith(b"PK\x03\x04"):  # a workbook or zip under a .csv name: not read
            return FileReport(member.name, "", 0, 0, {}, status=status)
        text = data.decode("utf-8", errors="ignore").replace("\ufeff", "")
        lines = [line for line in text.splitlines() if line.strip(" ,\t\x00")]
        if len(lines) <= 1:
            status = "empty"
    return FileReport(member.name, "", 0, 0, {}, status=status)


def _require_rows(source: Source, table: Table) -> None:
    """A single-file EXPORT must hold data: a header-only file is an error, not zero contacts."""
    if table.rows == 0:
        raise EmptyExport(
            f"{source.path} has a header but no data rows.",
            "Export your data again from LinkedIn; this file holds no people.",
        )


def _guarded(label: str, read: Callable[[], _T]) -> _T:
    """`read()`, with a polars parse failure turned into a one-line UnreadableFile."""
    try:
        return read()
    except pl.exceptions.PolarsError as error:
        # polars quotes the offending row, message text included: never shown to the user.
        raise UnreadableFile(
            f"{label} could not be read as CSV ({type(error).__name__}).",
            "Open the file in Excel or LibreOffice and save it as CSV (UTF-8), or use the file "
            "LinkedIn sent.",
        ) from error


def _skipped_report(member: Member) -> FileReport:
    return FileReport(member.name, "unreadable", 0, 0, {}, status="not-used")


def _load_source(source: Source) -> tuple[list[_Loaded], list[FileReport], list[str]]:
    loaded: list[_Loaded] = []
    unused: list[FileReport] = []
    notes: list[str] = list(source.notes)
    for member in source.members:
        family = family_of(member.name)
        if source.kind == "file" and family in (None, "address_book"):
            data = member.read()
            if is_vcard(data):
                result = read_vcard(data, member.name, str(source.path))
                if result.report.rows == 0:
                    raise EmptyExport(
                        f"{source.path} is a vCard file with no cards in it.",
                        "Export the contacts again; this file holds no people.",
                    )
                empty = Table(pl.DataFrame(), (), result.report.encoding, "")
                loaded.append(_Loaded(member, "contacts", empty, str(source.path), result, "vcard"))
                continue
            table = _guarded(str(source.path), partial(read_table, data, str(source.path)))
            family = family or _sniff_family(table)
            # Google names its file contacts.csv like LinkedIn's address book: the header
            # decides, and only the Google/Outlook layouts override LinkedIn's name.
            found = (
                detect_contacts_csv(table, generic=family is None)
                if family in (None, "address_book")
                else None
            )
            if found is not None:
                _require_rows(source, table)
                result = _guarded(
                    str(source.path), partial(read_contacts_csv, table, member.name, found)
                )
                loaded.append(
                    _Loaded(member, "contacts", table, str(source.path), result, found.format)
                )
                continue
            if family is None:
                raise UnknownExportFormat(
                    f"{source.path} is neither a LinkedIn export file nor a contacts file "
                    "netscan recognises.",
                    f"netscan reads {_READS}.",
                )
            _require_rows(source, table)
            loaded.append(_Loaded(member, family, table, str(source.path)))
            continue
        if family is None:
            unused.append(_unused_report(member))
            continue
        label = _label(source, member)
        try:
            if family == "messages":
                read = partial(read_member, dictionary=MESSAGE_DICTIONARY)
                table = _guarded(
                    label, partial(read, member, label, MESSAGE_COLUMNS, condense_messages)
                )
            else:
                table = _guarded(label, partial(read_member, member, label))
        except NetscanError as error:
            if family in _REQUIRED or source.kind == "file":
                raise
            notes.append(f"{error.message} It was skipped; the rest of the export was read.")
            unused.append(_skipped_report(member))
            continue
        if source.kind == "file":
            _require_rows(source, table)
        loaded.append(_Loaded(member, family, table, label))
    if not any(item.family not in _PROFILE_FAMILIES for item in loaded):
        raise UnknownExportFormat(
            f"{source.path} holds no LinkedIn relationship file "
            "(Connections.csv, messages.csv, …).",
            f"netscan reads {_READS}.",
        )
    return loaded, unused, notes


def _of(loaded: Sequence[_Loaded], *families: str) -> list[_Loaded]:
    return [item for item in loaded if item.family in families]


def load_exports(paths: Sequence[Path]) -> Export:
    """Everything in the EXPORT paths of one person, merged into one Export.

    Raises a NetscanError subclass (naming the file, with a hint) for a missing path, an archive
    that is unsafe, a file that is not readable CSV, or an input with nothing LinkedIn in it.
    """
    sources = [open_export(Path(path)) for path in paths]
    loaded_sources = [_load_source(source) for source in sources]
    warnings: list[str] = [note for _, _, notes in loaded_sources for note in notes]
    per_source = _drop_identical_files(sources, loaded_sources, warnings)
    everything = [item for loaded, _ in per_source for item in loaded]
    for item in everything:
        if item.table.repairs:
            warnings.append(
                f"{item.label}: {item.table.repairs:,} values held garbled characters (such as "
                "'Ã¤' for 'ä', from a wrong decode before export) and were repaired."
            )
    created = [source.created for source in sources]
    window = DateWindow.made_on(
        max(day for day in created if day is not None) if None not in created else None
    )
    tables = {
        family: [item.table for item in _of(everything, family)]
        for family in ("profile", "positions", "education", "messages", "invitations")
    }
    results_by_source: list[list[tuple[_Loaded, FileResult]]] = []
    all_results: list[FileResult] = []
    known: set[str] = set()
    with ThreadPoolExecutor(max_workers=1) as helper:
        # Finding the owner takes passes over the messages (~0.07 s for a million), and the
        # Connections files need only the window: a helper thread finds the owner meanwhile.
        inferred = helper.submit(
            partial(
                infer_owner,
                profiles=tables["profile"],
                positions=tables["positions"],
                education=tables["education"],
                messages=tables["messages"],
                invitations=tables["invitations"],
            )
        )
        for loaded, _ in per_source:
            done: list[tuple[_Loaded, FileResult]] = []
            for item in _of(loaded, "connections"):
                result = read_connections(item.table, item.member.name, window=window)
                done.append((item, result))
                names = normalise_name_series(result.people.get_column("full_name")).drop_nulls()
                known.update(names.to_list())
            results_by_source.append(done)
        owner, keys = inferred.result()
    for (loaded, unused), done in zip(per_source, results_by_source, strict=True):

        def attempt(
            item: _Loaded,
            read: Callable[[], FileResult],
            done: list[tuple[_Loaded, FileResult]] = done,
            unused: list[FileReport] = unused,
        ) -> FileResult | None:
            """A side file's result, or None when it cannot be read (skipped with its reason)."""
            try:
                result = _guarded(item.label, read)
            except NetscanError as error:
                if item.family in _REQUIRED:
                    raise
                warnings.append(f"{error.message} It was skipped; the rest of the export was read.")
                unused.append(_skipped_report(item.member))
                return None
            done.append((item, result))
            return result

        for item in _of(loaded, "messages"):
            attempt(
                item,
                partial(
                    read_messages,
                    item.table,
                    item.member.name,
                    owner_url=keys.url,
                    owner_names=keys.names,
                    known_names=known,
                    window=window,
                ),
            )
        for item in _of(loaded, "invitations"):
            attempt(item, partial(read_invitations, item.table, item.member.name, window=window))
        received: set[str] = set()
        for item in _of(loaded, "endorsements_received", "endorsements_given"):
            given = item.family == "endorsements_given"
            read = partial(
                read_endorsements, item.table, item.member.name, given=given, window=window
            )
            found = attempt(item, read)
            if found is not None and not given:
                received |= endorsement_keys(found)
        for item in _of(loaded, "endorsements_received_legacy"):
            read = partial(
                read_endorsements,
                item.table,
                item.member.name,
                given=False,
                already=frozenset(received),
                window=window,
            )
            attempt(item, read)
        for item in _of(loaded, "recommendations_received", "recommendations_given"):
            given = item.family == "recommendations_given"
            read = partial(
                read_recommendations, item.table, item.member.name, given=given, window=window
            )
            attempt(item, read)
        for item in _of(loaded, "address_book"):
            attempt(item, partial(read_address_book, item.table, item.member.name))
        for item in _of(loaded, "contacts"):
            assert item.result is not None
            done.append((item, item.result))
        for _item, result in done:
            all_results.append(result)
            warnings.extend(w for w in result.warnings if w not in warnings)
    if len(sources) > 1:
        all_results = _drop_repeated_events(results_by_source, warnings)
    contacts, events, rates = merge(all_results, keys)
    inputs = []
    for source, (loaded, unused), done in zip(sources, per_source, results_by_source, strict=True):
        reports = [result.report for _, result in done]
        reports += [_profile_report(item) for item in _of(loaded, *_PROFILE_FAMILIES)]
        reports += unused
        formats = sorted({item.format for item in loaded})
        inputs.append(
            InputReport(
                str(source.path),
                formats[0] if len(formats) == 1 else "linkedin",
                tuple(sorted(reports, key=_report_order)),
            )
        )
    if not owner.name and owner.profile_url is None:
        warnings.append(
            gettext(
                "Could not tell whose export this is: no Profile.csv, messages or outgoing "
                "invitations."
            )
        )
    address_books = [item for item in everything if item.family == "contacts"]
    if address_books and len(address_books) == len(everything):
        books = ", ".join(item.member.name for item in address_books)
        warnings.append(
            gettext(
                "%(files)s: an address book records whom you know, not how you interact, so "
                "every contact in it is latent (no evidence, which is not the same as a weak tie)."
            )
            % {"files": books}
        )
    elif not _of(everything, "messages"):
        warnings.append(
            gettext(
                "No messages.csv was found, so message activity is unknown (not zero): tie "
                "strength rests on connections, invitations, endorsements and recommendations "
                "only."
            )
        )
    if contacts.height == 0 and not any(f.rows for source in inputs for f in source.files):
        # Every file was empty or skipped: an error, never a report about nobody.
        inputs_given = ", ".join(str(source.path) for source in sources)
        why = next((w for w in warnings if "It was skipped" in w), "")
        raise EmptyExport(
            f"{inputs_given} holds no rows netscan can read: every file is empty or was skipped"
            + (
                f" ({why.removesuffix(' It was skipped; the rest of the export was read.')})"
                if why
                else ""
            )
            + ".",
            "Download the export again from LinkedIn, or pass the Connections.csv it holds.",
        )
    oldest, newest = _span(contacts, events)
    return Export(
        contacts=contacts,
        events=events,
        owner=owner,
        inputs=tuple(inputs),
        match_rates=rates,
        warnings=tuple(warnings),
        newest=newest,
        oldest=oldest,
    )


def _drop_identical_files(
    sources: Sequence[Source],
    loaded_sources: Sequence[tuple[list[_Loaded], list[FileReport], list[str]]],
    warnings: list[str],
) -> list[tuple[list[_Loaded], list[FileReport]]]:
    """Each source's files, less those identical to a file of an earlier source.

    The same export given twice (or the Basic and the Complete archive of one person) holds the
    same files; read twice, every endorsement and message would count twice.
    """
    seen: list[tuple[_Loaded, Source]] = []
    kept: list[tuple[list[_Loaded], list[FileReport]]] = []
    for source, (loaded, unused, _notes) in zip(sources, loaded_sources, strict=True):
        mine: list[_Loaded] = []
        for item in loaded:
            twin = next(
                (
                    (other, where)
                    for other, where in seen
                    if other.family == item.family
                    and where is not source
                    and other.table.frame.shape == item.table.frame.shape
                    and other.table.frame.equals(item.table.frame)
                ),
                None,
            )
            if twin is None:
                mine.append(item)
                continue
            warnings.append(f"{item.label} is identical to {twin[0].label}; it was read once.")
            unused.append(
                FileReport(item.member.name, "same as another input", 0, 0, {}, status="not-used")
            )
        seen.extend((item, source) for item in mine)
        kept.append((mine, unused))
    return kept


def _drop_repeated_events(
    results_by_source: Sequence[Sequence[tuple[_Loaded, FileResult]]], warnings: list[str]
) -> list[FileResult]:
    """Every result, with events that another input also holds counted once.

    Overlapping archives of one person (Basic and Complete, two downloads a month apart) hold
    the same messages and endorsements. An event repeated within one input is kept as often as
    it occurs there (two endorsements on one day are two); across inputs, as often as the input
    holding it most often.
    """
    results = [result for done in results_by_source for _, result in done]
    tagged = [
        result.events.with_columns(
            pl.lit(number, pl.Int32).alias("_input"), pl.lit(index, pl.Int32).alias("_result")
        )
        for index, (number, result) in enumerate(
            (number, result) for number, done in enumerate(results_by_source) for _, result in done
        )
        if result.events.height
    ]
    if not tagged:
        return results
    events = pl.concat(tagged)
    columns = [name for name in events.columns if name not in ("_input", "_result")]
    kept = events.with_columns(
        pl.int_range(pl.len()).over([*columns, "_input"]).alias("_copy")
    ).unique([*columns, "_copy"], keep="first", maintain_order=True)
    repeated = events.height - kept.height
    if not repeated:
        return results
    warnings.append(
        f"{repeated:,} interactions appear in more than one of the exports given; each was "
        "counted once."
    )
    return [
        replace(
            result,
            events=kept.filter(pl.col("_result") == index).drop("_input", "_result", "_copy"),
        )
        for index, result in enumerate(results)
    ]


def _report_order(report: FileReport) -> tuple[int, str]:
    rank = {"used": 0, "empty": 1, "not-used": 2}
    return rank.get(report.status, 3), report.name.lower()


def _profile_report(item: _Loaded) -> FileReport:
    rows = item.table.rows
    return FileReport(
        item.member.name,
        item.family,
        rows,
        rows,
        {},
        status="used" if rows else "empty",
        encoding=item.table.encoding,
    )


def _span(contacts: pl.DataFrame, events: pl.DataFrame) -> tuple[date | None, date | None]:
    days = pl.concat(
        [contacts.get_column("connected_on"), events.get_column("at").dt.date()]
    ).drop_nulls()
    if days.len() == 0:
        return None, None
    low, high = days.min(), days.max()
    assert isinstance(low, date) and isinstance(high, date)
    return low, high
