"""`netscan rate`: write a sheet of about 30 contacts for the user to rate 1–5 (SPEC §3)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from netscan.commands.options import check_writable, export_paths

INSTRUCTIONS = """\
Fill in the `strength` column for the people you can judge:
  1 = barely know   2 = acquaintance   3 = friendly   4 = close   5 = very close
(a class name such as strong or weak works too; leave a row blank to skip it). Then run:
  netscan analyze {exports} --ratings {sheet}
netscan fits its tie weights to your ratings and reports how well they agree. The sheet stays
on this computer; no report or summary shows a name or a rating from it."""


@click.command()
@export_paths
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the rating sheet (CSV).",
)
@click.option(
    "-n",
    "count",
    type=click.IntRange(1, 500),
    default=30,
    show_default=True,
    help="How many contacts to put on the sheet.",
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
    help="A TOML file overriding the tie model's weights and thresholds.",
)
def rate(
    exports: tuple[Path, ...],
    output: Path,
    count: int,
    as_of: datetime | None,
    config_path: Path | None,
) -> None:
    """Write a rating sheet: contacts from EXPORT chosen to span the tie classes and companies.

    Rate them 1–5 in a spreadsheet, then pass the sheet to `netscan analyze --ratings` to fit
    the tie model to your own sense of closeness.

    Example:

    \b
        netscan rate export.zip -o ratings.csv
        netscan analyze export.zip --ratings ratings.csv
    """
    from netscan.cli import today
    from netscan.errors import NetscanError
    from netscan.pipeline import rating_sheet
    from netscan.ties.config import load_config
    from netscan.ties.table import neutralise_formulas

    config = load_config(config_path)
    check_writable(output)
    sheet = rating_sheet(
        exports,
        n=count,
        as_of=as_of.date() if as_of else None,
        config=config,
        fallback_as_of=today(),
    )
    try:
        neutralise_formulas(sheet).write_csv(output)
    except OSError as error:
        raise NetscanError(
            f"Could not write the rating sheet to {output}: {error.strerror or error}",
            "Check that the folder is writable, or pass another -o path.",
        ) from error
    click.echo(f"Wrote {output}: {sheet.height} contacts to rate.")
    click.echo(
        INSTRUCTIONS.format(exports=" ".join(str(p) for p in exports), sheet=output)
    )
