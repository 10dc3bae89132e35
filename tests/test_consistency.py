"""Every advice sentence is true of the data it describes (issue 14): checked on the bundled
personas against their ties tables."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import pytest

from netscan.companies import company_key
from tests.test_diagnosis_goals import PERSONAS, _persona_with_ties


def _named(text: str, people: set[str]) -> set[str]:
    return {p for p in people if f"{p} (" in text}


@pytest.mark.parametrize("name", PERSONAS)
def test_advice_sentences_match_the_ties_they_name(name: str) -> None:
    ties, result = _persona_with_ties(name)
    frame: pl.DataFrame = ties  # type: ignore[assignment]
    as_of: date = frame.get_column("last_contact").drop_nulls().max()  # type: ignore[assignment]
    classes: dict[str, set[str]] = {}
    for person, cls in frame.select("name", "tie_class").iter_rows():
        classes.setdefault(person, set()).add(cls)
    people = set(classes)
    for goal in result.goals:  # type: ignore[attr-defined]
        for action in goal.actions:
            if "weak ties" in action and "into active ones" in action:
                listed = re.findall(r"([^:,;]+?) \(([^(),]+), (\w+)\)", action.split(":", 1)[1])
                assert listed, action
                for person, company, cls in listed:
                    row = frame.filter((pl.col("name") == person.strip())
                                       & (pl.col("company") == company))
                    assert cls == "weak" and "weak" in row.get_column("tie_class").to_list(), (
                        person, action)
            if "keep contact at least monthly:" in action:
                monthly = action.split("keep contact at least monthly:", 1)[1]
                monthly = monthly.split("overdue for a call:", 1)[0]
                for days in re.findall(r"last two-way contact (\d+) days? ago", monthly):
                    assert int(days) <= 31, action
            if "from outside your current employer" in action:
                owner = company_key(next(
                    p.company for p in _owner_positions(name) if p.finished is None))
                for person in _named(action, people):
                    companies = frame.filter(pl.col("name") == person).get_column("company")
                    assert any(company_key(c) != owner for c in companies), (person, action)
    assert as_of is not None


def _owner_positions(name: str) -> tuple:  # type: ignore[type-arg]
    from pathlib import Path

    from netscan.ingest import load_exports

    sample = Path(__file__).resolve().parent.parent / "sample_exports" / f"{name}.zip"
    return load_exports([sample]).owner.positions


@pytest.mark.parametrize("name", PERSONAS)
def test_no_person_is_recommended_twice_on_the_page(name: str) -> None:
    ties, result = _persona_with_ties(name)
    people = set(ties.get_column("name").to_list())  # type: ignore[attr-defined]
    first: dict[str, str] = {}
    for goal in result.goals:  # type: ignore[attr-defined]
        named = _named(" ".join(goal.actions), people)
        assert named <= set(goal.people) | {p for p in named if p not in first}
        for person in named:
            assert person not in first, (person, first.get(person), goal.id)
            first[person] = goal.id
