"""`netscan analyze`: the full run — read, score, diagnose, write the report (and JSON, ties)."""

from __future__ import annotations

import json
import secrets
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from netscan.commands.options import FilePath, IsoDate, check_goals, export_paths, lang_option
from netscan.commands.progress import stage_bar
from netscan.i18n import gettext as _
from netscan.i18n import ngettext, use_locale
from netscan.l10n import day, percent

if TYPE_CHECKING:
    from netscan.analysis import Analysis
    from netscan.ties.config import NetscanConfig


def _stages() -> dict[str, str]:
    return {
        "read": _("Reading the export"),
        "score": _("Scoring ties"),
        "diagnose": _("Diagnosing the network"),
        "render": _("Writing the report"),
    }


def analyse(
    exports: Sequence[Path],
    *,
    goals: Sequence[str] = (),
    targets: Sequence[str] = (),
    as_of: date | None = None,
    config: NetscanConfig | None = None,
    anonymize: bool = False,
    progress: Callable[[str], None] = lambda _stage: None,
    ratings: Path | None = None,
    lang: str | None = None,
) -> Analysis:
    """One person's analysis exactly as `netscan analyze` runs it (the upload page calls this
    too, so its report equals the command line's bytes for the same inputs and options).

    The anonymisation key is drawn here and never kept; the client's day is read only as the
    fallback for an export without any date.
    """
    from netscan.cli import today
    from netscan.pipeline import analyze as run_analysis

    return run_analysis(
        exports,
        goals=goals,
        targets=targets,
        as_of=as_of,
        config=config,
        anonymize_key=secrets.token_bytes(32) if anonymize else None,
        progress=progress,
        fallback_as_of=today(),
        ratings=ratings,
        lang=lang,
    )


@click.command()
@export_paths
@click.option(
    "-g",
    "--goal",
    "goals",
    multiple=True,
    metavar="GOAL",
    callback=check_goals,
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
    type=FilePath(),
    default=Path("netscan-report.html"),
    show_default=True,
    help="Where to write the HTML report.",
)
@click.option(
    "--json",
    "json_path",
    type=FilePath(),
    help="Also write the summary as JSON (keys in docs/summary.md).",
)
@click.option(
    "--ties",
    "ties_path",
    type=FilePath(),
    help="Also write one row per contact: .csv, .xlsx (Excel) or .parquet, by the name's ending.",
)
@click.option(
    "--as-of",
    type=IsoDate(),
    help="Treat this day as today for recency. Default: the newest date in the export.",
)
@click.option(
    "--config",
    "config_path",
    type=FilePath(),
    help="A TOML file overriding the tie model's weights and thresholds "
    "(see docs/tie-strength.md).",
)
@click.option(
    "--anonymize",
    is_flag=True,
    help="Pseudonymise people (you too), organisations and targets, reduce job titles to "
    "function and seniority, and number the input files, in every output.",
)
@click.option(
    "--ratings",
    "ratings_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your own 1–5 ratings of some contacts (a sheet from `netscan rate`): "
    "fit the tie model to them.",
)
@lang_option
def analyze(
    exports: tuple[Path, ...],
    goals: tuple[str, ...],
    targets: tuple[str, ...],
    output: Path,
    json_path: Path | None,
    ties_path: Path | None,
    as_of: date | None,
    config_path: Path | None,
    anonymize: bool,
    ratings_path: Path | None,
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
    from netscan.outputs import check_outputs, write_text_atomically
    from netscan.report import write_report
    from netscan.summary import analysis_summary
    from netscan.ties.config import load_config
    from netscan.ties.table import check_ties_path, write_ties

    if ties_path is not None:
        check_ties_path(ties_path)
    inputs = [*exports, *(p for p in (config_path, ratings_path) if p)]
    check_outputs([("-o", output), ("--json", json_path), ("--ties", ties_path)], inputs)
    config = load_config(config_path)
    lang = lang.lower()
    with use_locale(lang), stage_bar(sys.stderr.isatty(), _stages()) as progress:
        analysis = analyse(
            exports,
            goals=goals,
            targets=targets,
            as_of=as_of,
            config=config,
            anonymize=anonymize,
            progress=progress,
            ratings=ratings_path,
            lang=lang,
        )
        progress("render")
        report = write_report(analysis, output)
    written = [str(report)]
    if json_path is not None:
        write_text_atomically(
            json_path,
            json.dumps(analysis_summary(analysis), indent=2, ensure_ascii=False) + "\n",
            "--json",
        )
        written.append(str(json_path))
    if ties_path is not None:
        written.append(str(write_ties(analysis.ties, ties_path)))

    with use_locale(lang):
        _echo_summary(analysis, written)


def _echo_summary(analysis: Analysis, written: list[str]) -> None:
    """What was written and the headline numbers, in the report's language."""
    from netscan.invisible import visible_text
    from netscan.report.sections import address_book_only, class_label, opener_line, target_note

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
    for asked in analysis.diagnosis.targets:
        # What the user typed and what the export holds are shown without bidi or zero-width
        # characters, as everywhere else on the terminal.
        click.echo(visible_text(f"-t {asked.target}: {target_note(asked)}"))
        for line in [opener_line(o) for o in asked.openers[:5]]:
            click.echo(visible_text(f"    {line}"))
    if address_book_only(analysis):
        click.echo(_(
            "A contact list with no messages, invitations, endorsements or recommendations: "
            "no tie strength or goal can be judged; the report shows who works where."
        ))
        return
    for goal in analysis.diagnosis.goals[: len(analysis.goals_requested) or 3]:
        click.echo(
            _("%(goal)s: %(verdict)s (%(fit)s fit, goal id %(id)s)")
            % {"goal": _capital(_(goal.label_en)), "verdict": _verdict_word(goal.verdict),
               "fit": percent(goal.fit), "id": goal.id}
        )


def _verdict_word(verdict: str) -> str:
    words = {"fits": _("fits"), "partly": _("partly fits"), "does-not-fit": _("does not fit")}
    return words.get(verdict, verdict)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
