"""`netscan compare OLD NEW`: what changed between two exports of the same person."""

from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from netscan.commands.options import lang_option
from netscan.commands.progress import stage_bar
from netscan.i18n import N_, use_locale
from netscan.i18n import gettext as _

if TYPE_CHECKING:
    from netscan.compare import Comparison

_STEPS = {
    "old read": N_("Reading OLD"),
    "old score": N_("Scoring OLD"),
    "old diagnose": N_("Diagnosing OLD"),
    "new read": N_("Reading NEW"),
    "new score": N_("Scoring NEW"),
    "new diagnose": N_("Diagnosing NEW"),
    "render": N_("Writing the report"),
}


@click.command(name="compare")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "--also-old",
    "also_old",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="EXPORT",
    help="Another file of the same date merged into OLD (e.g. a Google contacts CSV); "
    "repeatable.",
)
@click.option(
    "--also-new",
    "also_new",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="EXPORT",
    help="Another file of the same date merged into NEW; repeatable.",
)
@click.option(
    "-g",
    "--goal",
    "goals",
    multiple=True,
    metavar="GOAL",
    help="A goal id whose fit is compared (repeatable; see `netscan goals`). "
    "Without one, every goal is compared.",
)
@click.option(
    "-t",
    "--target-company",
    "targets",
    multiple=True,
    metavar="COMPANY",
    help="An organisation you want to reach (repeatable): who moved there?",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("netscan-compare.html"),
    show_default=True,
    help="Where to write the HTML report.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the comparison as JSON (keys in docs/compare.md).",
)
@click.option(
    "--anonymize",
    is_flag=True,
    help="Replace every contact's name, URL and e-mail with a pseudonym (the same one in "
    "both exports).",
)
@lang_option
def compare(
    old: Path,
    new: Path,
    also_old: tuple[Path, ...],
    also_new: tuple[Path, ...],
    goals: tuple[str, ...],
    targets: tuple[str, ...],
    output: Path,
    json_path: Path | None,
    anonymize: bool,
    lang: str,
) -> None:
    """Show what changed between two exports of the same person: OLD (earlier) and NEW.

    Each export is scored as of its own date; people are matched by profile URL, e-mail or
    name, so a contact who changed jobs is still the same person. Ties gained and lost,
    cooling and warming, who moved employer, and how each goal's fit moved and why.
    OLD and NEW given the wrong way round are swapped, with a warning.

    Example:

    \b
        netscan compare export-2025.zip export-2026.zip
        netscan compare old.zip new.zip -g job -t "Kestrel Analytics" -o compare.html
        netscan compare old.zip new.zip --json compare.json --anonymize
        netscan compare old.zip new.zip --lang nl -o vergelijking.html
    """
    from netscan.cli import today
    from netscan.compare import comparison_summary
    from netscan.outputs import check_outputs, write_text_atomically
    from netscan.pipeline import compare as run_compare
    from netscan.report.compare import write_compare_report

    inputs = [old, new, *also_old, *also_new]
    check_outputs([("-o", output), ("--json", json_path)], inputs)
    lang = lang.lower()
    with use_locale(lang), stage_bar(
        sys.stderr.isatty(), {step: _(label) for step, label in _STEPS.items()}
    ) as progress:
        comparison = run_compare(
            [old, *also_old],
            [new, *also_new],
            goals=goals,
            targets=targets,
            anonymize_key=secrets.token_bytes(32) if anonymize else None,
            progress=progress,
            fallback_as_of=today(),
            lang=lang,
        )
        progress("render")
        written = [str(write_compare_report(comparison, output))]
    with use_locale(lang):
        for warning in comparison.warnings:
            click.echo(_("Warning: %(text)s") % {"text": warning}, err=True)
    if json_path is not None:
        write_text_atomically(
            json_path,
            json.dumps(comparison_summary(comparison), indent=2, ensure_ascii=False) + "\n",
            "--json",
        )
        written.append(str(json_path))
    with use_locale(lang):
        _echo_summary(comparison, written, len(goals))


def _echo_summary(c: Comparison, written: list[str], asked: int) -> None:
    """What was written and what changed, in the report's language."""
    from netscan.l10n import day, number

    click.echo(_("Wrote %(files)s") % {"files": ", ".join(written)})
    click.echo(
        _("%(old_date)s → %(new_date)s: %(old)s → %(new)s contacts; %(gained)s gained, "
          "%(lost)s lost, %(cooling)s cooling, %(warming)s warming, %(moved)s moved employer.")
        % {"old_date": day(c.old.as_of), "new_date": day(c.new.as_of),
           "old": number(c.old.contacts), "new": number(c.new.contacts),
           "gained": number(len(c.gained)), "lost": number(len(c.lost)),
           "cooling": number(len(c.cooling)), "warming": number(len(c.warming)),
           "moved": number(len(c.moved))}
    )
    for goal in c.goals[: asked or 3]:
        click.echo(
            _("%(goal)s (%(id)s): fit %(before)s → %(after)s")
            % {"goal": _(goal.label_en), "id": goal.id,
               "before": number(goal.fit_before, 2), "after": number(goal.fit_after, 2)}
        )
