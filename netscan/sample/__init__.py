"""Realistic synthetic LinkedIn exports in which every person is invented.

``write_sample`` plans a network for a persona (who the contacts are, the relationship level
planted for each, and the interactions that level implies) and writes it as a LinkedIn export
zip. Same arguments, same bytes: nothing reads the clock and zip timestamps come from
`export_date`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from netscan.sample.personas import PERSONAS
from netscan.sample.plan import SharedPool, build_plan
from netscan.sample.writer import truth_csv, write_zip

__all__ = ["PERSONAS", "SampleResult", "SharedPool", "build_plan", "write_sample"]


@dataclass(frozen=True, slots=True)
class SampleResult:
    """What `write_sample` wrote: counts a reader's output can be checked against.

    `connections` counts Connections.csv rows naming a person; `hidden_members` the blank
    ``,,,,,,DD Mon YYYY`` rows. `messages` counts every messages.csv row, including the
    `sponsored`, `linkedin_member` and `spam` rows a reader must skip. `other_people` counts
    counterparts who are not connections (recruiters, pending invitations, endorsers).
    """

    path: Path
    persona: str
    seed: int
    export_date: date
    connections: int
    hidden_members: int
    messages: int
    sponsored: int
    linkedin_member: int
    spam: int
    invitations: int
    endorsements_received: int
    endorsements_given: int
    recommendations_received: int
    recommendations_given: int
    other_people: int
    truth: Path | None = None


def write_sample(out: Path, *, persona: str = "bridger", connections: int | None = None,
                 messages: int | None = None, seed: int = 7,
                 export_date: date = date(2026, 11, 2), truth: Path | None = None,
                 shared: SharedPool | None = None) -> SampleResult:
    """Write a synthetic export zip for `persona` to `out` (and its planted truth to `truth`).

    `connections` is the number of Connections.csv data rows (hidden members included) and
    `messages` the number of messages.csv rows; both default to the persona's own sizes.
    With `shared`, part of the contacts come from a pool other samples share (a team).

    Example::

        write_sample(Path("bridger.zip"), persona="bridger", seed=7)
    """
    plan = build_plan(persona, connections=connections, messages=messages, seed=seed,
                      export_date=export_date, shared=shared)
    written = write_zip(plan, out)
    if truth is not None:
        truth.write_text(truth_csv(plan), encoding="utf-8", newline="")
    noise = plan.noise_rows()
    linked = [p for p in plan.people if p.connected_on is not None]
    return SampleResult(
        path=out,
        persona=persona,
        seed=seed,
        export_date=export_date,
        connections=len(linked),
        hidden_members=len(plan.hidden_dates),
        messages=written,
        sponsored=noise["sponsored"],
        linkedin_member=noise["linkedin-member"],
        spam=noise["spam"],
        invitations=len(plan.invitations),
        endorsements_received=sum(e.received for e in plan.endorsements),
        endorsements_given=sum(not e.received for e in plan.endorsements),
        recommendations_received=sum(r.received for r in plan.recommendations),
        recommendations_given=sum(not r.received for r in plan.recommendations),
        other_people=sum(1 for p in plan.people if p.connected_on is None
                         and p.level in ("strong", "medium", "weak", "dormant", "latent")),
        truth=truth,
    )
