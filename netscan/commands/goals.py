"""``netscan goals``: list the goal catalogue (id, kind, English and Dutch label)."""

from __future__ import annotations

import json

import click

from netscan.diagnosis.catalogue import GOALS
from netscan.i18n import gettext


@click.command(name="goals")
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON instead.")
def goals(as_json: bool) -> None:
    """List the goals netscan can judge a network against.

    Pass an id to `netscan analyze -g ID`; with no -g every goal is scored and ranked.

    Example:

    \b
        netscan goals
        netscan goals --json
        netscan analyze export.zip -g job -g ideas
    """
    if as_json:
        rows = [
            {
                "id": g.id,
                "kind": g.kind,
                "label_en": g.label_en,
                "label_nl": g.label_nl,
                "serves": gettext(g.serves),
                "source": g.source,
            }
            for g in GOALS
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    headers = ("id", "kind", "English", "Dutch")
    table = [headers] + [(g.id, g.kind, g.label_en, g.label_nl) for g in GOALS]
    widths = [max(len(row[i]) for row in table) for i in range(len(headers))]
    for n, row in enumerate(table):
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        click.echo("  ".join(cells).rstrip())
        if n == 0:
            click.echo("  ".join("-" * w for w in widths))
