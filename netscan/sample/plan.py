"""Who is in a synthetic network, at which PLANTED relationship level, and what they did.

The plan is built once from (persona, sizes, seed, export date) and holds every person and every
non-message event. Message rows are not stored: each thread keeps its own seed and row count and
`thread_messages` regenerates its rows on demand, so a million messages stream in bounded memory.

Planted levels follow SPEC §5 / SCIENCE §8.5, measured back from the export date:

- strong: two-way 1:1 messages over many months, the last one within weeks; maybe a recommendation.
- medium: two-way 1:1 messages within the last 36 months, fewer of them.
- weak: one trace within 36 months and no two-way 1:1 contact: a one-way message, an endorsement,
  an invitation note, only large group threads, or a shared current employer.
- dormant: two-way history, an old recommendation or a shared past employer, with nothing two-way
  for at least 36 months.
- latent: a connection and nothing else.

Behaviour is not a copy of those rules. Each planted tie gets a latent closeness drawn within its
level's band (`CLOSENESS`), and its messages follow from it stochastically: a heavy-tailed message
volume, bursts and quiet months, the owner's share of the messages (Beta), message length,
recency jitter, and level-dependent endorsements and recommendations. On top of that, a few
percent of each level are planted as the ambiguous cases real exports are full of (`AMBIGUITY`,
documented in sample_exports/README.md): the planted level stays what the owner would say about
the tie, so an honest classifier gets some of them wrong.
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from typing import NamedTuple
from urllib.parse import quote

from netscan.sample.names import (
    CREDENTIALS,
    EMOJI,
    SKILLS,
    job_title,
    message_text,
    organisation,
    organisations,
    person_name,
    recommendation_text,
)
from netscan.sample.personas import PERSONAS, Persona

PROFILE = "https://www.linkedin.com/in/"
_MONTH = 30.44  # days
# invitations only cover about the last 9–10 months before the export (FORMATS §2.3)
INVITATION_WINDOW_DAYS = 290
STRONG_CAP = 15  # Dunbar's 5 + 10 (SCIENCE §5.1): keep the inner circle plausible at any size

# Latent closeness (what the owner would say about the tie, 0–1) is drawn uniformly within the
# level's band; neighbouring bands overlap a little, as self-ratings do.
CLOSENESS = {
    "strong": (0.70, 1.0),
    "medium": (0.40, 0.76),
    "weak": (0.12, 0.45),
    "dormant": (0.25, 0.80),  # past closeness; former inner-circle ties get (0.75, 1.0)
    "latent": (0.0, 0.2),
}
# Ambiguous cases, as shares of the people they can apply to (sample_exports/README.md).
AMBIGUITY = {
    "quiet-spell": 0.12,  # strong: nothing for 4–8 months before the export
    "off-platform": 0.10,  # strong: the talking happens elsewhere; a few LinkedIn messages
    "mostly-group": 0.15,  # strong/medium colleagues who talk mostly in group threads
    "short-recent-thread": 0.12,  # medium: old history, only a two-message thread lately
    "polite-reply": 0.06,  # weak: one message in, one polite reply out
    "many-one-way": 0.05,  # weak: a recruiter-like connection writing many one-way messages
    "birthday-note": 0.10,  # dormant: one one-way note (birthday, congratulation) lately
    "stray-endorsement": 0.03,  # latent: an endorsement clicked from a prompt years ago
}


@dataclass(slots=True)
class Person:
    """One counterpart: a connection, or someone who only wrote, invited or endorsed."""

    index: int
    first: str  # as written in the export cells (may carry whitespace, emoji, a credential)
    last: str
    slug: str
    company: str
    position: str
    connected_on: date | None  # None: not a connection
    level: str = "latent"
    tags: list[str] = field(default_factory=list)
    email: str = ""
    closeness: float = 0.0  # latent closeness the behaviour is drawn from (CLOSENESS)

    @property
    def name(self) -> str:
        """The display name LinkedIn uses in messages and invitations."""
        return f"{self.first.strip()} {self.last.strip()}"

    @property
    def url(self) -> str:
        """The profile URL as messages.csv writes it: raw, never percent-encoded."""
        return PROFILE + self.slug

    @property
    def encoded_url(self) -> str:
        """The profile URL as Connections.csv writes it: non-ASCII slugs percent-encoded."""
        return PROFILE + quote(self.slug, safe="-")


@dataclass(slots=True)
class Thread:
    """One conversation. Rows are regenerated from `seed`; `count` is fixed by the budget."""

    kind: str  # direct | group | cold | sponsored | member | spam
    people: tuple[int, ...]
    title: str
    start: datetime
    end: datetime
    pattern: str  # two-way | in | out
    weight: float
    minimum: int
    seed: int
    folder: str = "INBOX"
    count: int = 0
    owner_share: float = 0.5  # two-way 1:1 threads: the owner's share of the messages
    length_bias: float = 0.5  # 0: short messages, 1: long ones (closer ties write more)
    burst: float = 0.0  # bursts per message: 0 spreads messages evenly, else clustered in time


@dataclass(frozen=True, slots=True)
class Invitation:
    """One Invitations.csv row (accepted or pending)."""

    person: int
    at: datetime
    incoming: bool
    note: str


@dataclass(frozen=True, slots=True)
class Endorsement:
    """One endorsement, received (the person endorsed the owner) or given."""

    person: int
    at: datetime
    skill: str
    received: bool


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One recommendation, received or given."""

    person: int
    at: datetime
    text: str
    received: bool


