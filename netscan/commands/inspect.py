"""``netscan inspect``: show what netscan found in an export, before any scoring."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from netscan.ingest import load_exports
from netscan.model import Export
from netscan.summary import inspect_summary


def _files_table(export: Export) -> Table:
    table = Table(title="Files", title_justify="left", show_lines=False)
    for name, justify in (
        ("file", "left"),
        ("status", "left"),
        ("variant", "left"),
        ("encoding", "left"),
        ("rows", "right"),
        ("used", "right"),
        ("skipped (reason)", "left"),
        ("dates", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for source in export.inputs:
        for report in source.files:
            skipped = ", ".join(f"{count} {reason}" for reason, count in report.skipped.items())
            dates = f"{report.date_range[0]} → {report.date_range[1]}" if report.date_range else ""
            table.add_row(
                report.name,
                report.status,
                report.variant,
                report.encoding,
                str(report.rows) if report.status == "used" else "",
                str(report.used) if report.status == "used" else "",
                skipped,
                dates,
            )
    return table


def _people_table(export: Export) -> Table:
    in_network = int(export.contacts.get_column("in_network").sum())
    rates = export.match_rates
    table = Table(title="People", title_justify="left", show_header=False)
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
@click.argument("exports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Also write these facts as JSON (the summary's owner/contacts/inputs/warnings keys).",
)
def inspect(exports: tuple[Path, ...], json_path: Path | None) -> None:
    """Show what netscan found in EXPORT: files, rows used and skipped, owner, match rates.

    EXPORT is a LinkedIn export zip, its extracted folder, or a Connections.csv file. Several
    EXPORTs of one person are merged.

    Example:

    \b
        netscan inspect Basic_LinkedInDataExport_11-27-2026.zip
        netscan inspect export/ --json found.json
    """
    export = load_exports(list(exports))
    console = Console(highlight=False, soft_wrap=False)
    owner = export.owner
    console.print(f"[bold]Owner:[/bold] {owner.name or 'unknown'}  (from {owner.inferred_from})")
    if owner.profile_url:
        console.print(f"        {owner.profile_url}")
    if export.oldest and export.newest:
        console.print(f"[bold]Dates:[/bold] {export.oldest} → {export.newest} (as-of default)")
    console.print(_files_table(export))
    console.print(_people_table(export))
    for warning in export.warnings:
        console.print(f"[yellow]Warning:[/yellow] {warning}")
    if json_path is not None:
        json_path.write_text(
            json.dumps(inspect_summary(export), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        console.print(f"Wrote {json_path}")
