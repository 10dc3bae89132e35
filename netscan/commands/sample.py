"""``netscan sample``: write a synthetic LinkedIn export in which every person is invented."""

from __future__ import annotations

from pathlib import Path

import click

from netscan.commands.options import FilePath
from netscan.outputs import check_outputs
from netscan.sample import PERSONAS, write_sample


@click.command(name="sample")
@click.option("--persona", type=click.Choice(sorted(PERSONAS)), default="bridger",
              show_default=True, help="Network shape to generate.")
@click.option("--connections", type=click.IntRange(min=1), default=None,
              help="Connections.csv rows (default: the persona's size).")
@click.option("--messages", type=click.IntRange(min=0), default=None,
              help="messages.csv rows (default: the persona's size).")
@click.option("--seed", type=int, default=7, show_default=True,
              help="Same seed, same bytes.")
@click.option("-o", "--output", "output", type=FilePath(),
              required=True, help="Zip file to write.")
@click.option("--truth", type=FilePath(), default=None,
              help="Also write the planted relationship level of every person (CSV).")
def sample(persona: str, connections: int | None, messages: int | None, seed: int,
           output: Path, truth: Path | None) -> None:
    """Write a realistic synthetic LinkedIn export (everyone in it is invented).

    Personas: insider (one employer, dense), bridger (consultant, many weak ties),
    switcher (dormant former colleagues), newcomer (small, quiet).

    Example:

    \b
        netscan sample -o Basic_LinkedInDataExport_11-02-2026.zip
        netscan sample --persona switcher --seed 3 -o switcher.zip --truth switcher.truth.csv
        netscan sample --connections 30000 --messages 1000000 -o big.zip
    """
    check_outputs([("-o", output), ("--truth", truth)])
    result = write_sample(output, persona=persona, connections=connections, messages=messages,
                          seed=seed, truth=truth)
    click.echo(f"Wrote {result.path}: persona {persona}, {result.connections:,} connections, "
               f"{result.messages:,} messages (seed {seed})"
               + (f"; planted truth in {truth}." if truth else "."))
