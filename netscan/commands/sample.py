"""``netscan sample``: write a synthetic LinkedIn export in which every person is invented."""

from __future__ import annotations

from pathlib import Path

import click

from netscan.commands.options import FilePath
from netscan.outputs import check_outputs
from netscan.sample import PERSONAS, SharedPool, write_later, write_sample
from netscan.sample.later import CHANGES


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
@click.option("--shared-pool", type=click.IntRange(min=1), default=None, metavar="N",
              help="Draw part of the contacts from a pool of N people that every sample with "
              "the same --pool-seed shares (a team whose members know some of the same people).")
@click.option("--shared-share", type=click.FloatRange(0, 1), default=0.2, show_default=True,
              help="With --shared-pool: the share of other contacts taken from the pool.")
@click.option("--pool-seed", type=int, default=0, show_default=True,
              help="With --shared-pool: which pool (same seed, same people).")
@click.option("--truth", type=FilePath(), default=None,
              help="Also write the planted relationship level of every person (CSV).")
@click.option("--later", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the same network's export MONTHS later, with planted changes "
              "(for `netscan compare`).")
@click.option("--months", type=click.IntRange(min=2, max=120), default=12, show_default=True,
              help="How much later the --later export is.")
@click.option("--changes", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --later: write the planted changes (gained, lost, cooled, warmed, "
              "moved) as CSV.")
def sample(persona: str, connections: int | None, messages: int | None, seed: int,
           output: Path, shared_pool: int | None, shared_share: float, pool_seed: int,
           truth: Path | None, later: Path | None, months: int, changes: Path | None) -> None:
    """Write a realistic synthetic LinkedIn export (everyone in it is invented).

    Personas: insider (one employer, dense), bridger (consultant, many weak ties),
    switcher (dormant former colleagues), newcomer (small, quiet).

    Example:

    \b
        netscan sample -o Basic_LinkedInDataExport_11-02-2026.zip
        netscan sample --persona switcher --seed 3 -o switcher.zip --truth switcher.truth.csv
        netscan sample --connections 30000 --messages 1000000 -o big.zip
        netscan sample -o old.zip --later new.zip --months 12 --changes changes.csv
        netscan sample --seed 2 --shared-pool 3000 -o team/member2.zip
    """
    if changes is not None and later is None:
        raise click.UsageError("--changes needs --later.")
    check_outputs([("-o", output), ("--truth", truth), ("--later", later), ("--changes", changes)])
    result = write_sample(output, persona=persona, connections=connections, messages=messages,
                          seed=seed, truth=truth,
                          shared=SharedPool(shared_pool, shared_share, pool_seed)
                          if shared_pool else None)
    click.echo(f"Wrote {result.path}: persona {persona}, {result.connections:,} connections, "
               f"{result.messages:,} messages (seed {seed})"
               + (f"; planted truth in {truth}." if truth else "."))
    if later is not None:
        result, planted = write_later(later, persona=persona, connections=connections,
                                      messages=messages, seed=seed, months=months,
                                      changes=changes)
        kinds = ", ".join(f"{sum(c.change == kind for c in planted)} {kind}"
                          for kind in CHANGES)
        click.echo(f"Wrote {result.path}: the same network {months} months later "
                   f"({result.export_date.isoformat()}): {kinds}"
                   + (f"; listed in {changes}." if changes else "."))
