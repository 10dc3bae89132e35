"""The personas `netscan sample` can write: network shapes an owner might plausibly have.

Each persona fixes its owner (name, jobs, school) and the share of contacts planted at each
relationship level. Shares apply to connections; the generator caps `strong` near Dunbar's
inner layers (SCIENCE §5.1), whatever the network size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class OwnerJob:
    """One of the owner's positions; `finished` is None for the current job."""

    company: str
    title: str
    started: date
    finished: date | None


@dataclass(frozen=True, slots=True)
class Persona:
    """A network shape: owner, default sizes and the planted level mix."""

    name: str
    summary: str
    first_name: str
    last_name: str
    slug: str
    headline: str
    jobs: tuple[OwnerJob, ...]
    connections: int
    messages: int
    # shares of connections by planted level; latent takes the remainder
    strong: float
    medium: float
    weak: float
    dormant: float
    # share of connections who work at the owner's current employer
    current_colleagues: float
    # share of connections who are former colleagues at the owner's previous employer
    former_colleagues: float
    # how many distinct other organisations the rest of the network spreads over (per 1,000)
    orgs_per_thousand: int
    # share of message rows spent in group threads
    group_share: float
    # messages.csv written with every field quoted (2026 style) or minimally quoted
    quote_all: bool
    # year the owner joined LinkedIn
    joined: int
    # non-connections who wrote (recruiters, sales pitches) per 1,000 connections
    cold_senders: int


PERSONAS: dict[str, Persona] = {
    p.name: p
    for p in (
        Persona(
            name="insider",
            summary="A company insider: most contacts work at the owner's employer, with dense "
            "group threads among colleagues and many strong ties.",
            first_name="Marloes", last_name="van den Heuvel", slug="marloes-van-den-heuvel-4c1e9a",
            headline="Teamleider Platform bij Kestrel Analytics",
            jobs=(
                OwnerJob("Kestrel Analytics", "Teamleider Platform", date(2019, 3, 1), None),
                OwnerJob("Kestrel Analytics", "Senior Software Engineer", date(2015, 9, 1),
                         date(2019, 2, 1)),
                OwnerJob("Duinroos Software", "Software Engineer", date(2012, 8, 1),
                         date(2015, 8, 1)),
            ),
            connections=600, messages=8000,
            strong=0.022, medium=0.11, weak=0.12, dormant=0.06,
            current_colleagues=0.62, former_colleagues=0.04, orgs_per_thousand=120,
            group_share=0.35, quote_all=True, joined=2011, cold_senders=25,
        ),
        Persona(
            name="bridger",
            summary="A consultant who bridges worlds: contacts across hundreds of organisations, "
            "functions and seniority levels; few strong ties, many weak ones.",
            first_name="Jeroen", last_name="Kuipers", slug="jeroen-kuipers-adviseur",
            headline="Independent Adviseur | Strategy & Operations",
            jobs=(
                OwnerJob("Kuipers Strategie & Advies", "Founder & Adviseur", date(2017, 1, 1),
                         None),
                OwnerJob("Marlowe & Voss Consulting", "Senior Management Consultant",
                         date(2010, 9, 1), date(2016, 12, 1)),
            ),
            connections=1400, messages=6000,
            strong=0.006, medium=0.05, weak=0.36, dormant=0.05,
            current_colleagues=0.0, former_colleagues=0.03, orgs_per_thousand=620,
            group_share=0.04, quote_all=True, joined=2009, cold_senders=20,
        ),
        Persona(
            name="switcher",
            summary="A career switcher: many dormant ties to former colleagues at the old "
            "logistics employer, and a new, small, active circle in data analytics.",
            first_name="Youssef", last_name="El Amrani", slug="youssef-el-amrani-7d2b10",
            headline="Data Analyst | ex-logistics planner",
            jobs=(
                OwnerJob("Brightwater Analytics", "Data Analyst", date(2023, 4, 1), None),
                OwnerJob("Veldkamp Logistiek", "Supply Chain Planner", date(2014, 2, 1),
                         date(2023, 1, 1)),
            ),
            connections=900, messages=7000,
            strong=0.01, medium=0.04, weak=0.16, dormant=0.30,
            current_colleagues=0.05, former_colleagues=0.42, orgs_per_thousand=260,
            group_share=0.06, quote_all=False, joined=2013, cold_senders=15,
        ),
        Persona(
            name="newcomer",
            summary="A newcomer: a small network built in the last two years, with little "
            "activity.",
            first_name="Zeynep", last_name="Arslan", slug="zeynep-arslan-b83f2d",
            headline="Junior Marketing Manager at Tulpwerk Media",
            jobs=(
                OwnerJob("Tulpwerk Media", "Junior Marketing Manager", date(2025, 9, 1), None),
                OwnerJob("Tulpwerk Media", "Marketing Intern", date(2025, 2, 1),
                         date(2025, 7, 1)),
            ),
            connections=150, messages=140,
            strong=0.013, medium=0.04, weak=0.2, dormant=0.0,
            current_colleagues=0.15, former_colleagues=0.0, orgs_per_thousand=500,
            group_share=0.0, quote_all=False, joined=2024, cold_senders=40,
        ),
    )
}
