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

from netscan.outputs import write_atomically
from netscan.sample.later import PlantedChange, changes_csv, later_plan
from netscan.sample.personas import PERSONAS
from netscan.sample.plan import Plan, SharedPool, build_plan
from netscan.sample.writer import truth_csv, write_zip

__all__ = ["PERSONAS", "PlantedChange", "SampleResult", "SharedPool", "build_plan", "later_plan",
           "write_later", "write_sample"]


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
    return _write(plan, out, truth)


def write_later(out: Path, *, persona: str = "bridger", connections: int | None = None,
                messages: int | None = None, seed: int = 7,
                export_date: date = date(2026, 11, 2), months: int = 12,
                changes: Path | None = None, truth: Path | None = None
                ) -> tuple[SampleResult, tuple[PlantedChange, ...]]:
    """Write the export the same owner downloads `months` after `write_sample`'s (same
    arguments), with planted changes (netscan.sample.later); their list goes to `changes`.

    Example::

        write_sample(Path("old.zip"), seed=7)
        write_later(Path("new.zip"), seed=7, months=12, changes=Path("changes.csv"))
    """
    plan = build_plan(persona, connections=connections, messages=messages, seed=seed,
                      export_date=export_date)
    later, planted = later_plan(plan, months=months)
    result = _write(later, out, truth)
    if changes is not None:
        write_atomically(
            changes,
            lambda temporary: temporary.write_text(
                changes_csv(planted), encoding="utf-8", newline=""
            ),
            "--changes",
        )
    return result, planted


def _write(plan: Plan, out: Path, truth: Path | None) -> SampleResult:
    persona, seed, export_date = plan.persona.name, plan.seed, plan.export_date
    counts: list[int] = []
    write_atomically(out, lambda temporary: counts.append(write_zip(plan, temporary)), "-o")
    written = counts[0]
    if truth is not None:
        write_atomically(
            truth,
            lambda temporary: temporary.write_text(truth_csv(plan), encoding="utf-8", newline=""),
            "--truth",
        )
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
