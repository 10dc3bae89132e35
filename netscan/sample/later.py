"""A later export of the same synthetic network, with planted changes and their truth list.

`later_plan` takes a plan (the export at its date) and returns the export the same owner would
download `months` later. Everything that is not a planted change keeps its rhythm: every date in
the export — messages, connections, invitations, endorsements, recommendations and the owner's
own jobs — moves forward with the export date, so an unplanted tie looks the same at both dates.
On top of that, five kinds of change are planted, each written to the truth list:

- ``gained``: new connections made between the two dates (some with a new, active conversation);
- ``lost``: connections removed (their old messages stay, as LinkedIn keeps them);
- ``cooled``: strong ties the owner stopped writing to: their conversation keeps its old dates,
  so at the later date the last message is `months` older;
- ``warmed``: silent connections with whom a two-way conversation started lately;
- ``moved``: connections who changed employer (and title); same profile URL.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from netscan.ingest.identity import normalise_url
from netscan.sample.names import job_title, organisation, person_name
from netscan.sample.personas import OwnerJob
from netscan.sample.plan import (
    INVITATION_WINDOW_DAYS,
    Invitation,
    Person,
    Plan,
    Thread,
    _slug,
)

CHANGES = ("gained", "lost", "cooled", "warmed", "moved")


@dataclass(frozen=True, slots=True)
class PlantedChange:
    """One planted change: its kind (`CHANGES`), the person's profile URL and name, and a detail
    (``moved``: ``old company → new company``; ``gained``: the planted level)."""

    change: str
    profile_url: str
    name: str
    detail: str = ""


def add_months(day: date, months: int) -> date:
    """`day` moved `months` calendar months forward (the day clipped to the month's length)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _first_of_month(day: date, *, up: bool) -> date:
    """Snap a shifted job date to the first of a month, widening the job (start down, end up):
    Positions.csv keeps only month and year, and a narrower job would cut off colleagues."""
    if day.day == 1 or not up:
        return day.replace(day=1)
    return add_months(day.replace(day=1), 1)


def _newest(plan: Plan) -> datetime:
    """The newest moment a reader uses (noise rows it skips left out): the export's `as_of`."""
    moments = [t.end for t in plan.threads if t.kind in ("direct", "group", "cold")]
    moments += [i.at for i in plan.invitations] + [e.at for e in plan.endorsements]
    moments += [r.at for r in plan.recommendations]
    moments += [datetime(d.year, d.month, d.day, tzinfo=UTC)
                for d in (p.connected_on for p in plan.people) if d is not None]
    return max(moments)


def _in_groups(plan: Plan) -> set[int]:
    return {i for t in plan.threads if t.kind == "group" for i in t.people}


def _direct_threads(plan: Plan) -> dict[int, list[Thread]]:
    """Each person's 1:1 threads, indexed once (a scan per person is quadratic at 30k)."""
    found: dict[int, list[Thread]] = {}
    for thread in plan.threads:
        if thread.kind == "direct":
            found.setdefault(thread.people[0], []).append(thread)
    return found


def later_plan(
    plan: Plan,
    *,
    months: int = 12,
    gained: int = 8,
    lost: int = 6,
    cooled: int = 3,
    warmed: int = 3,
    moved: int = 5,
) -> tuple[Plan, tuple[PlantedChange, ...]]:
    """The export `months` later with planted changes, and the truth list of those changes.

    Counts are upper bounds: a small network may hold fewer eligible people (fewer strong ties
    to cool, say); the truth list names exactly the changes planted. Same plan and arguments,
    same result.
    """
    if months < 1:
        raise ValueError("months must be at least 1")
    rng = random.Random(f"netscan-later:{plan.persona.name}:{plan.seed}:{months}")
    new = copy.deepcopy(plan)
    new_date = add_months(plan.export_date, months)
    delta = new_date - plan.export_date
    # New events stay before the old export's newest moment (shifted), so both exports are
    # judged as of the same point in the rhythm: an unplanted tie looks exactly the same.
    # The first new conversation ends exactly there, so NEW's newest moment is OLD's shifted
    # even when OLD's newest belonged to a tie that cools or a connection that is removed.
    end = _newest(plan) + delta
    in_groups = _in_groups(plan)
    direct = _direct_threads(new)  # `new` is a copy: its threads are the ones to shift
    connections = [p for p in new.people if p.connected_on is not None]
    changes: list[PlantedChange] = []

    # -- choose who changes (disjoint sets, drawn in a fixed order) --------------------------
    def eligible(person: Person) -> bool:
        return person.index not in in_groups and "recommendation" not in person.tags

    # cooled ties may hold a recommendation (it keeps them strong-ish; the score still falls)
    strong = [p for p in connections if p.level == "strong" and p.index not in in_groups
              and not {"quiet-spell", "off-platform", "mostly-group"} & set(p.tags)
              and direct.get(p.index)]
    # then medium ties in touch within the last six months, whose scores fall as far
    recent = plan.export_date - timedelta(days=183)
    medium = [p for p in connections if p.level == "medium" and eligible(p)
              and "short-recent-thread" not in p.tags and direct.get(p.index)
              and max(t.end for t in direct[p.index]).date() >= recent]
    to_cool = (rng.sample(strong, min(cooled, len(strong)))
               + rng.sample(medium, min(max(0, cooled - len(strong)), len(medium))))
    taken = {p.index for p in to_cool}
    silent = [p for p in connections if p.level == "latent" and eligible(p)
              and p.index not in taken and "recent-invite" not in p.tags
              and not direct.get(p.index)]
    to_warm = rng.sample(silent, min(warmed, len(silent)))
    taken |= {p.index for p in to_warm}
    quiet = [p for p in connections if p.level in ("latent", "weak") and eligible(p)
             and p.index not in taken and not direct.get(p.index)]
    to_lose = rng.sample(quiet, min(lost, len(quiet)))
    taken |= {p.index for p in to_lose}
    owner_companies = {job.company for job in plan.persona.jobs}
    movable = [p for p in connections if p.level in ("medium", "weak", "latent") and eligible(p)
               and p.index not in taken and p.company.strip()
               and p.company not in owner_companies]
    to_move = rng.sample(movable, min(moved, len(movable)))

    # -- everything moves with the export date, except the cooled ties' conversations --------
    frozen = {id(t) for p in to_cool for t in direct.get(p.index, [])}
    for person in new.people:
        if person.connected_on is not None:
            person.connected_on += delta
    new.hidden_dates = [day + delta for day in new.hidden_dates]
    for thread in new.threads:
        if id(thread) not in frozen:
            thread.start += delta
            thread.end += delta
    new.invitations = [replace(i, at=i.at + delta) for i in new.invitations]
    new.endorsements = [replace(e, at=e.at + delta) for e in new.endorsements]
    new.recommendations = [replace(r, at=r.at + delta) for r in new.recommendations]
    jobs = tuple(
        OwnerJob(job.company, job.title, _first_of_month(job.started + delta, up=False),
                 None if job.finished is None
                 else _first_of_month(job.finished + delta, up=True))
        for job in plan.persona.jobs
    )
    new.persona = replace(plan.persona, jobs=jobs)
    new.export_date = new_date

    # -- planted changes ---------------------------------------------------------------------
    for person in sorted(to_cool, key=lambda p: p.index):
        changes.append(_change("cooled", person))
    for person in sorted(to_warm, key=lambda p: p.index):
        at = end - timedelta(days=rng.uniform(3, 40))
        _conversation(new, rng, new.people[person.index], at - timedelta(days=rng.uniform(30, 90)),
                      at, rng.randint(8, 14))
        changes.append(_change("warmed", person))
    for person in sorted(to_lose, key=lambda p: p.index):
        gone = new.people[person.index]
        gone.connected_on = None
        gone.tags.append("removed-connection")
        new.invitations = [i for i in new.invitations if i.person != person.index]
        if not any(e.person == person.index for e in new.endorsements):
            gone.level = "removed"  # no trace left in the export: not one of the other people
        changes.append(_change("lost", person, person.level))
    existing = {p.company for p in new.people}
    for person in sorted(to_move, key=lambda p: p.index):
        company = organisation(rng)
        for attempt in range(50):  # a new name; a huge network may have used every one
            if company not in existing:
                break
            company = organisation(rng) if attempt < 49 else f"{company} {len(existing)}"
        existing.add(company)
        target = new.people[person.index]
        before = target.company.strip()
        target.company, target.position = company, job_title(rng)[0]
        target.tags.append("moved")
        changes.append(_change("moved", person, f"{before} → {company}"))
    slugs = {p.slug for p in new.people} | {plan.persona.slug}
    names = {p.name for p in new.people}
    for number in range(gained):
        first, last = person_name(rng)
        for _ in range(20):  # prefer a fresh name; a big network may hold every combination
            if f"{first} {last}" not in names:
                break
            first, last = person_name(rng)
        names.add(f"{first} {last}")
        day = plan.export_date + timedelta(days=rng.randint(1, delta.days - 30))
        person = Person(len(new.people), first, last, _slug(rng, first, last, slugs),
                        organisation(rng), job_title(rng)[0], day)
        # the first two new connections become close: a lively conversation since connecting
        active = number < min(2, gained)
        person.level = "strong" if active else "latent"  # planted level: what the owner says
        person.tags.append("new-connection")
        new.people.append(person)
        start = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
        if active:
            final = end if number == 0 else end - timedelta(days=rng.uniform(1, 10))
            _conversation(new, rng, person, start, final, rng.randint(14, 24))
        if (end.date() - day).days < INVITATION_WINDOW_DAYS:
            new.invitations.append(Invitation(person.index, start, rng.random() < 0.5, ""))
        changes.append(_change("gained", person, person.level))
    return new, tuple(sorted(changes, key=lambda c: (c.change, c.profile_url)))


def _change(kind: str, person: Person, detail: str = "") -> PlantedChange:
    url = normalise_url(person.url)
    assert url is not None
    return PlantedChange(kind, url, person.name, detail)


def _conversation(plan: Plan, rng: random.Random, person: Person, start: datetime,
                  end: datetime, count: int) -> None:
    """A new two-way 1:1 conversation of `count` messages between `start` and `end`."""
    start = min(start, end - timedelta(days=1))
    plan.threads.append(Thread("direct", (person.index,), "", start, end, "two-way", 0.0,
                               count, rng.getrandbits(63), "INBOX", count, 0.5, 0.7, 0.2))


def changes_csv(changes: tuple[PlantedChange, ...]) -> str:
    """The truth list as CSV: change, profile_url, name, detail (sorted)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("change", "profile_url", "name", "detail"))
    writer.writerows((c.change, c.profile_url, c.name, c.detail) for c in changes)
    return buffer.getvalue()
