"""``netscan inspect``: show what netscan found in an export, before any scoring."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich import box
from rich.console import Console
from rich.markup import escape as escape_markup
from rich.table import Table

from netscan.commands.options import FilePath, export_paths
from netscan.ingest import load_exports
from netscan.invisible import visible_text
from netscan.model import Export
from netscan.summary import inspect_summary


def escape(text: str) -> str:
    """A value from the export as literal terminal text: no rich markup, no control, bidi or
    zero-width characters (a name must not rewrite the terminal or read backwards)."""
    return escape_markup(visible_text(text))


def _files_table(export: Export) -> Table:
    """The files netscan read, one line each, narrow enough for an 80-column terminal."""
    table = Table(title="Files read", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("file", overflow="fold", min_width=12)
    table.add_column("format variant", min_width=14, overflow="fold")
    table.add_column("rows", justify="right", no_wrap=True)
    table.add_column("used", justify="right", no_wrap=True)
    table.add_column("skipped", justify="right", no_wrap=True)
    table.add_column("years", no_wrap=True)
    for source in export.inputs:
        for report in source.files:
            if report.status != "used":
                continue
            variant = report.variant
            if report.encoding and report.encoding != "utf-8":
                variant = f"{variant}, {report.encoding}"
            dates = ""
            if report.date_range:
                first, last = report.date_range[0].year, report.date_range[1].year
                dates = str(first) if first == last else f"{first}–{last}"
            table.add_row(
                escape(report.name),
                escape(variant),
                f"{report.rows:,}",
                f"{report.used:,}",
                f"{sum(report.skipped.values()):,}" if report.skipped else "",
                dates,
            )
    return table


def _skipped_table(export: Export) -> Table | None:
    """Every skipped row counted under its reason (nothing is dropped silently)."""
    rows = [
        (report.name, reason, count)
        for source in export.inputs
        for report in source.files
        for reason, count in sorted(report.skipped.items())
    ]
    if not rows:
        return None
    table = Table(title="Rows skipped, and why", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("file", no_wrap=True)
    table.add_column("reason")
    table.add_column("rows", justify="right")
    for name, reason, count in rows:
        table.add_row(escape(name), reason, f"{count:,}")
    return table


def _not_read(export: Export) -> str | None:
    names = [
        f"{report.name} ({'header only' if report.status == 'empty' else 'not used'})"
        for source in export.inputs
        for report in source.files
        if report.status != "used"
    ]
    return f"Not read: {', '.join(names)}." if names else None


def _people_table(export: Export) -> Table:
    in_network = int(export.contacts.get_column("in_network").sum())
    rates = export.match_rates
    table = Table(title="People", title_justify="left", show_header=False, box=box.SIMPLE)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("contacts (your connections)", str(in_network))
    table.add_row(
        "other people (counterparts who are not connections)",
        str(export.contacts.height - in_network),
    )
    table.add_row(
        "interactions (messages, invitations, endorsements…)", str(export.events.height)
    )
    table.add_row("counterparts matched to a contact by profile URL", str(rates.by_url))
    table.add_row("… by e-mail", str(rates.by_email))
    table.add_row("… by name", str(rates.by_name))
    table.add_row("… not a contact", str(rates.unmatched))
    return table


@click.command("inspect")
@export_paths
@click.option(
    "--json",
    "json_path",
    type=FilePath(),
    help="Also write these facts as JSON (the summary's owner/contacts/inputs/warnings keys).",
)
def inspect(exports: tuple[Path, ...], json_path: Path | None) -> None:
    """Show what netscan found in EXPORT: files, rows used and skipped, owner, match rates.

    EXPORT is a LinkedIn export zip, its extracted folder, a Connections.csv file, or a Google,
    Outlook, vCard or CRM contacts file. Several EXPORTs of one person are merged.

    Example:

    \b
        netscan inspect Basic_LinkedInDataExport_11-27-2026.zip
        netscan inspect export/ --json found.json
    """
    from netscan.outputs import check_outputs, write_text_atomically

    check_outputs([("--json", json_path)], exports)
    export = load_exports(list(exports))
    console = Console(highlight=False, soft_wrap=False)
    owner = export.owner
    # Values from the export go through escape(): a name like "[bold]" is not rich markup.
    console.print(
        f"[bold]Owner:[/bold] {escape(owner.name or 'unknown')}  "
        f"(from {escape(owner.inferred_from)})"
    )
    if owner.profile_url:
        console.print(f"       {escape(owner.profile_url)}")
    if export.oldest and export.newest:
        console.print(
            f"[bold]Dates:[/bold] {export.oldest} → {export.newest} "
            "(the newest date is the default --as-of)"
        )
    console.print(_files_table(export))
    skipped = _skipped_table(export)
    if skipped is not None:
        console.print(skipped)
    not_read = _not_read(export)
    if not_read:
        console.print(escape(not_read), soft_wrap=True)
    console.print(_people_table(export))
    for warning in export.warnings:
        console.print(f"[yellow]Warning:[/yellow] {escape(warning)}", soft_wrap=True)
    if json_path is not None:
        write_text_atomically(
            json_path, json.dumps(inspect_summary(export), indent=2, ensure_ascii=False) + "\n",
            "--json",
        )
        console.print(f"Wrote {json_path}")
