"""`netscan analyze`: the full run — read, score, diagnose, write the report (and JSON, ties)."""

from __future__ import annotations

import json
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import click

from netscan.commands.options import check_writable, export_paths


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str], None]]:
    """A stage bar on a terminal; nothing at all when stderr is piped or redirected."""
    if not enabled:
        yield lambda _stage: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    labels = {
        "read": "Reading the export",
        "score": "Scoring ties",
        "diagnose": "Diagnosing the network",
        "render": "Writing the report",
    }
    with Progress(
        TextColumn("{task.description:<24}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("Starting", total=len(labels))
        seen: list[str] = []

        def advance(stage: str) -> None:
            if seen:
                bar.advance(task)
            seen.append(stage)
            bar.update(task, description=labels.get(stage, stage))

        yield advance
        bar.update(task, completed=len(labels))


@click.command()
@export_paths
@click.option(
    "-g",
    "--goal",
    "goals",
    multiple=True,
    metavar="GOAL",
    help="A goal id to judge the network against (repeatable; see `netscan goals`). "
    "Without one, every goal is ranked.",
)
@click.option(
    "-t",
    "--target-company",
    "targets",
    multiple=True,
    metavar="COMPANY",
    help="An organisation you want to reach (repeatable; its first word is enough, case and "
    "accents ignored): who can open the door?",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("netscan-report.html"),
    show_default=True,
    help="Where to write the HTML report.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the summary as JSON (keys in docs/summary.md).",
)
@click.option(
    "--ties",
    "ties_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write one row per contact: CSV, or Parquet when the name ends in .parquet.",
)
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Treat this day as today for recency. Default: the newest date in the export.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A TOML file overriding the tie model's weights and thresholds "
    "(see docs/tie-strength.md).",
)
@click.option(
    "--anonymize",
    is_flag=True,
    help="Replace every contact's name, URL and e-mail with a stable pseudonym in all outputs.",
)
def analyze(
    exports: tuple[Path, ...],
    goals: tuple[str, ...],
    targets: tuple[str, ...],
    output: Path,
    json_path: Path | None,
    ties_path: Path | None,
    as_of: datetime | None,
    config_path: Path | None,
    anonymize: bool,
) -> None:
    """Score every relationship in EXPORT and write a self-contained HTML report.

    EXPORT is a LinkedIn data-export zip, an extracted export folder, a Connections.csv, or a
    Google, Outlook, vCard or CRM contacts file. Several EXPORTs are merged as one person's data.
    Nothing leaves this computer.

    Example:

    \b
        netscan analyze Basic_LinkedInDataExport_11-27-2026.zip
        netscan analyze export.zip -g job -g ideas -t "Kestrel Analytics" -o report.html
        netscan analyze export.zip --json summary.json --ties ties.csv --anonymize
    """
    from netscan.cli import today
    from netscan.pipeline import analyze as run_analysis
    from netscan.report import write_report
    from netscan.summary import analysis_summary
    from netscan.ties.config import load_config
    from netscan.ties.table import write_ties

    config = load_config(config_path)
    for target in (output, json_path, ties_path):
        check_writable(target)
    with _progress(sys.stderr.isatty()) as progress:
        analysis = run_analysis(
            exports,
            goals=goals,
            targets=targets,
            as_of=as_of.date() if as_of else None,
            config=config,
            anonymize_key=secrets.token_bytes(32) if anonymize else None,
            progress=progress,
            fallback_as_of=today(),
        )
        progress("render")
        report = write_report(analysis, output)
    written = [str(report)]
    if json_path is not None:
        json_path.write_text(
            json.dumps(analysis_summary(analysis), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        written.append(str(json_path))
    if ties_path is not None:
        written.append(str(write_ties(analysis.ties, ties_path)))

    composition = analysis.diagnosis.composition
    classes = ", ".join(f"{count} {name}" for name, count in composition.classes)
    click.echo(f"Wrote {', '.join(written)}")
    click.echo(f"{composition.contacts} contacts ({classes}), as of {analysis.as_of.isoformat()}.")
    from netscan.i18n import gettext

    words = {
        "fits": gettext("fits"),
        "partly": gettext("partly fits"),
        "does-not-fit": gettext("does not fit"),
    }
    from netscan.report.sections import opener_line, target_note

    for asked in analysis.diagnosis.targets:
        click.echo(f"-t {asked.target}: {target_note(asked)}")
        for line in [opener_line(o) for o in asked.openers[:5]]:
            click.echo(f"    {line}")
    from netscan.report.sections import address_book_only

    if address_book_only(analysis):
        click.echo(gettext(
            "A contact list with no messages, invitations, endorsements or recommendations: "
            "no tie strength or goal can be judged; the report shows who works where."
        ))
        return
    for goal in analysis.diagnosis.goals[: len(analysis.goals_requested) or 3]:
        label = goal.label_en[:1].upper() + goal.label_en[1:]
        click.echo(
            gettext("%(goal)s: %(verdict)s (%(fit)s fit, goal id %(id)s)")
            % {"goal": label, "verdict": words.get(goal.verdict, goal.verdict),
               "fit": f"{goal.fit:.0%}", "id": goal.id}
        )
