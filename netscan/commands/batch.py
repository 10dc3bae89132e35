"""`netscan batch`: many members' exports in, a team report folder out (SPEC §4, §9)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from netscan.commands.options import lang_option
from netscan.i18n import gettext as _
from netscan.i18n import ngettext, use_locale


@click.command(name="batch")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              required=True, help="The folder to write (index.html, team.json, members/).")
@click.option("-g", "--goal", "goals", multiple=True, metavar="GOAL",
              help="A goal id to judge every member and the team against (repeatable).")
@click.option("-t", "--target-company", "targets", multiple=True, metavar="COMPANY",
              help="An organisation the team wants to reach (repeatable): who is the best door?")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Members analysed at once on this computer (default: the CPU count).")
@click.option("--scheduler", metavar="tcp://HOST:8786", default=None,
              help="Run the members on an existing Dask cluster instead "
              "(pip install 'netscan[distributed]').")
@click.option("--anonymize", is_flag=True,
              help="Replace every contact with a pseudonym, the same one in every member's "
              "outputs (member names stay).")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]),
              help="Treat this day as today for every member. Default: each export's own date "
              "(the team: the newest).")
@lang_option
def batch(inputs: tuple[Path, ...], out_dir: Path, goals: tuple[str, ...],
          targets: tuple[str, ...], jobs: int | None, scheduler: str | None, anonymize: bool,
          as_of: datetime | None, lang: str) -> None:
    """Analyse every member's export and write a team report to OUTDIR.

    INPUT is an export (zip, folder, contacts file) or a folder holding one export per member.
    A member whose export cannot be read is listed with its error and the others go on; the
    exit code is then 1. Nothing leaves this computer unless --scheduler names a cluster.

    Example:

    \b
        netscan batch team/ -o team-report
        netscan batch alice.zip bob.zip -g clients -t "Kestrel Analytics" -o out --jobs 2
        netscan batch team/ -o out --scheduler tcp://10.0.0.5:8786
        netscan batch team/ -o teamrapport --lang nl
    """
    from netscan.batch import run_batch

    lang = lang.lower()
    result = run_batch(
        inputs, out_dir, goals=goals, targets=targets, jobs=jobs, scheduler=scheduler,
        anonymize=anonymize, as_of=as_of.date() if as_of else None,
        progress=sys.stderr.isatty(), lang=lang,
    )
    analysed = len(result.members)
    with use_locale(lang):
        index = result.out_dir / "index.html"
        if result.failed:
            line = ngettext(
                "Wrote %(index)s: %(num)d member analysed, %(failed)d failed.",
                "Wrote %(index)s: %(num)d members analysed, %(failed)d failed.",
                analysed,
            )
        else:
            line = ngettext(
                "Wrote %(index)s: %(num)d member analysed.",
                "Wrote %(index)s: %(num)d members analysed.",
                analysed,
            )
        click.echo(line % {"index": index, "num": analysed, "failed": len(result.failed)})
        for member in result.failed:
            click.echo(_("Failed: %(input)s: %(error)s") % {"input": member.input,
                                                           "error": member.error}, err=True)
    if result.failed:
        sys.exit(1)
