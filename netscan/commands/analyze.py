"""`netscan analyze`: the full run — read, score, diagnose, write the report (and JSON, ties)."""

from __future__ import annotations

import json
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from netscan.commands.options import check_writable, export_paths, lang_option
from netscan.i18n import gettext as _
from netscan.i18n import ngettext, use_locale
from netscan.l10n import day, number

if TYPE_CHECKING:
    from netscan.analysis import Analysis


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str], None]]:
    """A stage bar on a terminal; nothing at all when stderr is piped or redirected."""
    if not enabled:
        yield lambda _stage: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    labels = {
        "read": _("Reading the export"),
        "score": _("Scoring ties"),
        "diagnose": _("Diagnosing the network"),
        "render": _("Writing the report"),
    }
    with Progress(
        TextColumn("{task.description:<24}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(_("Starting"), total=len(labels))
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
    help="An organisation you want to reach (repeatable): who can open the door?",
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
@lang_option
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
    lang: str,
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
        netscan analyze export.zip --lang nl -o rapport.html
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
    lang = lang.lower()
    with use_locale(lang), _progress(sys.stderr.isatty()) as progress:
        analysis = run_analysis(
            exports,
            goals=goals,
            targets=targets,
            as_of=as_of.date() if as_of else None,
            config=config,
            anonymize_key=secrets.token_bytes(32) if anonymize else None,
            progress=progress,
            fallback_as_of=today(),
            lang=lang,
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

    with use_locale(lang):
        _echo_summary(analysis, written)


def _echo_summary(analysis: Analysis, written: list[str]) -> None:
    """What was written and the headline numbers, in the report's language."""
    from netscan.report.sections import class_label

    composition = analysis.diagnosis.composition
    classes = ", ".join(
        f"{count} {class_label(name).lower()}" for name, count in composition.classes
    )
    click.echo(_("Wrote %(files)s") % {"files": ", ".join(written)})
    click.echo(
        ngettext(
            "%(num)d contact (%(classes)s), as of %(date)s.",
            "%(num)d contacts (%(classes)s), as of %(date)s.",
            composition.contacts,
        )
        % {"num": composition.contacts, "classes": classes, "date": day(analysis.as_of)}
    )
    for goal in analysis.diagnosis.goals[: len(analysis.goals_requested) or 3]:
        click.echo(
            _("%(label)s (%(id)s): %(verdict)s, fit %(fit)s")
            % {"label": _(goal.label_en), "id": goal.id, "verdict": _verdict_word(goal.verdict),
               "fit": number(goal.fit, 2)}
        )


def _verdict_word(verdict: str) -> str:
    words = {"fits": _("fits"), "partly": _("partly"), "does-not-fit": _("does-not-fit")}
    return words.get(verdict, verdict)