class MessageRow(NamedTuple):
    """One messages.csv row, in the file's column order, before quoting."""

    conversation_id: str
    title: str
    sender: str
    sender_url: str
    to: str
    to_urls: str
    date: str  # ``YYYY-MM-DD HH:MM:SS UTC``
    subject: str
    content: str
    folder: str
    attachments: str


@dataclass(slots=True)
class Plan:
    """Everything a synthetic export holds, except the message rows themselves."""

    persona: Persona
    seed: int
    export_date: date
    owner_name: str
    owner_url: str
    people: list[Person]
    hidden_dates: list[date]
    threads: list[Thread]
    invitations: list[Invitation]
    endorsements: list[Endorsement]
    recommendations: list[Recommendation]
    content_pool: tuple[str, ...]

    @property
    def connections(self) -> list[Person]:
        """People who are connections (not hidden members)."""
        return [p for p in self.people if p.connected_on is not None]

    def noise_rows(self) -> dict[str, int]:
        """Message rows a reader must drop, by the reason it should give."""
        counts = Counter({"sponsored": 0, "linkedin-member": 0, "spam": 0})
        for thread in self.threads:
            if thread.kind in ("sponsored", "spam"):
                counts[thread.kind] += thread.count
            elif thread.kind == "member":
                counts["linkedin-member"] += thread.count
        return dict(counts)


def _at(day: date, rng: random.Random) -> datetime:
    """A time of day on `day`, mostly in office hours (UTC)."""
    seconds = int(rng.triangular(6 * 3600, 21 * 3600, 10 * 3600))
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=seconds)


def _day_between(rng: random.Random, a: date, b: date) -> date:
    if b <= a:
        return a
    return a + timedelta(days=rng.randrange((b - a).days + 1))


def _months_before(day: date, months: float) -> date:
    return day - timedelta(days=round(months * _MONTH))


def _ascii_fold(text: str) -> str:
    text = text.replace("ı", "i").replace("ł", "l").replace("Ł", "L")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _slug(rng: random.Random, first: str, last: str, taken: set[str]) -> str:
    base = f"{first} {last}".lower()
    if rng.random() < 0.55:
        base = _ascii_fold(base)
    base = "-".join(part for part in base.replace("&", " ").split() if part)
    while True:
        roll = rng.random()
        if roll < 0.7:
            slug = f"{base}-{rng.getrandbits(24):06x}"
        elif roll < 0.85:
            slug = f"{base}-{rng.randrange(10_000_000, 99_999_999)}"
        else:
            slug = base if base not in taken else f"{base}-{rng.getrandbits(20):05x}"
        if slug not in taken:
            taken.add(slug)
            return slug


class _Builder:
    """Builds a Plan step by step from one seeded random stream."""

    def __init__(self, persona: Persona, connections: int, messages: int, seed: int,
                 export_date: date, shared: SharedPool | None = None) -> None:
        self.persona = persona
        self.shared = shared
        self.rng = random.Random(f"netscan-sample:{persona.name}:{seed}")
        self.seed = seed
        self.export = export_date
        self.end = datetime(export_date.year, export_date.month, export_date.day,
                            tzinfo=UTC) - timedelta(hours=2)
        self.total_rows = connections
        self.budget = messages
        self.people: list[Person] = []
        self.taken: set[str] = {persona.slug}
        self.threads: list[Thread] = []
        self.invitations: list[Invitation] = []
        self.endorsements: list[Endorsement] = []
        self.recommendations: list[Recommendation] = []
        self.hidden_dates: list[date] = []
        self.group_only: list[Person] = []
        self.mostly_group: set[int] = set()
        self.weak_kind: dict[int, str] = {}
        self.joined = date(persona.joined, 3, 1)
        current = persona.jobs[0]
        self.employer = current.company
        self.employer_since = current.started
        previous = next((j for j in persona.jobs if j.company != current.company), None)
        self.old_employer = previous.company if previous else ""
        self.old_start = previous.started if previous else self.joined
        self.old_end = previous.finished if previous and previous.finished else self.joined

    # -- people -----------------------------------------------------------------------------

    def new_person(self, company: str, position: str, connected_on: date | None) -> Person:
        rng = self.rng
        first, last = person_name(rng)
        person = Person(len(self.people), first, last, _slug(rng, first, last, self.taken),
                        company, position, connected_on)
        if any(ord(ch) > 127 for ch in person.slug):
            person.tags.append("non-ascii-url")
        self.people.append(person)
        return person

    def decorate(self, person: Person) -> None:
        """Real-export quirks on a connection row: credentials, emoji, whitespace, e-mail."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.03:
            person.last = f"{person.last}, {rng.choice(CREDENTIALS)}"
            person.tags.append("credential-comma")
        elif roll < 0.045:
            if rng.random() < 0.5:
                person.first = f"{person.first} {rng.choice(EMOJI)}"
            else:
                person.last = f"{person.last} {rng.choice(EMOJI)}"
            person.tags.append("emoji-name")
        if rng.random() < 0.04:
            if rng.random() < 0.5:
                person.first = f" {person.first}"
            else:
                person.last = f"{person.last} "
            person.tags.append("whitespace")
        if rng.random() < 0.02:
            user = _ascii_fold(f"{person.first.strip()}.{person.last.split(',')[0].strip()}")
            user = "".join(ch for ch in user.lower().replace(" ", "") if ch.isalnum() or ch == ".")
            person.email = f"{user}@{rng.choice(('example.com', 'example.org', 'example.net'))}"
            person.tags.append("email")

    def connection_day(self) -> date:
        """A connection date skewed towards recent years, as networks grow."""
        span = (self.export - self.joined).days
        return self.joined + timedelta(days=int(span * (self.rng.random() ** 0.6)))

    def build_people(self) -> None:
        persona, rng = self.persona, self.rng
        hidden = round(self.total_rows * 0.012)
        self.hidden_dates = [self.connection_day() for _ in range(hidden)]
        count = self.total_rows - hidden
        n_current = round(count * persona.current_colleagues)
        n_former = round(count * persona.former_colleagues) if self.old_employer else 0
        n_other = count - n_current - n_former
        orgs = [o for o in organisations(rng, max(8, persona.orgs_per_thousand * n_other // 1000
                                                     + 8))
                if o not in (self.employer, self.old_employer)]
        # a few organisations hold many contacts, most hold one or two (long tail)
        org_cum = list(accumulate(1.0 / (rank + 1) ** 0.8 for rank in range(len(orgs))))
        for _ in range(n_current):
            title = job_title(rng)[0]
            day = _day_between(rng, max(self.employer_since, self.joined), self.export)
            self.new_person(self.employer, title, day).tags.append("current-colleague")
        for _ in range(n_former):
            still_there = rng.random() < 0.5
            company = (self.old_employer if still_there
                       else rng.choices(orgs, cum_weights=org_cum)[0])
            day = _day_between(rng, max(self.old_start, self.joined), self.old_end)
            person = self.new_person(company, job_title(rng)[0], day)
            person.tags.append("former-colleague")
        if self.shared is not None:
            # Contacts drawn from a pool every export with the same pool seed shares (a team);
            # only then does the random stream change, so plain samples keep their bytes.
            pool = shared_pool(self.shared.seed, self.shared.size)
            count = min(len(pool), round(n_other * self.shared.share))
            for first, last, slug, company, title in (pool[i] for i in
                                                      sorted(rng.sample(range(len(pool)), count))):
                if slug in self.taken:
                    continue
                self.taken.add(slug)
                self.people.append(Person(len(self.people), first, last, slug, company, title,
                                          self.connection_day()))
                n_other -= 1
        for _ in range(n_other):
            company = rng.choices(orgs, cum_weights=org_cum)[0] if rng.random() < 0.93 else ""
            self.new_person(company, job_title(rng)[0] if company or rng.random() < 0.5 else "",
                            self.connection_day())
        for person in self.people:
            self.decorate(person)

    # -- levels and threads -----------------------------------------------------------------

    def window(self, months_from: float, months_to: float) -> datetime:
        """A moment between `months_to` and `months_from` months before the export."""
        lo = self.end - timedelta(days=months_to * _MONTH)
        hi = self.end - timedelta(days=months_from * _MONTH)
        return lo + (hi - lo) * self.rng.random()

    def add_thread(self, kind: str, people: tuple[int, ...], start: datetime, end: datetime,
                   pattern: str, weight: float, minimum: int, title: str = "",
                   folder: str = "INBOX", *, owner_share: float = 0.5,
                   length_bias: float = 0.5, burst: float = 0.0) -> Thread:
        thread = Thread(kind, people, title, start, end, pattern, weight, minimum,
                        self.rng.getrandbits(63), folder, 0, owner_share, length_bias, burst)
        self.threads.append(thread)
        return thread

    def direct(self, p: Person, start: datetime, end: datetime, pattern: str, weight: float,
               minimum: int, folder: str = "INBOX") -> Thread:
        """A 1:1 thread whose style follows the person's closeness, with noise."""
        rng, c = self.rng, p.closeness
        self.earliest(p, start)
        # the owner's share of the messages: balanced on average, rarely exactly (Beta)
        share = rng.betavariate(2 + 6 * c, 2 + 6 * c)
        length = min(1.0, max(0.0, rng.gauss(c, 0.2)))
        return self.add_thread("direct", (p.index,), start, end, pattern, weight, minimum,
                               folder=folder, owner_share=share, length_bias=length,
                               burst=rng.uniform(0.05, 0.35))

    def volume(self, scale: float, closeness: float) -> float:
        """A heavy-tailed share of the message budget: some close ties write little."""
        return scale * closeness * closeness * self.rng.gammavariate(0.7, 1 / 0.7)

    def pick(self, people: list[Person], case: str) -> set[int]:
        """A random AMBIGUITY[case] share of `people` (rounded), by index."""
        n = round(AMBIGUITY[case] * len(people))
        return {p.index for p in self.rng.sample(people, n)}

    def earliest(self, person: Person, start: datetime) -> None:
        """Move a connection date to before a thread starts (people connect, then talk)."""
        if person.connected_on is not None and person.connected_on > start.date():
            person.connected_on = _day_between(self.rng, self.joined, start.date())

    def assign_levels(self) -> None:
        persona, rng = self.persona, self.rng
        pool = list(self.people)
        rng.shuffle(pool)
        count = len(pool)
        former = [p for p in pool if "former-colleague" in p.tags]
        current = [p for p in pool if "current-colleague" in p.tags]
        others = [p for p in pool if "former-colleague" not in p.tags
                  and "current-colleague" not in p.tags]

        def take(n: int, *groups: list[Person]) -> list[Person]:
            chosen: list[Person] = []
            for group in groups:
                while group and len(chosen) < n:
                    chosen.append(group.pop())
            return chosen

        n_strong = min(STRONG_CAP, max(1 if persona.strong else 0, round(count * persona.strong)))
        n_dormant = round(count * persona.dormant)
        n_medium = round(count * persona.medium)
        n_weak = round(count * persona.weak)
        # the insider's inner circle is mostly colleagues; others draw from the wider network
        near = (current, others) if persona.name == "insider" else (others, current)
        for p in take(n_dormant, former, others):
            p.level = "dormant"
        for p in take(n_strong, *near):
            p.level = "strong"
        for p in take(n_medium, *near):
            p.level = "medium"
        # colleagues left over: some only ever appear in large group threads
        group_only = take(round(len(current) * 0.45), current) if persona.group_share else []
        for p in group_only:
            p.level = "weak"
            p.tags.append("group-only")
        for p in take(n_weak, others, former):
            p.level = "weak"
        for p in current:
            p.level = "weak"
            p.tags.append("shared-current-employer")
        for p in former:
            if p.company == self.old_employer:
                p.level = "dormant"
                p.tags.append("shared-past-employer")
            else:
                p.tags.append("former-colleague-elsewhere")
        self.group_only = group_only
        for p in self.people:
            lo, hi = CLOSENESS[p.level]
            p.closeness = rng.uniform(lo, hi)

    def plan_threads(self) -> None:
        rng = self.rng
        # invitation notes are rare in real files (23 of 1,596 rows, FORMATS §2.3)
        weak_kinds = ("one-way-in", "one-way-out", "endorsement-only", "invitation-note")
        weak_weights = (40, 15, 44, 1)

        def level(name: str) -> list[Person]:
            return [p for p in self.people if p.level == name]

        quiet = self.pick(level("strong"), "quiet-spell")
        elsewhere = self.pick([p for p in level("strong") if p.index not in quiet],
                              "off-platform")
        short_recent = self.pick(level("medium"), "short-recent-thread")
        # only where colleagues share group threads at all
        colleagues = [p for p in self.people if p.level in ("strong", "medium")
                      and "current-colleague" in p.tags]
        self.mostly_group = (self.pick(colleagues, "mostly-group")
                             if self.persona.group_share and self.budget >= 50 else set())
        birthday = self.pick(level("dormant"), "birthday-note")
        ambiguous_weak = [p for p in level("weak") if "group-only" not in p.tags
                          and "current-colleague" not in p.tags]
        polite = self.pick(ambiguous_weak, "polite-reply")
        persistent = self.pick([p for p in ambiguous_weak if p.index not in polite],
                               "many-one-way")
        for p in self.people:
            c = p.closeness
            if p.level == "strong" and p.index in elsewhere:
                # close friends who talk by phone or chat: LinkedIn sees a short exchange
                end = self.window(0.5, 10)
                self.direct(p, end - timedelta(days=rng.uniform(1, 60)), end, "two-way", 0.0,
                            rng.randint(2, 4))
                p.tags.append("off-platform")
            elif p.level == "strong":
                if p.index in quiet:
                    end = self.window(4, 8)
                    p.tags.append("quiet-spell")
                else:
                    # days since the last exchange: the closest are in touch most recently
                    end = self.end - timedelta(days=min(100.0, rng.expovariate(
                        1 / (4 + 30 * (1 - c)))))
                start = end - timedelta(days=rng.uniform(6, 30) * _MONTH)
                weight, minimum = self.volume(60.0, c), 8
                if p.index in self.mostly_group:
                    weight, minimum = weight * 0.1, 3
                    p.tags.append("mostly-group")
                self.direct(p, start, end, "two-way", weight, minimum)
            elif p.level == "medium":
                if p.index in short_recent:
                    # the real history is old; lately only a two-message "how are you" thread
                    old = self.window(14, 34)
                    self.direct(p, old - timedelta(days=rng.uniform(1, 12) * _MONTH), old,
                                "two-way", 0.0, rng.randint(2, 6))
                    at = self.window(0.3, 5)
                    self.direct(p, at - timedelta(days=rng.uniform(0.1, 3)), at, "two-way",
                                0.0, 2)
                    p.tags.append("short-recent-thread")
                    continue
                # some medium ties are in touch right now, most were a while ago
                end = self.window(0.2, 6) if rng.random() < 0.35 else self.window(6, 30)
                start = end - timedelta(days=rng.uniform(0, 18) * _MONTH)
                weight, minimum = self.volume(3.0, c), rng.randint(2, 8)
                if p.index in self.mostly_group:
                    weight, minimum = 0.0, 2
                    p.tags.append("mostly-group")
                self.direct(p, start, end, "two-way", weight, minimum)
            elif p.level == "dormant" and "shared-past-employer" not in p.tags:
                former_strong = rng.random() < 0.3
                if former_strong:
                    p.closeness = c = rng.uniform(0.75, 1.0)
                latest = min(self.end - timedelta(days=38 * _MONTH),
                             datetime(self.old_end.year, self.old_end.month, 1, tzinfo=UTC)
                             if "former-colleague" in p.tags else self.end)
                since = self.old_start if "former-colleague" in p.tags else self.joined
                earliest = datetime(since.year, since.month, 1, tzinfo=UTC)
                end = earliest + (latest - earliest) * rng.uniform(0.4, 1.0)
                start = max(earliest, end - timedelta(days=rng.uniform(2, 40) * _MONTH))
                # former inner-circle ties keep growing with the budget; the rest stay small
                self.direct(p, start, end, "two-way", 40.0 if former_strong else 0.0,
                            10 if former_strong else rng.randint(2, 6),
                            folder="ARCHIVE" if rng.random() < 0.3 else "INBOX")
                p.tags.append("former-strong" if former_strong else "past-two-way")
            elif p.level == "weak" and p.index in polite:
                # someone wrote, the owner answered politely once: two-way, yet not a relation
                at = self.window(0.5, 34)
                self.direct(p, at - timedelta(days=rng.uniform(0.1, 5)), at, "two-way", 0.0, 2)
                p.tags += ["one-way-in", "polite-reply"]
                self.weak_kind[p.index] = "polite-reply"
            elif p.level == "weak" and p.index in persistent:
                # a recruiter-like connection who keeps writing and never gets an answer
                at = self.window(0.3, 20)
                self.direct(p, at - timedelta(days=rng.uniform(2, 14) * _MONTH), at, "in", 0.0,
                            rng.randint(4, 12))
                p.tags += ["one-way-in", "many-one-way"]
                self.weak_kind[p.index] = "many-one-way"
            elif p.level == "weak" and "group-only" not in p.tags and \
                    "shared-current-employer" not in p.tags:
                kind = rng.choices(weak_kinds, weak_weights)[0]
                self.weak_kind[p.index] = kind
                p.tags.append(kind)
                if kind in ("one-way-in", "one-way-out"):
                    at = self.window(0.5, 34)
                    self.direct(p, at, at, kind.removeprefix("one-way-"), 0.0,
                                1 if kind == "one-way-out" else rng.choice((1, 1, 2)))
                elif kind == "invitation-note":
                    p.connected_on = (self.end - timedelta(
                        days=rng.uniform(3, INVITATION_WINDOW_DAYS - 20))).date()
            if p.index in birthday:
                # years of silence, then one birthday or congratulation note, not answered
                at = self.window(0.5, 30)
                self.direct(p, at, at, rng.choice(("in", "out")), 0.0, 1)
                p.tags.append("birthday-note")
        self.plan_groups()
        self.plan_cold()
        self.plan_noise()

    def plan_groups(self) -> None:
        persona, rng = self.persona, self.rng
        if not persona.group_share or self.budget < 50:
            return
        active = [p.index for p in self.people if p.level in ("strong", "medium")
                  and "current-colleague" in p.tags]
        if persona.name != "insider":
            active = [p.index for p in self.people if p.level in ("strong", "medium")]
        quiet = [p.index for p in self.group_only]
        n_groups = max(2, round(self.budget * persona.group_share / 120))
        n_groups = min(n_groups, 12 + len(self.people) // 20)
        titles = ("Team Platform", "Sprint review", "Borrel 🎉", "Q3 planning", "Projectgroep",
                  "Release crew", "Offsite 2026", "Lunch club", "Werkgroep data", "Alle hens")
        covered: set[int] = set()
        for g in range(n_groups):
            large = rng.random() < 0.5 or g < 2
            size = rng.randint(8, 30) if large else rng.randint(3, 6)
            # large groups are mostly quiet colleagues around a few active ones
            wanted = size // 3 if large and quiet else size - 1
            members = set(rng.sample(active, min(len(active), max(1, wanted))))
            if quiet:
                # every group-only colleague lands in at least one LARGE group
                todo = [q for q in quiet if q not in covered] if large else []
                members.update(todo[: size])
                if large:
                    members.update(rng.sample(quiet, max(0, min(len(quiet),
                                                                size - len(members)))))
            if len(members) < 2:
                continue
            covered.update(members)
            if not large:
                members -= set(quiet)  # the quiet ones are only ever in large groups
                if len(members) < 2:
                    continue
            end = self.window(0.1, 20)
            start = end - timedelta(days=rng.uniform(1, 14) * _MONTH)
            for index in members:
                self.earliest(self.people[index], start)
            title = f"{rng.choice(titles)} {g + 1}" if rng.random() < 0.5 else rng.choice(titles)
            self.add_thread("group", tuple(sorted(members)), start, end, "two-way",
                            2.0 * len(members), 3, title=title)
        for index in sorted(self.mostly_group):
            # colleagues who talk mostly in small working groups rather than 1:1
            for _ in range(rng.randint(1, 3)):
                others = rng.sample(active, min(len(active), rng.randint(2, 4)))
                members = {index, *others}
                if len(members) < 2:
                    continue
                end = self.window(0.1, 10)
                start = end - timedelta(days=rng.uniform(1, 14) * _MONTH)
                for member in members:
                    self.earliest(self.people[member], start)
                self.add_thread("group", tuple(sorted(members)), start, end, "two-way",
                                3.0 * len(members), 4, title=rng.choice(titles))
        leftover = [q for q in quiet if q not in covered]
        for q in leftover:  # too few groups to hold everyone: they fall back to colleagues
            person = self.people[q]
            person.tags.remove("group-only")
            person.tags.append("shared-current-employer")

    def plan_cold(self) -> None:
        """Non-connections who wrote: recruiters and sales pitches, a few answered."""
        rng = self.rng
        n = round(self.persona.cold_senders * self.total_rows / 1000)
        orgs = organisations(random.Random(f"cold:{self.seed}"), 40)
        for _ in range(n):
            recruiter = rng.random() < 0.6
            title = rng.choice(("Recruiter", "Talent Acquisition Specialist",
                                "Senior Recruiter")) if recruiter else rng.choice(
                ("Account Executive", "Business Developer", "Sales Manager"))
            person = self.new_person(rng.choice(orgs), title, None)
            person.tags += ["not-connection", "recruiter" if recruiter else "sales-pitch"]
            replied = recruiter and rng.random() < 0.25
            at = self.window(0.2, 30)
            if replied:
                person.level = "medium"
                person.tags.append("replied")
                self.add_thread("cold", (person.index,), at - timedelta(days=2), at, "two-way",
                                0.0, 3, title=rng.choice(("", "", "Opportunity")))
            else:
                person.level = "weak"
                person.tags.append("one-way-in")
                subject = "" if rng.random() < 0.6 else rng.choice(
                    ("A role that fits you", "Quick intro", "Partnership idea"))
                self.add_thread("cold", (person.index,), at - timedelta(days=rng.uniform(0, 20)),
                                at, "in", 0.0, rng.choice((1, 1, 2, 3)), title=subject)

    def plan_noise(self) -> None:
        """Rows a reader must drop: sponsored InMail, hidden senders, spam."""
        rng, m = self.rng, self.budget
        if m < 30:
            return
        for _ in range(max(1, m // 250)):
            at = self.window(0.2, 30)
            self.add_thread("sponsored", (), at, at, "in", 0.0, 1,
                            title="Sponsored Conversation")
        for _ in range(max(1, m // 800)):
            at = self.window(0.2, 40)
            self.add_thread("member", (), at - timedelta(days=1), at, "in", 0.0,
                            rng.choice((1, 2)))
        for _ in range(max(1, m // 1000)):
            at = self.window(0.2, 30)
            spammer = self.new_person("", "", None)
            spammer.level = "spam"
            self.add_thread("spam", (spammer.index,), at, at, "in", 0.0, 1, folder="SPAM")

    def allocate(self) -> None:
        """Fit thread sizes to the message budget: minimums first, the rest by weight."""
        threads = self.threads
        # Drop the least essential threads while minimums exceed the budget.
        priority = {"sponsored": 0, "member": 0, "spam": 0, "cold": 1, "group": 2, "direct": 3}
        order = sorted(range(len(threads)), key=lambda i: (priority[threads[i].kind],
                                                           threads[i].weight, i))
        need = sum(t.minimum for t in threads)
        dropped: set[int] = set()
        for i in order:
            if need <= self.budget:
                break
            dropped.add(i)
            need -= threads[i].minimum
        # a person whose 1:1 thread is dropped loses every other 1:1 thread too, so what is
        # left of them matches the level `forget` re-plants
        gone = {threads[i].people[0] for i in dropped if threads[i].kind in ("direct", "cold")}
        for i, t in enumerate(threads):
            if i not in dropped and t.kind in ("direct", "cold") and t.people[0] in gone:
                dropped.add(i)
                need -= t.minimum
        for i in sorted(dropped):
            for index in threads[i].people:
                self.forget(self.people[index], threads[i])
        self.threads = [t for i, t in enumerate(threads) if i not in dropped]
        extra = self.budget - need
        weights = [t.weight for t in self.threads]
        total = sum(weights)
        shares = [extra * w / total if total else 0.0 for w in weights]
        for thread, share in zip(self.threads, shares, strict=True):
            thread.count = thread.minimum + int(share)
        left = self.budget - sum(t.count for t in self.threads)
        if total:
            by_fraction = sorted(range(len(shares)), key=lambda i: (-(shares[i] % 1), i))
            for i in by_fraction[:left]:
                self.threads[i].count += 1

    def forget(self, person: Person, thread: Thread) -> None:
        """A thread was dropped to fit the budget: re-plant what is left of the person."""
        if thread.kind == "group":
            return  # members keep their other evidence; group-only ones are fixed below
        keep = [t for t in person.tags if t in ("non-ascii-url", "credential-comma", "emoji-name",
                                                "whitespace", "email", "current-colleague",
                                                "former-colleague", "not-connection")]
        person.tags = keep
        if person.connected_on is None:
            person.level = "dropped"
        elif "current-colleague" in keep:
            person.level = "weak"
            person.tags.append("shared-current-employer")
        elif "former-colleague" in keep and person.company == self.old_employer:
            person.level = "dormant"
            person.tags.append("shared-past-employer")
        else:
            person.level = "latent"

    # -- non-message events -----------------------------------------------------------------

    def plan_events(self) -> None:
        rng = self.rng
        in_groups = {i for t in self.threads if t.kind == "group" for i in t.people}
        for p in self.people:
            if "group-only" in p.tags and p.index not in in_groups:
                p.tags.remove("group-only")
                p.tags.append("shared-current-employer")
        # Recommendations carry no URL: a reader matches them by name, so only people whose
        # name (without credentials or emoji) is unique in the export get one.
        names = Counter(_name_key(p) for p in self.people)
        recent_from = self.end - timedelta(days=INVITATION_WINDOW_DAYS)
        recommended = 0
        old_enough = _months_before(self.export, 40)
        stray = self.pick([p for p in self.people if p.level == "latent"
                           and p.connected_on is not None and p.connected_on < old_enough],
                          "stray-endorsement")
        for p in self.people:
            unique_name = names[_name_key(p)] == 1
            c = p.closeness
            if p.level == "strong":
                # the first two eligible strong ties always give one received and one given
                if unique_name and (recommended < 2 or rng.random() < 0.4 * c):
                    self.recommend(p, self.window(1, 34),
                                   recommended == 0 or (recommended > 1 and rng.random() < 0.6))
                    recommended += 1
                if rng.random() < 0.2 + 0.4 * c:
                    self.endorse(p, self.window(0.5, 30), rng.random() < 0.6)
            elif p.level == "medium" and p.connected_on is not None and rng.random() < 0.35 * c:
                self.endorse(p, self.window(1, 34), rng.random() < 0.5)
            elif p.index in stray:
                # LinkedIn's "does X know Y?" prompt: one click years ago, no relationship
                self.endorse(p, self.window(40, 100), True)
                p.tags.append("stray-endorsement")
            elif p.level == "dormant" and "former-strong" in p.tags and unique_name \
                    and rng.random() < 0.5:
                self.recommend(p, self.window(40, 96), rng.random() < 0.5)
                p.tags.append("old-recommendation")
            elif p.level == "dormant" and rng.random() < 0.15 and p.connected_on is not None \
                    and p.connected_on < _months_before(self.export, 40):
                self.endorse(p, self.window(40, 100), rng.random() < 0.5)
            elif self.weak_kind.get(p.index) == "endorsement-only":
                self.endorse(p, self.window(0.5, 34), rng.random() < 0.7)
            if p.connected_on is not None and p.connected_on > recent_from.date():
                note = self.weak_kind.get(p.index) == "invitation-note"
                at = _at(p.connected_on, rng) - timedelta(days=rng.choice((0, 0, 1, 3)))
                self.invitations.append(Invitation(
                    p.index, min(at, self.end), rng.random() < 0.3,
                    rng.choice(("Hi, great meeting you at the workshop!",
                                "Leuk je gesproken te hebben, laten we connecten.",
                                "Would love to stay in touch.")) if note else ""))
                if not note and p.level == "latent":
                    p.tags.append("recent-invite")
        self.plan_strangers()

    def endorse(self, p: Person, at: datetime, received: bool) -> None:
        earliest = datetime(self.joined.year, self.joined.month, 2, tzinfo=UTC)
        self.endorsements.append(Endorsement(p.index, max(at, earliest), self.rng.choice(SKILLS),
                                             received))
        if p.connected_on is not None and p.connected_on > at.date():
            p.connected_on = _day_between(self.rng, self.joined, at.date())

    def recommend(self, p: Person, at: datetime, received: bool) -> None:
        first = p.first.strip().split(" ")[0]
        self.recommendations.append(Recommendation(p.index, at,
                                                   recommendation_text(self.rng, first), received))
        p.tags.append("recommendation")

    def plan_strangers(self) -> None:
        """Pending invitations and endorsers who are not connections."""
        rng = self.rng
        for _ in range(max(2, self.total_rows // 80)):
            person = self.new_person(*_company_title(rng, self), None)
            note = rng.random() < 0.05
            incoming = rng.random() < 0.7
            person.tags += ["not-connection", "pending-invitation"]
            if note:
                person.tags.append("invitation-note")
            person.level = "weak" if note else "latent"
            self.invitations.append(Invitation(
                person.index, self.window(0.1, 9), incoming,
                "Hello, I saw your talk and would like to connect." if note else ""))
        for _ in range(max(1, self.total_rows // 400)):
            person = self.new_person(*_company_title(rng, self), None)
            person.tags += ["not-connection", "endorsement-only"]
            person.level = "weak"
            self.endorse(person, self.window(0.5, 30), True)

    def finish(self) -> Plan:
        # hard case: dormant ties with more past messages than today's most active medium tie
        counts = Counter[int]()
        for t in self.threads:
            if t.kind == "direct":
                counts[t.people[0]] += t.count
        top_medium = max((counts[p.index] for p in self.people if p.level == "medium"), default=0)
        for p in self.people:
            if p.level == "dormant" and counts[p.index] > top_medium:
                p.tags.append("dormant-more-than-medium")
        self.rng.shuffle(self.threads)  # conversations are not globally ordered
        # bodies carry no names; `_body` greets the right person by name on some rows
        pool = [message_text(self.rng, "", sentences=self.rng.randint(1, 4),
                             newlines=self.persona.quote_all) for _ in range(512)]
        # shortest first, so a thread's `length_bias` can lean towards either end
        pool.sort(key=lambda text: (len(text), text))
        return Plan(self.persona, self.seed, self.export,
                    f"{self.persona.first_name} {self.persona.last_name}",
                    PROFILE + self.persona.slug, self.people, self.hidden_dates, self.threads,
                    self.invitations, self.endorsements, self.recommendations, tuple(pool))


def _name_key(person: Person) -> str:
    """A person's name as a reader compares it: no credential, no emoji, lowercase."""
    first = person.first.strip()
    last = person.last.split(",")[0].strip()
    return " ".join(w for w in f"{first} {last}".lower().split() if w.isalpha())


def _company_title(rng: random.Random, builder: _Builder) -> tuple[str, str]:
    return organisation(rng), job_title(rng)[0]


@dataclass(frozen=True, slots=True)
class SharedPool:
    """Contacts several samples have in common: `share` of each sample's other contacts are
    drawn from one pool of `size` people generated from `seed` (same seed, same people)."""

    size: int
    share: float
    seed: int = 0


def shared_pool(seed: int, size: int) -> list[tuple[str, str, str, str, str]]:
    """The pool's people as (first, last, slug, company, position), the same for every sample."""
    rng = random.Random(f"netscan-sample-pool:{seed}")
    taken: set[str] = set()
    orgs = organisations(rng, max(8, size // 20))
    people = []
    for _ in range(size):
        first, last = person_name(rng)
        people.append((first, last, _slug(rng, first, last, taken), rng.choice(orgs),
                       job_title(rng)[0]))
    return people


def build_plan(persona: str, *, connections: int | None = None, messages: int | None = None,
               seed: int = 7, export_date: date = date(2026, 11, 2),
               shared: SharedPool | None = None) -> Plan:
    """Plan a synthetic export: every person, their planted level and their events."""
    shape = PERSONAS[persona]
    builder = _Builder(shape, max(1, connections if connections is not None
                                  else shape.connections),
                       max(0, messages if messages is not None else shape.messages), seed,
                       export_date, shared)
    builder.build_people()
    builder.assign_levels()
    builder.plan_threads()
    builder.allocate()
    builder.plan_events()
    return builder.finish()


# -- message rows (regenerated per thread, never stored) ----------------------------------------

def _conversation_id(rng: random.Random) -> str:
    """``2-<base64>==``, 58 characters: base64 of a UUID-like id plus a suffix, like LinkedIn's."""
    import base64

    raw = f"{rng.getrandbits(128):032x}"
    uid = f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}_{rng.choice(('010', '100'))}"
    return "2-" + base64.b64encode(uid.encode("ascii")).decode("ascii")


class _Clock:
    """Formats epoch seconds as ``YYYY-MM-DD HH:MM:SS UTC``; a per-day cache keeps it cheap."""

    def __init__(self) -> None:
        self.days: dict[int, str] = {}

    def __call__(self, seconds: int) -> str:
        day, rest = divmod(seconds, 86_400)
        prefix = self.days.get(day)
        if prefix is None:
            prefix = self.days[day] = f"{datetime.fromtimestamp(day * 86_400, UTC):%Y-%m-%d}"
        hours, rest = divmod(rest, 3600)
        minutes, secs = divmod(rest, 60)
        return f"{prefix} {hours:02d}:{minutes:02d}:{secs:02d} UTC"


_CLOCK = _Clock()
_BURST_SECONDS = 2 * 86_400  # mean spread of the messages in one burst


def _times(rng: random.Random, thread: Thread) -> list[int]:
    """`thread.count` moments (epoch seconds) between start and end, newest first."""
    start, end = int(thread.start.timestamp()), int(thread.end.timestamp())
    span = end - start
    rand = rng.random
    if thread.burst and thread.count > 3:
        # conversations come in bursts (a question, a few replies within days) separated by
        # quiet weeks or months: messages cluster after a few random burst openings
        centres = [start + int(rand() * span) for _ in range(1 + int(thread.count * thread.burst))]
        k = len(centres)
        moments = [end] + [min(end, centres[int(rand() * k)]
                               - int(_BURST_SECONDS * math.log(1.0 - rand())))
                           for _ in range(thread.count - 1)]
    else:
        moments = [end] + [start + int(rand() * span) for _ in range(thread.count - 1)]
    moments.sort(reverse=True)
    if thread.pattern == "two-way" and len(moments) > 1:
        # the newest exchange is a reply within days, not months
        moments[1] = max(moments[1], end - int(rand() * min(span, 4 * 86_400)))
    return moments


def thread_messages(plan: Plan, thread: Thread) -> Iterator[MessageRow]:
    """The rows of one conversation, newest first, regenerated from the thread's seed."""
    rng = random.Random(thread.seed)
    rand = rng.random
    cid = _conversation_id(rng)
    owner, owner_url = plan.owner_name, plan.owner_url
    pool = plan.content_pool
    people = [plan.people[i] for i in thread.people]
    moments = _times(rng, thread)
    clock, title, folder = _CLOCK, thread.title, thread.folder
    if thread.kind == "sponsored":
        brand = organisation(rng)
        rep = " ".join(person_name(rng))
        content = (f'<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%,</p>'
                   f"<p>{brand} helps teams like yours save time&nbsp;&amp; money.</p>"
                   f'<p><a href="https://www.example.com/demo">Book a demo</a></p>')
        for at in moments:
            yield MessageRow(cid, title, rep, "", owner, owner_url, clock(at), "", content,
                             folder, "")
        return
    if thread.kind == "member":
        for at in moments:
            yield MessageRow(cid, "", "LinkedIn Member", "", owner, owner_url, clock(at), "",
                             _body(rand, pool, ""), folder, "")
        return
    if thread.kind == "group":
        everyone = [(p.name, p.url) for p in people] + [(owner, owner_url)]
        # what each sender sees in TO / RECIPIENT PROFILE URLS: everyone else, joined by ","
        others = []
        for k in range(len(everyone)):
            rest = [e for j, e in enumerate(everyone) if j != k]
            others.append((",".join(n for n, _ in rest), ",".join(u for _, u in rest)))
        owner_share = 2 / (len(everyone) + 1)
        for at in moments:
            k = len(everyone) - 1 if rand() < owner_share else int(rand() * (len(everyone) - 1))
            name, url = everyone[k]
            yield MessageRow(cid, title, name, url, others[k][0], others[k][1], clock(at), "",
                             _body(rand, pool, ""), folder, _attachment(rng))
        return
    other = people[0]
    other_name, other_url, other_first = other.name, other.url, other.first.strip()
    owner_first = plan.persona.first_name
    n = len(moments)
    share = thread.owner_share
    # u ** exponent leans the pick into the length-sorted pool: >1 short, <1 long
    exponent = 2.0 ** (1.0 - 2.0 * thread.length_bias)
    for j, at in enumerate(moments):
        if thread.pattern == "in":
            outgoing = False
        elif thread.pattern == "out":
            outgoing = True
        elif j < 2:
            # the newest exchange goes both ways, so the tie is two-way as late as it is active
            outgoing = j == 1
        else:
            outgoing = rand() < share
        if outgoing:
            yield MessageRow(cid, title, owner, owner_url, other_name, other_url, clock(at), "",
                             _body(rand, pool, other_first, exponent), folder, _attachment(rng))
        else:
            subject = title if thread.kind == "cold" and j == n - 1 else ""
            yield MessageRow(cid, title, other_name, other_url, owner, owner_url, clock(at),
                             subject, _body(rand, pool, owner_first, exponent), folder,
                             _attachment(rng))


def _body(rand: Callable[[], float], pool: tuple[str, ...], name: str,
          exponent: float = 1.0) -> str:
    roll = rand()
    if roll < 0.03:
        return ""  # attachments and system events leave CONTENT empty
    text = pool[int(rand() ** exponent * len(pool))]
    if name and roll < 0.25:
        return f"Hi {name}, {text}"
    return text


def _attachment(rng: random.Random) -> str:
    if rng.random() < 0.985:
        return ""
    return (f"https://www.linkedin.com/dms/prv/image/v2/{rng.getrandbits(64):016X}/"
            f"messaging-attachmentFile/0/{rng.getrandbits(40)}")
